"""Callbacks over HTTP: offered from a conversation, on the customer's timeline, in the feed of the
queue's agents only, taken, done or missed; bad requests refused with the reason."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta


def _kinds(client, contact_id: int) -> list[str]:
    items = client.get(f"/api/v1/contacts/{contact_id}/timeline", params={"limit": 100}).json()["items"]
    return [i["event"]["kind"] for i in items if i["type"] == "event"]


def _feed_ids(client, entity: str) -> set[int]:
    ids: set[int] = set()
    params: dict = {"since": 0, "limit": 5000}
    while True:
        page = client.get("/api/v1/sync", params=params).json()
        ids |= {c["id"] for c in page["changes"] if c["entity"] == entity and c["op"] == "upsert"}
        if page.get("next"):
            params = {"snapshot": page["next"], "limit": 5000}
        elif page["has_more"]:
            params = {"since": page["cursor"], "limit": 5000}
        else:
            return ids


def test_a_callback_is_offered_taken_and_done_on_the_timeline(api):
    w = api.world
    ana, bob = api.login("ana"), api.login("bob")
    opens = datetime.now(UTC) + timedelta(hours=1)
    made = ana.post(
        f"/api/v1/conversations/{w.conversations['nuria_whatsapp']}/callbacks",
        json={"window_opens_at": opens.isoformat(), "window_closes_at": (opens + timedelta(hours=2)).isoformat()},
        headers={"Idempotency-Key": "cb-1"},
    )
    assert made.status_code == 201, made.text
    callback = made.json()
    # By phone, to the number the customer is known by.
    assert (callback["channel"], callback["address"], callback["status"]) == ("phone", "+34612345678", "requested")
    again = ana.post(
        f"/api/v1/conversations/{w.conversations['nuria_whatsapp']}/callbacks",
        json={"window_opens_at": opens.isoformat(), "window_closes_at": (opens + timedelta(hours=2)).isoformat()},
        headers={"Idempotency-Key": "cb-1"},
    )
    assert again.json()["id"] == callback["id"]
    assert [c["id"] for c in ana.get("/api/v1/callbacks").json()] == [callback["id"]]
    assert "callback_requested" in _kinds(ana, w.contacts["nuria"])
    # Billing's agent works another queue: the callback is not theirs to see.
    assert bob.get("/api/v1/callbacks").json() == []
    assert bob.patch(f"/api/v1/callbacks/{callback['id']}", json={"status": "done"}).status_code == 404
    assert callback["id"] in _feed_ids(ana, "callback") and callback["id"] not in _feed_ids(bob, "callback")

    taken = ana.patch(f"/api/v1/callbacks/{callback['id']}", json={"assignee_id": w.users["ana"]})
    assert taken.json()["status"] == "scheduled"
    assert [c["id"] for c in ana.get("/api/v1/callbacks", params={"mine": True}).json()] == [callback["id"]]
    done = ana.patch(f"/api/v1/callbacks/{callback['id']}", json={"status": "done"})
    assert done.json()["status"] == "done"
    assert ana.get("/api/v1/callbacks").json() == []
    assert [c["id"] for c in ana.get("/api/v1/callbacks", params={"status": ["done"]}).json()] == [callback["id"]]
    finished = ana.patch(f"/api/v1/callbacks/{callback['id']}", json={"status": "missed"})
    assert finished.status_code == 409 and "is done" in finished.json()["detail"]
    kinds = _kinds(ana, w.contacts["nuria"])
    assert {"callback_requested", "callback_scheduled", "callback_done"} <= set(kinds)
    assert "callback_missed" not in kinds


def test_a_missed_callback_can_be_scheduled_again_and_moves_with_its_conversation(api):
    w = api.world
    ana, sue = api.login("ana"), api.login("sue")
    callback = ana.post(f"/api/v1/conversations/{w.conversations['nuria_email']}/callbacks", json={}).json()
    assert ana.patch(f"/api/v1/callbacks/{callback['id']}", json={"status": "missed"}).json()["status"] == "missed"
    back = ana.patch(f"/api/v1/callbacks/{callback['id']}", json={"status": "requested"})
    assert back.status_code == 422 and "scheduled, done or missed" in back.json()["detail"]
    assert (
        ana.patch(f"/api/v1/callbacks/{callback['id']}", json={"status": "scheduled"}).json()["status"] == "scheduled"
    )
    moved = sue.post(
        f"/api/v1/conversations/{w.conversations['nuria_email']}/move", json={"queue_id": w.queues["billing_email"]}
    )
    assert moved.status_code == 200, moved.text
    assert ana.get("/api/v1/callbacks").json() == []
    assert [c["id"] for c in api.login("bob").get("/api/v1/callbacks").json()] == [callback["id"]]


def test_bad_callbacks_are_refused_with_the_reason(api):
    w = api.world
    ana = api.login("ana")
    path = f"/api/v1/conversations/{w.conversations['nuria_email']}/callbacks"
    now = datetime.now(UTC)
    cases = [
        (path, {"channel": "fax"}, "phone"),
        (
            path,
            {"window_opens_at": (now + timedelta(hours=2)).isoformat(), "window_closes_at": now.isoformat()},
            "must close after it opens",
        ),
        (path, {"window_closes_at": (now - timedelta(minutes=1)).isoformat()}, "already closed"),
        (path, {"address": "not a number"}, "phone"),
        (path, {"window_opens_at": "2030-01-01T10:00:00"}, "timezone"),
        # Joan wrote by email only: there is no number to call unless one is given.
        (f"/api/v1/conversations/{w.conversations['joan_email']}/callbacks", {}, "no phone address"),
    ]
    for target, body, reason in cases:
        answer = ana.post(target, json=body)
        assert answer.status_code == 422, (body, answer.text)
        assert reason in answer.text, (body, answer.text)
    assert ana.get("/api/v1/callbacks").json() == []
    given = ana.post(
        f"/api/v1/conversations/{w.conversations['joan_email']}/callbacks", json={"address": "+34 699 111 222"}
    )
    assert given.status_code == 201 and given.json()["address"] == "+34699111222"
    other = ana.patch(f"/api/v1/callbacks/{given.json()['id']}", json={"assignee_id": w.users["bob"]})
    assert other.status_code == 422 and "does not work this callback's queue" in other.json()["detail"]


def test_a_callback_follows_its_conversation_through_a_merge_and_its_undo(api):
    w = api.world
    ana = api.login("ana")
    phone, email = w.contacts["joan_phone"], w.contacts["joan_email"]
    callback = ana.post(f"/api/v1/conversations/{w.conversations['joan_whatsapp']}/callbacks", json={}).json()
    assert callback["contact_id"] == phone
    merged = ana.post("/api/v1/contacts/merge", json={"survivor_id": email, "merged_id": phone})
    assert merged.status_code == 201, merged.text
    assert ana.get("/api/v1/callbacks").json()[0]["contact_id"] == email
    undone = ana.post(f"/api/v1/contacts/merges/{merged.json()['id']}/undo")
    assert undone.status_code == 200, undone.text
    assert ana.get("/api/v1/callbacks").json()[0]["contact_id"] == phone


def test_a_callback_whose_window_closes_unmade_is_missed_by_the_server(api):
    w = api.world
    ana = api.login("ana")
    closes = datetime.now(UTC) + timedelta(seconds=1.5)
    made = ana.post(
        f"/api/v1/conversations/{w.conversations['nuria_whatsapp']}/callbacks",
        json={"window_closes_at": closes.isoformat()},
    ).json()
    assert made["status"] == "requested"
    for _ in range(200):
        missed = ana.get("/api/v1/callbacks", params={"status": ["missed"]}).json()
        if missed:
            break
        time.sleep(0.1)
    assert [c["id"] for c in missed] == [made["id"]]
    assert "callback_missed" in _kinds(ana, w.contacts["nuria"])
