"""Applying feed changes to the mirror tables, in the caller's transaction.

Runs of consecutive changes with the same entity and op go to SQLite as one executemany:
order within a page is kept (an upsert then a delete of one row stays in that order) and
a snapshot page of one entity is a single statement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from sqlalchemy import Connection, Table

from agentdesk.client.cache import figures
from agentdesk.client.cache.tables import ENTITY_TABLES
from agentdesk.client.cache.values import JSON_COLUMNS, is_timestamp, to_json, to_ts

_SKIP = {"id", "gen", "sla_due_at"}


def _converter(column: str) -> Callable[[Any], Any]:
    if is_timestamp(column):
        return to_ts
    if column in JSON_COLUMNS:
        return to_json
    return lambda value: value


@dataclass(frozen=True)
class _Upsert:
    columns: list[str]
    converters: list[Callable[[Any], Any]]
    sql: str


def _upsert_for(table: Table) -> _Upsert:
    columns = [c.name for c in table.columns if c.name not in _SKIP]
    names = ", ".join(["id", *columns, "gen"])
    marks = ", ".join("?" * (len(columns) + 2))
    updates = ", ".join(f"{c} = excluded.{c}" for c in [*columns, "gen"])
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {updates}"
    return _Upsert(columns, [_converter(c) for c in columns], sql)


UPSERTS: dict[str, _Upsert] = {entity: _upsert_for(table) for entity, table in ENTITY_TABLES.items()}


def row_values(entity: str, row_id: int, data: dict[str, Any], gen: int | None) -> tuple[Any, ...]:
    spec = UPSERTS[entity]
    get = data.get
    return (row_id, *[conv(get(col)) for col, conv in zip(spec.columns, spec.converters, strict=True)], gen)


@dataclass
class Touched:
    """What a write changed, for observers: ids per entity, or `everything` after a sweep."""

    ids: dict[str, set[int]] = field(default_factory=dict)
    everything: bool = False
    resync: bool = False

    def add(self, entity: str, ids: Iterable[int]) -> None:
        self.ids.setdefault(entity, set()).update(ids)

    def merge(self, other: Touched) -> None:
        for entity, ids in other.ids.items():
            self.add(entity, ids)
        self.everything |= other.everything
        self.resync |= other.resync

    def __bool__(self) -> bool:
        return self.everything or any(self.ids.values())


def touched_by(changes: list[dict[str, Any]]) -> Touched:
    """The rows these changes write, and the conversations and contacts those belong to."""
    touched = Touched()
    for change in changes:
        entity, op, data = change["entity"], change["op"], change["data"]
        if op == "resync":
            touched.resync = True
            continue
        if op == "revoke" and entity == "queue":
            touched.everything = True
        touched.add(entity, [change["id"]])
        if op == "upsert" and entity in ("message", "qa_review", "qa_comment"):
            touched.add("conversation", [data.get("conversation_id")])
        if op == "upsert" and entity in ("identity", "event", "conversation", "callback"):
            touched.add("contact", [data.get("contact_id")])
    touched.ids = {entity: {i for i in ids if i is not None} for entity, ids in touched.ids.items()}
    return touched


def apply_changes(conn: Connection, changes: list[dict[str, Any]], gen: int) -> None:
    figures.apply_feed(conn, [c for c in changes if c["entity"] == figures.ENTITY])
    known = [c for c in changes if c["entity"] in ENTITY_TABLES]
    for (entity, op), run in groupby(known, key=lambda c: (c["entity"], c["op"])):
        batch = list(run)
        ids = [c["id"] for c in batch]
        if op == "upsert":
            conn.exec_driver_sql(UPSERTS[entity].sql, [row_values(entity, c["id"], c["data"], gen) for c in batch])
        elif op == "delete":
            _delete(conn, entity, ids)
        elif op == "revoke":
            for row_id in ids:
                _revoke(conn, entity, row_id)


def _delete(conn: Connection, entity: str, ids: list[int]) -> None:
    conn.exec_driver_sql(f"DELETE FROM {ENTITY_TABLES[entity].name} WHERE id = ?", [(i,) for i in ids])


def _revoke(conn: Connection, entity: str, row_id: int) -> None:
    """The user may no longer read this row; for a queue, a conversation or a review, nor what is in it."""
    if entity == "queue":
        for table in ("messages", "events", "callbacks", "conversations"):
            conn.exec_driver_sql(f"DELETE FROM {table} WHERE queue_id = ?", (row_id,))
    elif entity == "conversation":
        for table in ("messages", "events", "callbacks"):
            conn.exec_driver_sql(f"DELETE FROM {table} WHERE conversation_id = ?", (row_id,))
    elif entity == "qa_review":
        conn.exec_driver_sql("DELETE FROM qa_comments WHERE review_id = ?", (row_id,))
    _delete(conn, entity, [row_id])


def sweep(conn: Connection, gen: int) -> None:
    """After a complete snapshot: drop the server rows it did not send (local placeholders stay)."""
    for table in ENTITY_TABLES.values():
        conn.exec_driver_sql(f"DELETE FROM {table.name} WHERE id > 0 AND (gen IS NULL OR gen < ?)", (gen,))
