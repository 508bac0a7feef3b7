"""A small contact center for API tests: two teams, three queues, agents, a supervisor, customers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import httpx
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind, EventKind, Role
from agentdesk.domain.identity import normalize
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.services import admin, contacts
from agentdesk.server.services.conversations import Inbound, add_event, ingest

PASSWORD = "correct horse battery"


@dataclass
class World:
    users: dict[str, int] = field(default_factory=dict)
    queues: dict[str, int] = field(default_factory=dict)
    teams: dict[str, int] = field(default_factory=dict)
    contacts: dict[str, int] = field(default_factory=dict)
    conversations: dict[str, int] = field(default_factory=dict)


def build_world(session: Session) -> World:
    w = World()
    support = admin.create_team(session, "Support")
    billing = admin.create_team(session, "Billing")
    w.teams = {"support": support.id, "billing": billing.id}
    queues = {
        "support_email": admin.create_queue(
            session, "Support email", ChannelKind.EMAIL, teams=[support], sla_first_response_s=3600
        ),
        "support_whatsapp": admin.create_queue(session, "Support WhatsApp", ChannelKind.WHATSAPP, teams=[support]),
        "billing_email": admin.create_queue(
            session, "Billing email", ChannelKind.EMAIL, teams=[billing], secrets={"imap_password": "s3cret"}
        ),
    }
    w.queues = {name: q.id for name, q in queues.items()}
    for username, role, team in [
        ("ana", Role.AGENT, support),
        ("bob", Role.AGENT, billing),
        ("sue", Role.SUPERVISOR, None),
        ("tom", Role.TEAM_LEAD, None),
    ]:
        user = admin.create_user(session, username, PASSWORD, role, display_name=username.title())
        if team is not None:
            admin.set_membership(session, user.id, team.id, True)
        w.users[username] = user.id

    start = utcnow() - timedelta(days=3)
    # Núria writes by email to support, chases on WhatsApp, and also writes to billing.
    m1 = ingest(
        session,
        Inbound(
            queue_id=w.queues["support_email"],
            address=normalize("email", "Nuria.Puig@Example.cat"),
            display_name="Núria Puig",
            subject="On és la meva comanda?",
            text="Hola, encara no he rebut la comanda 1234.",
            external_id="<m1@example.cat>",
            received_at=start,
        ),
    )
    contact_nuria = _contact_of(session, m1.conversation_id)
    w.contacts["nuria"] = contact_nuria
    w.conversations["nuria_email"] = m1.conversation_id
    contacts.add_identity(session, contact_nuria, normalize("phone", "+34 612 345 678"))
    m2 = ingest(
        session,
        Inbound(
            queue_id=w.queues["support_whatsapp"],
            address=normalize("phone", "+34612345678"),
            text="Hola? Alguna novetat de la comanda?",
            external_id="wamid.TEST1",
            # Recent, so that her 24-hour WhatsApp window is open and free-form replies may go.
            received_at=utcnow() - timedelta(hours=1),
        ),
    )
    w.conversations["nuria_whatsapp"] = m2.conversation_id
    m3 = ingest(
        session,
        Inbound(
            queue_id=w.queues["billing_email"],
            address=normalize("email", "nuria.puig@example.cat"),
            subject="Factura duplicada",
            text="M'heu cobrat dues vegades la factura.",
            external_id="<m3@example.cat>",
            received_at=start + timedelta(hours=5),
        ),
    )
    w.conversations["nuria_billing"] = m3.conversation_id
    add_event(
        session,
        None,
        EventKind.APPOINTMENT,
        {"title": "Visita tècnica"},
        contact_id=contact_nuria,
        at=start + timedelta(days=5),
    )
    # John, known by email only, writes to billing.
    m4 = ingest(
        session,
        Inbound(
            queue_id=w.queues["billing_email"],
            address=normalize("email", "john@example.com"),
            display_name="John Smith",
            subject="Refund",
            text="I was charged twice.",
            external_id="<m4@example.com>",
            received_at=start + timedelta(hours=6),
        ),
    )
    w.conversations["john_billing"] = m4.conversation_id
    # Joan has a second contact record (web chat lead) with the same person behind it.
    m5 = ingest(
        session,
        Inbound(
            queue_id=w.queues["support_email"],
            address=normalize("email", "joan@example.es"),
            display_name="Joan",
            subject="Cita",
            text="Quiero cambiar mi cita.",
            external_id="<m5@example.es>",
            received_at=start + timedelta(hours=7),
        ),
    )
    w.conversations["joan_email"] = m5.conversation_id
    m6 = ingest(
        session,
        Inbound(
            queue_id=w.queues["support_whatsapp"],
            address=normalize("phone", "+34 699 000 111"),
            text="Soy Joan, lo de la cita",
            external_id="wamid.TEST2",
            received_at=start + timedelta(hours=8),
        ),
    )
    w.conversations["joan_whatsapp"] = m6.conversation_id
    w.contacts["john"] = _contact_of(session, m4.conversation_id)
    w.contacts["joan_email"] = _contact_of(session, m5.conversation_id)
    w.contacts["joan_phone"] = _contact_of(session, m6.conversation_id)
    session.commit()
    return w


def _contact_of(session: Session, conversation_id: int) -> int:
    conversation = session.get(m.Conversation, conversation_id)
    assert conversation is not None
    return conversation.contact_id


def login(base_url: str, username: str, password: str = PASSWORD) -> httpx.Client:
    client = httpx.Client(base_url=base_url, timeout=30)
    response = client.post("/api/v1/auth/token", json={"username": username, "password": password})
    response.raise_for_status()
    client.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
    return client
