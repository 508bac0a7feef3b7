"""The composer: reply on any of the contact's channels, or write a private note.

Typing `/` at the start opens the canned responses; their placeholders
(`{{contact.first_name}}`, `{{agent.name}}`, ...) are filled in on insertion. Files come by
the attach button, its shortcut, or dropped or pasted onto the composer; each shows as a
chip with its size, and a file the chosen channel cannot carry is refused there and then.
On WhatsApp with the 24-hour window closed, the text box gives way to the template picker.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QStringListModel, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from agentdesk.assist.rules import fill_template
from agentdesk.client.outbox.files import content_type_of
from agentdesk.domain.attachments import FileFacts, Refusal, human_size, refusal
from agentdesk.paths import RESOURCES
from agentdesk.ui import labels

_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\.([a-z_]+)\s*\}\}")
# An "@name" being typed: at the start or after a space, up to the cursor.
_MENTION_TYPED = re.compile(r"(?:^|(?<=\s))@([\w.-]*)$")
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


def local_files(mime: QMimeData) -> list[Path]:
    """The local files a drop or a paste carries (none for text, or for remote links)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class _Editor(QPlainTextEdit):
    """The text box; files dropped or pasted onto it become attachments, not their paths as text."""

    filesDropped = Signal(list)  # [Path]
    completionChosen = Signal(object, str)  # the completer, the entry chosen by Return or Tab

    def __init__(self) -> None:
        super().__init__()
        self.completers: list[QCompleter] = []

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A completer hands the keys its popup does not use on to the text box: Return and Tab
        # there mean "take this entry", not a new line.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
            for completer in self.completers:
                popup = completer.popup()
                if popup.isVisible():
                    index = popup.currentIndex()
                    popup.hide()
                    if index.isValid():
                        self.completionChosen.emit(completer, str(index.data()))
                    return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return bool(local_files(source)) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = local_files(source)
        if files:
            self.filesDropped.emit(files)
        else:
            super().insertFromMimeData(source)


class Composer(QWidget):
    # {"note": bool, "text", "identity_id", "subject", "cc", "files": [Path]}, or for a WhatsApp
    # template {"note": False, "text" (its body as the customer reads it), "identity_id", "template"}.
    send = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.setAcceptDrops(True)
        self._conversation: dict[str, Any] = {}
        self._values: dict[str, dict[str, str]] = {}
        self._files: list[FileFacts] = []
        self._paths: list[Path] = []
        self._templates: list[dict[str, Any]] = []
        self._identities: list[dict[str, Any]] = []
        self._template_chosen = False
        self._window_closed = False
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
        self.editor = _Editor()
        self.editor.setAccessibleName(self.tr("Message"))
        self.editor.setPlaceholderText(self.tr("Write a reply… (/ for canned responses, Ctrl+Enter to send)"))
        self.editor.filesDropped.connect(self.add_files)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.submit)
        self.attach_button = QToolButton()
        self.attach_button.setIcon(QIcon.fromTheme("mail-attachment"))
        self.attach_button.setText(self.tr("Attach…"))
        self.attach_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.attach_button.setToolTip(self.tr("Attach files (Ctrl+Shift+A), or drop them here"))
        self.attach_button.clicked.connect(self.choose_files)
        self.chips = QWidget()
        self.chips.setObjectName("chips")
        self._chips_layout = QHBoxLayout(self.chips)
        self._chips_layout.setContentsMargins(0, 0, 0, 0)
        self.file_error = QLabel()
        self.file_error.setObjectName("fileError")
        self.file_error.setWordWrap(True)
        self.file_error.setVisible(False)

        self.template = QComboBox()
        self.template.setAccessibleName(self.tr("Template"))
        self.template.currentIndexChanged.connect(self._template_changed)
        self._parameters: list[QLineEdit] = []
        self._parameter_form = QFormLayout()
        self.preview = QLabel()
        self.preview.setObjectName("templatePreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        templates = QWidget()
        template_layout = QVBoxLayout(templates)
        template_layout.setContentsMargins(0, 0, 0, 0)
        template_row = QHBoxLayout()
        template_row.addWidget(QLabel(self.tr("Template")))
        template_row.addWidget(self.template, 1)
        template_layout.addLayout(template_row)
        template_layout.addLayout(self._parameter_form)
        template_layout.addWidget(QLabel(self.tr("The customer will read:")))
        template_layout.addWidget(self.preview, 1)
        self.body = QStackedWidget()
        self.body.addWidget(self.editor)
        self.body.addWidget(templates)

        self._email_fields = QWidget()
        form = QFormLayout(self._email_fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tr("Cc"), self.cc)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Reply via")))
        top.addWidget(self.identity, 1)
        top.addWidget(self.note_mode)
        files_row = QHBoxLayout()
        files_row.addWidget(self.attach_button)
        files_row.addWidget(self.chips, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.window, 1)
        bottom.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self._email_fields)
        layout.addWidget(self.body)
        layout.addLayout(files_row)
        layout.addWidget(self.file_error)
        layout.addLayout(bottom)

        self._canned: list[Canned] = []
        self._completer = QCompleter(self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setWidget(self.editor)
        self._completer.activated.connect(self._insert_canned)
        # "@" in a note: colleagues to mention, by user name or display name.
        self._people = QCompleter(self)
        self._people.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._people.setFilterMode(Qt.MatchFlag.MatchContains)
        self._people.setWidget(self.editor)
        self._people.activated.connect(self._insert_mention)
        self.editor.completers = [self._completer, self._people]
        self.editor.completionChosen.connect(
            lambda completer, text: (self._insert_mention if completer is self._people else self._insert_canned)(text)
        )
        self.editor.textChanged.connect(self._maybe_complete)
        self.identity.currentIndexChanged.connect(self._update_channel)
        self.note_mode.toggled.connect(self._update_channel)

    def set_people(self, users: list[dict[str, Any]]) -> None:
        """The colleagues a note can mention ("@username")."""
        entries = [f"@{u['username']} — {u.get('display_name') or u['username']}" for u in users if u.get("username")]
        self._people.setModel(QStringListModel(entries, self))

    def set_canned(self, canned: list[Canned]) -> None:
        self._canned = canned
        self._completer.setModel(QStringListModel([f"/{c.shortcut} — {c.text[:60]}" for c in canned], self))

    def set_conversation(
        self, conversation: dict[str, Any], identities: list[dict[str, Any]], values: dict[str, dict[str, str]]
    ) -> None:
        self._conversation = conversation
        self._values = values
        # Each WhatsApp number carries its window ("whatsapp_window_closes_at"), from the client core.
        self._identities = identities
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
        self.clear_files()
        self._template_chosen = False
        self._fill_templates()
        self._update_channel()

    def set_templates(self, templates: list[dict[str, Any]]) -> None:
        """The approved WhatsApp templates of the conversation's number (its queue's settings)."""
        self._templates = [t for t in templates if t.get("name")]
        self._fill_templates()
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
        closes = self._window_of(self.identity.currentData()) if channel == "whatsapp" and not note else None
        self._window_closed = closes is not None and closes <= datetime.now(UTC)
        templates = self.template_mode()
        self.body.setCurrentIndex(1 if templates else 0)
        self.attach_button.setEnabled(not note and not templates)
        file_problem = self._file_problem(note, channel)
        self.file_error.setText(file_problem or "")
        self.file_error.setVisible(bool(file_problem))
        if closes is None:
            self.window.clear()
        elif self._window_closed:
            self.window.setText(
                self.tr("The WhatsApp 24-hour window closed on %1: only an approved template can be sent.").replace(
                    "%1", labels.moment(closes)
                )
            )
        else:
            hours = int((closes - datetime.now(UTC)).total_seconds() // 3600)
            self.window.setText(self.tr("WhatsApp window open for %1 h more").replace("%1", str(hours)))
        self.window.setProperty("closed", self._window_closed)
        blocked = (self._window_closed and not templates) or bool(file_problem)
        self.send_button.setEnabled(not blocked and (not templates or self.template.currentIndex() >= 0))

    def _window_of(self, identity_id: int | None) -> datetime | None:
        return next(
            (i.get("whatsapp_window_closes_at") for i in self._identities if i["id"] == identity_id),
            None,
        )

    def template_mode(self) -> bool:
        """Whether the template picker stands in for the text box: on WhatsApp, when the window
        is closed or the agent asked for a template."""
        on_whatsapp = self.current_channel() == "whatsapp" and not self.note_mode.isChecked()
        return on_whatsapp and (self._window_closed or self._template_chosen)

    def show_templates(self) -> None:
        """The template shortcut: pick a template (on WhatsApp), or back to free text when open."""
        if self.current_channel() != "whatsapp" or self.note_mode.isChecked():
            return
        self._template_chosen = not self._template_chosen or self._window_closed
        self._update_channel()
        (self.template if self.template_mode() else self.editor).setFocus()

    def set_note_mode(self, note: bool) -> None:
        self.note_mode.setChecked(note)
        self.editor.setFocus()

    def submit(self) -> None:
        if not self.send_button.isEnabled():
            return
        if self.template_mode():
            self._submit_template()
            return
        text = self.editor.toPlainText().strip()
        if not text and not self._paths:
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
                "files": list(self._paths),
            }
        )
        self.editor.clear()
        self.clear_files()

    # -- attachments -------------------------------------------------------------------------

    def choose_files(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Attach files"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda names: self.add_files([Path(n) for n in names]))
        dialog.open()
        return dialog

    def add_files(self, paths: list[Path]) -> None:
        problems = []
        for path in paths:
            try:
                size = path.stat().st_size if path.is_file() else -1
            except OSError:
                size = -1
            if size < 0:
                problems.append(self.tr("%1 is not a file that can be read").replace("%1", path.name))
            elif size == 0:
                problems.append(self.tr("%1 is empty").replace("%1", path.name))
            elif path not in self._paths:
                self._paths.append(path)
                self._files.append(FileFacts(path.name, size, content_type_of(path)))
        self._show_chips()
        self._update_channel()
        if problems:
            self.file_error.setText(" ".join(problems))
            self.file_error.setVisible(True)

    def remove_file(self, index: int) -> None:
        del self._paths[index], self._files[index]
        self._show_chips()
        self._update_channel()

    def clear_files(self) -> None:
        self._paths.clear()
        self._files.clear()
        self._show_chips()

    def files(self) -> list[FileFacts]:
        return list(self._files)

    def _show_chips(self) -> None:
        while (child := self._chips_layout.takeAt(0)) is not None:
            if child.widget() is not None:
                child.widget().deleteLater()
        for index, file in enumerate(self._files):
            chip = QToolButton()
            chip.setObjectName("chip")
            chip.setText(f"{file.name} · {human_size(file.size)}  ✕")
            chip.setToolTip(self.tr("Remove %1").replace("%1", file.name))
            chip.setAccessibleName(self.tr("Remove %1").replace("%1", file.name))
            chip.clicked.connect(lambda _checked=False, i=index: self.remove_file(i))
            self._chips_layout.addWidget(chip)
        self._chips_layout.addStretch(1)

    def _file_problem(self, note: bool, channel: str | None) -> str | None:
        if not self._files:
            return None
        if note:
            return self.tr("Files go with replies, not with notes: remove them or write a reply.")
        if self.template_mode():
            return self.tr("A template carries no files: remove them, or send them once the customer writes.")
        refused = refusal(channel or "", self._files)
        return None if refused is None else self._refusal_text(refused)

    def _refusal_text(self, refused: Refusal) -> str:
        if refused.kind == "no_files":
            return self.tr("The web chat cannot carry files: send a link, or reply by email or WhatsApp.")
        if refused.kind == "one_file":
            return self.tr("WhatsApp carries one file per message: send the others in further replies.")
        if refused.kind == "too_large":
            return (
                self.tr("%1 (%2) is larger than the %3 WhatsApp takes.")
                .replace("%1", refused.name)
                .replace("%2", human_size(refused.size))
                .replace("%3", human_size(refused.limit))
            )
        return (
            self.tr("The files add up to %1, more than the %2 an email can carry safely.")
            .replace("%1", human_size(refused.size))
            .replace("%2", human_size(refused.limit))
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.add_files(files)

    # -- WhatsApp templates -------------------------------------------------------------------

    def _fill_templates(self) -> None:
        language = self._conversation.get("language") or ""
        self.template.blockSignals(True)
        self.template.clear()
        for template in self._templates:
            self.template.addItem(f"{template['name']} ({template.get('language', '')})", template)
        # The one meant for reopening a conversation, in the customer's language, comes first.
        preferred = [
            i
            for i, t in enumerate(self._templates)
            if t.get("purpose") == "window_closed" and str(t.get("language", "")).startswith(language)
        ]
        if preferred:
            self.template.setCurrentIndex(preferred[0])
        self.template.blockSignals(False)
        self._template_changed()

    def _template_changed(self) -> None:
        for field in self._parameters:
            self._parameter_form.removeRow(field)
        self._parameters = []
        template = self.template.currentData()
        if template is None:
            self.preview.setText(
                self.tr("This WhatsApp number has no approved templates: an admin adds them to its queue's settings.")
            )
            return
        for number, source in enumerate(template.get("parameters") or [], 1):
            field = QLineEdit(self._value_of(str(source)))
            field.setAccessibleName(str(source))
            field.textChanged.connect(self._show_preview)
            self._parameter_form.addRow(f"{{{{{number}}}}} {source}", field)
            self._parameters.append(field)
        self._show_preview()

    def _value_of(self, source: str) -> str:
        group, _, key = source.partition(".")
        if group == "conversation" and key == "subject":
            return str(self._conversation.get("subject") or "")
        return self._values.get(group, {}).get(key, "")

    def _filled(self) -> tuple[dict[str, Any], str] | None:
        template = self.template.currentData()
        if template is None:
            return None
        sources = [str(s) for s in template.get("parameters") or []]
        return fill_template(template, {s: f.text().strip() for s, f in zip(sources, self._parameters, strict=True)})

    def _show_preview(self) -> None:
        filled = self._filled()
        if filled is not None:
            self.preview.setText(filled[1])

    def _submit_template(self) -> None:
        filled = self._filled()
        if filled is None:
            return
        template, text = filled
        self.send.emit({"note": False, "text": text, "identity_id": self.identity.currentData(), "template": template})
        self._template_chosen = False
        self._fill_templates()
        self._update_channel()

    def _mention_prefix(self) -> str | None:
        """The "@name" being typed at the cursor in a note, without its "@"; None when there is none."""
        if not self.note_mode.isChecked():
            return None
        cursor = self.editor.textCursor()
        before = self.editor.toPlainText()[: cursor.position()]
        match = _MENTION_TYPED.search(before)
        return match.group(1) if match else None

    def _insert_mention(self, chosen: str) -> None:
        prefix = self._mention_prefix()
        if prefix is None:
            return
        cursor = self.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.Left, cursor.MoveMode.KeepAnchor, len(prefix) + 1)
        cursor.insertText(chosen.split(" — ", 1)[0] + " ")
        self.editor.setTextCursor(cursor)

    def _maybe_complete(self) -> None:
        prefix = self._mention_prefix()
        if prefix is not None and self._people.model() is not None:
            self._people.setCompletionPrefix(prefix)
            rect = self.editor.cursorRect()
            rect.setWidth(300)
            self._people.complete(rect)
            return
        self._people.popup().hide()
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
