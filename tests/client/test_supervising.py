"""The wallboard's client core against a real server: figures kept from the feed and fetched,
read offline; presence, capacity and moves through the outbox, shown at once, rolled back on refusal."""

from __future__ import annotations

import copy

import httpx
import pytest

from agentdesk.client import auth
from agentdesk.client.app import AgentDeskClient
from agentdesk.client.cache import figures as cache_figures
from agentdesk.client.outbox.store import ItemState
from agentdesk.client.sync.figures import FiguresRefused, FiguresUnavailable
from agentdesk.server.db import models as m
from agentdesk.server.services import metrics
from tests.client.conftest import FAST, sign_in


async def _settled(client: AgentDeskClient) -> None:
    await client.engine.flush_outbox()
    await client.engine.sync_once()


def _announce(env) -> None:
    """What a housekeeping round does when the figures changed: one feed change per supervisor."""
    with env.sessions()() as session:
        assert metrics.Announcer().announce(session) is not None
        session.commit()


def _api(env, client: AgentDeskClient, path: str, **params) -> httpx.Response:
    headers = {"Authorization": f"Bearer {client.session.token}"}
    return httpx.get(env.server.url + path, params=params, headers=headers, timeout=30)


def _stable(figures: dict) -> dict:
    """The figures without the moment they were computed at (and the waits that grow with it)."""
    out = {k: v for k, v in copy.deepcopy(figures).items() if k != "computed_at"}
    for part in out["queues"] + out["channels"]:
        part["live"] = {k: v for k, v in part["live"].items() if k != "longest_wait_now_s"}
    return out


@pytest.mark.asyncio
async def test_figures_from_the_feed_are_kept_and_stay_readable_offline(env):
    sue = await sign_in(env, "sue")
    ana = await sign_in(env, "ana")
    try:
        await sue.engine.sync_once()
        assert sue.wallboard_figures() is None
        _announce(env)
        await sue.engine.sync_once()
        await ana.engine.sync_once()
        kept = sue.wallboard_figures()
        assert kept is not None and kept.computed_at is not None
        feed = _api(env, sue, "/api/v1/sync", since=1, limit=1000).json()["changes"]
        (announced,) = [c["data"] for c in feed if c["entity"] == "metrics"]
        assert kept.data == announced
        assert {q["queue_id"] for q in kept.data["queues"]} == set(env.world.queues.values())
        # The agents' states come with them: Ana works both support queues.
        ana_state = sue.agent_states()[env.world.users["ana"]]
        assert ana_state.name == "Ana" and set(ana_state.capacity) == {"email", "whatsapp"}
        # An agent's feed never carries the figures, and the API refuses them.
        assert ana.wallboard_figures() is None
        with pytest.raises(FiguresRefused, match="supervisors"):
            await ana.refresh_figures()
        # Older figures (another server process, late) never replace newer ones.
        stale = {**announced, "computed_at": "2000-01-01T00:00:00+00:00", "queues": []}
        with sue.cache.write() as conn:
            assert not cache_figures.store(conn, cache_figures.CURRENT, stale)
        assert sue.wallboard_figures().data == announced
    finally:
        await ana.close()
        await sue.close()

    env.server.stop()
    offline = await AgentDeskClient.resume(
        env.server.url, "sue", tokens=auth.TokenStore(), data_dir=env.data_dir, tuning=FAST
    )
    assert offline is not None
    try:
        assert offline.wallboard_figures().data == announced
        assert offline.agent_states()[env.world.users["ana"]].name == "Ana"
        with pytest.raises(FiguresUnavailable, match="cannot be reached"):
            await offline.refresh_figures()
    finally:
        await offline.close()


@pytest.mark.asyncio
async def test_figures_and_intervals_fetched_match_the_api(env):
    sue = await sign_in(env, "sue")
    changes = []
    sue.changed.connect(changes.append)
    try:
        fetched = await sue.refresh_figures()
        assert changes and changes[-1].ids == {"metrics": {0}}
        assert _stable(fetched.data) == _stable(_api(env, sue, "/api/v1/metrics/queues").json())
        assert sue.wallboard_figures().data == fetched.data
        week = await sue.refresh_intervals(7)
        today = await sue.refresh_intervals(1)
        assert week.data["interval_minutes"] == 15 and len(week.data["queues"]) == 3
        assert sue.intervals(7).data == week.data and sue.intervals(1).data == today.data
        assert today.data["start"] > week.data["start"]
    finally:
        await sue.close()


@pytest.mark.asyncio
async def test_capacity_shows_at_once_reaches_the_server_and_a_refusal_rolls_back(env):
    sue = await sign_in(env, "sue")
    ana_id = env.world.users["ana"]
    try:
        await sue.engine.sync_once()
        await sue.refresh_figures()
        before = sue.agent_states()[ana_id].capacity
        sue.set_capacity(ana_id, {"email": 3})
        shown = sue.agent_states()[ana_id]
        assert shown.capacity == {**before, "email": 3} and shown.changing
        await _settled(sue)
        with env.sessions()() as session:
            assert session.get(m.AgentState, ana_id).capacity["email"] == 3
        # The server's answer shows until newer figures say the same.
        assert sue.agent_states()[ana_id].capacity["email"] == 3
        assert not sue.agent_states()[ana_id].changing
        await sue.refresh_figures()
        assert sue.agent_states()[ana_id].capacity["email"] == 3

        failed = []
        sue.outbox_changed.connect(lambda item: item.state is ItemState.FAILED and failed.append(item))
        item = sue.set_capacity(ana_id, {"fax": 2})
        assert sue.agent_states()[ana_id].capacity["fax"] == 2
        await _settled(sue)
        assert [f.id for f in failed] == [item.id] and "'fax' is not a channel" in failed[0].error
        assert "fax" not in sue.agent_states()[ana_id].capacity
        with pytest.raises(ValueError):
            sue.set_capacity(ana_id, {})
    finally:
        await sue.close()


@pytest.mark.asyncio
async def test_presence_is_set_reported_at_sign_in_and_an_agent_cannot_change_capacity(env):
    ana = await sign_in(env, "ana")
    ana_id, bob_id = env.world.users["ana"], env.world.users["bob"]
    try:
        await ana.engine.sync_once()
        assert ana.my_presence() == "offline"
        ana.report_presence()
        assert ana.my_presence() == "available"
        await _settled(ana)
        with env.sessions()() as session:
            assert session.get(m.AgentState, ana_id).presence == "available"
        ana.set_presence("away")
        assert ana.my_presence() == "away"
        await _settled(ana)
        with env.sessions()() as session:
            assert session.get(m.AgentState, ana_id).presence == "away"
        # Back at her desk after a restart, she is still away: that is what she chose.
        ana.report_presence()
        assert ana.my_presence() == "away"
        with pytest.raises(ValueError):
            ana.set_presence("lunch")  # type: ignore[arg-type]

        item = ana.set_capacity(bob_id, {"email": 1})
        await _settled(ana)
        (refused,) = ana.outbox(states=(ItemState.FAILED,))
        assert refused.id == item.id and "only supervisors and admins" in (refused.error or "")
        assert bob_id not in ana.agent_states()
    finally:
        await ana.close()


@pytest.mark.asyncio
async def test_move_to_queue_is_optimistic_and_rolled_back_when_refused(env):
    sue = await sign_in(env, "sue")
    w = env.world
    cid = w.conversations["nuria_email"]
    try:
        await sue.engine.sync_once()
        sue.move_conversation(cid, w.queues["billing_email"])
        assert sue.conversation(cid).conversation["queue_id"] == w.queues["billing_email"]
        await _settled(sue)
        with env.sessions()() as session:
            assert session.get(m.Conversation, cid).queue_id == w.queues["billing_email"]
        assert sue.conversation(cid).conversation["queue_id"] == w.queues["billing_email"]
        assert "moved" in [e["kind"] for e in sue.conversation(cid).events]

        sue.move_conversation(cid, 999_999)
        assert sue.conversation(cid).conversation["queue_id"] == 999_999
        await _settled(sue)
        (refused,) = sue.outbox(states=(ItemState.FAILED,))
        assert refused.kind == "move" and refused.error
        assert sue.conversation(cid).conversation["queue_id"] == w.queues["billing_email"]
    finally:
        await sue.close()
