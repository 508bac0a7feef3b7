"""Mentions in private notes: who is called, what the feed brings them, and what is not a mention."""

from __future__ import annotations

from typing import Any


def feed_events(client, kind: str) -> list[dict[str, Any]]:
    changes: list[dict[str, Any]] = []
    params: dict[str, Any] = {"since": 0, "limit": 5000}
    while True:
        page = client.get("/api/v1/sync", params=params).json()
        changes += page["changes"]
        if page.get("next") is None:
            break
        params = {"since": 0, "limit": 5000, "snapshot": page["next"]}
    return [c["data"] for c in changes if c["entity"] == "event" and c["data"].get("kind") == kind]


def test_a_note_mentions_colleagues_who_can_open_the_conversation(api):
    ana, sue, bob = api.login("ana"), api.login("sue"), api.login("bob")
    users = {u: api.world.users[u] for u in ("ana", "sue", "bob")}
    conversation = api.world.conversations["nuria_email"]
    text = "@Sue, mira-ho; @bob també (no treballa aquesta cua), @ana, @ningú i escriu a ana@example.com."
    posted = ana.post(
        f"/api/v1/conversations/{conversation}/notes", json={"text": text}, headers={"Idempotency-Key": "mention-1"}
    )
    assert posted.status_code == 201, posted.text
    note = posted.json()
    # Bob works billing only, Ana wrote it, no one is called "ningú", and an address is no mention.
    assert note["meta"]["mentions"] == [users["sue"]]
    again = ana.post(
        f"/api/v1/conversations/{conversation}/notes", json={"text": text}, headers={"Idempotency-Key": "mention-1"}
    )
    assert again.json() == note

    [event] = feed_events(sue, "mentioned")
    assert event["data"] == {"user_id": users["sue"], "message_id": note["id"]}
    assert (event["actor_id"], event["conversation_id"]) == (users["ana"], conversation)
    assert feed_events(bob, "mentioned") == []


def test_a_reply_to_the_customer_mentions_no_one(api):
    ana, sue = api.login("ana"), api.login("sue")
    conversation = api.world.conversations["nuria_email"]
    reply = ana.post(f"/api/v1/conversations/{conversation}/messages", json={"text": "Gràcies @sue"})
    assert reply.status_code == 201, reply.text
    assert "mentions" not in reply.json()["meta"]
    assert feed_events(sue, "mentioned") == []
