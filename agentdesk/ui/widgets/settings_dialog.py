"""Settings: language, theme, notifications and remembered servers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agentdesk.ui import settings as keys
from agentdesk.ui.i18n import LANGUAGES
from agentdesk.ui.settings import Settings
from agentdesk.ui.widgets.forget_server import ask_to_forget


class SettingsDialog(QDialog):
    forgetServer = Signal(str)  # a remembered server the user chose to forget, with its data here

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        current_server: str | None = None,
        unsent: Callable[[str], int] = lambda _url: 0,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.language = QComboBox()
        self.language.addItem(self.tr("As the system"), "system")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(settings.get(keys.LANGUAGE)), 0))
        self.theme = QComboBox()
        for code, name in (
            ("system", self.tr("As the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(name, code)
        self.theme.setCurrentIndex(max(self.theme.findData(settings.get(keys.THEME)), 0))
        self.desktop = QCheckBox(self.tr("Desktop notification for a newly assigned conversation or a mention"))
        self.desktop.setChecked(settings.get(keys.NOTIFY_DESKTOP))
        self.sound = QCheckBox(self.tr("Play a sound too"))
        self.sound.setChecked(settings.get(keys.NOTIFY_SOUND))
        self.servers = QListWidget()
        self.servers.addItems(settings.get(keys.SERVERS))
        self._current_server = current_server
        self._unsent = unsent
        self.forget = QPushButton(self.tr("Forget server…"))
        self.forget.setToolTip(self.tr("Delete its saved sign-in and the conversations kept on this computer"))
        self.forget.clicked.connect(self.ask_to_forget)
        self.forget.setEnabled(False)
        self.servers.currentTextChanged.connect(
            lambda url: self.forget.setEnabled(bool(url) and url != self._current_server)
        )
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.desktop)
        form.addRow(self.sound)
        form.addRow(QLabel(self.tr("Server profiles")))
        form.addRow(self.servers)
        form.addRow(self.forget)
        note = QLabel(self.tr("A new language applies the next time AgentDesk starts."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def ask_to_forget(self) -> QMessageBox | None:
        item = self.servers.currentItem()
        if item is None or item.text() == self._current_server:
            return None
        url = item.text()

        def forget() -> None:
            self.servers.takeItem(self.servers.row(item))
            self.forgetServer.emit(url)

        return ask_to_forget(self, url, self._unsent(url), forget)

    def _save(self) -> None:
        self.settings.set(keys.LANGUAGE, self.language.currentData())
        self.settings.set(keys.THEME, self.theme.currentData())
        self.settings.set(keys.NOTIFY_DESKTOP, self.desktop.isChecked())
        self.settings.set(keys.NOTIFY_SOUND, self.sound.isChecked())
        self.accept()
