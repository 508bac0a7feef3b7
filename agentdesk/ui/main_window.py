"""The workspace: navigation, the inbox, the conversation and the customer, in one window.

Every read comes from the client core's cache queries and every write goes through its
outbox; the window only refreshes what a change touched (Anki's lesson), coalescing bursts.
"""

from __future__ import annotations

import asyncio
from datetime import UTC
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListView,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from agentdesk.client.cache.apply import Touched
from agentdesk.client.outbox.store import ItemState, OutboxItem
from agentdesk.client.queries.inbox import InboxFilter
from agentdesk.ui import settings as keys
from agentdesk.ui.assist.workspace import AssistWorkspace
from agentdesk.ui.bridge import ClientBridge
from agentdesk.ui.conversation.composer import load_canned
from agentdesk.ui.conversation.pane import ConversationPane
from agentdesk.ui.customer.merge_dialog import MergeDialog
from agentdesk.ui.customer.panel import CustomerPanel
from agentdesk.ui.inbox.delegate import InboxDelegate
from agentdesk.ui.inbox.model import ID_ROLE, InboxModel
from agentdesk.ui.navigation import NavEntry, Navigation
from agentdesk.ui.qa.dashboard import DashboardWorkspace
from agentdesk.ui.qa.scorecard_editor import ScorecardWorkspace
from agentdesk.ui.qa.workspace import QaWorkspace
from agentdesk.ui.settings import Settings
from agentdesk.ui.shortcuts import BY_ID
from agentdesk.ui.supervisor.workspace import SupervisorWorkspace
from agentdesk.ui.widgets.mentions import MentionsList
from agentdesk.ui.widgets.palette import CommandPalette, PaletteItem
from agentdesk.ui.widgets.pickers import AssigneePicker, SnoozePicker
from agentdesk.ui.widgets.shortcut_sheet import ShortcutSheet

# Keys that are plain letters must not fire while the agent types: they live on the list and
# the transcript only. The others work anywhere in the window.
_LETTER_COMMANDS = {
    "next",
    "previous",
    "reply",
    "note",
    "resolve",
    "reopen",
    "pending",
    "snooze",
    "assign",
    "assign_me",
    "customer",
    "help",
    "focus_inbox",
    "view_mine",
    "view_unassigned",
    "view_all",
    "mentions",
}


class MainWindow(QMainWindow):
    settingsRequested = Signal()
    notified = Signal(str)  # a desktop notification's text, also where no tray shows it
    signOutRequested = Signal()

    def __init__(self, bridge: ClientBridge, settings: Settings, language: str = "en") -> None:
        super().__init__()
        self.bridge = bridge
        self.client = bridge.client
        self.settings = settings
        self.setWindowTitle("AgentDesk")
        self._names: dict[int, str] = {}
        self._me: dict[str, Any] = {}
        self._mine: set[int] | None = None
        self._last_merge: int | None = None
        self._staging: set[asyncio.Future[None]] = set()
        # Mentions already known at start are not news.
        self._mentioned = {m.event_id for m in self.client.mentions()}

        self.banner = QLabel()
        self.banner.setObjectName("offline")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setVisible(False)

        self.navigation = Navigation()
        self.inbox_model = InboxModel()
        self.inbox = QListView()
        self.inbox.setObjectName("inbox")
        self.inbox.setAccessibleName(self.tr("Conversations"))
        self.inbox.setUniformItemSizes(True)
        self.inbox.setModel(self.inbox_model)
        self.inbox.setItemDelegate(InboxDelegate(self._name_of))
        self.inbox.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.inbox_count = QLabel()
        inbox_box = QWidget()
        inbox_layout = QVBoxLayout(inbox_box)
        inbox_layout.setContentsMargins(0, 0, 0, 0)
        inbox_layout.addWidget(self.inbox_count)
        inbox_layout.addWidget(self.inbox, 1)

        self.conversation = ConversationPane()
        self.conversation.suggestions.bind(self.client)
        self.customer = CustomerPanel(
            lambda cid, before, channels: self.client.timeline(cid, before=before, channels=channels)
        )
        self.customer.bind_callbacks(bridge)

        splitter = QSplitter()
        for widget, stretch in ((self.navigation, 0), (inbox_box, 1), (self.conversation, 3), (self.customer, 1)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        splitter.setSizes([180, 340, 620, 300])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self.sync_label = QLabel()
        self.outbox_label = QLabel()
        self.statusBar().addWidget(self.sync_label)
        self.statusBar().addPermanentWidget(self.outbox_label)
        self.upload_bar = QProgressBar()
        self.upload_bar.setMaximumWidth(260)
        self.upload_bar.setVisible(False)
        self.statusBar().addPermanentWidget(self.upload_bar)

        self._refresh_timer = QTimer(self, singleShot=True, interval=80)
        self._refresh_timer.timeout.connect(self._refresh)
        self._pending = Touched()

        self.actions_by_id: dict[str, QAction] = {}
        self._make_actions()
        # The knowledge base and callbacks (issue 8), each in a window of its own.
        self.assist = AssistWorkspace(
            self,
            bridge,
            self.actions_by_id,
            self.open_conversation,
            (self.inbox, self.conversation.transcript, self.navigation, self.customer.timeline),
        )
        self.qa = QaWorkspace(self, inbox_layout)
        self.tray = self._make_tray()

        self.navigation.viewChosen.connect(self._view_chosen)
        self.inbox.selectionModel().currentChanged.connect(self._current_changed)
        self.conversation.sendRequested.connect(self._send)
        self.conversation.retryRequested.connect(self.client.retry)
        self.customer.openConversation.connect(self.open_conversation)
        self.customer.mergeRequested.connect(self._merge)
        bridge.changed.connect(self._changed)
        bridge.outboxChanged.connect(self._outbox_changed)
        bridge.stateChanged.connect(self._state_changed)
        bridge.progress.connect(self._progress)
        bridge.uploadProgress.connect(self._upload_progress)

        self.conversation.composer.set_canned(load_canned(language))
        self._load_directory()
        # The QA dashboard (issue 10), for team leads, supervisors and admins: its own window.
        self.qa_dashboard = DashboardWorkspace(self)
        self.scorecards = ScorecardWorkspace(self)
        self.navigation.extra, self.navigation.extra_counts = self.qa.nav_entries(), self.qa.counts()
        self.navigation.extra += self.scorecards.nav_entries() + self.qa_dashboard.nav_entries()
        self.navigation.build(self.client.queues())
        self.navigation.set_counts(self.client.inbox_counts())
        self._state_changed(str(self.client.state))
        self._update_outbox_label()
        # Presence for everyone; the wallboard for supervisors and admins (issue 9).
        self.supervising = SupervisorWorkspace(self)

    # -- set-up --------------------------------------------------------------------------------

    def _make_actions(self) -> None:
        handlers = {
            "next": lambda: self.move_selection(1),
            "previous": lambda: self.move_selection(-1),
            "palette": self.open_palette,
            "focus_inbox": self.inbox.setFocus,
            "view_mine": lambda: self.navigation.select("mine"),
            "view_unassigned": lambda: self.navigation.select("unassigned"),
            "view_all": lambda: self.navigation.select("all"),
            "reply": lambda: self.conversation.composer.set_note_mode(False),
            "note": lambda: self.conversation.composer.set_note_mode(True),
            "send": self.conversation.composer.submit,
            "attach": self.conversation.composer.choose_files,
            "template": self.conversation.composer.show_templates,
            "mentions": self.show_mentions,
            "resolve": lambda: self._status("resolved"),
            "reopen": lambda: self._status("open"),
            "pending": lambda: self._status("pending"),
            "snooze": self.open_snooze,
            "assign": self.open_assign,
            "assign_me": self._assign_me,
            "customer": self.customer.timeline.setFocus,
            "undo_merge": self.undo_last_merge,
            "help": self.show_shortcuts,
            "settings": self.settingsRequested.emit,
            "sync": self._sync_now,
            "quit": self.close,
        }
        for command_id, handler in handlers.items():
            command = BY_ID[command_id]
            action = QAction(command.text(), self)
            action.setShortcut(QKeySequence(command.keys))
            action.triggered.connect(handler)
            if command_id in _LETTER_COMMANDS:
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                for widget in (self.inbox, self.conversation.transcript, self.navigation, self.customer.timeline):
                    widget.addAction(action)
            else:
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                self.addAction(action)
            self.actions_by_id[command_id] = action
        menu = self.menuBar().addMenu(self.tr("&Conversation"))
        for command_id in ("reply", "note", "resolve", "reopen", "pending", "snooze", "assign", "assign_me"):
            menu.addAction(self.actions_by_id[command_id])
        app_menu = self.menuBar().addMenu(self.tr("&AgentDesk"))
        for command_id in ("palette", "sync", "settings", "help", "quit"):
            app_menu.addAction(self.actions_by_id[command_id])
        sign_out = QAction(self.tr("Sign out"), self)
        sign_out.triggered.connect(self.signOutRequested.emit)
        app_menu.addAction(sign_out)

    def _make_tray(self) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        tray = QSystemTrayIcon(QIcon.fromTheme("mail-unread"), self)
        tray.setToolTip("AgentDesk")
        tray.activated.connect(lambda _reason: (self.showNormal(), self.raise_(), self.activateWindow()))
        tray.show()
        return tray

    def _load_directory(self) -> None:
        users = self.client.users()
        self._names = {u["id"]: u["display_name"] for u in users}
        self._queues = {q["id"]: q for q in self.client.queues()}
        self.conversation.composer.set_people([u for u in users if u["id"] != self.client.user_id])
        self._users = users
        self._me = next((u for u in users if u["id"] == self.client.user_id), {"display_name": ""})

    def _name_of(self, user_id: int | None) -> str:
        return self._names.get(user_id or -1, "")

    # -- views ---------------------------------------------------------------------------------

    def _view_chosen(self, entry: NavEntry) -> None:
        if self.qa.view_chosen(entry.key) or self.scorecards.view_chosen(entry.key):
            return
        if self.qa_dashboard.view_chosen(entry.key):
            return
        sort = "sla" if entry.key in ("unassigned", "mine") or entry.key.startswith("queue:") else "activity"
        f = entry.filter
        self.inbox_model.set_source(
            self.client.inbox(
                InboxFilter(view=f.view, queue_id=f.queue_id, statuses=f.statuses, channel=f.channel, sort=sort)
            )
        )
        self._update_count()
        if self.inbox_model.rowCount():
            self.inbox.setCurrentIndex(self.inbox_model.index(0))

    def _update_count(self) -> None:
        self.inbox_count.setText(self.tr("%n conversation(s)", "", self.inbox_model.total))

    def move_selection(self, step: int) -> None:
        row = self.inbox.currentIndex().row() + step
        if row >= self.inbox_model.rowCount() and self.inbox_model.canFetchMore(QModelIndex()):
            self.inbox_model.fetchMore(QModelIndex())
        if 0 <= row < self.inbox_model.rowCount():
            self.inbox.setCurrentIndex(self.inbox_model.index(row))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        conversation_id = current.data(ID_ROLE) if current.isValid() else None
        self.show_conversation(conversation_id)

    def open_conversation(self, conversation_id: int) -> None:
        row = self.inbox_model.row_of(conversation_id)
        if row is not None:
            self.inbox.setCurrentIndex(self.inbox_model.index(row))
        # Also when its row was current already while another conversation was on screen
        # (opened from the timeline, the palette or a callback): selecting it again changes nothing.
        if self.current_conversation_id() != conversation_id:
            self.show_conversation(conversation_id)

    def show_conversation(self, conversation_id: int | None, keep_scroll: bool = False) -> None:
        detail = self.client.conversation(conversation_id) if conversation_id else None
        contact = self.client.contact(detail.conversation["contact_id"]) if detail else None
        first = ((contact.contact.get("name") or "") if contact else "").split(" ")[0]
        values = {
            "contact": {"first_name": first, "name": (contact.contact.get("name") or "") if contact else ""},
            "agent": {
                "name": self._me.get("display_name", ""),
                "first_name": self._me.get("display_name", "").split(" ")[0],
            },
        }
        queue = self._queues.get(detail.conversation["queue_id"]) if detail else None
        self.conversation.composer.set_templates(((queue or {}).get("settings") or {}).get("templates") or [])
        windows = self.client.whatsapp_windows(contact.contact["id"]) if contact else {}
        identities = (
            [{**i, "whatsapp_window_closes_at": windows.get(i["id"])} for i in contact.identities] if contact else []
        )
        self.conversation.show_detail(detail, self._names, identities, values, keep_scroll)
        self.customer.show_contact(contact)
        self._show_failed()
        self.qa.conversation_shown(conversation_id)

    def current_conversation_id(self) -> int | None:
        return self.conversation.conversation_id

    # -- writes --------------------------------------------------------------------------------

    def _send(self, conversation_id: int, payload: dict) -> None:
        if payload["note"]:
            self.client.add_note(conversation_id, payload["text"])
        elif payload.get("template"):
            self.client.send_template(
                conversation_id, payload["template"], payload["text"], identity_id=payload.get("identity_id")
            )
        elif payload.get("files"):
            # Kept until done: the loop holds tasks only weakly.
            task = asyncio.ensure_future(self._send_with_files(conversation_id, payload))
            self._staging.add(task)
            task.add_done_callback(self._staging.discard)
        else:
            self.client.reply(
                conversation_id, payload["text"], subject=payload.get("subject"), identity_id=payload.get("identity_id")
            )

    async def _send_with_files(self, conversation_id: int, payload: dict) -> None:
        try:
            await self.client.reply_with_files(
                conversation_id,
                payload["text"],
                payload["files"],
                subject=payload.get("subject"),
                identity_id=payload.get("identity_id"),
            )
        except OSError as exc:
            self.statusBar().showMessage(self.tr("Not sent: a file could not be read (%1)").replace("%1", str(exc)))

    def _upload_progress(self, progress: Any) -> None:
        self.upload_bar.setVisible(progress.done < progress.total)
        self.upload_bar.setMaximum(max(progress.total, 1))
        self.upload_bar.setValue(progress.done)
        self.upload_bar.setFormat(self.tr("Uploading %1… %p%").replace("%1", progress.name))

    def _status(self, status: str) -> None:
        conversation_id = self.current_conversation_id()
        if conversation_id is not None:
            self.client.set_status(conversation_id, status)
            if status == "resolved":
                self.move_selection(1)

    def open_snooze(self) -> None:
        conversation_id = self.current_conversation_id()
        if conversation_id is None:
            return
        picker = SnoozePicker(self)
        picker.chosen.connect(lambda when: self.client.snooze(conversation_id, when.astimezone(UTC)))
        picker.open()

    def open_assign(self) -> None:
        conversation_id = self.current_conversation_id()
        if conversation_id is None:
            return
        picker = AssigneePicker(self._users, self)
        picker.chosen.connect(lambda user_id: self.client.assign(conversation_id, user_id))
        picker.open()

    def _assign_me(self) -> None:
        conversation_id = self.current_conversation_id()
        if conversation_id is not None:
            self.client.assign(conversation_id, self.client.user_id)

    def _merge(self, contact_id: int) -> None:
        survivor = self.client.contact(contact_id)
        if survivor is None:
            return
        dialog = MergeDialog(survivor, self.client.search_contacts, self.client.contact, self)
        dialog.mergeConfirmed.connect(self.client.merge_contacts)
        dialog.open()

    def undo_last_merge(self) -> None:
        if self._last_merge is not None:
            self.client.unmerge_contacts(self._last_merge)
            self._last_merge = None

    def _sync_now(self) -> None:
        self.client.engine.wake()
        self.client.engine.outbox_added()

    # -- palette and help ----------------------------------------------------------------------

    async def palette_search(self, text: str) -> list[PaletteItem]:
        contacts, messages = await self.client.search(text, contacts=8, messages=12)
        items = [PaletteItem("contact", hit.name or "?", hit.addresses, hit.contact_id) for hit in contacts]
        items += [
            PaletteItem("conversation", hit.snippet.replace("\n", " ")[:90], hit.channel, hit.conversation_id)
            for hit in messages
        ]
        return items

    def open_palette(self) -> CommandPalette:
        palette = CommandPalette(self.palette_search, self)
        palette.chosen.connect(self._palette_chosen)
        palette.open()
        return palette

    def _palette_chosen(self, item: PaletteItem) -> None:
        if item.kind == "command":
            # Some commands act in another window (the wallboard's) or are not this user's.
            if item.target in self.actions_by_id:
                self.actions_by_id[item.target].trigger()
        elif item.kind == "conversation":
            self.open_conversation(int(item.target))
        elif item.kind == "contact":
            detail = self.client.contact(int(item.target))
            self.customer.show_contact(detail)

    def show_shortcuts(self) -> ShortcutSheet:
        sheet = ShortcutSheet(self)
        sheet.open()
        return sheet

    # -- live updates --------------------------------------------------------------------------

    def _changed(self, touched: Touched) -> None:
        self._pending.merge(touched)
        self._refresh_timer.start()

    def _refresh(self) -> None:
        touched, self._pending = self._pending, Touched()
        if touched.everything or touched.ids.get("user") or touched.ids.get("queue"):
            self._load_directory()
            self.navigation.extra, self.navigation.extra_counts = self.qa.nav_entries(), self.qa.counts()
            self.navigation.extra += self.scorecards.nav_entries() + self.qa_dashboard.nav_entries()
            self.navigation.build(self.client.queues())
            self.navigation.set_counts(self.client.inbox_counts())
        conversations = touched.ids.get("conversation", set())
        if touched.everything or conversations or touched.ids.get("message"):
            self.inbox_model.refresh()
            self._update_count()
            self.navigation.set_counts(self.client.inbox_counts())
            self._notify_new_assignments()
        if touched.everything or touched.ids.get("event"):
            self._notify_mentions()
        current = self.current_conversation_id()
        # Message and event ids do not say their conversation; re-reading one conversation is cheap.
        if current is not None and (
            touched.everything or current in conversations or touched.ids.get("message") or touched.ids.get("event")
        ):
            self.show_conversation(current, keep_scroll=True)
        self.qa.refresh(touched)
        self.supervising.refresh(touched)

    def _notify(self, text: str) -> None:
        """A desktop notification (and the sound), as the settings ask."""
        if not self.settings.get(keys.NOTIFY_DESKTOP):
            return
        if self.settings.get(keys.NOTIFY_SOUND):
            QApplication.beep()
        if self.tray is not None:
            self.tray.showMessage("AgentDesk", text)
        self.notified.emit(text)

    def _notify_new_assignments(self) -> None:
        mine = {r.conversation_id for r in self.client.inbox(InboxFilter(view="mine")).page(None, 500)}
        if self._mine is not None and (new := mine - self._mine):
            self._notify(self.tr("%n conversation(s) newly assigned to you", "", len(new)))
        self._mine = mine
        if self.tray is not None:
            self.tray.setToolTip(self.tr("AgentDesk — %n open for you", "", len(mine)))

    def _notify_mentions(self) -> None:
        mentions = self.client.mentions()
        new = [m for m in mentions if m.event_id not in self._mentioned]
        self._mentioned |= {m.event_id for m in mentions}
        if len(new) == 1:
            who = self._names.get(new[0].by_id or -1) or "?"
            self._notify(self.tr("%1 mentioned you: %2").replace("%1", who).replace("%2", new[0].text[:120]))
        elif new:
            self._notify(self.tr("%n new mention(s) of you", "", len(new)))

    def show_mentions(self) -> MentionsList:
        dialog = MentionsList(self.client.mentions(), self._names, self)
        dialog.chosen.connect(self.open_conversation)
        dialog.open()
        return dialog

    def _outbox_changed(self, item: OutboxItem) -> None:
        if item.kind == "merge" and item.state is ItemState.SENT and isinstance(item.result, dict):
            self._last_merge = item.result.get("id")
            self.statusBar().showMessage(self.tr("Contacts merged. Ctrl+Z undoes it."), 10_000)
        self._update_outbox_label()
        if item.conversation_id == self.current_conversation_id():
            self._show_failed()

    def _show_failed(self) -> None:
        current = self.current_conversation_id()
        failed = self.client.outbox(states=(ItemState.FAILED,), conversation_id=current) if current else []
        self.conversation.set_failed([(i.id, i.error or "") for i in failed])

    def _update_outbox_label(self) -> None:
        pending = len(self.client.outbox(states=(ItemState.PENDING,)))
        failed = len(self.client.outbox(states=(ItemState.FAILED,)))
        parts = []
        if pending:
            parts.append(self.tr("%n waiting to be sent", "", pending))
        if failed:
            parts.append(self.tr("%n not sent", "", failed))
        self.outbox_label.setText(" · ".join(parts))

    def _state_changed(self, state: str) -> None:
        texts = {
            "online": self.tr("Up to date"),
            "syncing": self.tr("Synchronizing…"),
            "offline": self.tr("Offline"),
            "signed_out": self.tr("Signed out"),
        }
        self.sync_label.setText(texts.get(state, state))
        offline = state in ("offline", "signed_out")
        self.banner.setVisible(offline)
        if state == "offline":
            self.banner.setText(
                self.tr(
                    "You are offline. Everything stays readable; what you write is kept and sent when the "
                    "connection returns."
                )
            )
        elif state == "signed_out":
            self.banner.setText(self.tr("The server ended your session. Sign in again to send what is waiting."))

    def _progress(self, progress: Any) -> None:
        if progress.total:
            self.sync_label.setText(
                self.tr("Synchronizing… %1%").replace("%1", str(int(100 * progress.done / max(progress.total, 1))))
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        # Its client is closing: a refresh due now would read a cache that may be gone (forgotten).
        self._refresh_timer.stop()
        self.settings.set(keys.WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        self.settings.set(keys.WINDOW_STATE, bytes(self.saveState().data()))
        super().closeEvent(event)
