"""Breach recording on a database with a backlog: targets missed long ago are marked without
an event, recent ones become events, and a round handles a bounded number of conversations."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind, EventKind
from agentdesk.domain.identity import normalize
from agentdesk.server.db import models as m
from agentdesk.server.services import admin, sla
from agentdesk.server.services.conversations import Inbound, ingest
from tests.support.databases import migrated_session

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    with migrated_session("sqlite", tmp_path) as s:
        yield s


def _arrivals(session: Session, queue: m.Queue, ages: list[timedelta]) -> list[int]:
    """Emails nobody answered, arrived `age` before NOW (first response due 10 minutes later)."""
    ids = []
    for n, age in enumerate(ages):
        message = ingest(
            session,
            Inbound(
                queue_id=queue.id,
                address=normalize("email", f"c{n}@example.com"),
                text="hello?",
                subject=f"#{n}",
                received_at=NOW - age,
            ),
        )
        ids.append(message.conversation_id)
    session.commit()
    return ids


def _events(session: Session) -> int:
    return session.scalar(select(func.count()).where(m.Event.kind == EventKind.SLA_BREACHED.value)) or 0


def test_targets_missed_long_ago_are_marked_without_an_event(session: Session) -> None:
    queue = admin.create_queue(session, "Mail", ChannelKind.EMAIL, sla_first_response_s=600)
    # Due 3 days ago, 2 hours ago (both before the 1-hour look-back), 30 minutes ago, and in 5 minutes.
    old, older, recent, pending = _arrivals(
        session,
        queue,
        [timedelta(days=3, minutes=10), timedelta(hours=2, minutes=10), timedelta(minutes=40), timedelta(minutes=5)],
    )
    assert sla.record_breaches(session, NOW) == [(recent, "first_response")]
    assert _events(session) == 1
    clocks = {c.conversation_id: c.first_response_breached_at for c in session.scalars(select(m.ConversationSla))}
    # The old ones are breached, dated when they were due; the recent one when it was seen.
    assert clocks == {
        old: NOW - timedelta(days=3),
        older: NOW - timedelta(hours=2),
        recent: NOW,
    }
    assert pending not in clocks
    # Nothing twice; the pending one is recorded when its time comes.
    assert sla.record_breaches(session, NOW) == []
    assert sla.record_breaches(session, NOW + timedelta(minutes=6)) == [(pending, "first_response")]


def test_a_round_handles_a_bounded_batch(session: Session) -> None:
    queue = admin.create_queue(session, "Mail", ChannelKind.EMAIL, sla_first_response_s=600)
    ids = _arrivals(session, queue, [timedelta(minutes=20 + n) for n in range(5)])
    rounds = [sla.record_breaches(session, NOW, batch=2) for _ in range(4)]
    assert [[c for c, _ in r] for r in rounds] == [ids[:2], ids[2:4], ids[4:], []]
    assert _events(session) == 5
