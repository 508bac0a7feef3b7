"""The scorecard editor (admins and team leads): every scorecard with its versions, and a form
for its sections and criteria (weight, scale, N/A allowed, critical) and pass mark.

Saving a scorecard that exists makes its next version: reviews already scored keep the version
they were scored with, and the history says how many do. The form is checked as it is typed
with the same rules the server applies (`agentdesk.domain.qa.validate_definition`); what the
server still refuses comes back from the outbox with its reason, shown under the form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agentdesk.client.cache.apply import Touched
from agentdesk.client.outbox.store import ItemState, OutboxItem
from agentdesk.client.queries.inbox import InboxFilter
from agentdesk.domain import qa
from agentdesk.ui.bridge import ClientBridge
from agentdesk.ui.navigation import NavEntry
from agentdesk.ui.qa.window_entry import SCORECARDS, WindowEntry
from agentdesk.ui.shortcuts import command_action

if TYPE_CHECKING:
    from agentdesk.ui.main_window import MainWindow

EDITOR_ROLES = ("team_lead", "admin")
WRITES = ("qa_scorecard_create", "qa_scorecard_revise")
SECTION, TITLE, KEY, DESCRIPTION, WEIGHT, SCALE, ALLOW_NA, CRITICAL = range(8)
CARD_ID = Qt.ItemDataRole.UserRole


def _slug(text: str) -> str:
    return re.sub(r"\W+", "_", text.strip().lower()).strip("_")


def _weight(text: str) -> float | str:
    """The weight typed, as a number when it is one (the domain's check words what is wrong)."""
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return text


class ScorecardEditor(QWidget):
    def __init__(self, bridge: ClientBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("scorecardEditor")
        self.setWindowTitle(self.tr("Scorecards — AgentDesk"))
        self.client = bridge.client
        # The version the form was loaded from (None: a new scorecard) and its section keys by title,
        # so that a section keeps its key across versions when only its title is retyped elsewhere.
        self.base: dict[str, Any] | None = None
        self._section_keys: dict[str, str] = {}
        self._saving: int | None = None
        self._filling = False

        self.history = QTreeWidget()
        self.history.setHeaderHidden(True)
        self.history.setAccessibleName(self.tr("Scorecards and their versions"))
        self.history.currentItemChanged.connect(self._chosen)
        self.new_button = QPushButton(self.tr("New scorecard"))
        self.new_button.clicked.connect(self.new_scorecard)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.history, 1)
        left.addWidget(self.new_button)
        left_box = QWidget()
        left_box.setLayout(left)

        self.heading = QLabel()
        self.heading.setObjectName("title")
        self.heading.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name"))
        self.name.textChanged.connect(self.validate)
        self.pass_mark = QDoubleSpinBox()
        self.pass_mark.setRange(0, 100)
        self.pass_mark.setDecimals(1)
        self.pass_mark.setSuffix(" %")
        self.pass_mark.setValue(80)
        self.pass_mark.setAccessibleName(self.tr("Pass mark"))
        self.pass_mark.valueChanged.connect(self.validate)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Pass mark"), self.pass_mark)

        self.table = QTableWidget(0, 8)
        self.table.setAccessibleName(self.tr("Criteria"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Section"),
                self.tr("Criterion"),
                self.tr("Key"),
                self.tr("Description"),
                self.tr("Weight"),
                self.tr("Scale"),
                self.tr("N/A allowed"),
                self.tr("Critical"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (TITLE, DESCRIPTION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _item: self.validate())
        self.add_button = QPushButton(self.tr("Add criterion"))
        self.add_button.clicked.connect(self.add_criterion)
        self.remove_button = QPushButton(self.tr("Remove criterion"))
        self.remove_button.clicked.connect(self.remove_criterion)
        rows = QHBoxLayout()
        rows.addWidget(self.add_button)
        rows.addWidget(self.remove_button)
        rows.addStretch(1)
        hint = QLabel(
            self.tr(
                "Criteria with the same section are grouped under it. Scores are weighted by the weights; "
                "a failed critical criterion (No, or 1–2) fails the whole review."
            )
        )
        hint.setWordWrap(True)

        self.errors = QLabel()
        self.errors.setObjectName("error")
        self.errors.setWordWrap(True)
        self.errors.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)

        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addLayout(form)
        right.addWidget(self.table, 1)
        right.addLayout(rows)
        right.addWidget(hint)
        right.addWidget(self.errors)
        right.addLayout(bottom)
        right_box = QWidget()
        right_box.setLayout(right)

        splitter = QSplitter()
        splitter.addWidget(left_box)
        splitter.addWidget(right_box)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.resize(1200, 620)

        self.save_action = command_action("qa_scorecard_save", self, self.save)
        self.addAction(self.save_action)

        bridge.changed.connect(self._changed)
        bridge.outboxChanged.connect(self._outbox_changed)
        self.fill_history()
        self.new_scorecard()

    # -- the list of scorecards ----------------------------------------------------------------

    def fill_history(self) -> None:
        cards = self.client.qa.scorecards(all_versions=True)
        use = self.client.qa.scorecard_use()
        families: dict[int, list[dict[str, Any]]] = {}
        for card in cards:
            families.setdefault(card["family_id"], []).append(card)
        chosen = self.current_card_id()
        self.history.blockSignals(True)
        self.history.clear()
        for versions in families.values():
            versions.sort(key=lambda c: c["version"], reverse=True)
            newest = versions[0]
            family = QTreeWidgetItem([newest["name"]])
            family.setData(0, CARD_ID, newest["id"])
            self.history.addTopLevelItem(family)
            for card in versions:
                item = QTreeWidgetItem([self._version_text(card, use.get(card["id"], 0))])
                item.setToolTip(0, item.text(0))
                item.setData(0, CARD_ID, card["id"])
                family.addChild(item)
                if card["id"] == chosen:
                    self.history.setCurrentItem(item)
            family.setExpanded(True)
        self.history.blockSignals(False)

    def _version_text(self, card: Mapping[str, Any], reviews: int) -> str:
        text = self.tr("Version %1").replace("%1", str(card["version"]))
        if card["id"] < 0:
            return text + " · " + self.tr("saving…")
        if card["active"]:
            text += " · " + self.tr("current")
        if reviews:
            text += " · " + self.tr("%n review(s) scored with it", "", reviews)
        return text

    def current_card_id(self) -> int | None:
        item = self.history.currentItem()
        return None if item is None else item.data(0, CARD_ID)

    def select_card(self, card_id: int) -> None:
        for i in range(self.history.topLevelItemCount()):
            family = self.history.topLevelItem(i)
            for j in range(family.childCount()):
                if family.child(j).data(0, CARD_ID) == card_id:
                    self.history.setCurrentItem(family.child(j))
                    return

    def _chosen(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        card = self.client.qa.scorecard(item.data(0, CARD_ID)) if item is not None else None
        if card is not None:
            self.load(card)

    # -- the form ------------------------------------------------------------------------------

    def new_scorecard(self) -> None:
        self.base = None
        self._section_keys = {}
        self.history.blockSignals(True)
        self.history.setCurrentItem(None)
        self.history.blockSignals(False)
        self._fill("", 80.0, [])
        self.add_criterion()
        self.name.setFocus()

    def load(self, card: Mapping[str, Any]) -> None:
        """Show a version in the form; saving it makes the family's next version."""
        self.base = dict(card)
        definition = card["definition"] or {}
        sections = definition.get("sections") or []
        self._section_keys = {s.get("title") or s["key"]: s["key"] for s in sections}
        rows = [(s.get("title") or s["key"], c) for s in sections for c in s.get("criteria") or []]
        self._fill(card["name"], float(definition.get("pass_mark", 0)), rows)

    def _fill(self, name: str, pass_mark: float, rows: list[tuple[str, Mapping[str, Any]]]) -> None:
        self._filling = True
        self.name.setText(name)
        self.pass_mark.setValue(pass_mark)
        self.table.setRowCount(0)
        for section, criterion in rows:
            self._add_row(section, criterion)
        self._filling = False
        self._show_heading()
        self.status.clear()
        self.validate()

    def _show_heading(self) -> None:
        if self.base is None:
            self.heading.setText(self.tr("New scorecard"))
            return
        versions = [c for c in self.client.qa.scorecards(all_versions=True) if c["family_id"] == self.base["family_id"]]
        newest = max((c["version"] for c in versions), default=self.base["version"])
        use = self.client.qa.scorecard_use()
        kept = sum(use.get(c["id"], 0) for c in versions)
        self.heading.setText(
            self.tr("Version %1 of %2. Saving makes version %3; reviews already scored keep their version (%4).")
            .replace("%1", str(self.base["version"]))
            .replace("%2", self.base["name"])
            .replace("%3", str(newest + 1))
            .replace("%4", self.tr("%n review(s)", "", kept))
        )

    def add_criterion(self) -> None:
        row = self.table.currentRow()
        section = self.table.item(row, SECTION).text() if row >= 0 and self.table.item(row, SECTION) else ""
        self._add_row(section or self.tr("General"), {"weight": 1, "scale": "yes_no"})
        self.table.setCurrentCell(self.table.rowCount() - 1, TITLE)
        self.validate()

    def remove_criterion(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.validate()

    def _add_row(self, section: str, criterion: Mapping[str, Any]) -> None:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        weight = criterion.get("weight", 1)
        texts = {
            SECTION: section,
            TITLE: str(criterion.get("title") or ""),
            KEY: str(criterion.get("key") or ""),
            DESCRIPTION: str(criterion.get("description") or ""),
            WEIGHT: f"{weight:g}" if isinstance(weight, int | float) else str(weight),
        }
        for column, text in texts.items():
            self.table.setItem(row, column, QTableWidgetItem(text))
        scale = QComboBox()
        scale.addItem(self.tr("Yes / No"), "yes_no")
        scale.addItem(self.tr("1 to 5"), "one_to_five")
        scale.setCurrentIndex(max(0, scale.findData(criterion.get("scale", "yes_no"))))
        scale.currentIndexChanged.connect(lambda _i: self.validate())
        self.table.setCellWidget(row, SCALE, scale)
        # Check boxes rather than checkable items: the dark palette hides an item's empty box.
        for column, flag, name in (
            (ALLOW_NA, "allow_na", self.tr("N/A allowed")),
            (CRITICAL, "critical", self.tr("Critical")),
        ):
            box = QCheckBox()
            box.setAccessibleName(name)
            box.setChecked(bool(criterion.get(flag)))
            self.table.setCellWidget(row, column, box)
        self.table.blockSignals(False)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return "" if item is None else item.text().strip()

    def _checked(self, row: int, column: int) -> bool:
        box = self.table.cellWidget(row, column)
        return isinstance(box, QCheckBox) and box.isChecked()

    def definition(self) -> dict[str, Any]:
        """The scorecard as the form holds it; keys left blank are made from the titles."""
        sections: dict[str, dict[str, Any]] = {}
        for row in range(self.table.rowCount()):
            section_title = self._text(row, SECTION)
            section = sections.get(section_title)
            if section is None:
                key = self._section_keys.get(section_title) or _slug(section_title) or f"section_{len(sections) + 1}"
                section = sections[section_title] = {"key": key, "title": section_title, "criteria": []}
            title = self._text(row, TITLE)
            scale = self.table.cellWidget(row, SCALE)
            section["criteria"].append(
                {
                    "key": self._text(row, KEY) or _slug(title),
                    "title": title,
                    "description": self._text(row, DESCRIPTION),
                    "weight": _weight(self._text(row, WEIGHT)),
                    "scale": scale.currentData() if isinstance(scale, QComboBox) else "yes_no",
                    "allow_na": self._checked(row, ALLOW_NA),
                    "critical": self._checked(row, CRITICAL),
                }
            )
        return {"sections": list(sections.values()), "pass_mark": self.pass_mark.value()}

    def problems(self) -> list[str]:
        missing_name = [self.tr("The scorecard needs a name.")] if not self.name.text().strip() else []
        untitled = [
            self.tr("Criterion %1 needs a title.").replace("%1", str(row + 1))
            for row in range(self.table.rowCount())
            if not self._text(row, TITLE)
        ]
        return missing_name + untitled + qa.validate_definition(self.definition())

    def validate(self) -> list[str]:
        if self._filling:
            return []
        problems = self.problems()
        self.errors.setText("\n".join(problems))
        self.save_button.setEnabled(not problems and self._saving is None)
        return problems

    # -- saving --------------------------------------------------------------------------------

    def save(self) -> OutboxItem | None:
        if self.validate() or self._saving is not None:
            return None
        name, definition = self.name.text().strip(), self.definition()
        if self.base is None:
            item = self.client.qa.create_scorecard(name, definition)
        else:
            item = self.client.qa.revise_scorecard(self.base["id"], name, definition)
        self._saving = item.id
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        return item

    def _outbox_changed(self, item: OutboxItem) -> None:
        if item.kind not in WRITES or item.id != self._saving:
            return
        if item.state is ItemState.FAILED:
            self._saving = None
            self.status.clear()
            self.errors.setText(self.tr("The server refused the scorecard: %1").replace("%1", item.error or ""))
            self.save_button.setEnabled(True)
        elif item.state is ItemState.SENT and isinstance(item.result, dict):
            self._saving = None
            self.fill_history()
            card = self.client.qa.scorecard(item.result["id"])
            if card is not None:
                self.select_card(card["id"])
                self.load(card)
            self.status.setText(self.tr("Saved as version %1.").replace("%1", str(item.result.get("version", ""))))

    def _changed(self, touched: Touched) -> None:
        if touched.everything or touched.ids.get("qa_scorecard") or touched.ids.get("qa_review"):
            self.fill_history()
            if self.base is not None:
                self._show_heading()


class ScorecardWorkspace(WindowEntry[ScorecardEditor]):
    """The editor's place in the workspace window."""

    key = SCORECARDS
    roles = EDITOR_ROLES

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window, (window.inbox, window.conversation.transcript, window.navigation, window.qa.list))
        self.editor: ScorecardEditor | None = None
        if self.allowed:
            window.qa.menu.addAction(self.action)

    def nav_entries(self) -> list[NavEntry]:
        return [NavEntry(SCORECARDS, InboxFilter(), self.tr("Scorecards"))] if self.allowed else []

    def _window(self) -> ScorecardEditor:
        if self.editor is None:
            self.editor = ScorecardEditor(self.window.bridge, self.window)
        return self.editor
