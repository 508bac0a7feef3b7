"""`AgentDeskClient`: the one named API the UI uses (DESIGN.md: a screen never opens a database
session or an HTTP connection itself).

Queries are synchronous and read the cache only. Writes go to the outbox and return at
once with their item; the engine sends them. Every change reaches the UI through the
observers (`changed`, `outbox_changed`, `state_changed`, `progress`, `signed_out`), which a
Qt adapter connects to signals.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from agentdesk.client import auth
from agentdesk.client import qa_dashboard as dashboard_fetch
from agentdesk.client.cache import figures as cache_figures
from agentdesk.client.cache.apply import Touched
from agentdesk.client.cache.database import Cache
from agentdesk.client.callbacks import CallbackClient
from agentdesk.client.kb import KbClient
from agentdesk.client.observe import Observers
from agentdesk.client.outbox import files, store, supervision_writes, writes
from agentdesk.client.outbox.store import ItemState, OutboxItem
from agentdesk.client.outbox.supervision_writes import Presence
from agentdesk.client.profile import Profile
from agentdesk.client.qa import QaClient
from agentdesk.client.queries import directory
from agentdesk.client.queries import figures as figure_queries
from agentdesk.client.queries.contact import ContactDetail, TimelinePage, contact_detail, timeline
from agentdesk.client.queries.conversation import ConversationDetail, conversation_detail
from agentdesk.client.queries.figures import AgentState, Figures
from agentdesk.client.queries.inbox import InboxCounts, InboxFilter, InboxView, inbox_counts
from agentdesk.client.queries.mentions import Mention, mentions
from agentdesk.client.queries.search import ContactHit, MessageHit, search_contacts, search_messages
from agentdesk.client.queries.windows import whatsapp_windows
from agentdesk.client.sync import figures as figure_fetch
from agentdesk.client.sync import pages
from agentdesk.client.sync.engine import Progress, SyncEngine, SyncState, Tuning, UploadProgress

DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=5.0)


class AgentDeskClient:
    def __init__(
        self,
        session: auth.Session,
        http: httpx.AsyncClient,
        *,
        store_: auth.TokenStore,
        data_dir: Path | None = None,
        ws_url: str | None = None,
        tuning: Tuning = Tuning(),
    ) -> None:
        self.session = session
        self.http = http
        self._tokens = store_
        self.cache = Cache(session.profile.cache_path(data_dir))
        pages.set_user(self.cache, session.user["id"])
        self.engine = SyncEngine(self.cache, http, session.token, ws_url=ws_url, tuning=tuning)
        self.user_id: int = session.user["id"]
        # QA reviews, comments and review queues (issue 10): named methods like the rest, grouped.
        self.qa = QaClient(self.cache, self.user_id, self._submit)
        self.kb = KbClient(self.cache, self._submit)
        self.callbacks = CallbackClient(self.cache, self.user_id, self._submit)

    # -- signing in and out ----------------------------------------------------------

    @classmethod
    async def sign_in(
        cls,
        server_url: str,
        username: str,
        password: str,
        *,
        tokens: auth.TokenStore,
        data_dir: Path | None = None,
        ws_url: str | None = None,
        tuning: Tuning = Tuning(),
    ) -> AgentDeskClient:
        profile = Profile.of(server_url, username)
        http = httpx.AsyncClient(base_url=profile.server_url, timeout=DEFAULT_TIMEOUT)
        try:
            session = await auth.sign_in(http, profile, password, tokens)
        except BaseException:
            await http.aclose()
            raise
        return cls(session, http, store_=tokens, data_dir=data_dir, ws_url=ws_url, tuning=tuning)

    @classmethod
    async def resume(
        cls,
        server_url: str,
        username: str,
        *,
        tokens: auth.TokenStore,
        data_dir: Path | None = None,
        ws_url: str | None = None,
        tuning: Tuning = Tuning(),
    ) -> AgentDeskClient | None:
        """Open a profile with its saved token, offline-capable; None when there is no token.

        Works without the network: the user id comes from the cache of the last session.
        A token the server no longer accepts shows up as the `signed_out` observer.
        """
        profile = Profile.of(server_url, username)
        token = tokens.load(profile)
        if token is None:
            return None
        cache = Cache(profile.cache_path(data_dir))
        user_id = pages.position(cache).user_id
        cache.close()
        if user_id is None:
            return None
        session = auth.Session(profile, token, {"id": user_id, "username": profile.username}, True)
        http = httpx.AsyncClient(base_url=profile.server_url, timeout=DEFAULT_TIMEOUT)
        return cls(session, http, store_=tokens, data_dir=data_dir, ws_url=ws_url, tuning=tuning)

    def start(self) -> None:
        """Start syncing (needs a running event loop: qasync's in the desktop program)."""
        self.engine.start()

    async def close(self) -> None:
        """Stop syncing and release files and connections; the outbox waits for next time."""
        await self.engine.stop()
        await self.http.aclose()
        self.cache.close()

    async def sign_out(self) -> None:
        await self.engine.stop()
        await auth.sign_out(self.http, self.session, self._tokens)
        await self.http.aclose()
        self.cache.close()

    # -- observers ---------------------------------------------------------------------

    @property
    def state(self) -> SyncState:
        return self.engine.state

    @property
    def state_changed(self) -> Observers[SyncState]:
        return self.engine.state_changed

    @property
    def progress(self) -> Observers[Progress]:
        return self.engine.progress

    @property
    def changed(self) -> Observers[Touched]:
        return self.engine.changed

    @property
    def outbox_changed(self) -> Observers[OutboxItem]:
        return self.engine.outbox_changed

    @property
    def signed_out(self) -> Observers[str]:
        return self.engine.signed_out

    @property
    def upload_progress(self) -> Observers[UploadProgress]:
        return self.engine.upload_progress

    # -- writes ------------------------------------------------------------------------

    def _submit(self, write: writes.Write) -> OutboxItem:
        item, touched = store.enqueue(self.cache, write)
        self.engine.outbox_changed.emit(item)
        self.engine.changed.emit(touched)
        self.engine.outbox_added()
        return item

    def reply(
        self,
        conversation_id: int,
        text: str,
        *,
        html: str | None = None,
        subject: str | None = None,
        identity_id: int | None = None,
    ) -> OutboxItem:
        return self._submit(writes.reply(conversation_id, text, html=html, subject=subject, identity_id=identity_id))

    async def reply_with_files(
        self,
        conversation_id: int,
        text: str,
        paths: list[Path],
        *,
        subject: str | None = None,
        identity_id: int | None = None,
    ) -> OutboxItem:
        """A reply with attachments: the files are copied into the profile's folder (off the
        event loop) before the reply enters the outbox, which then uploads them and sends it."""
        staged = await asyncio.to_thread(files.stage, files.folder_of(self.cache.path), paths)
        try:
            write = writes.reply(conversation_id, text, subject=subject, identity_id=identity_id, files=staged)
            return self._submit(write)
        except BaseException:
            files.remove(staged)
            raise

    def send_template(
        self, conversation_id: int, template: dict[str, Any], text: str, *, identity_id: int | None = None
    ) -> OutboxItem:
        return self._submit(writes.send_template(conversation_id, template, text, identity_id=identity_id))

    def record_suggestion(
        self,
        conversation_id: int,
        *,
        accepted: bool,
        kind: str,
        article_id: int | None = None,
        title: str | None = None,
    ) -> OutboxItem:
        """Tell the server what the agent did with a suggestion (deflections are counted from it)."""
        write = writes.suggestion_outcome(
            conversation_id, accepted=accepted, kind=kind, article_id=article_id, title=title
        )
        return self._submit(write)

    def schedule_reminder(
        self,
        conversation_id: int,
        due_at: datetime,
        template: dict[str, Any],
        *,
        starts_at: str | None = None,
        event_id: int | None = None,
    ) -> OutboxItem:
        write = writes.schedule_reminder(conversation_id, due_at, template, starts_at=starts_at, event_id=event_id)
        return self._submit(write)

    def add_note(self, conversation_id: int, text: str) -> OutboxItem:
        return self._submit(writes.note(conversation_id, text))

    def set_status(self, conversation_id: int, status: str) -> OutboxItem:
        return self._submit(writes.set_status(conversation_id, status))

    def snooze(self, conversation_id: int, until: datetime) -> OutboxItem:
        return self._submit(writes.snooze(conversation_id, until))

    def assign(self, conversation_id: int, assignee_id: int | None) -> OutboxItem:
        return self._submit(writes.assign(conversation_id, assignee_id))

    def merge_contacts(self, survivor_id: int, merged_id: int) -> OutboxItem:
        return self._submit(writes.merge(survivor_id, merged_id))

    def unmerge_contacts(self, merge_id: int) -> OutboxItem:
        return self._submit(writes.unmerge(merge_id))

    def set_contact_attributes(
        self,
        contact_id: int,
        *,
        name: str | None = None,
        language: str | None = None,
        set: dict[str, str | int | float | bool | None] | None = None,
        unset: list[str] | None = None,
    ) -> OutboxItem:
        return self._submit(writes.contact_attributes(contact_id, name=name, language=language, set=set, unset=unset))

    def retry(self, item_id: int) -> OutboxItem:
        item, touched = store.retry(self.cache, item_id)
        self.engine.outbox_changed.emit(item)
        self.engine.changed.emit(touched)
        self.engine.outbox_added()
        return item

    def discard(self, item_id: int) -> None:
        item = store.discard(self.cache, item_id)
        if item is not None:
            files.remove(item.files)

    def outbox(
        self, *, states: tuple[ItemState, ...] = tuple(ItemState), conversation_id: int | None = None
    ) -> list[OutboxItem]:
        return store.items(self.cache, states=states, conversation_id=conversation_id)

    # -- queries (cache only) --------------------------------------------------------

    def inbox(self, filter: InboxFilter = InboxFilter()) -> InboxView:
        return InboxView(self.cache, self.user_id, filter)

    def inbox_counts(self) -> InboxCounts:
        return inbox_counts(self.cache, self.user_id)

    def conversation(self, conversation_id: int) -> ConversationDetail | None:
        return conversation_detail(self.cache, conversation_id)

    def contact(self, contact_id: int) -> ContactDetail | None:
        return contact_detail(self.cache, contact_id)

    def timeline(
        self,
        contact_id: int,
        *,
        limit: int = 50,
        before: tuple[str, int, int] | None = None,
        channels: tuple[str, ...] = (),
    ) -> TimelinePage:
        return timeline(self.cache, contact_id, limit=limit, before=before, channels=channels)

    def users(self) -> list[dict[str, Any]]:
        return directory.users(self.cache)

    def whatsapp_windows(self, contact_id: int) -> dict[int, datetime]:
        """When each of the contact's WhatsApp numbers' 24-hour window closes."""
        return whatsapp_windows(self.cache, contact_id)

    def mentions(self, *, limit: int = 50) -> list[Mention]:
        """Notes that mention this user ("@username"), newest first."""
        return mentions(self.cache, self.user_id, limit=limit)

    def queues(self) -> list[dict[str, Any]]:
        return directory.queues(self.cache)

    def search_messages(self, text: str, *, limit: int = 50) -> list[MessageHit]:
        return search_messages(self.cache, text, limit=limit)

    def search_contacts(self, text: str, *, limit: int = 20) -> list[ContactHit]:
        return search_contacts(self.cache, text, limit=limit)

    async def search(
        self, text: str, *, contacts: int = 20, messages: int = 50
    ) -> tuple[list[ContactHit], list[MessageHit]]:
        """Contacts and messages matching `text`, read in a worker thread (a search over a million
        messages takes ~100 ms: never on the caller's loop, which is the GUI thread's)."""

        def both() -> tuple[list[ContactHit], list[MessageHit]]:
            return search_contacts(self.cache, text, limit=contacts), search_messages(self.cache, text, limit=messages)

        return await asyncio.to_thread(both)

    # -- supervising (issue 9): presence, capacity, moves, and the wallboard's figures --------

    def set_presence(self, presence: Presence) -> OutboxItem:
        return self._submit(supervision_writes.presence(self.user_id, presence))

    def report_presence(self) -> OutboxItem:
        """At sign-in: busy or away if that is what this user last chose, otherwise available."""
        last = self.agent_states().get(self.user_id)
        return self.set_presence(last.presence if last and last.presence in ("busy", "away") else "available")

    def my_presence(self) -> str:
        state = self.agent_states().get(self.user_id)
        return state.presence if state else "offline"

    def set_capacity(self, user_id: int, per_channel: dict[str, int]) -> OutboxItem:
        """Conversations at once per channel for an agent (supervisors and admins)."""
        return self._submit(supervision_writes.capacity(user_id, per_channel))

    def move_conversation(self, conversation_id: int, queue_id: int) -> OutboxItem:
        """Move a conversation with its whole context to another queue (supervisors and admins)."""
        return self._submit(supervision_writes.move(conversation_id, queue_id))

    def wallboard_figures(self) -> Figures | None:
        """The newest live figures kept (pushed by the feed or fetched); None before the first."""
        return figure_queries.current(self.cache)

    def intervals(self, days: int) -> Figures | None:
        """The kept 15-minute intervals of today (days=1) or the last `days` days."""
        return figure_queries.intervals(self.cache, days)

    def agent_states(self) -> dict[int, AgentState]:
        return figure_queries.agent_states(self.cache)

    async def refresh_figures(self) -> Figures:
        """Fetch the live figures now; raises FiguresUnavailable (offline) or FiguresRefused."""
        fetched = await figure_fetch.fetch(
            self.http, self.session.token, self.cache, cache_figures.CURRENT, "/api/v1/metrics/queues"
        )
        self.engine.changed.emit(_figures_touched())
        return fetched

    async def refresh_intervals(self, days: int) -> Figures:
        name = cache_figures.intervals_name(days)
        params = {"days": days}
        fetched = await figure_fetch.fetch(
            self.http, self.session.token, self.cache, name, "/api/v1/metrics/intervals", params
        )
        self.engine.changed.emit(_figures_touched())
        return fetched

    # -- the QA dashboard (issue 10): online only, see agentdesk.client.qa_dashboard ------------

    async def qa_dashboard(
        self, days: int = 28, group: str = "agent", interval: str = "week"
    ) -> dashboard_fetch.Dashboard:
        """Scores per agent, criterion or channel over time; raises DashboardUnavailable (offline)
        or DashboardRefused (agents)."""
        return await dashboard_fetch.fetch(self.http, self.session.token, days, group, interval)

    async def qa_dashboard_csv(self, days: int = 28, group: str = "agent", interval: str = "week") -> str:
        """The same figures as CSV text, one row per series and interval."""
        return await dashboard_fetch.fetch_csv(self.http, self.session.token, days, group, interval)


def _figures_touched() -> Touched:
    touched = Touched()
    touched.add(cache_figures.ENTITY, [0])
    return touched
