"""Schema upgrades through Alembic, from code (server start, `agentdesk-server migrate`)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class SchemaTooNew(RuntimeError):
    """The database was upgraded by a newer AgentDesk; running older code on it would corrupt it."""


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def upgrade(engine: Engine) -> None:
    config = alembic_config(engine)
    known = {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
    with engine.begin() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        if current is not None and current not in known:
            raise SchemaTooNew(
                f"the database is at schema revision {current}, which this version of AgentDesk "
                "does not know: it was upgraded by a newer version"
            )
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
