"""SLA due times in business hours, paused while a conversation waits on the customer, and breaches.

The clock pauses through a `before_flush` hook rather than in each write path: whatever
moves a conversation into or out of `pending` (an agent, a customer's reply reopening it,
a channel), the due times follow. While paused the due times are empty, so every client
sees that the clock is not running; what was left of each target is kept and restarts,
in business time, when the conversation leaves `pending`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, event, inspect, or_, select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ConversationStatus, EventKind
from agentdesk.domain.sla import Calendar
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow

PENDING = ConversationStatus.PENDING.value
# A breach is news for a while: an hour covers a restart or a short outage. Older ones are
# marked on the clock without an event (see `record_breaches`).
BREACH_LOOKBACK_S = 3600.0
# Conversations a housekeeping round checks for breaches at most.
BREACH_BATCH = 500
# A resolution target keeps running while snoozed: the agent chose to wait, not the customer.
RUNNING = (ConversationStatus.OPEN.value, ConversationStatus.SNOOZED.value)


def calendar_of(session: Session, queue_id: int) -> Calendar:
    with session.no_autoflush:
        policy = session.get(m.QueuePolicy, queue_id)
    return Calendar.from_settings(policy.calendar if policy is not None else None)


def set_due_times(session: Session, conversation: m.Conversation, queue: m.Queue) -> None:
    """Due times counted in the queue's business hours from the conversation's start."""
    calendar = calendar_of(session, queue.id)
    start = conversation.created_at
    conversation.first_response_due_at = (
        calendar.add(start, queue.sla_first_response_s) if queue.sla_first_response_s else None
    )
    conversation.resolution_due_at = calendar.add(start, queue.sla_resolution_s) if queue.sla_resolution_s else None


def _clock(session: Session, conversation_id: int) -> m.ConversationSla:
    with session.no_autoflush:
        clock = session.get(m.ConversationSla, conversation_id)
    if clock is None:
        clock = m.ConversationSla(conversation_id=conversation_id)
        session.add(clock)
    return clock


def _pause(session: Session, conversation: m.Conversation, now: datetime) -> None:
    calendar = calendar_of(session, conversation.queue_id)
    clock = _clock(session, conversation.id)
    clock.paused_at = now
    first_due = conversation.first_response_due_at if conversation.first_response_at is None else None
    clock.first_response_left_s = calendar.between(now, first_due) if first_due else None
    clock.resolution_left_s = (
        calendar.between(now, conversation.resolution_due_at) if conversation.resolution_due_at else None
    )
    conversation.first_response_due_at = None if first_due else conversation.first_response_due_at
    conversation.resolution_due_at = None


def _resume(session: Session, conversation: m.Conversation, now: datetime) -> None:
    with session.no_autoflush:
        clock = session.get(m.ConversationSla, conversation.id)
    if clock is None or clock.paused_at is None:
        return
    calendar = calendar_of(session, conversation.queue_id)
    if clock.first_response_left_s is not None and conversation.first_response_at is None:
        conversation.first_response_due_at = calendar.add(now, clock.first_response_left_s)
    if clock.resolution_left_s is not None:
        conversation.resolution_due_at = calendar.add(now, clock.resolution_left_s)
    clock.paused_at = None
    clock.first_response_left_s = clock.resolution_left_s = None


@event.listens_for(Session, "before_flush")
def _follow_pending(session: Session, _context: Any, _instances: Any) -> None:
    now = utcnow()
    for obj in list(session.dirty):
        if not isinstance(obj, m.Conversation):
            continue
        history = inspect(obj).attrs.status.history
        if not history.deleted or history.deleted[0] == obj.status:
            continue
        if obj.status == PENDING:
            _pause(session, obj, now)
        elif history.deleted[0] == PENDING:
            _resume(session, obj, now)


def record_breaches(
    session: Session,
    now: datetime | None = None,
    *,
    lookback_s: float = BREACH_LOOKBACK_S,
    batch: int = BREACH_BATCH,
) -> list[tuple[int, str]]:
    """An `sla_breached` event for every target newly past due; returns (conversation, target).

    Bounded, so that the first rounds on an existing database (or after a long stop) do not
    flood timelines and feeds: a target that passed more than `lookback_s` ago is marked
    breached (at its due time) without an event, since announcing it now would date it wrong;
    and a round handles at most `batch` conversations, oldest first, leaving the rest to the
    next rounds.
    """
    now = now or utcnow()
    c, s = m.Conversation, m.ConversationSla
    first_due = and_(
        c.first_response_due_at <= now, c.first_response_at.is_(None), s.first_response_breached_at.is_(None)
    )
    resolution_due = and_(c.resolution_due_at <= now, s.resolution_breached_at.is_(None))
    rows = session.execute(
        select(c, s)
        .outerjoin(s, s.conversation_id == c.id)
        .where(c.status.in_(RUNNING), or_(first_due, resolution_due))
        .order_by(c.id)
        .limit(batch)
    ).all()
    recent = now - timedelta(seconds=lookback_s)
    breached: list[tuple[int, str]] = []
    for conversation, clock in rows:
        if clock is None:
            clock = m.ConversationSla(conversation_id=conversation.id)
            session.add(clock)
        missed = []
        due = conversation.first_response_due_at
        if due and due <= now and conversation.first_response_at is None and clock.first_response_breached_at is None:
            clock.first_response_breached_at = now if due >= recent else due
            missed.append(("first_response", due))
        due = conversation.resolution_due_at
        if due and due <= now and clock.resolution_breached_at is None:
            clock.resolution_breached_at = now if due >= recent else due
            missed.append(("resolution", due))
        for target, due_at in (x for x in missed if x[1] >= recent):
            session.add(
                m.Event(
                    contact_id=conversation.contact_id,
                    conversation_id=conversation.id,
                    queue_id=conversation.queue_id,
                    kind=EventKind.SLA_BREACHED.value,
                    data={"target": target, "due_at": due_at.isoformat()},
                    occurred_at=now,
                )
            )
            breached.append((conversation.id, target))
    session.flush()
    return breached
