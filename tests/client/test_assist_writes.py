"""Suggestions from the cache, carried out and recorded through the outbox against a real server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from agentdesk.assist import actions, kb
from agentdesk.assist.rules import Action, Suggestion, suggest
from agentdesk.client.outbox.store import ItemState
from agentdesk.server.db import models as m


async def _settled(client) -> None:
    await client.engine.flush_outbox()
    await client.engine.sync_once()


def _events(client, conversation_id: int, kind: str) -> list[dict]:
    return [e for e in client.conversation(conversation_id).events if e["kind"] == kind]


@pytest.mark.asyncio
async def test_accept_and_dismiss_reach_the_timeline_once(env, ana):
    await ana.engine.sync_once()
    cid = env.world.conversations["nuria_email"]
    insert = Suggestion("deflection", "Send the link", "why", 0.8, Action("insert_text", text="See https://x"))
    assert actions.accept(ana, cid, insert) == "See https://x"
    due = datetime.now(UTC) + timedelta(days=1)
    template = {"name": "recordatorio_cita", "language": "es", "parameters": ["Núria"]}
    remind = Suggestion("reminder", "Remind", "why", 0.9, Action("schedule_reminder", template=template, due_at=due))
    assert actions.accept(ana, cid, remind) is None
    actions.dismiss(ana, cid, Suggestion("callback", "Offer a callback", "why", 0.7, Action("insert_text", text="…")))
    await _settled(ana)
    assert {i.state for i in ana.outbox()} == {ItemState.SENT}
    accepted = _events(ana, cid, "suggestion_accepted")
    assert sorted(e["data"]["suggestion"] for e in accepted) == ["deflection", "reminder"]
    assert [e["data"]["suggestion"] for e in _events(ana, cid, "suggestion_dismissed")] == ["callback"]
    (scheduled,) = _events(ana, cid, "reminder_scheduled")
    assert scheduled["data"]["template"] == template and scheduled["data"]["state"] == "scheduled"


@pytest.mark.asyncio
async def test_articles_written_on_the_server_reach_the_index_through_the_feed(env, ana):
    with env.sessions()() as session:
        article = m.KbArticle(
            title="On és la meva comanda?",
            body="Segueix la comanda des de «El meu compte › Comandes». L'enviament triga 24-48 hores.",
            language="ca",
            tags=["comanda", "enviament"],
            url="https://help.example/ca/comanda",
            snippets={"email": "Pots seguir la comanda aquí: https://help.example/ca/comanda"},
        )
        session.add(article)
        session.commit()
        article_id = article.id
    await ana.engine.sync_once()
    cid = env.world.conversations["nuria_email"]
    (deflection,) = [s for s in suggest(ana, cid) if s.kind == "deflection"]
    assert deflection.article_id == article_id and "https://help.example/ca/comanda" in deflection.action.text
    with env.sessions()() as session:
        session.get(m.KbArticle, article_id).title = "Devolucions"
        session.get(m.KbArticle, article_id).body = "Com tornar un producte."
        session.get(m.KbArticle, article_id).tags = []
        session.get(m.KbArticle, article_id).snippets = {}
        session.commit()
    await ana.engine.sync_once()
    assert [h.id for h in kb.search(ana.cache, "tornar un producte", "ca")] == [article_id]
    assert not [s for s in suggest(ana, cid) if s.kind == "deflection"]
