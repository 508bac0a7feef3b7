"""Suggestions for the open conversation: what to do next, why, and how sure; one key to act.

Enter or Alt+1…3 accepts, Del or Alt+D dismisses. Accepting sends, schedules or notes
through the client's outbox (`agentdesk.assist.actions`), or hands text to the composer
through `insertText`. What the agent accepted or dismissed is not offered again for the
same conversation, after a restart too, until its evidence changes
(`agentdesk.assist.dismissals`). The server keeps the record.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from agentdesk.assist import actions
from agentdesk.assist.rules import Suggestion, suggest
from agentdesk.client.app import AgentDeskClient
from agentdesk.ui.assist.wording import words

SHORTCUT_SLOTS = 3


def _key(suggestion: Suggestion) -> tuple[str, str]:
    return suggestion.kind, suggestion.title


class SuggestionList(QListWidget):
    acceptCurrent = Signal()
    dismissCurrent = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.acceptCurrent.emit()
        elif event.key() == Qt.Key.Key_Delete:
            self.dismissCurrent.emit()
        else:
            super().keyPressEvent(event)


class SuggestionsPanel(QWidget):
    insertText = Signal(str)

    def __init__(self, shortcut_scope: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestions")
        self._client: AgentDeskClient | None = None
        self._suggest: Callable[[int], list[Suggestion]] = lambda _cid: []
        self.conversation_id: int | None = None
        self.suggestions: list[Suggestion] = []
        self._handled: dict[int, set[tuple[str, str]]] = {}
        self.header = QLabel(self.tr("Suggestions"))
        self.header.setObjectName("suggestionsHeader")
        self.list = SuggestionList()
        self.list.setAccessibleName(self.tr("Suggested next actions"))
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(130)
        self.list.acceptCurrent.connect(lambda: self.accept(self.list.currentRow()))
        self.list.dismissCurrent.connect(lambda: self.dismiss(self.list.currentRow()))
        self.list.itemActivated.connect(lambda item: self.accept(self.list.row(item)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.list)
        # Alt shortcuts work from anywhere in the conversation pane, the composer included.
        scope = shortcut_scope or self
        for slot in range(1, SHORTCUT_SLOTS + 1):
            shortcut = QShortcut(QKeySequence(f"Alt+{slot}"), scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda row=slot - 1: self.accept(row))
        dismiss = QShortcut(QKeySequence("Alt+D"), scope)
        dismiss.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        dismiss.activated.connect(lambda: self.dismiss(max(self.list.currentRow(), 0)))
        self.setVisible(False)

    def bind(self, client: AgentDeskClient, suggester: Callable[[int], list[Suggestion]] | None = None) -> None:
        """Suggest from this client's cache (or with `suggester`) and act through its outbox."""
        self._client = client
        self._suggest = suggester or (lambda conversation_id: suggest(client, conversation_id))

    def show_conversation(self, conversation_id: int | None) -> None:
        """(Re)compute the suggestions; called whenever the conversation on screen changes."""
        self.conversation_id = conversation_id
        handled = self._handled.get(conversation_id or 0, set())
        found = self._suggest(conversation_id) if conversation_id is not None else []
        self.suggestions = [s for s in found if _key(s) not in handled]
        row = self.list.currentRow()
        self.list.clear()
        for number, suggestion in enumerate(self.suggestions, 1):
            sure = self.tr("%1% sure").replace("%1", str(round(suggestion.confidence * 100)))
            slot = f"Alt+{number} · " if number <= SHORTCUT_SLOTS else ""
            title, why = words(suggestion)
            item = QListWidgetItem(f"{title}\n{why}\n{slot}{sure}")
            item.setToolTip(self.tr("Enter accepts, Del dismisses"))
            self.list.addItem(item)
        if self.suggestions:
            self.list.setCurrentRow(min(max(row, 0), len(self.suggestions) - 1))
        self.setVisible(bool(self.suggestions))

    def accept(self, row: int) -> None:
        suggestion = self._take(row)
        if suggestion is None or self._client is None or self.conversation_id is None:
            return
        text = actions.accept(self._client, self.conversation_id, suggestion)
        if text:
            self.insertText.emit(text)

    def dismiss(self, row: int) -> None:
        suggestion = self._take(row)
        if suggestion is not None and self._client is not None and self.conversation_id is not None:
            actions.dismiss(self._client, self.conversation_id, suggestion)

    def _take(self, row: int) -> Suggestion | None:
        if self.conversation_id is None or not 0 <= row < len(self.suggestions):
            return None
        suggestion = self.suggestions[row]
        self._handled.setdefault(self.conversation_id, set()).add(_key(suggestion))
        self.show_conversation(self.conversation_id)
        return suggestion
