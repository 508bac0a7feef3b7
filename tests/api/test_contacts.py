"""Contacts: attributes, identities, merge and unmerge without losing history."""

from __future__ import annotations


def snapshot_of_contacts(client, *ids: int) -> dict:
    state = {}
    for contact_id in ids:
        contact = client.get(f"/api/v1/contacts/{contact_id}").json()
        timeline = client.get(f"/api/v1/contacts/{contact_id}/timeline", params={"limit": 500}).json()["items"]
        state[contact_id] = {
            "name": contact["name"],
            "attributes": contact["attributes"],
            "merged_into_id": contact["merged_into_id"],
            "identities": sorted(i["id"] for i in contact["identities"]),
            "timeline": sorted(
                (i["type"], (i.get("message") or i.get("event"))["id"])
                for i in timeline
                if not (i["type"] == "event" and i["event"]["kind"] in ("merged", "unmerged"))
            ),
        }
    return state


def test_merge_then_unmerge_restores_the_original_state(api):
    w = api.world
    sue = api.login("sue")
    a, b = w.contacts["joan_email"], w.contacts["joan_phone"]
    sue.patch(f"/api/v1/contacts/{a}", json={"set": {"tier": "gold"}})
    sue.patch(f"/api/v1/contacts/{b}", json={"set": {"tier": "silver", "city": "Girona"}})
    before = snapshot_of_contacts(sue, a, b)

    merged = sue.post("/api/v1/contacts/merge", json={"survivor_id": a, "merged_id": b})
    assert merged.status_code == 201, merged.text
    record = merged.json()
    survivor = sue.get(f"/api/v1/contacts/{a}").json()
    assert {i["kind"] for i in survivor["identities"]} == {"email", "phone"}
    # The survivor keeps its own values and learns the others.
    assert survivor["attributes"] == {"tier": "gold", "city": "Girona"}
    assert sue.get(f"/api/v1/contacts/{b}").json()["merged_into_id"] == a
    items = sue.get(f"/api/v1/contacts/{a}/timeline").json()["items"]
    assert {i["channel"] for i in items if i["type"] == "message"} == {"email", "whatsapp"}
    assert sue.post("/api/v1/contacts/merge", json={"survivor_id": a, "merged_id": b}).status_code == 409

    undone = sue.post(f"/api/v1/contacts/merges/{record['id']}/undo")
    assert undone.status_code == 200, undone.text
    assert undone.json()["undone_at"] is not None
    assert snapshot_of_contacts(sue, a, b) == before
    again = sue.post(f"/api/v1/contacts/merges/{record['id']}/undo")
    assert again.status_code == 409


def test_merge_refuses_nonsense(api):
    w = api.world
    sue = api.login("sue")
    a = w.contacts["joan_email"]
    assert sue.post("/api/v1/contacts/merge", json={"survivor_id": a, "merged_id": a}).status_code == 422
    missing = sue.post("/api/v1/contacts/merge", json={"survivor_id": a, "merged_id": 999_999})
    assert missing.status_code == 404
    assert missing.json()["detail"] == "contact 999999 does not exist"
    assert sue.post("/api/v1/contacts/merges/424242/undo").status_code == 404


def test_identities_are_normalized_and_unique(api):
    w = api.world
    sue = api.login("sue")
    added = sue.post(
        f"/api/v1/contacts/{w.contacts['john']}/identities", json={"kind": "phone", "address": "(+44) 20 7946 0958"}
    )
    assert added.status_code == 201
    assert added.json()["address"] == "+442079460958"
    taken = sue.post(
        f"/api/v1/contacts/{w.contacts['john']}/identities", json={"kind": "email", "address": "NURIA.PUIG@example.cat"}
    )
    assert taken.status_code == 409
    assert "merge the two contacts instead" in taken.json()["detail"]
    bad = sue.post(f"/api/v1/contacts/{w.contacts['john']}/identities", json={"kind": "email", "address": "no-at"})
    assert bad.status_code == 422
    assert "not a valid email address" in bad.json()["detail"]


def test_attributes_set_and_unset(api):
    john = api.world.contacts["john"]
    sue = api.login("sue")
    sue.patch(f"/api/v1/contacts/{john}", json={"name": "John A. Smith", "set": {"vip": True, "plan": "pro"}})
    out = sue.patch(f"/api/v1/contacts/{john}", json={"unset": ["plan"]}).json()
    assert out["name"] == "John A. Smith"
    assert out["attributes"] == {"vip": True}
