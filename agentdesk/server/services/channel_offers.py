"""Overflow by offering another channel: a waiting customer is told, in their conversation,
that they can continue by WhatsApp, by email or with a call back instead of waiting.

A queue's overflow rule with `"action": "offer"` does this instead of moving the contact, in
each housekeeping round (after routing, so no one an agent just took is offered anything), to
each waiting contact that more than `max_waiting` others were waiting ahead of, or that has
itself waited longer than `max_wait_s`.

The offer is an automatic outbound message (no author) on the conversation's own channel and
address, queued like any reply so that the channel delivers it the one way it delivers
everything (the dispatcher, or the web chat's live connection), and a `channel_offered`
event on the customer's timeline. It is made once per conversation, and it is not an answer:
the first response and the waiting figures still wait for an agent.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ConversationStatus, DeliveryStatus, Direction, EventKind, MessageKind
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.services.conversations import add_event

OFFERS = ("whatsapp", "email", "callback")
# The offer in the customer's language (the conversation's; English when unknown).
_WORDING: dict[str, tuple[str, dict[str, str], str]] = {
    "en": (
        "Thank you for waiting: all our agents are busy right now. If you prefer, we can continue {options}. "
        "Just tell us here which suits you and how to reach you.",
        {"whatsapp": "by WhatsApp", "email": "by email", "callback": "by calling you back"},
        "or",
    ),
    "es": (
        "Gracias por esperar: ahora mismo todos nuestros agentes están ocupados. Si lo prefieres, podemos seguir "
        "{options}. Dinos aquí qué te va mejor y cómo contactarte.",
        {"whatsapp": "por WhatsApp", "email": "por correo electrónico", "callback": "llamándote nosotros"},
        "o",
    ),
    "ca": (
        "Gràcies per esperar: ara mateix tots els nostres agents estan ocupats. Si ho prefereixes, podem continuar "
        "{options}. Digues-nos aquí què et va millor i com contactar-te.",
        {"whatsapp": "per WhatsApp", "email": "per correu electrònic", "callback": "trucant-te nosaltres"},
        "o",
    ),
}


def offer_text(language: str | None, offers: list[str]) -> str:
    template, names, conjunction = _WORDING.get((language or "en")[:2], _WORDING["en"])
    words = [names[o] for o in offers]
    options = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
    return template.format(options=options)


def _rule(policy: m.QueuePolicy) -> dict[str, Any] | None:
    rule = policy.overflow
    return rule if rule and rule.get("action") == "offer" and rule.get("offer") else None


def _offered(session: Session, conversation_id: int) -> bool:
    event = m.Event
    return bool(
        session.scalar(
            select(exists().where(event.conversation_id == conversation_id, event.kind == EventKind.CHANNEL_OFFERED))
        )
    )


def offer(session: Session, conversation: m.Conversation, offers: list[str], now: datetime, why: str) -> m.Message:
    """Queue the offer in the conversation and put it on the timeline."""
    message = m.Message(
        conversation_id=conversation.id,
        queue_id=conversation.queue_id,
        direction=Direction.OUTBOUND.value,
        kind=MessageKind.MESSAGE.value,
        channel=conversation.channel,
        identity_id=conversation.identity_id,
        author_id=None,
        text=offer_text(conversation.language, offers),
        attachments=[],
        meta={"automatic": "channel_offer", "offer": offers},
        delivery_status=DeliveryStatus.QUEUED.value,
        created_at=now,
    )
    session.add(message)
    session.flush()
    waited = round((now - conversation.created_at).total_seconds())
    add_event(
        session,
        conversation,
        EventKind.CHANNEL_OFFERED,
        {"offer": offers, "message_id": message.id, "waited_s": waited, "why": why},
        at=now,
    )
    conversation.last_activity_at = now
    session.flush()
    return message


def offer_to_waiting(session: Session, now: datetime | None = None) -> list[int]:
    """Offer, once, to every contact waiting on a queue whose rule says so; returns them.

    In arrival order, a contact is offered when more than `max_waiting` others were waiting
    ahead of it, or when it has waited longer than `max_wait_s` itself."""
    now = now or utcnow()
    c = m.Conversation
    wrote = exists().where(m.Message.conversation_id == c.id, m.Message.direction == Direction.INBOUND.value)
    offered = []
    for policy in session.scalars(select(m.QueuePolicy).order_by(m.QueuePolicy.queue_id)):
        rule = _rule(policy)
        if rule is None:
            continue
        max_waiting, max_wait_s = rule.get("max_waiting"), rule.get("max_wait_s")
        # Only those who wrote and wait: a callback request left no one waiting in a chat.
        waiting = session.scalars(
            select(c)
            .where(
                c.queue_id == policy.queue_id,
                c.status == ConversationStatus.OPEN.value,
                c.assignee_id.is_(None),
                c.first_response_at.is_(None),
                c.first_assigned_at.is_(None),
                c.identity_id.is_not(None),
                wrote,
            )
            .order_by(c.created_at, c.id)
        ).all()
        for ahead, conversation in enumerate(waiting):
            crowded = max_waiting is not None and ahead > max_waiting
            long = max_wait_s is not None and (now - conversation.created_at).total_seconds() > max_wait_s
            # Another channel: a WhatsApp customer is not offered WhatsApp.
            offers = [o for o in rule["offer"] if o != conversation.channel]
            if (crowded or long) and offers and not _offered(session, conversation.id):
                offer(session, conversation, offers, now, why="queue_saturated" if crowded else "long_wait")
                offered.append(conversation.id)
    return offered
