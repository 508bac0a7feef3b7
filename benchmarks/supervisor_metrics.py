"""The supervisor's figures over a 100k-conversation day, recomputed, against a plain SQL aggregate.

The day: 100,000 web-chat, WhatsApp and email conversations on six queues, spread over 24
hours; 85% answered (an `assigned` event, most with a reply), 10% abandoned, the rest still
waiting; half resolved; 5,000 survey answers; 40 agents' presence history (two stints and a
break each). Rows are inserted in bulk straight into SQLite
(the change log is not part of what is measured), with what the server keeps on each row as
it happens: the first assignment and abandonment, and whether the contact is a repeat.

Figures:
- `supervisor_metrics.current`: `metrics.current` — every figure of today, live values and
  agents, per queue and per channel, as `GET /api/v1/metrics/queues` computes them.
- `supervisor_metrics.intervals`: `metrics.intervals(days=1)` — the day's 96 intervals per queue,
  counted cold (no cache).
- `supervisor_metrics.intervals_incremental`: the same answer from a warm `IntervalCache` after
  a realistic batch of changes: 15 seconds of the day's traffic (a housekeeping round's worth)
  written with their change rows — 17 arrivals, 14 of the waiting answered, 9 resolved (8
  answered in the last half hour, one contact of two hours ago), one abandonment, one survey
  answer — and the clock 15 s on; best of three batches, each timed for the recomputation only.
  The test that it equals the cold count is in tests/server/test_metrics_sql.py.
- Floor: one `GROUP BY queue` in SQL over the same conversations (offered, answered, abandoned,
  average wait from the moments on each row), the least a database must do to count the day at all;
  for the incremental figure, the same over the last hour's conversations (what a batch touches).
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import bindparam, func, insert, select, text, update
from sqlalchemy.orm import Session

from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.migrate import upgrade
from agentdesk.server.db.types import UTCDateTime
from agentdesk.server.services import metrics
from agentdesk.server.services.interval_cache import IntervalCache
from agentdesk.server.services.milestones import mark_repeats
from benchmarks.figures import Figure

CONVERSATIONS = 100_000
PASSES = 3
NOW = datetime(2026, 11, 20, 23, 59, tzinfo=UTC)
CHANNELS = ("webchat", "whatsapp", "email")

FLOOR_QUERY = """
SELECT queue_id, count(*), count(first_assigned_at), count(abandoned_at),
       avg((julianday(first_assigned_at) - julianday(created_at)) * 86400.0)
FROM conversations
WHERE created_at >= :start
GROUP BY queue_id
"""


def _seed(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    r = random.Random(7)
    start = NOW.replace(hour=0, minute=0)
    with engine.begin() as conn:
        conn.execute(insert(m.Team), [{"id": 1, "name": "Floor"}])
        conn.execute(
            insert(m.Queue),
            [
                {
                    "id": q,
                    "name": f"Q{q}",
                    "channel": CHANNELS[q % 3],
                    "settings": {},
                    "secrets": {},
                    "channel_state": {},
                    "health": {},
                    "created_at": start,
                }
                for q in range(1, 7)
            ],
        )
        conn.execute(insert(m.queue_teams), [{"queue_id": q, "team_id": 1} for q in range(1, 7)])
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
                    "created_at": start,
                }
                for u in range(1, 41)
            ],
        )
        conn.execute(insert(m.team_members), [{"team_id": 1, "user_id": u} for u in range(1, 41)])
        conn.execute(
            insert(m.AgentState),
            [
                {
                    "user_id": u,
                    "presence": r.choice(("available", "busy", "away")),
                    "presence_since": start,
                    "capacity": {},
                }
                for u in range(1, 41)
            ],
        )
        spans = []
        for u in range(1, 41):
            # Two shifts' worth of presence with a break, as the presence history records them.
            at = start + timedelta(seconds=r.uniform(0, 4 * 3600))
            for presence, hours in (("available", 3.5), ("away", 0.5), ("busy", 3.5), ("offline", 4)):
                spans.append(
                    {"user_id": u, "presence": presence, "started_at": at, "ended_at": at + timedelta(hours=hours)}
                )
                at += timedelta(hours=hours)
        conn.execute(insert(m.PresenceSpan), spans)
        conn.execute(
            insert(m.Contact),
            [{"id": i, "attributes": {}, "created_at": start, "updated_at": start} for i in range(1, 60_001)],
        )
        conversations, events = [], []
        for i in range(1, CONVERSATIONS + 1):
            queue = r.randint(1, 6)
            created = start + timedelta(seconds=r.uniform(0, 86_000))
            fate = r.random()
            row = {
                "id": i,
                "queue_id": queue,
                "contact_id": r.randint(1, 60_000),
                "channel": CHANNELS[queue % 3],
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
            if fate < 0.85:
                taken = created + timedelta(seconds=r.expovariate(1 / 45))
                row["assignee_id"], row["first_assigned_at"] = r.randint(1, 40), taken
                events.append(
                    {
                        "contact_id": row["contact_id"],
                        "conversation_id": i,
                        "queue_id": queue,
                        "kind": "assigned",
                        "data": {},
                        "occurred_at": taken,
                    }
                )
                row["first_response_at"] = taken + timedelta(seconds=r.uniform(5, 120))
                if r.random() < 0.6:
                    row["status"] = "resolved"
                    row["resolved_at"] = row["first_response_at"] + timedelta(seconds=r.uniform(60, 900))
                    if r.random() < 0.08:
                        events.append(
                            {
                                "contact_id": row["contact_id"],
                                "conversation_id": i,
                                "queue_id": queue,
                                "kind": "survey_answer",
                                "data": {"survey": "csat", "score": r.randint(1, 5)},
                                "occurred_at": row["resolved_at"],
                            }
                        )
            elif fate < 0.95:
                gone = created + timedelta(seconds=r.uniform(3, 300))
                row["status"], row["resolved_at"], row["abandoned_at"] = "resolved", gone, gone
                events.append(
                    {
                        "contact_id": row["contact_id"],
                        "conversation_id": i,
                        "queue_id": queue,
                        "kind": "abandoned",
                        "data": {},
                        "occurred_at": gone,
                    }
                )
            conversations.append(row)
        conn.execute(insert(m.Conversation), conversations)
        conn.execute(insert(m.Event), events)
        # Decided on arrival by the server; rows inserted in bulk get it in one pass.
        mark_repeats(conn)
    engine.dispose()


ROUND_S = 15


def _batch(session: Session, r: random.Random, since: datetime) -> None:
    """One housekeeping round's worth of the day's traffic in [since, since + 15 s), each write
    with its change row at its moment, as the server's flush hook records them."""
    c = m.Conversation
    changes: list[dict[str, object]] = []

    def at() -> datetime:
        return since + timedelta(seconds=r.uniform(0, ROUND_S))

    def changed(entity: str, entity_id: int, moment: datetime) -> None:
        changes.append(
            {"entity": entity, "entity_id": entity_id, "op": "upsert", "payload": "{}", "created_at": moment}
        )

    def recent(*conditions: object, within: timedelta, count: int) -> list[int]:
        ids = session.scalars(select(c.id).where(*conditions, c.created_at >= since - within)).all()
        return r.sample(list(ids), min(count, len(ids)))

    next_id = session.scalar(select(func.max(c.id))) or 0
    for i in range(17):
        moment, queue = at(), r.randint(1, 6)
        session.execute(
            insert(c),
            {
                "id": next_id + 1 + i,
                "queue_id": queue,
                "contact_id": r.randint(1, 60_000),
                "channel": CHANNELS[queue % 3],
                "status": "open",
                "priority": "normal",
                "created_at": moment,
                "last_activity_at": moment,
                "last_inbound_at": moment,
            },
        )
        changed("conversation", next_id + 1 + i, moment)
    waiting = (c.status == "open", c.first_assigned_at.is_(None), c.abandoned_at.is_(None))
    for cid in recent(*waiting, within=timedelta(minutes=10), count=15):
        moment = at()
        session.execute(update(c).where(c.id == cid).values(first_assigned_at=moment, first_response_at=moment))
        changed("conversation", cid, moment)
    answered = (c.status == "open", c.first_assigned_at.is_not(None))
    resolved = recent(*answered, within=timedelta(minutes=30), count=8)
    resolved += recent(*answered, c.created_at < since - timedelta(hours=2), within=timedelta(hours=3), count=1)
    for cid in resolved:
        moment = at()
        session.execute(update(c).where(c.id == cid).values(status="resolved", resolved_at=moment))
        changed("conversation", cid, moment)
    for cid in recent(*waiting, within=timedelta(minutes=5), count=1):
        moment = at()
        session.execute(update(c).where(c.id == cid).values(status="resolved", resolved_at=moment, abandoned_at=moment))
        changed("conversation", cid, moment)
    for cid in resolved[:1]:
        moment, row = at(), session.execute(select(c.queue_id, c.contact_id).where(c.id == cid)).one()
        event_id = session.scalar(
            insert(m.Event).returning(m.Event.id),
            {
                "contact_id": row.contact_id,
                "conversation_id": cid,
                "queue_id": row.queue_id,
                "kind": "survey_answer",
                "data": {"survey": "csat", "score": r.randint(1, 5)},
                "occurred_at": moment,
            },
        )
        changed("event", event_id, moment)
        changed("conversation", cid, moment)
    session.execute(insert(m.Change), changes)
    session.commit()


def _best_ms(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(PASSES):
        began = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - began)
    return best * 1000


def supervisor_metrics() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'day.db'}"
        _seed(url)
        engine = make_engine(url)
        sessions = make_sessionmaker(engine)
        try:
            with sessions() as session:
                figures = metrics.current(session, now=NOW)
                assert sum(q["today"]["offered"] for q in figures["queues"]) == CONVERSATIONS
                current_ms = _best_ms(lambda: metrics.current(session, now=NOW))
                intervals_ms = _best_ms(lambda: metrics.intervals(session, 1, now=NOW))
                floor = text(FLOOR_QUERY).bindparams(bindparam("start", NOW.replace(hour=0, minute=0), UTCDateTime))
                rows = session.execute(floor).all()
                assert sum(row[1] for row in rows) == CONVERSATIONS
                floor_ms = _best_ms(lambda: session.execute(floor).all())
                incremental_ms, hour_floor_ms = _incremental(session)
        finally:
            engine.dispose()
    return [
        Figure("supervisor_metrics.current", current_ms, "ms", floor_ms, "ms"),
        Figure("supervisor_metrics.intervals", intervals_ms, "ms", floor_ms, "ms"),
        Figure("supervisor_metrics.intervals_incremental", incremental_ms, "ms", hour_floor_ms, "ms"),
    ]


def _incremental(session: Session) -> tuple[float, float]:
    """Best recomputation from a warm cache after a batch of changes, and the last hour's floor."""
    r = random.Random(11)
    cache = IntervalCache()
    now = NOW - timedelta(seconds=PASSES * ROUND_S)
    metrics.intervals(session, 1, now=now, cache=cache)
    session.commit()
    best = float("inf")
    for _ in range(PASSES):
        _batch(session, r, now)
        now += timedelta(seconds=ROUND_S)
        began = time.perf_counter()
        warm = metrics.intervals(session, 1, now=now, cache=cache)
        best = min(best, time.perf_counter() - began)
        session.commit()
    assert warm == metrics.intervals(session, 1, now=now), "the incremental intervals differ from a full count"
    floor = text(FLOOR_QUERY).bindparams(bindparam("start", now - timedelta(hours=1), UTCDateTime))
    return best * 1000, _best_ms(lambda: session.execute(floor).all())


BENCHMARKS: dict[str, Callable[[], list[Figure]]] = {"supervisor_metrics": supervisor_metrics}
