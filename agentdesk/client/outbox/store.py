"""The outbox table: items made, their state, and the transitions between states.

Every transition that changes what the overlay contains rebuilds it in the same
transaction, so the cache never shows a write as both applied and refused.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection

from agentdesk.client.cache.apply import Touched
from agentdesk.client.cache.database import Cache
from agentdesk.client.cache.values import from_json, now_ts, to_json
from agentdesk.client.outbox import overlay
from agentdesk.client.outbox.writes import Write


class ItemState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    kind: str
    method: str
    path: str
    body: dict[str, Any] | None
    target: dict[str, Any]
    idempotency_key: str
    state: ItemState
    error: str | None
    attempts: int
    result: Any

    @property
    def conversation_id(self) -> int | None:
        return self.target.get("conversation_id")

    @property
    def files(self) -> list[dict[str, Any]]:
        """The staged files of a reply (`outbox.files`), with their server ids once uploaded."""
        return self.target.get("files", [])


_COLUMNS = "id, kind, method, path, body, target, idempotency_key, state, error, attempts, result"


def _item(row: Any) -> OutboxItem:
    return OutboxItem(
        id=row[0],
        kind=row[1],
        method=row[2],
        path=row[3],
        body=from_json(row[4]),
        target=from_json(row[5]),
        idempotency_key=row[6],
        state=ItemState(row[7]),
        error=row[8],
        attempts=row[9],
        result=from_json(row[10]),
    )


def get(conn: Connection, item_id: int) -> OutboxItem | None:
    row = conn.exec_driver_sql(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?", (item_id,)).first()
    return None if row is None else _item(row)


def enqueue(cache: Cache, write: Write) -> tuple[OutboxItem, Touched]:
    """Store the write and show its effect, in one transaction: it survives a crash from here on."""
    with cache.write() as conn:
        now = now_ts()
        item_id = conn.exec_driver_sql(
            "INSERT INTO outbox (kind, method, path, body, target, idempotency_key, state, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING id",
            (write.kind, write.method, write.path, to_json(write.body), to_json(write.target), _key(), now, now),
        ).scalar_one()
        touched = Touched()
        overlay.EFFECTS[write.kind](conn, item_id, write.body or {}, write.target, touched)
        item = get(conn, item_id)
    assert item is not None
    return item, touched


def next_pending(cache: Cache) -> OutboxItem | None:
    with cache.read() as conn:
        row = conn.exec_driver_sql(f"SELECT {_COLUMNS} FROM outbox WHERE state = 'pending' ORDER BY id LIMIT 1").first()
    return None if row is None else _item(row)


_PLACEHOLDER = re.compile(r"/-(\d+)(?=/|$)")


def makers(item: OutboxItem) -> list[int]:
    """The outbox items that make the rows this item names by placeholder (see `qa_writes`)."""
    found = [int(n) for n in _PLACEHOLDER.findall(item.path)]
    parent = (item.body or {}).get("parent_id")
    if isinstance(parent, int) and parent < 0:
        found.append(-parent)
    return found


def resolve(cache: Cache, item: OutboxItem) -> tuple[OutboxItem, str | None]:
    """The item with the server's ids in place of the placeholders it names.

    The items that make those rows come first in the outbox, so they have been sent by now;
    when one was refused, so is this item, with the reason: the server never saw its row.
    """
    parent = (item.body or {}).get("parent_id")
    ids: dict[int, int] = {}
    with cache.read() as conn:
        for maker_id in makers(item):
            maker = get(conn, maker_id)
            if maker is None or maker.state is not ItemState.SENT or not isinstance(maker.result, dict):
                why = maker.error if maker is not None and maker.error else "it was not saved"
                return item, f"what this belongs to was not saved: {why}"
            ids[maker_id] = int(maker.result["id"])
    path = _PLACEHOLDER.sub(lambda match: f"/{ids[int(match.group(1))]}", item.path)
    body = item.body
    if isinstance(parent, int) and parent < 0 and body is not None:
        body = {**body, "parent_id": ids[-parent]}
    return replace(item, path=path, body=body), None


def count_attempt(cache: Cache, item_id: int) -> None:
    with cache.write() as conn:
        conn.exec_driver_sql(
            "UPDATE outbox SET attempts = attempts + 1, updated_at = ? WHERE id = ?", (now_ts(), item_id)
        )


def record_upload(cache: Cache, item_id: int, index: int, file_id: int) -> OutboxItem:
    """The server holds the item's `index`-th file as `file_id`: it is not uploaded again."""
    with cache.write() as conn:
        conn.exec_driver_sql(
            "UPDATE outbox SET target = json_set(target, ?, ?), updated_at = ? WHERE id = ?",
            (f"$.files[{index}].file_id", file_id, now_ts(), item_id),
        )
        item = get(conn, item_id)
    assert item is not None
    return item


def mark_sent(cache: Cache, item_id: int, result: Any) -> tuple[OutboxItem, Touched]:
    # The effect stays in the overlay until the feed has been read past the write (`settle`);
    # a row the write made moves from its placeholder id to the server's meanwhile.
    with cache.write() as conn:
        conn.exec_driver_sql(
            "UPDATE outbox SET state = 'sent', error = NULL, result = ?, updated_at = ? WHERE id = ?",
            (to_json(result), now_ts(), item_id),
        )
        item = get(conn, item_id)
        assert item is not None
        touched = overlay.rebuild(conn) if item.kind in overlay.MAKERS else Touched()
    return item, touched


def mark_failed(cache: Cache, item_id: int, reason: str) -> tuple[OutboxItem, Touched]:
    with cache.write() as conn:
        conn.exec_driver_sql(
            "UPDATE outbox SET state = 'failed', error = ?, updated_at = ? WHERE id = ?", (reason, now_ts(), item_id)
        )
        touched = overlay.rebuild(conn)
        item = get(conn, item_id)
    assert item is not None
    return item, touched


def retry(cache: Cache, item_id: int) -> tuple[OutboxItem, Touched]:
    """Send a failed item again. A new key: the server keeps the refusal under the old one."""
    with cache.write() as conn:
        updated = conn.exec_driver_sql(
            "UPDATE outbox SET state = 'pending', error = NULL, attempts = 0, idempotency_key = ?, updated_at = ? "
            "WHERE id = ? AND state = 'failed'",
            (_key(), now_ts(), item_id),
        ).rowcount
        if not updated:
            raise ValueError(f"outbox item {item_id} has not failed")
        touched = overlay.rebuild(conn)
        item = get(conn, item_id)
    assert item is not None
    return item, touched


def discard(cache: Cache, item_id: int) -> OutboxItem | None:
    """Forget a failed item (the user read the reason and gave up on it); the item, if it was one."""
    with cache.write() as conn:
        item = get(conn, item_id)
        conn.exec_driver_sql("DELETE FROM outbox WHERE id = ? AND state = 'failed'", (item_id,))
    return item if item is not None and item.state is ItemState.FAILED else None


def unsettled_ids(conn: Connection) -> list[int]:
    return list(conn.exec_driver_sql("SELECT id FROM outbox WHERE state = 'sent' AND NOT settled").scalars())


def settle(conn: Connection, ids: list[int]) -> None:
    if ids:
        conn.exec_driver_sql("UPDATE outbox SET settled = 1 WHERE id = ?", [(i,) for i in ids])


def items(
    cache: Cache, *, states: tuple[ItemState, ...] = tuple(ItemState), conversation_id: int | None = None
) -> list[OutboxItem]:
    marks = ", ".join("?" * len(states))
    sql = f"SELECT {_COLUMNS} FROM outbox WHERE state IN ({marks})"
    params: list[Any] = [s.value for s in states]
    if conversation_id is not None:
        sql += " AND json_extract(target, '$.conversation_id') = ?"
        params.append(conversation_id)
    with cache.read() as conn:
        return [_item(r) for r in conn.exec_driver_sql(sql + " ORDER BY id", tuple(params)).all()]


def _key() -> str:
    return f"agentdesk-{uuid.uuid4()}"
