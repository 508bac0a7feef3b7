"""A queue's tile: its live figures, each coloured by the supervisor's thresholds."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from agentdesk.ui import labels
from agentdesk.ui.supervisor.catalogue import FIGURES, Figure, formatted
from agentdesk.ui.supervisor.thresholds import Level, Thresholds

COLUMNS = 3
# (background, text) per level, light and dark: readable on both themes.
_COLOURS = {
    (Level.WARN, False): ("#fff1c2", "#5c4300"),
    (Level.ALERT, False): ("#fbd3d0", "#7d1a10"),
    (Level.WARN, True): ("#4a3b0f", "#ffd98a"),
    (Level.ALERT, True): ("#5a1e1b", "#ffb4ab"),
}


def level_style(level: Level) -> str:
    dark = bool(QApplication.instance() and QApplication.instance().property("agentdesk_dark"))
    colours = _COLOURS.get((level, dark))
    if colours is None:
        return ""
    return f"background: {colours[0]}; color: {colours[1]}; border-radius: 4px;"


class QueueTile(QFrame):
    drillDown = Signal(int)  # queue id
    thresholdsRequested = Signal(int)  # queue id

    def __init__(self, queue_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queue_id = queue_id
        self.setObjectName("queueTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.channel = QLabel()
        self.thresholds_button = QPushButton(self.tr("Thresholds…"))
        self.thresholds_button.setFlat(True)
        self.thresholds_button.clicked.connect(lambda: self.thresholdsRequested.emit(self.queue_id))
        self.open_button = QPushButton(self.tr("Conversations"))
        self.open_button.setFlat(True)
        self.open_button.clicked.connect(lambda: self.drillDown.emit(self.queue_id))
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.channel)
        header.addStretch(1)
        header.addWidget(self.open_button)
        header.addWidget(self.thresholds_button)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        self.values: dict[str, QLabel] = {}
        self.levels: dict[str, Level] = {}
        for i, figure in enumerate(FIGURES):
            caption = QLabel(figure.text())
            caption.setObjectName("figureCaption")
            value = QLabel("—")
            value.setObjectName(f"figure_{figure.key}")
            value_font = value.font()
            value_font.setPointSizeF(value_font.pointSizeF() * 1.35)
            value_font.setBold(True)
            value.setFont(value_font)
            value.setContentsMargins(4, 1, 4, 1)
            value.setAccessibleName(figure.text())
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(caption)
            cell.addWidget(value)
            grid.addLayout(cell, i // COLUMNS, i % COLUMNS)
            self.values[figure.key] = value
            self.levels[figure.key] = Level.OK
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(grid)

    def show_figures(self, queue: dict[str, Any], thresholds: Thresholds) -> None:
        self.title.setText(queue.get("name", ""))
        self.channel.setText(labels.channel(queue.get("channel", "")))
        self.setAccessibleName(self.tr("Queue %1").replace("%1", queue.get("name", "")))
        for figure in FIGURES:
            self.show_figure(figure, queue, thresholds)

    def show_figure(self, figure: Figure, queue: dict[str, Any], thresholds: Thresholds) -> Level:
        """One figure's value and colour; returns its level."""
        label = self.values[figure.key]
        label.setText(formatted(figure, figure.value(queue)))
        level = thresholds.level(self.queue_id, figure, queue)
        self.levels[figure.key] = level
        label.setStyleSheet(level_style(level))
        label.setProperty("level", level.name.lower())
        return level

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.drillDown.emit(self.queue_id)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.drillDown.emit(self.queue_id)
            return
        super().keyPressEvent(event)
