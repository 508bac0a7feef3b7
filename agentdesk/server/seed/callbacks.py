"""The demo's callbacks: a few still to make for customers waiting now (two requested, one taken)
and some made or missed in the last weeks, each step an event on the customer's timeline.

They go through `services.callbacks` like an agent's, with `HistoricalClock` giving the past
ones their times; a missed one is missed by the housekeeping's own rule (its window closed).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ConversationStatus, IdentityKind, Role
from agentdesk.server.access import can_see_queue
from agentdesk.server.db import models as m
from agentdesk.server.seed.clock import HistoricalClock
from agentdesk.server.services import callbacks

TO_MAKE = 3
MADE = 3
MISSED = 2
# What the agent noted when offering the call, in the customer's language.
NOTES = {
    "es": ("Prefiere por la mañana", "Llamar antes de las 14 h", "Pedir el número de pedido"),
    "ca": ("Prefereix al matí", "Trucar abans de les 14 h", "Demanar el número de comanda"),
    "en": ("Prefers mornings", "Call before 2 pm", "Ask for the order number"),
}


def _with_phone(session: Session, *where: object) -> list[m.Conversation]:
    phone = exists().where(
        m.Identity.contact_id == m.Conversation.contact_id, m.Identity.kind == IdentityKind.PHONE.value
    )
    return list(session.scalars(select(m.Conversation).where(phone, *where).order_by(m.Conversation.id)))


def _agents(session: Session) -> list[m.User]:
    return list(session.scalars(select(m.User).where(m.User.role == Role.AGENT.value).order_by(m.User.id)))


def _agent_for(session: Session, conversation: m.Conversation, agents: list[m.User], r: random.Random) -> m.User:
    assignee = session.get(m.User, conversation.assignee_id) if conversation.assignee_id else None
    if assignee is not None and assignee.role == Role.AGENT.value:
        return assignee
    return r.choice([a for a in agents if can_see_queue(session, a, conversation.queue_id)])


def _note(conversation: m.Conversation, r: random.Random) -> str:
    return r.choice(NOTES.get(conversation.language or "", NOTES["ca"]))


def _at_hour(day: datetime, hour: int) -> datetime:
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def seed_callbacks(session: Session, seed: int, now: datetime) -> None:
    r = random.Random(seed * 31 + 8)
    clock = HistoricalClock(session)
    agents = _agents(session)
    past = _with_phone(
        session,
        m.Conversation.status == ConversationStatus.RESOLVED.value,
        m.Conversation.created_at.between(now - timedelta(days=40), now - timedelta(days=3)),
    )
    # Missed first: the housekeeping's rule misses every callback whose window has closed by then.
    for index, conversation in enumerate(r.sample(past, min(MADE + MISSED, len(past)))):
        _past(session, clock, conversation, _agent_for(session, conversation, agents, r), r, missed=index < MISSED)
    waiting = _with_phone(
        session, m.Conversation.status == ConversationStatus.OPEN.value, m.Conversation.first_response_at.is_(None)
    )
    tomorrow = now + timedelta(days=1)
    windows = ((_at_hour(tomorrow, 9), _at_hour(tomorrow, 12)), (None, None), (now + timedelta(hours=2), None))
    for index, conversation in enumerate(r.sample(waiting, min(TO_MAKE, len(waiting)))):
        agent = _agent_for(session, conversation, agents, r)
        opens, closes = windows[index % len(windows)]
        # Offered a few minutes into the wait.
        asked = min((conversation.last_activity_at or now) + timedelta(minutes=r.randint(3, 12)), now)
        with clock.at(asked):
            callback = callbacks.create(
                session,
                agent,
                conversation.id,
                window_opens_at=opens,
                window_closes_at=closes,
                note=_note(conversation, r) if index != 1 else None,
            )
            if index == 0:
                callbacks.update(session, agent, callback.id, {"assignee_id": agent.id})
        callback.created_at = callback.updated_at = asked
    session.flush()


def _past(
    session: Session,
    clock: HistoricalClock,
    conversation: m.Conversation,
    agent: m.User,
    r: random.Random,
    *,
    missed: bool,
) -> None:
    asked = conversation.created_at + timedelta(minutes=r.randint(10, 90))
    with clock.at(asked):
        callback = callbacks.create(session, agent, conversation.id, note=_note(conversation, r))
    opens = _at_hour(asked + timedelta(days=1), r.choice((9, 10, 16)))
    closes = opens + timedelta(hours=2)
    # Agreed with the customer afterwards: a window in the past is no one's to validate now.
    callback.window_opens_at, callback.window_closes_at = opens, closes
    scheduled = asked + timedelta(hours=r.randint(1, 5))
    with clock.at(scheduled):
        callbacks.update(session, agent, callback.id, {"assignee_id": agent.id})
    if missed:
        ended = closes + timedelta(minutes=r.randint(1, 14))
        with clock.at(ended):
            callbacks.miss_overdue(session, ended)
    else:
        ended = opens + timedelta(minutes=r.randint(5, 100))
        with clock.at(ended):
            callbacks.update(session, agent, callback.id, {"status": "done"})
    callback.created_at, callback.updated_at = asked, ended
    session.flush()
