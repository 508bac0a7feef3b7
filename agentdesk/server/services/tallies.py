"""A period's contacts counted in SQL, as the `Tally` sums the figures are ratios of.

One grouped aggregate over the conversations offered in the period and one over those
resolved in it (by queue, channel and, for intervals, 15-minute slot) give each group's
tally, whose sums add up to the queue's and the channel's; one more spreads the time agents
owned contacts over the period (occupancy). What the figures need of each contact is on its
row as it happens (services/milestones.py: first assignment, abandonment, repeat), so no
per-contact lookup of events is needed; the few accepted self-service suggestions and survey
answers are read as rows. Moments are whole milliseconds computed by the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    RowMapping,
    Select,
    Subquery,
    and_,
    case,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from agentdesk.domain import metrics as mx
from agentdesk.domain.enums import ConversationStatus, EventKind
from agentdesk.server.db import models as m
from agentdesk.server.services.routing import DEFAULT_CAPACITY

# The assistant's kind of suggestion that sends the customer to self-service (a help article).
SELF_SERVICE = "deflection"
DEFAULT_SERVICE_LEVEL_S = 60


class epoch_ms(FunctionElement[int]):
    """A timestamp as whole milliseconds since the Unix epoch, computed by the database.

    Integers, so sums and differences are exact on both databases (a 60-second wait is
    60000, never 60.00004), and cheap: SQLite's round() cost more than the figures."""

    type = BigInteger()
    inherit_cache = True


@compiles(epoch_ms, "sqlite")
def _epoch_sqlite(element: epoch_ms, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST((julianday({compiler.process(element.clauses, **kw)}) - 2440587.5) * 86400000.0 + 0.5 AS INTEGER)"


@compiles(epoch_ms, "postgresql")
def _epoch_postgresql(element: epoch_ms, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(round(EXTRACT(EPOCH FROM {compiler.process(element.clauses, **kw)}) * 1000) AS BIGINT)"


INTERVAL_MS = mx.INTERVAL_S * 1000


def _ms(moment: datetime) -> int:
    """A moment in Python as `epoch_ms` gives it in the database."""
    return round(moment.timestamp() * 1000)


def _seconds(total_ms: Any) -> float:
    """A sum of milliseconds (PostgreSQL sums BIGINTs as NUMERIC) in seconds; none summed is 0."""
    return int(total_ms or 0) / 1000


@dataclass
class Setup:
    """The queues and their policies: what the aggregates are parametrized by."""

    queues: list[m.Queue]
    policies: dict[int, m.QueuePolicy]

    def threshold(self, queue_id: int) -> int:
        policy = self.policies.get(queue_id)
        return policy.service_level_s if policy else DEFAULT_SERVICE_LEVEL_S

    def short_abandon(self, queue_id: int) -> int:
        policy = self.policies.get(queue_id)
        return policy.short_abandon_s if policy else 0

    def channel_threshold(self, channel: str) -> int:
        """A channel's own threshold: the strictest of its queues' policies."""
        found = [p.service_level_s for q in self.queues if q.channel == channel and (p := self.policies.get(q.id))]
        return min(found, default=DEFAULT_SERVICE_LEVEL_S)


def load_setup(session: Session) -> Setup:
    queues = list(session.scalars(select(m.Queue).order_by(m.Queue.id)))
    return Setup(queues, {p.queue_id: p for p in session.scalars(select(m.QueuePolicy))})


def _lookup(column: ColumnElement[Any], mapping: dict[Any, Any], default: Any) -> ColumnElement[Any]:
    """`mapping[column]` in SQL (a CASE over a handful of queues or channels)."""
    return case(mapping, value=column, else_=literal(default)) if mapping else literal(default)


def _answered_at() -> ColumnElement[Any]:
    """A contact is answered at its first assignment or first reply, whichever came first."""
    c = m.Conversation
    return case(
        (c.first_assigned_at.is_(None), c.first_response_at),
        (or_(c.first_response_at.is_(None), c.first_assigned_at <= c.first_response_at), c.first_assigned_at),
        else_=c.first_response_at,
    )


def subquery_rows(statement: Select[Any]) -> Subquery:
    """`statement` as a subquery the database reads row by row rather than merging into the outer
    query: merged, SQLite would recompute each moment's epoch at every use in the aggregates, and
    groups the rows through an index walk several times slower than its plain scan and sort.
    OFFSET 0 is the fence (SQLite does not flatten a subquery with an offset; PostgreSQL neither)."""
    return statement.offset(0).subquery()


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


# A group's key: (queue, channel, interval start in s); the interval is 0 when the period is not sliced.
Key = tuple[int, str, int]


@dataclass
class Tallies:
    """Per group, the tally as its queue counts it and as its channel counts it (thresholds differ)."""

    queue: dict[Key, mx.Tally]
    channel: dict[Key, mx.Tally]

    def both(self, key: Key) -> tuple[mx.Tally, mx.Tally]:
        if key not in self.queue:
            self.queue[key], self.channel[key] = mx.Tally(), mx.Tally()
        return self.queue[key], self.channel[key]


def _grouped(
    session: Session, table: Subquery, moment_ms: ColumnElement[int], sliced: bool, **measures: ColumnElement[Any]
) -> Iterator[tuple[Key, RowMapping]]:
    """`measures` of a subquery's rows grouped by queue, channel and (when sliced) the interval of `moment_ms`."""
    by = [table.c.queue_id, table.c.channel, *([moment_ms // INTERVAL_MS] if sliced else [])]
    statement = select(*by, *(value.label(name) for name, value in measures.items())).group_by(*by)
    for row in session.connection().execute(statement):
        yield (row[0], row[1], row[2] * mx.INTERVAL_S if sliced else 0), row._mapping


def count_period(
    session: Session, setup: Setup, start: datetime, end: datetime, now: datetime, sliced: bool
) -> Tallies:
    c = m.Conversation
    out = Tallies({}, {})
    channels = {q.channel for q in setup.queues}
    moments = subquery_rows(
        select(
            c.queue_id,
            c.channel,
            c.repeat_contact,
            epoch_ms(c.created_at).label("created"),
            epoch_ms(_answered_at()).label("answered"),
            epoch_ms(c.first_response_at).label("responded"),
            epoch_ms(c.abandoned_at).label("abandoned"),
            and_(c.status == ConversationStatus.OPEN.value, c.assignee_id.is_(None)).label("unowned"),
        ).where(c.created_at >= start, c.created_at < end)
    ).c
    # A second level for the differences: each moment's epoch is computed once per row.
    offered = subquery_rows(
        select(
            moments.queue_id,
            moments.channel,
            moments.repeat_contact,
            moments.created,
            (moments.answered - moments.created).label("wait"),
            (moments.responded - moments.created).label("response"),
            (moments.abandoned - moments.created).label("abandoned_after"),
            moments.unowned,
        )
    )
    o = offered.c
    queue_threshold = _lookup(
        o.queue_id, {q.id: 1000 * setup.threshold(q.id) for q in setup.queues}, 1000 * DEFAULT_SERVICE_LEVEL_S
    )
    channel_threshold = _lookup(
        o.channel, {ch: 1000 * setup.channel_threshold(ch) for ch in channels}, 1000 * DEFAULT_SERVICE_LEVEL_S
    )
    short_abandon = _lookup(o.queue_id, {q.id: 1000 * setup.short_abandon(q.id) for q in setup.queues}, 0)
    abandoned = and_(o.wait.is_(None), o.abandoned_after.is_not(None))
    # Waiting now (never answered nor abandoned, open and unowned) and under the threshold: undecided.
    waiting = and_(o.wait.is_(None), o.abandoned_after.is_(None), o.unowned)
    age = _ms(now) - o.created
    for key, row in _grouped(
        session,
        offered,
        o.created,
        sliced,
        offered=func.count(),
        answered=func.count(o.wait),
        wait_ms=func.sum(o.wait),
        within_queue=_count(o.wait <= queue_threshold),
        within_channel=_count(o.wait <= channel_threshold),
        abandoned=_count(abandoned),
        short_abandons=_count(and_(abandoned, o.abandoned_after < short_abandon)),
        undecided_queue=_count(and_(waiting, age <= queue_threshold)),
        undecided_channel=_count(and_(waiting, age <= channel_threshold)),
        responses=func.count(o.response),
        response_ms=func.sum(o.response),
        repeated=_count(o.repeat_contact),
    ):
        by_queue, by_channel = out.both(key)
        for t, view in ((by_queue, "queue"), (by_channel, "channel")):
            t.offered, t.answered, t.abandoned = row["offered"], row["answered"], row["abandoned"] or 0
            t.wait_s, t.within = _seconds(row["wait_ms"]), row[f"within_{view}"] or 0
            t.undecided, t.repeated = row[f"undecided_{view}"] or 0, row["repeated"] or 0
            t.responses, t.response_s = row["responses"], _seconds(row["response_ms"])
        # Short abandons leave a queue's service level only: a channel's figures have no such setting.
        by_queue.short_abandons = row["short_abandons"] or 0
    resolved = subquery_rows(
        select(
            c.queue_id,
            c.channel,
            epoch_ms(c.resolved_at).label("resolved"),
            (epoch_ms(c.resolved_at) - epoch_ms(_answered_at())).label("handle"),
        ).where(c.resolved_at >= start, c.resolved_at < end, c.abandoned_at.is_(None))
    )
    r = resolved.c
    for key, row in _grouped(
        session,
        resolved,
        r.resolved,
        sliced,
        resolved=func.count(),
        handled=func.count(r.handle),
        handle_ms=func.sum(r.handle),
    ):
        for t in out.both(key):
            t.resolved, t.handled, t.handle_s = row["resolved"], row["handled"], _seconds(row["handle_ms"])
    for key, count in _deflected(session, start, end, sliced).items():
        for t in out.both(key):
            t.deflected = count
    for key, seconds in _owned(session, start, end, now, sliced).items():
        for t in out.both(key):
            t.owned_s = seconds
    return out


def _owned(session: Session, start: datetime, end: datetime, now: datetime, sliced: bool) -> dict[Key, float]:
    """Handle time within the period by group: seconds agents owned contacts (answered until
    resolved, or until now), each weighted by 1 ÷ its agent's capacity on its channel.

    Sliced, each ownership is cut in SQL into its first interval's part (`head`), its last
    one's (`tail`) and the whole intervals between, and summed by (first, last) interval; the
    groups are then spread over their intervals here."""
    c = m.Conversation
    start_ms, stop_ms = _ms(start), _ms(min(end, now))
    answered = _answered_at()
    spans = subquery_rows(
        select(
            c.queue_id,
            c.channel,
            _weight(session).label("weight"),
            epoch_ms(answered).label("answered"),
            epoch_ms(c.resolved_at).label("resolved"),
        ).where(answered < min(end, now), or_(c.resolved_at.is_(None), c.resolved_at > start))
    ).c
    clipped = subquery_rows(
        select(
            spans.queue_id,
            spans.channel,
            spans.weight,
            case((spans.answered < start_ms, start_ms), else_=spans.answered).label("began"),
            case((or_(spans.resolved.is_(None), spans.resolved > stop_ms), stop_ms), else_=spans.resolved).label(
                "ended"
            ),
        )
    ).c
    out: dict[Key, float] = defaultdict(float)
    if not sliced:
        for queue_id, channel, owned_ms in session.connection().execute(
            select(clipped.queue_id, clipped.channel, func.sum(clipped.weight * (clipped.ended - clipped.began)))
            .where(clipped.ended > clipped.began)
            .group_by(clipped.queue_id, clipped.channel)
        ):
            out[(queue_id, channel, 0)] += float(owned_ms) / 1000
        return out
    # The interval of the first and of the last moment owned (the end is exclusive).
    cut = subquery_rows(
        select(
            clipped.queue_id,
            clipped.channel,
            clipped.weight,
            clipped.began,
            clipped.ended,
            (clipped.began // INTERVAL_MS).label("first"),
            ((clipped.ended - 1) // INTERVAL_MS).label("last"),
        ).where(clipped.ended > clipped.began)
    ).c
    single = cut.first == cut.last
    head = case((single, cut.ended - cut.began), else_=(cut.first + 1) * INTERVAL_MS - cut.began)
    tail = case((single, 0), else_=cut.ended - cut.last * INTERVAL_MS)
    by = [cut.queue_id, cut.channel, cut.first, cut.last]
    for queue_id, channel, first, last, head_ms, tail_ms, weight in session.connection().execute(
        select(*by, func.sum(cut.weight * head), func.sum(cut.weight * tail), func.sum(cut.weight)).group_by(*by)
    ):
        out[(queue_id, channel, first * mx.INTERVAL_S)] += float(head_ms) / 1000
        if last != first:
            out[(queue_id, channel, last * mx.INTERVAL_S)] += float(tail_ms) / 1000
        for whole in range(first + 1, last):
            out[(queue_id, channel, whole * mx.INTERVAL_S)] += float(weight) * mx.INTERVAL_S
    return out


def _weight(session: Session) -> ColumnElement[float]:
    """1 ÷ the capacity of a conversation's agent on its channel, in SQL: the channel's default
    capacity, or an agent's own where it differs (few do); the default for contacts nobody owns."""
    c = m.Conversation
    own: dict[str, dict[int, int]] = defaultdict(dict)
    for state in session.scalars(select(m.AgentState)):
        for channel, value in state.capacity.items():
            if value != DEFAULT_CAPACITY.get(channel):
                own[channel][state.user_id] = value
    by_channel = {}
    for channel, default in DEFAULT_CAPACITY.items():
        weights = {user_id: 1.0 / (value or 1) for user_id, value in own.get(channel, {}).items()}
        by_channel[channel] = _lookup(c.assignee_id, weights, 1.0 / (default or 1))
    return _lookup(c.channel, by_channel, 1.0)


def members(session: Session) -> dict[int, set[int]]:
    """The active agents who work each queue (its teams' members)."""
    out: dict[int, set[int]] = defaultdict(set)
    for queue_id, user_id in session.execute(
        select(m.queue_teams.c.queue_id, m.team_members.c.user_id)
        .join(m.team_members, m.team_members.c.team_id == m.queue_teams.c.team_id)
        .join(m.User, m.User.id == m.team_members.c.user_id)
        .where(m.User.active.is_(True))
    ):
        out[queue_id].add(user_id)
    return out


def _deflected(session: Session, start: datetime, end: datetime, sliced: bool) -> dict[Key, int]:
    """Contacts offered in the period that a self-service suggestion deflected (few: read as rows)."""
    c, e = m.Conversation, m.Event
    latest: dict[int, tuple[int, Key, int | None, int | None]] = {}
    for conversation_id, at, data, queue_id, channel, created, resolved, inbound in session.connection().execute(
        select(
            e.conversation_id,
            epoch_ms(e.occurred_at),
            e.data,
            c.queue_id,
            c.channel,
            epoch_ms(c.created_at),
            epoch_ms(c.resolved_at),
            epoch_ms(c.last_inbound_at),
        )
        .join(c, c.id == e.conversation_id)
        .where(e.kind == EventKind.SUGGESTION_ACCEPTED.value, c.created_at >= start, c.created_at < end)
    ):
        # The latest acceptance is the one that could have closed the contact.
        if data.get("suggestion") == SELF_SERVICE and at > latest.get(conversation_id, (at - 1,))[0]:
            slot = created // INTERVAL_MS * mx.INTERVAL_S if sliced else 0
            latest[conversation_id] = (at, (queue_id, channel, slot), resolved, inbound)
    out: dict[Key, int] = defaultdict(int)
    for at, key, resolved, inbound in latest.values():
        if resolved is not None and (inbound is None or inbound <= at):
            out[key] += 1
    return out


def surveys(session: Session, start: datetime, end: datetime) -> dict[int | None, list[mx.SurveyAnswer]]:
    surveys: dict[int | None, list[mx.SurveyAnswer]] = defaultdict(list)
    for queue_id, at, data in session.connection().execute(
        select(m.Event.queue_id, epoch_ms(m.Event.occurred_at), m.Event.data).where(
            m.Event.kind == EventKind.SURVEY_ANSWER.value, m.Event.occurred_at >= start, m.Event.occurred_at < end
        )
    ):
        if isinstance(data, dict) and isinstance(data.get("score"), int):
            surveys[queue_id].append(mx.SurveyAnswer(at / 1000, str(data.get("survey", "csat")), data["score"]))
    return surveys


def waiting_now(session: Session) -> dict[tuple[int, str], tuple[int, float]]:
    """Contacts waiting now per (queue, channel): how many, and the earliest arrival (s)."""
    c = m.Conversation
    rows = session.connection().execute(
        select(c.queue_id, c.channel, func.count(), func.min(epoch_ms(c.created_at)))
        .where(
            c.status == ConversationStatus.OPEN.value,
            c.assignee_id.is_(None),
            c.first_assigned_at.is_(None),
            c.first_response_at.is_(None),
        )
        .group_by(c.queue_id, c.channel)
    )
    return {(queue_id, channel): (n, oldest / 1000) for queue_id, channel, n, oldest in rows}
