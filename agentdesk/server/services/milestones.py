"""Facts the live figures read from a conversation's row, kept there as they happen.

- `first_assigned_at` / `abandoned_at`: the first `assigned` / `abandoned` event's time.
- `repeat_contact`: the same customer opened another contact on the same topic in the 7 days
  before this one (any channel). The topic is the line of business: the teams whose queue
  handles the contact (a queue's teams are its skills). Decided when the contact arrives and
  again when it moves to another queue.

Through a `before_flush` hook rather than in each write path: routing, a supervisor's
assignment, the web chat and the simulator all add events and conversations their own way,
and every one of them must keep the row in step, since the figures read only the row.
Rows written in bulk (the bulk seeder, the benchmark, the upgrade to schema 0009) get `mark_repeats`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, and_, case, event, func, inspect, literal, or_, select, update
from sqlalchemy.orm import Session

from agentdesk.domain.enums import EventKind
from agentdesk.domain.metrics import REPEAT_WINDOW_S
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow

MILESTONES = {EventKind.ASSIGNED.value: "first_assigned_at", EventKind.ABANDONED.value: "abandoned_at"}


def topics(conn: Connection | Session) -> dict[int, str]:
    """Each queue's topic: its teams, or the queue itself when it has none."""
    teams: dict[int, list[int]] = defaultdict(list)
    for queue_id, team_id in conn.execute(select(m.queue_teams.c.queue_id, m.queue_teams.c.team_id)):
        teams[queue_id].append(team_id)
    return {
        queue_id: "teams:" + ",".join(map(str, sorted(teams[queue_id]))) if teams[queue_id] else f"queue:{queue_id}"
        for (queue_id,) in conn.execute(select(m.Queue.id))
    }


def _is_repeat(session: Session, conversation: m.Conversation, topic_of: dict[int, str]) -> bool:
    c = m.Conversation
    created = conversation.created_at or utcnow()
    same_topic = [q for q, topic in topic_of.items() if topic == topic_of.get(conversation.queue_id)]
    earlier = c.created_at <= created
    if conversation.id is not None:
        # In (created_at, id) order, as `mark_repeats` orders them.
        earlier = or_(c.created_at < created, and_(c.created_at == created, c.id < conversation.id))
    with session.no_autoflush:
        found = session.execute(
            select(c.id)
            .where(
                c.contact_id == conversation.contact_id,
                c.queue_id.in_(same_topic),
                c.created_at >= created - timedelta(seconds=REPEAT_WINDOW_S),
                earlier,
            )
            .limit(1)
        ).first()
    return found is not None


@event.listens_for(Session, "before_flush")
def _keep(session: Session, _context: Any, _instances: Any) -> None:
    topic_of: dict[int, str] | None = None
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, m.Event) and obj in session.new:
            _stamp(session, obj)
        elif isinstance(obj, m.Conversation) and obj.contact_id is not None:
            if obj not in session.new and not inspect(obj).attrs.queue_id.history.has_changes():
                continue
            if topic_of is None:
                with session.no_autoflush:
                    topic_of = topics(session)
            obj.repeat_contact = _is_repeat(session, obj, topic_of)


def _stamp(session: Session, obj: m.Event) -> None:
    if obj.conversation_id is None or obj.kind not in MILESTONES:
        return
    with session.no_autoflush:
        conversation = session.get(m.Conversation, obj.conversation_id)
    column = MILESTONES[obj.kind]
    obj.occurred_at = obj.occurred_at or utcnow()
    if conversation is not None and (
        getattr(conversation, column) is None or obj.occurred_at < getattr(conversation, column)
    ):
        setattr(conversation, column, obj.occurred_at)


def mark_repeats(conn: Connection) -> None:
    """Decides `repeat_contact` for every conversation in one pass."""
    c = m.Conversation
    topic_of = topics(conn)
    topic = case(topic_of, value=c.queue_id, else_=literal("")) if topic_of else literal("")
    previous = func.lag(c.created_at).over(partition_by=(c.contact_id, topic), order_by=(c.created_at, c.id))
    ordered = select(c.id, c.created_at, previous.label("previous")).subquery()
    if conn.dialect.name == "sqlite":
        gap_days = func.julianday(ordered.c.created_at) - func.julianday(ordered.c.previous)
    else:
        gap_days = func.extract("epoch", ordered.c.created_at - ordered.c.previous) / 86400.0
    repeats = select(ordered.c.id).where(ordered.c.previous.is_not(None), gap_days <= REPEAT_WINDOW_S / 86400)
    conn.execute(update(c).values(repeat_contact=c.id.in_(repeats)))
