"""QA feedback on a web chat stays inside the contact center: the visitor's live frames and their
emailed transcript carry the conversation, never a review, a comment or a suggested wording."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from agentdesk.server.db import models as m
from tests.channels.webchat.conftest import Chat, frames_until, hello, send
from tests.support.scorecards import crit

CARD = {
    "pass_mark": 50,
    "sections": [
        {
            "key": "tone",
            "title": "Tone",
            "criteria": [crit("polite")],
        }
    ],
}
SECRETS = ("QA-COMMENT-7731", "QA-SUGGESTION-7731", "QA-REPLY-7731", "QA-SUMMARY-7731")


def _outbound_texts(chat: Chat) -> list[str]:
    with chat.sessions()() as session:
        rows = session.scalars(select(m.Message).where(m.Message.direction == "outbound"))
        return [f"{x.subject or ''} {x.text} {x.html or ''} {json.dumps(x.meta)}" for x in rows]


def test_qa_comments_never_reach_the_visitor(chat: Chat):
    ana, tom = chat.agent("ana"), chat.agent("tom")
    with chat.socket() as ws:
        welcome = hello(ws)
        send(ws, {"type": "message", "client_id": "c1", "text": "My parcel is late"})
        first = frames_until(ws, lambda f: f["type"] == "ack")[-1]["id"]
        with chat.sessions()() as session:
            conversation_id = session.get(m.Message, first).conversation_id
        reply = ana.post(f"/api/v1/conversations/{conversation_id}/messages", json={"text": "Sorry, checking now"})
        assert reply.status_code == 201, reply.text
        frames = frames_until(ws, lambda f: f["type"] == "message" and f.get("id") == reply.json()["id"])
        # The lead reviews and comments on the reply; the agent answers in the thread.
        card = tom.post("/api/v1/qa/scorecards", json={"name": "Chat", "definition": CARD}).json()
        review = tom.post("/api/v1/qa/reviews", json={"conversation_id": conversation_id, "scorecard_id": card["id"]})
        assert review.status_code == 201, review.text
        rid = review.json()["id"]
        comment = tom.post(
            f"/api/v1/qa/reviews/{rid}/comments",
            json={"message_id": reply.json()["id"], "body": SECRETS[0], "suggestion": SECRETS[1], "severity": "minor"},
        ).json()
        tom.patch(f"/api/v1/qa/reviews/{rid}", json={"answers": {"polite": {"value": 1, "note": ""}}})
        assert tom.post(f"/api/v1/qa/reviews/{rid}/submit", json={"summary": SECRETS[3]}).status_code == 200
        answer = ana.post(f"/api/v1/qa/reviews/{rid}/comments", json={"parent_id": comment["id"], "body": SECRETS[2]})
        assert answer.status_code == 201, answer.text
        follow_up = ana.post(f"/api/v1/conversations/{conversation_id}/messages", json={"text": "It ships today"})
        frames += frames_until(ws, lambda f: f["type"] == "message" and f.get("id") == follow_up.json()["id"])
        # The transcript by email, to a confirmed address.
        send(ws, {"type": "transcript", "email": "visitor@example.org"})
        frames += frames_until(ws, lambda f: f["type"] == "transcript")
        code_mail = next(t for t in _outbound_texts(chat) if "email_confirmation" in t)
        send(ws, {"type": "confirm", "code": re.search(r"\b(\d{6})\b", code_mail).group(1)})  # type: ignore[union-attr]
        frames += frames_until(ws, lambda f: f["type"] == "email_confirmed")
    with chat.socket() as ws:
        frames.append(hello(ws, welcome["token"], last_seen=0))
        frames += frames_until(ws, lambda f: f["type"] == "message" and f.get("id") == follow_up.json()["id"])
    seen = json.dumps(frames, ensure_ascii=False)
    assert "Sorry, checking now" in seen and "It ships today" in seen
    outbound = _outbound_texts(chat)
    transcript = next(t for t in outbound if '"purpose": "transcript"' in t)
    assert "It ships today" in transcript
    for secret in SECRETS:
        assert secret not in seen, secret
        assert not any(secret in text for text in outbound), secret
