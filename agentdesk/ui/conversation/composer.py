"""The composer: reply on any of the contact's channels, or write a private note.

Typing `/` at the start opens the canned responses; their placeholders
(`{{contact.first_name}}`, `{{agent.name}}`, ...) are filled in on insertion.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agentdesk.paths import RESOURCES
from agentdesk.ui import labels

WHATSAPP_WINDOW = timedelta(hours=24)
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\.([a-z_]+)\s*\}\}")
IDENTITY_CHANNEL = {"email": "email", "phone": "whatsapp", "webchat": "webchat"}


@dataclass(frozen=True, slots=True)
class Canned:
    shortcut: str
    text: str


def load_canned(language: str) -> list[Canned]:
    path = RESOURCES / "canned" / f"{language}.json"
    if not path.exists():
        path = RESOURCES / "canned" / "en.json"
    return [Canned(item["shortcut"], item["text"]) for item in json.loads(path.read_text(encoding="utf-8"))]


def fill_placeholders(text: str, values: dict[str, dict[str, str]]) -> str:
    def value(match: re.Match[str]) -> str:
        return values.get(match.group(1), {}).get(match.group(2), "")

    return _PLACEHOLDER.sub(value, text)


def window_closes_at(conversation: dict[str, Any]) -> datetime | None:
    explicit = conversation.get("whatsapp_window_closes_at")
    if isinstance(explicit, datetime):
        return explicit
    last = conversation.get("last_inbound_at")
    return last + WHATSAPP_WINDOW if isinstance(last, datetime) else None


class Composer(QWidget):
    send = Signal(dict)  # {"note": bool, "text", "identity_id", "subject", "cc"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self._conversation: dict[str, Any] = {}
        self._values: dict[str, dict[str, str]] = {}
        self.note_mode = QCheckBox(self.tr("Private note"))
        self.note_mode.setToolTip(self.tr("Only your team sees a note (N)"))
        self.identity = QComboBox()
        self.identity.setAccessibleName(self.tr("Reply to"))
        self.subject = QLineEdit()
        self.subject.setAccessibleName(self.tr("Subject"))
        self.cc = QLineEdit()
        self.cc.setPlaceholderText(self.tr("name@example.com, …"))
        self.window = QLabel()
        self.window.setObjectName("window")
        self.window.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(self.tr("Message"))
        self.editor.setPlaceholderText(self.tr("Write a reply… (/ for canned responses, Ctrl+Enter to send)"))
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.submit)

        self._email_fields = QWidget()
        form = QFormLayout(self._email_fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tr("Cc"), self.cc)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Reply via")))
        top.addWidget(self.identity, 1)
        top.addWidget(self.note_mode)
        bottom = QHBoxLayout()
        bottom.addWidget(self.window, 1)
        bottom.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self._email_fields)
        layout.addWidget(self.editor)
        layout.addLayout(bottom)

        self._canned: list[Canned] = []
        self._completer = QCompleter(self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setWidget(self.editor)
        self._completer.activated.connect(self._insert_canned)
        self.editor.textChanged.connect(self._maybe_complete)
        self.identity.currentIndexChanged.connect(self._update_channel)
        self.note_mode.toggled.connect(self._update_channel)

    def set_canned(self, canned: list[Canned]) -> None:
        self._canned = canned
        self._completer.setModel(QStringListModel([f"/{c.shortcut} — {c.text[:60]}" for c in canned], self))

    def set_conversation(
        self, conversation: dict[str, Any], identities: list[dict[str, Any]], values: dict[str, dict[str, str]]
    ) -> None:
        self._conversation = conversation
        self._values = values
        self.identity.blockSignals(True)
        self.identity.clear()
        for identity in identities:
            channel = IDENTITY_CHANNEL.get(identity["kind"], identity["kind"])
            self.identity.addItem(f"{labels.channel(channel)}: {identity['address']}", identity["id"])
            if identity["id"] == conversation.get("identity_id"):
                self.identity.setCurrentIndex(self.identity.count() - 1)
        self.identity.blockSignals(False)
        subject = conversation.get("subject") or ""
        self.subject.setText(subject if subject.lower().startswith("re:") or not subject else f"Re: {subject}")
        self.cc.clear()
        self._update_channel()

    def current_channel(self) -> str | None:
        text = self.identity.currentText()
        for channel in ("email", "whatsapp", "webchat"):
            if text.startswith(labels.channel(channel) + ":"):
                return channel
        return None

    def _update_channel(self) -> None:
        note = self.note_mode.isChecked()
        channel = self.current_channel()
        self.identity.setEnabled(not note)
        self._email_fields.setVisible(not note and channel == "email")
        self.send_button.setText(self.tr("Add note") if note else self.tr("Send"))
        self.editor.setProperty("note", note)
        self.editor.style().unpolish(self.editor)
        self.editor.style().polish(self.editor)
        closes = window_closes_at(self._conversation) if channel == "whatsapp" and not note else None
        blocked = closes is not None and closes <= datetime.now(UTC)
        if closes is None:
            self.window.clear()
        elif blocked:
            self.window.setText(
                self.tr("The WhatsApp 24-hour window closed on %1: only an approved template can be sent.").replace(
                    "%1", closes.astimezone().strftime("%d/%m %H:%M")
                )
            )
        else:
            hours = int((closes - datetime.now(UTC)).total_seconds() // 3600)
            self.window.setText(self.tr("WhatsApp window open for %1 h more").replace("%1", str(hours)))
        self.window.setProperty("closed", blocked)
        self.send_button.setEnabled(not blocked)

    def set_note_mode(self, note: bool) -> None:
        self.note_mode.setChecked(note)
        self.editor.setFocus()

    def submit(self) -> None:
        text = self.editor.toPlainText().strip()
        if not text or not self.send_button.isEnabled():
            return
        note = self.note_mode.isChecked()
        email = self.current_channel() == "email"
        self.send.emit(
            {
                "note": note,
                "text": text,
                "identity_id": None if note else self.identity.currentData(),
                "subject": self.subject.text().strip() or None if email and not note else None,
                "cc": [a.strip() for a in self.cc.text().split(",") if a.strip()] if email and not note else [],
            }
        )
        self.editor.clear()

    def _maybe_complete(self) -> None:
        text = self.editor.toPlainText()
        if text.startswith("/") and "\n" not in text and self._canned:
            self._completer.setCompletionPrefix(text[1:])
            rect = self.editor.cursorRect()
            rect.setWidth(360)
            self._completer.complete(rect)
        else:
            self._completer.popup().hide()

    def _insert_canned(self, chosen: str) -> None:
        shortcut = chosen[1:].split(" — ", 1)[0]
        for canned in self._canned:
            if canned.shortcut == shortcut:
                self.editor.setPlainText(fill_placeholders(canned.text, self._values))
                cursor = self.editor.textCursor()
                cursor.movePosition(cursor.MoveOperation.End)
                self.editor.setTextCursor(cursor)
                return
