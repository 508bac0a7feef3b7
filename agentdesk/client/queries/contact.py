"""A contact with its identities, and its one cross-channel timeline, newest first, by keyset.

Like the server's timeline, it is derived, never stored twice: the newest `limit`
messages and the newest `limit` events are read through their (contact, time) indexes
and merged, so a page costs the same for a contact with ten items or ten thousand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from agentdesk.client.cache.database import Cache
from agentdesk.client.cache.values import from_ts
from agentdesk.client.queries.records import record

# Within one instant, a message sorts above the event it caused (as on the server).
_RANK = {"message": 1, "event": 0}


@dataclass(frozen=True, slots=True)
class ContactDetail:
    contact: dict[str, Any]
    identities: list[dict[str, Any]]
    merged_into_id: int | None


def contact_detail(cache: Cache, contact_id: int) -> ContactDetail | None:
    with cache.read() as conn:
        row = conn.exec_driver_sql("SELECT * FROM contacts WHERE id = ?", (contact_id,)).mappings().first()
        if row is None:
            return None
        identities = conn.exec_driver_sql(
            "SELECT * FROM identities WHERE contact_id = ? ORDER BY id", (contact_id,)
        ).mappings()
        return ContactDetail(record(row), [record(i) for i in identities], row["merged_into_id"])


@dataclass(frozen=True, slots=True)
class TimelineItem:
    type: Literal["message", "event"]
    at: datetime
    conversation_id: int | None
    channel: str | None
    row: dict[str, Any]
    key: tuple[str, int, int]  # pass the last item's key as `before` for the next page


@dataclass(frozen=True, slots=True)
class TimelinePage:
    items: list[TimelineItem]
    before: tuple[str, int, int] | None  # None: no older items


def _older(at: str, rank: int, key: tuple[str, int, int] | None) -> tuple[str, tuple[Any, ...]]:
    if key is None:
        return "", ()
    at_key, rank_key, id_key = key
    if rank < rank_key:
        return f" AND {at} <= ?", (at_key,)
    if rank > rank_key:
        return f" AND {at} < ?", (at_key,)
    return f" AND ({at}, x.id) < (?, ?)", (at_key, id_key)


def timeline(
    cache: Cache,
    contact_id: int,
    *,
    limit: int = 50,
    before: tuple[str, int, int] | None = None,
    channels: tuple[str, ...] = (),
) -> TimelinePage:
    chan_marks = ", ".join("?" * len(channels))
    with cache.read() as conn:
        cond, params = _older("x.created_at", _RANK["message"], before)
        if channels:
            cond += f" AND x.channel IN ({chan_marks})"
            params += channels
        messages = (
            conn.exec_driver_sql(
                "SELECT x.*, x.channel AS _channel FROM messages x WHERE x.conversation_id IN "
                f"(SELECT id FROM conversations WHERE contact_id = ?){cond} "
                "ORDER BY x.created_at DESC, x.id DESC LIMIT ?",
                (contact_id, *params, limit),
            )
            .mappings()
            .all()
        )
        cond, params = _older("x.occurred_at", _RANK["event"], before)
        if channels:
            cond += f" AND c.channel IN ({chan_marks})"
            params += channels
        events = (
            conn.exec_driver_sql(
                "SELECT x.*, c.channel AS _channel FROM events x LEFT JOIN conversations c ON c.id = x.conversation_id "
                f"WHERE x.contact_id = ?{cond} ORDER BY x.occurred_at DESC, x.id DESC LIMIT ?",
                (contact_id, *params, limit),
            )
            .mappings()
            .all()
        )
    items = [_item("message", m, "created_at") for m in messages] + [_item("event", e, "occurred_at") for e in events]
    items.sort(key=lambda i: i.key, reverse=True)
    page = items[:limit]
    more = len(items) > limit or len(messages) == limit or len(events) == limit
    return TimelinePage(page, page[-1].key if page and more else None)


def _item(kind: Literal["message", "event"], row: Any, at_column: str) -> TimelineItem:
    data = record({k: v for k, v in row.items() if k != "_channel"})
    at = row[at_column]
    return TimelineItem(
        type=kind,
        at=from_ts(at),  # type: ignore[arg-type]
        conversation_id=row["conversation_id"],
        channel=row["_channel"],
        row=data,
        key=(at, _RANK[kind], row["id"]),
    )
