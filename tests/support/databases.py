"""Empty databases at the newest schema, for server tests on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.migrate import alembic_config, upgrade
from agentdesk.server.services.conversations import Inbound, ingest
from tests.support.postgres import shared_postgres

# For `pytest.fixture(params=BACKENDS)`: PostgreSQL runs are marked so they can be left out.
BACKENDS = ("sqlite", pytest.param("postgresql", marks=pytest.mark.postgres))


def migrated_engine(backend: str, folder: Path) -> Engine:
    """A SQLite file in `folder`, or a fresh database on the shared PostgreSQL server."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{folder / 'test.db'}")
        upgrade(engine)
        return engine
    return make_engine(shared_postgres().migrated_database())


def migrate(engine: Engine, revision: str, step: Callable[[Config, str], None] = command.upgrade) -> None:
    """The schema moved to `revision` (up, or down with `step=command.downgrade`), in one transaction."""
    config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        step(config, revision)


@contextmanager
def migrated_session(backend: str, folder: Path) -> Iterator[Session]:
    engine = migrated_engine(backend, folder)
    with make_sessionmaker(engine)() as session:
        yield session
    engine.dispose()


def arrive(session: Session, inbound: Inbound) -> m.Conversation:
    """The conversation the customer's message opened (or joined)."""
    message = ingest(session, inbound)
    conversation = session.get(m.Conversation, message.conversation_id)
    assert conversation is not None
    return conversation
