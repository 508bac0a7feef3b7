"""Origins, rate limits and size limits of the visitor endpoints, without a browser."""

from __future__ import annotations

import contextlib

import httpx
import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.channels.webchat.conftest import ALLOWED, Chat, frames_until, hello, send


@pytest.mark.parametrize("origin", ["https://evil.example", "null", None, "https://shop.example.evil.example"])
def test_sockets_from_other_sites_are_refused_at_the_handshake(chat: Chat, origin: str | None):
    with pytest.raises(InvalidStatus) as refused:
        chat.socket(origin=origin)
    assert refused.value.response.status_code == 403


@pytest.mark.parametrize("origin", [ALLOWED, "https://SHOP.example:443"])
def test_sockets_from_listed_sites_and_the_own_page_are_taken(chat: Chat, origin: str):
    for allowed in (origin, chat.server.url):
        with chat.socket(origin=allowed) as ws:
            assert hello(ws)["type"] == "welcome"


def test_the_config_is_only_for_listed_sites(chat: Chat):
    url = f"{chat.server.url}/api/v1/webchat/{chat.queue}/config"
    ok = httpx.get(url, headers={"Origin": ALLOWED})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == ALLOWED
    assert ok.json()["name"] == "Shop chat"
    refused = httpx.get(url, headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403
    assert "access-control-allow-origin" not in refused.headers
    # A same-origin GET carries no Origin: the widget's own page.
    assert "access-control-allow-origin" not in httpx.get(url).headers
    assert httpx.get(f"{chat.server.url}/api/v1/webchat/{chat.world.queues['support_email']}/config").status_code == 404


def test_the_widget_page_escapes_the_queue_name_and_limits_framing(chat: Chat):
    page = httpx.get(chat.page_url())
    assert page.status_code == 200
    assert "<title>Shop chat</title>" in page.text
    policy = page.headers["content-security-policy"]
    assert f"frame-ancestors 'self' {ALLOWED}" in policy and "script-src 'self'" in policy
    assert httpx.get(f"{chat.server.url}/webchat/{chat.world.queues['support_email']}/").status_code == 404
    script = httpx.get(f"{chat.server.url}/webchat/{chat.queue}/widget.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert "innerHTML" not in script.text


def test_a_visitor_over_their_rate_is_told_to_wait_and_nothing_is_stored_twice(chat: Chat):
    with chat.socket(queue=chat.tight_queue) as ws:
        hello(ws)
        for n in range(5):
            send(ws, {"type": "message", "client_id": f"m{n}", "text": f"n{n}"})
        answers = [frames_until(ws, lambda f: f["type"] in ("ack", "error"))[-1] for _ in range(5)]
    assert [a["type"] for a in answers] == ["ack", "ack", "ack", "error", "error"]
    assert {a["code"] for a in answers[3:]} == {"rate_limited"}
    assert all(a["retry_after"] > 0 for a in answers[3:])
    assert [a["client_id"] for a in answers[3:]] == ["m3", "m4"]


def test_one_address_has_a_budget_across_visitors(chat: Chat):
    with chat.socket(queue=chat.tight_queue) as first, chat.socket(queue=chat.tight_queue) as second:
        hello(first)
        hello(second)
        for n in range(3):
            send(first, {"type": "message", "client_id": f"a{n}", "text": "a"})
            frames_until(first, lambda f: f["type"] == "ack")
        answers = []
        for n in range(3):
            send(second, {"type": "message", "client_id": f"b{n}", "text": "b"})
            answers.append(frames_until(second, lambda f: f["type"] in ("ack", "error"))[-1])
    assert [a["type"] for a in answers] == ["ack", "ack", "error"]
    # Connections have a budget of their own per address: five, and two are spent above.
    with contextlib.ExitStack() as stack:
        for _ in range(3):
            hello(stack.enter_context(chat.socket(queue=chat.tight_queue)))
        over = stack.enter_context(chat.socket(queue=chat.tight_queue))
        with pytest.raises(ConnectionClosed) as closed:
            hello(over)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4429


def test_too_long_messages_are_refused_and_too_large_frames_end_the_socket(chat: Chat):
    with chat.socket(queue=chat.tight_queue) as ws:
        hello(ws)
        send(ws, {"type": "message", "client_id": "long", "text": "x" * 51})
        refused = frames_until(ws, lambda f: f["type"] == "error")[-1]
        assert (refused["code"], refused["client_id"]) == ("invalid", "long")
        assert "50 characters" in refused["detail"]
        send(ws, {"type": "message", "client_id": "huge", "text": "x" * 2000})
        with pytest.raises(ConnectionClosed) as closed:
            frames_until(ws, lambda f: False)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009


def test_garbage_frames_are_answered_not_fatal(chat: Chat):
    with chat.socket() as ws:
        hello(ws)
        ws.send("not json")
        assert frames_until(ws, lambda f: f["type"] == "error")[-1]["code"] == "invalid"
        send(ws, {"type": "teleport"})
        assert frames_until(ws, lambda f: f["type"] == "error")[-1]["code"] == "unknown"
        send(ws, {"type": "message", "client_id": "bad id!", "text": "x"})
        assert frames_until(ws, lambda f: f["type"] == "error")[-1]["client_id"] == "bad id!"
        send(ws, {"type": "ping"})
        assert frames_until(ws, lambda f: f["type"] == "pong")
