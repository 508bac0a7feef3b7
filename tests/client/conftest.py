"""Client tests: a keyring of our own, a real server with a small world, and a cache-vs-server check."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from agentdesk.client import auth
from agentdesk.client.app import AgentDeskClient
from agentdesk.client.cache.apply import row_values
from agentdesk.client.cache.database import Cache
from agentdesk.client.cache.tables import ENTITY_TABLES
from agentdesk.client.sync.engine import Tuning
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from tests.support.live_server import LiveServer, start_server
from tests.support.memory_keyring import MemoryKeyring, memory_keyring  # noqa: F401  (autouse fixture)
from tests.support.world import PASSWORD, World

FAST = Tuning(page_size=200, poll_interval_s=5.0, backoff_base_s=0.02, backoff_cap_s=0.3)


@dataclass
class Env:
    server: LiveServer
    world: World
    database_url: str
    data_dir: Path

    def sessions(self) -> Any:
        return make_sessionmaker(make_engine(self.database_url))


@pytest.fixture
def env(world_template: tuple[Path, World], tmp_path: Path) -> Iterator[Env]:
    source, world = world_template
    target = tmp_path / "server.db"
    shutil.copyfile(source, target)
    url = f"sqlite:///{target}"
    server = start_server(url, housekeeping_interval_s=3600)
    try:
        yield Env(server, world, url, tmp_path / "client-data")
    finally:
        server.stop()


async def sign_in(env: Env, username: str, *, url: str | None = None, ws_url: str | None = None) -> AgentDeskClient:
    return await AgentDeskClient.sign_in(
        url or env.server.url,
        username,
        PASSWORD,
        tokens=auth.TokenStore(),
        data_dir=env.data_dir,
        ws_url=ws_url,
        tuning=FAST,
    )


@pytest_asyncio.fixture
async def ana(env: Env) -> AsyncIterator[AgentDeskClient]:
    client = await sign_in(env, "ana")
    try:
        yield client
    finally:
        await client.close()


def server_view(base_url: str, token: str) -> dict[str, dict[int, tuple[Any, ...]]]:
    """Everything the server lets this user see, read through the snapshot API."""
    view: dict[str, dict[int, tuple[Any, ...]]] = {e: {} for e in ENTITY_TABLES}
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
        params: dict[str, Any] = {"since": 0, "limit": 5000}
        while True:
            page = http.get("/api/v1/sync", params=params).raise_for_status().json()
            for change in page["changes"]:
                view[change["entity"]][change["id"]] = row_values(change["entity"], change["id"], change["data"], 0)[
                    :-1
                ]
            if page["next"] is None:
                return view
            params["snapshot"] = page["next"]


def cache_view(cache: Cache) -> dict[str, dict[int, tuple[Any, ...]]]:
    view: dict[str, dict[int, tuple[Any, ...]]] = {}
    with cache.read() as conn:
        for entity, table in ENTITY_TABLES.items():
            columns = [c.name for c in table.columns if c.name not in ("gen", "sla_due_at")]
            rows = conn.exec_driver_sql(f"SELECT {', '.join(columns)} FROM {table.name}").all()
            view[entity] = {r[0]: tuple(r) for r in rows}
    return view


def assert_cache_matches_server(cache: Cache, base_url: str, token: str) -> None:
    expected = server_view(base_url, token)
    actual = cache_view(cache)
    for entity in ENTITY_TABLES:
        missing = expected[entity].keys() - actual[entity].keys()
        extra = actual[entity].keys() - expected[entity].keys()
        assert not missing and not extra, f"{entity}: missing {sorted(missing)[:10]}, extra {sorted(extra)[:10]}"
        differ = [i for i in expected[entity] if expected[entity][i] != actual[entity][i]]
        assert not differ, f"{entity} rows differ: {[(expected[entity][i], actual[entity][i]) for i in differ[:3]]}"
