"""Merge two contacts, after seeing both side by side."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from agentdesk.client.queries.contact import ContactDetail
from agentdesk.client.queries.search import ContactHit


class MergeDialog(QDialog):
    mergeConfirmed = Signal(int, int)  # survivor, merged

    def __init__(
        self,
        survivor: ContactDetail,
        search: Callable[[str], Sequence[ContactHit]],
        load: Callable[[int], ContactDetail | None],
        parent: QDialog | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge contacts"))
        self._survivor = survivor
        self._search = search
        self._load = load
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Find the other contact by name, email or phone"))
        self.results = QListWidget()
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Merge"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Keep: <b>%1</b>").replace("%1", survivor.contact.get("name") or "?")))
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._find)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.results.currentItemChanged.connect(self._show)
        self._other: ContactDetail | None = None

    def _find(self) -> None:
        self.results.clear()
        for hit in self._search(self.query.text()):
            if hit.contact_id == self._survivor.contact["id"]:
                continue
            item = QListWidgetItem(f"{hit.name or '?'} — {hit.addresses}")
            item.setData(Qt.ItemDataRole.UserRole, hit.contact_id)
            self.results.addItem(item)

    def _show(self, item: QListWidgetItem | None) -> None:
        self._other = self._load(item.data(Qt.ItemDataRole.UserRole)) if item else None
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self._other is not None)
        if self._other is None:
            self.preview.clear()
            return
        mine = ", ".join(i["address"] for i in self._survivor.identities)
        theirs = ", ".join(i["address"] for i in self._other.identities)
        self.preview.setText(
            self.tr("After merging, %1 will have: %2. Its history joins this one; you can undo it.")
            .replace("%1", self._survivor.contact.get("name") or "?")
            .replace("%2", ", ".join(x for x in (mine, theirs) if x))
        )

    def choose(self, contact_id: int) -> None:
        for row in range(self.results.count()):
            if self.results.item(row).data(Qt.ItemDataRole.UserRole) == contact_id:
                self.results.setCurrentRow(row)

    def _confirm(self) -> None:
        if self._other is not None:
            self.mergeConfirmed.emit(self._survivor.contact["id"], self._other.contact["id"])
            self.accept()
