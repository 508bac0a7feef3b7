"""Live announcements of new changes to connected clients, across server processes.

A client never takes the announcement as data: it is only a hint to pull the feed, so a
lost or doubled announcement costs nothing but a request.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from contextlib import suppress

import psycopg
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from agentdesk.server.changelog import NOTIFY_CHANNEL

log = logging.getLogger(__name__)


class Hub:
    """Holds the newest sequence number and wakes every subscriber when it grows."""

    def __init__(self) -> None:
        self.head = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiters: set[asyncio.Future[None]] = set()

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def announce(self, seq: int) -> None:
        """Callable from any thread (request handlers run in a thread pool)."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with suppress(RuntimeError):  # the loop is shutting down
            loop.call_soon_threadsafe(self._raise_head, seq)

    def _raise_head(self, seq: int) -> None:
        if seq <= self.head:
            return
        self.head = seq
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait_beyond(self, seen: int, timeout: float) -> int:
        """Wait until the head passes `seen` (or the timeout ends); returns the head."""
        if self.head > seen:
            return self.head
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.add(waiter)
        try:
            await asyncio.wait_for(waiter, timeout)
        except TimeoutError:
            pass
        finally:
            self._waiters.discard(waiter)
        return self.head


class PeerListener:
    """LISTENs on PostgreSQL for changes that other server processes commit."""

    def __init__(self, engine: Engine, hub: Hub) -> None:
        url = make_url(engine.url).set(drivername="postgresql")
        self._dsn = url.render_as_string(hide_password=False)
        self._hub = hub
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pg-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._dsn, autocommit=True) as conn:
                    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5):
                            if note.payload.isdigit():
                                self._hub.announce(int(note.payload))
            except psycopg.Error as exc:
                log.warning("lost the PostgreSQL LISTEN connection (%s); retrying", exc)
                self._stop.wait(1.0)
