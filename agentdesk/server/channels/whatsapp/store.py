"""A webhook delivery in the database: kept raw first, then turned into timeline messages,
delivery statuses and contact names. Processing is idempotent, so a stored delivery can be
processed again after a failure (or a redelivery by Meta) without doubling anything.

Raw rows (`InboundRaw`, channel "whatsapp") move through these states:

- "processing": claimed by a request or a worker round;
- "processed": done;
- "refused": the body is not a webhook we understand; `error` says why; kept, never retried;
- "failed": processing raised; `error` says why; a worker round tries again;
- "retry": messages are stored but something is left (media to download, a status naming
  a message whose send is not recorded yet); a worker round tries again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind, DeliveryStatus, Direction, IdentityKind
from agentdesk.domain.identity import Address
from agentdesk.server.channels.whatsapp.config import whatsapp_queue
from agentdesk.server.channels.whatsapp.delivery import advance
from agentdesk.server.channels.whatsapp.model import (
    PayloadRejected,
    WaContact,
    WaInboundMessage,
    WaMedia,
    WaStatus,
    WebhookPayload,
)
from agentdesk.server.channels.whatsapp.outbound import NOT_FROM_CUSTOMER
from agentdesk.server.channels.whatsapp.payload import parse_webhook
from agentdesk.server.channels.whatsapp.window import WINDOW
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.services.conversations import Inbound, ingest

CHANNEL = ChannelKind.WHATSAPP.value
MAX_ATTEMPTS = 5
# A row still "processing" after this long was claimed by a process that died.
STALE_CLAIM = timedelta(minutes=5)

PROCESSING, PROCESSED, REFUSED, FAILED, RETRY = "processing", "processed", "refused", "failed", "retry"


@dataclass(frozen=True, slots=True)
class MediaTodo:
    """A customer's file still at Meta, for the message `message_id` (its attachment `index`)."""

    message_id: int
    index: int
    media: WaMedia


@dataclass(slots=True)
class Outcome:
    """What one processing of a stored delivery did."""

    status: str
    reason: str | None = None
    messages: list[int] = field(default_factory=list)
    duplicates: int = 0
    statuses: int = 0
    unmatched_statuses: list[str] = field(default_factory=list)
    media: list[MediaTodo] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "reason": self.reason,
            "messages": len(self.messages),
            "duplicates": self.duplicates,
            "statuses": self.statuses,
            "media_pending": len(self.media),
        }


def store_raw(session: Session, queue_id: int, body: bytes) -> m.InboundRaw:
    """Keep a verified delivery as it came, claimed for processing by the caller."""
    row = m.InboundRaw(queue_id=queue_id, channel=CHANNEL, raw=body, status=PROCESSING, attempts=1)
    session.add(row)
    session.flush()
    return row


def claim(session: Session, row_id: int) -> m.InboundRaw | None:
    """Take a row that is due for another try, or None when another process has it or it is done.

    The compare-and-set on (status, attempts) lets only one of several server processes win.
    """
    row = session.get(m.InboundRaw, row_id)
    if row is None or not _due(row, utcnow()):
        return None
    taken = session.execute(
        update(m.InboundRaw)
        .where(m.InboundRaw.id == row.id, m.InboundRaw.status == row.status, m.InboundRaw.attempts == row.attempts)
        .values(status=PROCESSING, attempts=row.attempts + 1)
    )
    if taken.rowcount != 1:
        return None
    session.refresh(row)
    return row


def due_rows(session: Session, limit: int = 50) -> list[int]:
    """Ids of WhatsApp deliveries a worker round should try again, oldest first."""
    now = utcnow()
    rows = session.scalars(
        select(m.InboundRaw)
        .where(
            m.InboundRaw.channel == CHANNEL,
            or_(
                m.InboundRaw.status.in_((FAILED, RETRY)),
                (m.InboundRaw.status == PROCESSING) & (m.InboundRaw.received_at < now - STALE_CLAIM),
            ),
            m.InboundRaw.attempts < MAX_ATTEMPTS,
        )
        .order_by(m.InboundRaw.id)
        .limit(limit)
    )
    return [row.id for row in rows if _due(row, now)]


def _due(row: m.InboundRaw, now: datetime) -> bool:
    if row.attempts >= MAX_ATTEMPTS:
        return False
    if row.status == PROCESSING:
        return row.received_at < now - STALE_CLAIM
    return row.status in (FAILED, RETRY)


def process(session: Session, row: m.InboundRaw) -> Outcome:
    """Apply a stored delivery (again: it is idempotent); the caller then fetches the media
    the outcome lists, or calls `finish` when there are none."""
    try:
        payload = parse_webhook(row.raw)
    except PayloadRejected as exc:
        return Outcome(REFUSED, exc.reason)
    return _apply(session, row, payload)


def finish(row: m.InboundRaw, outcome: Outcome) -> None:
    """Record how processing ended; what is left (files, statuses of unknown sends) means another try."""
    if outcome.status == PROCESSED and outcome.unmatched_statuses:
        wamids = ", ".join(outcome.unmatched_statuses)
        outcome.reason = f"no message sent from AgentDesk has the wamid {wamids} (yet)"
        if row.attempts < MAX_ATTEMPTS:
            outcome.status = RETRY
    if outcome.status == PROCESSED and outcome.media:
        outcome.status = RETRY
        outcome.reason = f"{len(outcome.media)} customer file(s) still to download from WhatsApp"
    row.status = outcome.status
    row.error = outcome.reason
    row.processed_at = utcnow()


def mark_failed(session: Session, row_id: int, error: str) -> None:
    row = session.get(m.InboundRaw, row_id)
    if row is not None:
        row.status = FAILED
        row.error = error
        row.processed_at = utcnow()


def _apply(session: Session, row: m.InboundRaw, payload: WebhookPayload) -> Outcome:
    home = session.get(m.Queue, row.queue_id)
    assert home is not None
    queues = _queues_by_number(session, home)
    outcome = Outcome(PROCESSED)
    names = {c.wa_id: c.profile_name for c in payload.contacts if c.profile_name}
    for message in payload.messages:
        queue_id = queues.get(message.phone_number_id or "", home.id)
        _take_message(session, queue_id, message, names.get(message.from_wa_id), row.id, outcome)
    for contact in payload.contacts:
        _name_contact(session, contact)
    for status in payload.statuses:
        _take_status(session, status, outcome)
    return outcome


def _queues_by_number(session: Session, home: m.Queue) -> dict[str, int]:
    """WhatsApp queues reachable from this webhook: Meta sends all numbers of an app to one
    callback URL, so a delivery may be for another number signed with the same app secret."""
    secret = whatsapp_queue(home).app_secret
    found = {}
    for queue in session.scalars(select(m.Queue).where(m.Queue.channel == CHANNEL)):
        config = whatsapp_queue(queue)
        if config.app_secret == secret and config.phone_number_id:
            found[config.phone_number_id] = queue.id
    return found


def _address(wa_id: str, phone: str | None) -> Address:
    # A wa_id is the number's digits. When our numbering metadata calls it impossible (new
    # plans, anonymized samples) it is still the only address we have: keep it, as "+digits".
    return Address(IdentityKind.PHONE, phone or "+" + wa_id)


def _take_message(
    session: Session, queue_id: int, message: WaInboundMessage, name: str | None, raw_id: int, outcome: Outcome
) -> None:
    existing = session.scalar(
        select(m.Message).where(m.Message.channel == CHANNEL, m.Message.external_id == message.wamid).limit(1)
    )
    if existing is not None:
        outcome.duplicates += 1
        # A redelivery, or a retry after the files could not be fetched.
        outcome.media += _pending_media(existing, message)
        return
    stored = ingest(
        session,
        Inbound(
            queue_id=queue_id,
            address=_address(message.from_wa_id, message.from_phone),
            display_name=name,
            text=message.text,
            attachments=[_attachment(message.media)] if message.media else [],
            meta={"whatsapp": _meta(message, raw_id)},
            external_id=message.wamid,
            received_at=message.timestamp,
        ),
    )
    outcome.messages.append(stored.id)
    outcome.media += _pending_media(stored, message)
    if message.type not in NOT_FROM_CUSTOMER:
        conversation = session.get(m.Conversation, stored.conversation_id)
        assert conversation is not None
        closes = message.timestamp + WINDOW
        # Meta may deliver an older message after a newer one: the window follows the newest.
        if conversation.whatsapp_window_closes_at is None or conversation.whatsapp_window_closes_at < closes:
            conversation.whatsapp_window_closes_at = closes


def _meta(message: WaInboundMessage, raw_id: int) -> dict[str, Any]:
    meta: dict[str, Any] = {"type": message.type, "inbound_raw_id": raw_id}
    if message.phone_number_id:
        meta["phone_number_id"] = message.phone_number_id
    if not message.supported:
        meta["supported"] = False
    if message.context_wamid:
        meta["context_wamid"] = message.context_wamid
    if message.target_wamid:
        meta["target_wamid"] = message.target_wamid
    if message.reply_id:
        meta["reply_id"] = message.reply_id
    if message.forwarded:
        meta["forwarded"] = "frequently" if message.frequently_forwarded else True
    if message.location:
        loc = message.location
        meta["location"] = {
            "latitude": loc.latitude,
            "longitude": loc.longitude,
            "name": loc.name,
            "address": loc.address,
            "url": loc.url,
        }
    if message.referral:
        meta["referral"] = {k: v for k, v in asdict(message.referral).items() if v is not None}
    if message.errors:
        meta["errors"] = [{"code": e.code, "title": e.title, "details": e.details} for e in message.errors]
    return meta


def _attachment(media: WaMedia) -> dict[str, Any]:
    return {
        "source": CHANNEL,
        "status": "pending",
        "media_id": media.id,
        "mime_type": media.mime_type,
        "filename": media.filename,
        "sha256": media.sha256,
        "voice": media.voice or None,
        "animated": media.animated or None,
    }


def _pending_media(message: m.Message, inbound: WaInboundMessage) -> list[MediaTodo]:
    if inbound.media is None:
        return []
    return [
        MediaTodo(message.id, index, inbound.media)
        for index, item in enumerate(message.attachments or [])
        if item.get("media_id") == inbound.media.id and item.get("status") == "pending"
    ]


def _name_contact(session: Session, contact: WaContact) -> None:
    if not contact.profile_name:
        return
    address = _address(contact.wa_id, contact.phone)
    identity = session.scalar(
        select(m.Identity).where(m.Identity.kind == address.kind.value, m.Identity.address == address.value)
    )
    if identity is None:
        return
    if not identity.display_name:
        identity.display_name = contact.profile_name
    person = session.get(m.Contact, identity.contact_id)
    if person is not None and not person.name:
        person.name = contact.profile_name


def _take_status(session: Session, status: WaStatus, outcome: Outcome) -> None:
    sent = session.scalars(
        select(m.Message).where(
            m.Message.channel == CHANNEL,
            m.Message.external_id == status.wamid,
            m.Message.direction == Direction.OUTBOUND.value,
        )
    ).all()
    if not sent:
        outcome.unmatched_statuses.append(status.wamid)
        return
    outcome.statuses += 1
    for message in sent:
        now = advance(DeliveryStatus(message.delivery_status), status.status)
        if now.value != message.delivery_status:
            message.delivery_status = now.value
            if now is DeliveryStatus.FAILED:
                message.delivery_error = "; ".join(str(e) for e in status.errors) or "WhatsApp reports it failed"
                meta = dict(message.meta or {})
                meta["whatsapp_errors"] = [{"code": e.code, "title": e.title} for e in status.errors]
                message.meta = meta


def media_stored(session: Session, todo: MediaTodo, attachment: dict[str, Any]) -> None:
    """Replace a pending attachment with what was stored (or why it could not be)."""
    message = session.get(m.Message, todo.message_id)
    if message is None:
        return
    items = [dict(item) for item in message.attachments or []]
    if todo.index < len(items) and items[todo.index].get("status") == "pending":
        items[todo.index] = {**items[todo.index], **attachment}
        # A new list, so that the ORM sees the change and the feed carries it.
        message.attachments = items
