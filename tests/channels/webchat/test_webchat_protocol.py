"""The visitor socket without a browser: tokens, delivery, resend, replay, typing, offers."""

from __future__ import annotations

from sqlalchemy import select

from agentdesk.server.db import models as m
from tests.channels.webchat.conftest import Chat, frames_until, hello, send, wait_for


def _conversation(chat: Chat, visitor_id: str) -> m.Conversation | None:
    with chat.sessions()() as session:
        identity = session.scalar(select(m.Identity).where(m.Identity.address == visitor_id))
        if identity is None:
            return None
        return session.scalar(
            select(m.Conversation).where(m.Conversation.identity_id == identity.id).order_by(m.Conversation.id.desc())
        )


def test_a_returning_visitor_keeps_their_token_and_is_the_same_contact(chat: Chat):
    with chat.socket() as ws:
        welcome = hello(ws, history=True)
        token, visitor = welcome["token"], welcome["visitor_id"]
        send(ws, {"type": "message", "client_id": "c1", "text": "Hola"})
        first = frames_until(ws, lambda f: f["type"] == "ack")[-1]
    with chat.socket() as ws:
        again = hello(ws, token, history=True)
        assert (again["token"], again["visitor_id"]) == (token, visitor)
        history = frames_until(ws, lambda f: f["type"] == "history")[-1]
        assert [(x["id"], x["text"], x["client_id"]) for x in history["messages"]] == [(first["id"], "Hola", "c1")]
        send(ws, {"type": "message", "client_id": "c2", "text": "Soc jo"})
        second = frames_until(ws, lambda f: f["type"] == "ack")[-1]
    with chat.sessions()() as session:
        contacts = {session.get(m.Message, x["id"]).conversation_id for x in (first, second)}
        assert len(contacts) == 1
    # A token signed for another queue, or altered, names nobody: a new visitor gets a new one.
    with chat.socket() as ws:
        forged = hello(ws, token[:-2] + "xx")
        assert forged["visitor_id"] != visitor
    with chat.socket(queue=chat.tight_queue) as ws:
        assert hello(ws, token)["visitor_id"] != visitor


def test_resent_messages_are_stored_once_and_replies_replayed_after_the_last_seen(chat: Chat):
    agent = chat.agent()
    with chat.socket() as ws:
        welcome = hello(ws, history=True)
        for _ in range(3):  # the widget resends whatever has no ack yet, maybe more than once
            send(ws, {"type": "message", "client_id": "same", "text": "Once"})
        acks = [frames_until(ws, lambda f: f["type"] == "ack")[-1] for _ in range(3)]
        assert len({a["id"] for a in acks}) == 1
    conversation = _conversation(chat, welcome["visitor_id"])
    assert conversation is not None
    detail = agent.get(f"/api/v1/conversations/{conversation.id}").json()
    assert [x["text"] for x in detail["messages"]] == ["Once"]
    # Two replies while the visitor is away; they saw none, so both come on reconnect.
    ids = [
        agent.post(f"/api/v1/conversations/{conversation.id}/messages", json={"text": t}).json()["id"]
        for t in ("One", "Two")
    ]
    with chat.socket() as ws:
        hello(ws, welcome["token"], last_seen=0)
        got = frames_until(ws, lambda f: f["type"] == "message" and f["id"] == ids[1])
        assert [f["text"] for f in got if f["type"] == "message"] == ["One", "Two"]
        send(ws, {"type": "seen", "id": ids[0]})
    # Having seen the first, the visitor gets only the second.
    with chat.socket() as ws:
        hello(ws, welcome["token"], last_seen=ids[0])
        got = frames_until(ws, lambda f: f["type"] == "message")
        assert [f["id"] for f in got if f["type"] == "message"] == [ids[1]]

    def outbound_statuses() -> list[str]:
        messages = agent.get(f"/api/v1/conversations/{conversation.id}").json()["messages"]
        return [x["delivery_status"] for x in messages if x["direction"] == "outbound"]

    wait_for(lambda: outbound_statuses() == ["delivered", "sent"], "the first reply delivered, the second sent")


def test_a_reply_and_typing_reach_a_connected_visitor_live(chat: Chat):
    agent = chat.agent()
    with chat.socket() as ws:
        welcome = hello(ws, history=True)
        send(ws, {"type": "message", "client_id": "q1", "text": "Is anyone there?"})
        frames_until(ws, lambda f: f["type"] == "ack")
        conversation = _conversation(chat, welcome["visitor_id"])
        assert conversation is not None
        assert agent.post(f"/api/v1/conversations/{conversation.id}/typing", json={"typing": True}).status_code == 204
        typing = frames_until(ws, lambda f: f["type"] == "typing")[-1]
        assert typing == {"type": "typing", "on": True, "author": "Ana"}
        agent.post(f"/api/v1/conversations/{conversation.id}/messages", json={"text": "Yes, Ana here"})
        reply = frames_until(ws, lambda f: f["type"] == "message")[-1]
        assert (reply["text"], reply["author"], reply["direction"]) == ("Yes, Ana here", "Ana", "out")
    # Typing is for web chat only, and for conversations the agent may see.
    email = chat.world.conversations["nuria_email"]
    assert agent.post(f"/api/v1/conversations/{email}/typing", json={}).status_code == 422
    bob = chat.agent("bob")
    assert bob.post(f"/api/v1/conversations/{conversation.id}/typing", json={}).status_code == 404


def test_proactive_offers_follow_the_queue_rules(chat: Chat):
    with chat.socket() as ws:
        hello(ws, page="https://shop.example/pricing")
        send(ws, {"type": "activity", "url": "https://shop.example/pricing", "seconds": 0})
        offer = frames_until(ws, lambda f: f["type"] in ("offer", "offer_check"))[-1]
        assert offer == {"type": "offer", "rule": 0, "offer": "callback", "text": "Shall we call you?"}
        send(ws, {"type": "activity", "url": "https://shop.example/pricing", "seconds": 0.2})
        check = frames_until(ws, lambda f: f["type"] in ("offer", "offer_check"))[-1]
        assert check["type"] == "offer_check" and 0 < check["in"] <= 0.8
        send(ws, {"type": "activity", "url": "https://shop.example/pricing", "seconds": 1.5})
        chat_offer = frames_until(ws, lambda f: f["type"] in ("offer", "offer_check"))[-1]
        assert chat_offer["offer"] == "chat"
        send(ws, {"type": "callback", "phone": "612 345 679", "name": "Pau"})
        callback = frames_until(ws, lambda f: f["type"] == "callback")[-1]
        assert callback["phone"] == "+34612345679"
    agent = chat.agent()
    detail = agent.get(f"/api/v1/conversations/{callback['conversation_id']}").json()
    event = next(e for e in detail["events"] if e["kind"] == "callback_requested")
    assert event["data"].items() >= {"phone": "+34612345679", "page": "https://shop.example/pricing"}.items()
    # The wish is a callback to make, for the queue's agents, to the number the visitor typed.
    (made,) = [c for c in agent.get("/api/v1/callbacks").json() if c["conversation_id"] == callback["conversation_id"]]
    assert (made["id"], made["address"], made["status"]) == (event["data"]["callback_id"], "+34612345679", "requested")


def test_a_chat_reply_with_a_file_is_refused_and_the_upload_stays_the_agents(chat: Chat):
    agent = chat.agent()
    with chat.socket() as ws:
        welcome = hello(ws)
        send(ws, {"type": "message", "client_id": "f1", "text": "Can you send the manual?"})
        frames_until(ws, lambda f: f["type"] == "ack")
    conversation = _conversation(chat, welcome["visitor_id"])
    assert conversation is not None
    file_id = agent.post("/api/v1/files", files={"file": ("manual.pdf", b"%PDF", "application/pdf")}).json()["id"]
    refused = agent.post(
        f"/api/v1/conversations/{conversation.id}/messages", json={"text": "Here", "attachment_ids": [file_id]}
    )
    assert refused.status_code == 422 and "the web chat cannot carry files" in refused.json()["detail"]
    assert agent.get(f"/api/v1/files/{file_id}").status_code == 200
    assert chat.agent("sue").get(f"/api/v1/files/{file_id}").status_code == 404
