"""Inbox views: filtered, counted, and paged by keyset (no OFFSET: page 500 costs what page 1 does)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from agentdesk.client.cache.database import Cache
from agentdesk.client.cache.values import from_ts

View = Literal["mine", "unassigned", "all"]
Sort = Literal["activity", "sla"]
ACTIVE = ("open", "pending")
_NO_DEADLINE = "9999"


@dataclass(frozen=True, slots=True)
class InboxFilter:
    view: View = "all"
    queue_id: int | None = None
    statuses: tuple[str, ...] = ACTIVE
    channel: str | None = None
    sort: Sort = "activity"


@dataclass(frozen=True, slots=True)
class InboxRow:
    conversation_id: int
    queue_id: int
    contact_id: int
    contact_name: str | None
    channel: str
    subject: str | None
    status: str
    priority: str
    assignee_id: int | None
    last_activity_at: datetime
    sla_due_at: datetime | None
    preview: str | None
    _sort_text: tuple[str, str] = field(repr=False, compare=False)

    @property
    def accessible_text(self) -> str:
        who = self.contact_name or f"contact {self.contact_id}"
        return f"{who}: {self.subject or '(no subject)'} ({self.channel}, {self.status})"


_SELECT = (
    "SELECT c.id, c.queue_id, c.contact_id, ct.name, c.channel, c.subject, c.status, c.priority, c.assignee_id, "
    "c.last_activity_at, c.sla_due_at, "
    # The newest customer-visible message, by the (conversation_id, created_at, id) index: one
    # short index walk per row of the page, not per conversation of the view.
    "(SELECT substr(m.text, 1, 160) FROM messages m WHERE m.conversation_id = c.id AND m.kind = 'message' "
    "ORDER BY m.created_at DESC, m.id DESC LIMIT 1) "
    "FROM conversations c LEFT JOIN contacts ct ON ct.id = c.contact_id"
)


class InboxView:
    """One inbox view; the shape the UI's InboxModel expects (`total`, `page`, `position`)."""

    def __init__(self, cache: Cache, user_id: int | None, filter: InboxFilter) -> None:
        self.cache = cache
        self.user_id = user_id
        self.filter = filter

    def _where(self) -> tuple[list[str], list[Any]]:
        f = self.filter
        clauses: list[str] = [f"c.status IN ({', '.join('?' * len(f.statuses))})"]
        params: list[Any] = list(f.statuses)
        if f.view == "mine":
            clauses.append("c.assignee_id = ?")
            params.append(self.user_id)
        elif f.view == "unassigned":
            clauses.append("c.assignee_id IS NULL")
        if f.queue_id is not None:
            clauses.append("c.queue_id = ?")
            params.append(f.queue_id)
        if f.channel is not None:
            clauses.append("c.channel = ?")
            params.append(f.channel)
        return clauses, params

    def total(self) -> int:
        clauses, params = self._where()
        with self.cache.read() as conn:
            sql = f"SELECT count(*) FROM conversations c WHERE {' AND '.join(clauses)}"
            return int(conn.exec_driver_sql(sql, tuple(params)).scalar_one())

    def page(self, after: tuple[str, int] | None, limit: int) -> list[InboxRow]:
        clauses, params = self._where()
        if self.filter.sort == "sla":
            key, order = "c.sla_due_at", "c.sla_due_at ASC, c.id ASC"
            compare = ">"
        else:
            key, order = "c.last_activity_at", "c.last_activity_at DESC, c.id DESC"
            compare = "<"
        if after is not None:
            clauses.append(f"({key}, c.id) {compare} (?, ?)")
            params.extend(after)
        sql = f"{_SELECT} WHERE {' AND '.join(clauses)} ORDER BY {order} LIMIT ?"
        with self.cache.read() as conn:
            rows = conn.exec_driver_sql(sql, (*params, limit)).all()
        return [self._row(r) for r in rows]

    def position(self, row: InboxRow) -> tuple[str, int]:
        return row._sort_text[0 if self.filter.sort == "sla" else 1], row.conversation_id

    @staticmethod
    def _row(r: Any) -> InboxRow:
        return InboxRow(
            conversation_id=r[0],
            queue_id=r[1],
            contact_id=r[2],
            contact_name=r[3],
            channel=r[4],
            subject=r[5],
            status=r[6],
            priority=r[7],
            assignee_id=r[8],
            last_activity_at=from_ts(r[9]),  # type: ignore[arg-type]
            sla_due_at=None if r[10] == _NO_DEADLINE else from_ts(r[10]),
            preview=" ".join(r[11].split()) if r[11] else None,
            _sort_text=(r[10], r[9]),
        )


@dataclass(frozen=True, slots=True)
class InboxCounts:
    """Active (open or pending) conversations per view, queue and channel; all of them per status."""

    mine: int
    unassigned: int
    all: int
    by_queue: dict[int, int]
    by_status: dict[str, int]
    by_channel: dict[str, int]


def inbox_counts(cache: Cache, user_id: int | None) -> InboxCounts:
    active = f"status IN ({', '.join(repr(s) for s in ACTIVE)})"
    with cache.read() as conn:
        mine, unassigned, everything = conn.exec_driver_sql(
            f"SELECT coalesce(sum(assignee_id = ?), 0), coalesce(sum(assignee_id IS NULL), 0), count(*) "
            f"FROM conversations WHERE {active}",
            (user_id,),
        ).one()
        by_queue = dict(
            conn.exec_driver_sql(f"SELECT queue_id, count(*) FROM conversations WHERE {active} GROUP BY queue_id").all()
        )
        by_channel = dict(
            conn.exec_driver_sql(f"SELECT channel, count(*) FROM conversations WHERE {active} GROUP BY channel").all()
        )
        by_status = dict(conn.exec_driver_sql("SELECT status, count(*) FROM conversations GROUP BY status").all())
    return InboxCounts(mine, unassigned, everything, by_queue, by_status, by_channel)
