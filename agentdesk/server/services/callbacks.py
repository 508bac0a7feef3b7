"""Callbacks: the customer is called back (or written to on another channel) instead of waiting.

A callback belongs to the conversation it was offered from and is seen by whoever works that
conversation's queue. Its life is `requested` → `scheduled` (someone took it or a time was
agreed) → `done` or `missed`; a missed one may be scheduled again, a done one is finished.
Each step is an event on the customer's timeline ("callback_" + the status). One whose
window closed before anyone marked it is missed by the server's housekeeping.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind, EventKind, IdentityKind, Role
from agentdesk.server.access import can_see_queue, visible_queue_ids
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.services import contacts
from agentdesk.server.services import conversations as conv
from agentdesk.server.services.errors import Conflict, Invalid, NotFound

STATUSES = ("requested", "scheduled", "done", "missed")
OPEN = ("requested", "scheduled")
PHONE = "phone"
CHANNELS = (PHONE, *(c.value for c in ChannelKind))
# Which kind of address reaches the customer on each way back.
_ADDRESS_KIND = {
    PHONE: IdentityKind.PHONE,
    ChannelKind.WHATSAPP.value: IdentityKind.PHONE,
    ChannelKind.EMAIL.value: IdentityKind.EMAIL,
    ChannelKind.WEBCHAT.value: IdentityKind.WEBCHAT,
}


def _address(session: Session, contact_id: int, channel: str, given: str | None, region: str | None) -> str:
    kind = _ADDRESS_KIND[channel]
    if given is not None and given.strip():
        return contacts.parse_address(kind, given, region).value
    known = session.scalars(
        select(m.Identity.address)
        .where(m.Identity.contact_id == contact_id, m.Identity.kind == kind.value)
        .order_by(m.Identity.id)
        .limit(1)
    ).first()
    if known is None:
        raise Invalid(f"this customer has no {kind.value} address to call back on; give one")
    return known


def _window(opens: datetime | None, closes: datetime | None, now: datetime) -> None:
    if opens is not None and closes is not None and closes <= opens:
        raise Invalid("the callback window must close after it opens")
    if closes is not None and closes <= now:
        raise Invalid("the callback window has already closed")


def _data(callback: m.Callback) -> dict[str, Any]:
    return {
        "callback_id": callback.id,
        "channel": callback.channel,
        "address": callback.address,
        "window_opens_at": callback.window_opens_at.isoformat() if callback.window_opens_at else None,
        "window_closes_at": callback.window_closes_at.isoformat() if callback.window_closes_at else None,
        "assignee_id": callback.assignee_id,
    }


def _event(session: Session, callback: m.Callback, actor_id: int | None, details: dict[str, Any] | None = None) -> None:
    conversation = session.get(m.Conversation, callback.conversation_id) if callback.conversation_id else None
    conv.add_event(
        session,
        conversation,
        EventKind(f"callback_{callback.status}"),
        {**(details or {}), **_data(callback)},
        actor_id,
        contact_id=callback.contact_id,
    )


def _new(
    session: Session,
    conversation: m.Conversation,
    channel: str,
    address: str,
    *,
    window: tuple[datetime | None, datetime | None] = (None, None),
    note: str | None = None,
    created_by_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> m.Callback:
    callback = m.Callback(
        contact_id=conversation.contact_id,
        conversation_id=conversation.id,
        queue_id=conversation.queue_id,
        channel=channel,
        address=address,
        window_opens_at=window[0],
        window_closes_at=window[1],
        status="requested",
        note=note.strip() if note and note.strip() else None,
        created_by_id=created_by_id,
    )
    session.add(callback)
    session.flush()
    _event(session, callback, created_by_id, details)
    session.flush()
    return callback


def create(
    session: Session,
    user: m.User,
    conversation_id: int,
    *,
    channel: str = PHONE,
    address: str | None = None,
    window_opens_at: datetime | None = None,
    window_closes_at: datetime | None = None,
    note: str | None = None,
    region: str | None = None,
) -> m.Callback:
    conversation = conv.visible_conversation(session, user, conversation_id)
    if channel not in CHANNELS:
        raise Invalid(f"a callback goes by {', '.join(CHANNELS)}, not {channel!r}")
    _window(window_opens_at, window_closes_at, utcnow())
    return _new(
        session,
        conversation,
        channel,
        _address(session, conversation.contact_id, channel, address, region),
        window=(window_opens_at, window_closes_at),
        note=note,
        created_by_id=user.id,
    )


def asked_by_customer(
    session: Session, conversation: m.Conversation, phone: str, details: dict[str, Any]
) -> m.Callback:
    """A call the customer asked for themselves (the web chat's form), to the number they typed;
    `details` (what they typed, the page they were on) go on the timeline with it."""
    return _new(session, conversation, PHONE, phone, details=details)


def visible_callback(session: Session, user: m.User, callback_id: int) -> m.Callback:
    callback = session.get(m.Callback, callback_id)
    if callback is None or not can_see_queue(session, user, callback.queue_id):
        raise NotFound(f"callback {callback_id} does not exist")
    return callback


def update(session: Session, user: m.User, callback_id: int, changes: dict[str, Any]) -> m.Callback:
    """Apply `changes` (status, assignee_id, window_opens_at, window_closes_at, note)."""
    callback = visible_callback(session, user, callback_id)
    if callback.status == "done":
        raise Conflict(f"callback {callback_id} is done; request a new one instead")
    status = changes.get("status", callback.status)
    back_to_requested = status == "requested" and callback.status != "requested"
    if status not in STATUSES or back_to_requested:
        raise Invalid(f"a callback's status becomes scheduled, done or missed, not {status!r}")
    if "assignee_id" in changes and changes["assignee_id"] is not None:
        assignee = session.get(m.User, changes["assignee_id"])
        if assignee is None or not assignee.active or not can_see_queue(session, assignee, callback.queue_id):
            raise Invalid(f"user {changes['assignee_id']} does not work this callback's queue")
    opens = changes.get("window_opens_at", callback.window_opens_at)
    closes = changes.get("window_closes_at", callback.window_closes_at)
    if "window_opens_at" in changes or "window_closes_at" in changes:
        _window(opens, closes, utcnow())
    for field in ("assignee_id", "window_opens_at", "window_closes_at", "note"):
        if field in changes:
            setattr(callback, field, changes[field])
    if status == "requested" and callback.assignee_id is not None:
        status = "scheduled"  # someone took it
    moved = status != callback.status
    callback.status = status
    session.flush()
    if moved:
        _event(session, callback, user.id)
        session.flush()
    return callback


def listed(
    session: Session, user: m.User, *, statuses: tuple[str, ...], assignee_id: int | None, limit: int
) -> list[m.Callback]:
    query = select(m.Callback).where(m.Callback.status.in_(statuses))
    if not Role(user.role).sees_all_queues:
        query = query.where(m.Callback.queue_id.in_(visible_queue_ids(session, user)))
    if assignee_id is not None:
        query = query.where(m.Callback.assignee_id == assignee_id)
    # Soonest window first; those with no window after, oldest request first.
    order = (m.Callback.window_opens_at.is_(None), m.Callback.window_opens_at, m.Callback.id)
    return list(session.scalars(query.order_by(*order).limit(limit)))


def miss_overdue(session: Session, now: datetime | None = None) -> int:
    """Callbacks still to make whose window has closed are missed (an agent may schedule them
    again); returns how many. The caller commits."""
    overdue = session.scalars(
        select(m.Callback)
        .where(m.Callback.status.in_(OPEN), m.Callback.window_closes_at < (now or utcnow()))
        .order_by(m.Callback.id)
        .with_for_update(skip_locked=True)
    ).all()
    for callback in overdue:
        callback.status = "missed"
        session.flush()
        _event(session, callback, None, {"why": "window_closed"})
    session.flush()
    return len(overdue)
