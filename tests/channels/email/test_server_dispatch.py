"""The outbound dispatcher: claims, outcomes, retries with back-off, and claims of dead processes."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind, Role
from agentdesk.domain.identity import normalize
from agentdesk.server.channels import dispatch
from agentdesk.server.channels.dispatch import Dispatcher, DispatchPolicy, SendError, Sent, register_sender
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.migrate import upgrade
from agentdesk.server.db.types import utcnow
from agentdesk.server.services import admin
from agentdesk.server.services.conversations import Inbound, ingest, reply

CHANNEL = ChannelKind.EMAIL.value


@pytest.fixture
def sessions(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'd.db'}")
    upgrade(engine)
    yield make_sessionmaker(engine)
    engine.dispose()


@pytest.fixture(autouse=True)
def _no_leaked_senders():
    before = dispatch.registered_senders()
    yield
    with dispatch._senders_lock:
        dispatch._senders.clear()
        dispatch._senders.update(before)


def _queued_reply(sessions) -> int:
    with sessions() as session:
        queue = admin.create_queue(session, "Mail", ChannelKind.EMAIL)
        agent = admin.create_user(session, "ana", "long enough password", Role.ADMIN)
        inbound = ingest(session, Inbound(queue.id, normalize("email", "c@example.com"), "Hola", subject="Hi"))
        message = reply(session, agent, inbound.conversation_id, "Hola!")
        session.commit()
        return message.id


def _message(sessions, message_id: int) -> m.Message:
    with sessions() as session:
        message = session.get(m.Message, message_id)
        assert message is not None
        return message


def _dispatcher(sessions, **policy) -> Dispatcher:
    return Dispatcher(sessions, sessions, policy=DispatchPolicy(**policy))


def test_sent_records_the_external_id_and_meta(sessions):
    message_id = _queued_reply(sessions)
    calls: list[int] = []

    def sender(session: Session, message: m.Message) -> Sent:
        calls.append(message.id)
        assert message.delivery_status == dispatch.SENDING
        return Sent(external_id="<x@ours>", meta={"email": {"to": ["c@example.com"]}})

    register_sender(CHANNEL, sender)
    assert asyncio.run(_dispatcher(sessions).run_once()) == 1
    assert asyncio.run(_dispatcher(sessions).run_once()) == 0
    message = _message(sessions, message_id)
    assert calls == [message_id]
    assert (message.delivery_status, message.external_id, message.delivery_error) == ("sent", "<x@ours>", None)
    assert message.meta["email"] == {"to": ["c@example.com"]}
    assert message.meta["delivery"]["attempts"] == 1


def test_a_final_refusal_fails_with_the_reason(sessions):
    message_id = _queued_reply(sessions)

    def sender(session: Session, message: m.Message) -> Sent:
        raise SendError("550 no such user", retryable=False)

    register_sender(CHANNEL, sender)
    asyncio.run(_dispatcher(sessions).run_once())
    message = _message(sessions, message_id)
    assert (message.delivery_status, message.delivery_error) == ("failed", "550 no such user")


def test_retryable_failures_back_off_then_fail_after_the_last_attempt(sessions):
    message_id = _queued_reply(sessions)
    attempts: list[int] = []

    def sender(session: Session, message: m.Message) -> Sent:
        attempts.append(message.meta["delivery"]["attempts"])
        raise RuntimeError("connection reset")

    register_sender(CHANNEL, sender)
    dispatcher = _dispatcher(sessions, retry_base_s=3600, max_attempts=2)
    asyncio.run(dispatcher.run_once())
    waiting = _message(sessions, message_id)
    assert waiting.delivery_status == "queued"
    assert "connection reset" in (waiting.delivery_error or "")
    # Not due before its back-off ends ...
    assert asyncio.run(dispatcher.run_once()) == 0
    with sessions() as session:
        message = session.get(m.Message, message_id)
        message.meta = {**message.meta, "delivery": {**message.meta["delivery"], "retry_at": utcnow().isoformat()}}
        session.commit()
    # ... and then the last attempt fails for good.
    asyncio.run(dispatcher.run_once())
    assert attempts == [1, 2]
    assert _message(sessions, message_id).delivery_status == "failed"


def test_only_one_of_two_dispatchers_wins_a_claim(sessions):
    message_id = _queued_reply(sessions)
    first, second = _dispatcher(sessions), _dispatcher(sessions)
    assert first._claim(message_id) == 1
    assert second._claim(message_id) is None


def test_a_dead_process_claim_is_released_after_the_lease(sessions):
    message_id = _queued_reply(sessions)
    sent: list[int] = []
    register_sender(CHANNEL, lambda session, message: sent.append(message.id) or Sent("<y@ours>"))
    dead = _dispatcher(sessions)
    assert dead._claim(message_id) == 1
    assert asyncio.run(_dispatcher(sessions, lease_s=3600).run_once()) == 0
    with sessions() as session:
        old = (utcnow() - timedelta(hours=2)).isoformat()
        message = session.get(m.Message, message_id)
        message.meta = {**message.meta, "delivery": {**message.meta["delivery"], "claimed_at": old}}
        session.commit()
    assert asyncio.run(_dispatcher(sessions, lease_s=3600).run_once()) == 1
    message = _message(sessions, message_id)
    assert (sent, message.delivery_status) == ([message_id], "sent")
    assert message.meta["delivery"]["interrupted"] == 1


def test_channels_without_a_sender_are_left_alone(sessions):
    message_id = _queued_reply(sessions)
    with sessions() as session:
        session.execute(update(m.Message).where(m.Message.id == message_id).values(channel="webchat"))
        session.commit()
    register_sender(CHANNEL, lambda session, message: Sent())
    assert asyncio.run(_dispatcher(sessions).run_once()) == 0
    with sessions() as session:
        assert session.scalar(select(m.Message.delivery_status).where(m.Message.id == message_id)) == "queued"
