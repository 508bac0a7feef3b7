"""UI tests: real widgets (offscreen), a real server, the real client core, on a qasync loop."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QSettings

from agentdesk.ui.event_loop import new_event_loop
from agentdesk.ui.settings import Settings
from tests.support.live_server import LiveServer, start_server
from tests.support.memory_keyring import memory_keyring  # noqa: F401  (autouse fixture)
from tests.support.world import World

T = TypeVar("T")


@pytest.fixture(scope="session")
def qasync_loop(qapp) -> Iterator[asyncio.AbstractEventLoop]:
    """One qasync loop for the whole session: a second loop on the same QApplication after one
    was closed crashes Qt. It is closed at the end, which stops its executor's threads: a QThread
    still running at exit aborts the process."""
    loop = new_event_loop(qapp)
    yield loop
    loop.close()


@dataclass
class UiEnv:
    server: LiveServer
    world: World
    database_url: str
    data_dir: Path
    settings: Settings
    loop: asyncio.AbstractEventLoop

    def run(self, awaitable: Awaitable[T]) -> T:
        """Run a test's body on the loop: the sync engine's tasks only make progress while it runs."""
        return self.loop.run_until_complete(asyncio.wait_for(awaitable, 120))


async def until(condition: Callable[[], object], timeout: float = 20.0) -> None:
    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.03)

    await asyncio.wait_for(poll(), timeout)


@pytest.fixture
def ui_env(qasync_loop, world_template, tmp_path: Path) -> Iterator[UiEnv]:
    template, world = world_template
    shutil.copyfile(template, tmp_path / "server.db")
    url = f"sqlite:///{tmp_path / 'server.db'}"
    server = start_server(url)
    loop = qasync_loop
    asyncio.set_event_loop(loop)
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    env = UiEnv(server, world, url, tmp_path / "data", settings, loop)
    try:
        yield env
    finally:
        server.stop()
        asyncio.set_event_loop(None)
