"""A typed email joins the visitor to a contact only once confirmed; transcripts; ending a chat."""

from __future__ import annotations

import re

from sqlalchemy import select

from agentdesk.server.db import models as m
from tests.channels.webchat.conftest import Chat, frames_until, hello, send


def _contact_of_visitor(chat: Chat, visitor_id: str) -> int:
    with chat.sessions()() as session:
        identity = session.scalar(select(m.Identity).where(m.Identity.address == visitor_id))
        assert identity is not None
        return identity.contact_id


def _queued_emails(chat: Chat, purpose: str) -> list[m.Message]:
    with chat.sessions()() as session:
        rows = session.scalars(select(m.Message).where(m.Message.channel == "email", m.Message.direction == "outbound"))
        return [x for x in rows if x.meta.get("purpose") == purpose]


def test_a_typed_email_links_to_its_contact_only_after_the_code(chat: Chat):
    john = chat.world.contacts["john"]
    with chat.socket() as ws:
        welcome = hello(ws)
        send(ws, {"type": "profile", "name": "John", "email": "John@Example.com"})
        profile = frames_until(ws, lambda f: f["type"] == "profile")[-1]
        # No chat yet, so no code yet: the address is only noted.
        assert (profile["email"], profile["email_status"]) == ("john@example.com", "unverified")
        assert _contact_of_visitor(chat, welcome["visitor_id"]) != john
        send(ws, {"type": "message", "client_id": "c1", "text": "Where is my refund?"})
        frames_until(ws, lambda f: f["type"] == "ack")
        [code_mail] = _queued_emails(chat, "email_confirmation")
        assert code_mail.meta["to"] == "john@example.com"
        assert code_mail.meta["from_queue_id"] == chat.world.queues["support_email"]
        assert code_mail.delivery_status == "queued"
        code = re.search(r"\b(\d{6})\b", code_mail.text).group(1)  # type: ignore[union-attr]

        send(ws, {"type": "confirm", "code": "000000" if code != "000000" else "111111"})
        wrong = frames_until(ws, lambda f: f["type"] == "error")[-1]
        assert wrong["detail"] == "the code is wrong or has expired"
        assert _contact_of_visitor(chat, welcome["visitor_id"]) != john

        send(ws, {"type": "confirm", "code": code})
        assert frames_until(ws, lambda f: f["type"] in ("email_confirmed", "error"))[-1] == {
            "type": "email_confirmed",
            "email": "john@example.com",
        }
    assert _contact_of_visitor(chat, welcome["visitor_id"]) == john
    agent = chat.agent("sue")
    contact = agent.get(f"/api/v1/contacts/{john}").json()
    assert "unverified_email" not in contact["attributes"]


def test_a_transcript_goes_to_a_confirmed_address_or_waits_for_the_code(chat: Chat):
    with chat.socket() as ws:
        hello(ws)
        send(ws, {"type": "message", "client_id": "c1", "text": "Hi <there>"})
        frames_until(ws, lambda f: f["type"] == "ack")
        send(ws, {"type": "transcript", "email": "new.person@example.org"})
        waiting = frames_until(ws, lambda f: f["type"] == "transcript")[-1]
        assert waiting["status"] == "awaiting_confirmation"
        assert _queued_emails(chat, "transcript") == []
        [code_mail] = _queued_emails(chat, "email_confirmation")
        code = re.search(r"\b(\d{6})\b", code_mail.text).group(1)  # type: ignore[union-attr]
        send(ws, {"type": "confirm", "code": code})
        frames_until(ws, lambda f: f["type"] == "email_confirmed")
        [transcript] = _queued_emails(chat, "transcript")
        assert transcript.meta["to"] == "new.person@example.org"
        assert transcript.identity_id is not None  # now an identity of the visitor's contact
        assert "You: Hi <there>" in transcript.text
        # Asked again, it goes straight out to the confirmed address.
        send(ws, {"type": "transcript"})
        assert frames_until(ws, lambda f: f["type"] == "transcript")[-1]["status"] == "queued"
    assert len(_queued_emails(chat, "transcript")) == 2
    with chat.sessions()() as session:
        kinds = [
            e.data["status"] for e in session.scalars(select(m.Event).where(m.Event.kind == "transcript_requested"))
        ]
    assert kinds == ["queued", "queued"]


def test_without_a_mailbox_the_transcript_request_is_recorded(chat: Chat):
    with chat.socket(queue=chat.tight_queue) as ws:
        hello(ws)
        send(ws, {"type": "message", "client_id": "c1", "text": "Hi"})
        frames_until(ws, lambda f: f["type"] == "ack")
        send(ws, {"type": "transcript", "email": "someone@example.org"})
        answer = frames_until(ws, lambda f: f["type"] == "transcript")[-1]
    assert answer["status"] == "recorded"
    assert _queued_emails(chat, "transcript") == []


def test_ending_an_unanswered_chat_abandons_it_and_an_answered_one_stays_open(chat: Chat):
    agent = chat.agent()
    with chat.socket() as ws:
        welcome = hello(ws)
        send(ws, {"type": "message", "client_id": "c1", "text": "Quick question"})
        ack = frames_until(ws, lambda f: f["type"] == "ack")[-1]
        send(ws, {"type": "close"})
        assert frames_until(ws, lambda f: f["type"] == "closed")[-1] == {"type": "closed", "abandoned": True}
    with chat.sessions()() as session:
        first = session.get(m.Message, ack["id"]).conversation_id
    detail = agent.get(f"/api/v1/conversations/{first}").json()
    assert detail["status"] == "resolved"
    assert [e["data"]["why"] for e in detail["events"] if e["kind"] == "abandoned"] == ["closed"]

    with chat.socket() as ws:
        hello(ws, welcome["token"])
        send(ws, {"type": "message", "client_id": "c2", "text": "Me again"})
        again = frames_until(ws, lambda f: f["type"] == "ack")[-1]
        with chat.sessions()() as session:
            second = session.get(m.Message, again["id"]).conversation_id
        assert second != first  # a resolved chat is not reopened by a new one
        agent.post(f"/api/v1/conversations/{second}/messages", json={"text": "Hello!"})
        frames_until(ws, lambda f: f["type"] == "message")
        send(ws, {"type": "close"})
        assert frames_until(ws, lambda f: f["type"] == "closed")[-1]["abandoned"] is False
    assert agent.get(f"/api/v1/conversations/{second}").json()["status"] == "open"
