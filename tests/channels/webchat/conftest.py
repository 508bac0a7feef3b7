"""A live server with the test world plus two web-chat queues, fresh for every test."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.sync.client import ClientConnection, connect

from agentdesk.domain.enums import ChannelKind
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.migrate import upgrade
from agentdesk.server.services import admin
from tests.support.browser import browser, page  # noqa: F401  (fixtures)
from tests.support.live_server import LiveServer, start_server
from tests.support.world import World, build_world, login

ALLOWED = "https://shop.example"


@dataclass
class Chat:
    server: LiveServer
    world: World
    database_url: str

    @property
    def queue(self) -> int:
        return self.world.queues["webchat"]

    @property
    def tight_queue(self) -> int:
        return self.world.queues["webchat_tight"]

    def page_url(self, queue: int | None = None) -> str:
        return f"{self.server.url}/webchat/{queue or self.queue}/"

    def socket(self, queue: int | None = None, origin: str | None = ALLOWED) -> ClientConnection:
        url = f"{self.server.ws_url}/api/v1/webchat/{queue or self.queue}/ws"
        return connect(url, origin=origin, open_timeout=10)  # type: ignore[arg-type]

    def agent(self, username: str = "ana") -> httpx.Client:
        return login(self.server.url, username)

    def sessions(self) -> Any:
        engine = make_engine(self.database_url)
        return make_sessionmaker(engine)


def _build(path: Path) -> World:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with make_sessionmaker(engine)() as session:
        world = build_world(session)
        support = session.get(m.Team, world.teams["support"])
        assert support is not None
        chat = admin.create_queue(
            session,
            "Shop chat",
            ChannelKind.WEBCHAT,
            teams=[support],
            settings={
                "origins": [ALLOWED],
                "greeting": "Hi! <b>How</b> can we help?",
                "abandon_grace_s": 1,
                "email_queue_id": world.queues["support_email"],
                "offers": [
                    {"after_s": 0, "url": "*/pricing*", "offer": "callback", "text": "Shall we call you?"},
                    {"after_s": 1, "offer": "chat", "text": "Questions? Ask us."},
                ],
            },
        )
        tight = admin.create_queue(
            session,
            "Tight chat",
            ChannelKind.WEBCHAT,
            teams=[support],
            settings={
                "origins": [ALLOWED],
                "limits": {
                    "max_text": 50,
                    "max_frame_bytes": 1024,
                    "visitor_per_s": 0.01,
                    "visitor_burst": 3,
                    "address_per_s": 0.01,
                    "address_burst": 5,
                },
            },
        )
        world.queues.update(webchat=chat.id, webchat_tight=tight.id)
        session.commit()
    engine.dispose()
    return world


@pytest.fixture(scope="session")
def chat_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    path = tmp_path_factory.mktemp("webchat") / "world.db"
    return path, _build(path)


@pytest.fixture
def chat(chat_template: tuple[Path, World], tmp_path: Path) -> Iterator[Chat]:
    source, world = chat_template
    target = tmp_path / "server.db"
    shutil.copyfile(source, target)
    url = f"sqlite:///{target}"
    server = start_server(url, housekeeping_interval_s=0.2)
    try:
        yield Chat(server, world, url)
    finally:
        server.stop()


def frames_until(ws: ClientConnection, wanted: Callable[[dict[str, Any]], bool], limit_s: float = 10) -> list[dict]:
    """Read frames until one matches (returned last); fails after `limit_s` without one."""
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + limit_s
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"no matching frame; got {seen}")
        frame = json.loads(ws.recv(timeout=remaining))
        seen.append(frame)
        if wanted(frame):
            return seen


def hello(ws: ClientConnection, token: str | None = None, **extra: Any) -> dict[str, Any]:
    ws.send(json.dumps({"type": "hello", "token": token, **extra}))
    return frames_until(ws, lambda f: f["type"] == "welcome")[-1]


def send(ws: ClientConnection, frame: dict[str, Any]) -> None:
    ws.send(json.dumps(frame))


def wait_for(check: Callable[[], Any], what: str, limit_s: float = 10) -> Any:
    """Poll until `check` returns something truthy; fails naming `what`."""
    deadline = time.monotonic() + limit_s
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
