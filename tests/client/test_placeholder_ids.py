"""A knowledge-base article or callback made here takes the server's id as soon as the server
answers: the feed's copy then replaces it instead of showing next to it until a later read."""

from __future__ import annotations

import pytest

from agentdesk.client.outbox.store import ItemState
from tests.client.conftest import sign_in


@pytest.mark.asyncio
async def test_a_new_article_takes_the_servers_id_when_sent_and_stays_one_row(env):
    tom = await sign_in(env, "tom")
    try:
        await tom.engine.sync_once()
        before = {a["id"] for a in tom.kb.articles()}
        item = tom.kb.create(title="Horari d'estiu", body="De 8 a 15 h.", language="ca")
        assert {a["id"] for a in tom.kb.articles()} - before == {-item.id}
        changed = []
        tom.engine.changed.connect(changed.append)
        await tom.engine.flush_outbox()
        (sent,) = tom.outbox(states=(ItemState.SENT,))
        server_id = sent.result["id"]
        # Before any feed read: the row is under the server's id, and the screens were told.
        assert {a["id"] for a in tom.kb.articles()} - before == {server_id}
        assert tom.kb.article(server_id)["title"] == "Horari d'estiu"
        assert any({-item.id, server_id} <= t.ids.get("kb_article", set()) for t in changed)
        # An edit before the feed brings the article: based on the version the server answered.
        tom.kb.update(server_id, {"title": "Horari d'estiu (juliol i agost)"})
        await tom.engine.flush_outbox()
        assert not tom.outbox(states=(ItemState.FAILED,))
        await tom.engine.sync_once()
        assert tom.kb.article(server_id)["title"] == "Horari d'estiu (juliol i agost)"
        assert {a["id"] for a in tom.kb.articles()} - before == {server_id}
        assert {i.state for i in tom.outbox()} == {ItemState.SENT}
    finally:
        await tom.close()


@pytest.mark.asyncio
async def test_a_new_callback_takes_the_servers_id_when_sent_and_can_be_taken_at_once(env, ana):
    await ana.engine.sync_once()
    cid = env.world.conversations["nuria_email"]
    item = ana.callbacks.create(cid, note="Prefer mornings")
    assert [c["id"] for c in ana.callbacks.listed()] == [-item.id]
    with pytest.raises(ValueError):
        ana.callbacks.take(-item.id)
    await ana.engine.flush_outbox()
    (sent,) = ana.outbox(states=(ItemState.SENT,))
    server_id = sent.result["id"]
    (callback,) = ana.callbacks.listed()
    assert callback["id"] == server_id and callback["note"] == "Prefer mornings"
    ana.callbacks.take(server_id)
    await ana.engine.flush_outbox()
    await ana.engine.sync_once()
    (taken,) = ana.callbacks.listed()
    assert taken["id"] == server_id and taken["status"] == "scheduled" and taken["assignee_id"] == ana.user_id
    assert [c["id"] for c in ana.callbacks.of_contact(env.world.contacts["nuria"])] == [server_id]


@pytest.mark.asyncio
async def test_a_refused_article_leaves_no_row_behind(env, ana):
    await ana.engine.sync_once()
    before = {a["id"] for a in ana.kb.articles()}
    ana.kb.create(title="Meu", body="x", language="ca")  # agents may not write the knowledge base
    await ana.engine.flush_outbox()
    (failed,) = ana.outbox(states=(ItemState.FAILED,))
    assert failed.error and {a["id"] for a in ana.kb.articles()} == before
