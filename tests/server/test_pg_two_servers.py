"""Two server processes on one PostgreSQL database: a write through one reaches the live
stream held by the other (LISTEN/NOTIFY), and the other's feed then serves it."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
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
from tests.support.postgres import shared_postgres
from tests.support.server_process import FRAME_TIMEOUT_S, ServerProcess, two_servers
from tests.support.world import PASSWORD, login

pytestmark = pytest.mark.postgres


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
    with two_servers(url, tmp_path) as pair:
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
