"""Sign in, sync, write, read back: the whole path against a real server."""

from __future__ import annotations

import asyncio

import pytest

from agentdesk.client.outbox.store import ItemState
from agentdesk.client.queries.inbox import InboxFilter
from agentdesk.client.sync.engine import SyncState
from tests.client.conftest import assert_cache_matches_server


async def _settled(client) -> None:
    await client.engine.flush_outbox()
    await client.engine.sync_once()


@pytest.mark.asyncio
async def test_bootstrap_reports_progress_and_mirrors_the_server(env, ana):
    progress = []
    ana.progress.connect(progress.append)
    await ana.engine.sync_once()
    assert progress and progress[-1].done == progress[-1].total > 0
    assert_cache_matches_server(ana.cache, env.server.url, ana.session.token)
    # Ana works support only: billing conversations never reach her cache.
    assert ana.conversation(env.world.conversations["john_billing"]) is None
    assert ana.conversation(env.world.conversations["nuria_email"]) is not None


@pytest.mark.asyncio
async def test_writes_show_at_once_then_arrive_once(env, ana):
    await ana.engine.sync_once()
    cid = env.world.conversations["nuria_email"]
    item = ana.add_note(cid, "nota: atención al cliente")
    detail = ana.conversation(cid)
    assert detail is not None and detail.messages[-1]["id"] == -item.id
    ana.assign(cid, env.world.users["ana"])
    assert ana.inbox(InboxFilter(view="mine")).total() == 1
    await _settled(ana)
    assert [i.state for i in ana.outbox()] == [ItemState.SENT, ItemState.SENT]
    detail = ana.conversation(cid)
    assert detail is not None
    assert [m["text"] for m in detail.messages if m["kind"] == "note"] == ["nota: atención al cliente"]
    assert all(m["id"] > 0 for m in detail.messages)
    assert_cache_matches_server(ana.cache, env.server.url, ana.session.token)
    assert [h.message_id for h in ana.search_messages("atencion")] == [detail.messages[-1]["id"]]


@pytest.mark.asyncio
async def test_a_refused_write_is_rolled_back_with_the_reason_and_can_be_retried(env, ana):
    await ana.engine.sync_once()
    cid = env.world.conversations["nuria_email"]
    # Agents may not assign to others: the server says why.
    ana.assign(cid, env.world.users["sue"])
    assert ana.conversation(cid).conversation["assignee_id"] == env.world.users["sue"]
    seen = []
    ana.outbox_changed.connect(seen.append)
    await _settled(ana)
    failed = ana.outbox(states=(ItemState.FAILED,))
    assert len(failed) == 1 and "supervisors" in (failed[0].error or "")
    assert seen[-1].state is ItemState.FAILED
    assert ana.conversation(cid).conversation["assignee_id"] is None
    assert_cache_matches_server(ana.cache, env.server.url, ana.session.token)
    ana.retry(failed[0].id)
    assert ana.conversation(cid).conversation["assignee_id"] == env.world.users["sue"]
    await _settled(ana)
    assert ana.outbox(states=(ItemState.FAILED,))[0].id == failed[0].id
    assert ana.conversation(cid).conversation["assignee_id"] is None


@pytest.mark.asyncio
async def test_live_engine_follows_other_writers_through_the_stream(env, ana):
    states = []
    ana.state_changed.connect(states.append)
    ana.start()

    async def until(predicate):
        while not predicate():
            await asyncio.sleep(0.02)

    await asyncio.wait_for(until(lambda: ana.state is SyncState.ONLINE and ana.engine.stream_connected), 20)
    sue = await asyncio.to_thread(_login, env.server.url, "sue")
    cid = env.world.conversations["nuria_whatsapp"]
    sue.post(f"/api/v1/conversations/{cid}/notes", json={"text": "from sue"}).raise_for_status()
    await asyncio.wait_for(until(lambda: any(m["text"] == "from sue" for m in ana.conversation(cid).messages)), 20)
    assert SyncState.SYNCING in states


def _login(url, user):
    from tests.support.world import login

    return login(url, user)
