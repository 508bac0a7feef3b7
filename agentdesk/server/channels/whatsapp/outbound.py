"""What an agent's WhatsApp reply needs before it is queued: the number it leaves from, the
24-hour window, and the shape of a template or media reply.

A reply's `meta["whatsapp"]` says what to send besides plain text:
`{"template": {"name", "language", "parameters"}}`, `{"media": {"kind", "link" | "id",
"caption", "filename"}}`, and `"reply_to"`: the id of the customer's message it answers.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind, Direction
from agentdesk.server.channels.whatsapp.window import OutsideServiceWindow, ServiceWindow, service_window
from agentdesk.server.db import models as m

CHANNEL = ChannelKind.WHATSAPP.value
# Message types Meta writes itself: they do not open the 24-hour window.
NOT_FROM_CUSTOMER = frozenset({"system"})


def sending_queue_id(session: Session, conversation: m.Conversation, identity_id: int) -> int | None:
    """The WhatsApp queue (business number) a reply to `identity_id` leaves from: the
    conversation's own, or, when the reply continues another channel's conversation on
    WhatsApp, the number the customer last wrote to."""
    if conversation.channel == CHANNEL:
        return conversation.queue_id
    return session.scalar(
        select(m.Message.queue_id)
        .where(
            m.Message.identity_id == identity_id,
            m.Message.channel == CHANNEL,
            m.Message.direction == Direction.INBOUND.value,
        )
        .order_by(m.Message.created_at.desc())
        .limit(1)
    )


def window_for(session: Session, queue_id: int | None, identity_id: int, now: datetime) -> ServiceWindow:
    """The 24-hour window of this customer's number with this business number, as of `now`."""
    last = None
    if queue_id is not None:
        recent = session.execute(
            select(m.Message.created_at, m.Message.meta)
            .where(
                m.Message.identity_id == identity_id,
                m.Message.queue_id == queue_id,
                m.Message.channel == CHANNEL,
                m.Message.direction == Direction.INBOUND.value,
            )
            .order_by(m.Message.created_at.desc())
            .limit(20)
        )
        # Meta's own notices (a changed number) are not the customer writing.
        last = next((at for at, meta in recent if not is_meta_notice(meta)), None)
    return service_window(last, now)


def is_meta_notice(meta: dict[str, Any] | None) -> bool:
    """Whether an inbound WhatsApp message is Meta's notice rather than the customer's own."""
    return ((meta or {}).get("whatsapp") or {}).get("type") in NOT_FROM_CUSTOMER


def check_reply(
    session: Session, conversation: m.Conversation, identity_id: int, whatsapp: dict[str, Any], now: datetime
) -> None:
    """Raise OutsideServiceWindow for a free-form reply Meta would refuse; a template always goes."""
    if "template" in whatsapp:
        return
    window = window_for(session, sending_queue_id(session, conversation, identity_id), identity_id, now)
    if not window.is_open:
        raise OutsideServiceWindow(window)


def template_text(template: dict[str, Any]) -> str:
    """What the timeline shows for a template: Meta renders its text; we know its name and values."""
    values = ", ".join(template.get("parameters") or ())
    head = f"template {template['name']} ({template['language']})"
    return f"{head}: {values}" if values else head
