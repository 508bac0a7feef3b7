"""A list model over an inbox view of the cache, loaded a page at a time.

Like Anki's browser table, the model holds only the rows it has loaded; `canFetchMore`
and `fetchMore` bring the next page when the view scrolls near the end, and a guard keeps
a second fetch from starting while one is being applied (FeelUOwn's lesson).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

# A screenful is about twenty rows: a page of 100 fills it several times over, fast.
PAGE_SIZE = 100


class InboxRowLike(Protocol):
    conversation_id: int


class InboxSource(Protocol):
    """Where the rows come from: a view of the local cache (never the network)."""

    def total(self) -> int: ...

    def page(self, after: Any, limit: int) -> Sequence[Any]:
        """Rows after the keyset position `after` (None: from the top)."""

    def position(self, row: Any) -> Any:
        """The keyset position of a row, to ask for the rows after it."""


ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


class InboxModel(QAbstractListModel):
    countChanged = Signal(int)

    def __init__(self, source: InboxSource | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self._source = source
        self._page_size = page_size
        self._rows: list[Any] = []
        self._index_of: dict[int, int] = {}
        self._total = 0
        self._fetching = False
        self._exhausted = True
        if source is not None:
            self.set_source(source)

    def set_source(self, source: InboxSource | None) -> None:
        """Show another view (or the same one, refreshed): starts again from the first page."""
        self.beginResetModel()
        self._source = source
        self._rows = []
        self._index_of = {}
        self._total = source.total() if source else 0
        self._exhausted = source is None
        self.endResetModel()
        self.countChanged.emit(self._total)
        if source is not None:
            self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        """Reload what is loaded, keeping as many rows as the view had, so scrolling stays put."""
        if self._source is None:
            return
        keep = max(len(self._rows), self._page_size)
        rows = list(self._source.page(None, keep))
        self.beginResetModel()
        self._rows = rows
        self._index_of = {r.conversation_id: i for i, r in enumerate(rows)}
        self._total = self._source.total()
        self._exhausted = len(rows) < keep
        self.endResetModel()
        self.countChanged.emit(self._total)

    @property
    def total(self) -> int:
        return self._total

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if parent.isValid() or self._fetching or self._exhausted or self._source is None:
            return
        self._fetching = True
        try:
            after = self._source.position(self._rows[-1]) if self._rows else None
            page = [r for r in self._source.page(after, self._page_size) if r.conversation_id not in self._index_of]
            if len(page) < self._page_size:
                self._exhausted = True
            if page:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
                for offset, row in enumerate(page):
                    self._index_of[row.conversation_id] = first + offset
                self._rows.extend(page)
                self.endInsertRows()
        finally:
            self._fetching = False

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.conversation_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return getattr(row, "accessible_text", None) or str(row.conversation_id)
        if role == Qt.ItemDataRole.ToolTipRole:
            return getattr(row, "preview", None)
        return None

    def row_of(self, conversation_id: int) -> int | None:
        return self._index_of.get(conversation_id)

    def row_at(self, index: int) -> Any | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None
