"""Settings: language, theme, notifications and remembered servers."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from agentdesk.ui import settings as keys
from agentdesk.ui.i18n import LANGUAGES
from agentdesk.ui.settings import Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
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
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.desktop)
        form.addRow(self.sound)
        form.addRow(QLabel(self.tr("Server profiles")))
        form.addRow(self.servers)
        note = QLabel(self.tr("A new language applies the next time AgentDesk starts."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _save(self) -> None:
        self.settings.set(keys.LANGUAGE, self.language.currentData())
        self.settings.set(keys.THEME, self.theme.currentData())
        self.settings.set(keys.NOTIFY_DESKTOP, self.desktop.isChecked())
        self.settings.set(keys.NOTIFY_SOUND, self.sound.isChecked())
        self.accept()
