"""Serving a 100k-change backlog through the feed, in pages of 1000, against raw `sqlite3`.

The backlog is the bulk seeder's (`agentdesk-server seed --scale`): message-shaped payloads
of a few hundred bytes on the Bench queues. The feed is read as the Bench agent, so the
visibility filter of an agent (the queues of their teams) is part of the work; the floor
reads the same rows with one plain `sqlite3` query per page and no filter.

Figures:
- `feed_backlog.read_log`: `feed.read_log` in this process, as the route calls it.
- `feed_backlog.http`: `GET /api/v1/sync` of a real server process (uvicorn, loopback),
  read with httpx; the client takes only the cursor out of each body.
"""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from sqlalchemy import func, select

from agentdesk.server import feed
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.migrate import upgrade
from agentdesk.server.seed.bulk import BENCH_PASSWORD, BENCH_USERNAME, seed_scale
from benchmarks.figures import Figure

BACKLOG = 100_000
PAGE = 1000
# Best of a few passes: the figure is what the code can do, not what a noisy neighbour allowed.
PASSES = 3
# A bulk conversation brings about fifteen changes (contact, identities, events, messages).
CONVERSATIONS_PER_PASS = 2000

RAW_QUERY = "SELECT seq, entity, entity_id, op, payload FROM changes WHERE seq > ? ORDER BY seq LIMIT ?"


def _seed(url: str) -> tuple[int, int]:
    """Fill the database until the log holds the backlog; returns the cursor it starts after, and the head."""
    engine = make_engine(url)
    upgrade(engine)
    with make_sessionmaker(engine)() as session:
        seed = 0
        while (session.scalar(select(func.count()).select_from(m.Change)) or 0) < BACKLOG:
            seed_scale(session, CONVERSATIONS_PER_PASS, seed, lambda _done, _total: None)
            seed += 1
        head = feed.head_seq(session)
    engine.dispose()
    return head - BACKLOG, head


def _best_rate(read_all: Callable[[], int]) -> float:
    best = 0.0
    for _ in range(PASSES):
        started = time.perf_counter()
        served = read_all()
        elapsed = time.perf_counter() - started
        if served != BACKLOG:
            raise RuntimeError(f"served {served} changes of a backlog of {BACKLOG}")
        best = max(best, served / elapsed)
    return best


def _raw_sqlite(path: Path, start: int) -> int:
    conn = sqlite3.connect(path)
    try:
        served, cursor = 0, start
        while True:
            rows = conn.execute(RAW_QUERY, (cursor, PAGE)).fetchall()
            if not rows:
                return served
            served += len(rows)
            cursor = rows[-1][0]
    finally:
        conn.close()


def _read_log(url: str, start: int, head: int) -> int:
    engine = make_engine(url, for_writes=False)
    sessions = make_sessionmaker(engine)
    try:
        with sessions() as session:
            user = session.scalar(select(m.User).where(m.User.username == BENCH_USERNAME))
            assert user is not None
        served, cursor = 0, start
        while cursor < head:
            # One session per page, as each request of the route has its own.
            with sessions() as session:
                body = feed.read_log(session, user, cursor, PAGE)
            served += body.count('{"seq":')
            cursor = _cursor_of(body.encode())
        return served
    finally:
        engine.dispose()


def _cursor_of(body: bytes) -> int:
    # The body ends `"cursor":N,"head":...`: no need to decode a megabyte to find N.
    at = body.rindex(b'"cursor":') + len(b'"cursor":')
    return int(body[at : body.index(b",", at)])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Server:
    """`agentdesk-server serve` in its own process, as it runs in production."""

    def __init__(self, url: str, log: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "agentdesk.server.cli", "serve", "--database", url]
        command += ["--port", str(self.port), "--log-level", "warning"]
        with log.open("wb") as out:
            self.process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited:\n{log.read_text(errors='replace')}")
            try:
                if httpx.get(f"{self.base}/api/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the server did not start in 30 s")
            time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)


def _http(server: _Server, start: int, head: int) -> int:
    with httpx.Client(base_url=server.base, timeout=60) as client:
        token = client.post("/api/v1/auth/token", json={"username": BENCH_USERNAME, "password": BENCH_PASSWORD})
        token.raise_for_status()
        client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        served, cursor = 0, start
        while cursor < head:
            response = client.get("/api/v1/sync", params={"since": cursor, "limit": PAGE})
            response.raise_for_status()
            served += response.content.count(b'{"seq":')
            cursor = _cursor_of(response.content)
        return served


def feed_backlog() -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="agentdesk-bench-") as folder:
        path = Path(folder) / "backlog.db"
        url = f"sqlite:///{path}"
        start, head = _seed(url)
        floor = _best_rate(lambda: _raw_sqlite(path, start))
        in_process = _best_rate(lambda: _read_log(url, start, head))
        server = _Server(url, Path(folder) / "server.log")
        try:
            over_http = _best_rate(lambda: _http(server, start, head))
        finally:
            server.stop()
    unit = "changes/s"
    return [
        Figure("feed_backlog.read_log", in_process, unit, floor, unit),
        Figure("feed_backlog.http", over_http, unit, floor, unit),
    ]


BENCHMARKS: dict[str, Callable[[], list[Figure]]] = {"feed_backlog": feed_backlog}
