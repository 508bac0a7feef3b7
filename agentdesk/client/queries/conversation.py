"""One conversation with its messages and events, as the cache (and the overlay) has it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agentdesk.client.cache.database import Cache
from agentdesk.client.queries.records import record


@dataclass(frozen=True, slots=True)
class ConversationDetail:
    conversation: dict[str, Any]
    contact: dict[str, Any] | None
    messages: list[dict[str, Any]]  # a negative id is a write still in the outbox
    events: list[dict[str, Any]]


def conversation_detail(cache: Cache, conversation_id: int) -> ConversationDetail | None:
    with cache.read() as conn:
        row = conn.exec_driver_sql("SELECT * FROM conversations WHERE id = ?", (conversation_id,)).mappings().first()
        if row is None:
            return None
        contact = conn.exec_driver_sql("SELECT * FROM contacts WHERE id = ?", (row["contact_id"],)).mappings().first()
        messages = conn.exec_driver_sql(
            "SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at, id", (conversation_id,)
        ).mappings()
        events = conn.exec_driver_sql(
            "SELECT * FROM events WHERE conversation_id = ? ORDER BY occurred_at, id", (conversation_id,)
        ).mappings()
        return ConversationDetail(
            record(row),
            None if contact is None else record(contact),
            [record(m) for m in messages],
            [record(e) for e in events],
        )
