"""Which mailbox a reply by email leaves from when it continues another channel's matter
(a WhatsApp conversation answered at the customer's address), decided when it is written.

It is the mailbox the customer last wrote to from that address, or else from any of their
addresses, among the queues the agent works; the reply carries it as `meta.from_queue_id`,
which the email sender uses. Without one, or when it has no email account, the reply is
refused at once with the reason, instead of failing later at the dispatcher.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind, Direction, IdentityKind
from agentdesk.server.access import visible_queue_ids
from agentdesk.server.db import models as m

CHANNEL = ChannelKind.EMAIL.value


class NoMailbox(Exception):
    """No email queue can send this reply; the message says why and what to do."""


def sending_queue(session: Session, user: m.User, conversation: m.Conversation, identity: m.Identity) -> m.Queue:
    queue = _last_written_to(session, user, conversation.contact_id, identity.id)
    if queue is None:
        raise NoMailbox(
            f"{identity.address} has never written to a mailbox of the queues you work, so there is no "
            "email account to answer from: reply on this conversation's channel, or from an email "
            "conversation of this customer"
        )
    if not queue.settings:
        raise NoMailbox(f"the email queue {queue.name!r} has no email account to send from; an admin sets it up")
    return queue


def _last_written_to(session: Session, user: m.User, contact_id: int, identity_id: int) -> m.Queue | None:
    visible = visible_queue_ids(session, user)
    inbound = (
        select(m.Message.queue_id)
        .join(m.Queue, m.Queue.id == m.Message.queue_id)
        .where(
            m.Message.channel == CHANNEL,
            m.Message.direction == Direction.INBOUND.value,
            m.Queue.channel == CHANNEL,
            m.Message.queue_id.in_(visible),
        )
        .order_by(m.Message.created_at.desc())
        .limit(1)
    )
    queue_id = session.scalar(inbound.where(m.Message.identity_id == identity_id))
    if queue_id is None:
        addresses = select(m.Identity.id).where(
            m.Identity.contact_id == contact_id, m.Identity.kind == IdentityKind.EMAIL.value
        )
        queue_id = session.scalar(inbound.where(m.Message.identity_id.in_(addresses)))
    return session.get(m.Queue, queue_id) if queue_id is not None else None
