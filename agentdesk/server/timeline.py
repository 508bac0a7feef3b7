"""A contact's one timeline: every message and event of every conversation, across channels.

It is derived on request from the tables, never stored twice. Pages go from newest to
oldest; the cursor is the sort key of the last item, so paging is stable while new items
arrive at the top.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import Role
from agentdesk.server.access import visible_queue_ids
from agentdesk.server.changelog import row_payload
from agentdesk.server.db import models as m
from agentdesk.server.services.errors import Invalid

# Within one instant, a message sorts above the event it caused.
_RANK = {"message": 1, "event": 0}


@dataclass(frozen=True, slots=True)
class Key:
    at: datetime
    rank: int
    id: int

    def encode(self) -> str:
        return f"{self.at.isoformat()}~{self.rank}~{self.id}"

    @classmethod
    def decode(cls, text: str) -> Key:
        try:
            at, rank, ident = text.split("~")
            key = cls(datetime.fromisoformat(at), int(rank), int(ident))
        except ValueError as exc:
            raise Invalid("`before` is not a cursor this server handed out") from exc
        if key.at.tzinfo is None:
            raise Invalid("`before` is not a cursor this server handed out")
        return key


def _older_than(at_col: Any, id_col: Any, rank: int, key: Key | None) -> ColumnElement[bool] | None:
    if key is None:
        return None
    same_instant = and_(at_col == key.at, or_(rank < key.rank, and_(rank == key.rank, id_col < key.id)))
    return or_(at_col < key.at, same_instant)


def contact_timeline(
    session: Session,
    user: m.User,
    contact_id: int,
    *,
    limit: int = 50,
    before: str | None = None,
    channels: list[str] | None = None,
) -> dict[str, Any]:
    key = Key.decode(before) if before else None
    queues = None if Role(user.role).sees_all_queues else visible_queue_ids(session, user)

    mq = select(m.Message).join(m.Conversation, m.Conversation.id == m.Message.conversation_id)
    mq = mq.where(m.Conversation.contact_id == contact_id)
    if queues is not None:
        mq = mq.where(m.Message.queue_id.in_(queues))
    if channels:
        mq = mq.where(m.Message.channel.in_(channels))
    cond = _older_than(m.Message.created_at, m.Message.id, _RANK["message"], key)
    if cond is not None:
        mq = mq.where(cond)
    messages = session.scalars(mq.order_by(m.Message.created_at.desc(), m.Message.id.desc()).limit(limit)).all()

    eq = select(m.Event, m.Conversation.channel).outerjoin(m.Conversation, m.Conversation.id == m.Event.conversation_id)
    eq = eq.where(m.Event.contact_id == contact_id)
    if queues is not None:
        eq = eq.where(or_(m.Event.queue_id.is_(None), m.Event.queue_id.in_(queues)))
    if channels:
        eq = eq.where(m.Conversation.channel.in_(channels))
    cond = _older_than(m.Event.occurred_at, m.Event.id, _RANK["event"], key)
    if cond is not None:
        eq = eq.where(cond)
    events = session.execute(eq.order_by(m.Event.occurred_at.desc(), m.Event.id.desc()).limit(limit)).all()

    items: list[tuple[Key, dict[str, Any]]] = []
    for msg in messages:
        items.append(
            (
                Key(msg.created_at, _RANK["message"], msg.id),
                {
                    "type": "message",
                    "at": msg.created_at,
                    "conversation_id": msg.conversation_id,
                    "channel": msg.channel,
                    "message": row_payload(msg),
                },
            )
        )
    for ev, channel in events:
        items.append(
            (
                Key(ev.occurred_at, _RANK["event"], ev.id),
                {
                    "type": "event",
                    "at": ev.occurred_at,
                    "conversation_id": ev.conversation_id,
                    "channel": channel,
                    "event": row_payload(ev),
                },
            )
        )
    items.sort(key=lambda item: (item[0].at, item[0].rank, item[0].id), reverse=True)
    page = items[:limit]
    more = len(items) > limit or len(messages) == limit or len(events) == limit
    next_before = page[-1][0].encode() if page and more else None
    return {"contact_id": contact_id, "items": [item for _, item in page], "next_before": next_before}
