"""Agents' replies thread in the customer's mail program and survive a round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agentdesk.server.channels.email.compose import (
    OutgoingAttachment,
    compose_reply,
    reply_subject,
    thread_references,
)
from agentdesk.server.channels.email.headers import Mailbox
from agentdesk.server.channels.email.parse import parse_email

AGENT = Mailbox("Soporte Acme", "soporte@acme.es")
CUSTOMER = Mailbox("Ezequiel García", "elezegarcia@gmail.com")


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Consulta", "Re: Consulta"),
        ("Re: Consulta", "Re: Consulta"),
        ("RE: Re: Consulta", "Re: Consulta"),
        ("AW: Consulta", "Re: Consulta"),
        ("RV: Consulta", "Re: Consulta"),
        ("Re[2]: Consulta", "Re: Consulta"),
        ("Fwd: Consulta", "Re: Fwd: Consulta"),
        ("Reunión de mañana", "Re: Reunión de mañana"),
        ("  Pedido\n 42 ", "Re: Pedido 42"),
    ],
)
def test_reply_subject(subject, expected):
    assert reply_subject(subject) == expected


def test_references_chain_from_the_parent(read_mail):
    parent = parse_email(read_mail("lkml_es_garcia_encoded_from_long_references.eml"))
    assert parent.message_id is not None
    msg = compose_reply(
        sender=AGENT,
        to=[CUSTOMER],
        cc=[Mailbox("", "linux-media@vger.kernel.org")],
        subject=parent.subject,
        text="Hola Ezequiel,\n\ngracias por el parche.\n\n-- \nSoporte Acme",
        message_id_domain="acme.es",
        in_reply_to=parent.message_id,
        parent_references=parent.references,
        date=datetime(2025, 3, 3, 10, 0, tzinfo=UTC),
    )
    assert msg["In-Reply-To"] == parent.message_id
    assert msg["References"].split() == [*parent.references, parent.message_id]
    assert msg["Subject"] == "Re: eMPIA EM2710 Webcam (em28xx) and LIRC"
    assert msg["Message-ID"].endswith("@acme.es>")
    assert msg["Date"] == "Mon, 03 Mar 2025 10:00:00 +0000"

    # What the customer receives reads back as a reply in the same thread.
    received = parse_email(msg.as_bytes())
    assert received.in_reply_to == parent.message_id
    assert received.parent_ids[0] == parent.message_id
    assert received.from_address == "soporte@acme.es"
    assert [str(m) for m in received.to] == ["Ezequiel García <elezegarcia@gmail.com>"]
    assert [m.address for m in received.cc] == ["linux-media@vger.kernel.org"]
    assert received.new_text == "Hola Ezequiel,\n\ngracias por el parche."
    assert received.signature == "--\nSoporte Acme"


def test_long_reference_chains_keep_root_and_latest():
    chain = [f"<m{i}@x>" for i in range(40)]
    refs = thread_references("<parent@x>", chain)
    assert len(refs) == 20
    assert refs[0] == "<m0@x>" and refs[-1] == "<parent@x>" and refs[-2] == "<m39@x>"


def test_alternative_text_and_html_with_attachments():
    msg = compose_reply(
        sender=AGENT,
        to=[CUSTOMER],
        subject="Factura",
        text="Adjuntamos la factura.\nSaludos",
        html_body="<p>Adjuntamos la <b>factura</b>.</p>",
        message_id_domain="acme.es",
        attachments=[OutgoingAttachment("factura-año.pdf", "application/pdf", b"%PDF-1.4\n")],
    )
    assert msg.get_content_type() == "multipart/mixed"
    body, attachment = msg.iter_parts()
    assert body.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in body.iter_parts()] == ["text/plain", "text/html"]
    assert attachment.get_filename() == "factura-año.pdf"
    # A first message of a conversation has no parent, so no threading headers and no "Re:".
    assert msg["In-Reply-To"] is None and msg["References"] is None
    assert msg["Subject"] == "Factura"

    parsed = parse_email(msg.as_bytes())
    assert parsed.text == "Adjuntamos la factura.\nSaludos"
    assert parsed.html is not None and parsed.html.strip() == "<p>Adjuntamos la <b>factura</b>.</p>"
    assert [(a.name, a.content) for a in parsed.attachments] == [("factura-año.pdf", b"%PDF-1.4\n")]


def test_text_only_reply_gets_an_html_alternative():
    msg = compose_reply(sender=AGENT, to=[CUSTOMER], subject="x", text="<hola>\n\nadiós", message_id_domain="acme.es")
    html = msg.get_body(("html",))
    assert html is not None
    assert html.get_content() == "<p>&lt;hola&gt;</p>\n<p>adiós</p>\n"


def test_display_names_cannot_inject_headers():
    msg = compose_reply(
        sender=AGENT,
        to=[Mailbox("Eve\r\nBcc: victim@example.com", "eve@example.com")],
        subject="Hola\r\nBcc: victim@example.com",
        text="x",
        message_id_domain="acme.es",
    )
    raw = msg.as_bytes()
    assert b"\r\nBcc:" not in raw and b"\nBcc:" not in raw
