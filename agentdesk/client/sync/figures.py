"""Fetching the wallboard's figures on demand (the feed pushes them only when they change)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from agentdesk.client.cache import figures
from agentdesk.client.cache.database import Cache
from agentdesk.client.queries.figures import Figures, kept
from agentdesk.client.sync import on_demand


class FiguresUnavailable(Exception):
    """The figures could not be fetched now (offline, server trouble); the kept ones still show."""


class FiguresRefused(FiguresUnavailable):
    """The server will not give this user the figures (not a supervisor or admin)."""


async def fetch(
    http: httpx.AsyncClient, token: str, cache: Cache, name: str, path: str, params: dict[str, Any] | None = None
) -> Figures:
    response = await on_demand.get(http, token, path, params, unavailable=FiguresUnavailable, refused=FiguresRefused)
    data = response.json()

    def keep() -> Figures:
        with cache.write() as conn:
            figures.store(conn, name, data)
        found = kept(cache, name)
        assert found is not None
        return found

    return await asyncio.to_thread(keep)
