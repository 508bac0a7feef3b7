"""The customer panel: who the customer is on each channel, the callbacks still to make to them
(take, done, missed), and everything that happened."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
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

from agentdesk.client.queries.contact import ContactDetail, TimelinePage
from agentdesk.ui import labels
from agentdesk.ui.assist.callbacks import CallbacksView
from agentdesk.ui.bridge import ClientBridge
from agentdesk.ui.conversation.composer import IDENTITY_CHANNEL
from agentdesk.ui.conversation.render import event_text

TimelineLoader = Callable[[int, tuple[str, int, int] | None, tuple[str, ...]], TimelinePage]


def _summary(item: Any, names: Mapping[int, str]) -> str:
    row = item.row
    if item.type == "message":
        text = (row.get("meta") or {}).get("new_text") or row.get("text") or ""
        arrow = "→" if row.get("direction") == "outbound" else "←"
        return f"{arrow} {' '.join(text.split())[:90]}"
    return f"• {event_text(row, names)}"


class CustomerPanel(QWidget):
    openConversation = Signal(int)
    mergeRequested = Signal(int)  # the contact shown

    def __init__(self, load: TimelineLoader | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load = load
        self.contact_id: int | None = None
        self._before: tuple[str, int, int] | None = None
        self._names: Mapping[int, str] = {}
        self.name = QLabel(self.tr("No customer"))
        self.name.setObjectName("title")
        self.identities = QLabel()
        self.identities.setWordWrap(True)
        self.identities.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.attributes = QLabel()
        self.attributes.setWordWrap(True)
        self.filters = {c: QCheckBox(labels.channel(c)) for c in ("email", "whatsapp", "webchat")}
        filters = QHBoxLayout()
        for box in self.filters.values():
            box.setChecked(True)
            box.toggled.connect(lambda _on: self.reload())
            filters.addWidget(box)
        self.timeline = QListWidget()
        self.timeline.setAccessibleName(self.tr("Customer timeline"))
        self.timeline.setUniformItemSizes(True)
        self.timeline.itemActivated.connect(self._activated)
        self.more = QPushButton(self.tr("Show older"))
        self.more.clicked.connect(self._load_more)
        self.merge = QPushButton(self.tr("Merge with another contact…"))
        self.merge.clicked.connect(lambda: self.contact_id and self.mergeRequested.emit(self.contact_id))
        self.callbacks: CallbacksView | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.identities)
        layout.addWidget(self.attributes)
        layout.addWidget(self.merge)
        self._callbacks_at = layout.count()
        layout.addWidget(QLabel(self.tr("Timeline")))
        layout.addLayout(filters)
        layout.addWidget(self.timeline, 1)
        layout.addWidget(self.more)

    def set_loader(self, load: TimelineLoader) -> None:
        self._load = load

    def bind_callbacks(self, bridge: ClientBridge) -> CallbacksView:
        """Show the customer's open callbacks, from this client's cache, with their actions."""
        names = {u["id"]: u["display_name"] for u in bridge.client.users()}
        self._names = names
        self.callbacks = CallbacksView(bridge, names, self, for_contact=True)
        self.callbacks.openConversation.connect(self.openConversation)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(self._callbacks_at, self.callbacks)
        self.callbacks.show_contact(self.contact_id)
        return self.callbacks

    def show_contact(self, detail: ContactDetail | None) -> None:
        if detail is None:
            self.contact_id = None
            self.name.setText(self.tr("No customer"))
            self.identities.clear()
            self.attributes.clear()
            self.timeline.clear()
            if self.callbacks is not None:
                self.callbacks.show_contact(None)
            return
        changed = detail.contact["id"] != self.contact_id
        self.contact_id = detail.contact["id"]
        self.name.setText(detail.contact.get("name") or self.tr("Unknown customer"))
        self.identities.setText(
            "<br>".join(
                f"<b>{labels.channel(IDENTITY_CHANNEL.get(i['kind'], i['kind']))}</b>: {i['address']}"
                for i in detail.identities
            )
        )
        attributes = detail.contact.get("attributes") or {}
        self.attributes.setText(", ".join(f"{k}: {v}" for k, v in sorted(attributes.items())))
        if changed:
            self.reload()
            if self.callbacks is not None:
                self.callbacks.show_contact(self.contact_id)

    def channels(self) -> tuple[str, ...]:
        chosen = tuple(c for c, box in self.filters.items() if box.isChecked())
        return () if len(chosen) == len(self.filters) else chosen

    def reload(self) -> None:
        self.timeline.clear()
        self._before = None
        self._load_more()

    def _load_more(self) -> None:
        if self._load is None or self.contact_id is None:
            return
        channels = self.channels()
        if not channels and not all(box.isChecked() for box in self.filters.values()):
            self.more.setEnabled(False)
            return
        page = self._load(self.contact_id, self._before, channels)
        for item in page.items:
            when = labels.moment(item.at)
            channel = labels.channel(item.channel) if item.channel else ""
            entry = QListWidgetItem(f"{when}  {channel}  {_summary(item, self._names)}")
            entry.setData(Qt.ItemDataRole.UserRole, item.conversation_id)
            self.timeline.addItem(entry)
        self._before = page.before
        self.more.setEnabled(page.before is not None)

    def _activated(self, item: QListWidgetItem) -> None:
        conversation_id = item.data(Qt.ItemDataRole.UserRole)
        if conversation_id:
            self.openConversation.emit(int(conversation_id))
