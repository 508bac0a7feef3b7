"""Feed pages into the cache: each page, its cursor and the overlay rebuilt, in one transaction.

A crash therefore leaves either the whole page with its cursor or neither; the next run
asks for the same page again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from agentdesk.client.cache.apply import Touched, apply_changes, sweep, touched_by
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
    touched = touched_by(page["changes"])
    with cache.write() as conn:
        gen = _gen(conn)
        last = page["next"] is None
        # Only the last page settles (and so can remove) writes: only it needs the whole overlay rebuilt.
        scope = None if last else touched
        overlay.restore(conn, scope)
        apply_changes(conn, page["changes"], gen)
        if not last:
            conn.exec_driver_sql("UPDATE sync_state SET snapshot_token = ? WHERE id = 1", (page["next"],))
        else:
            sweep(conn, gen)
            touched.everything = True
            conn.exec_driver_sql(
                "UPDATE sync_state SET cursor = ?, head = ?, snapshot_token = NULL WHERE id = 1",
                (page["cursor"], page["head"]),
            )
            settle(conn, settle_ids)
        touched.merge(overlay.replay(conn, scope))
    return touched


def apply_delta_page(cache: Cache, page: dict[str, Any], settle_ids: list[int]) -> Touched:
    settling = settle_ids and not page["has_more"]
    with cache.write() as conn:
        if not page["changes"] and not settling:
            # Nothing the overlay stands on changed: leave it, just move the cursor.
            conn.exec_driver_sql(
                "UPDATE sync_state SET cursor = ?, head = ? WHERE id = 1", (page["cursor"], page["head"])
            )
            return Touched()
        touched = touched_by(page["changes"])
        scope = None if settling or touched.everything else touched
        touched.merge(overlay.restore(conn, scope))
        apply_changes(conn, page["changes"], _gen(conn))
        conn.exec_driver_sql(
            "UPDATE sync_state SET cursor = ?, head = ?, needs_snapshot = needs_snapshot OR ? WHERE id = 1",
            (page["cursor"], page["head"], touched.resync),
        )
        if settling:
            settle(conn, settle_ids)
        touched.merge(overlay.replay(conn, scope))
    return touched
