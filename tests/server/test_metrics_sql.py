"""The figures the server counts in SQL equal the documented formulas applied contact by contact.

A random day (with the week before it, for repeats) of answered, abandoned, waiting and
resolved contacts on three queues, with waits on the threshold, short abandons, contacts
on a channel other than their queue's, accepted suggestions and survey answers, is counted
both by `metrics.current` / `metrics.intervals` and by `agentdesk.domain.metrics` over
`ContactFacts` built here from the rows; every figure must be the same, on both databases.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, insert, select, update

from agentdesk.domain import metrics as mx
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_sessionmaker
from agentdesk.server.services import metrics
from agentdesk.server.services.interval_cache import IntervalCache
from agentdesk.server.services.milestones import mark_repeats, topics
from tests.support.databases import BACKENDS, migrated_engine

NOW = datetime(2026, 11, 20, 17, 40, 30, tzinfo=UTC)
DAY = NOW.replace(hour=0, minute=0, second=0)
QUEUES = {1: "webchat", 2: "whatsapp", 3: "email"}
POLICIES = {1: (60, 10), 2: (120, 0)}  # queue 3 has none: the default threshold
TEAMS = {1: 1, 2: 1, 3: 2}  # queues 1 and 2 share a team: one topic


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(request.param, tmp_path)
    _seed(engine, random.Random(11))
    yield engine
    engine.dispose()


def _seed(engine: Engine, r: random.Random) -> None:
    week_ago = DAY - timedelta(days=8)
    with engine.begin() as conn:
        conn.execute(insert(m.Team), [{"id": 1, "name": "Sales"}, {"id": 2, "name": "Support"}])
        conn.execute(
            insert(m.Queue),
            [
                {
                    "id": q,
                    "name": f"Q{q}",
                    "channel": channel,
                    "settings": {},
                    "secrets": {},
                    "channel_state": {},
                    "health": {},
                    "created_at": week_ago,
                }
                for q, channel in QUEUES.items()
            ],
        )
        conn.execute(insert(m.queue_teams), [{"queue_id": q, "team_id": t} for q, t in TEAMS.items()])
        conn.execute(
            insert(m.QueuePolicy),
            [
                {"queue_id": q, "service_level_s": sl, "short_abandon_s": short, "calendar": {}, "overflow": {}}
                for q, (sl, short) in POLICIES.items()
            ],
        )
        conn.execute(insert(m.Contact), [{"id": i, "attributes": {}, "created_at": week_ago} for i in range(1, 41)])
        conversations, events = [], []
        for i in range(1, 601):
            queue = r.choice(list(QUEUES))
            # Mostly today (up to now), some in the week before; whole seconds.
            span = (NOW - week_ago) if r.random() < 0.3 else (NOW - DAY)
            created = NOW - timedelta(seconds=r.randint(0, int(span.total_seconds())))
            row: dict[str, Any] = {
                "id": i,
                "queue_id": queue,
                "contact_id": r.randint(1, 40),
                # Now and then moved from another channel's queue: the channel is the contact's.
                "channel": QUEUES[queue] if r.random() < 0.9 else r.choice(list(QUEUES.values())),
                "status": "open",
                "priority": "normal",
                "created_at": created,
                "last_activity_at": created,
                "last_inbound_at": created,
                "assignee_id": None,
                "first_response_at": None,
                "first_assigned_at": None,
                "abandoned_at": None,
                "resolved_at": None,
            }
            fate = r.random()
            if fate < 0.6:
                wait = timedelta(seconds=r.choice([0, 10, 59, 60, 61, 119, 120, 121, r.randint(0, 900)]))
                if r.random() < 0.8:
                    row["first_assigned_at"] = created + wait
                if row["first_assigned_at"] is None or r.random() < 0.7:
                    row["first_response_at"] = created + wait + timedelta(seconds=r.randint(-5, 300))
                    row["first_response_at"] = max(row["first_response_at"], created)
                if r.random() < 0.6:
                    row["status"] = "resolved"
                    row["resolved_at"] = created + wait + timedelta(seconds=r.randint(60, 4000))
                else:
                    row["status"] = r.choice(["open", "pending"])
                    row["assignee_id"] = None
            elif fate < 0.75:
                gone = created + timedelta(seconds=r.choice([3, 9, 10, 11, 200]))
                row.update(status="resolved", resolved_at=gone, abandoned_at=gone)
            elif fate < 0.85:
                row["status"] = "resolved"
                row["resolved_at"] = created + timedelta(seconds=r.randint(10, 3000))
            if row["resolved_at"] is not None and row["resolved_at"] > NOW:
                row["resolved_at"] = row["abandoned_at"] = None
                row["status"] = "open"
            conversations.append(row)
            if r.random() < 0.1:
                accepted = created + timedelta(seconds=r.randint(1, 100))
                kind = r.choice(["deflection", "deflection", "template"])
                events.append(_event(row, "suggestion_accepted", {"suggestion": kind}, accepted))
                if r.random() < 0.3:
                    row["last_inbound_at"] = accepted + timedelta(seconds=5)
            if r.random() < 0.15 and created + timedelta(minutes=30) < NOW:
                survey, score = r.choice([("csat", r.randint(1, 5)), ("nps", r.randint(0, 10))])
                events.append(
                    _event(row, "survey_answer", {"survey": survey, "score": score}, created + timedelta(minutes=30))
                )
        conn.execute(insert(m.Conversation), conversations)
        conn.execute(insert(m.Event), events)
        mark_repeats(conn)


def _event(row: dict[str, Any], kind: str, data: dict[str, Any], at: datetime) -> dict[str, Any]:
    return {
        "contact_id": row["contact_id"],
        "conversation_id": row["id"],
        "queue_id": row["queue_id"],
        "kind": kind,
        "data": data,
        "occurred_at": at,
    }


def _facts(engine: Engine) -> tuple[list[mx.ContactFacts], dict[int, list[mx.SurveyAnswer]]]:
    """The contacts as the domain module reads them, built plainly from the rows."""
    with make_sessionmaker(engine)() as session:
        topic_of = topics(session)
        accepted: dict[int, float] = {}
        surveys: dict[int, list[mx.SurveyAnswer]] = defaultdict(list)
        for event in session.scalars(select(m.Event).order_by(m.Event.occurred_at)):
            at = event.occurred_at.timestamp()
            if event.kind == "suggestion_accepted" and event.data["suggestion"] == "deflection":
                accepted[event.conversation_id] = at
            elif event.kind == "survey_answer" and event.queue_id is not None:
                surveys[event.queue_id].append(mx.SurveyAnswer(at, event.data["survey"], event.data["score"]))

        def ts(value: datetime | None) -> float | None:
            return value.timestamp() if value is not None else None

        contacts = []
        for c in session.scalars(select(m.Conversation)):
            answered = [t for t in (c.first_assigned_at, c.first_response_at) if t is not None]
            contacts.append(
                mx.ContactFacts(
                    id=c.id,
                    queue_id=c.queue_id,
                    channel=c.channel,
                    contact_id=c.contact_id,
                    topic=topic_of[c.queue_id],
                    created_at=c.created_at.timestamp(),
                    status=c.status,
                    assignee_id=c.assignee_id,
                    answered_at=ts(min(answered)) if answered else None,
                    first_response_at=ts(c.first_response_at),
                    resolved_at=ts(c.resolved_at),
                    abandoned_at=ts(c.abandoned_at),
                    last_inbound_at=ts(c.last_inbound_at),
                    suggestion_accepted_at=accepted.get(c.id),
                )
            )
        assert {c.id for c in session.scalars(select(m.Conversation).where(m.Conversation.repeat_contact))} == (
            mx.repeats(contacts)
        )
    return contacts, surveys


def _json(f: mx.Figures) -> dict[str, Any]:
    return metrics._figures_json(f)


def test_current_figures_follow_the_formulas(engine: Engine) -> None:
    contacts, surveys = _facts(engine)
    repeat_ids = mx.repeats(contacts)
    start, end, now = DAY.timestamp(), (DAY + timedelta(days=1)).timestamp(), NOW.timestamp()
    with make_sessionmaker(engine)() as session:
        figures = metrics.current(session, now=NOW)
    for q in figures["queues"]:
        threshold, short = POLICIES.get(q["queue_id"], (metrics.DEFAULT_SERVICE_LEVEL_S, 0))
        mine = [c for c in contacts if c.queue_id == q["queue_id"]]
        expected = mx.figures(
            mine,
            start=start,
            end=end,
            threshold_s=threshold,
            short_abandon_s=short,
            repeat_ids=repeat_ids,
            surveys=surveys.get(q["queue_id"], []),
            now=now,
        )
        assert q["today"] == _json(expected), q["queue_id"]
        assert expected.offered > 20
        waits = [now - c.created_at for c in mine if c.waiting()]
        assert q["live"]["waiting_now"] == len(waits)
        assert q["live"]["longest_wait_now_s"] == (round(max(waits), 3) if waits else None)
    for ch in figures["channels"]:
        queue_ids = [q for q, channel in QUEUES.items() if channel == ch["channel"]]
        thresholds = [POLICIES[q][0] for q in queue_ids if q in POLICIES]
        expected = mx.figures(
            [c for c in contacts if c.channel == ch["channel"]],
            start=start,
            end=end,
            threshold_s=min(thresholds, default=metrics.DEFAULT_SERVICE_LEVEL_S),
            repeat_ids=repeat_ids,
            surveys=[s for q in queue_ids for s in surveys.get(q, [])],
            now=now,
        )
        assert ch["today"] == _json(expected), ch["channel"]


def test_interval_figures_follow_the_formulas(engine: Engine) -> None:
    contacts, surveys = _facts(engine)
    repeat_ids = mx.repeats(contacts)
    with make_sessionmaker(engine)() as session:
        slots = metrics.intervals(session, days=2, now=NOW)
    start = (DAY - timedelta(days=1)).timestamp()
    for q in slots["queues"]:
        threshold, short = POLICIES.get(q["queue_id"], (metrics.DEFAULT_SERVICE_LEVEL_S, 0))
        touched: dict[float, list[mx.ContactFacts]] = defaultdict(list)
        for c in contacts:
            moments = {c.created_at} | ({c.resolved_at} if c.resolved_at is not None else set())
            for slot in {mx.interval_start(at) for at in moments if at >= start}:
                if c.queue_id == q["queue_id"]:
                    touched[slot].append(c)
        answered_in = {mx.interval_start(s.at) for s in surveys.get(q["queue_id"], []) if s.at >= start}
        expected = []
        for slot in sorted(set(touched) | answered_in):
            f = mx.figures(
                touched.get(slot, []),
                start=slot,
                end=slot + mx.INTERVAL_S,
                threshold_s=threshold,
                short_abandon_s=short,
                repeat_ids=repeat_ids,
                surveys=surveys.get(q["queue_id"], []),
                now=NOW.timestamp(),
            )
            expected.append({"start": datetime.fromtimestamp(slot, UTC), **_json(f)})
        assert len(expected) > 30
        # Occupancy needs presence history (none here); intervals where agents only owned
        # contacts are listed too, with nothing offered, resolved or answered in them.
        listed = {i["start"]: {k: v for k, v in i.items() if k != "occupancy_pct"} for i in q["intervals"]}
        for interval in expected:
            del interval["occupancy_pct"]
            assert listed.pop(interval["start"]) == interval, (q["queue_id"], interval["start"])
        assert all(i["offered"] == i["resolved"] == i["survey_answers"] == 0 for i in listed.values())


def _changes(engine: Engine, r: random.Random, since: datetime, until: datetime, recent: bool) -> None:
    """A batch of what a floor does between two recomputations, each write with its change row
    at its own moment (as the server's flush hook records them); `recent`: only to contacts of
    the last hour, as most are."""
    with engine.begin() as conn:

        def changed(entity: str, entity_id: int, at: datetime) -> None:
            conn.execute(
                insert(m.Change),
                {"entity": entity, "entity_id": entity_id, "op": "upsert", "payload": "{}", "created_at": at},
            )

        def pick(*conditions: Any) -> int | None:
            if recent:
                conditions += (m.Conversation.created_at > until - timedelta(hours=1),)
            ids = conn.execute(select(m.Conversation.id).where(*conditions)).scalars().all()
            return r.choice(ids) if ids else None

        c = m.Conversation
        for _ in range(12):
            at = since + (until - since) * r.random()
            what = r.choice(
                ["arrive", "answer", "resolve", "reopen", "abandon", "move", "survey", *([] if recent else ["old"])]
            )
            if what == "arrive":
                queue = r.choice(list(QUEUES))
                # Explicit ids: the seed's rows were inserted with theirs (PostgreSQL's sequence never moved).
                new_id = conn.execute(select(func.max(c.id) + 1)).scalar_one()
                conn.execute(
                    insert(m.Conversation),
                    {
                        "id": new_id,
                        "queue_id": queue,
                        "contact_id": r.randint(1, 40),
                        "channel": QUEUES[queue],
                        "status": "open",
                        "priority": "normal",
                        "created_at": at,
                        "last_activity_at": at,
                        "last_inbound_at": at,
                    },
                )
                changed("conversation", new_id, at)
                continue
            waiting = (c.status == "open", c.first_assigned_at.is_(None), c.abandoned_at.is_(None), c.created_at < at)
            if what == "answer" and (cid := pick(*waiting)):
                conn.execute(update(c).where(c.id == cid).values(first_assigned_at=at, first_response_at=at))
            elif what == "abandon" and (cid := pick(*waiting, c.first_response_at.is_(None))):
                conn.execute(update(c).where(c.id == cid).values(status="resolved", resolved_at=at, abandoned_at=at))
            elif what in ("resolve", "old") and (
                cid := pick(
                    c.status != "resolved",
                    c.first_assigned_at < at,
                    c.created_at < (DAY if what == "old" else at),
                )
            ):
                conn.execute(update(c).where(c.id == cid).values(status="resolved", resolved_at=at))
            elif what == "reopen" and (cid := pick(c.status == "resolved", c.abandoned_at.is_(None))):
                conn.execute(update(c).where(c.id == cid).values(status="open", resolved_at=None))
            elif what == "move" and (cid := pick(c.created_at < at)):
                queue = r.choice(list(QUEUES))
                conn.execute(update(c).where(c.id == cid).values(queue_id=queue))
                for event_id in conn.execute(select(m.Event.id).where(m.Event.conversation_id == cid)).scalars():
                    conn.execute(update(m.Event).where(m.Event.id == event_id).values(queue_id=queue))
                    changed("event", event_id, at)
            elif what == "survey" and (cid := pick(c.created_at < at)):
                row = conn.execute(select(c.id, c.queue_id, c.contact_id).where(c.id == cid)).mappings().one()
                answer = _event(dict(row), "survey_answer", {"survey": "csat", "score": r.randint(1, 5)}, at)
                changed("event", conn.execute(insert(m.Event).returning(m.Event.id), answer).scalar_one(), at)
            else:
                continue
            changed("conversation", cid, at)
        # Agents come and go: their presence history as the server keeps it.
        user = r.randint(1, 4)
        at = since + (until - since) * r.random()
        conn.execute(
            update(m.PresenceSpan)
            .where(m.PresenceSpan.user_id == user, m.PresenceSpan.ended_at.is_(None))
            .values(ended_at=at)
        )
        presence = r.choice(["available", "busy", "away"])
        conn.execute(insert(m.PresenceSpan), {"user_id": user, "presence": presence, "started_at": at})


def test_intervals_counted_again_only_where_changed_equal_a_full_count(engine: Engine) -> None:
    r = random.Random(23)
    with engine.begin() as conn:
        conn.execute(
            insert(m.User),
            [
                {
                    "id": u,
                    "username": f"agent{u}",
                    "display_name": f"Agent {u}",
                    "role": "agent",
                    "password_hash": "-",
                    "active": True,
                    "language": "en",
                    "created_at": DAY,
                }
                for u in range(1, 5)
            ],
        )
        conn.execute(insert(m.team_members), [{"team_id": 1 + u % 2, "user_id": u} for u in range(1, 5)])
        conn.execute(
            insert(m.PresenceSpan),
            [{"user_id": u, "presence": "available", "started_at": DAY + timedelta(hours=u)} for u in range(1, 5)],
        )
    sessions = make_sessionmaker(engine)
    cache = IntervalCache()
    with sessions() as session:
        assert metrics.intervals(session, 2, now=NOW, cache=cache) == metrics.intervals(session, 2, now=NOW)
    ((first, _),) = cache.counted
    now, partial = NOW, 0
    for batch in range(6):
        before, now = now, now + timedelta(seconds=r.randint(30, 900))
        _changes(engine, r, before, now, recent=batch % 2 == 0)
        with sessions() as session:
            incremental = metrics.intervals(session, 2, now=now, cache=cache)
            assert incremental == metrics.intervals(session, 2, now=now)
        partial += sum(b - a for a, b in cache.counted) < mx.interval_start(now.timestamp()) + mx.INTERVAL_S - first
    # Batches of changes to recent contacts count a fraction of the intervals again.
    assert partial >= 3
    # A new policy changes every interval's service level: all are counted again, still equal.
    with engine.begin() as conn:
        conn.execute(update(m.QueuePolicy).where(m.QueuePolicy.queue_id == 1).values(service_level_s=30))
    with sessions() as session:
        assert metrics.intervals(session, 2, now=now, cache=cache) == metrics.intervals(session, 2, now=now)
    assert cache.counted == [(first, mx.interval_start(now.timestamp()) + mx.INTERVAL_S)]
