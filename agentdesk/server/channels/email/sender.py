"""The email channel's sender for the outbound dispatcher (`channels.dispatch`).

A reply answers the conversation's latest message that has a Message-ID (the customer's
mail, or our own earlier reply): In-Reply-To is that id, References its chain plus it. The
new Message-ID becomes the message's external_id, so the customer's answer threads back.
Files the agent attached (`attachments[].file_id`) travel as MIME attachments.

Mail the server writes itself on another channel's conversation (a web chat's transcript or
confirmation code) says where it goes in its meta: `to`, an address that need not be one of
the contact's identities yet, and `from_queue_id`, the email queue whose mailbox sends it. Such
a notice stands alone: it answers no earlier mail of the conversation.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind, MessageKind
from agentdesk.domain.identity import InvalidAddress, normalize_email
from agentdesk.server.channels.dispatch import SendError, Sent
from agentdesk.server.channels.email.account import AccountError, EmailAccount
from agentdesk.server.channels.email.compose import OutgoingAttachment, compose_reply
from agentdesk.server.channels.email.errors import EmailChannelError
from agentdesk.server.channels.email.headers import Mailbox
from agentdesk.server.channels.email.smtp import send_message
from agentdesk.server.db import models as m

CHANNEL = ChannelKind.EMAIL.value


def send_email(session: Session, message: m.Message) -> Sent:
    meta = message.meta or {}
    queue_id = meta.get("from_queue_id") or message.queue_id
    queue = session.get(m.Queue, queue_id)
    if queue is None or queue.channel != CHANNEL or not queue.settings:
        name = queue.name if queue else queue_id
        raise SendError(f"the queue {name!r} has no email account to send from", retryable=False)
    try:
        account = EmailAccount.of(queue.settings, queue.secrets)
    except AccountError as exc:
        raise SendError(f"the email settings of queue {queue.name!r} are incomplete: {exc}", retryable=False) from None
    to = _recipient(session, message)
    conversation = session.get(m.Conversation, message.conversation_id)
    cc = [_mailbox(address, "cc") for address in meta.get("cc") or []]
    parent = None if meta.get("purpose") else _parent(session, message)
    in_reply_to = parent.external_id if parent else None
    parent_references = list(parent.meta.get("references") or []) if parent else []
    subject = message.subject or (conversation.subject if conversation else None) or ""
    mail = compose_reply(
        sender=account.sender,
        to=[to],
        cc=cc,
        subject=subject,
        text=message.text,
        html_body=message.html,
        message_id_domain=account.message_id_domain,
        in_reply_to=in_reply_to,
        parent_references=parent_references,
        attachments=_attachments(session, message),
    )
    try:
        result = send_message(account.smtp, mail)
    except EmailChannelError as exc:
        raise SendError(str(exc), retryable=exc.retryable) from exc
    sent: dict[str, Any] = {
        "from": {"name": account.sender.name, "address": account.sender.address},
        "message_id": result.message_id,
        "in_reply_to": mail.get("In-Reply-To"),
        "references": (mail.get("References") or "").split(),
    }
    # A notice's meta already names its recipient in `to`, which the sent meta must not replace.
    if not meta.get("to"):
        sent["to"] = [str(to)]
    if result.refused:
        sent["refused"] = dict(result.refused)
    return Sent(external_id=result.message_id, meta=sent)


def _recipient(session: Session, message: m.Message) -> Mailbox:
    identity = session.get(m.Identity, message.identity_id) if message.identity_id else None
    address = (message.meta or {}).get("to")
    if address:
        name = identity.display_name if identity is not None and identity.address == address else None
        return Mailbox(name or "", _mailbox(address, "to").address)
    if identity is None:
        raise SendError("the reply has no recipient address", retryable=False)
    return Mailbox(identity.display_name or "", identity.address)


def _attachments(session: Session, message: m.Message) -> list[OutgoingAttachment]:
    files = []
    for attachment in message.attachments or []:
        stored = session.get(m.StoredFile, attachment["file_id"])
        if stored is None:
            raise SendError(f"the attached file {attachment.get('name')!r} is no longer stored", retryable=False)
        files.append(OutgoingAttachment(attachment["name"], attachment["content_type"], stored.content))
    return files


def _parent(session: Session, message: m.Message) -> m.Message | None:
    return session.scalars(
        select(m.Message)
        .where(
            m.Message.conversation_id == message.conversation_id,
            m.Message.channel == CHANNEL,
            m.Message.kind == MessageKind.MESSAGE.value,
            m.Message.external_id.is_not(None),
            m.Message.id != message.id,
        )
        .order_by(m.Message.created_at.desc(), m.Message.id.desc())
        .limit(1)
    ).first()


def _mailbox(address: object, field: str) -> Mailbox:
    try:
        return Mailbox("", normalize_email(str(address)))
    except InvalidAddress as exc:
        raise SendError(f"cannot send to {field} {address!r}: {exc}", retryable=False) from None
