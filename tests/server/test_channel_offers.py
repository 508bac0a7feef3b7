"""Overflow offers on other channels than the web chat: never the customer's own channel, in
their language, and only to customers who wrote and wait."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind, EventKind
from agentdesk.domain.identity import normalize
from agentdesk.server.db import models as m
from agentdesk.server.services import admin, channel_offers
from agentdesk.server.services.conversations import Inbound, open_conversation
from tests.support.databases import arrive, migrated_session

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    with migrated_session("sqlite", tmp_path) as s:
        yield s


def _queue(session: Session, offer: list[str]) -> m.Queue:
    queue = admin.create_queue(session, f"WhatsApp {offer}", ChannelKind.WHATSAPP)
    rule = {"action": "offer", "to_queue_id": None, "max_waiting": None, "max_wait_s": 60, "offer": offer}
    session.add(m.QueuePolicy(queue_id=queue.id, service_level_s=60, short_abandon_s=0, calendar={}, overflow=rule))
    session.flush()
    return queue


def _waiting(session: Session, queue: m.Queue, phone: str) -> m.Conversation:
    received_at = NOW - timedelta(minutes=2)
    return arrive(
        session, Inbound(queue_id=queue.id, address=normalize("phone", phone), text="hola", received_at=received_at)
    )


def test_a_whatsapp_customer_is_offered_the_other_channels_in_their_language(session: Session) -> None:
    queue = _queue(session, ["whatsapp", "callback"])
    conversation = _waiting(session, queue, "+34 600 000 001")
    conversation.language = "es"
    # A callback request on the same queue: nobody wrote, nobody waits in a conversation.
    contact = session.get(m.Contact, conversation.contact_id)
    assert contact is not None
    open_conversation(session, queue, contact.id, conversation.identity_id, "Callback", None, NOW - timedelta(hours=1))
    assert channel_offers.offer_to_waiting(session, NOW) == [conversation.id]
    (message,) = session.scalars(
        select(m.Message).where(m.Message.conversation_id == conversation.id, m.Message.direction == "outbound")
    ).all()
    assert message.text == (
        "Gracias por esperar: ahora mismo todos nuestros agentes están ocupados. Si lo prefieres, podemos seguir "
        "llamándote nosotros. Dinos aquí qué te va mejor y cómo contactarte."
    )
    assert (message.channel, message.author_id, message.delivery_status) == ("whatsapp", None, "queued")
    assert message.meta == {"automatic": "channel_offer", "offer": ["callback"]}
    (event,) = session.scalars(
        select(m.Event).where(m.Event.conversation_id == conversation.id, m.Event.kind == EventKind.CHANNEL_OFFERED)
    ).all()
    assert event.data == {"offer": ["callback"], "message_id": message.id, "waited_s": 120, "why": "long_wait"}
    assert conversation.first_response_at is None
    assert channel_offers.offer_to_waiting(session, NOW + timedelta(minutes=5)) == []


def test_nothing_is_offered_when_only_the_customers_own_channel_is_on_offer(session: Session) -> None:
    queue = _queue(session, ["whatsapp"])
    _waiting(session, queue, "+34 600 000 002")
    assert channel_offers.offer_to_waiting(session, NOW) == []


def test_offer_wording() -> None:
    assert channel_offers.offer_text("ca", ["email"]) == (
        "Gràcies per esperar: ara mateix tots els nostres agents estan ocupats. Si ho prefereixes, podem continuar "
        "per correu electrònic. Digues-nos aquí què et va millor i com contactar-te."
    )
    assert "continue by WhatsApp or by email." in channel_offers.offer_text("fr", ["whatsapp", "email"])
