"""Managing the knowledge base from the client: writes through the outbox, the cache and its search
index following create, update and delete through the feed; a refused write rolls back."""

from __future__ import annotations

import pytest

from agentdesk.assist import kb
from agentdesk.client.outbox import kb_writes
from agentdesk.client.outbox.store import ItemState
from tests.client.conftest import sign_in


async def _settled(client) -> None:
    await client.engine.flush_outbox()
    await client.engine.sync_once()


def _indexed(client, article_id: int) -> bool:
    with client.cache.read() as conn:
        return conn.exec_driver_sql("SELECT 1 FROM kb_fts WHERE rowid = ?", (article_id,)).first() is not None


@pytest.mark.asyncio
async def test_a_team_lead_creates_edits_and_deletes_and_both_caches_and_indexes_follow(env, ana):
    tom = await sign_in(env, "tom")
    try:
        await tom.engine.sync_once()
        await ana.engine.sync_once()
        item = tom.kb.create(
            title="Canviar l'adreça d'enviament",
            body="Des de «El meu compte › Adreces» pots canviar l'adreça abans que la comanda surti del magatzem.",
            language="ca",
            tags=["adreça", "enviament"],
            url="https://help.example/ca/adreca",
            snippets={"whatsapp": "Canvia l'adreça aquí: https://help.example/ca/adreca"},
        )
        # Shown at once, before the server has it, with a placeholder id.
        (pending,) = kb.browse(tom.cache, "adreça")
        assert pending["id"] == -item.id and pending["title"].startswith("Canviar")
        await _settled(tom)
        (created,) = kb.browse(tom.cache, "adreça")
        article_id = created["id"]
        assert article_id > 0 and created["tags"] == ["adreça", "enviament"]
        # The editor's search reads the same index: accents folded, stemmed, a word half typed.
        for typed in ("adreca", "ADREÇES", "enviaments", "envia", "magatz", "canviar adreca"):
            assert [a["id"] for a in kb.browse(tom.cache, typed)] == [article_id], typed
        assert kb.browse(tom.cache, "adreça factura") == [] and kb.browse(tom.cache, " y ") is None

        await ana.engine.sync_once()
        assert [h.id for h in kb.search(ana.cache, "com canvio l'adreça de la comanda", "ca")] == [article_id]

        tom.kb.update(
            article_id, {"title": "Canviar el número de telèfon", "body": "Al perfil, «Telèfon».", "tags": []}
        )
        assert tom.kb.article(article_id)["title"] == "Canviar el número de telèfon"
        await _settled(tom)
        await ana.engine.sync_once()
        assert ana.kb.article(article_id)["title"] == "Canviar el número de telèfon"
        assert [h.id for h in kb.search(ana.cache, "canviar el telèfon", "ca")] == [article_id]
        assert kb.search(ana.cache, "magatzem", "ca") == []

        tom.kb.delete(article_id)
        assert tom.kb.article(article_id) is None
        await _settled(tom)
        await ana.engine.sync_once()
        assert ana.kb.article(article_id) is None and tom.kb.article(article_id) is None
        kb.refresh(ana.cache)
        assert not _indexed(ana, article_id) and not _indexed(tom, article_id)
        assert {i.state for i in tom.outbox()} == {ItemState.SENT}
    finally:
        await tom.close()


@pytest.mark.asyncio
async def test_refused_writes_roll_back_with_the_servers_reason(env, ana):
    tom = await sign_in(env, "tom")
    try:
        await tom.engine.sync_once()
        tom.kb.create(title="Horari", body="De 9 a 18 h.", language="ca")
        await _settled(tom)
        (article,) = kb.browse(tom.cache, "Horari")
        # An agent may not write: shown, then taken back with the reason.
        item = ana.kb.create(title="Esborrany", body="x", language="ca")
        assert kb.browse(ana.cache, "esborrany")
        await ana.engine.flush_outbox()
        (failed,) = ana.outbox(states=(ItemState.FAILED,))
        assert failed.id == item.id and "admins and team leads" in (failed.error or "")
        assert kb.browse(ana.cache, "esborrany") == []
        # A change made on an old version is refused (409) and the article stays as the server has it.
        stale = tom.kb.version(article["id"])
        tom.kb.update(article["id"], {"body": "De 8 a 20 h."})
        await _settled(tom)
        # (As another window would send it: made from the version it had read before.)
        late = tom._submit(kb_writes.update_article(article["id"], {"body": "Tancat"}, if_updated_at=stale))
        assert tom.kb.article(article["id"])["body"] == "Tancat"
        await tom.engine.flush_outbox()
        failed = next(i for i in tom.outbox(states=(ItemState.FAILED,)) if i.id == late.id)
        assert "changed by someone else" in (failed.error or "")
        assert tom.kb.article(article["id"])["body"] == "De 8 a 20 h."
        # An invalid link is refused by the server with its reason.
        bad = tom.kb.update(article["id"], {"url": "ftp://x"})
        await tom.engine.flush_outbox()
        failed = next(i for i in tom.outbox(states=(ItemState.FAILED,)) if i.id == bad.id)
        assert "absolute http(s) address" in (failed.error or "")
        assert tom.kb.article(article["id"])["url"] is None
    finally:
        await tom.close()
