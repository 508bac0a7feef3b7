"""The supervisor side's background work, run in each housekeeping round, and stream tracking.

A round: this server's stream leases are renewed and other servers' stale ones dropped
(services/leases.py: server processes sharing a database agree on who is connected); agents
disconnected longer than the grace period go offline; waiting work is routed (capacity freed
since the last round) and overflow rules that offer another channel make their offers; SLA
breaches become events; the figures are announced to supervisors when they changed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from uuid import uuid4

from sqlalchemy.orm import Session, sessionmaker

from agentdesk.server.services import channel_offers, leases, metrics, routing, sla

PRESENCE_GRACE_S = 60.0
# Recomputing a busy day's figures takes about half a second: every few rounds, not every one
# (every 15 s at the default 5-second round), the first time once the server has settled.
FIGURES_EVERY_ROUNDS = 3

# A server's own lease rows are read and written by one stream event at a time.
_streams_lock = threading.Lock()


class Supervision:
    def __init__(
        self,
        server_id: str | None = None,
        grace_s: float = PRESENCE_GRACE_S,
        figures_every_rounds: int = FIGURES_EVERY_ROUNDS,
    ) -> None:
        self.server_id = server_id or uuid4().hex
        self.grace_s = grace_s
        self.figures_every_rounds = figures_every_rounds
        self.announcer = metrics.Announcer()
        self._rounds = 0

    def round(self, sessions: sessionmaker[Session], announce: Callable[[int], None]) -> None:
        with sessions() as session:
            session.info["announce"] = announce
            leases.renew(session, self.server_id)
            routing.expire_presence(session, self.grace_s)
            routing.route_all(session)
            channel_offers.offer_to_waiting(session)
            sla.record_breaches(session)
            session.commit()
            self._rounds += 1
            if self._rounds % self.figures_every_rounds:
                return
            digest = self.announcer.announce(session)
            session.commit()
        if digest is not None:
            self.announcer.confirm(digest)


def stream_changed(server_id: str, sessions: sessionmaker[Session], user_id: int, opened: bool) -> None:
    """Called (in a worker thread) when a live stream of `user_id` opens or closes on this server."""
    with _streams_lock, sessions() as session:
        if opened:
            leases.stream_opened(session, server_id, user_id)
        else:
            leases.stream_closed(session, server_id, user_id)
        session.commit()
