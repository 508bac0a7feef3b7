"""The command palette (Ctrl+K): one box that finds commands, conversations and contacts.

Searching goes through a coroutine the window hands in (the local full-text index, queried
in a worker thread by the client core), so the palette itself stays free of any data access
and the window never waits for SQLite. Commands show at once; found rows follow, and the
answer to a query the user has typed past is dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QLineEdit, QListView, QVBoxLayout, QWidget

from agentdesk.ui.shortcuts import COMMANDS


@dataclass(frozen=True, slots=True)
class PaletteItem:
    kind: str  # "command", "conversation" or "contact"
    title: str
    subtitle: str
    target: Any  # the command id, conversation id or contact id


Search = Callable[[str], Awaitable[Sequence[PaletteItem]]]


class CommandPalette(QDialog):
    chosen = Signal(object)  # PaletteItem

    def __init__(self, search: Search | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Go to…"))
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        self._search = search
        self._items: list[PaletteItem] = []
        self._query: str | None = None  # what the shown items answer
        self._running: asyncio.Future[None] | None = None
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Search conversations, contacts and commands"))
        self.query.setAccessibleName(self.tr("Search"))
        self.results = QListView()
        self.results.setUniformItemSizes(True)
        self._model = QStringListModel()
        self.results.setModel(self._model)
        self.results.activated.connect(lambda index: self._choose(index.row()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        self.resize(560, 420)
        # Typing fast must not run a search per key: wait for a short pause.
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self._update)
        self.finished.connect(lambda _result: self._cancel())
        self.query.textChanged.connect(lambda _text: self._debounce.start())
        self.query.returnPressed.connect(lambda: self._choose(max(self.results.currentIndex().row(), 0)))
        self.query.installEventFilter(self)
        self._update()

    def commands_matching(self, text: str) -> list[PaletteItem]:
        needle = text.casefold()
        items = []
        for command in COMMANDS:
            label = command.text()
            if needle in label.casefold() or needle in command.id:
                keys = QKeySequence(command.keys).toString(QKeySequence.SequenceFormat.NativeText)
                items.append(PaletteItem("command", label, keys, command.id))
        return items

    def _update(self) -> None:
        self._cancel()
        # Kept until done or replaced: the loop holds tasks only weakly.
        self._running = asyncio.ensure_future(self.update())

    async def update(self) -> None:
        """Show what the query finds now: commands at once, then the search's rows."""
        text = self.query.text().strip()
        commands = self.commands_matching(text)
        if text != self._query:  # the same query again keeps its rows while it is searched anew
            self._show(text, commands)
        if self._search is None or len(text) < 2:
            return
        found = list(await self._search(text))
        if self.query.text().strip() == text:  # otherwise the user has typed on: a newer search follows
            self._show(text, found + commands)

    def answered_query(self) -> str | None:
        return self._query

    def _cancel(self) -> None:
        if self._running is not None and not self._running.done():
            self._running.cancel()

    def _show(self, text: str, items: list[PaletteItem]) -> None:
        self._query = text
        self._items = items
        self._model.setStringList([f"{i.title}   ·   {i.subtitle}" if i.subtitle else i.title for i in self._items])
        if self._items:
            self.results.setCurrentIndex(self._model.index(0))

    def items(self) -> list[PaletteItem]:
        return list(self._items)

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self._items):
            self.chosen.emit(self._items[row])
            self.accept()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        # Up and down move through the results while the cursor stays in the search box.
        if watched is self.query and event.type() == event.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self._items:
                row = self.results.currentIndex().row() + (1 if key == Qt.Key.Key_Down else -1)
                row = max(0, min(row, len(self._items) - 1))
                self.results.setCurrentIndex(self._model.index(row))
                return True
        return super().eventFilter(watched, event)
