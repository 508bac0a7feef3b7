"""The WhatsApp channel end to end: a live AgentDesk server, the Graph API stand-in on loopback,
and webhook deliveries signed like Meta signs them."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from agentdesk.domain.enums import Role
from agentdesk.server.channels.whatsapp import simulate
from agentdesk.server.channels.whatsapp.payload import parse_webhook
from agentdesk.server.channels.whatsapp.signature import SIGNATURE_HEADER, sign
from agentdesk.server.channels.whatsapp.standin import GraphStandIn
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.services import admin
from tests.support.live_server import LiveServer, start_server
from tests.support.whatsapp_world import whatsapp_world
from tests.support.world import PASSWORD, World, login

SECRET = "app-secret-for-tests"
VERIFY = "verify-me"
TOKEN = "EAAG-server-test-token"
NUMBER = "106540352242922"
MARTA = "34611222333"


@dataclass
class Env:
    server: LiveServer
    world: World
    standin: GraphStandIn
    sessions: sessionmaker[Session]

    @property
    def hook(self) -> str:
        return f"{self.server.url}/api/v1/webhooks/whatsapp/{self.world.queues['support_whatsapp']}"

    def deliver(self, payload: dict[str, Any]) -> httpx.Response:
        return self.standin.deliver(self.hook, payload, SECRET)

    def raw_rows(self) -> int:
        with self.sessions() as session:
            return session.scalar(select(func.count()).select_from(m.InboundRaw)) or 0

    def message(self, wamid: str) -> m.Message:
        with self.sessions() as session:
            found = session.scalars(select(m.Message).where(m.Message.external_id == wamid)).all()
            assert len(found) == 1, found
            return found[0]

    def message_by_id(self, message_id: int) -> m.Message:
        with self.sessions() as session:
            message = session.get(m.Message, message_id)
            assert message is not None
            return message

    def retry_round(self) -> int:
        # The server's own retry worker, run now instead of at its next tick.
        channel = self.server.server.config.app.state.whatsapp  # type: ignore[union-attr]
        return asyncio.run_coroutine_threadsafe(channel.retry_round(), channel.loop).result(timeout=20)


@pytest.fixture(scope="module")
def standin() -> Iterator[GraphStandIn]:
    fake = GraphStandIn(
        access_token=TOKEN, phone_number_id=NUMBER, templates={"order_update": {"es": 2}, "hello_world": {"en_US": 0}}
    )
    with fake.running():
        yield fake


@pytest.fixture
def env(world_template: tuple[Path, World], standin: GraphStandIn, tmp_path: Path) -> Iterator[Env]:
    url, world = whatsapp_world(
        world_template, standin, tmp_path, access_token=TOKEN, app_secret=SECRET, verify_token=VERIFY
    )
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    server = start_server(url, run_channels=True, dispatch_interval_s=0.05, dispatch_retry_s=0.1)
    try:
        yield Env(server, world, standin, sessions)
    finally:
        server.stop()
        engine.dispose()


def wait_for(what: str, check: Callable[[], Any], timeout: float = 10) -> Any:
    """Poll until `check()` is truthy: the server works after it answered (dispatch, files)."""
    deadline = time.monotonic() + timeout
    while not (result := check()):
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)
    return result


def inbound(text: str, wamid: str, *, at: datetime | None = None, wa_id: str = MARTA) -> dict[str, Any]:
    return simulate.inbound_text(
        phone_number_id=NUMBER,
        from_wa_id=wa_id,
        wamid=wamid,
        text=text,
        at=at or datetime.now(UTC),
        profile_name="Marta Vidal",
    )


def status(wamid: str, state: str, **kw: Any) -> dict[str, Any]:
    return simulate.status_update(
        phone_number_id=NUMBER, wamid=wamid, recipient_wa_id=MARTA, status=state, at=datetime.now(UTC), **kw
    )


def test_handshake_echoes_the_challenge_only_for_the_queue_token(env):
    params = {"hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "1158201444"}
    ok = httpx.get(env.hook, params=params)
    assert (ok.status_code, ok.text) == (200, "1158201444")
    wrong = httpx.get(env.hook, params=params | {"hub.verify_token": "guess"})
    assert wrong.status_code == 403
    assert "verify token" in wrong.json()["detail"]
    other = httpx.get(f"{env.server.url}/api/v1/webhooks/whatsapp/{env.world.queues['support_email']}", params=params)
    assert other.status_code == 404


def test_a_signed_message_becomes_a_conversation_once_however_often_meta_sends_it(env):
    response = env.deliver(inbound("Hola, on és la meva comanda?", "wamid.marta1"))
    assert response.status_code == 200, response.text
    assert response.json() | {"id": 0} == {
        "id": 0,
        "status": "processed",
        "reason": None,
        "messages": 1,
        "duplicates": 0,
        "statuses": 0,
        "media_pending": 0,
    }
    message = env.message("wamid.marta1")
    assert (message.direction, message.channel, message.text) == ("inbound", "whatsapp", "Hola, on és la meva comanda?")
    assert message.meta["whatsapp"]["type"] == "text"

    sue = login(env.server.url, "sue")
    conversation = sue.get(f"/api/v1/conversations/{message.conversation_id}").json()
    closes = datetime.fromisoformat(conversation["whatsapp_window_closes_at"])
    assert closes - message.created_at == timedelta(hours=24)
    contact = sue.get(f"/api/v1/contacts/{conversation['contact_id']}").json()
    assert contact["name"] == "Marta Vidal"
    assert [(i["kind"], i["address"]) for i in contact["identities"]] == [("phone", "+34611222333")]

    again = env.deliver(inbound("Hola, on és la meva comanda?", "wamid.marta1"))
    assert again.json()["duplicates"] == 1 and again.json()["messages"] == 0
    env.message("wamid.marta1")  # still exactly one
    with env.sessions() as session:
        rows = session.scalars(select(m.InboundRaw).order_by(m.InboundRaw.id)).all()
        assert [(r.status, r.channel) for r in rows] == [("processed", "whatsapp")] * 2


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, 401),
        ({SIGNATURE_HEADER: "sha256=" + "0" * 64}, 403),
        ({SIGNATURE_HEADER: sign(b"another body", SECRET)}, 403),
        ({SIGNATURE_HEADER: "md5=abc"}, 403),
    ],
)
def test_unsigned_or_wrongly_signed_posts_are_refused_and_nothing_is_stored(env, headers, code):
    body = json.dumps(inbound("forged", "wamid.forged")).encode()
    response = httpx.post(env.hook, content=body, headers={"Content-Type": "application/json", **headers})
    assert response.status_code == code
    assert SIGNATURE_HEADER in response.json()["detail"]
    assert env.raw_rows() == 0


def test_signed_nonsense_is_kept_and_refused_with_the_reason(env):
    body = b'{"object": "whatsapp_business_account", "entry": ['
    response = httpx.post(env.hook, content=body, headers={SIGNATURE_HEADER: sign(body, SECRET)})
    assert response.status_code == 200
    assert response.json()["status"] == "refused"
    assert "not JSON" in response.json()["reason"]
    with env.sessions() as session:
        row = session.scalars(select(m.InboundRaw)).one()
        assert (row.raw, row.status) == (body, "refused")
        assert "not JSON" in (row.error or "")


def test_a_reply_inside_the_window_is_sent_in_context_and_statuses_arrive_in_any_order(env):
    now = datetime.now(UTC)
    env.standin.customer_wrote(MARTA, now)
    env.deliver(inbound("Em podeu ajudar?", "wamid.marta-ask", at=now))
    asked = env.message("wamid.marta-ask")
    ana = login(env.server.url, "ana")
    reply = ana.post(
        f"/api/v1/conversations/{asked.conversation_id}/messages",
        json={"text": "Sí, ara ho miro", "in_reply_to_id": asked.id},
    )
    assert reply.status_code == 201, reply.text
    reply_id = reply.json()["id"]

    def sent() -> dict[str, Any] | None:
        message = ana.get(f"/api/v1/conversations/{asked.conversation_id}").json()["messages"][-1]
        return message if message["id"] == reply_id and message["delivery_status"] == "sent" else None

    message = wait_for("the reply to be sent", sent)
    accepted = next(a for a in env.standin.accepted if a["id"] == message["external_id"])
    assert accepted == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": MARTA,
        "type": "text",
        "text": {"body": "Sí, ara ho miro", "preview_url": False},
        "context": {"message_id": "wamid.marta-ask"},
        "id": message["external_id"],
    }
    assert env.deliver(status(message["external_id"], "read")).json()["statuses"] == 1
    assert env.deliver(status(message["external_id"], "delivered")).json()["statuses"] == 1
    assert env.message(message["external_id"]).delivery_status == "read"


def test_outside_the_window_free_form_is_refused_at_once_and_templates_go(env):
    joan = env.world.conversations["joan_whatsapp"]
    ana = login(env.server.url, "ana")
    refused = ana.post(f"/api/v1/conversations/{joan}/messages", json={"text": "Hola Joan"})
    assert refused.status_code == 422
    detail = refused.json()["detail"]
    assert "24-hour WhatsApp customer service window is closed" in detail
    assert "it closed at" in detail and "only an approved template" in detail

    template = {"name": "order_update", "language": "es", "parameters": ["Joan", "1234"]}
    sent = ana.post(f"/api/v1/conversations/{joan}/messages", json={"template": template})
    assert sent.status_code == 201, sent.text
    assert sent.json()["text"] == "template order_update (es): Joan, 1234"
    wamid = wait_for("the template to be sent", lambda: env.message_by_id(sent.json()["id"]).external_id)
    accepted = next(a for a in env.standin.accepted if a["id"] == wamid)
    assert accepted["template"] == {
        "name": "order_update",
        "language": {"code": "es"},
        "components": [
            {"type": "body", "parameters": [{"type": "text", "text": "Joan"}, {"type": "text", "text": "1234"}]}
        ],
    }


def test_a_failed_status_keeps_metas_code_and_title(env):
    joan = env.world.conversations["joan_whatsapp"]
    ana = login(env.server.url, "ana")
    sent = ana.post(
        f"/api/v1/conversations/{joan}/messages", json={"template": {"name": "hello_world", "language": "en_US"}}
    )
    wamid = wait_for("the template to be sent", lambda: env.message_by_id(sent.json()["id"]).external_id)
    error = {
        "code": 131047,
        "title": "Re-engagement message",
        "message": "Re-engagement message",
        "error_data": {"details": "more than 24 hours have passed"},
    }
    payload = simulate.status_update(
        phone_number_id=NUMBER,
        wamid=wamid,
        recipient_wa_id="34699000111",
        status="failed",
        at=datetime.now(UTC),
        errors=[error],
    )
    assert env.deliver(payload).json()["statuses"] == 1
    failed = env.message(wamid)
    assert failed.delivery_status == "failed"
    assert "Re-engagement message (131047)" in (failed.delivery_error or "")


def test_a_graph_refusal_fails_the_send_with_code_and_title(env):
    joan = env.world.conversations["joan_whatsapp"]
    ana = login(env.server.url, "ana")
    sent = ana.post(f"/api/v1/conversations/{joan}/messages", json={"template": {"name": "nope", "language": "es"}})
    assert sent.status_code == 201

    def failed() -> m.Message | None:
        message = env.message_by_id(sent.json()["id"])
        return message if message.delivery_status == "failed" else None

    message = wait_for("the send to fail", failed)
    assert "Template name does not exist in the translation (error 132001)" in (message.delivery_error or "")


def test_a_status_before_its_send_is_recorded_is_applied_on_a_later_round(env):
    early = env.deliver(status("wamid.not-yet", "delivered")).json()
    assert early["statuses"] == 0
    with env.sessions() as session:
        row = session.get(m.InboundRaw, early["id"])
        assert row is not None and row.status == "retry" and "wamid.not-yet" in (row.error or "")
        joan = env.world.conversations["joan_whatsapp"]
        conversation = session.get(m.Conversation, joan)
        assert conversation is not None
        session.add(
            m.Message(
                conversation_id=joan,
                queue_id=conversation.queue_id,
                direction="outbound",
                kind="message",
                channel="whatsapp",
                identity_id=conversation.identity_id,
                text="sent",
                external_id="wamid.not-yet",
                delivery_status="sent",
            )
        )
        session.commit()
    assert env.retry_round() >= 1
    assert env.message("wamid.not-yet").delivery_status == "delivered"
    with env.sessions() as session:
        assert session.get(m.InboundRaw, early["id"]).status == "processed"  # type: ignore[union-attr]


def test_a_customers_photo_is_downloaded_and_served_to_the_queue(env):
    photo = b"\xff\xd8\xff\xe0 not really a jpeg " * 100
    media_id = env.standin.add_media(photo, "image/jpeg")
    payload = inbound("x", "wamid.photo")
    payload["entry"][0]["changes"][0]["value"]["messages"][0] = {
        "from": MARTA,
        "id": "wamid.photo",
        "timestamp": str(int(time.time())),
        "type": "image",
        "image": {"id": media_id, "mime_type": "image/jpeg", "sha256": "x", "caption": "la caixa arribada"},
    }
    answer = env.deliver(payload).json()
    assert answer["media_pending"] == 1

    def stored() -> dict[str, Any] | None:
        attachment = env.message("wamid.photo").attachments[0]
        return attachment if attachment["status"] == "stored" else None

    attachment = wait_for("the photo to be stored", stored)
    assert attachment["size"] == len(photo) and attachment["mime_type"] == "image/jpeg"
    assert env.message("wamid.photo").text == "la caixa arribada"
    ana, bob = login(env.server.url, "ana"), login(env.server.url, "bob")
    served = ana.get(f"/api/v1/whatsapp/files/{attachment['file_id']}")
    assert served.status_code == 200 and served.content == photo
    assert served.headers["content-type"] == "image/jpeg"
    assert bob.get(f"/api/v1/whatsapp/files/{attachment['file_id']}").status_code == 404
    with env.sessions() as session:
        assert session.get(m.InboundRaw, answer["id"]).status == "processed"  # type: ignore[union-attr]


def test_every_corpus_payload_is_taken_or_refused_with_a_reason(env, corpus):
    files = sorted((corpus / "whatsapp").glob("*.json"))
    assert len(files) >= 40
    for path in files:
        response = env.deliver(json.loads(path.read_bytes()))
        assert response.status_code == 200, (path.name, response.text)
        answer = response.json()
        assert answer["status"] in ("processed", "refused", "retry"), (path.name, answer)
        if answer["status"] == "refused":
            assert answer["reason"], path.name
            continue
        # Many samples share one wamid: the first is taken, the others are redeliveries.
        expected = len(parse_webhook(path.read_bytes()).messages)
        assert answer["messages"] + answer["duplicates"] == expected, (path.name, answer)
    with env.sessions() as session:
        rows = session.scalars(select(m.InboundRaw)).all()
        assert len(rows) == len(files)
        assert not [r.error for r in rows if r.status == "failed"]


def test_an_unsupported_message_is_stored_visibly(env, corpus):
    payload = json.loads((corpus / "whatsapp" / "wa_pywa_message_unsupported.json").read_bytes())
    payload["entry"][0]["changes"][0]["value"]["messages"][0]["id"] = "wamid.unsupported"
    assert env.deliver(payload).json()["messages"] == 1
    message = env.message("wamid.unsupported")
    assert message.text == "unsupported message (type unsupported)"
    assert message.meta["whatsapp"]["supported"] is False
    assert message.meta["whatsapp"]["errors"][0]["code"] == 131051


def test_the_queue_shows_its_number_but_never_its_secrets(env):
    sue = login(env.server.url, "sue")
    queue = sue.get(f"/api/v1/admin/queues/{env.world.queues['support_whatsapp']}").json()
    assert queue["settings"]["phone_number_id"] == NUMBER
    assert queue["secrets"] == {"access_token": "set", "app_secret": "set", "verify_token": "set"}
    feed = sue.get("/api/v1/sync", params={"since": 0, "limit": 1000}).text
    for secret in (SECRET, VERIFY, TOKEN):
        assert secret not in json.dumps(queue) and secret not in feed


def test_a_file_reply_goes_by_link_inside_the_window(env):
    now = datetime.now(UTC)
    env.standin.customer_wrote(MARTA, now)
    env.deliver(inbound("Envieu-me la factura", "wamid.marta-invoice", at=now))
    asked = env.message("wamid.marta-invoice")
    ana = login(env.server.url, "ana")
    media = {"kind": "document", "link": "https://example.com/f/1234.pdf", "caption": "Factura", "filename": "1234.pdf"}
    sent = ana.post(f"/api/v1/conversations/{asked.conversation_id}/messages", json={"media": media})
    assert sent.status_code == 201, sent.text
    assert sent.json()["text"] == "Factura"
    wamid = wait_for("the file to be sent", lambda: env.message_by_id(sent.json()["id"]).external_id)
    accepted = next(a for a in env.standin.accepted if a["id"] == wamid)
    assert accepted["document"] == {"link": media["link"], "caption": "Factura", "filename": "1234.pdf"}
    both = ana.post(f"/api/v1/conversations/{asked.conversation_id}/messages", json={"media": media | {"id": "1"}})
    assert both.status_code == 422 and "exactly one of link and id" in both.json()["detail"]


def standin_media(env: Env, media_id: str) -> bytes:
    """A file as Meta holds it, fetched the way Meta serves it: its URL first, then its bytes."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    info = httpx.get(f"{env.standin.base_url}/{env.standin.version}/{media_id}", headers=auth)
    assert info.status_code == 200, info.text
    return httpx.get(info.json()["url"], headers=auth).content


def test_an_uploaded_file_goes_to_meta_and_is_sent_by_its_media_id(env):
    now = datetime.now(UTC)
    env.standin.customer_wrote(MARTA, now)
    env.deliver(inbound("Com va arribar la caixa?", "wamid.marta-box", at=now))
    asked = env.message("wamid.marta-box")
    ana = login(env.server.url, "ana")
    photo, pdf = b"\x89PNG\r\n\x1a\n caixa " * 40, b"%PDF-1.4 pressupost " * 40
    sent = {}
    for name, content, kind, text in (
        ("caixa.png", photo, "image/png", "Així va arribar"),
        ("pressupost 7.pdf", pdf, "application/pdf", ""),
    ):
        file_id = ana.post("/api/v1/files", files={"file": (name, content, kind)}).json()["id"]
        reply = ana.post(
            f"/api/v1/conversations/{asked.conversation_id}/messages", json={"text": text, "attachment_ids": [file_id]}
        )
        assert reply.status_code == 201, reply.text
        sent[name] = wait_for("the file to be sent", lambda r=reply: env.message_by_id(r.json()["id"]).external_id)

    image = next(a for a in env.standin.accepted if a["id"] == sent["caixa.png"])
    assert image["type"] == "image" and image["image"]["caption"] == "Així va arribar"
    assert set(image["image"]) == {"id", "caption"}
    assert standin_media(env, image["image"]["id"]) == photo
    document = next(a for a in env.standin.accepted if a["id"] == sent["pressupost 7.pdf"])
    assert document["type"] == "document"
    assert document["document"] == {"id": document["document"]["id"], "filename": "pressupost 7.pdf"}
    assert standin_media(env, document["document"]["id"]) == pdf
    stored = env.message(sent["caixa.png"]).meta["whatsapp"]["media"]
    assert (stored["kind"], stored["id"]) == ("image", image["image"]["id"])


def test_whatsapp_queue_settings_are_checked_by_the_admin_api(env):
    with env.sessions() as session:
        admin.create_user(session, "root", PASSWORD, Role.ADMIN)
        session.commit()
    root = login(env.server.url, "root")
    bad = root.post(
        "/api/v1/admin/queues",
        json={
            "name": "WhatsApp 2",
            "channel": "whatsapp",
            "settings": {"phone_number_id": "+34 600"},
            "secrets": {"access_token": "t"},
        },
    )
    assert bad.status_code == 422
    detail = bad.json()["detail"]
    assert detail.startswith("WhatsApp settings: ")
    assert "settings.phone_number_id must be Meta's numeric id, as a string" in detail
    assert "secrets.app_secret is required" in detail and "secrets.verify_token is required" in detail
    assert "secrets.access_token is required" not in detail and '"t"' not in detail

    queue = env.world.queues["support_whatsapp"]
    for change, reason in (
        ({"settings": {"graph_base_url": "ftp://graph.example"}}, "settings.graph_base_url must be an http(s) URL"),
        ({"settings": {"colour": "green"}}, "settings.colour is not a WhatsApp setting"),
        ({"secrets": {"app_secret": None}}, "secrets.app_secret is required"),
    ):
        refused = root.patch(f"/api/v1/admin/queues/{queue}", json=change)
        assert refused.status_code == 422 and reason in refused.json()["detail"], refused.text
    # Nothing of the refused changes was kept: the channel still takes Meta's deliveries.
    assert env.deliver(inbound("Encara funciona?", "wamid.after-bad-patch")).json()["messages"] == 1

    bare = root.post("/api/v1/admin/queues", json={"name": "WhatsApp later", "channel": "whatsapp"})
    assert bare.status_code == 201, bare.text
    complete = root.patch(
        f"/api/v1/admin/queues/{bare.json()['id']}",
        json={
            "settings": {"phone_number_id": "106540352242999"},
            "secrets": {"access_token": "a", "app_secret": "b", "verify_token": "c"},
        },
    )
    assert complete.status_code == 200, complete.text
