"""The web-chat channel inside one server process: who is connected, delivery, abandonment.

Agents' replies are not pushed by the shared outbound dispatcher: a chat reply is "sent" when
it reaches a connected widget, which may be now, later or never. The relay reads each new
stretch of the change log once, wakes the sockets of the visitors who got a reply, and each
socket sends what its widget has not confirmed yet. A visitor who comes back gets the rest the
same way, from the id the widget last confirmed; nothing depends on an announcement arriving.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind, Direction
from agentdesk.server.api.deps import ServerState
from agentdesk.server.channels.webchat import service
from agentdesk.server.channels.webchat.ratelimit import RateLimiter
from agentdesk.server.db import models as m
from agentdesk.server.live import Hub

log = logging.getLogger(__name__)
T = TypeVar("T")

# A relay further behind than this wakes every socket instead of reading the whole stretch.
_RELAY_BATCH = 5000


class VisitorLink:
    """One open widget socket."""

    def __init__(self, send: Callable[[dict[str, Any]], Any], visitor_id: str, identity_id: int | None) -> None:
        self._send = send
        self._lock = asyncio.Lock()
        self.visitor_id = visitor_id
        self.identity_id = identity_id
        self.wake = asyncio.Event()
        self.last_sent = 0

    async def send(self, frame: dict[str, Any]) -> None:
        # The pump and the frame handler both send; a WebSocket takes one frame at a time.
        async with self._lock:
            await self._send(frame)


class WebchatRuntime:
    def __init__(self, state: ServerState, hub: Hub) -> None:
        self.state = state
        self.hub = hub
        self.limiter = RateLimiter()
        self._by_identity: dict[int, set[VisitorLink]] = {}
        self._abandon_timers: dict[int, asyncio.Task[None]] = {}
        # One visitor's resends from two tabs must not both pass ingest's duplicate check.
        self._visitor_locks: dict[str, asyncio.Lock] = {}

    # -- database work, off the event loop ---------------------------------------------------

    async def read(self, fn: Callable[[Session], T]) -> T:
        def run() -> T:
            with self.state.read_sessions() as session:
                return fn(session)

        return await asyncio.to_thread(run)

    async def write(self, fn: Callable[[Session], T]) -> T:
        def run() -> T:
            with self.state.write_sessions() as session:
                session.info["announce"] = self.hub.announce
                result = fn(session)
                session.commit()
                return result

        return await asyncio.to_thread(run)

    def visitor_lock(self, visitor_id: str) -> asyncio.Lock:
        return self._visitor_locks.setdefault(visitor_id, asyncio.Lock())

    # -- presence ------------------------------------------------------------------------------

    def attach(self, link: VisitorLink) -> None:
        if link.identity_id is not None:
            self.identify(link, link.identity_id)

    def identify(self, link: VisitorLink, identity_id: int) -> None:
        link.identity_id = identity_id
        self._by_identity.setdefault(identity_id, set()).add(link)
        timer = self._abandon_timers.pop(identity_id, None)
        if timer is not None:
            timer.cancel()
        link.wake.set()

    def detach(self, link: VisitorLink, grace_s: float) -> None:
        """The socket closed; a visitor not back within the grace period has left."""
        identity_id = link.identity_id
        if identity_id is None:
            return
        links = self._by_identity.get(identity_id, set())
        links.discard(link)
        if links:
            return
        self._by_identity.pop(identity_id, None)
        self._visitor_locks.pop(link.visitor_id, None)
        self._abandon_timers[identity_id] = asyncio.ensure_future(self._abandon_later(identity_id, grace_s))

    def connected(self, identity_id: int) -> bool:
        return bool(self._by_identity.get(identity_id))

    async def push(self, identity_id: int, frame: dict[str, Any]) -> int:
        """Send an ephemeral frame (typing) to every socket of the visitor; returns how many."""
        links = list(self._by_identity.get(identity_id, ()))
        for link in links:
            with contextlib.suppress(Exception):  # a socket closing right now is not our error
                await link.send(frame)
        return len(links)

    async def abandon_now(self, identity_id: int, why: str) -> list[int]:
        timer = self._abandon_timers.pop(identity_id, None)
        if timer is not None:
            timer.cancel()
        return await self.write(lambda s: service.abandon(s, identity_id, why))

    async def _abandon_later(self, identity_id: int, grace_s: float) -> None:
        try:
            await asyncio.sleep(grace_s)
            if self.connected(identity_id):
                return
            self._abandon_timers.pop(identity_id, None)
            await self.write(lambda s: service.abandon(s, identity_id, "left"))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("could not record the abandonment of visitor identity %s", identity_id)

    # -- delivery ------------------------------------------------------------------------------

    async def run(self) -> None:
        """Wake the sockets of visitors who have new replies, until cancelled."""
        seen = await self.read(_head)
        try:
            while True:
                head = await self.hub.wait_beyond(seen, 30.0)
                if head <= seen:
                    continue
                try:
                    identities = await self.read(lambda s, a=seen, b=head: _replied_identities(s, a, b))
                except Exception:
                    log.exception("web-chat relay could not read the change log")
                    identities = None
                seen = head
                for identity_id, links in list(self._by_identity.items()):
                    if identities is None or identity_id in identities:
                        for link in links:
                            link.wake.set()
        finally:
            for timer in self._abandon_timers.values():
                timer.cancel()


def _head(session: Session) -> int:
    return session.scalar(select(m.Change.seq).order_by(m.Change.seq.desc()).limit(1)) or 0


def _replied_identities(session: Session, after: int, upto: int) -> set[int] | None:
    """Identities with a web-chat reply among these changes; None means "too many to read"."""
    rows = session.execute(
        select(m.Change.payload)
        .where(m.Change.seq > after, m.Change.seq <= upto, m.Change.entity == "message")
        .limit(_RELAY_BATCH)
    ).scalars()
    payloads = list(rows)
    if len(payloads) >= _RELAY_BATCH:
        return None
    found: set[int] = set()
    for text in payloads:
        data = json.loads(text)
        if (
            data.get("channel") == ChannelKind.WEBCHAT.value
            and data.get("direction") == Direction.OUTBOUND.value
            and data.get("identity_id")
        ):
            found.add(int(data["identity_id"]))
    return found
