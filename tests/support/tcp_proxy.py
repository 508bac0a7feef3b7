"""A loopback TCP proxy a test controls: latency, refused connections, connections cut
mid-request or mid-response, and every open connection cut at once.

It runs its own asyncio loop in a daemon thread, so sync tests, async tests and client
subprocesses can all go through it. Faults are drawn from a seeded RNG: a failing run
fails the same way again.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
from dataclasses import dataclass


@dataclass
class Faults:
    latency_s: float = 0.0  # added before forwarding each chunk, both ways
    refuse: bool = False  # accept, then close at once (nothing reaches the server)
    drop_rate: float = 0.0  # share of chunks (a request, a response, a part of one) cut part-way
    # Cut the next response holding these bytes before any of it goes through (the server did
    # the work, the client never hears of it); then this is reset.
    lose_response_with: bytes = b""


@dataclass
class Stats:
    connections: int = 0
    refused: int = 0
    cut_requests: int = 0
    cut_responses: int = 0
    cut_by_test: int = 0


class TcpProxy:
    def __init__(self, upstream_port: int, *, seed: int = 0) -> None:
        self.upstream_port = upstream_port
        self.faults = Faults()
        self.stats = Stats()
        self.port = 0
        self._rng = random.Random(seed)
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._thread = threading.Thread(target=self._loop.run_forever, name="tcp-proxy", daemon=True)
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def start(self) -> TcpProxy:
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._handle, "127.0.0.1", 0), self._loop
        ).result()
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        async def close() -> None:
            assert self._server is not None
            self._server.close()
            self._cut_all()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)

    def cut_all(self) -> None:
        """Cut every open connection now (a dead Wi-Fi): streams and requests alike."""
        asyncio.run_coroutine_threadsafe(self._cut_all_async(), self._loop).result()

    async def _cut_all_async(self) -> None:
        self.stats.cut_by_test += len(self._writers)
        self._cut_all()

    def _cut_all(self) -> None:
        for writer in list(self._writers):
            _abort(writer)
        self._writers.clear()

    def _cut_at(self, size: int) -> int | None:
        """Where to cut this chunk, or None to let it through whole."""
        with self._lock:
            if self._rng.random() >= self.faults.drop_rate:
                return None
            return self._rng.randint(0, max(0, size - 1))

    def _lose(self, chunk: bytes) -> bool:
        with self._lock:
            marker = self.faults.lose_response_with
            if not marker or marker not in chunk:
                return False
            self.faults.lose_response_with = b""
            return True

    async def _handle(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        self.stats.connections += 1
        if self.faults.refuse:
            self.stats.refused += 1
            _abort(client_writer)
            return
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            _abort(client_writer)
            return
        self._writers.update((client_writer, up_writer))
        both = (client_writer, up_writer)
        await asyncio.gather(
            self._pipe(client_reader, up_writer, both, "request"),
            self._pipe(up_reader, client_writer, both, "response"),
        )
        for writer in both:
            self._writers.discard(writer)

    async def _pipe(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        both: tuple[asyncio.StreamWriter, asyncio.StreamWriter],
        direction: str,
    ) -> None:
        cut = False
        try:
            while chunk := await reader.read(65536):
                if self.faults.latency_s:
                    await asyncio.sleep(self.faults.latency_s)
                cut_at = self._cut_at(len(chunk))
                if direction == "response" and self._lose(chunk):
                    cut_at = 0
                if cut_at is not None:
                    # Part of the bytes go through, then the line dies: mid-request or mid-response.
                    writer.write(chunk[:cut_at])
                    with contextlib.suppress(OSError):
                        await writer.drain()
                    if direction == "request":
                        self.stats.cut_requests += 1
                    else:
                        self.stats.cut_responses += 1
                    cut = True
                    break
                writer.write(chunk)
                await writer.drain()
        except OSError:
            cut = True
        for w in both:
            if cut:
                _abort(w)
            elif not w.is_closing():
                # An orderly end on one side ends the other side in order too (FIN, not RST).
                w.close()


def _abort(writer: asyncio.StreamWriter) -> None:
    transport = writer.transport
    if not transport.is_closing():
        transport.abort()
