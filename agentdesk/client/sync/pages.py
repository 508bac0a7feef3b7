"""Feed pages into the cache: each page, its cursor and the overlay rebuilt, in one transaction.

A crash therefore leaves either the whole page with its cursor or neither; the next run
asks for the same page again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from agentdesk.client.cache.apply import Touched, apply_changes, sweep
from agentdesk.client.cache.database import Cache
from agentdesk.client.outbox import overlay
from agentdesk.client.outbox.store import settle


@dataclass(frozen=True, slots=True)
class SyncPosition:
    user_id: int | None
    cursor: int | None  # None: no complete snapshot yet, take (or go on with) one
    snapshot_token: str | None
    gen: int
    needs_snapshot: bool
    head: int | None


def position(cache: Cache) -> SyncPosition:
    with cache.read() as conn:
        row = conn.exec_driver_sql(
            "SELECT user_id, cursor, snapshot_token, gen, needs_snapshot, head FROM sync_state WHERE id = 1"
        ).one()
    return SyncPosition(row[0], row[1], row[2], row[3], bool(row[4]), row[5])


def set_user(cache: Cache, user_id: int) -> None:
    with cache.write() as conn:
        conn.exec_driver_sql("UPDATE sync_state SET user_id = ? WHERE id = 1", (user_id,))


def start_snapshot(cache: Cache) -> None:
    """A new generation: rows the coming snapshot does not send are dropped when it completes."""
    with cache.write() as conn:
        conn.exec_driver_sql(
            "UPDATE sync_state SET gen = gen + 1, cursor = NULL, snapshot_token = NULL, needs_snapshot = 0 WHERE id = 1"
        )


def request_snapshot(cache: Cache) -> None:
    with cache.write() as conn:
        conn.exec_driver_sql("UPDATE sync_state SET needs_snapshot = 1 WHERE id = 1")


def _gen(conn: Connection) -> int:
    return int(conn.exec_driver_sql("SELECT gen FROM sync_state WHERE id = 1").scalar_one())


def apply_snapshot_page(cache: Cache, page: dict[str, Any], settle_ids: list[int]) -> Touched:
    with cache.write() as conn:
        touched = overlay.restore(conn)
        gen = _gen(conn)
        touched.merge(apply_changes(conn, page["changes"], gen))
        if page["next"] is not None:
            conn.exec_driver_sql("UPDATE sync_state SET snapshot_token = ? WHERE id = 1", (page["next"],))
        else:
            sweep(conn, gen)
            touched.everything = True
            conn.exec_driver_sql(
                "UPDATE sync_state SET cursor = ?, head = ?, snapshot_token = NULL WHERE id = 1",
                (page["cursor"], page["head"]),
            )
            settle(conn, settle_ids)
        touched.merge(overlay.replay(conn))
    return touched


def apply_delta_page(cache: Cache, page: dict[str, Any], settle_ids: list[int]) -> Touched:
    with cache.write() as conn:
        touched = overlay.restore(conn)
        touched.merge(apply_changes(conn, page["changes"], _gen(conn)))
        conn.exec_driver_sql(
            "UPDATE sync_state SET cursor = ?, head = ?, needs_snapshot = needs_snapshot OR ? WHERE id = 1",
            (page["cursor"], page["head"], touched.resync),
        )
        if not page["has_more"]:
            settle(conn, settle_ids)
        touched.merge(overlay.replay(conn))
    return touched
