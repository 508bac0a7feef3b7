"""The API suite runs twice: on SQLite and on a PostgreSQL server the test setup starts.

Each backend builds the test world once into a template; every test gets a fresh copy of
it, so tests never see each other's writes and no test pays for password hashing.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.migrate import upgrade
from tests.support.live_server import LiveServer, start_server
from tests.support.world import World, build_world, login


@dataclass
class Template:
    backend: str
    world: World
    source: str  # a SQLite file path, or a PostgreSQL template database URL


def _build(url: str) -> World:
    engine = make_engine(url)
    upgrade(engine)
    with make_sessionmaker(engine)() as session:
        world = build_world(session)
    engine.dispose()
    return world


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def template(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Template:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("world") / "world.db"
        return Template("sqlite", _build(f"sqlite:///{path}"), str(path))
    from tests.support.postgres import shared_postgres

    url = shared_postgres().create_database(f"world_{uuid.uuid4().hex[:8]}")
    return Template("postgresql", _build(url), url)


def fresh_copy(template: Template, tmp_path: Path) -> str:
    if template.backend == "sqlite":
        target = tmp_path / "server.db"
        shutil.copyfile(template.source, target)
        return f"sqlite:///{target}"
    source = make_url(template.source)
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = source.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source.database}"')
    return source.set(database=name).render_as_string(hide_password=False)


@dataclass
class Api:
    server: LiveServer
    world: World
    database_url: str
    backend: str

    def login(self, username: str):
        return login(self.server.url, username)


@pytest.fixture
def api(template: Template, tmp_path: Path) -> Iterator[Api]:
    url = fresh_copy(template, tmp_path)
    server = start_server(url, housekeeping_interval_s=0.2)
    try:
        yield Api(server, template.world, url, template.backend)
    finally:
        server.stop()
