"""Occupancy of a period from presence history: a scripted hour on an email queue, by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind, ConversationStatus, Role
from agentdesk.domain.identity import normalize
from agentdesk.server.db import models as m
from agentdesk.server.services import admin, metrics, routing
from agentdesk.server.services.conversations import Inbound
from tests.support.databases import BACKENDS, arrive, migrated_session

DAY = datetime(2026, 11, 20, tzinfo=UTC)


def t(minute: int) -> datetime:
    return DAY + timedelta(hours=9, minutes=minute)


@pytest.fixture(params=BACKENDS)
def session(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Session]:
    with migrated_session(request.param, tmp_path) as s:
        yield s


def email(session: Session, queue: m.Queue, sender: str, at: datetime) -> m.Conversation:
    return arrive(
        session,
        Inbound(queue_id=queue.id, address=normalize("email", sender), text="hello", subject="Hi", received_at=at),
    )


def resolve(session: Session, conversation: m.Conversation, at: datetime) -> None:
    conversation.status = ConversationStatus.RESOLVED.value
    conversation.resolved_at = at
    session.flush()


def test_occupancy_is_owned_time_over_staffed_time(session: Session) -> None:
    team = admin.create_team(session, "Mail")
    queue = admin.create_queue(session, "Mail", ChannelKind.EMAIL, teams=[team])
    agent = admin.create_user(session, "a1", "password1", Role.AGENT)
    admin.set_membership(session, agent.id, team.id, True)
    routing.agent_state(session, agent.id).capacity = {"email": 4}  # each email owned counts a quarter

    routing.set_presence(session, agent, "available", now=t(0))
    e1 = email(session, queue, "ana@example.com", t(0))
    e2 = email(session, queue, "bea@example.com", t(5))
    assert e1.assignee_id == e2.assignee_id == agent.id
    routing.set_presence(session, agent, "away", now=t(10))
    routing.set_presence(session, agent, "available", now=t(20))
    resolve(session, e1, t(25))
    resolve(session, e2, t(28))
    routing.stream_changed(session, agent.id, connected=False, now=t(28))
    assert routing.expire_presence(session, grace_s=60, now=t(30)) == [agent.id]  # offline after the grace
    session.commit()

    spans = session.scalars(select(m.PresenceSpan).where(m.PresenceSpan.user_id == agent.id)).all()
    assert sorted((s.presence, s.started_at, s.ended_at) for s in spans) == [
        ("available", t(0), t(10)),
        ("available", t(20), t(30)),
        ("away", t(10), t(20)),
        ("offline", t(30), None),
    ]

    # Staffed: 09:00–09:10 and 09:20–09:30 = 1200 s. Owned: e1 09:00–09:25 = 1500 s and
    # e2 09:05–09:28 = 1380 s, a quarter each: 375 + 345 = 720 s. 720 / 1200 = 60 %.
    q = next(x for x in metrics.current(session, now=t(40))["queues"] if x["queue_id"] == queue.id)
    assert q["today"]["occupancy_pct"] == 60.0
    channel = next(x for x in metrics.current(session, now=t(40))["channels"] if x["channel"] == "email")
    assert channel["today"]["occupancy_pct"] == 60.0

    slots = next(x for x in metrics.intervals(session, 1, now=t(40))["queues"] if x["queue_id"] == queue.id)
    by_start = {s["start"]: s for s in slots["intervals"]}
    # Offline from 09:30, nothing owned, created or resolved after it: no 09:30 interval.
    assert sorted(by_start) == [t(0), t(15)]
    # 09:00–09:15: staffed 600 s; owned e1 900 s + e2 600 s, a quarter each = 375 s: 62.5 %.
    assert by_start[t(0)]["occupancy_pct"] == 62.5
    # 09:15–09:30: staffed 600 s (from 09:20); owned e1 600 s + e2 780 s, a quarter each = 345 s: 57.5 %.
    assert by_start[t(15)]["occupancy_pct"] == 57.5


def test_no_staffed_time_means_no_occupancy(session: Session) -> None:
    queue = admin.create_queue(session, "Chat", ChannelKind.WEBCHAT)
    session.commit()
    q = next(x for x in metrics.current(session, now=t(40))["queues"] if x["queue_id"] == queue.id)
    assert q["today"]["occupancy_pct"] is None


def test_a_quiet_floor_announces_its_figures_once(session: Session) -> None:
    team = admin.create_team(session, "Mail")
    queue = admin.create_queue(session, "Mail", ChannelKind.EMAIL, teams=[team])
    agent = admin.create_user(session, "a1", "password1", Role.AGENT)
    admin.create_user(session, "sue", "password2", Role.SUPERVISOR)
    admin.set_membership(session, agent.id, team.id, True)
    routing.set_presence(session, agent, "available", now=t(0))
    resolve(session, email(session, queue, "ana@example.com", t(0)), t(10))
    session.commit()
    announcer = metrics.Announcer()
    # Staffed time keeps growing while nothing happens: 600 s owned of 3600 s, then of 3620 s.
    digest = announcer.announce(session, now=t(60))
    assert digest is not None
    announcer.confirm(digest)
    assert announcer.announce(session, now=t(60) + timedelta(seconds=20)) is None
    session.rollback()
