"""The email channel inside a running server, against real Dovecot (IMAP) and aiosmtpd (SMTP).

Queues are configured through the HTTP API as an administrator would; mail reaches Dovecot
as a delivery agent would leave it; what the server made of it is read back from its database.
"""

from __future__ import annotations

import base64
import email
import email.policy
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from websockets.sync.client import connect

from agentdesk.domain.enums import Role
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.migrate import upgrade
from agentdesk.server.services import admin
from tests.channels.webchat.conftest import frames_until, hello, send
from tests.fixtures.mailservers import Dovecot, SmtpServer, free_port
from tests.support.live_server import LiveServer, start_server
from tests.support.world import PASSWORD, login

IMAP_PASSWORD = "imap-Pw-7f3a9c"  # distinctive, to be looked for in every response
T = TypeVar("T")


def wait_for(what: str, probe: Callable[[], T], timeout: float = 45.0) -> T:
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


@dataclass
class Desk:
    server: LiveServer
    db: sessionmaker[Session]
    root: httpx.Client
    responses: list[str]

    def get(self, path: str, **params: Any) -> Any:
        response = self.root.get(path, params=params)
        assert response.status_code == 200, response.text
        return response.json()

    def health(self, queue_id: int) -> dict[str, Any]:
        return self.get(f"/api/v1/queues/{queue_id}/health")

    def message(self, external_id: str) -> m.Message | None:
        with self.db() as session:
            return session.scalar(select(m.Message).where(m.Message.external_id == external_id))

    def message_by_id(self, message_id: int) -> m.Message:
        with self.db() as session:
            message = session.get(m.Message, message_id)
            assert message is not None
            return message

    def count(self, model: type[m.Base], *where: Any) -> int:
        with self.db() as session:
            return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


@pytest.fixture
def desk(tmp_path: Path, dovecot: Dovecot) -> Iterator[Desk]:
    dovecot.users["alice"] = IMAP_PASSWORD
    dovecot.write_config()  # Dovecot reads its passwd file again when it changes
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with make_sessionmaker(engine)() as session:
        admin.create_user(session, "root", PASSWORD, Role.ADMIN)
        session.commit()
    server = start_server(
        url,
        run_channels=True,
        channel_refresh_s=0.2,
        email_idle_s=0.5,
        channel_retry_s=0.2,
        dispatch_interval_s=0.2,
        dispatch_retry_s=0.1,
        dispatch_max_attempts=2,
    )
    responses: list[str] = []
    root = login(server.url, "root")
    # Every answer the API gives in these tests is kept, to look for secrets in them.
    root.event_hooks["response"].append(lambda r: responses.append(r.read().decode("utf-8", "replace")))
    try:
        yield Desk(server, make_sessionmaker(make_engine(url, for_writes=False)), root, responses)
    finally:
        root.close()
        server.stop()
        engine.dispose()


def email_settings(dovecot: Dovecot, smtp_port: int, **extra: Any) -> dict[str, Any]:
    return {
        "imap_host": dovecot.host,
        "imap_port": dovecot.port,
        "imap_tls": "none",
        "imap_user": "alice",
        "smtp_host": "127.0.0.1",
        "smtp_port": smtp_port,
        "smtp_tls": "none",
        "smtp_user": "agent",
        "from_address": "Ayuda@Acme.es",
        "from_name": "Acme Ayuda",
        "message_id_domain": "mail.acme.es",
        **extra,
    }


def create_queue(desk: Desk, name: str, settings: dict[str, Any], secrets: dict[str, str]) -> int:
    response = desk.root.post(
        "/api/v1/admin/queues", json={"name": name, "channel": "email", "settings": settings, "secrets": secrets}
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["secrets"] == dict.fromkeys(secrets, "set")
    return body["id"]


def started(desk: Desk, queue_id: int) -> dict[str, Any]:
    """Wait until the queue's worker has connected and taken its starting position."""
    return wait_for(
        "the queue to start fetching",
        lambda: (h := desk.health(queue_id))["status"] == "ok" and "last_uid" in h["position"] and h,
    )


def mail(n: str, *, subject: str = "Pedido 77", extra: str = "", body: str = "Hola, ¿dónde está mi pedido?") -> bytes:
    return (
        f"From: Núria Puig <Nuria.Puig@Example.cat>\r\nTo: ayuda@acme.es\r\nSubject: {subject}\r\n"
        f"Message-ID: <{n}@example.cat>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\n{extra}"
        f"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n"
    ).encode()


def test_round_trip_threads_both_ways_and_survives_a_restart(desk, dovecot, smtp_server: SmtpServer):
    dovecot.deliver("alice", mail("old"))  # before the queue exists: a new queue starts from now
    queue_id = create_queue(
        desk,
        "Ayuda",
        email_settings(dovecot, smtp_server.port),
        {"imap_password": IMAP_PASSWORD, "smtp_password": smtp_server.secret},
    )
    started(desk, queue_id)
    dovecot.deliver("alice", mail("c1"))
    first = wait_for("the customer's mail", lambda: desk.message("<c1@example.cat>"))
    assert first.queue_id == queue_id and first.direction == "inbound"
    assert first.meta["from"]["address"] == "nuria.puig@example.cat"
    assert first.meta["new_text"].startswith("Hola, ¿dónde está mi pedido?")
    assert first.meta["raw_id"] and first.meta["warnings"] == []
    assert desk.message("<old@example.cat>") is None

    # A restart neither fetches the stored mail again nor misses what came meanwhile.
    desk.server.stop()
    dovecot.deliver("alice", mail("c-while-down", subject="Otra cosa"))
    desk.server.start()
    wait_for("the mail that came while the server was down", lambda: desk.message("<c-while-down@example.cat>"))
    assert desk.count(m.Message, m.Message.external_id == "<c1@example.cat>") == 1
    assert desk.count(m.InboundRaw) == 2

    reply = desk.root.post(
        f"/api/v1/conversations/{first.conversation_id}/messages",
        json={"text": "Hola Núria, sale hoy.", "cc": ["jefa@acme.es"]},
    )
    assert reply.status_code == 201, reply.text
    sent = wait_for(
        "the reply to be sent", lambda: (x := desk.message_by_id(reply.json()["id"])).delivery_status == "sent" and x
    )
    received = wait_for("the SMTP server to receive the reply", lambda: smtp_server.received)
    assert sorted(received[0].rcpt_tos) == ["jefa@acme.es", "nuria.puig@example.cat"]
    out = email.message_from_bytes(received[0].content, policy=email.policy.default)
    assert out["Message-ID"] == sent.external_id and sent.external_id.endswith("@mail.acme.es>")
    assert out["In-Reply-To"] == "<c1@example.cat>"
    assert out["References"].split() == ["<c1@example.cat>"]
    assert out["Subject"] == "Re: Pedido 77"
    assert out.get_content_type() == "multipart/alternative"

    # The customer's answer to our reply joins the same conversation.
    answer = mail(
        "c2",
        subject="Re: Pedido 77",
        extra=f"In-Reply-To: {sent.external_id}\r\nReferences: <c1@example.cat> {sent.external_id}\r\n",
        body="¡Gracias!\r\n\r\nEl lunes, Acme Ayuda escribió:\r\n> Hola Núria, sale hoy.\r\n",
    )
    dovecot.deliver("alice", answer)
    threaded = wait_for("the customer's answer", lambda: desk.message("<c2@example.cat>"))
    assert threaded.conversation_id == first.conversation_id
    assert threaded.meta["new_text"].strip() == "¡Gracias!"
    assert "Hola Núria, sale hoy." in threaded.meta["quoted"]

    assert_no_secrets(desk, [IMAP_PASSWORD, smtp_server.secret])


def test_a_changed_uidvalidity_fetches_the_folder_again_without_duplicates(desk, dovecot, smtp_server):
    queue_id = create_queue(desk, "Ayuda", email_settings(dovecot, smtp_server.port), {"imap_password": IMAP_PASSWORD})
    started(desk, queue_id)
    dovecot.deliver("alice", mail("v1"))
    wait_for("the first mail", lambda: desk.message("<v1@example.cat>"))
    desk.server.stop()
    dovecot.set_uidvalidity("alice", 4242)  # a restored backup: the saved UIDs mean nothing now
    dovecot.deliver("alice", mail("v2"))
    desk.server.start()
    wait_for("the mail after the change", lambda: desk.message("<v2@example.cat>"))
    assert desk.health(queue_id)["position"]["uidvalidity"] == 4242
    assert desk.count(m.Message, m.Message.external_id == "<v1@example.cat>") == 1
    assert desk.count(m.InboundRaw) == 2


def test_wrong_password_shows_in_health_and_a_fix_resumes_without_losing_mail(desk, dovecot, smtp_server):
    queue_id = create_queue(desk, "Ayuda", email_settings(dovecot, smtp_server.port), {"imap_password": IMAP_PASSWORD})
    started(desk, queue_id)
    patch = desk.root.patch(f"/api/v1/admin/queues/{queue_id}", json={"secrets": {"imap_password": "wrong"}})
    assert patch.status_code == 200 and patch.json()["secrets"] == {"imap_password": "set"}
    failing = wait_for("an authentication error", lambda: (h := desk.health(queue_id))["status"] == "error" and h)
    assert "rejected the login of 'alice'" in failing["message"]

    dovecot.deliver("alice", mail("during-outage"))
    desk.root.patch(f"/api/v1/admin/queues/{queue_id}", json={"secrets": {"imap_password": IMAP_PASSWORD}})
    wait_for("the mail that waited", lambda: desk.message("<during-outage@example.cat>"))
    assert desk.health(queue_id)["status"] == "ok"
    assert_no_secrets(desk, [IMAP_PASSWORD, "wrong"])


def test_a_server_down_then_back_resumes(desk, dovecot, smtp_server):
    queue_id = create_queue(desk, "Ayuda", email_settings(dovecot, smtp_server.port), {"imap_password": IMAP_PASSWORD})
    started(desk, queue_id)
    dovecot.stop()
    down = wait_for("a connection error", lambda: (h := desk.health(queue_id))["status"] == "error" and h)
    assert f"{dovecot.host}:{dovecot.port}" in down["message"]
    dovecot.start()
    dovecot.deliver("alice", mail("after-outage"))
    wait_for("the mail after the outage", lambda: desk.message("<after-outage@example.cat>"))
    assert desk.health(queue_id)["status"] == "ok"


def test_bad_mail_is_kept_with_a_warning_and_never_blocks_the_next(desk, dovecot, smtp_server):
    queue_id = create_queue(
        desk,
        "Ayuda",
        email_settings(dovecot, smtp_server.port, max_attachment_bytes=2000),
        {"imap_password": IMAP_PASSWORD},
    )
    started(desk, queue_id)
    huge = (
        "From: cliente@example.com\r\nTo: ayuda@acme.es\r\nSubject: Factura\r\nMessage-ID: <huge@example.com>\r\n"
        'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        "Content-Type: text/plain\r\n\r\nAdjunto la factura.\r\n--b\r\n"
        'Content-Type: application/pdf\r\nContent-Disposition: attachment; filename="factura.pdf"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n" + "QUJD" * 2000 + "\r\n--b\r\n"
        'Content-Type: text/csv\r\nContent-Disposition: attachment; filename="lineas.csv"\r\n\r\na;b\r\n--b--\r\n'
    ).encode()
    garbage = b"\xff\xfe not a mail at all \r\n\r\n\xff"
    dovecot.deliver("alice", huge)
    dovecot.deliver("alice", garbage)
    dovecot.deliver("alice", mail("behind"))
    wait_for("the good mail behind the bad ones", lambda: desk.message("<behind@example.cat>"))

    stored = desk.message("<huge@example.com>")
    pdf, csv = stored.attachments
    assert (pdf["name"], pdf["size"], pdf["file_id"]) == ("factura.pdf", 6000, None)
    assert "larger than" in pdf["note"]
    assert csv["name"] == "lineas.csv" and csv["file_id"] is not None
    with desk.db() as session:
        assert session.get(m.StoredFile, csv["file_id"]).content == b"a;b"
    assert any("factura.pdf" in w for w in stored.meta["warnings"])

    with desk.db() as session:
        unreadable = session.scalars(
            select(m.Message).where(m.Message.queue_id == queue_id, m.Message.external_id.like("<raw-%"))
        ).one()
        raw = session.get(m.InboundRaw, unreadable.meta["raw_id"])
        assert raw.raw.replace(b"\r\n", b"\n") == garbage.replace(b"\r\n", b"\n")
    assert unreadable.meta["warnings"]

    notices = desk.health(queue_id)["notices"]
    assert any("factura.pdf" in n["message"] for n in notices)
    assert any(n["raw_id"] == unreadable.meta["raw_id"] for n in notices)


def test_smtp_down_fails_the_reply_with_the_reason(desk, dovecot):
    closed_port = free_port()
    queue_id = create_queue(desk, "Ayuda", email_settings(dovecot, closed_port), {"imap_password": IMAP_PASSWORD})
    started(desk, queue_id)
    dovecot.deliver("alice", mail("needs-answer"))
    inbound = wait_for("the customer's mail", lambda: desk.message("<needs-answer@example.cat>"))
    reply = desk.root.post(f"/api/v1/conversations/{inbound.conversation_id}/messages", json={"text": "Hola"})
    assert reply.status_code == 201
    failed = wait_for(
        "the reply to fail", lambda: (x := desk.message_by_id(reply.json()["id"])).delivery_status == "failed" and x
    )
    assert f"127.0.0.1:{closed_port} refused the connection" in failed.delivery_error
    assert failed.meta["delivery"]["attempts"] == 2


def test_queue_administration_is_for_admins(desk, dovecot):
    with desk.db() as session:
        admin.create_user(session, "sue", PASSWORD, Role.SUPERVISOR)
        admin.create_user(session, "ana", PASSWORD, Role.AGENT)
        session.commit()
    settings = email_settings(dovecot, 25)
    queue_id = create_queue(desk, "Ayuda", settings, {"imap_password": IMAP_PASSWORD})
    sue, ana = login(desk.server.url, "sue"), login(desk.server.url, "ana")
    try:
        assert sue.get(f"/api/v1/admin/queues/{queue_id}").json()["secrets"] == {"imap_password": "set"}
        assert sue.patch(f"/api/v1/admin/queues/{queue_id}", json={"name": "x"}).status_code == 403
        assert ana.get("/api/v1/admin/queues").status_code == 403
        assert ana.get(f"/api/v1/queues/{queue_id}/health").status_code == 403
    finally:
        sue.close()
        ana.close()
    bad = desk.root.post(
        "/api/v1/admin/queues",
        json={
            "name": "Rota",
            "channel": "email",
            "settings": {**settings, "imap_port": "x"},
            "secrets": {"imap_password": IMAP_PASSWORD},
        },
    )
    assert bad.status_code == 422 and "imap_port" in bad.json()["detail"]
    unknown = desk.root.patch(f"/api/v1/admin/queues/{queue_id}", json={"secrets": {"api_key": "k"}})
    assert unknown.status_code == 422
    assert_no_secrets(desk, [IMAP_PASSWORD])


def test_files_travel_both_ways_and_only_the_queues_people_read_them(desk, dovecot, smtp_server: SmtpServer):
    with desk.db() as session:
        support, billing = admin.create_team(session, "Support"), admin.create_team(session, "Billing")
        for name, team in (("ana", support), ("bob", billing)):
            admin.set_membership(session, admin.create_user(session, name, PASSWORD, Role.AGENT).id, team.id, True)
        support_id = support.id
        session.commit()
    created = desk.root.post(
        "/api/v1/admin/queues",
        json={
            "name": "Ayuda",
            "channel": "email",
            "team_ids": [support_id],
            "settings": email_settings(dovecot, smtp_server.port),
            "secrets": {"imap_password": IMAP_PASSWORD, "smtp_password": smtp_server.secret},
        },
    )
    assert created.status_code == 201, created.text
    started(desk, created.json()["id"])
    customer = (
        b"From: cliente@example.com\r\nTo: ayuda@acme.es\r\nSubject: Foto del paquete\r\n"
        b"Message-ID: <photo@example.com>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/plain\r\n\r\nLlego roto.\r\n--b\r\n"
        b'Content-Type: image/jpeg\r\nContent-Disposition: attachment; filename="caja.jpg"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRgABAQ==\r\n--b--\r\n"
    )
    dovecot.deliver("alice", customer)
    inbound = wait_for("the customer's mail", lambda: desk.message("<photo@example.com>"))
    [photo] = inbound.attachments
    ana, bob = login(desk.server.url, "ana"), login(desk.server.url, "bob")
    try:
        served = ana.get(f"/api/v1/files/{photo['file_id']}")
        assert served.status_code == 200 and served.headers["content-type"] == "image/jpeg"
        assert served.content == base64.b64decode("/9j/4AAQSkZJRgABAQ==")
        assert bob.get(f"/api/v1/files/{photo['file_id']}").status_code == 404

        pdf, csv = b"%PDF-1.4 albaran " * 50, b"ref;estado\nA-1;enviado\n"
        ids = [
            ana.post("/api/v1/files", files={"file": (name, content, kind)}).json()["id"]
            for name, content, kind in (("albarán 77.pdf", pdf, "application/pdf"), ("estado.csv", csv, "text/csv"))
        ]
        reply = ana.post(
            f"/api/v1/conversations/{inbound.conversation_id}/messages",
            json={"text": "Adjunto el albarán y el estado.", "attachment_ids": ids},
        )
        assert reply.status_code == 201, reply.text
    finally:
        ana.close()
        bob.close()
    done = wait_for(
        "the reply to be sent",
        lambda: (x := desk.message_by_id(reply.json()["id"])).delivery_status in ("sent", "failed") and x,
    )
    assert done.delivery_status == "sent", done.delivery_error
    [received] = wait_for("the SMTP server to receive the reply", lambda: smtp_server.received)
    out = email.message_from_bytes(received.content, policy=email.policy.default)
    assert out.get_content_type() == "multipart/mixed"
    assert plain_text(out).strip() == "Adjunto el albarán y el estado."
    files = [(p.get_filename(), p.get_content_type(), p.get_content()) for p in out.iter_attachments()]
    assert files == [("albarán 77.pdf", "application/pdf", pdf), ("estado.csv", "text/csv", csv.decode())]


def test_a_web_chat_transcript_goes_out_from_the_linked_mailbox(desk, dovecot, smtp_server: SmtpServer):
    email_queue = create_queue(
        desk,
        "Ayuda",
        email_settings(dovecot, smtp_server.port),
        {"imap_password": IMAP_PASSWORD, "smtp_password": smtp_server.secret},
    )
    origin = "https://shop.example"
    chat = desk.root.post(
        "/api/v1/admin/queues",
        json={"name": "Chat", "channel": "webchat", "settings": {"origins": [origin], "email_queue_id": email_queue}},
    )
    assert chat.status_code == 201, chat.text
    socket = f"{desk.server.ws_url}/api/v1/webchat/{chat.json()['id']}/ws"
    with connect(socket, origin=origin, open_timeout=10) as ws:  # type: ignore[arg-type]
        hello(ws)
        send(ws, {"type": "message", "client_id": "c1", "text": "¿Tenéis la talla 42?"})
        frames_until(ws, lambda f: f["type"] == "ack")
        # A new address gets a code first; the code mail goes to an address that is no identity yet.
        send(ws, {"type": "transcript", "email": "Visita@Example.org"})
        assert frames_until(ws, lambda f: f["type"] == "transcript")[-1]["status"] == "awaiting_confirmation"
        [code_mail] = wait_for("the code mail", lambda: smtp_server.received)
        code = email.message_from_bytes(code_mail.content, policy=email.policy.default)
        assert code_mail.rcpt_tos == ("visita@example.org",)
        assert (code["From"], code["To"], code["Subject"]) == (
            "Acme Ayuda <ayuda@acme.es>",
            "visita@example.org",
            "Your confirmation code",
        )
        digits = re.search(r"\b(\d{6})\b", plain_text(code)).group(1)  # type: ignore[union-attr]
        send(ws, {"type": "confirm", "code": digits})
        frames_until(ws, lambda f: f["type"] == "email_confirmed")
    transcript_mail = wait_for("the transcript mail", lambda: smtp_server.received[1:])[0]
    transcript = email.message_from_bytes(transcript_mail.content, policy=email.policy.default)
    assert transcript_mail.rcpt_tos == ("visita@example.org",)
    assert transcript["Subject"] == "Your chat transcript" and transcript["In-Reply-To"] is None
    assert "You: ¿Tenéis la talla 42?" in plain_text(transcript)
    with desk.db() as session:
        notices = session.scalars(select(m.Message).where(m.Message.channel == "email").order_by(m.Message.id)).all()
        assert [(x.meta["purpose"], x.delivery_status, x.meta["to"]) for x in notices] == [
            ("email_confirmation", "sent", "visita@example.org"),
            ("transcript", "sent", "visita@example.org"),
        ]
        assert notices[0].identity_id is None and notices[0].external_id == code["Message-ID"]
        assert notices[1].external_id == transcript["Message-ID"]


def plain_text(mail: email.message.EmailMessage) -> str:
    part = mail.get_body(preferencelist=("plain",))
    assert part is not None, mail
    return part.get_content()


def assert_no_secrets(desk: Desk, secrets: list[str]) -> None:
    feed: list[str] = []
    snapshot: str | None = None
    while True:
        page = desk.root.get("/api/v1/sync", params={"since": 0, **({"snapshot": snapshot} if snapshot else {})})
        feed.append(page.text)
        snapshot = page.json()["next"]
        if not snapshot:
            break
    since = 0
    while True:
        page = desk.root.get("/api/v1/sync", params={"since": max(since, 1), "limit": 1000})
        feed.append(page.text)
        body = page.json()
        since = body["cursor"]
        if not body["has_more"]:
            break
    desk.get("/api/v1/admin/queues")
    for text in [*feed, *desk.responses]:
        for secret in secrets:
            assert secret not in text
