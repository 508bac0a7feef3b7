"""The sync engine: pulls the feed, listens to the stream, sends the outbox; reports what it does.

Three tasks on one event loop (qasync's in the desktop program), sharing one
`httpx.AsyncClient`. Cache work runs in a worker thread so that applying a page never
freezes the window. Nothing depends on the stream for correctness: without it the engine
polls, and every failure is retried with back-off until the user signs out.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, BinaryIO

import httpx
import websockets
from websockets.asyncio.client import connect

from agentdesk.client.cache.apply import Touched
from agentdesk.client.cache.database import Cache
from agentdesk.client.observe import Observers
from agentdesk.client.outbox import files, store
from agentdesk.client.outbox.store import OutboxItem
from agentdesk.client.sync import pages
from agentdesk.client.sync.backoff import Backoff

log = logging.getLogger(__name__)


class SyncState(StrEnum):
    OFFLINE = "offline"
    SYNCING = "syncing"
    ONLINE = "online"
    SIGNED_OUT = "signed_out"


@dataclass(frozen=True, slots=True)
class Progress:
    phase: str  # "snapshot" or "changes"
    done: int
    total: int


class SignedOut(Exception):
    """The server no longer accepts the token (401, or the stream closed with 4401)."""


class Transient(Exception):
    """The network or the server failed; the same request may succeed later."""


@dataclass(frozen=True, slots=True)
class UploadProgress:
    item_id: int  # the outbox item (a reply) the file goes with
    name: str
    done: int  # bytes sent
    total: int


@dataclass(frozen=True, slots=True)
class Tuning:
    page_size: int = 1000
    poll_interval_s: float = 30.0
    backoff_base_s: float = 0.5
    backoff_cap_s: float = 30.0


class SyncEngine:
    def __init__(
        self,
        cache: Cache,
        http: httpx.AsyncClient,
        token: str,
        *,
        ws_url: str | None = None,
        tuning: Tuning = Tuning(),
    ) -> None:
        self.cache = cache
        self.http = http
        self.tuning = tuning
        self._token = token
        self._ws_url = ws_url or str(http.base_url).replace("http", "ws", 1).rstrip("/")
        self.state_changed: Observers[SyncState] = Observers()
        self.progress: Observers[Progress] = Observers()
        self.changed: Observers[Touched] = Observers()
        self.outbox_changed: Observers[OutboxItem] = Observers()
        self.signed_out: Observers[str] = Observers()
        self.upload_progress: Observers[UploadProgress] = Observers()
        self._state = SyncState.OFFLINE
        self._pull_wanted = asyncio.Event()
        self._send_wanted = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._stream_connected = False

    # -- state -------------------------------------------------------------------------

    @property
    def state(self) -> SyncState:
        return self._state

    @property
    def stream_connected(self) -> bool:
        return self._stream_connected

    def _set_state(self, state: SyncState) -> None:
        if self._state is SyncState.SIGNED_OUT or state is self._state:
            return
        self._state = state
        self.state_changed.emit(state)

    def _backoff(self) -> Backoff:
        return Backoff(self.tuning.backoff_base_s, self.tuning.backoff_cap_s)

    # -- life cycle --------------------------------------------------------------------

    def start(self) -> None:
        if self._tasks:
            return
        self._pull_wanted.set()
        self._send_wanted.set()
        self._tasks = [
            asyncio.create_task(self._guard(self._pull_loop), name="agentdesk-pull"),
            asyncio.create_task(self._guard(self._send_loop), name="agentdesk-send"),
            asyncio.create_task(self._guard(self._stream_loop), name="agentdesk-stream"),
        ]

    async def stop(self) -> None:
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def wake(self) -> None:
        """Pull now (a hint: the stream announced changes, or the user asked)."""
        self._pull_wanted.set()

    def outbox_added(self) -> None:
        self._send_wanted.set()

    async def _guard(self, loop: Callable[[], Awaitable[None]]) -> None:
        backoff = self._backoff()
        while True:
            try:
                await loop()
            except SignedOut as exc:
                self._sign_out(str(exc))
                return
            except Exception:
                # A bug or a broken cache must not stop syncing for the rest of the day: say it, go on.
                log.exception("the sync engine's %s loop failed; restarting it", getattr(loop, "__name__", "?"))
                self._set_state(SyncState.OFFLINE)
                await asyncio.sleep(backoff.next_delay())

    def _sign_out(self, reason: str) -> None:
        if self._state is SyncState.SIGNED_OUT:
            return
        self._state = SyncState.SIGNED_OUT
        self.state_changed.emit(SyncState.SIGNED_OUT)
        self.signed_out.emit(reason)
        current = asyncio.current_task()
        for task in self._tasks:
            if task is not current:
                task.cancel()

    # -- HTTP ---------------------------------------------------------------------------

    async def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self._token}", **kwargs.pop("headers", {})}
        try:
            response = await self.http.request(method, path, headers=headers, **kwargs)
        except httpx.TransportError as exc:
            raise Transient(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code == 401:
            raise SignedOut(_detail(response))
        if response.status_code >= 500 or response.status_code == 429:
            raise Transient(f"the server answered {response.status_code}")
        return response

    # -- pulling the feed --------------------------------------------------------------

    async def sync_once(self) -> None:
        """Pull until caught up with the server; raises Transient or SignedOut."""
        settle_ids = await asyncio.to_thread(self._unsettled)
        while True:
            position = await asyncio.to_thread(pages.position, self.cache)
            if position.needs_snapshot:
                await asyncio.to_thread(pages.start_snapshot, self.cache)
                continue
            if position.cursor is None:
                await self._snapshot(position.snapshot_token, settle_ids)
                continue
            if await self._delta(position.cursor, settle_ids):
                return

    def _unsettled(self) -> list[int]:
        with self.cache.read() as conn:
            return store.unsettled_ids(conn)

    async def _snapshot(self, token: str | None, settle_ids: list[int]) -> None:
        self._set_state(SyncState.SYNCING)
        while True:
            params: dict[str, Any] = {"limit": self.tuning.page_size, "since": 0}
            if token is not None:
                params["snapshot"] = token
            response = await self._request("GET", "/api/v1/sync", params=params)
            if response.status_code != 200:
                raise Transient(f"snapshot page refused: {response.status_code} {_detail(response)}")
            page = response.json()
            touched = await asyncio.to_thread(pages.apply_snapshot_page, self.cache, page, settle_ids)
            self.progress.emit(Progress("snapshot", page.get("done") or 0, page.get("total") or 0))
            self.changed.emit(touched)
            token = page["next"]
            if token is None:
                return

    async def _delta(self, cursor: int, settle_ids: list[int]) -> bool:
        """Pages from the cursor until has_more is false; False when a snapshot is needed first."""
        start = cursor
        while True:
            params = {"since": cursor, "limit": self.tuning.page_size}
            response = await self._request("GET", "/api/v1/sync", params=params)
            if response.status_code == 410:
                # Compacted past our cursor: bootstrap again; the outbox is untouched.
                await asyncio.to_thread(pages.request_snapshot, self.cache)
                return False
            if response.status_code != 200:
                raise Transient(f"feed page refused: {response.status_code} {_detail(response)}")
            page = response.json()
            if page["changes"] or page["cursor"] != cursor:
                self._set_state(SyncState.SYNCING)
            touched = await asyncio.to_thread(pages.apply_delta_page, self.cache, page, settle_ids)
            if page["head"] > start:
                self.progress.emit(Progress("changes", page["cursor"] - start, page["head"] - start))
            if touched:
                self.changed.emit(touched)
            if touched.resync:
                return False
            cursor = page["cursor"]
            if not page["has_more"]:
                return True

    async def _pull_loop(self) -> None:
        backoff = self._backoff()
        while True:
            # asyncio.timeout, not wait_for: in Python 3.11 wait_for swallows a cancellation that
            # arrives as the event is set, and stop() then waited for this task forever.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.tuning.poll_interval_s):
                    await self._pull_wanted.wait()
            self._pull_wanted.clear()
            try:
                await self.sync_once()
            except Transient as exc:
                log.info("sync failed, will retry: %s", exc)
                self._set_state(SyncState.OFFLINE)
                await asyncio.sleep(backoff.next_delay())
                self._pull_wanted.set()
                continue
            backoff.reset()
            self._set_state(SyncState.ONLINE)

    # -- sending the outbox ------------------------------------------------------------

    async def flush_outbox(self) -> None:
        """Send every pending item, in order; raises Transient when one cannot be sent yet."""
        while True:
            item = await asyncio.to_thread(store.next_pending, self.cache)
            if item is None:
                return
            await self._send(item)

    async def _send(self, item: OutboxItem) -> None:
        if store.makers(item):
            item, refused = await asyncio.to_thread(store.resolve, self.cache, item)
            if refused is not None:
                failed, touched = await asyncio.to_thread(store.mark_failed, self.cache, item.id, refused)
                self.outbox_changed.emit(failed)
                self.changed.emit(touched)
                return
        await asyncio.to_thread(store.count_attempt, self.cache, item.id)
        body = item.body
        if item.files:
            file_ids = await self._upload_files(item)
            if file_ids is None:
                return
            body = {**(body or {}), "attachment_ids": file_ids}
        headers = {"Idempotency-Key": item.idempotency_key}
        kwargs: dict[str, Any] = {}
        if body is not None:
            kwargs["json"] = body
        response = await self._request(item.method, item.path, headers=headers, **kwargs)
        if response.is_success:
            # A deletion answers 204 without a body.
            result = response.json() if response.content else None
            sent, touched = await asyncio.to_thread(store.mark_sent, self.cache, item.id, result)
            await asyncio.to_thread(files.remove, item.files)
            self.outbox_changed.emit(sent)
            if touched:
                self.changed.emit(touched)
            return
        failed, touched = await asyncio.to_thread(store.mark_failed, self.cache, item.id, _detail(response))
        self.outbox_changed.emit(failed)
        self.changed.emit(touched)

    async def _upload_files(self, item: OutboxItem) -> list[int] | None:
        """Upload the reply's files not yet on the server; their ids, or None when one was refused."""
        ids: list[int] = []
        for index, record in enumerate(item.files):
            file_id = record.get("file_id")
            if file_id is None:
                try:
                    response = await self._upload(item.id, record)
                except OSError as exc:
                    await self._fail_upload(item, f"{record['name']}: the copy kept to send cannot be read ({exc})")
                    return None
                if not response.is_success:
                    await self._fail_upload(item, f"{record['name']}: {_detail(response)}")
                    return None
                file_id = int(response.json()["id"])
                await asyncio.to_thread(store.record_upload, self.cache, item.id, index, file_id)
            ids.append(file_id)
        return ids

    async def _fail_upload(self, item: OutboxItem, reason: str) -> None:
        failed, touched = await asyncio.to_thread(store.mark_failed, self.cache, item.id, reason)
        self.outbox_changed.emit(failed)
        self.changed.emit(touched)

    async def _upload(self, item_id: int, record: dict[str, Any]) -> httpx.Response:
        def report(done: int) -> None:
            self.upload_progress.emit(UploadProgress(item_id, record["name"], done, record["size"]))

        with open(record["path"], "rb") as raw:
            return await self._request(
                "POST",
                "/api/v1/files",
                headers={"Idempotency-Key": record["key"]},
                files={"file": (record["name"], _CountingReader(raw, report), record["content_type"])},
            )

    async def _send_loop(self) -> None:
        backoff = self._backoff()
        while True:
            await self._send_wanted.wait()
            self._send_wanted.clear()
            try:
                await self.flush_outbox()
            except Transient as exc:
                log.info("sending failed, will retry: %s", exc)
                self._set_state(SyncState.OFFLINE)
                await asyncio.sleep(backoff.next_delay())
                self._send_wanted.set()
                continue
            backoff.reset()
            # The feed now holds the rows these writes made; once read, their overlay goes.
            self.wake()

    # -- the live stream ----------------------------------------------------------------

    async def _stream_loop(self) -> None:
        backoff = self._backoff()
        while True:
            try:
                await self._listen(backoff)
            except (OSError, TimeoutError, websockets.WebSocketException) as exc:
                if isinstance(exc, websockets.ConnectionClosed) and exc.rcvd and exc.rcvd.code == 4401:
                    raise SignedOut(exc.rcvd.reason or "the server ended this session") from exc
                log.info("stream lost: %s", exc)
            self._stream_connected = False
            await asyncio.sleep(backoff.next_delay())

    async def _listen(self, backoff: Backoff) -> None:
        async with connect(
            f"{self._ws_url}/api/v1/stream",
            additional_headers={"Authorization": f"Bearer {self._token}"},
            proxy=None,
            open_timeout=10,
            ping_interval=15,
            ping_timeout=15,
        ) as ws:
            self._stream_connected = True
            backoff.reset()
            # Changes may have come while we were away: the stream only announces new ones.
            self.wake()
            async for raw in ws:
                message = json.loads(raw)
                if message.get("type") == "changes":
                    self.wake()


class _CountingReader:
    """A file as httpx reads it into a multipart body, telling how far it got."""

    def __init__(self, raw: BinaryIO, report: Callable[[int], None]) -> None:
        self._raw = raw
        self._report = report

    def read(self, size: int = -1) -> bytes:
        chunk = self._raw.read(size)
        self._report(self._raw.tell())
        return chunk

    def seek(self, offset: int, whence: int = 0) -> int:
        # httpx rewinds a file before sending it again (a retry on a fresh connection).
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    if isinstance(detail, list):
        detail = "; ".join(str(d.get("msg", d)) if isinstance(d, dict) else str(d) for d in detail)
    return str(detail) if detail else f"the server answered {response.status_code}"
