"""The widget in headless Chromium, against a live server, with an agent on the HTTP API."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlalchemy import select

from agentdesk.server.db import models as m
from tests.channels.webchat.conftest import Chat, wait_for

HOSTILE = '<script>window.pwned = 1</script><img src="x" onerror="window.pwned = 2">'


def _open(page: Page, chat: Chat) -> None:
    page.goto(chat.page_url())
    expect(page.locator(".adw-status")).to_have_attribute("data-state", "online")


def _say(page: Page, text: str) -> None:
    page.locator(".adw-input").fill(text)
    page.locator(".adw-send").click()


def _conversation_id(chat: Chat, text: str) -> int:
    def find() -> int | None:
        with chat.sessions()() as session:
            return session.scalar(select(m.Message.conversation_id).where(m.Message.text == text))

    return wait_for(find, f"the message {text!r} in the store")


def test_visitor_and_agent_talk_live(chat: Chat, page: Page):
    _open(page, chat)
    expect(page.locator(".adw-title")).to_have_text("Shop chat")
    expect(page.locator(".adw-greeting")).to_have_text("Hi! <b>How</b> can we help?")
    _say(page, "Hola, on és la meva comanda?")
    expect(page.locator('.adw-msg[data-direction="in"]')).to_have_attribute("data-state", "sent")

    conversation_id = _conversation_id(chat, "Hola, on és la meva comanda?")
    agent = chat.agent()
    detail = agent.get(f"/api/v1/conversations/{conversation_id}").json()
    assert [(x["direction"], x["text"]) for x in detail["messages"]] == [("inbound", "Hola, on és la meva comanda?")]

    agent.post(f"/api/v1/conversations/{conversation_id}/typing", json={"typing": True})
    expect(page.locator(".adw-typing")).to_have_text("Ana is typing…")
    agent.post(f"/api/v1/conversations/{conversation_id}/messages", json={"text": "Ja surt avui!"})
    reply = page.locator('.adw-msg[data-direction="out"]')
    expect(reply.locator(".adw-text")).to_have_text("Ja surt avui!")
    expect(reply.locator(".adw-author")).to_have_text("Ana")
    expect(page.locator(".adw-typing")).to_be_hidden()

    # A reload is the same visitor: the chat so far comes back, once.
    page.reload()
    expect(page.locator(".adw-msg")).to_have_count(2)
    delivered = wait_for(
        lambda: (
            agent.get(f"/api/v1/conversations/{conversation_id}").json()["messages"][1]["delivery_status"]
            == "delivered"
        ),
        "the reply marked delivered",
    )
    assert delivered


def test_visitor_text_stays_text_in_the_page_and_in_the_api(chat: Chat, page: Page):
    _open(page, chat)
    _say(page, HOSTILE)
    bubble = page.locator('.adw-msg[data-direction="in"]')
    expect(bubble).to_have_attribute("data-state", "sent")
    expect(bubble.locator(".adw-text")).to_have_text(HOSTILE)
    conversation_id = _conversation_id(chat, HOSTILE)
    agent = chat.agent()
    agent.post(f"/api/v1/conversations/{conversation_id}/messages", json={"text": "<b>not bold</b>"})
    expect(page.locator('.adw-msg[data-direction="out"] .adw-text')).to_have_text("<b>not bold</b>")
    assert page.locator(".adw-log img, .adw-log script, .adw-log b").count() == 0
    assert page.evaluate("window.pwned") is None
    message = agent.get(f"/api/v1/conversations/{conversation_id}").json()["messages"][0]
    assert (message["text"], message["html"]) == (HOSTILE, None)


def test_a_network_cut_loses_and_doubles_nothing(chat: Chat, page: Page):
    _open(page, chat)
    _say(page, "Before the cut")
    expect(page.locator('.adw-msg[data-direction="in"]')).to_have_attribute("data-state", "sent")
    conversation_id = _conversation_id(chat, "Before the cut")
    agent = chat.agent()

    page.context.set_offline(True)
    expect(page.locator(".adw-status")).not_to_have_attribute("data-state", "online")
    _say(page, "Written offline")
    expect(page.locator('.adw-msg[data-state="pending"]')).to_have_count(1)
    agent.post(f"/api/v1/conversations/{conversation_id}/messages", json={"text": "Answered while you were away"})
    page.context.set_offline(False)

    expect(page.locator(".adw-status")).to_have_attribute("data-state", "online")
    expect(page.locator('.adw-msg[data-direction="out"] .adw-text')).to_have_text(["Answered while you were away"])
    expect(page.locator('.adw-msg[data-direction="in"]')).to_have_count(2)
    expect(page.locator('.adw-msg[data-state="pending"]')).to_have_count(0)
    texts = [x["text"] for x in agent.get(f"/api/v1/conversations/{conversation_id}").json()["messages"]]
    assert texts == ["Before the cut", "Answered while you were away", "Written offline"]


def test_a_visitor_who_leaves_unanswered_is_recorded_as_abandoned(chat: Chat, page: Page):
    _open(page, chat)
    _say(page, "Hello? Anyone?")
    expect(page.locator('.adw-msg[data-direction="in"]')).to_have_attribute("data-state", "sent")
    conversation_id = _conversation_id(chat, "Hello? Anyone?")
    page.goto("about:blank")  # gone; the queue's grace period is one second
    agent = chat.agent()

    def resolved() -> dict | None:
        detail = agent.get(f"/api/v1/conversations/{conversation_id}").json()
        return detail if detail["status"] == "resolved" else None

    detail = wait_for(resolved, "the conversation resolved as abandoned")
    abandoned = [e for e in detail["events"] if e["kind"] == "abandoned"]
    assert len(abandoned) == 1
    assert abandoned[0]["data"]["why"] == "left"
    assert abandoned[0]["data"]["waited_s"] >= 1


def test_the_widget_comes_back_after_the_server_drops_every_socket(chat: Chat, page: Page):
    _open(page, chat)
    _say(page, "First")
    expect(page.locator('.adw-msg[data-direction="in"]')).to_have_attribute("data-state", "sent")
    conversation_id = _conversation_id(chat, "First")
    chat.server.stop()  # every socket is closed from the server side
    expect(page.locator(".adw-status")).to_have_attribute("data-state", "offline")
    _say(page, "Second, while the server is away")
    chat.server.start()
    expect(page.locator(".adw-status")).to_have_attribute("data-state", "online")
    expect(page.locator('.adw-msg[data-state="pending"]')).to_have_count(0)
    agent = chat.agent()
    agent.post(f"/api/v1/conversations/{conversation_id}/messages", json={"text": "Back again"})
    expect(page.locator('.adw-msg[data-direction="out"] .adw-text')).to_have_text(["Back again"])
    texts = [x["text"] for x in agent.get(f"/api/v1/conversations/{conversation_id}").json()["messages"]]
    assert texts == ["First", "Second, while the server is away", "Back again"]
