"""From a fetched mail to a message in a conversation, in two steps that lose nothing.

1. `store_raw` keeps the mail exactly as fetched (`InboundRaw`, status "pending") and moves the
   queue's IMAP position past it, in one transaction: from then on the mail is ours, and is
   never fetched again.
2. `process_raw` parses it, stores its attachments, threads it and hands it to `ingest`. A mail
   that parses badly still becomes a message (with the warnings in its meta); one whose
   processing fails is marked "failed" with the reason and tried again later, without holding
   up the mails behind it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind, ConversationStatus, IdentityKind, MessageKind
from agentdesk.domain.identity import Address, InvalidAddress, normalize
from agentdesk.server.channels.email.compose import reply_subject
from agentdesk.server.channels.email.imap import MailboxState
from agentdesk.server.channels.email.parse import Attachment, ParsedEmail, parse_email
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.services.conversations import Inbound, ingest

CHANNEL = ChannelKind.EMAIL.value
# Mail without a usable sender still needs a contact; they all share this one, easy to spot.
UNKNOWN_SENDER = Address(IdentityKind.EMAIL, "unknown-sender@agentdesk.invalid")
# A raw mail whose processing failed this often waits for an administrator.
MAX_PROCESS_ATTEMPTS = 5


def mailbox_state(channel_state: dict[str, Any]) -> MailboxState | None:
    """The saved IMAP position, or None when the queue has never fetched."""
    if "last_uid" not in channel_state:
        return None
    return MailboxState(channel_state.get("uidvalidity"), int(channel_state["last_uid"]))


def save_state(session: Session, queue_id: int, state: MailboxState) -> None:
    """Persist the IMAP position, merged into the queue's private channel state.

    A plain UPDATE, not an ORM change: channel_state is private, so it has no place in the
    change log, and each fetched mail would otherwise announce a queue change to every client.
    """
    current = session.scalar(select(m.Queue.channel_state).where(m.Queue.id == queue_id).with_for_update()) or {}
    merged = {**current, "uidvalidity": state.uidvalidity, "last_uid": state.last_uid}
    if merged != current:
        session.execute(
            update(m.Queue)
            .where(m.Queue.id == queue_id)
            .values(channel_state=merged)
            .execution_options(synchronize_session=False)
        )


def known_message_id(session: Session, message_id: str | None) -> bool:
    if not message_id:
        return False
    return (
        session.scalar(
            select(m.Message.id).where(m.Message.channel == CHANNEL, m.Message.external_id == message_id).limit(1)
        )
        is not None
    )


def store_raw(session: Session, queue_id: int, raw: bytes, state: MailboxState, *, refetch: bool = False) -> int | None:
    """Keep a fetched mail and move past it; returns the raw row's id (None when skipped).

    `refetch` is set when the folder's UIDVALIDITY changed and the whole folder comes again:
    then a mail whose Message-ID is already stored is skipped instead of kept twice.
    """
    if refetch and known_message_id(session, parse_email(raw).message_id):
        save_state(session, queue_id, state)
        return None
    row = m.InboundRaw(
        queue_id=queue_id,
        channel=CHANNEL,
        external_id=f"imap:{state.uidvalidity}:{state.last_uid}",
        raw=raw,
        status="pending",
    )
    session.add(row)
    save_state(session, queue_id, state)
    session.flush()
    return row.id


def pending_raw_ids(session: Session, queue_id: int) -> list[int]:
    return list(
        session.scalars(
            select(m.InboundRaw.id)
            .where(
                m.InboundRaw.queue_id == queue_id,
                m.InboundRaw.status.in_(["pending", "failed"]),
                m.InboundRaw.attempts < MAX_PROCESS_ATTEMPTS,
            )
            .order_by(m.InboundRaw.id)
        )
    )


@dataclass(frozen=True, slots=True)
class Processed:
    message: m.Message
    parsed: ParsedEmail


def process_raw(session: Session, raw_id: int, *, max_attachment_bytes: int) -> Processed | None:
    """Turn a stored raw mail into a message; None when it was processed already."""
    row = session.get(m.InboundRaw, raw_id)
    if row is None or row.status == "processed" or row.queue_id is None:
        return None
    parsed = parse_email(row.raw, max_attachment_bytes=max_attachment_bytes)
    warnings = list(parsed.warnings)
    address = _sender_address(parsed, warnings)
    external_id = parsed.message_id or f"<raw-{hashlib.sha256(row.raw).hexdigest()[:40]}@agentdesk.invalid>"
    message = ingest(
        session,
        Inbound(
            queue_id=row.queue_id,
            address=address,
            display_name=parsed.from_name or None,
            text=parsed.text,
            subject=parsed.subject or None,
            html=parsed.html,
            attachments=[_attachment_meta(session, row.queue_id, a, raw_id) for a in parsed.attachments],
            meta=_meta(parsed, raw_id, warnings),
            external_id=external_id,
            conversation_id=find_thread(session, row.queue_id, parsed.parent_ids)
            or thread_by_subject(session, row.queue_id, address, parsed.subject),
        ),
    )
    row.status = "processed"
    row.error = None
    row.attempts += 1
    row.processed_at = utcnow()
    session.flush()
    return Processed(message, parsed)


def mark_failed(session: Session, raw_id: int, error: str) -> None:
    row = session.get(m.InboundRaw, raw_id)
    if row is not None:
        row.status = "failed"
        row.error = error
        row.attempts += 1


def find_thread(session: Session, queue_id: int, parent_ids: Sequence[str]) -> int | None:
    """The conversation of the nearest ancestor we have, received or sent, on this queue."""
    if not parent_ids:
        return None
    rows = session.execute(
        select(m.Message.external_id, m.Message.conversation_id).where(
            m.Message.channel == CHANNEL,
            m.Message.queue_id == queue_id,
            m.Message.kind == MessageKind.MESSAGE.value,
            m.Message.external_id.in_(list(parent_ids)),
        )
    ).all()
    found = dict(rows)
    return next((found[i] for i in parent_ids if i in found), None)


def thread_by_subject(session: Session, queue_id: int, address: Address, subject: str) -> int | None:
    """The fallback for replies whose mail program dropped the thread headers, taken with care:
    only a reply ("Re: ..."), only from a known sender, only into their open conversation on
    this queue with that very subject, and only when exactly one such conversation exists."""
    clean = " ".join(subject.split())
    base = reply_subject(clean).removeprefix("Re:").strip()
    if not base or base == clean or address == UNKNOWN_SENDER:
        return None
    candidates = session.scalars(
        select(m.Conversation.id)
        .join(m.Identity, m.Identity.contact_id == m.Conversation.contact_id)
        .where(
            m.Identity.kind == address.kind.value,
            m.Identity.address == address.value,
            m.Conversation.queue_id == queue_id,
            m.Conversation.status != ConversationStatus.RESOLVED.value,
            m.Conversation.subject == base,
        )
        .limit(2)
    ).all()
    return candidates[0] if len(candidates) == 1 else None


def _sender_address(parsed: ParsedEmail, warnings: list[str]) -> Address:
    candidates = [parsed.from_address, *(r.address for r in parsed.reply_to)]
    for candidate in candidates:
        if candidate:
            try:
                return normalize(IdentityKind.EMAIL, candidate)
            except InvalidAddress:
                continue
    warnings.append(f"no usable sender address; filed under {UNKNOWN_SENDER.value}")
    return UNKNOWN_SENDER


def _attachment_meta(session: Session, queue_id: int, attachment: Attachment, raw_id: int) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "name": attachment.name,
        "type": attachment.content_type,
        "size": attachment.size,
        "content_id": attachment.content_id,
        "inline": attachment.inline,
        # Where the bytes are in the original mail, which is always kept.
        "raw_id": raw_id,
        "part": attachment.part,
    }
    if attachment.content is None:
        meta["file_id"] = None
        meta["note"] = "larger than the queue's attachment limit: not stored; it is only in the original mail"
        return meta
    # In the database, like WhatsApp media, so that every server process can serve it.
    stored = m.StoredFile(
        queue_id=queue_id,
        filename=attachment.name,
        mime_type=attachment.content_type,
        size=attachment.size,
        sha256=hashlib.sha256(attachment.content).hexdigest(),
        content=attachment.content,
    )
    session.add(stored)
    session.flush()
    meta["file_id"] = stored.id
    return meta


def _meta(parsed: ParsedEmail, raw_id: int, warnings: list[str]) -> dict[str, Any]:
    return {
        "from": {"name": parsed.from_name, "address": parsed.from_address, "header": parsed.from_header},
        "to": [str(x) for x in parsed.to],
        "cc": [str(x) for x in parsed.cc],
        "reply_to": [str(x) for x in parsed.reply_to],
        "date": parsed.date.isoformat() if parsed.date else None,
        "message_id": parsed.message_id,
        "in_reply_to": parsed.in_reply_to,
        "references": list(parsed.references),
        "new_text": parsed.new_text,
        "quoted": parsed.quoted,
        "signature": parsed.signature,
        "warnings": warnings,
        "raw_id": raw_id,
    }
