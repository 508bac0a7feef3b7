"""The WhatsApp channel of one running server: webhook intake, customers' files, retries and
the outbound sender, over one shared httpx.AsyncClient on the server's event loop.

A webhook POST is verified, stored raw and committed before anything parses it; its messages
and statuses are applied in the same request (database work only), and the customers' files
are fetched after the answer, so Meta gets its 200 quickly. Whatever is left (a failure, a
file Meta could not hand over yet, a status for a send not recorded yet) is taken again by
`run_worker`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from sqlalchemy.orm import Session, sessionmaker

from agentdesk.server.channels.dispatch import SendError, Sent
from agentdesk.server.channels.whatsapp import media_store, store
from agentdesk.server.channels.whatsapp.config import NotConfigured, WhatsAppQueue, whatsapp_queue
from agentdesk.server.channels.whatsapp.errors import GraphUnavailable, WhatsAppSendError
from agentdesk.server.channels.whatsapp.graph import (
    DEFAULT_MAX_MEDIA_BYTES,
    GraphClient,
    media_message,
    template_message,
    text_message,
)
from agentdesk.server.channels.whatsapp.outbound import sending_queue_id
from agentdesk.server.channels.whatsapp.signature import verification_challenge, verify_signature
from agentdesk.server.db import models as m
from agentdesk.server.services.errors import NotFound

log = logging.getLogger(__name__)

# Meta answers in well under a second; a send that takes longer is better retried than awaited.
GRAPH_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
# What WhatsApp shows as a photo; every other file goes as a document, which takes any type.
IMAGE_TYPES = frozenset({"image/jpeg", "image/png"})
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Accepted:
    raw_id: int
    outcome: store.Outcome


class WhatsAppChannel:
    def __init__(
        self,
        read_sessions: sessionmaker[Session],
        write_sessions: sessionmaker[Session],
        *,
        announce: Callable[[int], None] | None = None,
        max_media_bytes: int = DEFAULT_MAX_MEDIA_BYTES,
    ) -> None:
        self._read_sessions = read_sessions
        self._write_sessions = write_sessions
        self._announce = announce
        self._max_media_bytes = max_media_bytes
        self._loop: asyncio.AbstractEventLoop | None = None
        self._http: httpx.AsyncClient | None = None

    @property
    def loop(self) -> asyncio.AbstractEventLoop | None:
        """The event loop the channel runs on, for callers in other threads."""
        return self._loop

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._http = httpx.AsyncClient(timeout=GRAPH_TIMEOUT)

    async def close(self) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    # -- webhook ---------------------------------------------------------------------

    def handshake(self, queue_id: int, params: Mapping[str, str]) -> str:
        """The challenge to echo, or VerificationRefused / NotFound."""
        return verification_challenge(params, self._queue(queue_id).verify_token)

    def accept(self, queue_id: int, body: bytes, signature: str | None) -> Accepted:
        """Verify, store, then process a delivery; InvalidSignature / NotFound store nothing."""
        verify_signature(body, signature, self._queue(queue_id).app_secret)
        with self._write_sessions() as session:
            self._bind(session)
            raw_id = store.store_raw(session, queue_id, body).id
            session.commit()
        return Accepted(raw_id, self._first_pass(raw_id))

    async def complete(self, accepted: Accepted) -> None:
        """Fetch the files an accepted delivery left; run after the webhook answered."""
        if accepted.outcome.media:
            await self._fetch_and_finish(accepted.raw_id, accepted.outcome.media)

    async def retry_round(self) -> int:
        """Take every delivery that is due for another try once; returns how many."""
        with self._read_sessions() as session:
            due = store.due_rows(session)
        for raw_id in due:
            outcome = await asyncio.to_thread(self._claim_and_process, raw_id)
            if outcome is not None and outcome.media:
                await self._fetch_and_finish(raw_id, outcome.media)
        return len(due)

    async def run_worker(self, interval_s: float) -> None:
        while True:
            try:
                await self.retry_round()
            except Exception:  # a failed round (database down) must not end retries for good
                log.exception("WhatsApp retry round failed")
            await asyncio.sleep(interval_s)

    def _claim_and_process(self, raw_id: int) -> store.Outcome | None:
        with self._write_sessions() as session:
            self._bind(session)
            row = store.claim(session, raw_id)
            session.commit()
        return None if row is None else self._first_pass(raw_id)

    def _first_pass(self, raw_id: int) -> store.Outcome:
        """Messages, statuses and contacts in one transaction; the row stays claimed while files remain."""
        try:
            with self._write_sessions() as session:
                self._bind(session)
                row = session.get(m.InboundRaw, raw_id)
                assert row is not None
                outcome = store.process(session, row)
                if not outcome.media:
                    store.finish(row, outcome)
                session.commit()
                return outcome
        except Exception as exc:
            log.exception("WhatsApp delivery %s could not be processed", raw_id)
            self._fail(raw_id, exc)
            return store.Outcome(store.FAILED, _reason(exc))

    async def _fetch_and_finish(self, raw_id: int, todos: list[store.MediaTodo]) -> None:
        try:
            fetched = []
            for todo in todos:
                graph = self._graph(await asyncio.to_thread(self._queue_of_message, todo.message_id))
                fetched.append(await media_store.fetch(graph, todo, self._max_media_bytes))
            await asyncio.to_thread(self._store_files, raw_id, fetched)
        except Exception as exc:
            log.exception("the files of WhatsApp delivery %s could not be stored", raw_id)
            await asyncio.to_thread(self._fail, raw_id, exc)

    def _store_files(self, raw_id: int, fetched: list[media_store.Fetched]) -> None:
        with self._write_sessions() as session:
            self._bind(session)
            for item in fetched:
                message = session.get(m.Message, item.todo.message_id)
                assert message is not None
                attachment = media_store.attachment_for(session, message.queue_id, item)
                if attachment is not None:
                    store.media_stored(session, item.todo, attachment)
            row = session.get(m.InboundRaw, raw_id)
            assert row is not None
            # Again, now that the files are in: what is still pending makes the row due for a retry.
            store.finish(row, store.process(session, row))
            session.commit()

    def _fail(self, raw_id: int, exc: BaseException) -> None:
        with self._write_sessions() as session:
            store.mark_failed(session, raw_id, _reason(exc))
            session.commit()

    # -- sending ---------------------------------------------------------------------

    def send(self, session: Session, message: m.Message) -> Sent:
        """The dispatcher's sender for channel "whatsapp"; runs in a worker thread."""
        loop = self._loop
        if loop is None or loop.is_closed():
            raise SendError("the WhatsApp channel is not running", retryable=True)
        conversation = session.get(m.Conversation, message.conversation_id)
        identity = session.get(m.Identity, message.identity_id) if message.identity_id else None
        if conversation is None or identity is None:
            raise SendError("the reply has no WhatsApp number to go to", retryable=False)
        queue_id = sending_queue_id(session, conversation, identity.id)
        if queue_id is None:
            raise SendError(
                f"{identity.address} never wrote on WhatsApp: there is no number to send from", retryable=False
            )
        try:
            account = self._queue(queue_id)
            account.require_sending()
        except (NotConfigured, NotFound) as exc:
            raise SendError(str(exc), retryable=False) from exc
        wanted = dict((message.meta or {}).get("whatsapp") or {})
        graph = self._graph(account)
        if message.attachments:
            wanted["media"] = self._upload(loop, graph, session, message)
        body = _graph_message(identity.address, message.text, wanted, _context(session, wanted.get("reply_to")))
        # Delivery is at least once: a lost answer is retried, which may rarely send twice.
        sent = _wait(asyncio.run_coroutine_threadsafe(graph.send(body), loop))
        wanted.update(phone_number_id=account.phone_number_id, to=sent.wa_id or body["to"])
        if sent.message_status:
            wanted["message_status"] = sent.message_status
        return Sent(external_id=sent.wamid, meta={"whatsapp": wanted})

    def _upload(
        self, loop: asyncio.AbstractEventLoop, graph: GraphClient, session: Session, message: m.Message
    ) -> dict[str, Any]:
        """Hand the reply's file to Meta; what to send is then the media id it answered."""
        attachment = message.attachments[0]
        stored = session.get(m.StoredFile, attachment["file_id"])
        if stored is None:
            raise SendError(f"the attached file {attachment.get('name')!r} is no longer stored", retryable=False)
        name, content_type = attachment["name"], attachment["content_type"]
        media_id = _wait(asyncio.run_coroutine_threadsafe(graph.upload_media(stored.content, content_type, name), loop))
        kind = "image" if content_type in IMAGE_TYPES else "document"
        media: dict[str, Any] = {"kind": kind, "id": media_id, "file_id": stored.id}
        if message.text.strip():
            media["caption"] = message.text
        if kind == "document":
            media["filename"] = name
        return media

    # -- plumbing --------------------------------------------------------------------

    def _queue(self, queue_id: int) -> WhatsAppQueue:
        with self._read_sessions() as session:
            queue = session.get(m.Queue, queue_id)
            if queue is None or queue.channel != "whatsapp":
                raise NotFound(f"there is no WhatsApp queue {queue_id}")
            return whatsapp_queue(queue)

    def _queue_of_message(self, message_id: int) -> WhatsAppQueue:
        with self._read_sessions() as session:
            message = session.get(m.Message, message_id)
            assert message is not None
            queue_id = message.queue_id
        return self._queue(queue_id)

    def _graph(self, account: WhatsAppQueue) -> GraphClient:
        if self._http is None:
            raise GraphUnavailable("the WhatsApp channel is not running", maybe_sent=False)
        return GraphClient(
            self._http,
            access_token=account.access_token,
            phone_number_id=account.phone_number_id,
            base_url=account.graph_base_url,
            version=account.graph_version,
        )

    def _bind(self, session: Session) -> None:
        if self._announce is not None:
            session.info["announce"] = self._announce


def _graph_message(to: str, text: str, wanted: dict[str, Any], reply_to: str | None) -> dict[str, Any]:
    if template := wanted.get("template"):
        return template_message(
            to, template["name"], template["language"], template.get("parameters") or (), reply_to=reply_to
        )
    if media := wanted.get("media"):
        return media_message(
            to,
            media["kind"],
            link=media.get("link"),
            media_id=media.get("id"),
            caption=media.get("caption"),
            filename=media.get("filename"),
            reply_to=reply_to,
        )
    return text_message(to, text, reply_to=reply_to)


def _wait(future: concurrent.futures.Future[T]) -> T:
    """The Graph API call's result in the dispatcher's thread, its failure as a SendError."""
    try:
        return future.result()
    except WhatsAppSendError as exc:
        raise SendError(str(exc), retryable=exc.retryable) from exc


def _context(session: Session, message_id: object) -> str | None:
    """The wamid of the customer's message a reply answers, shown quoted on the customer's phone."""
    if not isinstance(message_id, int):
        return None
    answered = session.get(m.Message, message_id)
    return answered.external_id if answered is not None and answered.channel == "whatsapp" else None


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
