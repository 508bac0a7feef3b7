"""A dismissed or accepted suggestion stays away after the program restarts, until its evidence changes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from agentdesk.assist import actions
from agentdesk.assist.rules import suggest
from agentdesk.client.outbox.store import ItemState
from agentdesk.domain.identity import normalize
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.services.conversations import Inbound, ingest
from tests.client.conftest import sign_in


def _kinds(client, conversation_id: int) -> set[str]:
    return {s.kind for s in suggest(client, conversation_id)}


@pytest.mark.asyncio
async def test_dismissed_until_the_customer_writes_again(env):
    cid = env.world.conversations["nuria_email"]
    ana = await sign_in(env, "ana")
    try:
        await ana.engine.sync_once()
        (offer,) = [s for s in suggest(ana, cid) if s.kind == "callback"]
        actions.dismiss(ana, cid, offer)
        assert "callback" not in _kinds(ana, cid)
        await ana.engine.flush_outbox()
    finally:
        await ana.close()

    ana = await sign_in(env, "ana")  # the program restarted: same profile, same cache
    try:
        await ana.engine.sync_once()
        assert "callback" not in _kinds(ana, cid)
        assert [
            e["data"]["suggestion"] for e in ana.conversation(cid).events if e["kind"] == "suggestion_dismissed"
        ] == ["callback"]
        # The customer wrote again (two hours ago): a new wait, new evidence; the rule speaks again.
        with env.sessions()() as session:
            ingest(
                session,
                Inbound(
                    queue_id=env.world.queues["support_email"],
                    address=normalize("email", "nuria.puig@example.cat"),
                    subject="Re: On és la meva comanda?",
                    text="Encara no sé res de la comanda.",
                    external_id="<m9@example.cat>",
                    conversation_id=cid,
                    received_at=utcnow() - timedelta(hours=2),
                ),
            )
            session.commit()
        await ana.engine.sync_once()
        assert "callback" in _kinds(ana, cid)
    finally:
        await ana.close()


@pytest.mark.asyncio
async def test_an_accepted_template_is_not_offered_again_after_a_restart_while_the_window_stays_closed(env):
    """Joan last wrote on WhatsApp three days ago: the window is closed, a template is the way back."""
    cid = env.world.conversations["joan_whatsapp"]
    with env.sessions()() as session:
        queue = session.get(m.Queue, env.world.queues["support_whatsapp"])
        template = {"name": "follow_up", "language": "es", "purpose": "window_closed", "parameters": ["contact.name"]}
        queue.settings = {**(queue.settings or {}), "templates": [{**template, "body": "Hola {{1}}, ¿seguimos?"}]}
        session.commit()
    ana = await sign_in(env, "ana")
    try:
        await ana.engine.sync_once()
        (offer,) = [s for s in suggest(ana, cid) if s.kind == "template"]
        actions.accept(ana, cid, offer)
        assert "template" not in _kinds(ana, cid)
        await ana.engine.flush_outbox()
        assert not ana.outbox(states=(ItemState.FAILED,))
    finally:
        await ana.close()

    ana = await sign_in(env, "ana")  # the program restarted: same profile, same cache
    try:
        await ana.engine.sync_once()
        kinds = [e["data"]["suggestion"] for e in ana.conversation(cid).events if e["kind"] == "suggestion_accepted"]
        assert kinds == ["template"]
        # The customer has not written since: the same evidence, so nothing to offer again.
        assert "template" not in _kinds(ana, cid)
    finally:
        await ana.close()
