"""The outbound dispatcher on PostgreSQL: two dispatchers (as in two server processes) on one
database never send one message twice, also when their claims meet on the same row."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from agentdesk.domain.enums import ChannelKind
from agentdesk.server.channels import dispatch
from agentdesk.server.channels.dispatch import Dispatcher, DispatchPolicy, Sent, register_sender
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from tests.support.postgres import shared_postgres

pytestmark = pytest.mark.postgres

CHANNEL = ChannelKind.EMAIL.value
REPLIES = 60


@pytest.fixture
def processes() -> Iterator[list[sessionmaker[Session]]]:
    """Two engines on one fresh database: each with its own connections, like two servers."""
    url = shared_postgres().migrated_database()
    engines = [make_engine(url), make_engine(url)]
    yield [make_sessionmaker(engine) for engine in engines]
    for engine in engines:
        engine.dispose()


@pytest.fixture(autouse=True)
def _no_leaked_senders() -> Iterator[None]:
    before = dispatch.registered_senders()
    yield
    with dispatch._senders_lock:
        dispatch._senders.clear()
        dispatch._senders.update(before)


def _queued_replies(sessions: sessionmaker[Session], count: int) -> list[int]:
    # Rows as `services.conversations.reply` leaves them: what is under test is the dispatcher.
    with sessions() as session:
        queue = m.Queue(name="Mail", channel=CHANNEL)
        contact = m.Contact(name="Client")
        session.add_all([queue, contact])
        session.flush()
        identity = m.Identity(contact_id=contact.id, kind="email", address="c@example.com")
        session.add(identity)
        session.flush()
        conversation = m.Conversation(
            queue_id=queue.id, contact_id=contact.id, identity_id=identity.id, channel=CHANNEL
        )
        session.add(conversation)
        session.flush()
        messages = [
            m.Message(
                conversation_id=conversation.id,
                queue_id=queue.id,
                direction="outbound",
                kind="message",
                channel=CHANNEL,
                identity_id=identity.id,
                text=f"reply {n}",
                delivery_status="queued",
            )
            for n in range(count)
        ]
        session.add_all(messages)
        session.commit()
        return [x.id for x in messages]


def _recording_sender() -> list[int]:
    sent: list[int] = []
    lock = threading.Lock()

    def sender(session: Session, message: m.Message) -> Sent:
        with lock:
            sent.append(message.id)
        return Sent(external_id=f"<{message.id}@ours>")

    register_sender(CHANNEL, sender)
    return sent


def test_two_dispatchers_on_one_database_send_every_reply_exactly_once(processes):
    ids = _queued_replies(processes[0], REPLIES)
    sent = _recording_sender()
    dispatchers = [Dispatcher(s, s, policy=DispatchPolicy(batch=REPLIES)) for s in processes]
    start = threading.Barrier(len(dispatchers))

    def run(dispatcher: Dispatcher) -> None:
        start.wait()  # both look for due messages together, so they go for the same rows
        asyncio.run(dispatcher.run_once())

    threads = [threading.Thread(target=run, args=(d,)) for d in dispatchers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(sent) == Counter(ids)
    with processes[1]() as session:
        rows = session.scalars(select(m.Message).where(m.Message.id.in_(ids))).all()
    assert {(x.delivery_status, x.meta["delivery"]["attempts"]) for x in rows} == {("sent", 1)}
    assert all(x.external_id == f"<{x.id}@ours>" for x in rows)


def test_a_claim_that_waits_on_anothers_lock_sees_the_row_taken(processes):
    [message_id] = _queued_replies(processes[0], 1)
    first, second = (Dispatcher(s, s) for s in processes)
    # The first process's claim, held open mid-transaction: its row lock stays taken.
    holder = processes[0]()
    holder.execute(
        text("UPDATE messages SET delivery_status = 'sending' WHERE id = :id AND delivery_status = 'queued'"),
        {"id": message_id},
    )
    outcome: list[int | None] = []
    waiting = threading.Thread(target=lambda: outcome.append(second._claim(message_id)))
    waiting.start()
    with processes[0]() as watcher:
        while waiting.is_alive() and not watcher.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
        ):
            watcher.rollback()  # a fresh snapshot of pg_stat_activity on every look
    holder.commit()
    holder.close()
    waiting.join()
    # PostgreSQL re-checks the WHERE on the committed row: no longer queued, so not claimed.
    assert outcome == [None]
    assert first._claim(message_id) is None
    with processes[1]() as session:
        assert session.get(m.Message, message_id).delivery_status == dispatch.SENDING  # type: ignore[union-attr]
