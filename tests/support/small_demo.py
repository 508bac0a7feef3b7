"""The demo world made smaller (a few hundred conversations) for tests that read what the demo seeds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from agentdesk.server import feed
from agentdesk.server.config import Settings
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.seed import plans, run_seed


@contextmanager
def small_demo(folder: Path, *, waiting: int) -> Iterator[Session]:
    """A read-only session on a demo seeded with seed 7 in `folder`; `waiting` conversations wait in queues."""
    # A smaller world keeps this quick; the seeding code is the same.
    patch = pytest.MonkeyPatch()
    patch.setattr(plans, "N_CONTACTS", 60)
    patch.setattr(plans, "N_CONVERSATIONS", 400)
    patch.setattr(plans, "N_WAITING", waiting)
    url = f"sqlite:///{folder / 'demo.db'}"
    try:
        assert run_seed(Settings(database_url=url), demo=True, scale=0, seed=7) == 0
    finally:
        patch.undo()
    engine = make_engine(url, for_writes=False)
    with make_sessionmaker(engine)() as session:
        yield session
    engine.dispose()


def snapshot(session: Session, user: m.User) -> list[dict[str, Any]]:
    """Every change of the user's feed snapshot, page after page."""
    changes: list[dict[str, Any]] = []
    token = None
    while True:
        page = json.loads(feed.read_snapshot(session, user, token, feed.MAX_LIMIT))
        changes.extend(page["changes"])
        token = page["next"]
        if token is None:
            return changes
