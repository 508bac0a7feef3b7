"""Full-text search over messages and contacts (FTS5, accents folded on both sides)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from agentdesk.client.cache.database import Cache
from agentdesk.client.cache.values import from_ts

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """Every word must match, each as a prefix: what a person types as they type it.

    Words are quoted, so FTS5 operators in user input (NEAR, OR, quotes) are plain words.
    """
    words = _WORD.findall(text)
    return " ".join(f'"{w}"*' for w in words) or None


@dataclass(frozen=True, slots=True)
class MessageHit:
    message_id: int
    conversation_id: int
    channel: str
    created_at: datetime
    snippet: str


@dataclass(frozen=True, slots=True)
class ContactHit:
    contact_id: int
    name: str | None
    addresses: str


def search_messages(
    cache: Cache, text: str, *, limit: int = 50, marks: tuple[str, str] = ("[", "]")
) -> list[MessageHit]:
    """Newest first: FTS5 walks its rowids backwards, which stays fast with a million messages."""
    query = fts_query(text)
    if query is None:
        return []
    with cache.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT m.id, m.conversation_id, m.channel, m.created_at, "
            "snippet(message_fts, -1, ?, ?, '…', 12) FROM message_fts JOIN messages m ON m.id = message_fts.rowid "
            "WHERE message_fts MATCH ? ORDER BY message_fts.rowid DESC LIMIT ?",
            (*marks, query, limit),
        ).all()
    return [MessageHit(r[0], r[1], r[2], from_ts(r[3]), r[4]) for r in rows]  # type: ignore[arg-type]


def search_contacts(cache: Cache, text: str, *, limit: int = 20) -> list[ContactHit]:
    query = fts_query(text)
    if query is None:
        return []
    with cache.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT f.rowid, c.name, f.addresses FROM contact_fts f JOIN contacts c ON c.id = f.rowid "
            "WHERE contact_fts MATCH ? AND c.merged_into_id IS NULL ORDER BY rank LIMIT ?",
            (query, limit),
        ).all()
    return [ContactHit(r[0], r[1], r[2]) for r in rows]
