"""Channel workers and the outbound dispatcher, started and stopped with the server.

The app's lifespan enters `run_channels(state, hub)`. Inside it:

- the outbound dispatcher (`channels.dispatch`) runs, woken by the live hub on every change;
- a supervisor looks at the queues every `channel_refresh_s` and keeps one email worker per
  configured email queue: it starts workers for new queues, restarts a worker whose settings or
  secrets changed (an administrator's fix takes effect without a restart), and stops workers of
  queues that are gone. A queue whose settings are incomplete gets an error health instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

from sqlalchemy import select

from agentdesk.domain.enums import ChannelKind
from agentdesk.server.api.deps import ServerState
from agentdesk.server.channels.dispatch import Dispatcher, DispatchPolicy, register_sender
from agentdesk.server.channels.email import health
from agentdesk.server.channels.email.account import AccountError, EmailAccount
from agentdesk.server.channels.email.sender import send_email
from agentdesk.server.channels.email.worker import EmailWorker, WorkerTimings
from agentdesk.server.db import models as m
from agentdesk.server.live import Hub

log = logging.getLogger(__name__)
_STOP_WAIT_S = 10.0


@dataclass
class _Running:
    fingerprint: str
    worker: EmailWorker


class EmailSupervisor:
    def __init__(self, state: ServerState, hub: Hub) -> None:
        self._state = state
        self._hub = hub
        settings = state.settings
        self._timings = WorkerTimings(idle_s=settings.email_idle_s, retry_s=settings.channel_retry_s)
        # Who holds a queue's fetch lease: this process, for as long as it runs.
        self._owner = uuid.uuid4().hex
        self._running: dict[int, _Running] = {}

    async def run(self) -> None:
        while True:
            try:
                await self.refresh()
            except Exception:  # the database may be down for a while; try again next round
                log.exception("channel supervisor round failed")
            await asyncio.sleep(self._state.settings.channel_refresh_s)

    async def refresh(self) -> None:
        wanted = await asyncio.to_thread(self._wanted)
        stale = [
            queue_id
            for queue_id, running in self._running.items()
            if queue_id not in wanted or wanted[queue_id].fingerprint() != running.fingerprint
        ]
        await self._stop([self._running.pop(queue_id) for queue_id in stale])
        for queue_id, account in wanted.items():
            if queue_id not in self._running:
                worker = EmailWorker(
                    queue_id,
                    account,
                    self._state.write_sessions,
                    owner=self._owner,
                    timings=self._timings,
                    announce=self._hub.announce,
                )
                worker.start()
                self._running[queue_id] = _Running(account.fingerprint(), worker)

    async def stop_all(self) -> None:
        running, self._running = list(self._running.values()), {}
        await self._stop(running)

    async def _stop(self, running: list[_Running]) -> None:
        for item in running:
            item.worker.stop()
        for item in running:
            await asyncio.to_thread(item.worker.join, _STOP_WAIT_S)

    def _wanted(self) -> dict[int, EmailAccount]:
        wanted: dict[int, EmailAccount] = {}
        with self._state.write_sessions() as session:
            session.info["announce"] = self._hub.announce
            queues = session.scalars(select(m.Queue).where(m.Queue.channel == ChannelKind.EMAIL.value)).all()
            for queue in queues:
                if not queue.settings:
                    continue  # not set up for mail yet
                try:
                    wanted[queue.id] = EmailAccount.of(queue.settings, queue.secrets)
                except AccountError as exc:
                    health.report(session, queue.id, health.ERROR, f"the email settings are incomplete: {exc}")
            session.commit()
        return wanted


@contextlib.asynccontextmanager
async def run_channels(state: ServerState, hub: Hub) -> AsyncIterator[None]:
    """Run every channel worker and the outbound dispatcher until the block ends."""
    settings = state.settings
    register_sender(ChannelKind.EMAIL.value, send_email)
    dispatcher = Dispatcher(
        state.read_sessions,
        state.write_sessions,
        policy=DispatchPolicy(
            interval_s=settings.dispatch_interval_s,
            retry_base_s=settings.dispatch_retry_s,
            max_attempts=settings.dispatch_max_attempts,
        ),
        announce=hub.announce,
    )
    seen = hub.head

    async def changes(timeout: float) -> None:
        # Anything committed since the last round (a reply, here or in a peer process) wakes it.
        nonlocal seen
        seen = await hub.wait_beyond(seen, timeout)

    supervisor = EmailSupervisor(state, hub)
    tasks = [asyncio.ensure_future(dispatcher.run(changes)), asyncio.ensure_future(supervisor.run())]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await supervisor.stop_all()
