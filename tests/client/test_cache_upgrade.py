"""A cache written before it kept the WhatsApp window: opened by this version, it takes a fresh
snapshot (keeping its outbox) and then holds the server's window for every conversation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine

from agentdesk.client.cache.migrations import STEPS
from agentdesk.client.outbox.store import ItemState
from agentdesk.server.db import models as m
from tests.client.conftest import sign_in


@pytest.mark.asyncio
async def test_an_older_cache_fills_in_the_whatsapp_window_and_keeps_its_outbox(env):
    conversation = env.world.conversations["nuria_whatsapp"]
    closes = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=3)
    with env.sessions()() as session:
        row = session.get(m.Conversation, conversation)
        assert row is not None
        row.whatsapp_window_closes_at = closes
        session.commit()
    client = await sign_in(env, "ana")
    await client.engine.sync_once()
    path = client.cache.path
    await client.close()
    # As the version before this column left it, with a note still waiting to be sent. No change
    # of that conversation is in the feed after the cursor: only a snapshot brings the window.
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE conversations DROP COLUMN whatsapp_window_closes_at")
        conn.exec_driver_sql(f"PRAGMA user_version = {len(STEPS) - 1}")
    engine.dispose()

    client = await sign_in(env, "ana")
    try:
        client.add_note(conversation, "escrita abans de la nova versió")
        await client.engine.sync_once()
        assert client.conversation(conversation).conversation["whatsapp_window_closes_at"] == closes
        await client.engine.flush_outbox()
        assert [i.state for i in client.outbox()] == [ItemState.SENT]
    finally:
        await client.close()
