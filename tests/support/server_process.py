"""A real `agentdesk-server serve` in a process of its own, on a free port, for tests about
several server processes sharing one database."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest

from tests.support.live_server import free_port

# Bounds on waiting for a process or a frame, so that a broken build fails instead of hanging.
START_TIMEOUT_S = 30.0
FRAME_TIMEOUT_S = 30.0


class ServerProcess:
    def __init__(self, database_url: str, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "agentdesk.server.cli", "serve"),
                    *("--database", database_url, "--port", str(self.port), "--log-level", "warning"),
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"the server exited at start:\n{self.log.read_text()}")
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the server did not answer in {START_TIMEOUT_S:.0f} s:\n{self.log.read_text()}")
            time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> None:
        """Gone without closing anything, as after a crash or a power cut."""
        self.process.kill()
        self.process.wait()


@contextmanager
def two_servers(database_url: str, folder: Path) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    """Two server processes on one database, both ready; both stopped afterwards, whatever happened."""
    with ExitStack() as stack:
        pair = (ServerProcess(database_url, folder / "one.log"), ServerProcess(database_url, folder / "two.log"))
        for server in pair:
            stack.callback(server.stop)
        for server in pair:
            server.wait_ready()
        yield pair
