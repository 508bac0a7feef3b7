"""What the figures read from a conversation's row is kept there: by the flush hook as things
happen, and by the schema upgrades for conversations that existed before them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, column, insert, select, table
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind, ConversationStatus, EventKind, Role
from agentdesk.domain.identity import normalize
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.migrate import upgrade
from agentdesk.server.db.types import JsonType, UTCDateTime
from agentdesk.server.services import admin, routing
from agentdesk.server.services.conversations import Inbound, add_event
from tests.support.databases import arrive, migrate
from tests.support.postgres import shared_postgres

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
# The tables as schema 0006 had them (the models know columns added since).
CONVERSATIONS_0006 = table(
    "conversations",
    *(column(name) for name in ("id", "queue_id", "contact_id", "channel", "status", "priority")),
    column("created_at", UTCDateTime()),
    column("last_activity_at", UTCDateTime()),
)
EVENTS_0006 = table(
    "events",
    *(column(name) for name in ("contact_id", "conversation_id", "queue_id", "kind")),
    column("data", JsonType),
    column("occurred_at", UTCDateTime()),
)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path / 'm.db'}" if request.param == "sqlite" else shared_postgres().create_database()
    engine = make_engine(url)
    yield engine
    engine.dispose()


def _arrive(session: Session, queue: m.Queue, visitor: str, at: datetime) -> m.Conversation:
    return arrive(session, Inbound(queue_id=queue.id, address=normalize("webchat", visitor), text="hi", received_at=at))


def _resolve(session: Session, conversation: m.Conversation) -> None:
    conversation.status = ConversationStatus.RESOLVED.value
    session.flush()


def test_the_hook_keeps_assignment_abandonment_and_repeats_on_the_row(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'h.db'}")
    upgrade(engine)
    with make_sessionmaker(engine)() as session:
        sales, support = admin.create_team(session, "Sales"), admin.create_team(session, "Support")
        chat = admin.create_queue(session, "Chat", ChannelKind.WEBCHAT, teams=[sales])
        other = admin.create_queue(session, "Other", ChannelKind.WEBCHAT, teams=[support])
        agent = admin.create_user(session, "a1", "password1", Role.AGENT)
        admin.set_membership(session, agent.id, sales.id, True)
        routing.set_presence(session, agent, "available", now=T0)
        first = _arrive(session, chat, "visitor-1", T0)
        assert first.first_assigned_at == T0 and not first.repeat_contact
        _resolve(session, first)
        second = _arrive(session, chat, "visitor-1", T0 + timedelta(days=2))
        assert second.id != first.id
        assert second.first_assigned_at == T0 + timedelta(days=2) and second.repeat_contact
        add_event(session, second, EventKind.ABANDONED, {"waited_s": 30}, at=T0 + timedelta(days=2, seconds=30))
        session.flush()
        assert second.abandoned_at == T0 + timedelta(days=2, seconds=30)
        # Moved to another topic's queue: no longer a repeat.
        routing.move(session, second, other.id, why="manual")
        assert not second.repeat_contact
        _resolve(session, second)
        # Over a week after the first, and the second is on another topic: not a repeat either.
        later = _arrive(session, chat, "visitor-1", T0 + timedelta(days=7, seconds=1))
        assert not later.repeat_contact
        session.commit()
    engine.dispose()


def test_upgrades_fill_the_rows_of_existing_conversations(empty_engine: Engine) -> None:
    migrate(empty_engine, "0006")
    with empty_engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO queues (id, name, channel, settings, secrets, channel_state, health, created_at) "
            "VALUES (1, 'Q', 'webchat', '{}', '{}', '{}', '{}', CURRENT_TIMESTAMP)"
        )
        conn.exec_driver_sql(
            "INSERT INTO contacts (id, attributes, created_at, updated_at) VALUES (1, '{}', "
            "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        )
        for i, created in ((1, T0), (2, T0 + timedelta(days=1)), (3, T0 + timedelta(days=9))):
            conn.execute(
                insert(CONVERSATIONS_0006).values(
                    id=i,
                    queue_id=1,
                    contact_id=1,
                    channel="webchat",
                    status="open",
                    priority="normal",
                    created_at=created,
                    last_activity_at=created,
                )
            )
        conn.execute(
            insert(EVENTS_0006),
            [
                {"contact_id": 1, "conversation_id": 1, "queue_id": 1, "kind": kind, "data": {}, "occurred_at": at}
                for kind, at in (
                    ("assigned", T0 + timedelta(seconds=50)),
                    ("assigned", T0 + timedelta(seconds=20)),
                    ("abandoned", T0 + timedelta(seconds=90)),
                    ("note_added", T0 + timedelta(seconds=5)),
                )
            ],
        )
        conn.exec_driver_sql(
            "INSERT INTO users (id, username, display_name, role, password_hash, active, language, created_at) "
            "VALUES (1, 'a', 'A', 'agent', '-', TRUE, 'en', CURRENT_TIMESTAMP)"
        )
        conn.exec_driver_sql(
            "INSERT INTO agent_states (user_id, presence, presence_since, capacity) "
            "VALUES (1, 'available', '2026-11-20 08:00:00', '{}')"
        )
    upgrade(empty_engine)
    with make_sessionmaker(empty_engine)() as session:
        rows = {c.id: c for c in session.scalars(select(m.Conversation))}
        assert rows[1].first_assigned_at == T0 + timedelta(seconds=20)
        assert rows[1].abandoned_at == T0 + timedelta(seconds=90)
        assert rows[2].first_assigned_at is None and rows[2].abandoned_at is None
        assert [rows[i].repeat_contact for i in (1, 2, 3)] == [False, True, False]
        spans = session.scalars(select(m.PresenceSpan)).all()
        assert [(s.user_id, s.presence, s.started_at, s.ended_at) for s in spans] == [
            (1, "available", datetime(2026, 11, 20, 8, 0, tzinfo=UTC), None)
        ]
