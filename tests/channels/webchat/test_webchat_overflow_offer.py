"""Overflow that offers another channel: a web-chat visitor left waiting is offered, in the
chat, to continue by WhatsApp, by email or with a call back — once, on the timeline, and
without counting as an answer."""

from __future__ import annotations

from sqlalchemy import select

from agentdesk.server.db import models as m
from agentdesk.server.services import channel_offers
from tests.channels.webchat.conftest import Chat, frames_until, hello, send, wait_for


def _conversation_of(chat: Chat, visitor_id: str) -> m.Conversation:
    with chat.sessions()() as session:
        return session.scalars(
            select(m.Conversation)
            .join(m.Identity, m.Identity.id == m.Conversation.identity_id)
            .where(m.Identity.address == visitor_id)
        ).one()


def test_a_waiting_visitor_is_offered_whatsapp_email_or_a_call_back_in_the_chat(chat: Chat) -> None:
    sue = chat.agent("sue")
    rule = {"action": "offer", "max_waiting": 0, "max_wait_s": 1, "offer": ["whatsapp", "email", "callback"]}
    saved = sue.put(f"/api/v1/queues/{chat.queue}/policy", json={"service_level_s": 60, "overflow": rule})
    assert saved.status_code == 200, saved.text
    assert saved.json()["overflow"] == {**rule, "to_queue_id": None}
    with chat.socket() as first, chat.socket() as second:
        # Nobody is available: both wait. The second has one waiting ahead (more than 0): offered at
        # once; the first, alone at the front, once it has waited over a second.
        welcomes = [hello(ws, history=True) for ws in (first, second)]
        for n, ws in enumerate((first, second)):
            send(ws, {"type": "message", "client_id": "q", "text": f"Hello, anyone? ({n})"})
            frames_until(ws, lambda f: f["type"] == "ack")
        offers = [
            frames_until(ws, lambda f: f["type"] == "message" and f["direction"] == "out")[-1] for ws in (first, second)
        ]
    for frame in offers:
        assert frame["author"] is None
        assert frame["text"] == (
            "Thank you for waiting: all our agents are busy right now. If you prefer, we can continue by "
            "WhatsApp, by email or by calling you back. Just tell us here which suits you and how to reach you."
        )
    conversations = [_conversation_of(chat, w["visitor_id"]) for w in welcomes]
    ana = chat.agent("ana")
    whys = []
    for conversation, frame in zip(conversations, offers, strict=True):
        detail = ana.get(f"/api/v1/conversations/{conversation.id}").json()
        (event,) = [e for e in detail["events"] if e["kind"] == "channel_offered"]
        assert event["data"]["offer"] == ["whatsapp", "email", "callback"]
        assert event["data"]["message_id"] == frame["id"]
        whys.append(event["data"]["why"])
        # An automatic message, not an agent's answer: still waiting, no first response.
        assert detail["first_response_at"] is None and detail["assignee_id"] is None
        # The chat's own delivery path took it to the visitor and says so.
        wait_for(
            lambda c=conversation: (
                [
                    x["delivery_status"]
                    for x in ana.get(f"/api/v1/conversations/{c.id}").json()["messages"]
                    if x["direction"] == "outbound"
                ]
                in (["sent"], ["delivered"])
            ),
            "the offer marked sent",
        )
    assert whys == ["long_wait", "queue_saturated"]
    # Once each: a later round offers nothing more.
    with chat.sessions()() as session:
        assert channel_offers.offer_to_waiting(session) == []
        session.rollback()
    # An agent who answers now answers a waiting contact: the figures count the wait until then.
    figures = sue.get("/api/v1/metrics/queues").json()
    today = next(q for q in figures["queues"] if q["queue_id"] == chat.queue)["today"]
    assert today["answered"] == 0 and today["offered"] == 2


def test_an_offer_rule_must_say_what_it_offers(chat: Chat) -> None:
    sue = chat.agent("sue")
    url = f"/api/v1/queues/{chat.queue}/policy"
    before = sue.get(url).json()
    for rule, reason in [
        ({"action": "offer", "max_wait_s": 60}, "an offer names one or more of whatsapp, email and callback"),
        ({"action": "offer", "max_wait_s": 60, "offer": ["email", "email"]}, "each once"),
        (
            {
                "action": "offer",
                "max_wait_s": 60,
                "offer": ["email"],
                "to_queue_id": chat.world.queues["support_email"],
            },
            "an offer moves nothing",
        ),
        ({"action": "move", "max_wait_s": 60}, "overflow goes to another existing queue"),
    ]:
        refused = sue.put(url, json={"overflow": rule})
        assert refused.status_code == 422 and reason in refused.text, refused.text
    unknown = sue.put(url, json={"overflow": {"action": "offer", "max_wait_s": 60, "offer": ["fax"]}})
    assert unknown.status_code == 422 and "overflow.offer.0: Input should be 'whatsapp'" in unknown.text
    assert sue.get(url).json() == before
