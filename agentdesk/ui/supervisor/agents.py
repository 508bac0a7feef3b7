"""The agents table: presence, time in it, active conversations and capacity per channel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from agentdesk.client.queries.figures import AgentState
from agentdesk.ui import labels

CHANNELS = ("email", "whatsapp", "webchat")
STATE_ROLE = Qt.ItemDataRole.UserRole + 1


class AgentsModel(QAbstractTableModel):
    def __init__(self, now: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self._rows: list[AgentState] = []
        self._now = now or (lambda: datetime.now(UTC))

    def set_states(self, states: list[AgentState]) -> None:
        self.beginResetModel()
        self._rows = sorted(states, key=lambda s: (s.name.casefold(), s.user_id))
        self.endResetModel()

    def tick(self) -> None:
        """Time in state grows with the clock: repaint that column only."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self._rows) - 1, 2))

    def state_at(self, row: int) -> AgentState | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, user_id: int) -> int | None:
        return next((i for i, s in enumerate(self._rows) if s.user_id == user_id), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4 + len(CHANNELS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        fixed = [self.tr("Agent"), self.tr("Presence"), self.tr("In state for"), self.tr("Active")]
        if section < len(fixed):
            return fixed[section]
        channel = CHANNELS[section - len(fixed)] if section - len(fixed) < len(CHANNELS) else None
        return self.tr("%1 (active / capacity)").replace("%1", labels.channel(channel)) if channel else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        state = self._rows[index.row()]
        if role == STATE_ROLE:
            return state
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and state.changing:
            return self.tr("A change is waiting to be sent")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return state.name + (" …" if state.changing else "")
        if column == 1:
            return labels.presence(state.presence)
        if column == 2:
            since = state.presence_since
            return labels.duration((self._now() - since).total_seconds(), exact=True) if since else "—"
        if column == 3:
            return str(state.active_total)
        channel = CHANNELS[column - 4]
        if channel not in state.capacity and channel not in state.active:
            return "—"
        return f"{state.active.get(channel, 0)} / {state.capacity.get(channel, 0)}"
