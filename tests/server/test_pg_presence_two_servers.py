"""Presence with two server processes on one PostgreSQL database: an agent stays connected
while either server holds a live stream of theirs, and a server that dies holding one
leaves a lease that goes stale instead of keeping the agent online for good."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select
from websockets.sync.client import ClientConnection, connect

from agentdesk.domain.enums import ChannelKind, Role
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.services import admin, leases, routing
from tests.support.postgres import shared_postgres
from tests.support.server_process import FRAME_TIMEOUT_S, ServerProcess, two_servers
from tests.support.world import PASSWORD

pytestmark = pytest.mark.postgres


@pytest.fixture
def engine() -> Iterator[Engine]:
    engine = make_engine(shared_postgres().migrated_database())
    with make_sessionmaker(engine)() as session:
        team = admin.create_team(session, "Mail")
        admin.create_queue(session, "Mail", ChannelKind.EMAIL, teams=[team])
        ana = admin.create_user(session, "ana", PASSWORD, Role.AGENT)
        admin.set_membership(session, ana.id, team.id, True)
        routing.set_presence(session, ana, "available")
        session.commit()
    yield engine
    engine.dispose()


@pytest.fixture
def servers(engine: Engine, tmp_path: Path) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    url = engine.url.render_as_string(hide_password=False)
    with two_servers(url, tmp_path) as pair:
        yield pair


def _stream(server: ServerProcess, stack: ExitStack) -> ClientConnection:
    token = httpx.post(f"{server.url}/api/v1/auth/token", json={"username": "ana", "password": PASSWORD}).json()[
        "access_token"
    ]
    stream = stack.enter_context(
        connect(
            f"ws://127.0.0.1:{server.port}/api/v1/stream",
            additional_headers={"Authorization": f"Bearer {token}"},
            open_timeout=FRAME_TIMEOUT_S,
        )
    )
    # The server takes its lease before it sends the first frame.
    assert json.loads(stream.recv(timeout=FRAME_TIMEOUT_S))["type"] == "changes"
    return stream


def _ana(engine: Engine) -> tuple[m.AgentState, list[m.StreamLease]]:
    with make_sessionmaker(engine)() as session:
        user_id = session.scalar(select(m.User.id).where(m.User.username == "ana"))
        state = session.get(m.AgentState, user_id)
        held = session.scalars(select(m.StreamLease).where(m.StreamLease.user_id == user_id)).all()
        assert state is not None
        return state, list(held)


def _until(engine: Engine, what: str, done: Any) -> tuple[m.AgentState, list[m.StreamLease]]:
    deadline = time.monotonic() + FRAME_TIMEOUT_S
    while not done(*(found := _ana(engine))):
        if time.monotonic() > deadline:
            pytest.fail(f"never saw {what}: {found}")
        time.sleep(0.05)
    return found


def test_an_agent_stays_connected_while_any_server_holds_a_stream(
    servers: tuple[ServerProcess, ServerProcess], engine: Engine
) -> None:
    one, two = servers
    with ExitStack() as streams:
        on_one, on_two = _stream(one, streams), _stream(two, streams)
        state, held = _ana(engine)
        assert len({lease.server_id for lease in held}) == 2 and state.disconnected_at is None

        # Closing the stream on one: one drops its lease and, seeing two's, does not start the grace period.
        on_one.close()
        state, held = _until(engine, "server one drop its lease", lambda _s, held: len(held) == 1)
        assert state.disconnected_at is None

        # Closing the last one: disconnected, the grace period runs.
        on_two.close()
        state, _ = _until(engine, "the disconnect", lambda s, held: not held and s.disconnected_at is not None)

        # Back on two, which then dies without closing anything: its lease is left behind.
        _stream(two, streams)
        _until(engine, "the reconnect", lambda s, held: len(held) == 1 and s.disconnected_at is None)
        two.kill()
    state, (left,) = _ana(engine)  # as two last renewed it
    with make_sessionmaker(engine)() as session:
        assert leases.connected(session, state.user_id, left.seen_at)
        # Any surviving server's round, once the lease is stale, drops it and dates the disconnect
        # from its last renewal; the grace period then takes the agent offline.
        later = left.seen_at + timedelta(seconds=leases.LEASE_TTL_S + 1)
        assert leases.renew(session, "a-surviving-server", now=later) == [state.user_id]
        swept = session.get(m.AgentState, state.user_id)
        assert swept is not None and swept.disconnected_at == left.seen_at
        assert routing.expire_presence(session, 60, now=left.seen_at + timedelta(seconds=61)) == [state.user_id]
        assert session.scalars(select(m.StreamLease)).all() == []
        session.commit()
