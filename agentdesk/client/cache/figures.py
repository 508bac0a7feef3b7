"""Keeping the wallboard's figures: the newest of each kind, and the agents' states from them.

Figures reach the cache two ways: pushed through the feed (entity `metrics`, addressed to
supervisors and admins alone) and fetched on demand (`GET /metrics/queues`, `/intervals`).
Several server processes may announce them, in any order: the newest computation wins.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection

from agentdesk.client.cache.values import now_ts, to_json, to_ts

ENTITY = "metrics"
CURRENT = "queues"


def intervals_name(days: int) -> str:
    return f"intervals:{days}"


def store(conn: Connection, name: str, data: dict[str, Any]) -> bool:
    """Keep `data` unless newer figures of that name are already kept; True when kept."""
    computed_at = to_ts(data.get("computed_at"))
    kept = conn.exec_driver_sql("SELECT computed_at FROM figures WHERE name = ?", (name,)).scalar()
    if kept is not None and computed_at is not None and kept > computed_at:
        return False
    conn.exec_driver_sql(
        "INSERT INTO figures (name, data, computed_at, received_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET data = excluded.data, computed_at = excluded.computed_at, "
        "received_at = excluded.received_at",
        (name, to_json(data), computed_at, now_ts()),
    )
    if name == CURRENT:
        _store_agents(conn, data, computed_at or now_ts())
    return True


def apply_feed(conn: Connection, changes: list[dict[str, Any]]) -> None:
    """The `metrics` changes of a feed page (each one the whole of `GET /metrics/queues`)."""
    for change in changes:
        if change["entity"] == ENTITY and change["op"] == "upsert" and isinstance(change.get("data"), dict):
            store(conn, CURRENT, change["data"])


def _store_agents(conn: Connection, data: dict[str, Any], as_of: str) -> None:
    """One row per agent, merging the queues they work: capacity and load per channel."""
    agents: dict[int, dict[str, Any]] = {}
    capacity: dict[int, dict[str, int]] = defaultdict(dict)
    active: dict[int, dict[str, int]] = defaultdict(dict)
    for queue in data.get("queues", []):
        for agent in queue.get("agents", []):
            uid = agent["user_id"]
            agents[uid] = agent
            capacity[uid][queue["channel"]] = agent["capacity"]
            active[uid][queue["channel"]] = agent["active"]
    conn.exec_driver_sql("DELETE FROM agent_states")
    if agents:
        conn.exec_driver_sql(
            "INSERT INTO agent_states (user_id, name, presence, presence_since, capacity, active, as_of) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    uid,
                    a.get("name"),
                    a.get("presence"),
                    to_ts(a.get("presence_since")),
                    to_json(capacity[uid]),
                    to_json(active[uid]),
                    as_of,
                )
                for uid, a in agents.items()
            ],
        )
