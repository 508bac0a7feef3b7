"""The supervisors' migrations (0007–0009) go down and up again on a SQLite database with data."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic import command
from sqlalchemy import Engine, inspect, text

from agentdesk.server.db.engine import make_engine
from agentdesk.server.db.migrate import upgrade
from tests.support.databases import migrate
from tests.support.world import World

COUNTED = ("conversations", "messages", "events", "contacts", "agent_states")


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() for table in COUNTED}


def test_down_to_0006_and_up_again_keeps_the_data(tmp_path: Path, world_template: tuple[Path, World]) -> None:
    path = tmp_path / "world.db"
    shutil.copy(world_template[0], path)
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            # Two conversations answered, so the way back up has a first assignment to restore.
            conn.execute(text("UPDATE conversations SET first_assigned_at = NULL, abandoned_at = NULL"))
            conn.execute(
                text(
                    "INSERT INTO events (contact_id, conversation_id, queue_id, kind, data, occurred_at) "
                    "SELECT contact_id, id, queue_id, 'assigned', '{}', created_at FROM conversations "
                    "ORDER BY id LIMIT 2"
                )
            )
            answered = conn.execute(
                text("SELECT conversation_id, min(occurred_at) FROM events WHERE kind = 'assigned' GROUP BY 1")
            ).all()
        assert answered
        before = _counts(engine)
        migrate(engine, "0006", command.downgrade)
        columns = {c["name"] for c in inspect(engine).get_columns("conversations")}
        assert not columns & {"first_assigned_at", "abandoned_at", "repeat_contact"}
        assert not {"presence_spans", "stream_leases", "qa_reviews"} & set(inspect(engine).get_table_names())
        assert _counts(engine) == before
        with engine.connect() as conn:
            foreign = conn.execute(text("PRAGMA foreign_key_check")).all()
        assert foreign == []

        upgrade(engine)
        assert _counts(engine) == before
        assert {"presence_spans", "stream_leases", "qa_reviews"} <= set(inspect(engine).get_table_names())
        with engine.connect() as conn:
            restored = conn.execute(
                text("SELECT id, first_assigned_at FROM conversations WHERE first_assigned_at IS NOT NULL")
            ).all()
        assert {row[0] for row in restored} == {row[0] for row in answered}
    finally:
        engine.dispose()
