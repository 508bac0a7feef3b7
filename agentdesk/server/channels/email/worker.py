"""The fetch loop of one email queue, in a thread of its own (imaplib blocks).

It waits with IDLE where the server offers it and polls otherwise; stores every mail raw
before anything else (`store.store_raw`), then turns the stored mails into messages
(`store.process_raw`); and reports what goes wrong in the queue's health. A failure of the
mail server ends nothing: the loop connects again after a growing pause, and an
administrator's fix of the settings restarts the worker (see `channels.runner`).

With several server processes on one database, one of them fetches a queue at a time: the
worker holds a lease in the queue's private `channel_state` (owner and expiry), renewed on
every round and released on stop; another process takes over when it expires.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from agentdesk.server.channels.email import health
from agentdesk.server.channels.email.account import EmailAccount
from agentdesk.server.channels.email.errors import EmailChannelError
from agentdesk.server.channels.email.imap import ImapFetcher, MailboxState
from agentdesk.server.channels.email.store import (
    Processed,
    mailbox_state,
    mark_failed,
    pending_raw_ids,
    process_raw,
    save_state,
    store_raw,
)
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow

log = logging.getLogger(__name__)
_FETCH_BATCH = 50


@dataclass(frozen=True, slots=True)
class WorkerTimings:
    # Bound of one IDLE wait: how often a quiet connection is checked and the lease renewed.
    idle_s: float = 25.0
    # First pause after a mail server failure; it doubles up to retry_max_s.
    retry_s: float = 5.0
    retry_max_s: float = 300.0


class LeaseLost(Exception):
    """Another server process fetches this queue now."""


class EmailWorker:
    def __init__(
        self,
        queue_id: int,
        account: EmailAccount,
        sessions: sessionmaker[Session],
        *,
        owner: str,
        timings: WorkerTimings | None = None,
        announce: Callable[[int], None] | None = None,
    ) -> None:
        self.queue_id = queue_id
        self.account = account
        self._sessions = sessions
        self._owner = owner
        self._timings = timings or WorkerTimings()
        self._announce = announce
        self._stop = threading.Event()
        self._fetcher: ImapFetcher | None = None
        self._delay = self._timings.retry_s
        self._ok_message = ""
        wait = max(self._timings.idle_s, account.settings.poll_interval_s)
        self._lease = timedelta(seconds=3 * (wait + account.settings.timeout_s))
        self._thread = threading.Thread(target=self._run, name=f"email-queue-{queue_id}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        fetcher = self._fetcher
        if fetcher is not None:
            fetcher.interrupt()

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)

    def _session(self) -> Session:
        session = self._sessions()
        if self._announce is not None:
            session.info["announce"] = self._announce
        return session

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if not self._take_lease():
                    self._stop.wait(self._lease.total_seconds() / 2)
                    continue
                self._fetch_until_stopped()
            except LeaseLost:
                log.info("queue %s: another server process fetches it now", self.queue_id)
            except EmailChannelError as exc:
                if self._stop.is_set():
                    break
                self._report(health.ERROR, str(exc))
                self._pause()
            except Exception as exc:  # the database, or a bug: report it and go on after a pause
                log.exception("queue %s: the email worker failed", self.queue_id)
                self._report(health.ERROR, f"unexpected error: {type(exc).__name__}: {exc}")
                self._pause()
        self._release_lease()

    def _pause(self) -> None:
        self._stop.wait(self._delay)
        self._delay = min(self._delay * 2, self._timings.retry_max_s)

    def _fetch_until_stopped(self) -> None:
        settings = self.account.settings
        with ImapFetcher(self.account.imap) as fetcher:
            self._fetcher = fetcher
            try:
                state = self._start_state(fetcher)
                self._delay = self._timings.retry_s
                mode = "IDLE" if fetcher.supports_idle else f"polling every {settings.poll_interval_s:g} s"
                self._ok_message = (
                    f"connected to {settings.imap_host}:{settings.imap_port} as {settings.imap_user!r}, "
                    f"folder {settings.imap_folder!r}; waiting for new mail ({mode})"
                )
                while not self._stop.is_set():
                    self._heartbeat()
                    self._process_pending()
                    result = fetcher.fetch_new(state, limit=_FETCH_BATCH)
                    for fetched in result.messages:
                        self._store(fetched.raw, fetched.state, result.uidvalidity_changed)
                    if result.state != state:
                        with self._session() as session:
                            self._check_lease(session)
                            save_state(session, self.queue_id, result.state)
                            session.commit()
                        state = result.state
                    if result.messages:
                        self._process_pending()
                    if result.more:
                        continue
                    if fetcher.supports_idle:
                        fetcher.idle(self._timings.idle_s)
                    else:
                        self._stop.wait(settings.poll_interval_s)
            finally:
                self._fetcher = None

    def _start_state(self, fetcher: ImapFetcher) -> MailboxState:
        with self._session() as session:
            saved = mailbox_state(self._channel_state(session))
            if saved is not None:
                return saved
            # A new queue starts "from now", unless told to take in what the folder holds.
            state = MailboxState() if self.account.settings.import_existing else fetcher.current_state()
            save_state(session, self.queue_id, state)
            session.commit()
            return state

    def _store(self, raw: bytes, state: MailboxState, refetch: bool) -> None:
        with self._session() as session:
            self._check_lease(session)
            store_raw(session, self.queue_id, raw, state, refetch=refetch)
            session.commit()

    def _process_pending(self) -> None:
        with self._session() as session:
            ids = pending_raw_ids(session, self.queue_id)
        for raw_id in ids:
            try:
                with self._session() as session:
                    processed = process_raw(
                        session, raw_id, max_attachment_bytes=self.account.settings.max_attachment_bytes
                    )
                    if processed is not None:
                        self._report_mail(session, processed)
                    session.commit()
            except Exception as exc:  # one mail must never block the ones behind it
                log.exception("queue %s: stored mail %s could not be processed", self.queue_id, raw_id)
                reason = f"{type(exc).__name__}: {exc}"
                with self._session() as session:
                    mark_failed(session, raw_id, reason)
                    text = f"a fetched mail (raw #{raw_id}) could not be made a message; kept for another try: {reason}"
                    health.report(
                        session, self.queue_id, health.WARNING, text, notice={"message": text, "raw_id": raw_id}
                    )
                    session.commit()

    def _report_mail(self, session: Session, processed: Processed) -> None:
        warnings = processed.message.meta.get("warnings") or []
        if not warnings:
            health.report(session, self.queue_id, health.OK, self._ok_message)
            return
        parsed = processed.parsed
        text = (
            f"mail {parsed.subject!r} from {parsed.from_address or parsed.from_header or 'an unknown sender'}: "
            + "; ".join(warnings)
        )
        notice = {"message": text, "raw_id": processed.message.meta.get("raw_id"), "message_id": processed.message.id}
        health.report(session, self.queue_id, health.WARNING, text, notice=notice)

    def _report(self, status: str, message: str) -> None:
        try:
            with self._session() as session:
                health.report(session, self.queue_id, status, message)
                session.commit()
        except Exception:
            log.exception("queue %s: health could not be recorded (%s)", self.queue_id, message)

    def _heartbeat(self) -> None:
        with self._session() as session:
            self._check_lease(session)
            health.report(session, self.queue_id, health.OK, self._ok_message, keep_warning=True)
            session.commit()

    # The lease: who fetches this queue, so that two server processes never do it at once.

    def _channel_state(self, session: Session) -> dict[str, Any]:
        return dict(
            session.scalar(select(m.Queue.channel_state).where(m.Queue.id == self.queue_id).with_for_update()) or {}
        )

    def _write_channel_state(self, session: Session, channel_state: dict[str, Any]) -> None:
        # Private to the server: a plain UPDATE, so it stays out of the change log.
        session.execute(
            update(m.Queue)
            .where(m.Queue.id == self.queue_id)
            .values(channel_state=channel_state)
            .execution_options(synchronize_session=False)
        )

    def _try_lease(self, session: Session) -> bool:
        current = self._channel_state(session)
        now = utcnow()
        until = _time(current.get("lease_until"))
        if current.get("owner") not in (None, self._owner) and until is not None and until > now:
            return False
        current.update(owner=self._owner, lease_until=(now + self._lease).isoformat())
        self._write_channel_state(session, current)
        return True

    def _take_lease(self) -> bool:
        with self._session() as session:
            taken = self._try_lease(session)
            session.commit()
            return taken

    def _check_lease(self, session: Session) -> None:
        if not self._try_lease(session):
            raise LeaseLost

    def _release_lease(self) -> None:
        try:
            with self._session() as session:
                current = self._channel_state(session)
                if current.get("owner") == self._owner:
                    current.update(owner=None, lease_until=None)
                    self._write_channel_state(session, current)
                    session.commit()
        except Exception:
            log.exception("queue %s: the fetch lease could not be released; it expires on its own", self.queue_id)


def _time(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
