"""Agents' uploads and file downloads over HTTP: limits, names and types kept, who may read a
file before and after a reply attaches it, idempotent uploads, and what a channel refuses."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import Api, Template, fresh_copy
from tests.support.live_server import start_server

MAX_UPLOAD = 4096
PDF = b"%PDF-1.4 factura 1234 " * 20


@pytest.fixture
def api(template: Template, tmp_path: Path) -> Iterator[Api]:
    url = fresh_copy(template, tmp_path)
    server = start_server(url, max_upload_bytes=MAX_UPLOAD)
    try:
        yield Api(server, template.world, url, template.backend)
    finally:
        server.stop()


def upload(client: httpx.Client, name: str, content: bytes, content_type: str, **headers: str) -> httpx.Response:
    return client.post("/api/v1/files", files={"file": (name, content, content_type)}, headers=headers)


def test_an_upload_is_its_uploaders_until_a_reply_takes_it_to_the_conversations_queue(api):
    ana, sue, bob = api.login("ana"), api.login("sue"), api.login("bob")
    created = upload(ana, "factura 1234 ñ.pdf", PDF, "application/pdf")
    assert created.status_code == 201, created.text
    file = created.json()
    assert (file["name"], file["content_type"], file["size"]) == ("factura 1234 ñ.pdf", "application/pdf", len(PDF))
    assert file["sha256"] == hashlib.sha256(PDF).hexdigest()

    own = ana.get(f"/api/v1/files/{file['id']}")
    assert own.status_code == 200 and own.content == PDF
    assert own.headers["content-type"] == "application/pdf"
    assert own.headers["content-disposition"] == "attachment; filename*=UTF-8''factura%201234%20%C3%B1.pdf"
    # Not attached yet: not even a supervisor, who sees every queue, may read it.
    assert sue.get(f"/api/v1/files/{file['id']}").status_code == 404
    assert bob.get(f"/api/v1/files/{file['id']}").status_code == 404

    conversation = api.world.conversations["nuria_email"]
    reply = ana.post(
        f"/api/v1/conversations/{conversation}/messages",
        json={"text": "Adjunto la factura.", "attachment_ids": [file["id"]]},
    )
    assert reply.status_code == 201, reply.text
    expected = [
        {"file_id": file["id"], "name": "factura 1234 ñ.pdf", "content_type": "application/pdf", "size": len(PDF)}
    ]
    assert reply.json()["attachments"] == expected
    shown = sue.get(f"/api/v1/conversations/{conversation}").json()["messages"][-1]
    assert shown["attachments"] == expected
    assert sue.get(f"/api/v1/files/{file['id']}").content == PDF
    assert bob.get(f"/api/v1/files/{file['id']}").status_code == 404  # billing does not work this queue
    # The generalized route and the WhatsApp one serve the same files.
    assert sue.get(f"/api/v1/whatsapp/files/{file['id']}").content == PDF


def test_a_file_goes_only_where_its_uploader_sends_it(api):
    ana, sue, bob = api.login("ana"), api.login("sue"), api.login("bob")
    anas = upload(ana, "a.txt", b"ana's", "text/plain").json()["id"]
    refused = bob.post(
        f"/api/v1/conversations/{api.world.conversations['john_billing']}/messages",
        json={"text": "x", "attachment_ids": [anas]},
    )
    assert refused.status_code == 422
    assert refused.json()["detail"] == f"file {anas} is not an upload of yours waiting to be sent"

    sues = upload(sue, "b.txt", b"sue's", "text/plain").json()["id"]
    twice = sue.post(
        f"/api/v1/conversations/{api.world.conversations['nuria_email']}/messages",
        json={"text": "x", "attachment_ids": [sues, sues]},
    )
    assert twice.status_code == 422 and "twice" in twice.json()["detail"]
    sent = sue.post(
        f"/api/v1/conversations/{api.world.conversations['nuria_email']}/messages",
        json={"text": "x", "attachment_ids": [sues]},
    )
    assert sent.status_code == 201, sent.text
    # Once sent, a file belongs to that conversation alone: another reply needs an upload of its own.
    for name in ("joan_email", "nuria_billing"):
        again = sue.post(
            f"/api/v1/conversations/{api.world.conversations[name]}/messages",
            json={"text": "x", "attachment_ids": [sues]},
        )
        assert again.status_code == 422 and "waiting to be sent" in again.json()["detail"]
    assert bob.get(f"/api/v1/files/{sues}").status_code == 404
    assert ana.get(f"/api/v1/files/{sues}").status_code == 200
    assert ana.get("/api/v1/files/999999").status_code == 404


def test_upload_limits_names_and_types(api):
    ana = api.login("ana")
    exact = upload(ana, "full.bin", b"x" * MAX_UPLOAD, "application/octet-stream")
    assert exact.status_code == 201, exact.text
    one_more = upload(ana, "big.bin", b"x" * (MAX_UPLOAD + 1), "application/octet-stream")
    assert one_more.status_code == 413
    detail = f"the file is larger than the {MAX_UPLOAD} bytes this server accepts (its max_upload_bytes setting)"
    assert one_more.json()["detail"] == detail
    # Far over the limit, the body is refused before it is read, with the same words.
    huge = upload(ana, "huge.bin", b"x" * (MAX_UPLOAD * 100), "application/octet-stream")
    assert (huge.status_code, huge.json()["detail"]) == (413, detail)
    empty = upload(ana, "empty.txt", b"", "text/plain")
    assert (empty.status_code, empty.json()["detail"]) == (422, "the file is empty")

    cases = [
        ("../../etc/passwd", "Image/PNG", "passwd", "image/png"),
        ("..", "not a type", "file", "application/octet-stream"),
    ]
    for sent_name, sent_type, name, content_type in cases:
        stored = upload(ana, sent_name, b"abc", sent_type).json()
        assert (stored["name"], stored["content_type"]) == (name, content_type)
    # As an old browser sends it: the whole local path, and a control character httpx would escape.
    raw = (
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="C:\\Users\\ana\\nota\x07.txt"\r\n'
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nabc\r\n--b--\r\n"
    )
    posted = ana.post("/api/v1/files", content=raw, headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert (posted.json()["name"], posted.json()["content_type"]) == ("nota.txt", "text/plain")
    with httpx.Client(base_url=api.server.url) as anonymous:
        assert upload(anonymous, "a.txt", b"a", "text/plain").status_code == 401
        assert anonymous.get(f"/api/v1/files/{exact.json()['id']}").status_code == 401


def test_an_upload_replayed_with_its_key_is_stored_once(api):
    ana = api.login("ana")
    first = upload(ana, "a.pdf", PDF, "application/pdf", **{"Idempotency-Key": "up-1"})
    again = upload(ana, "a.pdf", PDF, "application/pdf", **{"Idempotency-Key": "up-1"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    other = upload(ana, "a.pdf", PDF + b"!", "application/pdf", **{"Idempotency-Key": "up-1"})
    assert other.status_code == 422 and "already used" in other.json()["detail"]


def test_whatsapp_takes_one_uploaded_file_with_its_caption(api):
    ana = api.login("ana")
    whatsapp = api.world.conversations["nuria_whatsapp"]
    one, two = (upload(ana, f"{n}.png", b"png", "image/png").json()["id"] for n in "ab")
    both = ana.post(f"/api/v1/conversations/{whatsapp}/messages", json={"attachment_ids": [one, two]})
    assert both.status_code == 422 and "one file per message" in both.json()["detail"]
    template = {"name": "hello_world", "language": "en_US"}
    with_template = ana.post(
        f"/api/v1/conversations/{whatsapp}/messages", json={"attachment_ids": [one], "template": template}
    )
    assert with_template.status_code == 422
    long_caption = ana.post(
        f"/api/v1/conversations/{whatsapp}/messages", json={"text": "x" * 1025, "attachment_ids": [one]}
    )
    assert long_caption.status_code == 422 and "1024 characters" in long_caption.json()["detail"]
    # A refused reply attaches nothing: the file is still the uploader's own to send.
    sent = ana.post(f"/api/v1/conversations/{whatsapp}/messages", json={"attachment_ids": [one]})
    assert sent.status_code == 201, sent.text
    assert sent.json()["text"] == "" and sent.json()["attachments"][0]["file_id"] == one
