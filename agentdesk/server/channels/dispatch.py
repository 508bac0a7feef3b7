"""Outbound delivery for every channel: agents' replies leave through the sender their channel registered.

`services.conversations.reply` stores a reply as a message with direction "outbound", kind
"message" and delivery_status "queued". The dispatcher finds those, claims each one, hands it
to its channel's sender and records the outcome on the message, where every client sees it:

    queued ──claim──▶ sending ──▶ sent                   (external_id from the sender)
                         │    └─▶ failed                 (delivery_error: the reason, for people)
                         └──────▶ queued                 (a retryable failure, after a back-off)

A channel plugs in once, at import time of its sender module or from the channel runner::

    from agentdesk.server.channels.dispatch import SendError, Sent, register_sender

    def send_whatsapp(session: Session, message: m.Message) -> Sent:
        ...  # read what you need through `session`; never write with it
        if refused:
            raise SendError("Meta refused the message: (131047) re-engagement required", retryable=False)
        return Sent(external_id=wamid, meta={"whatsapp": {...}})

    register_sender("whatsapp", send_whatsapp)

A sender runs in a worker thread with a read-only session (the dispatcher writes the outcome in
a transaction of its own, so no write lock is held while the network is slow). It returns
`Sent`, whose `external_id` becomes the message's (an email's Message-ID, a WhatsApp wamid), so
that later status reports and customers' answers find the message; `meta` is merged into the
message's meta. It raises `SendError` with a reason written for the agent; `retryable` says
whether trying again later can help. Any other exception counts as retryable, so that a bug or
a lost database connection in a sender does not lose a reply. A sender must be idempotent
enough to be called again for a message whose earlier attempt was interrupted (see below).

Several server processes may dispatch from one database. A message is claimed with an
`UPDATE ... WHERE delivery_status = 'queued'`, which exactly one of them wins. Back-off and
attempt counts live in `meta["delivery"]`. A claim older than the lease (its process died
mid-send) is put back to "queued": delivery is at least once, because losing a reply silently
is worse than sending it twice after a crash.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from agentdesk.domain.enums import DeliveryStatus, Direction, MessageKind
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow

log = logging.getLogger(__name__)

# Claimed by a dispatcher, on its way; not a status a channel reports.
SENDING = "sending"


@dataclass(frozen=True, slots=True)
class Sent:
    external_id: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)


class SendError(Exception):
    """The channel did not take the message; `reason` is stored as the message's delivery error."""

    def __init__(self, reason: str, *, retryable: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable


class Sender(Protocol):
    def __call__(self, session: Session, message: m.Message) -> Sent: ...


_senders: dict[str, Sender] = {}
_senders_lock = threading.Lock()


def register_sender(channel: str, sender: Sender) -> None:
    """Make `sender` deliver the outbound messages of `channel` (replaces an earlier one)."""
    with _senders_lock:
        _senders[channel] = sender


def registered_senders() -> dict[str, Sender]:
    with _senders_lock:
        return dict(_senders)


@dataclass(frozen=True, slots=True)
class DispatchPolicy:
    # How often queued messages are looked for when no change announcement wakes the dispatcher.
    interval_s: float = 2.0
    # Back-off after the n-th failed attempt: retry_base_s * 2**(n-1), at most retry_max_s.
    retry_base_s: float = 5.0
    retry_max_s: float = 600.0
    max_attempts: int = 6
    # A claim older than this is taken to belong to a process that died while sending.
    lease_s: float = 600.0
    batch: int = 50


@dataclass(frozen=True, slots=True)
class _Due:
    id: int
    channel: str


class Dispatcher:
    def __init__(
        self,
        read_sessions: sessionmaker[Session],
        write_sessions: sessionmaker[Session],
        *,
        policy: DispatchPolicy | None = None,
        announce: Callable[[int], None] | None = None,
    ) -> None:
        self._read_sessions = read_sessions
        self._write_sessions = write_sessions
        self._policy = policy or DispatchPolicy()
        self._announce = announce

    async def run(self, wait_for_changes: Callable[[float], Any] | None = None) -> None:
        """Dispatch until cancelled; `wait_for_changes(timeout)` (e.g. the live hub) wakes it early."""
        while True:
            try:
                await self.run_once()
            except Exception:  # a failed round (database down) must not end delivery for good
                log.exception("outbound dispatch round failed")
            if wait_for_changes is None:
                await asyncio.sleep(self._policy.interval_s)
            else:
                await wait_for_changes(self._policy.interval_s)

    async def run_once(self) -> int:
        """One round: every due message is attempted once, channels side by side. Returns how many."""
        senders = registered_senders()
        if not senders:
            return 0
        due = await asyncio.to_thread(self._due, set(senders))
        by_channel: dict[str, list[int]] = {}
        for item in due:
            by_channel.setdefault(item.channel, []).append(item.id)
        # One slow channel (an SMTP server timing out) must not hold up the others.
        await asyncio.gather(
            *(asyncio.to_thread(self._deliver_all, senders[channel], ids) for channel, ids in by_channel.items())
        )
        return len(due)

    def _due(self, channels: set[str]) -> list[_Due]:
        now = utcnow()
        with self._read_sessions() as session:
            rows = session.execute(
                select(m.Message.id, m.Message.channel, m.Message.delivery_status, m.Message.meta)
                .where(
                    m.Message.direction == Direction.OUTBOUND.value,
                    m.Message.kind == MessageKind.MESSAGE.value,
                    m.Message.delivery_status.in_([DeliveryStatus.QUEUED.value, SENDING]),
                    m.Message.channel.in_(channels),
                )
                .order_by(m.Message.id)
                .limit(self._policy.batch * 4)
            ).all()
        due: list[_Due] = []
        for message_id, channel, status, meta in rows:
            delivery = (meta or {}).get("delivery") or {}
            if status == SENDING:
                claimed = _time(delivery.get("claimed_at"))
                if claimed is not None and now - claimed < timedelta(seconds=self._policy.lease_s):
                    continue
                self._release_stale(message_id)
            retry_at = _time(delivery.get("retry_at"))
            if retry_at is None or retry_at <= now:
                due.append(_Due(message_id, channel))
            if len(due) >= self._policy.batch:
                break
        return due

    def _release_stale(self, message_id: int) -> None:
        with self._write_sessions() as session:
            self._bind(session)
            released = session.execute(
                update(m.Message)
                .where(m.Message.id == message_id, m.Message.delivery_status == SENDING)
                .values(delivery_status=DeliveryStatus.QUEUED.value)
                .execution_options(synchronize_session=False)
            )
            if released.rowcount != 1:
                return
            message = session.get(m.Message, message_id, populate_existing=True)
            assert message is not None
            delivery = dict(message.meta.get("delivery") or {})
            delivery.pop("retry_at", None)
            delivery["interrupted"] = delivery.get("interrupted", 0) + 1
            message.meta = {**message.meta, "delivery": delivery}
            session.commit()
        log.warning("message %s: an earlier send was interrupted; sending again", message_id)

    def _deliver_all(self, sender: Sender, ids: list[int]) -> None:
        for message_id in ids:
            try:
                self._deliver(sender, message_id)
            except Exception:  # one message's database trouble must not stop the others
                log.exception("message %s could not be dispatched", message_id)

    def _deliver(self, sender: Sender, message_id: int) -> None:
        attempt = self._claim(message_id)
        if attempt is None:
            return  # another process took it, or it is no longer queued
        try:
            with self._read_sessions() as session:
                message = session.get(m.Message, message_id)
                if message is None:
                    return
                sent = sender(session, message)
        except SendError as exc:
            self._record_failure(message_id, attempt, exc.reason, exc.retryable)
        except Exception as exc:
            log.exception("the sender failed on message %s", message_id)
            self._record_failure(message_id, attempt, f"unexpected error: {type(exc).__name__}: {exc}", True)
        else:
            self._record_sent(message_id, attempt, sent)

    def _claim(self, message_id: int) -> int | None:
        with self._write_sessions() as session:
            self._bind(session)
            claimed = session.execute(
                update(m.Message)
                .where(m.Message.id == message_id, m.Message.delivery_status == DeliveryStatus.QUEUED.value)
                .values(delivery_status=SENDING)
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:
                return None
            message = session.get(m.Message, message_id, populate_existing=True)
            assert message is not None
            delivery = dict(message.meta.get("delivery") or {})
            attempt = int(delivery.get("attempts", 0)) + 1
            delivery.update(attempts=attempt, claimed_at=utcnow().isoformat())
            delivery.pop("retry_at", None)
            # Through the ORM, so that the change log tells clients it is on its way.
            message.meta = {**message.meta, "delivery": delivery}
            session.commit()
            return attempt

    def _record_sent(self, message_id: int, attempt: int, sent: Sent) -> None:
        def apply(message: m.Message, delivery: dict[str, Any]) -> None:
            delivery["sent_at"] = utcnow().isoformat()
            message.meta = {**message.meta, **sent.meta, "delivery": delivery}
            message.delivery_status = DeliveryStatus.SENT.value
            message.delivery_error = None
            if sent.external_id is not None:
                message.external_id = sent.external_id

        self._record(message_id, attempt, apply)

    def _record_failure(self, message_id: int, attempt: int, reason: str, retryable: bool) -> None:
        policy = self._policy
        retry = retryable and attempt < policy.max_attempts

        def apply(message: m.Message, delivery: dict[str, Any]) -> None:
            message.delivery_error = reason
            if retry:
                wait = min(policy.retry_max_s, policy.retry_base_s * 2 ** (attempt - 1))
                delivery["retry_at"] = (utcnow() + timedelta(seconds=wait)).isoformat()
                message.delivery_status = DeliveryStatus.QUEUED.value
            else:
                delivery["failed_at"] = utcnow().isoformat()
                message.delivery_status = DeliveryStatus.FAILED.value
            message.meta = {**message.meta, "delivery": delivery}

        self._record(message_id, attempt, apply)
        log.info("message %s: attempt %s failed (%s)%s", message_id, attempt, reason, "; will retry" if retry else "")

    def _record(self, message_id: int, attempt: int, apply: Callable[[m.Message, dict[str, Any]], None]) -> None:
        with self._write_sessions() as session:
            self._bind(session)
            message = session.get(m.Message, message_id)
            if message is None or message.delivery_status != SENDING:
                # Our claim was taken as stale and released; the outcome of the new attempt counts.
                log.warning("message %s: the outcome of attempt %s came after its claim lapsed", message_id, attempt)
                return
            delivery = dict(message.meta.get("delivery") or {})
            delivery.pop("claimed_at", None)
            apply(message, delivery)
            session.commit()

    def _bind(self, session: Session) -> None:
        if self._announce is not None:
            session.info["announce"] = self._announce


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
