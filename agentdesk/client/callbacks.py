"""Callbacks for the UI (`AgentDeskClient.callbacks`): read from the cache, written through the outbox.

A callback offered offline shows at once with a negative id (the outbox item's, negated)
and is sent when the network is back; it takes the server's id as soon as the server answers,
and marking it done or missed waits until then.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from agentdesk.client.cache.database import Cache
from agentdesk.client.outbox import callback_writes
from agentdesk.client.outbox.store import OutboxItem
from agentdesk.client.outbox.writes import Write
from agentdesk.client.queries.records import record

OPEN = ("requested", "scheduled")


class CallbackClient:
    def __init__(self, cache: Cache, user_id: int, submit: Callable[[Write], OutboxItem]) -> None:
        self._cache = cache
        self._user_id = user_id
        self._submit = submit

    def listed(
        self, *, statuses: tuple[str, ...] = OPEN, mine: bool = False, contact_id: int | None = None
    ) -> list[dict[str, Any]]:
        """Soonest window first, then those without one, oldest first; with the contact's name.
        `mine`: only those I took; `contact_id`: only that customer's."""
        marks = ", ".join("?" * len(statuses))
        sql = (
            "SELECT b.*, k.name AS contact_name FROM callbacks b LEFT JOIN contacts k ON k.id = b.contact_id "
            f"WHERE b.status IN ({marks})"
        )
        params: list[Any] = list(statuses)
        if mine:
            sql += " AND b.assignee_id = ?"
            params.append(self._user_id)
        if contact_id is not None:
            sql += " AND b.contact_id = ?"
            params.append(contact_id)
        sql += " ORDER BY b.window_opens_at IS NULL, b.window_opens_at, b.created_at, b.id"
        with self._cache.read() as conn:
            return [record(r) for r in conn.exec_driver_sql(sql, tuple(params)).mappings()]

    def of_contact(self, contact_id: int) -> list[dict[str, Any]]:
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT * FROM callbacks WHERE contact_id = ? ORDER BY created_at DESC, id DESC", (contact_id,)
            ).mappings()
            return [record(r) for r in rows]

    def callback(self, callback_id: int) -> dict[str, Any] | None:
        with self._cache.read() as conn:
            row = conn.exec_driver_sql("SELECT * FROM callbacks WHERE id = ?", (callback_id,)).mappings().first()
        return None if row is None else record(row)

    def create(
        self,
        conversation_id: int,
        *,
        channel: str = "phone",
        address: str | None = None,
        window_opens_at: datetime | None = None,
        window_closes_at: datetime | None = None,
        note: str | None = None,
    ) -> OutboxItem:
        write = callback_writes.create_callback(
            conversation_id,
            channel=channel,
            address=address,
            window_opens_at=window_opens_at,
            window_closes_at=window_closes_at,
            note=note,
        )
        return self._submit(write)

    def set_status(self, callback_id: int, status: str) -> OutboxItem:
        if callback_id < 0:
            raise ValueError("this callback has not reached the server yet")
        return self._submit(callback_writes.update_callback(callback_id, status=status))

    def take(self, callback_id: int) -> OutboxItem:
        """Assign it to me (it becomes scheduled)."""
        if callback_id < 0:
            raise ValueError("this callback has not reached the server yet")
        return self._submit(callback_writes.update_callback(callback_id, assignee_id=self._user_id))
