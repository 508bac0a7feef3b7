"""Conversations: inbound messages, replies, notes, status, snooze and assignment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from agentdesk.domain.attachments import FileFacts
from agentdesk.domain.attachments import refusal as attachment_refusal
from agentdesk.domain.enums import (
    ChannelKind,
    ConversationStatus,
    DeliveryStatus,
    Direction,
    EventKind,
    IdentityKind,
    MessageKind,
    Role,
)
from agentdesk.domain.identity import Address
from agentdesk.server.access import can_see_queue
from agentdesk.server.channels.email.mailbox import NoMailbox, sending_queue
from agentdesk.server.channels.whatsapp.outbound import check_reply
from agentdesk.server.channels.whatsapp.window import OutsideServiceWindow
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.services import routing
from agentdesk.server.services.contacts import identify
from agentdesk.server.services.errors import Conflict, Invalid, NotFound

# Meta's limit on the caption of an image or document.
WHATSAPP_CAPTION_MAX = 1024


def visible_conversation(session: Session, user: m.User, conversation_id: int) -> m.Conversation:
    """The conversation, or NotFound, also when it exists but the user may not see it: a
    403 would tell them that it exists."""
    conversation = session.get(m.Conversation, conversation_id)
    if conversation is None or not can_see_queue(session, user, conversation.queue_id):
        raise NotFound(f"conversation {conversation_id} does not exist")
    return conversation


def add_event(
    session: Session,
    conversation: m.Conversation | None,
    kind: EventKind,
    data: dict[str, Any],
    actor_id: int | None = None,
    *,
    contact_id: int | None = None,
    at: datetime | None = None,
) -> m.Event:
    event = m.Event(
        contact_id=conversation.contact_id if conversation else contact_id,
        conversation_id=conversation.id if conversation else None,
        queue_id=conversation.queue_id if conversation else None,
        kind=kind.value,
        data=data,
        actor_id=actor_id,
        occurred_at=at or utcnow(),
    )
    session.add(event)
    return event


@dataclass(slots=True)
class Inbound:
    """A customer's message as a channel hands it over."""

    queue_id: int
    address: Address
    text: str
    display_name: str | None = None
    subject: str | None = None
    html: str | None = None
    attachments: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    external_id: str | None = None
    conversation_id: int | None = None  # when the channel threaded it already
    language: str | None = None
    received_at: datetime | None = None


def ingest(session: Session, inbound: Inbound) -> m.Message:
    """Store a customer's message: recognize the contact, thread it, reopen what was closed."""
    queue = session.get(m.Queue, inbound.queue_id)
    if queue is None:
        raise NotFound(f"queue {inbound.queue_id} does not exist")
    channel = ChannelKind(queue.channel)
    if inbound.address.kind is not IdentityKind.for_channel(channel):
        raise Invalid(f"a {channel.value} queue takes {IdentityKind.for_channel(channel).value} addresses")
    if inbound.external_id:
        duplicate = session.scalar(
            select(m.Message).where(m.Message.channel == channel.value, m.Message.external_id == inbound.external_id)
        )
        if duplicate is not None:
            return duplicate
    now = inbound.received_at or utcnow()
    contact, identity = identify(session, inbound.address, inbound.display_name)
    conversation = session.get(m.Conversation, inbound.conversation_id) if inbound.conversation_id else None
    if conversation is None and channel is not ChannelKind.EMAIL:
        # Chat and WhatsApp are one continuous thread: the open matter on this queue goes on.
        conversation = session.scalar(
            select(m.Conversation)
            .where(
                m.Conversation.queue_id == queue.id,
                m.Conversation.contact_id == contact.id,
                m.Conversation.status != ConversationStatus.RESOLVED.value,
            )
            .order_by(m.Conversation.last_activity_at.desc())
            .limit(1)
        )
    if conversation is None:
        conversation = open_conversation(
            session, queue, contact.id, identity.id, inbound.subject, inbound.language, now
        )
    elif conversation.status != ConversationStatus.OPEN.value:
        previous = conversation.status
        conversation.status = ConversationStatus.OPEN.value
        conversation.snoozed_until = None
        add_event(session, conversation, EventKind.STATUS_CHANGED, {"from": previous, "to": "open", "why": "reply"})
    conversation.last_inbound_at = now
    conversation.last_activity_at = now
    message = m.Message(
        conversation_id=conversation.id,
        queue_id=conversation.queue_id,
        direction=Direction.INBOUND.value,
        kind=MessageKind.MESSAGE.value,
        channel=channel.value,
        identity_id=identity.id,
        subject=inbound.subject,
        text=inbound.text,
        html=inbound.html,
        attachments=inbound.attachments,
        meta=inbound.meta,
        external_id=inbound.external_id,
        delivery_status=DeliveryStatus.RECEIVED.value,
        created_at=now,
    )
    session.add(message)
    session.flush()
    return message


def open_conversation(
    session: Session,
    queue: m.Queue,
    contact_id: int,
    identity_id: int | None,
    subject: str | None,
    language: str | None,
    now: datetime,
) -> m.Conversation:
    conversation = m.Conversation(
        queue_id=queue.id,
        contact_id=contact_id,
        identity_id=identity_id,
        channel=queue.channel,
        subject=subject,
        status=ConversationStatus.OPEN.value,
        language=language,
        first_response_due_at=now + timedelta(seconds=queue.sla_first_response_s)
        if queue.sla_first_response_s
        else None,
        resolution_due_at=now + timedelta(seconds=queue.sla_resolution_s) if queue.sla_resolution_s else None,
        last_activity_at=now,
        created_at=now,
    )
    session.add(conversation)
    session.flush()
    add_event(session, conversation, EventKind.CREATED, {"queue_id": queue.id, "channel": queue.channel}, at=now)
    routing.opened(session, conversation, now)
    return conversation


def reply(
    session: Session,
    user: m.User,
    conversation_id: int,
    text: str,
    *,
    kind: MessageKind = MessageKind.MESSAGE,
    html: str | None = None,
    subject: str | None = None,
    identity_id: int | None = None,
    meta: dict[str, Any] | None = None,
    attachment_ids: Sequence[int] = (),
    at: datetime | None = None,
) -> m.Message:
    """An agent's reply (queued for its channel) or private note, on the conversation.

    `attachment_ids` are files the agent uploaded (`POST /api/v1/files`); from now on they
    belong to this conversation's queue. `at` is for replaying history (the demo data): the
    reply is judged, and stamped, as of then.
    """
    conversation = visible_conversation(session, user, conversation_id)
    if not text.strip() and not html and not attachment_ids:
        raise Invalid("the message is empty")
    if attachment_ids and kind is not MessageKind.MESSAGE:
        raise Invalid("files go with replies, not with notes")
    now = at or utcnow()
    channel = conversation.channel
    if kind is MessageKind.MESSAGE:
        identity_id = identity_id or conversation.identity_id
        identity = session.get(m.Identity, identity_id) if identity_id else None
        if identity is None or identity.contact_id != conversation.contact_id:
            raise Invalid(f"identity {identity_id} is not an address of this conversation's contact")
        # Continuing on another channel: the reply travels the way its address says.
        channel = {
            IdentityKind.EMAIL: ChannelKind.EMAIL,
            IdentityKind.PHONE: ChannelKind.WHATSAPP,
            IdentityKind.WEBCHAT: ChannelKind.WEBCHAT,
        }[IdentityKind(identity.kind)].value
        _check_channel_options(session, conversation, identity.id, channel, meta or {}, now, text, attachment_ids)
        if channel == ChannelKind.EMAIL.value and conversation.channel != channel:
            try:
                mailbox = sending_queue(session, user, conversation, identity)
            except NoMailbox as exc:
                raise Invalid(str(exc)) from exc
            meta = {**(meta or {}), "from_queue_id": mailbox.id}
        if conversation.first_response_at is None:
            conversation.first_response_at = now
        if conversation.status == ConversationStatus.OPEN.value and conversation.assignee_id is None:
            conversation.assignee_id = user.id
    else:
        identity_id = None
    message = m.Message(
        conversation_id=conversation.id,
        queue_id=conversation.queue_id,
        direction=Direction.OUTBOUND.value,
        kind=kind.value,
        channel=channel,
        identity_id=identity_id,
        author_id=user.id,
        subject=subject,
        text=text,
        html=html,
        attachments=_attach(session, user, conversation, attachment_ids),
        meta=meta or {},
        delivery_status=(DeliveryStatus.QUEUED if kind is MessageKind.MESSAGE else DeliveryStatus.SENT).value,
        created_at=now,
    )
    session.add(message)
    conversation.last_activity_at = now
    session.flush()
    return message


def _attach(
    session: Session, user: m.User, conversation: m.Conversation, file_ids: Sequence[int]
) -> list[dict[str, Any]]:
    """The reply's attachments; each file joins the conversation's queue, whose workers may then read it.

    An upload goes with one reply only, so that each file belongs to one conversation and
    follows it when it moves to another queue."""
    if len(set(file_ids)) != len(file_ids):
        raise Invalid("the same file is attached twice")
    attachments = []
    for file_id in file_ids:
        # Conditional, so that of two replies racing for one upload only one takes it.
        taken = session.execute(
            update(m.StoredFile)
            .where(
                m.StoredFile.id == file_id,
                m.StoredFile.uploaded_by_id == user.id,
                m.StoredFile.queue_id.is_(None),
            )
            .values(queue_id=conversation.queue_id)
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount != 1:
            raise Invalid(f"file {file_id} is not an upload of yours waiting to be sent")
        stored = session.get(m.StoredFile, file_id, populate_existing=True)
        assert stored is not None
        attachments.append(
            {
                "file_id": stored.id,
                "name": stored.filename or f"file-{stored.id}",
                "content_type": stored.mime_type,
                "size": stored.size,
            }
        )
    return attachments


def _check_channel_options(
    session: Session,
    conversation: m.Conversation,
    identity_id: int,
    channel: str,
    meta: dict[str, Any],
    now: datetime,
    text: str,
    attachment_ids: Sequence[int],
) -> None:
    whatsapp = meta.get("whatsapp")
    # The columns only: the files' bytes stay in the database.
    stored = session.execute(
        select(m.StoredFile.id, m.StoredFile.filename, m.StoredFile.size, m.StoredFile.mime_type).where(
            m.StoredFile.id.in_(attachment_ids)
        )
    ).all()
    facts = [FileFacts(name or f"file-{file_id}", size, mime) for file_id, name, size, mime in stored]
    if refused := attachment_refusal(channel, facts):
        raise Invalid(refused.text())
    if channel != ChannelKind.WHATSAPP.value:
        if whatsapp:
            raise Invalid("templates, media and replies to a message are for WhatsApp; this reply goes by " + channel)
        return
    if whatsapp and "template" in whatsapp and "media" in whatsapp:
        raise Invalid("a WhatsApp reply is either a template or a file, not both")
    if attachment_ids:
        if whatsapp and ("template" in whatsapp or "media" in whatsapp):
            raise Invalid("a WhatsApp reply with an uploaded file is neither a template nor a file by link")
        if len(text) > WHATSAPP_CAPTION_MAX:
            raise Invalid(
                f"with a file, the text is its caption: at most {WHATSAPP_CAPTION_MAX} characters on WhatsApp"
            )
    try:
        check_reply(session, conversation, identity_id, whatsapp or {}, now)
    except OutsideServiceWindow as exc:
        raise Invalid(str(exc)) from exc
    reply_to = (whatsapp or {}).get("reply_to")
    if reply_to is not None:
        answered = session.get(m.Message, reply_to)
        if answered is None or answered.conversation_id != conversation.id or not answered.external_id:
            raise Invalid(f"message {reply_to} is not a WhatsApp message of this conversation")


def set_status(session: Session, user: m.User, conversation_id: int, status: ConversationStatus) -> m.Conversation:
    conversation = visible_conversation(session, user, conversation_id)
    if status is ConversationStatus.SNOOZED:
        raise Invalid("use snooze, with a time to wake up at")
    previous = conversation.status
    if previous == status.value:
        return conversation
    conversation.status = status.value
    conversation.snoozed_until = None
    conversation.resolved_at = utcnow() if status is ConversationStatus.RESOLVED else None
    conversation.last_activity_at = utcnow()
    add_event(session, conversation, EventKind.STATUS_CHANGED, {"from": previous, "to": status.value}, user.id)
    session.flush()
    return conversation


def snooze(session: Session, user: m.User, conversation_id: int, until: datetime) -> m.Conversation:
    conversation = visible_conversation(session, user, conversation_id)
    if until.tzinfo is None:
        raise Invalid("the wake-up time needs a time zone (e.g. 2026-01-31T09:00:00+01:00)")
    if until <= utcnow():
        raise Invalid("the wake-up time is in the past")
    if conversation.status == ConversationStatus.RESOLVED.value:
        raise Conflict("a resolved conversation cannot be snoozed; reopen it first")
    previous = conversation.status
    conversation.status = ConversationStatus.SNOOZED.value
    conversation.snoozed_until = until
    add_event(session, conversation, EventKind.SNOOZED, {"from": previous, "until": until.isoformat()}, user.id)
    session.flush()
    return conversation


def wake_due(session: Session, now: datetime | None = None) -> list[int]:
    """Reopen every snoozed conversation whose time has come; returns their ids."""
    now = now or utcnow()
    due = session.scalars(
        select(m.Conversation).where(
            m.Conversation.status == ConversationStatus.SNOOZED.value, m.Conversation.snoozed_until <= now
        )
    ).all()
    for conversation in due:
        conversation.status = ConversationStatus.OPEN.value
        conversation.snoozed_until = None
        conversation.last_activity_at = now
        add_event(session, conversation, EventKind.WOKE_UP, {}, at=now)
    session.flush()
    return [c.id for c in due]


def assign(session: Session, user: m.User, conversation_id: int, assignee_id: int | None) -> m.Conversation:
    conversation = visible_conversation(session, user, conversation_id)
    if assignee_id is not None:
        assignee = session.get(m.User, assignee_id)
        if assignee is None or not assignee.active:
            raise NotFound(f"user {assignee_id} does not exist")
        if not can_see_queue(session, assignee, conversation.queue_id):
            raise Invalid(f"{assignee.display_name} does not work the queue of this conversation")
        if Role(user.role) is Role.AGENT and assignee_id != user.id:
            raise Invalid("agents can take a conversation themselves; assigning to others is for supervisors")
    previous = conversation.assignee_id
    if previous == assignee_id:
        return conversation
    conversation.assignee_id = assignee_id
    add_event(session, conversation, EventKind.ASSIGNED, {"from": previous, "to": assignee_id}, user.id)
    session.flush()
    return conversation
