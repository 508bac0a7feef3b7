"""Live figures per queue and per channel, from the store; formulas in `agentdesk.domain.metrics`.

Facts are read with a handful of plain SQL statements (conversations of the period, the
first assignment / abandonment / accepted suggestion of each, survey answers, agents) and
the figures computed in Python, so that every figure follows the one documented formula.

Supervisors and admins receive the figures through the change feed as entity `metrics`
(id 0, op `upsert`, data = what `GET /api/v1/metrics/queues` answers). Each announcement is
one change per supervisor or admin with `audience_user_id` set to them, so the feed never
hands figures to anyone else, agents included; clients that do not know the entity skip it.
Housekeeping recomputes them every third round (15 s by default) in each server process and appends a new
announcement only when they changed (waits counted in whole minutes), so a quiet floor does
not grow the log. Several server processes each announce: a client just keeps the newest.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Float, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from agentdesk.domain import metrics as mx
from agentdesk.domain.enums import ChangeOp, ConversationStatus, EventKind, Role
from agentdesk.server.changelog import append_changes, change_row, dumps
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.services.routing import ACTIVE, capacity_of

# The assistant's kind of suggestion that sends the customer to self-service (a help article).
SELF_SERVICE = "deflection"
DEFAULT_SERVICE_LEVEL_S = 60


class epoch(FunctionElement[float]):
    """A timestamp as seconds since the Unix epoch, computed by the database: parsing 100k
    datetimes a day in Python took longer than every figure together."""

    type = Float()
    inherit_cache = True


@compiles(epoch, "sqlite")
def _epoch_sqlite(element: epoch, compiler: SQLCompiler, **kw: Any) -> str:
    # Rounded to the millisecond: julianday's binary fraction would turn a 60-second wait into 60.00004.
    return f"round((julianday({compiler.process(element.clauses, **kw)}) - 2440587.5) * 86400.0, 3)"


@compiles(epoch, "postgresql")
def _epoch_postgresql(element: epoch, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(EXTRACT(EPOCH FROM {compiler.process(element.clauses, **kw)}) AS DOUBLE PRECISION)"


@dataclass
class Facts:
    contacts: list[mx.ContactFacts]
    surveys: dict[int | None, list[mx.SurveyAnswer]]  # by queue
    survey_channels: dict[int | None, str | None]  # queue -> channel, for the per-channel figures
    repeat_ids: set[int]
    queues: list[m.Queue]
    policies: dict[int, m.QueuePolicy]


def day_start(now: datetime) -> datetime:
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def load(session: Session, since: datetime) -> Facts:
    """Every contact offered since `since` (and 7 days before, for repeats) plus all still open."""
    c = m.Conversation
    queues = list(session.scalars(select(m.Queue).order_by(m.Queue.id)))
    policies = {p.queue_id: p for p in session.scalars(select(m.QueuePolicy))}
    teams: dict[int, list[int]] = defaultdict(list)
    for queue_id, team_id in session.execute(select(m.queue_teams.c.queue_id, m.queue_teams.c.team_id)):
        teams[queue_id].append(team_id)
    # A queue's teams are its skills: the topic a contact is about (see the domain module).
    topic = {
        q.id: "teams:" + ",".join(map(str, sorted(teams[q.id]))) if teams[q.id] else f"queue:{q.id}" for q in queues
    }
    conn = session.connection()
    horizon = since - timedelta(seconds=mx.REPEAT_WINDOW_S)
    in_scope = or_(c.created_at >= horizon, c.status != ConversationStatus.RESOLVED.value)
    # One pass over the period's events, without GROUP BY: sorting them in SQL cost more than
    # keeping the first of each in a dict. Events of a contact come after its arrival, so those
    # before the horizon cannot matter to any figure of the period.
    firsts: dict[str, dict[int, float]] = {EventKind.ASSIGNED.value: {}, EventKind.ABANDONED.value: {}}
    for conversation_id, kind, at in conn.execute(
        select(m.Event.conversation_id, m.Event.kind, epoch(m.Event.occurred_at)).where(
            m.Event.kind.in_(list(firsts)),
            m.Event.occurred_at >= horizon,
            m.Event.conversation_id.is_not(None),
        )
    ).all():
        if at < firsts[kind].get(conversation_id, at + 1):
            firsts[kind][conversation_id] = at
    # Accepted suggestions are few; only self-service ones (a link for the customer) can deflect.
    accepted: dict[int, float] = {}
    for conversation_id, at, data in conn.execute(
        select(m.Event.conversation_id, epoch(m.Event.occurred_at), m.Event.data).where(
            m.Event.kind == EventKind.SUGGESTION_ACCEPTED.value,
            m.Event.occurred_at >= horizon,
            m.Event.conversation_id.is_not(None),
        )
    ).all():
        # The latest acceptance is the one that could have closed the contact.
        if data.get("suggestion") == SELF_SERVICE and at > accepted.get(conversation_id, at - 1):
            accepted[conversation_id] = at
    assigned, abandoned = firsts[EventKind.ASSIGNED.value], firsts[EventKind.ABANDONED.value]
    contacts = []
    # Plain tuples through the connection and positional fields: at 100k contacts a day, the
    # ORM's row handling and keyword construction were most of the time.
    rows = conn.execute(
        select(
            c.id,
            c.queue_id,
            c.channel,
            c.contact_id,
            epoch(c.created_at),
            c.status,
            c.assignee_id,
            epoch(c.first_response_at),
            epoch(c.resolved_at),
            epoch(c.last_inbound_at),
        ).where(in_scope)
    ).all()
    for cid, queue_id, channel, contact_id, created, status, assignee, responded, resolved, inbound in rows:
        taken = assigned.get(cid)
        answered = responded if taken is None or (responded is not None and responded < taken) else taken
        contacts.append(
            mx.ContactFacts(
                cid,
                queue_id,
                channel,
                contact_id,
                topic.get(queue_id, ""),
                created,
                status,
                assignee,
                answered,
                responded,
                resolved,
                abandoned.get(cid),
                inbound,
                accepted.get(cid),
            )
        )
    surveys: dict[int | None, list[mx.SurveyAnswer]] = defaultdict(list)
    for queue_id, at, data in session.execute(
        select(m.Event.queue_id, epoch(m.Event.occurred_at), m.Event.data).where(
            m.Event.kind == EventKind.SURVEY_ANSWER.value, m.Event.occurred_at >= since
        )
    ):
        if isinstance(data, dict) and isinstance(data.get("score"), int):
            surveys[queue_id].append(mx.SurveyAnswer(at, str(data.get("survey", "csat")), data["score"]))
    return Facts(
        contacts=contacts,
        surveys=surveys,
        survey_channels={q.id: q.channel for q in queues},
        repeat_ids=mx.repeats(contacts),
        queues=queues,
        policies=policies,
    )


def _agents(session: Session) -> tuple[dict[int, list[dict[str, Any]]], dict[tuple[int, str], int]]:
    """Agents per queue (presence, capacity, active conversations) and active load per (agent, channel)."""
    load: dict[tuple[int, str], int] = {}
    for user_id, channel, count in session.execute(
        select(m.Conversation.assignee_id, m.Conversation.channel, func.count())
        .where(m.Conversation.assignee_id.is_not(None), m.Conversation.status.in_(ACTIVE))
        .group_by(m.Conversation.assignee_id, m.Conversation.channel)
    ):
        load[(user_id, channel)] = count
    states = {s.user_id: s for s in session.scalars(select(m.AgentState))}
    users = {u.id: u for u in session.scalars(select(m.User).where(m.User.active.is_(True)))}
    by_queue: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for queue_id, channel, user_id in session.execute(
        select(m.queue_teams.c.queue_id, m.Queue.channel, m.team_members.c.user_id)
        .join(m.Queue, m.Queue.id == m.queue_teams.c.queue_id)
        .join(m.team_members, m.team_members.c.team_id == m.queue_teams.c.team_id)
        .distinct()
        .order_by(m.queue_teams.c.queue_id, m.team_members.c.user_id)
    ):
        user = users.get(user_id)
        if user is None:
            continue
        state = states.get(user_id)
        by_queue[queue_id].append(
            {
                "user_id": user_id,
                "name": user.display_name,
                "presence": state.presence if state else "offline",
                "presence_since": state.presence_since if state else None,
                "capacity": capacity_of(state, channel) if state else 0,
                "active": load.get((user_id, channel), 0),
            }
        )
    return by_queue, load


def _figures_json(f: mx.Figures) -> dict[str, Any]:
    return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(f).items()}


def _live_json(contacts: list[mx.ContactFacts], now: float, agents: Iterable[dict[str, Any]]) -> dict[str, Any]:
    waiting, longest, occupancy, by_presence = mx.live(
        contacts, now, [mx.AgentLoad(a["presence"], a["active"], a["capacity"]) for a in agents]
    )
    return {
        "waiting_now": waiting,
        "longest_wait_now_s": round(longest, 3) if longest is not None else None,
        "occupancy_pct": round(occupancy, 3) if occupancy is not None else None,
        "agents_by_presence": by_presence,
    }


def current(session: Session, now: datetime | None = None) -> dict[str, Any]:
    """Today's figures and the live values, per queue and per channel."""
    now = now or utcnow()
    start = day_start(now)
    facts = load(session, start)
    t_start, t_end, t_now = start.timestamp(), (start + timedelta(days=1)).timestamp(), now.timestamp()
    agents, _ = _agents(session)
    per_queue: dict[int, list[mx.ContactFacts]] = defaultdict(list)
    per_channel: dict[str, list[mx.ContactFacts]] = defaultdict(list)
    for contact in facts.contacts:
        per_queue[contact.queue_id].append(contact)
        per_channel[contact.channel].append(contact)
    queues_out = []
    for queue in facts.queues:
        policy = facts.policies.get(queue.id)
        contacts = per_queue.get(queue.id, [])
        today = mx.figures(
            contacts,
            start=t_start,
            end=t_end,
            threshold_s=policy.service_level_s if policy else DEFAULT_SERVICE_LEVEL_S,
            short_abandon_s=policy.short_abandon_s if policy else 0,
            repeat_ids=facts.repeat_ids,
            surveys=facts.surveys.get(queue.id, ()),
            now=t_now,
        )
        queues_out.append(
            {
                "queue_id": queue.id,
                "name": queue.name,
                "channel": queue.channel,
                "service_level_threshold_s": policy.service_level_s if policy else DEFAULT_SERVICE_LEVEL_S,
                "today": _figures_json(today),
                "live": _live_json(contacts, t_now, agents.get(queue.id, [])),
                "agents": agents.get(queue.id, []),
            }
        )
    channels_out = []
    for channel in sorted({q.channel for q in facts.queues} | set(per_channel)):
        queue_ids = {q.id for q in facts.queues if q.channel == channel}
        # The channel's own threshold: the strictest of its queues'.
        thresholds = [facts.policies[q].service_level_s for q in queue_ids if q in facts.policies]
        surveys = [s for q in queue_ids for s in facts.surveys.get(q, ())]
        staff = {a["user_id"]: a for q in sorted(queue_ids) for a in agents.get(q, [])}
        today = mx.figures(
            per_channel.get(channel, []),
            start=t_start,
            end=t_end,
            threshold_s=min(thresholds, default=DEFAULT_SERVICE_LEVEL_S),
            repeat_ids=facts.repeat_ids,
            surveys=surveys,
            now=t_now,
        )
        channels_out.append(
            {
                "channel": channel,
                "today": _figures_json(today),
                "live": _live_json(per_channel.get(channel, []), t_now, staff.values()),
            }
        )
    return {"computed_at": now, "day_start": start, "queues": queues_out, "channels": channels_out}


def intervals(session: Session, days: int, now: datetime | None = None) -> dict[str, Any]:
    """15-minute intervals of today and the `days` − 1 days before, per queue."""
    now = now or utcnow()
    start = day_start(now) - timedelta(days=days - 1)
    facts = load(session, start)
    per_queue: dict[int, list[mx.ContactFacts]] = defaultdict(list)
    for contact in facts.contacts:
        per_queue[contact.queue_id].append(contact)
    out = []
    for queue in facts.queues:
        policy = facts.policies.get(queue.id)
        slots = mx.intervals(
            per_queue.get(queue.id, []),
            start=start.timestamp(),
            end=now.timestamp() + mx.INTERVAL_S,
            threshold_s=policy.service_level_s if policy else DEFAULT_SERVICE_LEVEL_S,
            short_abandon_s=policy.short_abandon_s if policy else 0,
            repeat_ids=facts.repeat_ids,
            surveys=facts.surveys.get(queue.id, []),
            now=now.timestamp(),
        )
        out.append(
            {
                "queue_id": queue.id,
                "intervals": [{"start": datetime.fromtimestamp(slot, UTC), **_figures_json(f)} for slot, f in slots],
            }
        )
    return {"computed_at": now, "start": start, "interval_minutes": 15, "queues": out}


def _digest(figures: dict[str, Any]) -> str:
    def coarse(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: coarse(v) for k, v in value.items() if k not in ("computed_at", "presence_since")}
        if isinstance(value, list):
            return [coarse(v) for v in value]
        return value

    summary = coarse(figures)
    for part in summary["queues"] + summary["channels"]:
        wait = part["live"]["longest_wait_now_s"]
        part["live"]["longest_wait_now_s"] = None if wait is None else int(wait // 60)
    return hashlib.sha256(dumps(summary).encode()).hexdigest()


class Announcer:
    """Appends the figures to the change feed for supervisors and admins when they changed."""

    def __init__(self) -> None:
        self.last_digest: str | None = None

    def announce(self, session: Session, now: datetime | None = None) -> str | None:
        """Appends an announcement if the figures changed; returns its digest, to `confirm`
        once the transaction committed (a rolled-back one announced nothing)."""
        audience = session.scalars(
            select(m.User.id).where(m.User.active.is_(True), m.User.role.in_([Role.SUPERVISOR.value, Role.ADMIN.value]))
        ).all()
        if not audience:
            return None
        figures = current(session, now)
        digest = _digest(figures)
        if digest == self.last_digest:
            return None
        append_changes(
            session, [change_row("metrics", 0, ChangeOp.UPSERT, figures, audience_user_id=uid) for uid in audience]
        )
        return digest

    def confirm(self, digest: str) -> None:
        self.last_digest = digest
