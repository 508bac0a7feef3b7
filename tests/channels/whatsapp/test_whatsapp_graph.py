"""The Graph API client against the strict stand-in, over real HTTP on loopback."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI, Request

from agentdesk.server.channels.whatsapp import simulate
from agentdesk.server.channels.whatsapp.errors import GraphError, GraphUnavailable, MediaTooLarge
from agentdesk.server.channels.whatsapp.graph import GraphClient, media_message
from agentdesk.server.channels.whatsapp.payload import parse_webhook
from agentdesk.server.channels.whatsapp.signature import verify_signature
from agentdesk.server.channels.whatsapp.standin import GraphStandIn, free_port, serve

TOKEN = "EAAG-test-token"
NUMBER = "106540352242922"


@pytest.fixture(scope="module")
def standin() -> Iterator[GraphStandIn]:
    fake = GraphStandIn(
        access_token=TOKEN,
        phone_number_id=NUMBER,
        templates={"order_update": {"es": 2, "en_US": 2}, "hello_world": {"en_US": 0}},
    )
    with fake.running():
        yield fake


@asynccontextmanager
async def graph(
    standin: GraphStandIn, *, token: str = TOKEN, base_url: str | None = None, number: str = NUMBER
) -> AsyncIterator[GraphClient]:
    async with httpx.AsyncClient(timeout=10) as http:
        yield GraphClient(
            http,
            access_token=token,
            phone_number_id=number,
            base_url=base_url or standin.base_url,
            version=standin.version,
        )


def _customer(standin: GraphStandIn, wa_id: str, hours_ago: float) -> str:
    standin.customer_wrote(wa_id, datetime.now(UTC) - timedelta(hours=hours_ago))
    return wa_id


@pytest.mark.asyncio
async def test_text_inside_the_window_is_sent(standin):
    to = _customer(standin, "34600000001", hours_ago=1)
    async with graph(standin) as client:
        sent = await client.send_text("+" + to, "Hola Núria, ya lo miro", preview_url=True, reply_to="wamid.in1")
    assert sent.wamid.startswith("wamid.") and sent.wa_id == to
    accepted = standin.accepted[-1]
    assert accepted == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        "type": "text",
        "text": {"body": "Hola Núria, ya lo miro", "preview_url": True},
        "context": {"message_id": "wamid.in1"},
        "id": sent.wamid,
    }
    request = standin.received[-1]
    assert (request.method, request.path, request.authorization) == (
        "POST",
        f"/v21.0/{NUMBER}/messages",
        f"Bearer {TOKEN}",
    )


@pytest.mark.asyncio
async def test_text_outside_the_window_gets_metas_re_engagement_error(standin):
    to = _customer(standin, "34600000002", hours_ago=25)
    async with graph(standin) as client:
        with pytest.raises(GraphError) as refused:
            await client.send_text(to, "¿Sigue ahí?")
    error = refused.value
    assert (error.code, error.title, error.http_status) == (131047, "Re-engagement message", 400)
    assert not error.retryable
    assert error.details is not None and "more than 24 hours" in error.details
    assert error.fbtrace_id
    assert "Re-engagement message (error 131047)" in str(error)


@pytest.mark.asyncio
async def test_text_to_someone_who_never_wrote_is_refused(standin):
    async with graph(standin) as client:
        with pytest.raises(GraphError) as refused:
            await client.send_text("34600000099", "Hello")
    assert refused.value.code == 131047


@pytest.mark.asyncio
async def test_template_goes_through_outside_the_window(standin):
    to = _customer(standin, "34600000003", hours_ago=72)
    async with graph(standin) as client:
        sent = await client.send_template(to, "order_update", "es", ["Núria", "A-1042"])
    assert sent.message_status == "accepted"
    assert standin.accepted[-1]["template"] == {
        "name": "order_update",
        "language": {"code": "es"},
        "components": [
            {"type": "body", "parameters": [{"type": "text", "text": "Núria"}, {"type": "text", "text": "A-1042"}]}
        ],
    }


@pytest.mark.asyncio
async def test_template_without_parameters(standin):
    async with graph(standin) as client:
        sent = await client.send_template("34600000004", "hello_world", "en_US")
    assert "components" not in standin.accepted[-1]["template"] and sent.wamid


@pytest.mark.parametrize(
    ("name", "language", "params", "code", "title"),
    [
        ("no_such_template", "es", [], 132001, "Template name does not exist in the translation"),
        ("order_update", "ca", ["a", "b"], 132001, "Template name does not exist in the translation"),
        (
            "order_update",
            "es",
            ["only one"],
            132000,
            "Number of parameters does not match the expected number of params",
        ),
    ],
)
@pytest.mark.asyncio
async def test_template_errors(standin, name, language, params, code, title):
    async with graph(standin) as client:
        with pytest.raises(GraphError) as refused:
            await client.send_template("34600000005", name, language, params)
    assert (refused.value.code, refused.value.title, refused.value.retryable) == (code, title, False)


@pytest.mark.asyncio
async def test_a_bad_token_is_refused_with_190(standin):
    async with graph(standin, token="EAAG-stolen") as client:
        with pytest.raises(GraphError) as refused:
            await client.send_template("34600000006", "hello_world", "en_US")
    assert (refused.value.code, refused.value.http_status) == (190, 401)
    assert refused.value.title == "Invalid OAuth access token - Cannot parse access token"


@pytest.mark.asyncio
async def test_a_wrong_phone_number_id_is_refused(standin):
    async with graph(standin, number="999") as client:
        with pytest.raises(GraphError) as refused:
            await client.send_template("34600000006", "hello_world", "en_US")
    assert (refused.value.code, refused.value.subcode) == (100, 33)


@pytest.mark.asyncio
async def test_media_by_link_and_by_id(standin):
    to = _customer(standin, "34600000007", hours_ago=3)
    media_id = standin.add_media(b"%PDF-1.7 invoice", "application/pdf")
    async with graph(standin) as client:
        await client.send_media(to, "image", link="https://example.com/map.png", caption="Nuestra tienda")
        await client.send_media(to, "document", media_id=media_id, caption="Factura", filename="factura.pdf")
        await client.send_media(to, "audio", link="https://example.com/note.ogg")
    assert [m["type"] for m in standin.accepted[-3:]] == ["image", "document", "audio"]
    assert standin.accepted[-3]["image"] == {"link": "https://example.com/map.png", "caption": "Nuestra tienda"}
    assert standin.accepted[-2]["document"] == {"id": media_id, "caption": "Factura", "filename": "factura.pdf"}


@pytest.mark.asyncio
async def test_an_uploaded_file_can_be_sent_by_its_id(standin):
    to = _customer(standin, "34600000016", hours_ago=3)
    content = b"%PDF-1.7\r\n\x00\xff binary"
    async with graph(standin) as client:
        media_id = await client.upload_media(content, "application/pdf", "presupuesto.pdf")
        await client.send_media(to, "document", media_id=media_id, filename="presupuesto.pdf")
        info, data = await client.download_media(media_id)
    assert data == content and info.mime_type == "application/pdf"
    assert standin.accepted[-1]["document"] == {"id": media_id, "filename": "presupuesto.pdf"}


@pytest.mark.asyncio
async def test_media_with_an_unknown_id_is_refused(standin):
    to = _customer(standin, "34600000008", hours_ago=3)
    async with graph(standin) as client:
        with pytest.raises(GraphError) as refused:
            await client.send_media(to, "video", media_id="404")
    assert refused.value.code == 100 and refused.value.details == "Param video['id'] is not a valid media id"


def test_media_messages_are_checked_before_sending():
    with pytest.raises(ValueError, match="exactly one"):
        media_message("34600000009", "image", link="https://x.test/a.png", media_id="1")
    with pytest.raises(ValueError, match="caption"):
        media_message("34600000009", "sticker", media_id="1", caption="no")
    with pytest.raises(ValueError, match="file name"):
        media_message("34600000009", "image", media_id="1", filename="a.png")


@pytest.mark.asyncio
async def test_unknown_fields_get_metas_error_100(standin):
    to = _customer(standin, "34600000010", hours_ago=1)
    async with graph(standin) as client:
        message = {"messaging_product": "whatsapp", "to": to, "type": "text", "text": {"body": "hi", "bold": True}}
        with pytest.raises(GraphError) as refused:
            await client.send(message)
        assert (refused.value.code, refused.value.details) == (100, "Param text['bold'] is not a valid parameter")
        with pytest.raises(GraphError, match="messaging_product is required"):
            await client.send({"to": to, "type": "text", "text": {"body": "hi"}})


@pytest.mark.asyncio
async def test_mark_as_read(standin):
    async with graph(standin) as client:
        await client.mark_read("wamid.customer1")
    assert standin.received[-1].body == {
        "messaging_product": "whatsapp",
        "status": "read",
        "message_id": "wamid.customer1",
    }


@pytest.mark.asyncio
async def test_media_download_with_the_bearer_token(standin):
    content = bytes(range(256)) * 40
    media_id = standin.add_media(content, "image/jpeg")
    async with graph(standin) as client:
        info, data = await client.download_media(media_id)
    assert data == content
    assert (info.id, info.mime_type, info.file_size) == (media_id, "image/jpeg", len(content))
    assert info.sha256 == hashlib.sha256(content).hexdigest()
    download = standin.received[-1]
    assert download.path == "/whatsapp_business/attachments/" and download.authorization == f"Bearer {TOKEN}"


@pytest.mark.asyncio
async def test_media_download_refuses_files_over_the_limit(standin):
    media_id = standin.add_media(b"x" * 2048, "video/mp4")
    async with graph(standin) as client:
        with pytest.raises(MediaTooLarge, match="2048 bytes"):
            await client.download_media(media_id, max_bytes=1024)


@pytest.mark.asyncio
async def test_unknown_media_is_a_graph_error(standin):
    async with graph(standin) as client:
        with pytest.raises(GraphError) as refused:
            await client.media_info("123")
    assert (refused.value.code, refused.value.subcode) == (100, 33)


@pytest.mark.asyncio
async def test_network_down_is_a_retryable_error_that_never_reached_meta(standin):
    async with graph(standin, base_url=f"http://127.0.0.1:{free_port()}") as client:
        with pytest.raises(GraphUnavailable) as down:
            await client.send_template("34600000011", "hello_world", "en_US")
    assert down.value.retryable and not down.value.maybe_sent
    assert "could not be reached: ConnectError" in str(down.value)


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (502, b"<html>Bad gateway</html>", GraphUnavailable),
        (500, b'{"error": {"message": "(#131016) Service unavailable", "code": 131016}}', GraphError),
        (400, b"not json", GraphError),
    ],
)
@pytest.mark.asyncio
async def test_answers_that_are_not_metas_errors(status, body, expected):
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=body))
    async with httpx.AsyncClient(transport=transport) as http:
        client = GraphClient(http, access_token=TOKEN, phone_number_id=NUMBER)
        with pytest.raises(expected) as failed:
            await client.send_template("34600000012", "hello_world", "en_US")
    assert failed.value.retryable is (status >= 500)


@pytest.mark.asyncio
async def test_a_lost_answer_may_have_been_sent():
    def drop(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("no answer", request=request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(drop)) as http:
        client = GraphClient(http, access_token=TOKEN, phone_number_id=NUMBER)
        with pytest.raises(GraphUnavailable) as lost:
            await client.send_text("34600000013", "hola")
    assert lost.value.retryable and lost.value.maybe_sent


def test_the_stand_in_answers_in_metas_shape(standin):
    to = _customer(standin, "34600000014", hours_ago=1)
    answer = httpx.post(
        f"{standin.base_url}/v21.0/{NUMBER}/messages",
        headers={"Authorization": f"Bearer {TOKEN}"},
        json={"messaging_product": "whatsapp", "to": "+" + to, "type": "text", "text": {"body": "hi"}},
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["messaging_product"] == "whatsapp"
    assert body["contacts"] == [{"input": "+" + to, "wa_id": to}]
    assert [set(m) for m in body["messages"]] == [{"id"}] and body["messages"][0]["id"].startswith("wamid.")


def test_the_stand_in_refuses_a_wrong_version(standin):
    answer = httpx.post(
        f"{standin.base_url}/v1.0/{NUMBER}/messages",
        headers={"Authorization": f"Bearer {TOKEN}"},
        json={"messaging_product": "whatsapp"},
    )
    assert answer.status_code == 400 and answer.json()["error"]["code"] == 100


def test_the_stand_in_delivers_signed_status_webhooks(standin):
    received: list[tuple[bytes, str | None]] = []
    receiver = FastAPI()

    @receiver.post("/webhook")
    async def webhook(request: Request) -> dict[str, bool]:
        received.append((await request.body(), request.headers.get("x-hub-signature-256")))
        return {"ok": True}

    with serve(receiver) as url:
        payload = simulate.status_update(
            phone_number_id=NUMBER,
            wamid="wamid.out1",
            recipient_wa_id="34600000015",
            status="delivered",
            at=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
        )
        assert standin.deliver(f"{url}/webhook", payload, "s3cret").status_code == 200
    [(body, signature)] = received
    verify_signature(body, signature, "s3cret")
    [status] = parse_webhook(body).statuses
    assert (status.wamid, status.recipient_phone, status.status) == ("wamid.out1", "+34600000015", "delivered")
