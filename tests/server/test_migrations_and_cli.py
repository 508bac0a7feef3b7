from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import inspect, text

from agentdesk.server.db.engine import make_engine
from agentdesk.server.db.migrate import SchemaTooNew, upgrade


def test_migrations_create_every_table_and_run_twice(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    upgrade(engine)
    upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"users", "contacts", "identities", "conversations", "messages", "events", "changes"} <= tables
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(SchemaTooNew, match="newer version"):
        upgrade(engine)
    engine.dispose()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agentdesk.server.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_migrate_and_create_user(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run_cli("migrate", "--database", url).returncode == 0
    made = run_cli("create-user", "marta", "--role", "supervisor", "--password", "long enough", "--database", url)
    assert made.returncode == 0, made.stderr
    assert "created supervisor marta" in made.stdout
    again = run_cli("create-user", "marta", "--password", "long enough", "--database", url)
    assert again.returncode == 1
    assert "already exists" in again.stderr
    short = run_cli("create-user", "pau", "--password", "short", "--database", url)
    assert short.returncode == 1
    assert "at least 8 characters" in short.stderr
