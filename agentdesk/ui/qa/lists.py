"""The QA lists in the place of the inbox: Feedback (reviews of my work, or the reviews I wrote
with the agents' responses) and the Review queue (samples a team lead asked for, item by item)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from agentdesk.ui import labels

ROW_DATA = Qt.ItemDataRole.UserRole


class QaList(QWidget):
    """One list for both views; `mode` says which. Choosing a row emits what to open."""

    reviewChosen = Signal(object)  # the review dict
    sampleItemChosen = Signal(object)  # the sample item dict
    newSampleRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qaList")
        self.mode = "feedback"
        self.heading = QLabel()
        self.samples = QComboBox()
        self.samples.setAccessibleName(self.tr("Review queues"))
        self.new_sample = QPushButton(self.tr("New review queue…"))
        self.new_sample.clicked.connect(self.newSampleRequested)
        sample_row = QHBoxLayout()
        sample_row.addWidget(self.samples, 1)
        sample_row.addWidget(self.new_sample)
        self.sample_box = QWidget()
        self.sample_box.setLayout(sample_row)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Reviews"))
        self.list.currentItemChanged.connect(self._current)
        self.samples.currentIndexChanged.connect(lambda _i: self._fill_sample())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.sample_box)
        layout.addWidget(self.list, 1)
        self._sample_rows: dict[int, dict[str, Any]] = {}
        self._describe: Callable[[int], str] = str

    def show_feedback(
        self, reviews: list[dict[str, Any]], names: Mapping[int, str], describe: Callable[[int], str], reviewer: bool
    ) -> None:
        self.mode = "feedback"
        self.sample_box.setVisible(False)
        self.heading.setText(self.tr("Reviews you wrote") if reviewer else self.tr("Reviews of your work"))
        current = self.current_data()
        self.list.blockSignals(True)
        self.list.clear()
        for review in reviews:
            who = names.get((review["agent_id"] if reviewer else review["reviewer_id"]) or -1, "")
            item = QListWidgetItem(
                f"{_badge(review, reviewer)}{describe(review['conversation_id'])}\n{who} · {self._state(review)}"
            )
            item.setData(ROW_DATA, review)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._reselect(current, "id")

    def show_samples(self, samples: list[dict[str, Any]], describe: Callable[[int], str]) -> None:
        self.mode = "queue"
        self.sample_box.setVisible(True)
        self.heading.setText(self.tr("Review queue"))
        self._describe = describe
        chosen = self.samples.currentData()
        self.samples.blockSignals(True)
        self.samples.clear()
        self._sample_rows = {s["id"]: s for s in samples}
        for s in samples:
            title = s.get("title") or self.tr("Queue of %1").replace("%1", str(s["created_at"])[:16])
            self.samples.addItem(f"{title} ({len(s.get('items') or [])})", s["id"])
        if chosen is not None and self.samples.findData(chosen) >= 0:
            self.samples.setCurrentIndex(self.samples.findData(chosen))
        self.samples.blockSignals(False)
        self._fill_sample()

    def select_sample(self, sample_id: int) -> None:
        index = self.samples.findData(sample_id)
        if index >= 0:
            self.samples.setCurrentIndex(index)

    def _fill_sample(self) -> None:
        sample = self._sample_rows.get(self.samples.currentData())
        current = self.current_data()
        self.list.blockSignals(True)
        self.list.clear()
        for n, entry in enumerate((sample or {}).get("items") or [], start=1):
            done = "✓ " if entry.get("review_id") else ""
            text = f"{n}. {done}{self._describe(entry['conversation_id'])} · {labels.channel(entry.get('channel'))}"
            item = QListWidgetItem(text)
            item.setData(ROW_DATA, entry)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._reselect(current, "conversation_id")

    def _reselect(self, current: dict[str, Any] | None, key: str) -> None:
        if current is None:
            return
        for row in range(self.list.count()):
            if self.list.item(row).data(ROW_DATA).get(key) == current.get(key):
                self.list.blockSignals(True)
                self.list.setCurrentRow(row)
                self.list.blockSignals(False)
                return

    def current_data(self) -> dict[str, Any] | None:
        item = self.list.currentItem()
        return None if item is None else item.data(ROW_DATA)

    def step(self, by: int) -> None:
        """Next (1) or previous (-1) row: working through a queue."""
        row = self.list.currentRow() + by
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)
        elif self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)

    def _current(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        data = item.data(ROW_DATA)
        (self.reviewChosen if self.mode == "feedback" else self.sampleItemChosen).emit(data)

    def _state(self, review: Mapping[str, Any]) -> str:
        if review["status"] == "draft":
            return self.tr("draft")
        score = review.get("score")
        shown = "—" if score is None else f"{score:.0f}"
        response = review.get("agent_response")
        if response == "acknowledged":
            return self.tr("%1 · acknowledged").replace("%1", shown)
        if response == "disputed":
            return self.tr("%1 · disputed").replace("%1", shown)
        return self.tr("%1 · new").replace("%1", shown)


def _badge(review: Mapping[str, Any], reviewer: bool) -> str:
    if reviewer:
        fresh = review.get("agent_response") and not review.get("lead_seen_response_at")
    else:
        fresh = not review.get("agent_response")
    return "● " if fresh else ""


class SampleDialog(QDialog):
    """What to put in a review queue: whose conversations, on which channels, how many, how chosen."""

    def __init__(self, agents: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New review queue"))
        form = QFormLayout(self)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. Week 47"))
        form.addRow(self.tr("Title"), self.title)
        self.agents = QListWidget()
        self.agents.setAccessibleName(self.tr("Agents"))
        for agent in agents:
            item = QListWidgetItem(agent.get("display_name") or agent.get("username") or str(agent["id"]))
            item.setData(ROW_DATA, agent["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.agents.addItem(item)
        form.addRow(self.tr("Agents"), self.agents)
        self.channels = {c: QCheckBox(labels.channel(c)) for c in ("email", "whatsapp", "webchat")}
        channel_row = QHBoxLayout()
        for box in self.channels.values():
            box.setChecked(True)
            channel_row.addWidget(box)
        form.addRow(self.tr("Channels"), channel_row)
        self.per_agent = QSpinBox(minimum=1, maximum=50, value=5)
        form.addRow(self.tr("Conversations per agent"), self.per_agent)
        self.days = QSpinBox(minimum=1, maximum=90, value=7)
        form.addRow(self.tr("Resolved in the last days"), self.days)
        self.weight = QComboBox()
        self.weight.addItem(self.tr("At random"), "none")
        self.weight.addItem(self.tr("More of those with a low CSAT"), "low_csat")
        self.weight.addItem(self.tr("More of those with a long handle time"), "long_handle")
        form.addRow(self.tr("Choose"), self.weight)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def values(self) -> dict[str, Any]:
        agent_ids = [
            self.agents.item(i).data(ROW_DATA)
            for i in range(self.agents.count())
            if self.agents.item(i).checkState() == Qt.CheckState.Checked
        ]
        return {
            "title": self.title.text().strip() or None,
            "agent_ids": agent_ids,
            "channels": [c for c, box in self.channels.items() if box.isChecked()],
            "per_agent": self.per_agent.value(),
            "days": self.days.value(),
            "weight": self.weight.currentData(),
        }
