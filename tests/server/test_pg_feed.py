"""The change feed under concurrency, on SQLite and on a real PostgreSQL server.

DESIGN.md, "No gaps, ever": a reader that pulls the feed from cursor to cursor while many
writers commit must see every change exactly once, in order, and never move its cursor past
a sequence number that can still appear.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from agentdesk.domain.enums import ChannelKind, MessageKind, Role
from agentdesk.domain.identity import normalize
from agentdesk.server import feed
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.migrate import upgrade
from agentdesk.server.services import admin, conversations
from agentdesk.server.services.conversations import Inbound
from tests.support.live_server import start_server
from tests.support.postgres import shared_postgres
from tests.support.world import PASSWORD, login

WRITERS = 8
ROUNDS = 15


@dataclass
class Db:
    backend: str
    url: str
    writes: sessionmaker[Session]
    reads: sessionmaker[Session]
    admin_id: int
    queue_id: int


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Db]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'feed.db'}"
        write_engine = make_engine(url, for_writes=True)
        upgrade(write_engine)
        read_engine = make_engine(url, for_writes=False)
    else:
        url = shared_postgres().migrated_database()
        write_engine = read_engine = make_engine(url)
    writes, reads = make_sessionmaker(write_engine), make_sessionmaker(read_engine)
    with writes() as session:
        boss = admin.create_user(session, "boss", PASSWORD, Role.ADMIN)
        queue = admin.create_queue(session, "Support email", ChannelKind.EMAIL)
        session.commit()
        admin_id, queue_id = boss.id, queue.id
    try:
        yield Db(request.param, url, writes, reads, admin_id, queue_id)
    finally:
        for engine in {id(e): e for e in (write_engine, read_engine)}.values():
            engine.dispose()


def read_page(db: Db, since: int, limit: int = 50) -> dict:
    with db.reads() as session:
        user = session.get(m.User, db.admin_id)
        assert user is not None
        return json.loads(feed.read_log(session, user, since, limit))


def all_seqs(db: Db, since: int = 0) -> list[int]:
    with db.reads() as session:
        return list(session.scalars(select(m.Change.seq).where(m.Change.seq > since).order_by(m.Change.seq)))


def head(db: Db) -> int:
    with db.reads() as session:
        return feed.head_seq(session)


def inbound(db: Db, writer: int, n: int) -> Inbound:
    return Inbound(
        queue_id=db.queue_id,
        address=normalize("email", f"customer{writer}.{n}@example.com"),
        subject=f"Order {writer}-{n}",
        text="Where is my order? " * 5,
        external_id=f"<{writer}.{n}@example.com>",
    )


def test_concurrent_writers_never_make_the_reader_skip_or_repeat_a_change(db: Db) -> None:
    start = head(db)
    failures: list[BaseException] = []
    barrier = threading.Barrier(WRITERS + 1)

    def writer(number: int) -> None:
        try:
            barrier.wait()
            for n in range(ROUNDS):
                with db.writes() as session:
                    message = conversations.ingest(session, inbound(db, number, n))
                    session.commit()
                    conversation_id = message.conversation_id
                with db.writes() as session:
                    boss = session.get(m.User, db.admin_id)
                    assert boss is not None
                    conversations.reply(session, boss, conversation_id, "On its way.")
                    conversations.reply(session, boss, conversation_id, "Checked", kind=MessageKind.NOTE)
                    session.commit()
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=writer, args=(i,), name=f"writer-{i}") for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    barrier.wait()

    seen: list[int] = []
    cursor, pages = start, 0
    # Read as fast as possible while the writers run, then once more to the final head.
    while any(t.is_alive() for t in threads) or cursor < head(db):
        page = read_page(db, cursor)
        seen.extend(change["seq"] for change in page["changes"])
        assert page["cursor"] >= cursor
        cursor = page["cursor"]
        pages += 1
    for thread in threads:
        thread.join()
    assert not failures, failures

    committed = all_seqs(db, start)
    assert len(committed) >= WRITERS * ROUNDS * 5
    assert seen == sorted(set(seen)), "the reader saw a change twice or out of order"
    assert seen == committed, f"the reader missed {sorted(set(committed) - set(seen))[:10]}"
    assert pages > 1


def test_the_cursor_waits_for_an_uncommitted_append_and_the_appender_queued_behind_it(db: Db) -> None:
    before = head(db)
    a = db.writes()
    conversations.ingest(a, inbound(db, 1, 1))  # flushes: A's changes have seqs, A holds the append lock
    a_seqs = sorted(a.scalars(select(m.Change.seq).where(m.Change.seq > before)))
    assert a_seqs

    b_done = threading.Event()
    b_failure: list[BaseException] = []

    def b_append() -> None:
        try:
            with db.writes() as b:
                conversations.ingest(b, inbound(db, 2, 2))
                b.commit()
        except BaseException as exc:
            b_failure.append(exc)
        finally:
            b_done.set()

    # A daemon, so that a failing test cannot leave the run waiting for B.
    b_thread = threading.Thread(target=b_append, daemon=True)
    try:
        b_thread.start()
        if db.backend == "postgresql":
            # B is inside its transaction, waiting for the append lock that A holds.
            _wait_for_lock_waiter(db, b_done)
        page = read_page(db, before)
        assert page["changes"] == []
        assert page["cursor"] == before, "the cursor moved past changes that were not yet committed"
        assert not b_done.is_set(), "B appended while A, holding smaller sequence numbers, was still open"
        a.commit()
    finally:
        a.close()
    b_thread.join()
    assert not b_failure, b_failure

    seen: list[int] = []
    cursor = before
    while cursor < head(db):
        page = read_page(db, cursor, limit=3)
        seen.extend(c["seq"] for c in page["changes"])
        cursor = page["cursor"]
    b_seqs = [s for s in all_seqs(db, before) if s not in a_seqs]
    assert seen == a_seqs + b_seqs
    assert min(b_seqs) > max(a_seqs)


def _wait_for_lock_waiter(db: Db, b_done: threading.Event) -> None:
    """Until B waits for the append lock, or (without the lock) has got through already."""
    with shared_postgres().connect(db.url.rsplit("/", 1)[1]) as probe:
        while not b_done.is_set():
            waiting = probe.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
            if waiting.fetchone() != (0,):
                return
            probe.execute("SELECT pg_sleep(0.01)")


def test_a_compaction_racing_a_read_never_lets_the_cursor_jump_over_dropped_changes(
    db: Db, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(4):
        with db.writes() as session:
            conversations.ingest(session, inbound(db, 0, n))
            session.commit()
    start, top = 0, head(db)
    cursor = read_page(db, start, limit=2)["cursor"]
    real_head_seq = feed.head_seq

    def compact_meanwhile(session: Session) -> int:
        # Another process compacts between the reader's horizon check and its query of rows.
        monkeypatch.setattr(feed, "head_seq", real_head_seq)
        with db.writes() as other:
            feed.compact(other, top - 1)
            other.commit()
        return real_head_seq(session)

    monkeypatch.setattr(feed, "head_seq", compact_meanwhile)
    try:
        page = read_page(db, cursor)
    except feed.CursorGone:
        return  # told to start again: nothing is lost
    # Served from a snapshot taken before the compaction: every change after the cursor is there.
    assert [c["seq"] for c in page["changes"]] == list(range(cursor + 1, top + 1))


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_cursor_older_than_the_compaction_horizon_is_gone_and_since_0_starts_again(
    backend: str, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}" if backend == "sqlite" else shared_postgres().migrated_database()
    engine = make_engine(url)
    upgrade(engine)
    with make_sessionmaker(engine)() as session:
        admin.create_user(session, "sue", PASSWORD, Role.SUPERVISOR)
        queue = admin.create_queue(session, "Chat", ChannelKind.EMAIL)
        for n in range(3):
            conversations.ingest(
                session,
                Inbound(queue_id=queue.id, address=normalize("email", f"c{n}@example.com"), text="Hello"),
            )
        session.commit()
        horizon = feed.head_seq(session) - 2
        assert feed.compact(session, horizon) > 0
        session.commit()
    engine.dispose()

    server = start_server(url)
    try:
        client = login(server.url, "sue")
        old = client.get("/api/v1/sync", params={"since": horizon - 1})
        assert old.status_code == 410
        detail = old.json()["detail"]
        assert f"up to {horizon}" in detail
        assert "since=0" in detail

        at_horizon = client.get("/api/v1/sync", params={"since": horizon})
        assert at_horizon.status_code == 200
        assert len(at_horizon.json()["changes"]) == 2

        fresh = client.get("/api/v1/sync", params={"since": 0})
        assert fresh.status_code == 200
        body = fresh.json()
        assert body["cursor"] == horizon + 2
        assert {c["entity"] for c in body["changes"]} >= {"queue", "contact", "conversation", "message"}
    finally:
        server.stop()


def test_sequence_numbers_keep_growing_after_the_whole_log_is_compacted(db: Db) -> None:
    with db.writes() as session:
        conversations.ingest(session, inbound(db, 0, 0))
        session.commit()
        top = feed.head_seq(session)
        feed.compact(session, top)
        session.commit()

    with db.writes() as session:
        conversations.ingest(session, inbound(db, 0, 1))
        session.commit()
    # A client that was at the head when the log was compacted.
    page = read_page(db, top)
    assert page["changes"], "a change written after the compaction never reached a client at the head"
    assert all(c["seq"] > top for c in page["changes"])
