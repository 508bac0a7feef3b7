"""Each agent's presence over time, as spans, for the staffed time occupancy is measured against.

A `before_flush` hook writes them whenever an agent's presence changes, whoever changes it
(the agent from the client, the grace period going offline, an admin), so no path can forget
one: the open span ends when the new presence begins.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, event, inspect, or_, select, update
from sqlalchemy.orm import Session

from agentdesk.domain.metrics import INTERVAL_S, STAFFED
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow


@event.listens_for(Session, "before_flush")
def _record(session: Session, _context: Any, _instances: Any) -> None:
    for state in [*session.new, *session.dirty]:
        if not isinstance(state, m.AgentState):
            continue
        if state not in session.new and not inspect(state).attrs.presence.history.has_changes():
            continue
        since = state.presence_since or utcnow()
        state.presence_since = since
        spans = m.PresenceSpan.__table__
        still_open = and_(spans.c.user_id == state.user_id, spans.c.ended_at.is_(None))
        # Core, not ORM: an ORM statement would flush first, and this runs inside a flush. A span
        # that had not begun yet (a change dated earlier, as a replay or the demo's past does)
        # never was in effect.
        with session.no_autoflush:
            session.execute(delete(spans).where(still_open, spans.c.started_at >= since))
            session.execute(update(spans).where(still_open).values(ended_at=since))
        session.add(m.PresenceSpan(user_id=state.user_id, presence=state.presence, started_at=since))


def staffed_seconds(session: Session, start: datetime, end: datetime, sliced: bool) -> dict[tuple[int, int], float]:
    """Seconds each agent was staffed (available or busy) in [start, end), by (user, interval
    start in s); the interval is 0 when the period is not sliced. Open spans last until `end`."""
    t_start, t_end = start.timestamp(), end.timestamp()
    out: dict[tuple[int, int], float] = defaultdict(float)
    spans = session.execute(
        select(m.PresenceSpan.user_id, m.PresenceSpan.started_at, m.PresenceSpan.ended_at).where(
            m.PresenceSpan.presence.in_(STAFFED),
            m.PresenceSpan.started_at < end,
            or_(m.PresenceSpan.ended_at.is_(None), m.PresenceSpan.ended_at > start),
        )
    )
    for user_id, began, ended in spans:
        at = max(began.timestamp(), t_start)
        stop = min(ended.timestamp() if ended is not None else t_end, t_end)
        while at < stop:
            slot = int(at - at % INTERVAL_S) if sliced else 0
            upto = min(stop, slot + INTERVAL_S) if sliced else stop
            out[(user_id, slot)] += upto - at
            at = upto
    return out
