"""The supervisor side's background work, run in each housekeeping round, and stream tracking.

A round: agents whose stream is gone longer than the grace period go offline; waiting work
is routed (capacity freed since the last round); SLA breaches become events; the figures
are announced to supervisors when they changed.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from agentdesk.server.services import metrics, routing, sla

PRESENCE_GRACE_S = 60.0
# Recomputing a busy day's figures takes about half a second: every few rounds, not every one
# (every 15 s at the default 5-second round), the first time once the server has settled.
FIGURES_EVERY_ROUNDS = 3

# Live streams per (server, user) in this process: only the last one closing marks the agent
# disconnected. Keyed by the server's state object, since tests run several servers in one process.
_streams: Counter[tuple[int, int]] = Counter()
_streams_lock = threading.Lock()


class Supervision:
    def __init__(self, grace_s: float = PRESENCE_GRACE_S, figures_every_rounds: int = FIGURES_EVERY_ROUNDS) -> None:
        self.grace_s = grace_s
        self.figures_every_rounds = figures_every_rounds
        self.announcer = metrics.Announcer()
        self._rounds = 0

    def round(self, sessions: sessionmaker[Session], announce: Callable[[int], None]) -> None:
        with sessions() as session:
            session.info["announce"] = announce
            routing.expire_presence(session, self.grace_s)
            routing.route_all(session)
            sla.record_breaches(session)
            session.commit()
            self._rounds += 1
            if self._rounds % self.figures_every_rounds:
                return
            digest = self.announcer.announce(session)
            session.commit()
        if digest is not None:
            self.announcer.confirm(digest)


def stream_changed(server: object, sessions: sessionmaker[Session], user_id: int, opened: bool) -> None:
    """Called (in a worker thread) when a live stream of `user_id` opens or closes."""
    key = (id(server), user_id)
    with _streams_lock:
        before = _streams[key]
        after = before + (1 if opened else -1)
        if after > 0:
            _streams[key] = after
        else:
            _streams.pop(key, None)
    # Only the first stream opening and the last one closing change anything.
    if (opened and before == 0) or (not opened and after <= 0):
        with sessions() as session:
            routing.stream_changed(session, user_id, connected=opened)
            session.commit()
