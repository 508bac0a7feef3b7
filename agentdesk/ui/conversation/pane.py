"""The conversation pane: header, the messages and events, failed writes, and the composer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QTextBlock
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from agentdesk.client.queries.conversation import ConversationDetail
from agentdesk.ui import labels
from agentdesk.ui.assist.panel import SuggestionsPanel
from agentdesk.ui.conversation.composer import Composer
from agentdesk.ui.conversation.render import render

STYLE = """
.day { color: palette(mid); text-align: center; margin: 12px 0 4px 0; font-weight: bold; }
.msg { margin: 6px 0; padding: 6px 10px; }
.in { background: rgba(127,127,127,0.10); }
.out { background: rgba(47,111,214,0.12); }
.note { background: rgba(230,180,40,0.22); }
.head { font-size: small; }
.quoted { color: gray; border-left: 3px solid gray; padding-left: 6px; }
.event { color: gray; font-size: small; margin: 4px 0; }
.error { color: #d64545; }
.attachment { font-size: small; }
.marked { background: rgba(230,120,40,0.35); }
.qa { margin: 0 0 8px 24px; padding: 4px 8px; border-left: 3px solid #e07a28; font-size: small; }
.qa-reply { margin-left: 16px; }
.suggestion { color: #2f8f4e; }
"""


class ConversationPane(QWidget):
    sendRequested = Signal(int, dict)  # conversation id, composer payload
    retryRequested = Signal(int)  # outbox item id
    contactRequested = Signal(int)
    linkActivated = Signal(str, int)  # a link of an annotation: its action and id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conversation_id: int | None = None
        self._expanded: set[int] = set()
        self._detail: ConversationDetail | None = None
        self._names: Mapping[int, str] = {}
        # Extra keys per message id for the renderer (`annotation_html`, `marks`): QA comments.
        self.annotate: Callable[[ConversationDetail], Mapping[int, Mapping[str, Any]]] | None = None
        self.title = QLabel(self.tr("No conversation selected"))
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setObjectName("meta")
        self.transcript = QTextBrowser()
        self.transcript.setOpenLinks(False)
        self.transcript.setAccessibleName(self.tr("Conversation"))
        self.transcript.document().setDefaultStyleSheet(STYLE)
        self.transcript.anchorClicked.connect(self._anchor)
        self.failed = QLabel()
        self.failed.setObjectName("failed")
        self.failed.setWordWrap(True)
        self.retry = QPushButton(self.tr("Retry"))
        self.retry.clicked.connect(self._retry_failed)
        failed_row = QHBoxLayout()
        failed_row.addWidget(self.failed, 1)
        failed_row.addWidget(self.retry)
        self._failed_ids: list[int] = []
        self.composer = Composer()
        self.composer.send.connect(self._send)
        # Next best action, right above where the agent acts on it; bound to a client by the window.
        self.suggestions = SuggestionsPanel(shortcut_scope=self)
        self.suggestions.insertText.connect(self._insert)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.suggestions)
        lower_layout.addWidget(self.composer, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.transcript)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addLayout(failed_row)
        layout.addWidget(splitter, 1)
        self.set_failed([])
        self.composer.setEnabled(False)

    def show_detail(
        self,
        detail: ConversationDetail | None,
        names: Mapping[int, str],
        identities: list[dict[str, Any]],
        values: dict[str, dict[str, str]],
        keep_scroll: bool = False,
    ) -> None:
        same = detail is not None and self._detail is not None and detail.conversation["id"] == self.conversation_id
        self._detail, self._names = detail, names
        if detail is None:
            self.conversation_id = None
            self.title.setText(self.tr("No conversation selected"))
            self.meta.clear()
            self.transcript.clear()
            self.composer.setEnabled(False)
            self.suggestions.show_conversation(None)
            return
        conv = detail.conversation
        if not same:
            self._expanded.clear()
        self.conversation_id = conv["id"]
        who = (detail.contact or {}).get("name") or self.tr("Unknown customer")
        self.title.setText(f"{who} — {conv.get('subject') or labels.channel(conv['channel'])}")
        assignee = names.get(conv.get("assignee_id") or -1) or self.tr("Unassigned")
        self.meta.setText(f"{labels.channel(conv['channel'])} · {labels.status(conv['status'])} · {assignee}")
        self._render(keep_scroll and same)
        if not same:
            self.composer.set_conversation(conv, identities, values)
        self.composer.setEnabled(True)
        self.suggestions.show_conversation(conv["id"])

    def _render(self, keep_scroll: bool) -> None:
        if self._detail is None:
            return
        names = self._names
        sender = (self._detail.contact or {}).get("name")
        notes = self.annotate(self._detail) if self.annotate is not None else {}
        items = [
            {"type": "message", "sender_name": sender, **m, **notes.get(m["id"], {})} for m in self._detail.messages
        ]
        items += [{"type": "event", **e} for e in self._detail.events]
        items.sort(key=lambda i: (str(i.get("created_at") or i.get("occurred_at")), i["type"] == "message"))
        bar = self.transcript.verticalScrollBar()
        position, at_end = bar.value(), bar.value() >= bar.maximum() - 4
        self.transcript.setHtml(render(items, names, self._expanded))
        bar.setValue(position if keep_scroll and not at_end else bar.maximum())

    def html(self) -> str:
        return self.transcript.toPlainText()

    def selected_message(self) -> tuple[dict[str, Any], str] | None:
        """The message the transcript's cursor is in, and the text selected inside it (may be empty)."""
        if self._detail is None:
            return None
        cursor = self.transcript.textCursor()
        block = self.transcript.document().findBlock(cursor.selectionStart())
        while block.isValid():
            name = _message_anchor(block)
            if name is not None:
                message = next((m for m in self._detail.messages if m["id"] == name), None)
                return (message, cursor.selectedText().replace("\u2029", "\n")) if message else None
            block = block.previous()
        return None

    def set_failed(self, items: list[tuple[int, str]]) -> None:
        self._failed_ids = [item_id for item_id, _ in items]
        visible = bool(items)
        self.failed.setVisible(visible)
        self.retry.setVisible(visible)
        if visible:
            reasons = "; ".join(reason for _, reason in items[:3])
            self.failed.setText(self.tr("Not sent: %1").replace("%1", reasons))

    def _retry_failed(self) -> None:
        for item_id in self._failed_ids:
            self.retryRequested.emit(item_id)

    def _insert(self, text: str) -> None:
        self.composer.editor.insertPlainText(text)
        self.composer.editor.setFocus()

    def _send(self, payload: dict) -> None:
        if self.conversation_id is not None:
            self.sendRequested.emit(self.conversation_id, payload)

    def _anchor(self, url: QUrl) -> None:
        action, _, ident = url.toString().partition(":")
        if action in ("fold", "unfold") and ident.isdigit():
            (self._expanded.discard if action == "fold" else self._expanded.add)(int(ident))
            self._render(keep_scroll=True)
        elif ident.lstrip("-").isdigit():
            self.linkActivated.emit(action, int(ident))


def _message_anchor(block: QTextBlock) -> int | None:
    """The id of the message whose head this block is (its `<a name='mID'>`), else None."""
    fragments = block.begin()
    while not fragments.atEnd():
        for name in fragments.fragment().charFormat().anchorNames():
            if name.startswith("m") and name[1:].lstrip("-").isdigit():
                return int(name[1:])
        fragments += 1
    return None
