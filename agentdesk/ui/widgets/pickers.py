"""Small non-blocking pickers: snooze time and assignee (opened with open(), never exec())."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def snooze_presets(now: datetime) -> list[tuple[str, datetime]]:
    local = now.astimezone()
    tomorrow = (local + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    monday = (local + timedelta(days=7 - local.weekday())).replace(hour=9, minute=0, second=0, microsecond=0)
    return [
        ("1h", local + timedelta(hours=1)),
        ("4h", local + timedelta(hours=4)),
        ("tomorrow", tomorrow),
        ("monday", monday),
    ]


class SnoozePicker(QDialog):
    chosen = Signal(object)  # aware datetime

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Snooze until"))
        now = datetime.now().astimezone()
        names = {
            "1h": self.tr("In 1 hour"),
            "4h": self.tr("In 4 hours"),
            "tomorrow": self.tr("Tomorrow 9:00"),
            "monday": self.tr("Next Monday 9:00"),
        }
        presets = QHBoxLayout()
        for key, moment in snooze_presets(now):
            button = QPushButton(names[key])
            button.clicked.connect(lambda _c=False, m=moment: self._choose(m))
            presets.addWidget(button)
        self.when = QDateTimeEdit(QDateTime.currentDateTime().addSecs(3600))
        self.when.setCalendarPopup(True)
        self.when.setMinimumDateTime(QDateTime.currentDateTime())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(lambda: self._choose(self.when.dateTime().toPython().astimezone()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(presets)
        layout.addWidget(self.when)
        layout.addWidget(buttons)

    def _choose(self, moment: datetime) -> None:
        self.chosen.emit(moment)
        self.accept()


class AssigneePicker(QDialog):
    chosen = Signal(object)  # user id or None

    def __init__(self, users: list[dict], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign to"))
        self.list = QListWidget()
        nobody = QListWidgetItem(self.tr("Nobody (unassign)"))
        nobody.setData(Qt.ItemDataRole.UserRole, None)
        self.list.addItem(nobody)
        for user in users:
            item = QListWidgetItem(f"{user['display_name']} ({user['username']})")
            item.setData(Qt.ItemDataRole.UserRole, user["id"])
            self.list.addItem(item)
        self.list.itemActivated.connect(self._choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)

    def _choose(self, item: QListWidgetItem) -> None:
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()
