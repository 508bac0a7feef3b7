"""Who and where: the users one can assign to and the queues one works, from the cache."""

from __future__ import annotations

from typing import Any

from agentdesk.client.cache.database import Cache
from agentdesk.client.queries.records import record


def users(cache: Cache) -> list[dict[str, Any]]:
    with cache.read() as conn:
        rows = conn.exec_driver_sql("SELECT * FROM users WHERE active ORDER BY display_name").mappings()
        return [record(r) for r in rows]


def queues(cache: Cache) -> list[dict[str, Any]]:
    with cache.read() as conn:
        return [record(r) for r in conn.exec_driver_sql("SELECT * FROM queues ORDER BY name").mappings()]
