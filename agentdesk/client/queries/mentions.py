"""The notes that mention a user, newest first, from the cache."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from agentdesk.client.cache.database import Cache
from agentdesk.client.cache.values import from_ts


@dataclass(frozen=True, slots=True)
class Mention:
    event_id: int
    conversation_id: int
    by_id: int | None
    at: datetime
    text: str  # the note's, "" until the feed brings it
    contact_name: str | None


def mentions(cache: Cache, user_id: int, *, limit: int = 50) -> list[Mention]:
    with cache.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT e.id, e.conversation_id, e.actor_id, e.occurred_at, coalesce(m.text, ''), ct.name "
            "FROM events e LEFT JOIN messages m ON m.id = json_extract(e.data, '$.message_id') "
            "LEFT JOIN contacts ct ON ct.id = e.contact_id "
            "WHERE e.kind = 'mentioned' AND json_extract(e.data, '$.user_id') = ? "
            "ORDER BY e.occurred_at DESC, e.id DESC LIMIT ?",
            (user_id, limit),
        ).all()
    return [Mention(r[0], r[1], r[2], from_ts(r[3]), r[4], r[5]) for r in rows]  # type: ignore[arg-type]
