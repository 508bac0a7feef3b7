"""Accepting "offer a callback" creates a real callback through the outbox; agents mark it done or missed."""

from __future__ import annotations

import pytest

from agentdesk.assist import actions
from agentdesk.assist.rules import suggest
from agentdesk.client.outbox.store import ItemState
from agentdesk.server.db import models as m


async def _settled(client) -> None:
    await client.engine.flush_outbox()
    await client.engine.sync_once()


def _server_callbacks(env) -> list[tuple[int, str, str | None]]:
    with env.sessions()() as session:
        return [(c.conversation_id, c.status, c.address) for c in session.query(m.Callback).order_by(m.Callback.id)]


@pytest.mark.asyncio
async def test_accepting_the_suggestion_creates_the_callback_and_it_is_marked_done(env, ana):
    await ana.engine.sync_once()
    cid = env.world.conversations["nuria_email"]
    (offer,) = [s for s in suggest(ana, cid) if s.kind == "callback"]
    assert offer.action.kind == "create_callback"
    text = actions.accept(ana, cid, offer)
    assert text is not None and ("call you back" in text or "truquem" in text or "llamamos" in text)
    # Shown at once, before the server has it; not suggested again meanwhile.
    (pending,) = ana.callbacks.listed()
    assert pending["id"] < 0 and pending["conversation_id"] == cid and pending["status"] == "requested"
    assert not [s for s in suggest(ana, cid) if s.kind == "callback"]
    await _settled(ana)
    await ana.engine.sync_once()
    assert _server_callbacks(env) == [(cid, "requested", "+34612345678")]
    (callback,) = ana.callbacks.listed()
    assert callback["id"] > 0 and callback["contact_name"] == "Núria Puig"
    assert [c["id"] for c in ana.callbacks.of_contact(env.world.contacts["nuria"])] == [callback["id"]]
    kinds = [e["kind"] for e in ana.conversation(cid).events]
    assert "callback_requested" in kinds and "suggestion_accepted" in kinds

    ana.callbacks.take(callback["id"])
    assert ana.callbacks.listed(mine=True)[0]["id"] == callback["id"]
    ana.callbacks.set_status(callback["id"], "done")
    assert ana.callbacks.listed() == []
    await _settled(ana)
    assert _server_callbacks(env) == [(cid, "done", "+34612345678")]
    assert {i.state for i in ana.outbox()} == {ItemState.SENT}


@pytest.mark.asyncio
async def test_a_refused_callback_leaves_with_the_reason(env, ana):
    await ana.engine.sync_once()
    # Joan wrote by email only: there is no number to call.
    item = ana.callbacks.create(env.world.conversations["joan_email"])
    assert ana.callbacks.listed()
    await ana.engine.flush_outbox()
    (failed,) = ana.outbox(states=(ItemState.FAILED,))
    assert failed.id == item.id and "no phone address" in (failed.error or "")
    assert ana.callbacks.listed() == [] and _server_callbacks(env) == []
