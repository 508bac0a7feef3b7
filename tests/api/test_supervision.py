"""Presence, capacity, routing, overflow, moves, SLA and the live figures, over real HTTP."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest
import websockets
from sqlalchemy import select

from agentdesk.domain.enums import ChannelKind, EventKind, Role
from agentdesk.domain.identity import normalize
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.types import utcnow
from agentdesk.server.services import admin, routing
from agentdesk.server.services.conversations import Inbound, ingest


def eventually(probe: Callable[[], Any], what: str, timeout: float = 20) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.05)


def db(api):
    engine = make_engine(api.database_url)
    return engine, make_sessionmaker(engine)


def feed(client: httpx.Client, since: int) -> tuple[list[dict[str, Any]], int]:
    changes: list[dict[str, Any]] = []
    while True:
        page = client.get("/api/v1/sync", params={"since": since}).json()
        changes += page["changes"]
        since = page["cursor"]
        if not page["has_more"]:
            return changes, since


def head(client: httpx.Client) -> int:
    return client.get("/api/v1/sync", params={"since": 0, "limit": 1}).json()["head"]


def conversation(client: httpx.Client, conversation_id: int) -> dict[str, Any]:
    response = client.get(f"/api/v1/conversations/{conversation_id}")
    response.raise_for_status()
    return response.json()


def test_routing_respects_presence_and_capacity(api):
    ana, sue = api.login("ana"), api.login("sue")
    w = api.world
    waiting_email = [w.conversations["nuria_email"], w.conversations["joan_email"]]  # oldest first
    r = sue.patch(f"/api/v1/users/{w.users['ana']}/capacity", json={"capacity": {"email": 1, "whatsapp": 0}})
    assert r.status_code == 200, r.text
    assert r.json()["capacity"] == {"webchat": 1, "whatsapp": 0, "email": 1}
    assert ana.post("/api/v1/me/presence", json={"presence": "away"}).json()["presence"] == "away"
    assert all(conversation(sue, c)["assignee_id"] is None for c in waiting_email)

    assert ana.post("/api/v1/me/presence", json={"presence": "available"}).status_code == 200
    # Capacity 1 on email: the oldest waiting email is hers, the next one waits; no WhatsApp.
    assert conversation(sue, waiting_email[0])["assignee_id"] == w.users["ana"]
    assert conversation(sue, waiting_email[1])["assignee_id"] is None
    assert conversation(sue, w.conversations["nuria_whatsapp"])["assignee_id"] is None

    # Resolving frees her place: housekeeping routes the next one to her.
    ana.post(f"/api/v1/conversations/{waiting_email[0]}/status", json={"status": "resolved"}).raise_for_status()
    eventually(
        lambda: conversation(sue, waiting_email[1])["assignee_id"] == w.users["ana"], "the next email routed to ana"
    )
    timeline = ana.get(f"/api/v1/conversations/{waiting_email[1]}").json()
    assert any(e["kind"] == "assigned" and e["data"].get("why") == "routing" for e in timeline["events"])


def test_round_robin_across_agents(api):
    engine, sessions = db(api)
    try:
        with sessions() as session:
            team = admin.create_team(session, "Chat")
            queue = admin.create_queue(session, "Chat", ChannelKind.WEBCHAT, teams=[team])
            agents = [admin.create_user(session, f"chat{i}", "password1", Role.AGENT) for i in range(2)]
            now = utcnow()
            for agent in agents:
                admin.set_membership(session, agent.id, team.id, True)
                routing.set_capacity(session, session.get(m.User, api.world.users["sue"]), agent.id, {"webchat": 2})
                routing.set_presence(session, agent, "available", now=now)
            assigned = []
            for i in range(5):
                message = ingest(
                    session,
                    Inbound(
                        queue_id=queue.id, address=normalize("webchat", f"visitor-{i:04d}"), text="hi", received_at=now
                    ),
                )
                assigned.append(session.get(m.Conversation, message.conversation_id).assignee_id)
            a, b = (agent.id for agent in agents)
            # Alternating, two each, and the fifth waits: both are full.
            assert assigned == [a, b, a, b, None]
            routing.set_presence(session, agents[0], "offline")
            session.commit()
    finally:
        engine.dispose()


def test_agents_get_403_and_never_see_figures(api):
    ana, bob, sue = api.login("ana"), api.login("bob"), api.login("sue")
    for path in ("/api/v1/metrics/queues", "/api/v1/metrics/intervals?days=7"):
        assert ana.get(path).status_code == 403
    cid = api.world.conversations["john_billing"]
    assert ana.post(f"/api/v1/conversations/{cid}/move", json={"queue_id": 1}).status_code == 403
    assert (
        ana.patch(f"/api/v1/users/{api.world.users['bob']}/capacity", json={"capacity": {"email": 3}}).status_code
        == 403
    )
    assert ana.put(f"/api/v1/queues/{api.world.queues['support_email']}/policy", json={}).status_code == 403

    figures = sue.get("/api/v1/metrics/queues").json()
    assert {q["queue_id"] for q in figures["queues"]} == set(api.world.queues.values())
    assert {c["channel"] for c in figures["channels"]} == {"email", "whatsapp"}
    support = next(q for q in figures["queues"] if q["queue_id"] == api.world.queues["support_email"])
    assert support["live"]["waiting_now"] == 2  # Núria's and Joan's emails
    assert [a["user_id"] for a in support["agents"]] == [api.world.users["ana"]]
    intervals = sue.get("/api/v1/metrics/intervals", params={"days": 7}).json()
    assert intervals["interval_minutes"] == 15 and len(intervals["queues"]) == 3

    # Housekeeping announces the figures to supervisors and admins only.
    announced = eventually(
        lambda: [c for c in feed(sue, 1)[0] if c["entity"] == "metrics"],
        "figures in the supervisor's feed",
    )
    assert announced[-1]["data"]["queues"]
    for agent in (ana, bob):
        changes, _ = feed(agent, 1)
        assert not [c for c in changes if c["entity"] == "metrics"]


def test_figures_show_the_capacity_routing_applies(api):
    sue, w = api.login("sue"), api.world
    engine, sessions = db(api)
    try:
        with sessions() as session:
            assert session.get(m.AgentState, w.users["ana"]) is None

        def capacities() -> dict[tuple[str, int], int]:
            figures = sue.get("/api/v1/metrics/queues").json()
            return {(q["channel"], a["user_id"]): a["capacity"] for q in figures["queues"] for a in q["agents"]}

        # No stored state: each channel's default, as routing gives her once she is available.
        assert capacities()[("email", w.users["ana"])] == routing.DEFAULT_CAPACITY["email"]
        assert capacities()[("whatsapp", w.users["ana"])] == routing.DEFAULT_CAPACITY["whatsapp"]
        r = sue.patch(f"/api/v1/users/{w.users['ana']}/capacity", json={"capacity": {"email": 3}})
        assert r.status_code == 200, r.text
        assert capacities()[("email", w.users["ana"])] == 3
        assert capacities()[("whatsapp", w.users["ana"])] == routing.DEFAULT_CAPACITY["whatsapp"]
    finally:
        engine.dispose()


def test_overflow_moves_new_contacts_with_their_context(api):
    ana, bob, sue = api.login("ana"), api.login("bob"), api.login("sue")
    w = api.world
    support, billing = w.queues["support_email"], w.queues["billing_email"]
    r = sue.put(
        f"/api/v1/queues/{support}/policy",
        json={"service_level_s": 60, "overflow": {"to_queue_id": billing, "max_waiting": 1}},
    )
    assert r.status_code == 200, r.text
    cursor = head(ana)
    engine, sessions = db(api)
    try:
        with sessions() as session:
            # Two emails already wait on support: more than 1, so this one overflows.
            message = ingest(
                session,
                Inbound(
                    queue_id=support,
                    address=normalize("email", "nuria.puig@example.cat"),
                    subject="Una altra cosa",
                    text="Una pregunta més",
                    external_id="<overflow@example.cat>",
                ),
            )
            session.commit()
            cid, mid = message.conversation_id, message.id
    finally:
        engine.dispose()
    moved = bob.get(f"/api/v1/conversations/{cid}").json()
    assert moved["queue_id"] == billing
    assert [x["id"] for x in moved["messages"]] == [mid]
    assert [x["queue_id"] for x in moved["messages"]] == [billing]
    kinds = [e["kind"] for e in moved["events"]]
    assert "created" in kinds and "moved" in kinds
    move = next(e for e in moved["events"] if e["kind"] == "moved")
    assert move["data"] == {"from_queue_id": support, "to_queue_id": billing, "why": "overflow"}
    assert all(e["queue_id"] == billing for e in moved["events"])
    # Ana, who works support only, saw it arrive and is told to drop it; its message went
    # straight to billing, so she never got it.
    changes, _ = feed(ana, cursor)
    assert ("conversation", cid) in {(c["entity"], c["id"]) for c in changes if c["op"] == "revoke"}
    assert ("message", mid) not in {(c["entity"], c["id"]) for c in changes}
    assert ana.get(f"/api/v1/conversations/{cid}").status_code == 404
    # It is on Núria's timeline, where supervisors see the move.
    timeline = sue.get(f"/api/v1/contacts/{w.contacts['nuria']}/timeline").json()
    assert any(item["type"] == "event" and item["event"]["kind"] == "moved" for item in timeline["items"])


def test_manual_move_by_a_supervisor(api):
    bob, sue = api.login("bob"), api.login("sue")
    w = api.world
    cid = w.conversations["john_billing"]
    cursor = head(bob)
    r = sue.post(f"/api/v1/conversations/{cid}/move", json={"queue_id": w.queues["support_email"]})
    assert r.status_code == 200, r.text
    assert r.json()["queue_id"] == w.queues["support_email"]
    changes, _ = feed(bob, cursor)
    assert ("conversation", cid) in {(c["entity"], c["id"]) for c in changes if c["op"] == "revoke"}
    events = api.login("ana").get(f"/api/v1/conversations/{cid}").json()["events"]
    assert any(
        e["kind"] == "moved" and e["data"]["why"] == "manual" and e["actor_id"] == w.users["sue"] for e in events
    )
    again = sue.post(f"/api/v1/conversations/{cid}/move", json={"queue_id": w.queues["support_email"]})
    assert again.status_code == 422


def test_sla_pauses_while_pending_and_breaches_become_events(api):
    ana, sue = api.login("ana"), api.login("sue")
    w = api.world
    cid = w.conversations["joan_email"]
    before = conversation(ana, cid)
    assert before["first_response_due_at"] is not None  # support email: first response in 1 hour
    ana.post(f"/api/v1/conversations/{cid}/status", json={"status": "pending"}).raise_for_status()
    paused = conversation(ana, cid)
    assert paused["first_response_due_at"] is None
    ana.post(f"/api/v1/conversations/{cid}/status", json={"status": "open"}).raise_for_status()
    resumed = conversation(ana, cid)
    # Its due time was long past when paused; the time left (none) restarts from now.
    assert resumed["first_response_due_at"] is not None

    # An email due an hour after it came, 61 minutes ago: housekeeping records its breach once.
    engine, sessions = db(api)
    try:
        with sessions() as session:
            late = ingest(
                session,
                Inbound(
                    queue_id=w.queues["support_email"],
                    address=normalize("email", "late@example.cat"),
                    text="Any news?",
                    subject="Late",
                    received_at=utcnow() - timedelta(minutes=61),
                ),
            ).conversation_id
            session.commit()
    finally:
        engine.dispose()

    def breaches(conversation_id: int) -> list[dict[str, Any]]:
        events = sue.get(f"/api/v1/conversations/{conversation_id}").json()["events"]
        return [e for e in events if e["kind"] == EventKind.SLA_BREACHED.value]

    found = eventually(lambda: breaches(late), "an sla_breached event")
    assert found[0]["data"]["target"] == "first_response"
    time.sleep(0.5)  # a few more housekeeping rounds: still one
    assert len(breaches(late)) == 1
    # The world's emails missed their targets days ago: marked in the same rounds (older
    # conversations first), without events that would date those breaches now.
    assert breaches(w.conversations["nuria_email"]) == []


def test_business_hours_due_times(api):
    sue = api.login("sue")
    w = api.world
    queue = w.queues["support_whatsapp"]
    calendar = {"timezone": "UTC", "hours": {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}}
    r = sue.put(f"/api/v1/queues/{queue}/policy", json={"calendar": calendar, "sla_first_response_s": 3600})
    assert r.status_code == 200, r.text
    bad = sue.put(f"/api/v1/queues/{queue}/policy", json={"calendar": {"hours": {"mon": [["18:00", "09:00"]]}}})
    assert bad.status_code == 422
    engine, sessions = db(api)
    try:
        with sessions() as session:
            # Friday 16:30 UTC: half an hour on Friday, half an hour on Monday morning.
            friday = (utcnow() - timedelta(days=30)).replace(hour=16, minute=30, second=0, microsecond=0)
            friday -= timedelta(days=(friday.weekday() - 4) % 7)
            message = ingest(
                session,
                Inbound(queue_id=queue, address=normalize("phone", "+34 600 111 222"), text="hola", received_at=friday),
            )
            due = session.get(m.Conversation, message.conversation_id).first_response_due_at
            assert due == friday + timedelta(days=2, hours=17)  # Monday 09:30
            session.rollback()
    finally:
        engine.dispose()


@pytest.mark.asyncio
async def test_presence_goes_offline_after_the_stream_is_gone(api):
    ana = api.login("ana")
    engine, sessions = db(api)

    def state() -> m.AgentState | None:
        with sessions() as session:
            return session.scalar(select(m.AgentState).where(m.AgentState.user_id == api.world.users["ana"]))

    try:
        await asyncio.to_thread(ana.post, "/api/v1/me/presence", json={"presence": "available"})
        async with websockets.connect(
            f"{api.server.ws_url}/api/v1/stream", additional_headers={"Authorization": ana.headers["Authorization"]}
        ) as ws:
            await asyncio.wait_for(ws.recv(), 10)
        gone = await asyncio.to_thread(eventually, lambda: (s := state()) and s.disconnected_at, "the disconnect")
        with sessions() as session:
            # Within the grace period nothing changes; past it, offline.
            assert routing.expire_presence(session, 60, now=gone + timedelta(seconds=30)) == []
            assert routing.expire_presence(session, 60, now=gone + timedelta(seconds=61)) == [api.world.users["ana"]]
            session.commit()
        assert state().presence == "offline"
    finally:
        engine.dispose()
