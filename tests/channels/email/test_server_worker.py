"""The email worker's pieces that need no mail server: the fetch lease and raw-first storage."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from agentdesk.domain.enums import ChannelKind
from agentdesk.server.channels.email.account import EmailAccount
from agentdesk.server.channels.email.imap import MailboxState
from agentdesk.server.channels.email.store import find_thread, process_raw, store_raw
from agentdesk.server.channels.email.worker import EmailWorker
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.migrate import upgrade
from agentdesk.server.services import admin

SETTINGS = {
    "imap_host": "127.0.0.1",
    "imap_user": "alice",
    "smtp_host": "127.0.0.1",
    "from_address": "ayuda@acme.es",
}


@pytest.fixture
def sessions(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    upgrade(engine)
    yield make_sessionmaker(engine)
    engine.dispose()


@pytest.fixture
def queue_id(sessions) -> int:
    with sessions() as session:
        queue = admin.create_queue(session, "Ayuda", ChannelKind.EMAIL, settings=SETTINGS)
        session.commit()
        return queue.id


def _worker(sessions, queue_id: int, owner: str) -> EmailWorker:
    return EmailWorker(queue_id, EmailAccount.of(SETTINGS, {}), sessions, owner=owner)


def test_one_process_at_a_time_holds_a_queue(sessions, queue_id):
    with sessions() as session:
        changes_before = session.scalar(select(func.count()).select_from(m.Change))
    first, second = _worker(sessions, queue_id, "a"), _worker(sessions, queue_id, "b")
    assert first._take_lease()
    assert not second._take_lease()
    first._release_lease()
    assert second._take_lease()
    with sessions() as session:
        assert session.get(m.Queue, queue_id).channel_state["owner"] == "b"
        # The lease is private: it changes no row a client sees, so it adds nothing to the feed.
        assert session.scalar(select(func.count()).select_from(m.Change)) == changes_before


def test_a_raw_mail_is_stored_before_it_is_understood(sessions, queue_id):
    raw = b"From: c@example.com\r\nMessage-ID: <a@example.com>\r\nSubject: Hola\r\n\r\nHola\r\n"
    with sessions() as session:
        raw_id = store_raw(session, queue_id, raw, MailboxState(7, 3))
        session.commit()
    with sessions() as session:
        assert session.get(m.Queue, queue_id).channel_state == {"uidvalidity": 7, "last_uid": 3}
        assert session.get(m.InboundRaw, raw_id).status == "pending"
        processed = process_raw(session, raw_id, max_attachment_bytes=1000)
        session.commit()
        assert processed is not None and processed.message.external_id == "<a@example.com>"
        assert process_raw(session, raw_id, max_attachment_bytes=1000) is None
        # Refetched after a UIDVALIDITY change: known by its Message-ID, so not kept twice.
        assert store_raw(session, queue_id, raw, MailboxState(8, 1), refetch=True) is None


def test_threading_prefers_the_nearest_ancestor(sessions, queue_id):
    with sessions() as session:
        ids = []
        for n in (1, 2):
            raw = f"From: c{n}@example.com\r\nMessage-ID: <t{n}@example.com>\r\n\r\nHola\r\n".encode()
            raw_id = store_raw(session, queue_id, raw, MailboxState(1, n))
            ids.append(process_raw(session, raw_id, max_attachment_bytes=1000).message.conversation_id)
        assert ids[0] != ids[1]
        assert find_thread(session, queue_id, ("<t2@example.com>", "<t1@example.com>")) == ids[1]
        assert find_thread(session, queue_id, ("<unknown@x>", "<t1@example.com>")) == ids[0]
        assert find_thread(session, queue_id + 1, ("<t1@example.com>",)) is None


def test_a_reply_without_thread_headers_joins_by_subject_only_with_care(sessions, queue_id):
    def deliver(n: int, sender: str, subject: str) -> int:
        raw = f"From: {sender}\r\nMessage-ID: <s{n}@example.com>\r\nSubject: {subject}\r\n\r\nHola\r\n".encode()
        with sessions() as session:
            raw_id = store_raw(session, queue_id, raw, MailboxState(1, n))
            conversation_id = process_raw(session, raw_id, max_attachment_bytes=1000).message.conversation_id
            session.commit()
            return conversation_id

    first = deliver(1, "c@example.com", "Pedido 77")
    assert deliver(2, "C@Example.com", "RE: Pedido 77") == first
    # Not a reply, another sender, or another subject: a new conversation each.
    assert deliver(3, "c@example.com", "Pedido 77") != first
    assert deliver(4, "d@example.com", "Re: Pedido 77") != first
    assert deliver(5, "c@example.com", "Re: Pedido 78") != first
