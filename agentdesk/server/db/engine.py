"""Engines and sessions for SQLite and PostgreSQL, set up the same way everywhere."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool


def normalize_url(url: str) -> str:
    """Accept the URLs people paste (postgresql://...) and pick the psycopg 3 driver for them."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, *, for_writes: bool = True, **kwargs: Any) -> Engine:
    """An engine; on SQLite, `for_writes` makes every transaction take the write lock at BEGIN.

    A deferred SQLite transaction that reads and then writes can fail with "database is
    locked" when another writer got in between; taking the lock up front makes writers
    queue instead, and keeps the change log in commit order.
    """
    url = normalize_url(url)
    if url.startswith("sqlite"):
        # A write transaction waits for another one instead of failing at once; WAL lets
        # readers (the feed) go on while a writer works.
        engine = create_engine(
            url,
            connect_args={"timeout": 30, "check_same_thread": False},
            poolclass=NullPool if ":memory:" not in url else None,
            **kwargs,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            # pysqlite's own transaction handling would issue its own BEGIN; we issue ours.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            # Reads through a memory map rather than copies into each connection's small page
            # cache: scans of a busy day (the supervisor's figures) take about half the time.
            cur.execute("PRAGMA mmap_size=268435456")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if for_writes else "BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, **kwargs)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
