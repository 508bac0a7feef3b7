"""An agent sees the queues of their teams, through every door: feed, timeline, direct ids."""

from __future__ import annotations

from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.services.admin import set_membership


def pull_everything(client, since: int = 0) -> tuple[list[dict], int]:
    changes: list[dict] = []
    params: dict = {"since": since, "limit": 7}
    while True:
        page = client.get("/api/v1/sync", params=params).json()
        changes.extend(page["changes"])
        if page["next"]:
            params = {"snapshot": page["next"], "limit": 7}
        elif page["has_more"]:
            params = {"since": page["cursor"], "limit": 7}
        else:
            return changes, page["cursor"]


def test_agent_snapshot_holds_only_their_queues(api):
    w = api.world
    changes, cursor = pull_everything(api.login("ana"))
    assert cursor > 0
    queue_ids = {c["id"] for c in changes if c["entity"] == "queue"}
    assert queue_ids == {w.queues["support_email"], w.queues["support_whatsapp"]}
    conv_ids = {c["id"] for c in changes if c["entity"] == "conversation"}
    assert w.conversations["nuria_billing"] not in conv_ids
    assert w.conversations["john_billing"] not in conv_ids
    assert w.conversations["nuria_email"] in conv_ids
    assert all(c["data"]["queue_id"] != w.queues["billing_email"] for c in changes if c["entity"] == "message")
    assert all("secrets" not in c["data"] and "password_hash" not in c["data"] for c in changes)


def test_supervisor_sees_every_queue(api):
    changes, _ = pull_everything(api.login("sue"))
    assert {c["id"] for c in changes if c["entity"] == "queue"} == set(api.world.queues.values())


def test_agent_log_skips_other_teams_writes(api):
    w = api.world
    ana, bob = api.login("ana"), api.login("bob")
    _, cursor = pull_everything(ana)
    bob.post(f"/api/v1/conversations/{w.conversations['john_billing']}/notes", json={"text": "billing only"})
    ana.post(f"/api/v1/conversations/{w.conversations['nuria_email']}/notes", json={"text": "support note"})
    changes, _ = pull_everything(ana, cursor)
    texts = [c["data"].get("text") for c in changes if c["entity"] == "message"]
    assert texts == ["support note"]


def test_direct_ids_of_other_teams_are_not_found(api):
    w = api.world
    ana = api.login("ana")
    billing = w.conversations["john_billing"]
    assert ana.get(f"/api/v1/conversations/{billing}").status_code == 404
    for path, body in [
        ("messages", {"text": "hi"}),
        ("notes", {"text": "hi"}),
        ("status", {"status": "resolved"}),
        ("assign", {"assignee_id": None}),
        ("snooze", {"until": "2099-01-01T00:00:00Z"}),
    ]:
        response = ana.post(f"/api/v1/conversations/{billing}/{path}", json=body)
        assert response.status_code == 404, (path, response.text)
        assert response.json()["detail"] == f"conversation {billing} does not exist"
    assert api.login("bob").get(f"/api/v1/conversations/{billing}").status_code == 200


def test_timeline_shows_only_what_the_caller_may_see(api):
    w = api.world
    contact = w.contacts["nuria"]
    ana_items = api.login("ana").get(f"/api/v1/contacts/{contact}/timeline").json()["items"]
    sue_items = api.login("sue").get(f"/api/v1/contacts/{contact}/timeline").json()["items"]
    ana_convs = {i["conversation_id"] for i in ana_items}
    sue_convs = {i["conversation_id"] for i in sue_items}
    assert w.conversations["nuria_billing"] not in ana_convs
    assert w.conversations["nuria_billing"] in sue_convs
    # The appointment belongs to no queue: everyone working the customer sees it.
    assert any(i["type"] == "event" and i["event"]["kind"] == "appointment" for i in ana_items)


def test_leaving_a_team_revokes_its_queues_through_the_feed(api):
    w = api.world
    ana = api.login("ana")
    _, cursor = pull_everything(ana)
    engine = make_engine(api.database_url)
    with make_sessionmaker(engine)() as session:
        set_membership(session, w.users["ana"], w.teams["support"], False)
        set_membership(session, w.users["ana"], w.teams["billing"], True)
        session.commit()
    engine.dispose()
    changes, _ = pull_everything(ana, cursor)
    revoked = {c["id"] for c in changes if c["op"] == "revoke" and c["entity"] == "queue"}
    assert revoked == {w.queues["support_email"], w.queues["support_whatsapp"]}
    assert any(c["op"] == "resync" for c in changes)
    # Nobody else is told about ana's access.
    sue_changes, _ = pull_everything(api.login("sue"), cursor)
    assert not any(c["op"] in ("revoke", "resync") for c in sue_changes)
    assert ana.get(f"/api/v1/conversations/{w.conversations['nuria_email']}").status_code == 404
