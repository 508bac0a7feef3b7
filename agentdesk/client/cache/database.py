"""Opening a cache file: WAL, one writer at a time, schema migrated before anything else."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

from agentdesk.client.cache.migrations import migrate


def _engine(path: Path, *, immediate: bool) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        # pysqlite would begin transactions on its own schedule; we say BEGIN ourselves.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL loses at most the last commits on power loss, never consistency;
        # the feed and the outbox make those good again.
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=OFF")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # Writers take the lock up front and queue, instead of failing half-way with "locked".
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Cache:
    """One profile's cache file. `write()` is the only way to change it: one transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = _engine(path, immediate=True)
        self._reader = _engine(path, immediate=False)
        with self._writer.begin() as conn:
            migrate(conn)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self._writer.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A consistent snapshot for several queries (WAL: readers never wait for the writer)."""
        with self._reader.begin() as conn:
            yield conn

    def close(self) -> None:
        self._writer.dispose()
        self._reader.dispose()
