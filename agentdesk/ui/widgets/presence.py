"""The presence selector in the status bar: available, busy, away or offline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QComboBox, QWidget

from agentdesk.client.outbox.supervision_writes import PRESENCES
from agentdesk.ui import labels

COLOURS = {"available": "#2e9e58", "busy": "#d9822b", "away": "#d4b106", "offline": "#8a929c"}


def dot(presence: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(COLOURS.get(presence, COLOURS["offline"])))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class PresenceSelector(QComboBox):
    presenceChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presence")
        self.setAccessibleName(self.tr("My presence"))
        self.setToolTip(self.tr("Your presence: work is routed to you while you are available or busy"))
        for presence in PRESENCES:
            self.addItem(dot(presence), labels.presence(presence), presence)
        # Only the person choosing sends a change; showing the current one sends nothing.
        self.activated.connect(lambda index: self.presenceChosen.emit(self.itemData(index)))

    def show_presence(self, presence: str) -> None:
        index = self.findData(presence)
        if index >= 0 and index != self.currentIndex():
            self.setCurrentIndex(index)

    def presence(self) -> str:
        return str(self.currentData())
