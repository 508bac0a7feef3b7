"""The left column: views of the inbox with live counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from agentdesk.client.queries.inbox import ACTIVE, InboxCounts, InboxFilter
from agentdesk.ui import labels


@dataclass(frozen=True, slots=True)
class NavEntry:
    key: str
    filter: InboxFilter
    label: str
    heading: bool = False


class Navigation(QListWidget):
    viewChosen = Signal(object)  # NavEntry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setAccessibleName(self.tr("Views"))
        self.setUniformItemSizes(True)
        self._entries: list[NavEntry] = []
        # Views that are not inbox filters (QA's Feedback and Review queue), with their own counts.
        self.extra: list[NavEntry] = []
        self.extra_counts: dict[str, int] = {}
        self.currentRowChanged.connect(self._chosen)

    def build(self, queues: list[dict[str, Any]]) -> None:
        current = self.current_key()
        entries = [
            NavEntry("mine", InboxFilter(view="mine"), self.tr("Mine")),
            NavEntry("unassigned", InboxFilter(view="unassigned"), self.tr("Unassigned")),
            NavEntry("all", InboxFilter(view="all"), self.tr("All")),
            NavEntry("h-queues", InboxFilter(), self.tr("Queues"), heading=True),
            *(NavEntry(f"queue:{q['id']}", InboxFilter(queue_id=q["id"]), q["name"]) for q in queues),
            NavEntry("h-channels", InboxFilter(), self.tr("Channels"), heading=True),
            *(
                NavEntry(f"channel:{c}", InboxFilter(channel=c), labels.channel(c))
                for c in ("email", "whatsapp", "webchat")
            ),
            NavEntry("h-status", InboxFilter(), self.tr("Status"), heading=True),
            *(
                NavEntry(f"status:{s}", InboxFilter(statuses=(s,)), labels.status(s))
                for s in ("open", "pending", "snoozed", "resolved")
            ),
        ]
        if self.extra:
            entries += [NavEntry("h-quality", InboxFilter(), self.tr("Quality"), heading=True), *self.extra]
        self.blockSignals(True)
        self.clear()
        self._entries = entries
        for entry in entries:
            item = QListWidgetItem(entry.label)
            if entry.heading:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.addItem(item)
        self.blockSignals(False)
        self.select(current or "mine")

    def current_key(self) -> str | None:
        row = self.currentRow()
        return self._entries[row].key if 0 <= row < len(self._entries) else None

    def current_entry(self) -> NavEntry | None:
        row = self.currentRow()
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def select(self, key: str) -> None:
        for row, entry in enumerate(self._entries):
            if entry.key == key:
                self.setCurrentRow(row)
                return

    def set_counts(self, counts: InboxCounts) -> None:
        for row, entry in enumerate(self._entries):
            if entry.heading:
                continue
            value = self._count_of(entry, counts)
            self.item(row).setText(f"{entry.label}    {value}" if value is not None else entry.label)

    def _count_of(self, entry: NavEntry, counts: InboxCounts) -> int | None:
        if entry.key in self.extra_counts:
            return self.extra_counts[entry.key] or None
        f = entry.filter
        if entry.key == "mine":
            return counts.mine
        if entry.key == "unassigned":
            return counts.unassigned
        if entry.key == "all":
            return counts.all
        if f.queue_id is not None:
            return counts.by_queue.get(f.queue_id, 0)
        if f.channel is not None:
            return counts.by_channel.get(f.channel, 0)
        if f.statuses != ACTIVE and len(f.statuses) == 1:
            return counts.by_status.get(f.statuses[0], 0)
        return None

    def _chosen(self, row: int) -> None:
        if 0 <= row < len(self._entries) and not self._entries[row].heading:
            self.viewChosen.emit(self._entries[row])
