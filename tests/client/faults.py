"""Shared steps of the fault tests: drive writes through a proxy, wait, and check the outcome."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable

from sqlalchemy import select

from agentdesk.client.app import AgentDeskClient
from agentdesk.client.cache.database import Cache
from agentdesk.server.db import models as m
from tests.client.conftest import Env, assert_cache_matches_server


async def until(predicate: Callable[[], bool], limit_s: float = 60) -> None:
    async def poll() -> None:
        while not predicate():
            await asyncio.sleep(0.02)

    await asyncio.wait_for(poll(), limit_s)


def outbox_done(cache: Cache) -> bool:
    with cache.read() as conn:
        return not conn.exec_driver_sql("SELECT count(*) FROM outbox WHERE state != 'sent' OR NOT settled").scalar()


def server_note_counts(env: Env, prefix: str) -> Counter[str]:
    with env.sessions()() as session:
        texts = session.scalars(select(m.Message.text).where(m.Message.text.like(f"{prefix}%")))
        return Counter(texts)


async def finish_and_check(env: Env, client: AgentDeskClient, prefix: str, issued: list[str]) -> None:
    """Once the outbox is through: the cache is the server's view, and each write landed once."""
    await until(lambda: outbox_done(client.cache))
    await client.engine.stop()
    await client.engine.sync_once()
    assert_cache_matches_server(client.cache, env.server.url, client.session.token)
    counts = server_note_counts(env, prefix)
    assert sorted(counts) == sorted(issued)
    assert set(counts.values()) == {1}, [t for t, n in counts.items() if n != 1][:5]
