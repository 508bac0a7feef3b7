"""What a visitor's actions do to the store. Each function runs inside the caller's transaction.

Messages and replies go through the same services as every channel (`ingest`, the queued
outbound message); web-chat facts of their own are events on the conversation, so that they
reach agents through the change feed and sit on the customer's timeline.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import (
    ChannelKind,
    ConversationStatus,
    DeliveryStatus,
    Direction,
    EventKind,
    IdentityKind,
    MessageKind,
)
from agentdesk.domain.identity import Address
from agentdesk.server.channels.webchat.config import WidgetConfig
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.services import callbacks, contacts
from agentdesk.server.services.conversations import Inbound, add_event, ingest, open_conversation
from agentdesk.server.services.errors import Invalid

WEBCHAT = ChannelKind.WEBCHAT.value
CLIENT_ID = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")
CODE_TTL = timedelta(minutes=15)
UNVERIFIED_EMAIL = "unverified_email"
# Later states never go back to earlier ones: a late "sent" must not undo a "delivered".
_PROGRESS = [DeliveryStatus.QUEUED.value, DeliveryStatus.SENT.value, DeliveryStatus.DELIVERED.value]


class WebchatEvent(StrEnum):
    EMAIL_CODE_SENT = "email_code_sent"
    EMAIL_CONFIRMED = "email_confirmed"
    TRANSCRIPT_REQUESTED = "transcript_requested"
    CALLBACK_REQUESTED = "callback_requested"


def identity_of(session: Session, visitor_id: str) -> m.Identity | None:
    return session.scalar(
        select(m.Identity).where(m.Identity.kind == IdentityKind.WEBCHAT.value, m.Identity.address == visitor_id)
    )


def latest_conversation(session: Session, identity_id: int, *, open_only: bool) -> m.Conversation | None:
    query = select(m.Conversation).where(m.Conversation.identity_id == identity_id, m.Conversation.channel == WEBCHAT)
    if open_only:
        query = query.where(m.Conversation.status != ConversationStatus.RESOLVED.value)
    return session.scalar(query.order_by(m.Conversation.id.desc()).limit(1))


def wire(message: m.Message, author: str | None) -> dict[str, Any]:
    """A message as the widget receives it: plain text only, never HTML."""
    inbound = message.direction == Direction.INBOUND.value
    return {
        "type": "message",
        "id": message.id,
        "direction": "in" if inbound else "out",
        "text": message.text,
        "at": message.created_at.isoformat(),
        "author": None if inbound else author,
        "client_id": (message.meta or {}).get("client_id") if inbound else None,
    }


def _wired(session: Session, messages: list[m.Message]) -> list[dict[str, Any]]:
    author_ids = {x.author_id for x in messages if x.author_id}
    rows = session.execute(select(m.User.id, m.User.display_name).where(m.User.id.in_(author_ids)))
    names = {user_id: name for user_id, name in rows}
    return [wire(x, names.get(x.author_id) if x.author_id else None) for x in messages]


def _chat_messages(conversation_id: int | None = None, identity_id: int | None = None) -> Any:
    query = select(m.Message).where(m.Message.channel == WEBCHAT, m.Message.kind == MessageKind.MESSAGE.value)
    if conversation_id is not None:
        query = query.where(m.Message.conversation_id == conversation_id)
    if identity_id is not None:
        query = query.where(m.Message.identity_id == identity_id)
    return query.order_by(m.Message.id)


def history(session: Session, identity_id: int) -> list[dict[str, Any]]:
    """The chat still going on, both ways, for a page that was just (re)loaded."""
    conversation = latest_conversation(session, identity_id, open_only=True)
    if conversation is None:
        return []
    return _wired(session, list(session.scalars(_chat_messages(conversation_id=conversation.id))))


def outbound_after(session: Session, identity_id: int, after_id: int, limit: int = 200) -> list[dict[str, Any]]:
    """Agents' chat replies to this visitor that the widget has not confirmed yet."""
    rows = session.scalars(
        _chat_messages(identity_id=identity_id)
        .where(m.Message.direction == Direction.OUTBOUND.value, m.Message.id > after_id)
        .limit(limit)
    )
    return _wired(session, list(rows))


def advance_delivery(session: Session, identity_id: int, up_to_id: int, status: DeliveryStatus) -> int:
    """Mark this visitor's replies up to an id as sent or delivered; returns how many moved."""
    rows = session.scalars(
        _chat_messages(identity_id=identity_id).where(
            m.Message.direction == Direction.OUTBOUND.value,
            m.Message.id <= up_to_id,
            m.Message.delivery_status.in_(_PROGRESS[: _PROGRESS.index(status.value)]),
        )
    ).all()
    for message in rows:
        message.delivery_status = status.value
    return len(rows)


def post_message(
    session: Session, cfg: WidgetConfig, visitor_id: str, client_id: str, text: str, name: str | None, page: str | None
) -> m.Message:
    """Store a visitor's message once, however often the widget sends it again."""
    if not CLIENT_ID.match(client_id):
        raise Invalid("a message id is 1 to 64 letters, digits, '-' or '_'")
    if not text.strip():
        raise Invalid("the message is empty")
    if len(text) > cfg.limits.max_text:
        raise Invalid(f"a message may have at most {cfg.limits.max_text} characters")
    meta: dict[str, Any] = {"client_id": client_id}
    if page:
        meta["page"] = page
    message = ingest(
        session,
        Inbound(
            queue_id=cfg.queue_id,
            address=Address(IdentityKind.WEBCHAT, visitor_id),
            text=text,
            display_name=name or None,
            # One visitor's client ids are theirs alone: the visitor id scopes them.
            external_id=f"{visitor_id}:{client_id}",
            meta=meta,
        ),
    )
    conversation = session.get(m.Conversation, message.conversation_id)
    contact = session.get(m.Contact, conversation.contact_id) if conversation else None
    if conversation is not None and contact is not None:
        pending = (contact.attributes or {}).get(UNVERIFIED_EMAIL)
        if pending and _last_code_event(session, contact.id, pending, conversation.id) is None:
            send_code(session, cfg, conversation, pending)
    return message


def set_profile(
    session: Session, cfg: WidgetConfig, visitor_id: str, name: str | None, email: str | None
) -> dict[str, Any]:
    """Name and email typed in the widget. The email stays an unverified attribute until the
    visitor proves it with a code: typing someone's address must not open their history."""
    contact, identity = contacts.identify(session, Address(IdentityKind.WEBCHAT, visitor_id), name or None)
    if name and not contact.name:
        contact.name = name
    if not email:
        return {"type": "profile", "email": None, "email_status": None}
    address = contacts.parse_address(IdentityKind.EMAIL, email, None)
    if _has_email(session, contact.id, address.value):
        return {"type": "profile", "email": address.value, "email_status": "verified"}
    contact.attributes = {**(contact.attributes or {}), UNVERIFIED_EMAIL: address.value}
    conversation = latest_conversation(session, identity.id, open_only=True)
    if conversation is None:
        # The code goes out with the chat's first message: there is no conversation to carry it yet.
        return {"type": "profile", "email": address.value, "email_status": "unverified"}
    status = send_code(session, cfg, conversation, address.value)
    return {"type": "profile", "email": address.value, "email_status": status}


def send_code(session: Session, cfg: WidgetConfig, conversation: m.Conversation, email: str) -> str:
    """Queue a one-time code to the address; "code_sent", or "unavailable" without a mailbox."""
    email_queue = _email_queue(session, cfg)
    if email_queue is None:
        _event(session, conversation, WebchatEvent.EMAIL_CODE_SENT, {"email": email, "sent": False})
        return "unavailable"
    code = f"{secrets.randbelow(10**6):06d}"
    message = _queue_email(
        session,
        conversation,
        email_queue,
        email,
        subject="Your confirmation code",
        text=f"Your code to confirm this address in the chat is {code}. It is valid for 15 minutes.\n"
        "If you did not ask for it, you can ignore this message.",
        purpose="email_confirmation",
    )
    _event(
        session,
        conversation,
        WebchatEvent.EMAIL_CODE_SENT,
        {
            "email": email,
            "sent": True,
            "message_id": message.id,
            "code_sha256": _code_hash(email, code),
            "expires_at": (utcnow() + CODE_TTL).isoformat(),
        },
    )
    return "code_sent"


def confirm_email(session: Session, cfg: WidgetConfig, visitor_id: str, code: str) -> dict[str, Any]:
    """Check the code; on success the address joins the visitor's contact, or the visitor's
    contact is merged into the one that already owns the address."""
    identity = identity_of(session, visitor_id)
    contact = session.get(m.Contact, identity.contact_id) if identity else None
    email = (contact.attributes or {}).get(UNVERIFIED_EMAIL) if contact else None
    if contact is None or identity is None or not email:
        raise Invalid("there is no address waiting for confirmation")
    sent = _last_code_event(session, contact.id, email, None)
    if sent is None or not sent.data.get("sent"):
        raise Invalid("no code was sent to this address")
    if sent.data["expires_at"] < utcnow().isoformat() or not secrets.compare_digest(
        sent.data["code_sha256"], _code_hash(email, code.strip())
    ):
        raise Invalid("the code is wrong or has expired")
    owner = session.scalar(
        select(m.Identity).where(m.Identity.kind == IdentityKind.EMAIL.value, m.Identity.address == email)
    )
    merged_into = None
    if owner is None:
        contacts.add_identity(session, contact.id, Address(IdentityKind.EMAIL, email))
    elif owner.contact_id != contact.id:
        contacts.merge(session, owner.contact_id, contact.id, None)
        merged_into = owner.contact_id
        contact = session.get(m.Contact, owner.contact_id)
        assert contact is not None
    attributes = dict(contact.attributes or {})
    attributes.pop(UNVERIFIED_EMAIL, None)
    contact.attributes = attributes
    conversation = session.get(m.Conversation, sent.conversation_id) if sent.conversation_id else None
    if conversation is not None:
        _event(session, conversation, WebchatEvent.EMAIL_CONFIRMED, {"email": email, "merged_into": merged_into})
    _send_waiting_transcripts(session, cfg, contact.id, email)
    return {"type": "email_confirmed", "email": email}


def request_transcript(session: Session, cfg: WidgetConfig, visitor_id: str, email: str | None) -> dict[str, Any]:
    """A transcript by email goes only to an address of the visitor's that is confirmed; to any
    other, a code goes first and the transcript follows the confirmation."""
    identity = identity_of(session, visitor_id)
    conversation = latest_conversation(session, identity.id, open_only=False) if identity else None
    if identity is None or conversation is None:
        raise Invalid("there is no chat to send yet")
    known = _emails(session, identity.contact_id)
    address = contacts.parse_address(IdentityKind.EMAIL, email, None).value if email else (known[0] if known else None)
    if address is None:
        raise Invalid("which address should the transcript go to?")
    data: dict[str, Any] = {"email": address}
    email_queue = _email_queue(session, cfg)
    if email_queue is None:
        data.update(status="recorded", reason="this chat has no mailbox to send from")
    elif address in known:
        message = _queue_transcript(session, conversation, email_queue, address)
        data.update(status="queued", message_id=message.id)
    else:
        contact = session.get(m.Contact, identity.contact_id)
        assert contact is not None
        contact.attributes = {**(contact.attributes or {}), UNVERIFIED_EMAIL: address}
        send_code(session, cfg, conversation, address)
        data.update(status="awaiting_confirmation")
    _event(session, conversation, WebchatEvent.TRANSCRIPT_REQUESTED, data)
    return {"type": "transcript", **data}


def request_callback(
    session: Session,
    cfg: WidgetConfig,
    visitor_id: str,
    phone: str,
    name: str | None,
    page: str | None,
    default_region: str,
) -> dict[str, Any]:
    """A callback wish is work for the queue: it opens (or joins) the visitor's conversation."""
    number = contacts.parse_address(IdentityKind.PHONE, phone, default_region).value
    contact, identity = contacts.identify(session, Address(IdentityKind.WEBCHAT, visitor_id), name or None)
    conversation = latest_conversation(session, identity.id, open_only=True)
    if conversation is None:
        queue = session.get(m.Queue, cfg.queue_id)
        assert queue is not None
        conversation = open_conversation(session, queue, contact.id, identity.id, "Callback request", None, utcnow())
    # The number is what the visitor typed, unconfirmed: it is not made one of the contact's identities.
    callbacks.asked_by_customer(session, conversation, number, {"phone": number, "page": page})
    return {"type": "callback", "phone": number, "conversation_id": conversation.id}


def abandon(session: Session, identity_id: int, why: str) -> list[int]:
    """Resolve as abandoned the visitor's chats that no agent answered; returns their ids."""
    now = utcnow()
    abandoned = []
    waiting = session.scalars(
        select(m.Conversation).where(
            m.Conversation.identity_id == identity_id,
            m.Conversation.channel == WEBCHAT,
            m.Conversation.status == ConversationStatus.OPEN.value,
            m.Conversation.first_response_at.is_(None),
        )
    ).all()
    for conversation in waiting:
        first = session.scalar(
            select(m.Message.created_at)
            .where(m.Message.conversation_id == conversation.id, m.Message.direction == Direction.INBOUND.value)
            .order_by(m.Message.id)
            .limit(1)
        )
        if first is None:
            continue  # a callback request, not a chat: nobody was left waiting on the page
        waited = round((now - first).total_seconds())
        add_event(session, conversation, EventKind.ABANDONED, {"waited_s": waited, "why": why}, at=now)
        conversation.status = ConversationStatus.RESOLVED.value
        conversation.resolved_at = now
        conversation.last_activity_at = now
        add_event(
            session,
            conversation,
            EventKind.STATUS_CHANGED,
            {"from": ConversationStatus.OPEN.value, "to": ConversationStatus.RESOLVED.value, "why": "abandoned"},
            at=now,
        )
        abandoned.append(conversation.id)
    return abandoned


def _event(session: Session, conversation: m.Conversation, kind: WebchatEvent, data: dict[str, Any]) -> m.Event:
    event = m.Event(
        contact_id=conversation.contact_id,
        conversation_id=conversation.id,
        queue_id=conversation.queue_id,
        kind=kind.value,
        data=data,
        occurred_at=utcnow(),
    )
    session.add(event)
    session.flush()
    return event


def _email_queue(session: Session, cfg: WidgetConfig) -> m.Queue | None:
    if cfg.email_queue_id is None:
        return None
    queue = session.get(m.Queue, cfg.email_queue_id)
    return queue if queue is not None and queue.channel == ChannelKind.EMAIL.value else None


def _queue_email(
    session: Session,
    conversation: m.Conversation,
    email_queue: m.Queue,
    to: str,
    *,
    subject: str,
    text: str,
    purpose: str,
) -> m.Message:
    """An outbound email on the chat's conversation, queued for the email channel's sender.

    Not through `reply()`: no agent wrote it, and it must not count as the first response.
    `meta.to` names the recipient (it may not be an identity of the contact yet) and
    `meta.from_queue_id` the mailbox to send from."""
    owner = session.scalar(
        select(m.Identity.id).where(
            m.Identity.kind == IdentityKind.EMAIL.value,
            m.Identity.address == to,
            m.Identity.contact_id == conversation.contact_id,
        )
    )
    message = m.Message(
        conversation_id=conversation.id,
        queue_id=conversation.queue_id,
        direction=Direction.OUTBOUND.value,
        kind=MessageKind.MESSAGE.value,
        channel=ChannelKind.EMAIL.value,
        identity_id=owner,
        subject=subject,
        text=text,
        attachments=[],
        meta={"to": to, "from_queue_id": email_queue.id, "purpose": purpose},
        delivery_status=DeliveryStatus.QUEUED.value,
        created_at=utcnow(),
    )
    session.add(message)
    session.flush()
    return message


def _queue_transcript(session: Session, conversation: m.Conversation, email_queue: m.Queue, to: str) -> m.Message:
    lines = []
    for item in _wired(session, list(session.scalars(_chat_messages(conversation_id=conversation.id)))):
        who = "You" if item["direction"] == "in" else (item["author"] or "Agent")
        lines.append(f"[{item['at'][:16].replace('T', ' ')} UTC] {who}: {item['text']}")
    return _queue_email(
        session,
        conversation,
        email_queue,
        to,
        subject="Your chat transcript",
        text="Here is the transcript of your chat with us.\n\n" + "\n".join(lines),
        purpose="transcript",
    )


def _send_waiting_transcripts(session: Session, cfg: WidgetConfig, contact_id: int, email: str) -> None:
    email_queue = _email_queue(session, cfg)
    waiting = session.scalars(
        select(m.Event).where(m.Event.contact_id == contact_id, m.Event.kind == WebchatEvent.TRANSCRIPT_REQUESTED.value)
    ).all()
    for event in waiting:
        if event.data.get("status") != "awaiting_confirmation" or event.data.get("email") != email:
            continue
        conversation = session.get(m.Conversation, event.conversation_id) if event.conversation_id else None
        if conversation is None or email_queue is None:
            continue
        message = _queue_transcript(session, conversation, email_queue, email)
        event.data = {**event.data, "status": "queued", "message_id": message.id}


def _last_code_event(session: Session, contact_id: int, email: str, conversation_id: int | None) -> m.Event | None:
    query = select(m.Event).where(m.Event.contact_id == contact_id, m.Event.kind == WebchatEvent.EMAIL_CODE_SENT.value)
    if conversation_id is not None:
        query = query.where(m.Event.conversation_id == conversation_id)
    for event in session.scalars(query.order_by(m.Event.id.desc())):
        if event.data.get("email") == email:
            return event
    return None


def _code_hash(email: str, code: str) -> str:
    # The code travels in a queued email that agents can read anyway; the hash only keeps it
    # out of the event in plain form.
    return hashlib.sha256(f"{email}:{code}".encode()).hexdigest()


def _emails(session: Session, contact_id: int) -> list[str]:
    return list(
        session.scalars(
            select(m.Identity.address)
            .where(m.Identity.contact_id == contact_id, m.Identity.kind == IdentityKind.EMAIL.value)
            .order_by(m.Identity.id)
        )
    )


def _has_email(session: Session, contact_id: int, email: str) -> bool:
    return email in _emails(session, contact_id)
