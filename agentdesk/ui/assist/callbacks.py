"""Callbacks waiting to be made: soonest window first, taken, marked done or missed.

Reads `client.callbacks` (the cache) and writes through the outbox, so it works offline.
Ctrl+Alt+D marks the selected callback done, Ctrl+Alt+X missed, Enter opens its conversation.
The same view, for one customer (`for_contact`), sits in the customer panel.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agentdesk.client.cache.apply import Touched
from agentdesk.client.outbox.store import ItemState, OutboxItem
from agentdesk.ui import labels
from agentdesk.ui.bridge import ClientBridge
from agentdesk.ui.shortcuts import command_action

_STATUS = {
    "requested": QT_TRANSLATE_NOOP("CallbacksView", "requested"),
    "scheduled": QT_TRANSLATE_NOOP("CallbacksView", "scheduled"),
}


def _time(moment: datetime | None) -> str:
    return labels.moment(moment) if moment else ""


class CallbacksView(QWidget):
    openConversation = Signal(int)

    def __init__(
        self,
        bridge: ClientBridge,
        names: dict[int, str] | None = None,
        parent: QWidget | None = None,
        *,
        for_contact: bool = False,
    ):
        super().__init__(parent)
        self.setObjectName("contactCallbacks" if for_contact else "callbacks")
        self.setWindowTitle(self.tr("Callbacks"))
        self.callbacks = bridge.client.callbacks
        self._names = names or {}
        self._mine: set[int] = set()
        # One customer's, in the customer panel: shown only while that customer has some.
        self.for_contact = for_contact
        self.contact_id: int | None = None
        self.only_mine = QCheckBox(self.tr("Only mine"))
        self.only_mine.setVisible(not for_contact)
        self.header = QLabel(self.tr("Callbacks to make"))
        self.header.setVisible(for_contact)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Callbacks to make"))
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        if for_contact:
            self.list.setMaximumHeight(110)
        self.take_button = QPushButton(self.tr("Take"))
        self.done_button = QPushButton(self.tr("Done"))
        self.missed_button = QPushButton(self.tr("Missed"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.take_button, self.done_button, self.missed_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        if for_contact:
            layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.only_mine)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        for command_id, handler in (
            ("callback_done", lambda: self.mark("done")),
            ("callback_missed", lambda: self.mark("missed")),
        ):
            self.addAction(command_action(command_id, self, handler, Qt.ShortcutContext.WidgetWithChildrenShortcut))
        self.only_mine.toggled.connect(lambda _on: self.refresh())
        self.take_button.clicked.connect(self.take)
        self.done_button.clicked.connect(lambda: self.mark("done"))
        self.missed_button.clicked.connect(lambda: self.mark("missed"))
        self.list.itemActivated.connect(self._open)
        bridge.changed.connect(self._changed)
        bridge.outboxChanged.connect(self._outbox_changed)
        self.refresh()

    def show_contact(self, contact_id: int | None) -> None:
        self.contact_id = contact_id
        self.status.clear()
        self.refresh()

    def refresh(self) -> None:
        current = self.current_id()
        self.list.clear()
        if self.for_contact and self.contact_id is None:
            found = []
        else:
            found = self.callbacks.listed(mine=self.only_mine.isChecked(), contact_id=self.contact_id)
        for callback in found:
            item = QListWidgetItem(self._text(callback))
            item.setData(Qt.ItemDataRole.UserRole, callback["id"])
            item.setData(Qt.ItemDataRole.UserRole + 1, callback["conversation_id"])
            self.list.addItem(item)
            if callback["id"] == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        if self.for_contact:
            self.setVisible(bool(self.list.count()) or bool(self.status.text()))

    def _text(self, callback: dict[str, Any]) -> str:
        how = self.tr("call") if callback["channel"] == "phone" else labels.channel(callback["channel"])
        window = " – ".join(t for t in (_time(callback["window_opens_at"]), _time(callback["window_closes_at"])) if t)
        who = self._names.get(callback["assignee_id"] or -1)
        state = self.tr("taken by %1").replace("%1", who) if who else self.tr("not taken")
        status = QCoreApplication.translate("CallbacksView", _STATUS.get(callback["status"], callback["status"]))
        reach = f"{how} {callback['address'] or ''}".strip()
        # In the customer panel the customer is the one on screen; there the status leads instead.
        first = f"{status} · {reach}" if self.for_contact else f"{callback.get('contact_name') or '?'} · {reach}"
        second = " · ".join(p for p in (window or self.tr("any time"), state, callback.get("note") or "") if p)
        return f"{first}\n{second}"

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def take(self) -> None:
        self._act(lambda callback_id: self.callbacks.take(callback_id))

    def mark(self, status: str) -> None:
        self._act(lambda callback_id: self.callbacks.set_status(callback_id, status))

    def _act(self, write: Any) -> None:
        callback_id = self.current_id()
        if callback_id is None:
            return
        if callback_id < 0:
            self.status.setText(self.tr("This callback is still on its way to the server."))
            return
        self._mine.add(write(callback_id).id)
        self.status.clear()
        self.refresh()

    def _open(self, item: QListWidgetItem) -> None:
        conversation_id = item.data(Qt.ItemDataRole.UserRole + 1)
        if conversation_id is not None:
            self.openConversation.emit(int(conversation_id))

    def _changed(self, touched: Touched) -> None:
        if touched.everything or touched.ids.get("callback"):
            self.refresh()

    def _outbox_changed(self, item: OutboxItem) -> None:
        if item.id in self._mine and item.state is ItemState.FAILED:
            self.status.setText(self.tr("Not changed: %1").replace("%1", item.error or ""))
            if self.for_contact:
                self.setVisible(True)
