"""A WhatsApp matter continued by email: the reply leaves from the mailbox the customer wrote to,
among the queues the agent works, or is refused at once with the reason (never later, at the
dispatcher, as "has no email account")."""

from __future__ import annotations

from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker


def configure_mailbox(api, queue: str) -> None:
    engine = make_engine(api.database_url)
    with make_sessionmaker(engine)() as session:
        row = session.get(m.Queue, api.world.queues[queue])
        row.settings = {"from_address": "suport@example.cat", "smtp_host": "127.0.0.1"}
        session.commit()
    engine.dispose()


def email_identity(client, contact_id: int) -> int:
    identities = client.get(f"/api/v1/contacts/{contact_id}").json()["identities"]
    return next(i["id"] for i in identities if i["kind"] == "email")


def test_a_whatsapp_conversation_answered_by_email_leaves_from_the_mailbox_the_customer_wrote_to(api):
    ana, sue = api.login("ana"), api.login("sue")
    whatsapp = api.world.conversations["nuria_whatsapp"]
    address = email_identity(ana, api.world.contacts["nuria"])
    path = f"/api/v1/conversations/{whatsapp}/messages"

    unset = ana.post(path, json={"text": "Li escric per correu.", "identity_id": address})
    assert unset.status_code == 422
    assert (
        unset.json()["detail"]
        == "the email queue 'Support email' has no email account to send from; an admin sets it up"
    )

    configure_mailbox(api, "support_email")
    sent = ana.post(path, json={"text": "Li escric per correu.", "identity_id": address})
    assert sent.status_code == 201, sent.text
    assert (sent.json()["channel"], sent.json()["meta"]["from_queue_id"]) == (
        "email",
        api.world.queues["support_email"],
    )
    # Núria wrote to billing later, but only a supervisor works billing: for Sue it is that mailbox.
    refused = sue.post(path, json={"text": "Des de facturació.", "identity_id": address})
    assert refused.status_code == 422 and "'Billing email' has no email account" in refused.json()["detail"]


def test_an_address_that_never_wrote_to_a_mailbox_is_refused_with_what_to_do(api):
    ana = api.login("ana")
    contact = api.world.contacts["joan_phone"]
    added = ana.post(f"/api/v1/contacts/{contact}/identities", json={"kind": "email", "address": "joan.nou@example.es"})
    assert added.status_code == 201, added.text
    configure_mailbox(api, "support_email")
    reply = ana.post(
        f"/api/v1/conversations/{api.world.conversations['joan_whatsapp']}/messages",
        json={"text": "Hola Joan", "identity_id": added.json()["id"]},
    )
    assert reply.status_code == 422
    assert reply.json()["detail"].startswith(
        "joan.nou@example.es has never written to a mailbox of the queues you work"
    )
