"""Two server processes on one PostgreSQL database: a write through one reaches the live
stream held by the other (LISTEN/NOTIFY), and the other's feed then serves it."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import connect

from agentdesk.domain.enums import ChannelKind, Role
from agentdesk.domain.identity import normalize
from agentdesk.server import feed
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.services import admin, conversations
from agentdesk.server.services.conversations import Inbound
from tests.support.live_server import free_port
from tests.support.postgres import shared_postgres
from tests.support.world import PASSWORD, login

pytestmark = pytest.mark.postgres

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


@pytest.fixture
def database() -> tuple[str, int]:
    """A migrated database with a supervisor and one conversation; returns its URL and the conversation id."""
    url = shared_postgres().migrated_database()
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        admin.create_user(session, "sue", PASSWORD, Role.SUPERVISOR)
        queue = admin.create_queue(session, "Support email", ChannelKind.EMAIL)
        message = conversations.ingest(
            session,
            Inbound(queue_id=queue.id, address=normalize("email", "nuria@example.cat"), text="Hola?"),
        )
        session.commit()
        conversation_id = message.conversation_id
    engine.dispose()
    return url, conversation_id


@pytest.fixture
def servers(database: tuple[str, int], tmp_path: Path) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    url = database[0]
    with ExitStack() as stack:
        pair = (ServerProcess(url, tmp_path / "one.log"), ServerProcess(url, tmp_path / "two.log"))
        for server in pair:
            stack.callback(server.stop)
        for server in pair:
            server.wait_ready()
        yield pair


def test_a_write_through_one_process_is_announced_on_the_stream_of_the_other(
    servers: tuple[ServerProcess, ServerProcess], database: tuple[str, int]
) -> None:
    one, two = servers
    url, conversation_id = database
    token = httpx.post(f"{one.url}/api/v1/auth/token", json={"username": "sue", "password": PASSWORD}).json()[
        "access_token"
    ]
    with connect(
        f"ws://127.0.0.1:{one.port}/api/v1/stream",
        additional_headers={"Authorization": f"Bearer {token}"},
        open_timeout=FRAME_TIMEOUT_S,
    ) as stream:
        first = json.loads(stream.recv(timeout=FRAME_TIMEOUT_S))
        assert first["type"] == "changes"
        before = first["head"]

        writer = login(two.url, "sue")
        note = writer.post(f"/api/v1/conversations/{conversation_id}/notes", json={"text": "Called her back"})
        writer.close()
        assert note.status_code == 201, note.text
        engine = make_engine(url)
        with make_sessionmaker(engine)() as session:
            after = feed.head_seq(session)
        engine.dispose()
        assert after > before

        # Process one made no write itself: only PostgreSQL's NOTIFY can have told it. Keep-alive
        # pings may come in between, so the bound is on the whole wait, not on each frame.
        announced, deadline = before, time.monotonic() + FRAME_TIMEOUT_S
        while announced < after:
            try:
                frame = json.loads(stream.recv(timeout=max(0.0, deadline - time.monotonic())))
            except TimeoutError:
                pytest.fail(f"process one never announced head {after} (last announced: {announced})")
            if frame["type"] == "changes":
                announced = frame["head"]
        assert announced == after

    reader = login(one.url, "sue")
    page = reader.get("/api/v1/sync", params={"since": before}).json()
    reader.close()
    notes = [c for c in page["changes"] if c["entity"] == "message" and c["data"]["text"] == "Called her back"]
    assert len(notes) == 1
    assert page["cursor"] == after
