"""The notes that mention me: who, when, about whom and what they wrote; Enter opens one."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from agentdesk.client.queries.mentions import Mention
from agentdesk.ui import labels


class MentionsList(QDialog):
    chosen = Signal(int)  # conversation id

    def __init__(self, mentions: list[Mention], names: Mapping[int, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mentions"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Notes that mention you"))
        for mention in mentions:
            when = labels.moment(mention.at)
            who = names.get(mention.by_id or -1) or "?"
            head = self.tr("%1 mentioned you · %2 · %3").replace("%1", who).replace("%2", when)
            head = head.replace("%3", mention.contact_name or self.tr("Unknown customer"))
            item = QListWidgetItem(f"{head}\n{mention.text[:200]}")
            item.setData(Qt.ItemDataRole.UserRole, mention.conversation_id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self._choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list if mentions else QLabel(self.tr("No one has mentioned you yet.")))
        self.resize(520, 420)

    def _choose(self, item: QListWidgetItem) -> None:
        self.chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
        self.accept()
