"""Bad input gets a 4xx with a message a person can act on, never a 500."""

from __future__ import annotations

import contextlib
import socket

import pytest


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "says"),
    [
        (
            "post",
            "/api/v1/conversations/{c}/notes",
            {"content": b"{bad json", "headers": {"content-type": "application/json"}},
            422,
            "JSON",
        ),
        ("post", "/api/v1/conversations/{c}/notes", {"json": {"text": 12}}, 422, "text"),
        ("post", "/api/v1/conversations/{c}/notes", {"json": {"text": "x", "extra": 1}}, 422, "extra"),
        ("post", "/api/v1/conversations/{c}/notes", {"json": []}, 422, "valid dictionary"),
        ("post", "/api/v1/conversations/{c}/notes", {"json": {"text": ""}}, 422, "text"),
        ("post", "/api/v1/conversations/{c}/status", {"json": {"status": "closed"}}, 422, "status"),
        ("post", "/api/v1/conversations/{c}/snooze", {"json": {"until": "tomorrow"}}, 422, "until"),
        (
            "post",
            "/api/v1/conversations/{c}/assign",
            {"json": {"assignee_id": 999999}},
            404,
            "user 999999 does not exist",
        ),
        (
            "post",
            "/api/v1/conversations/999999/notes",
            {"json": {"text": "x"}},
            404,
            "conversation 999999 does not exist",
        ),
        ("post", "/api/v1/conversations/0/notes", {"json": {"text": "x"}}, 422, "conversation_id"),
        ("get", "/api/v1/conversations/abc", {}, 422, "conversation_id"),
        ("get", "/api/v1/conversations/99999999999999999999999", {}, 422, "conversation_id"),
        ("get", "/api/v1/contacts/999999", {}, 404, "contact 999999 does not exist"),
        ("get", "/api/v1/contacts/1/timeline", {"params": {"before": "garbage"}}, 422, "cursor"),
        ("get", "/api/v1/contacts/1/timeline", {"params": {"channel": "fax"}}, 422, "channel"),
        ("get", "/api/v1/sync", {"params": {"since": -1}}, 422, "since"),
        ("get", "/api/v1/sync", {"params": {"limit": 10**9}}, 422, "limit"),
        ("get", "/api/v1/sync", {"params": {"snapshot": "s1.x"}}, 422, "snapshot token"),
        ("post", "/api/v1/conversations/{c}/notes", {"content": b"x" * 2_000_000}, 413, "larger than"),
        ("patch", "/api/v1/contacts/1", {"json": {"set": {"nested": {"a": 1}}}}, 422, "set"),
        ("post", "/api/v1/contacts/merge", {"json": {"survivor_id": "one", "merged_id": 2}}, 422, "survivor_id"),
    ],
)
def test_bad_requests_get_clear_4xx(api, method, path, kwargs, status, says):
    client = api.login("sue")
    response = client.request(method.upper(), path.format(c=api.world.conversations["nuria_email"]), **kwargs)
    assert response.status_code == status, response.text
    assert says.lower() in str(response.json()["detail"]).lower()


def test_a_body_longer_than_announced_is_not_taken(api):
    """Sent on a raw socket: HTTP clients will not send a malformed request."""
    token = api.login("sue").headers["Authorization"]
    conv = api.world.conversations["nuria_email"]
    body = b'{"text": "' + b"x" * 3_000_000 + b'"}'
    head = (
        f"POST /api/v1/conversations/{conv}/notes HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {token}\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    ).encode()
    chunked = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
    with socket.create_connection(("127.0.0.1", api.server.port), timeout=30) as sock:
        sock.sendall(head)
        with contextlib.suppress(OSError):
            sock.sendall(chunked)
        reply = sock.recv(4096).decode(errors="replace")
    assert reply.startswith("HTTP/1.1 413"), reply[:200]
    assert "larger than" in reply
