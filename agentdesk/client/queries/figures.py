"""The wallboard's reads, from the cache only: the newest figures, intervals and agents' states.

An agent's state is what the newest figures said, with the presence and capacity writes
still in the outbox on top: a pending one shows what was asked, a sent one the server's
answer until newer figures arrive, and a refused one nothing (that is its rollback).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from agentdesk.client.cache import figures
from agentdesk.client.cache.database import Cache
from agentdesk.client.cache.values import from_json, from_ts, to_ts


@dataclass(frozen=True, slots=True)
class Figures:
    """Figures as the server computed them (the JSON of its answer), and when."""

    data: dict[str, Any]
    computed_at: datetime | None
    received_at: datetime


@dataclass(frozen=True, slots=True)
class AgentState:
    user_id: int
    name: str
    presence: str
    presence_since: datetime | None
    capacity: dict[str, int] = field(default_factory=dict)  # channel -> conversations at once
    active: dict[str, int] = field(default_factory=dict)  # channel -> open and pending now
    changing: bool = False  # a change waits in the outbox

    @property
    def active_total(self) -> int:
        return sum(self.active.values())


def kept(cache: Cache, name: str) -> Figures | None:
    with cache.read() as conn:
        row = conn.exec_driver_sql("SELECT data, computed_at, received_at FROM figures WHERE name = ?", (name,)).first()
    if row is None:
        return None
    received = from_ts(row[2])
    assert received is not None
    return Figures(from_json(row[0]), from_ts(row[1]), received)


def current(cache: Cache) -> Figures | None:
    return kept(cache, figures.CURRENT)


def intervals(cache: Cache, days: int) -> Figures | None:
    return kept(cache, figures.intervals_name(days))


def agent_states(cache: Cache) -> dict[int, AgentState]:
    with cache.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT user_id, name, presence, presence_since, capacity, active, as_of FROM agent_states"
        ).all()
        names = dict(conn.exec_driver_sql("SELECT id, display_name FROM users").all())
        writes = conn.exec_driver_sql(
            "SELECT state, body, target, result, updated_at FROM outbox "
            "WHERE kind IN ('presence', 'capacity') AND state != 'failed' ORDER BY id"
        ).all()
    states: dict[int, AgentState] = {}
    as_of: dict[int, str] = {}
    for uid, name, presence, since, capacity, active, row_as_of in rows:
        states[uid] = AgentState(
            uid,
            name or names.get(uid) or "",
            presence or "offline",
            from_ts(since),
            from_json(capacity) or {},
            from_json(active) or {},
        )
        as_of[uid] = row_as_of
    for state, body, target, result, updated_at in writes:
        uid = from_json(target)["user_id"]
        base = states.get(uid) or AgentState(uid, names.get(uid) or "", "offline", None)
        if state == "pending":
            states[uid] = _asked(base, from_json(body), updated_at)
        elif updated_at > as_of.get(uid, "") and isinstance(answer := from_json(result), dict):
            states[uid] = _answered(base, answer)
    return states


def _asked(state: AgentState, body: dict[str, Any], at: str) -> AgentState:
    if "presence" in body:
        since = state.presence_since if body["presence"] == state.presence else from_ts(to_ts(at))
        return replace(state, presence=body["presence"], presence_since=since, changing=True)
    return replace(state, capacity={**state.capacity, **body.get("capacity", {})}, changing=True)


def _answered(state: AgentState, answer: dict[str, Any]) -> AgentState:
    return replace(
        state,
        presence=answer.get("presence", state.presence),
        presence_since=from_ts(to_ts(answer.get("presence_since"))) or state.presence_since,
        capacity=answer.get("capacity", state.capacity),
        changing=False,
    )
