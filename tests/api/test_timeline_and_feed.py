"""The cross-channel timeline, the feed's snapshot and delta, the live stream, the API description."""

from __future__ import annotations

import asyncio
import json

import pytest
import websockets

from tests.api.test_permissions import pull_everything


def test_timeline_merges_channels_newest_first_and_pages(api):
    w = api.world
    sue = api.login("sue")
    contact = w.contacts["nuria"]
    sue.post(f"/api/v1/conversations/{w.conversations['nuria_whatsapp']}/messages", json={"text": "Hola Núria!"})
    full = sue.get(f"/api/v1/contacts/{contact}/timeline", params={"limit": 500}).json()["items"]
    assert {i["channel"] for i in full if i["type"] == "message"} == {"email", "whatsapp"}
    stamps = [i["at"] for i in full]
    assert stamps == sorted(stamps, reverse=True)
    paged, before = [], None
    while True:
        params = {"limit": 2} | ({"before": before} if before else {})
        page = sue.get(f"/api/v1/contacts/{contact}/timeline", params=params).json()
        paged.extend(page["items"])
        before = page["next_before"]
        if not before:
            break
    assert [(i["type"], i["at"]) for i in paged] == [(i["type"], i["at"]) for i in full]
    only_wa = sue.get(f"/api/v1/contacts/{contact}/timeline", params={"channel": "whatsapp"}).json()["items"]
    assert only_wa and all(i["channel"] == "whatsapp" for i in only_wa)


def test_snapshot_reports_progress_and_hands_over_to_the_log(api):
    sue = api.login("sue")
    first = sue.get("/api/v1/sync", params={"since": 0, "limit": 5}).json()
    assert first["done"] == 5 and first["total"] >= 20 and first["cursor"] is None and first["next"]
    changes, cursor = pull_everything(sue)
    assert cursor == first["head"]
    assert len(changes) == first["total"]
    assert all(c["seq"] is None for c in changes)
    entities = [c["entity"] for c in changes]
    assert entities.index("contact") < entities.index("conversation") < entities.index("message")
    note = sue.post(f"/api/v1/conversations/{api.world.conversations['john_billing']}/notes", json={"text": "nou"})
    delta = sue.get("/api/v1/sync", params={"since": cursor}).json()
    assert delta["cursor"] > cursor and not delta["has_more"]
    assert any(c["entity"] == "message" and c["id"] == note.json()["id"] for c in delta["changes"])
    assert all(c["seq"] > cursor for c in delta["changes"])


@pytest.mark.asyncio
async def test_stream_announces_new_changes(api):
    sue = api.login("sue")
    token = sue.headers["Authorization"]
    async with websockets.connect(
        f"{api.server.ws_url}/api/v1/stream", additional_headers={"Authorization": token}
    ) as ws:
        hello = json.loads(await asyncio.wait_for(ws.recv(), 10))
        assert hello["type"] == "changes"
        await asyncio.to_thread(
            sue.post, f"/api/v1/conversations/{api.world.conversations['john_billing']}/notes", json={"text": "live"}
        )
        news = json.loads(await asyncio.wait_for(ws.recv(), 10))
        assert news["type"] == "changes" and news["head"] > hello["head"]


@pytest.mark.asyncio
async def test_stream_refuses_a_bad_token(api):
    async with websockets.connect(
        f"{api.server.ws_url}/api/v1/stream", additional_headers={"Authorization": "Bearer nope"}
    ) as ws:
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 10)
    assert closed.value.rcvd.code == 4401


def test_openapi_describes_every_route_with_schemas(api):
    spec = api.login("sue").get("/openapi.json").json()
    for path, methods in spec["paths"].items():
        # Meta's webhook takes a raw signed body and answers text; a stored file answers its bytes;
        # a CSV export answers CSV.
        if path.startswith("/api/v1/webhooks/") or "/files/" in path or path.endswith(".csv"):
            continue
        for method, op in methods.items():
            if method in ("post", "patch", "put") and not path.endswith("/undo") and not path.endswith("/logout"):
                assert "requestBody" in op, (method, path)
                # An upload is a multipart form; every other write is JSON.
                content = op["requestBody"]["content"]
                body = content.get("application/json") or content["multipart/form-data"]
                assert "$ref" in body["schema"], (method, path)
            ok = [code for code in op["responses"] if code.startswith("2")]
            assert ok, (method, path)
            if ok[0] != "204":
                assert op["responses"][ok[0]]["content"]["application/json"]["schema"], (method, path)
    assert api.login("sue").get("/api/v1/health").json()["status"] == "ok"
