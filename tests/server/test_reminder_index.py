"""Due reminders are found through the (state, due_at) index, and an upgrade keeps those scheduled."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert, select, text

from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.migrate import upgrade
from agentdesk.server.services.assist import due_reminders
from tests.support.databases import migrate

NOW = datetime(2030, 1, 1, 12, tzinfo=UTC)


def test_due_reminders_are_looked_up_through_the_index(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    upgrade(engine)
    query = due_reminders(NOW).compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as conn:
        plan = " ".join(str(row[-1]) for row in conn.execute(text(f"EXPLAIN QUERY PLAN {query}")))
    engine.dispose()
    assert "USING INDEX ix_reminders_state_due" in plan, plan


def test_an_upgrade_gives_reminders_already_scheduled_their_row(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    migrate(engine, "0005")
    with engine.begin() as conn:
        conn.execute(
            insert(m.Contact.__table__).values(id=1, name="Núria", attributes={}, created_at=NOW, updated_at=NOW)
        )
        for event_id, due, state in (
            (1, "2029-12-31T09:00:00+00:00", "scheduled"),
            (2, "2029-12-30T09:00:00+00:00", "sent"),
            (3, "2030-01-02T09:00:00+00:00", "scheduled"),
        ):
            data = {"due_at": due, "state": state, "template": {"name": "t", "language": "es"}}
            conn.execute(
                insert(m.Event.__table__).values(
                    id=event_id, contact_id=1, kind="reminder_scheduled", data=data, occurred_at=NOW
                )
            )
    upgrade(engine)
    with make_sessionmaker(engine)() as session:
        rows = {r.event_id: (r.state, r.due_at) for r in session.scalars(select(m.Reminder))}
        due = [r.event_id for r in session.scalars(due_reminders(NOW))]
    engine.dispose()
    assert rows == {
        1: ("scheduled", datetime(2029, 12, 31, 9, tzinfo=UTC)),
        2: ("sent", datetime(2029, 12, 30, 9, tzinfo=UTC)),
        3: ("scheduled", datetime(2030, 1, 2, 9, tzinfo=UTC)),
    }
    assert due == [1]
