"""Who is connected, agreed by every server process sharing the database.

Each server process holds a lease per agent with live streams on it: (server, agent, how
many streams, last renewed). An agent is connected while any server holds a live lease for
them — one with streams, renewed within `LEASE_TTL_S`. Closing a stream on one server
therefore marks the agent disconnected (the grace period starts) only when no other server
still holds one, and a server that dies without closing anything stops renewing its
leases: another server's housekeeping round finds them stale, drops them, and dates the
disconnection from their last renewal.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.services import routing

# Several housekeeping rounds (5 s each by default) must pass without a renewal.
LEASE_TTL_S = 30.0


def connected(session: Session, user_id: int, now: datetime, ttl_s: float = LEASE_TTL_S) -> bool:
    lease = m.StreamLease
    return (
        session.scalar(
            select(lease.server_id)
            .where(lease.user_id == user_id, lease.streams > 0, lease.seen_at >= now - timedelta(seconds=ttl_s))
            .limit(1)
        )
        is not None
    )


def stream_opened(session: Session, server_id: str, user_id: int, now: datetime | None = None) -> None:
    """A live stream of the agent opened on this server (callers serialize a server's own calls)."""
    now = now or utcnow()
    lease = session.get(m.StreamLease, (server_id, user_id))
    if lease is None:
        session.add(m.StreamLease(server_id=server_id, user_id=user_id, streams=1, seen_at=now))
    else:
        lease.streams += 1
        lease.seen_at = now
    routing.stream_changed(session, user_id, connected=True, now=now)


def stream_closed(
    session: Session, server_id: str, user_id: int, now: datetime | None = None, ttl_s: float = LEASE_TTL_S
) -> None:
    """A live stream of the agent closed on this server; disconnected if no server holds another."""
    now = now or utcnow()
    lease = session.get(m.StreamLease, (server_id, user_id))
    if lease is not None:
        lease.streams -= 1
        if lease.streams <= 0:
            session.delete(lease)
    session.flush()
    if not connected(session, user_id, now, ttl_s):
        routing.stream_changed(session, user_id, connected=False, now=now)


def renew(session: Session, server_id: str, now: datetime | None = None, ttl_s: float = LEASE_TTL_S) -> list[int]:
    """This server's leases renewed; other servers' stale ones dropped, their agents disconnected
    (from the last renewal) unless another server still holds them. Returns those agents."""
    now = now or utcnow()
    lease = m.StreamLease
    session.execute(update(lease).where(lease.server_id == server_id).values(seen_at=now))
    stale = session.execute(
        select(lease.server_id, lease.user_id, lease.seen_at).where(lease.seen_at < now - timedelta(seconds=ttl_s))
    ).all()
    lost: dict[int, datetime] = {}
    for stale_server, user_id, seen_at in stale:
        session.execute(delete(lease).where(lease.server_id == stale_server, lease.user_id == user_id))
        lost[user_id] = max(seen_at, lost.get(user_id, seen_at))
    disconnected = []
    for user_id, seen_at in sorted(lost.items()):
        state = session.get(m.AgentState, user_id)
        if state is not None and state.disconnected_at is None and not connected(session, user_id, now, ttl_s):
            state.disconnected_at = seen_at
            disconnected.append(user_id)
    # An agent marked disconnected by one server while another was taking a new stream of
    # theirs (the two decisions crossed) is connected again within a round.
    for state in session.scalars(select(m.AgentState).where(m.AgentState.disconnected_at.is_not(None))):
        if connected(session, state.user_id, now, ttl_s):
            state.disconnected_at = None
    session.flush()
    return disconnected
