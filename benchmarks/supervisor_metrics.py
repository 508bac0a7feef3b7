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
- `supervisor_metrics.intervals`: `metrics.intervals(days=1)` — the day's 96 intervals per queue.
- Floor: one `GROUP BY queue` in SQL over the same conversations (offered, answered, abandoned,
  average wait from the moments on each row), the least a database must do to count the day at all.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import bindparam, insert, text

from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.migrate import upgrade
from agentdesk.server.db.types import UTCDateTime
from agentdesk.server.services import metrics
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
        finally:
            engine.dispose()
    return [
        Figure("supervisor_metrics.current", current_ms, "ms", floor_ms, "ms"),
        Figure("supervisor_metrics.intervals", intervals_ms, "ms", floor_ms, "ms"),
    ]


BENCHMARKS: dict[str, Callable[[], list[Figure]]] = {"supervisor_metrics": supervisor_metrics}
