"""The wallboard's small dialogs: a queue's thresholds, an agent's capacity, the queue to move
a conversation to. Opened with open(), never exec(); each says what was chosen by a signal."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from agentdesk.client.queries.figures import AgentState
from agentdesk.ui import labels
from agentdesk.ui.supervisor.agents import CHANNELS
from agentdesk.ui.supervisor.catalogue import FIGURES
from agentdesk.ui.supervisor.thresholds import Threshold

_UNSET = -1000.0  # the spin box's "no limit" position, shown as a dash
MAX_CAPACITY = 100  # as the server's routing allows


def _limit_box(value: float | None, suffix: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(_UNSET, 10_000_000)
    box.setDecimals(1)
    box.setSpecialValueText("—")
    box.setSuffix(suffix)
    box.setValue(_UNSET if value is None else value)
    return box


def _limit(box: QDoubleSpinBox) -> float | None:
    return None if box.value() <= _UNSET else box.value()


class ThresholdDialog(QDialog):
    chosen = Signal(object)  # dict[str, Threshold]

    def __init__(self, queue_name: str, current: dict[str, Threshold], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Thresholds of %1").replace("%1", queue_name))
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Figure")), 0, 0)
        grid.addWidget(QLabel(self.tr("Warn at")), 0, 1)
        grid.addWidget(QLabel(self.tr("Alert at")), 0, 2)
        self.warn: dict[str, QDoubleSpinBox] = {}
        self.alert: dict[str, QDoubleSpinBox] = {}
        suffixes = {"seconds": " s", "pct": " %", "count": "", "score": ""}
        for row, figure in enumerate(FIGURES, start=1):
            name = QLabel(figure.text())
            name.setToolTip(self.tr("Worse when higher") if figure.worse_when_higher else self.tr("Worse when lower"))
            threshold = current.get(figure.key, Threshold())
            self.warn[figure.key] = _limit_box(threshold.warn, suffixes[figure.kind])
            self.alert[figure.key] = _limit_box(threshold.alert, suffixes[figure.kind])
            self.warn[figure.key].setAccessibleName(self.tr("%1: warn at").replace("%1", figure.text()))
            self.alert[figure.key].setAccessibleName(self.tr("%1: alert at").replace("%1", figure.text()))
            grid.addWidget(name, row, 0)
            grid.addWidget(self.warn[figure.key], row, 1)
            grid.addWidget(self.alert[figure.key], row, 2)
        hint = QLabel(self.tr("A dash means no limit. Waits and times are in seconds."))
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._choose)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)

    def set_limits(self, key: str, warn: float | None, alert: float | None) -> None:
        self.warn[key].setValue(_UNSET if warn is None else warn)
        self.alert[key].setValue(_UNSET if alert is None else alert)

    def _choose(self) -> None:
        self.chosen.emit({f.key: Threshold(_limit(self.warn[f.key]), _limit(self.alert[f.key])) for f in FIGURES})
        self.accept()


class CapacityDialog(QDialog):
    chosen = Signal(int, object)  # user id, {channel: capacity} of the channels changed

    def __init__(self, state: AgentState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Capacity of %1").replace("%1", state.name))
        form = QFormLayout()
        form.addRow(QLabel(self.tr("Conversations at once, per channel:")))
        self.boxes: dict[str, QSpinBox] = {}
        for channel in CHANNELS:
            box = QSpinBox()
            box.setRange(0, MAX_CAPACITY)
            box.setValue(state.capacity.get(channel, 0))
            box.setAccessibleName(labels.channel(channel))
            self.boxes[channel] = box
            form.addRow(labels.channel(channel), box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._choose)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _choose(self) -> None:
        changed = {
            channel: box.value()
            for channel, box in self.boxes.items()
            if box.value() != self.state.capacity.get(channel, 0)
        }
        if changed:
            self.chosen.emit(self.state.user_id, changed)
        self.accept()


class QueuePicker(QDialog):
    chosen = Signal(int)  # queue id

    def __init__(self, queues: list[dict[str, Any]], current: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Move to queue"))
        self.list = QListWidget()
        for queue in queues:
            if queue["id"] == current:
                continue
            item = QListWidgetItem(f"{queue['name']} ({labels.channel(queue['channel'])})")
            item.setData(Qt.ItemDataRole.UserRole, queue["id"])
            self.list.addItem(item)
        self.list.itemActivated.connect(self._choose)
        if self.list.count():
            self.list.setCurrentRow(0)
        hint = QLabel(self.tr("The conversation moves with its messages, notes and files."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(hint)

    def _choose(self, item: QListWidgetItem) -> None:
        self.chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
        self.accept()
