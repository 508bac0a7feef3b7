"""Writes: replies, notes, status, snooze and wake-up, assignment, idempotent replay."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import httpx


def test_reply_is_queued_on_the_conversation_channel_and_sets_first_response(api):
    conv = api.world.conversations["nuria_email"]
    ana = api.login("ana")
    reply = ana.post(f"/api/v1/conversations/{conv}/messages", json={"text": "Ja està en camí!"})
    assert reply.status_code == 201
    body = reply.json()
    assert (body["direction"], body["kind"], body["channel"], body["delivery_status"]) == (
        "outbound",
        "message",
        "email",
        "queued",
    )
    detail = ana.get(f"/api/v1/conversations/{conv}").json()
    assert detail["first_response_at"] is not None
    assert detail["assignee_id"] == api.world.users["ana"]
    assert [x["text"] for x in detail["messages"]][-1] == "Ja està en camí!"


def test_reply_continues_on_another_channel_of_the_same_contact(api):
    w = api.world
    ana = api.login("ana")
    contact = ana.get(f"/api/v1/contacts/{w.contacts['nuria']}").json()
    phone = next(i for i in contact["identities"] if i["kind"] == "phone")
    reply = ana.post(
        f"/api/v1/conversations/{w.conversations['nuria_email']}/messages",
        json={"text": "Li escric per WhatsApp", "identity_id": phone["id"]},
    )
    assert reply.status_code == 201
    assert reply.json()["channel"] == "whatsapp"
    john = ana.post(
        f"/api/v1/conversations/{w.conversations['nuria_email']}/messages",
        json={"text": "x", "identity_id": 10_000},
    )
    assert john.status_code == 422
    assert "not an address of this conversation's contact" in john.json()["detail"]


def test_note_is_private_and_not_queued_for_delivery(api):
    conv = api.world.conversations["nuria_email"]
    note = api.login("ana").post(f"/api/v1/conversations/{conv}/notes", json={"text": "Trucar dijous"})
    assert note.status_code == 201
    assert (note.json()["kind"], note.json()["delivery_status"], note.json()["identity_id"]) == ("note", "sent", None)


def test_status_changes_are_events_on_the_timeline(api):
    w = api.world
    ana = api.login("ana")
    conv = w.conversations["nuria_email"]
    assert ana.post(f"/api/v1/conversations/{conv}/status", json={"status": "resolved"}).json()["status"] == "resolved"
    assert ana.post(f"/api/v1/conversations/{conv}/status", json={"status": "snoozed"}).status_code == 422
    events = ana.get(f"/api/v1/conversations/{conv}").json()["events"]
    assert events[-1]["kind"] == "status_changed"
    assert events[-1]["data"] == {"from": "open", "to": "resolved"}


def test_snoozed_conversation_wakes_up_by_itself(api):
    conv = api.world.conversations["nuria_email"]
    ana = api.login("ana")
    until = datetime.now(UTC) + timedelta(seconds=1)
    snoozed = ana.post(f"/api/v1/conversations/{conv}/snooze", json={"until": until.isoformat()})
    assert snoozed.status_code == 200
    assert snoozed.json()["status"] == "snoozed"
    status = "snoozed"
    for _ in range(100):
        status = ana.get(f"/api/v1/conversations/{conv}").json()["status"]
        if status == "open":
            break
        time.sleep(0.1)
    assert status == "open"
    kinds = [e["kind"] for e in ana.get(f"/api/v1/conversations/{conv}").json()["events"]]
    assert kinds[-2:] == ["snoozed", "woke_up"]


def test_snooze_refuses_past_and_zoneless_times(api):
    conv = api.world.conversations["nuria_email"]
    ana = api.login("ana")
    past = ana.post(f"/api/v1/conversations/{conv}/snooze", json={"until": "2020-01-01T00:00:00Z"})
    assert past.status_code == 422
    assert "in the past" in past.json()["detail"]
    naive = ana.post(f"/api/v1/conversations/{conv}/snooze", json={"until": "2099-01-01T00:00:00"})
    assert naive.status_code == 422


def test_assignment_rules(api):
    w = api.world
    conv = w.conversations["nuria_email"]
    ana, sue = api.login("ana"), api.login("sue")
    assert ana.post(f"/api/v1/conversations/{conv}/assign", json={"assignee_id": w.users["ana"]}).status_code == 200
    other = ana.post(f"/api/v1/conversations/{conv}/assign", json={"assignee_id": w.users["sue"]})
    assert other.status_code == 422
    wrong_team = sue.post(f"/api/v1/conversations/{conv}/assign", json={"assignee_id": w.users["bob"]})
    assert wrong_team.status_code == 422
    assert "does not work the queue" in wrong_team.json()["detail"]
    unassign = sue.post(f"/api/v1/conversations/{conv}/assign", json={"assignee_id": None})
    assert unassign.json()["assignee_id"] is None


def test_idempotent_replay_returns_the_first_result_and_changes_nothing(api):
    conv = api.world.conversations["nuria_email"]
    ana = api.login("ana")
    headers = {"Idempotency-Key": "reply-0001"}
    first = ana.post(f"/api/v1/conversations/{conv}/messages", json={"text": "Una vegada"}, headers=headers)
    second = ana.post(f"/api/v1/conversations/{conv}/messages", json={"text": "Una vegada"}, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    texts = [x["text"] for x in ana.get(f"/api/v1/conversations/{conv}").json()["messages"]]
    assert texts.count("Una vegada") == 1
    reused = ana.post(f"/api/v1/conversations/{conv}/messages", json={"text": "Una altra"}, headers=headers)
    assert reused.status_code == 422
    assert "already used for a different request" in reused.json()["detail"]


def test_failed_write_is_replayed_as_the_same_failure(api):
    conv = api.world.conversations["nuria_email"]
    ana = api.login("ana")
    headers = {"Idempotency-Key": "snooze-past"}
    body = {"until": "2020-01-01T00:00:00Z"}
    first = ana.post(f"/api/v1/conversations/{conv}/snooze", json=body, headers=headers)
    again = ana.post(f"/api/v1/conversations/{conv}/snooze", json=body, headers=headers)
    assert first.status_code == again.status_code == 422
    assert first.json() == again.json()


def test_concurrent_replays_of_one_key_apply_once(api):
    conv = api.world.conversations["nuria_email"]
    token = api.login("ana").headers["Authorization"]
    results: list[httpx.Response] = []

    def send() -> None:
        with httpx.Client(base_url=api.server.url, headers={"Authorization": token}, timeout=30) as c:
            results.append(
                c.post(
                    f"/api/v1/conversations/{conv}/notes",
                    json={"text": "només una"},
                    headers={"Idempotency-Key": "race-1"},
                )
            )

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {r.status_code for r in results} == {201}
    assert len({r.json()["id"] for r in results}) == 1
    texts = [x["text"] for x in api.login("ana").get(f"/api/v1/conversations/{conv}").json()["messages"]]
    assert texts.count("només una") == 1


def test_keys_are_per_user(api):
    conv = api.world.conversations["nuria_email"]
    headers = {"Idempotency-Key": "shared-key"}
    a = api.login("ana").post(f"/api/v1/conversations/{conv}/notes", json={"text": "a"}, headers=headers)
    s = api.login("sue").post(f"/api/v1/conversations/{conv}/notes", json={"text": "a"}, headers=headers)
    assert a.json()["id"] != s.json()["id"]
