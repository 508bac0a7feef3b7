"""The cache follows what the user may see: lost access drops rows, gained access fetches them,
and a cursor older than the compacted log starts again without losing the outbox."""

from __future__ import annotations

import pytest

from agentdesk.client.outbox.store import ItemState
from agentdesk.client.sync import pages
from agentdesk.domain.enums import MessageKind
from agentdesk.server import feed
from agentdesk.server.db import models as m
from agentdesk.server.services.admin import set_membership
from agentdesk.server.services.conversations import reply
from tests.client.conftest import assert_cache_matches_server


@pytest.mark.asyncio
async def test_leaving_a_team_drops_its_rows_and_joining_one_fetches_them(env, ana):
    w = env.world
    await ana.engine.sync_once()
    assert ana.conversation(w.conversations["nuria_email"]) is not None
    with env.sessions()() as session:
        set_membership(session, w.users["ana"], w.teams["support"], False)
        set_membership(session, w.users["ana"], w.teams["billing"], True)
        session.commit()
    await ana.engine.sync_once()
    assert ana.conversation(w.conversations["nuria_email"]) is None
    assert ana.conversation(w.conversations["john_billing"]) is not None
    assert {q["id"] for q in ana.queues()} == {w.queues["billing_email"]}
    assert_cache_matches_server(ana.cache, env.server.url, ana.session.token)


@pytest.mark.asyncio
async def test_a_compacted_cursor_rebootstraps_and_keeps_the_outbox(env, ana):
    w = env.world
    await ana.engine.sync_once()
    item = ana.add_note(w.conversations["joan_email"], "escrita abans de la compactació")
    with env.sessions()() as session:
        sue = session.get(m.User, w.users["sue"])
        reply(session, sue, w.conversations["nuria_email"], "nota nova", kind=MessageKind.NOTE)
        session.commit()
        assert feed.compact(session, feed.head_seq(session)) > 0
        session.commit()
        # The client's cursor is now behind the horizon: the server answers 410 Gone to it.
        assert pages.position(ana.cache).cursor < feed.compacted_through(session)
    await ana.engine.sync_once()
    notes = [x["text"] for x in ana.conversation(w.conversations["nuria_email"]).messages]
    assert "nota nova" in notes
    # The write made before the re-bootstrap is still waiting, and still shown.
    assert [i.state for i in ana.outbox()] == [ItemState.PENDING]
    assert "escrita abans de la compactació" in [
        x["text"] for x in ana.conversation(w.conversations["joan_email"]).messages
    ]
    await ana.engine.flush_outbox()
    await ana.engine.sync_once()
    assert ana.outbox()[0].id == item.id and ana.outbox()[0].state is ItemState.SENT
    assert_cache_matches_server(ana.cache, env.server.url, ana.session.token)
