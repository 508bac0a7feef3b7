"""A QA window of its own reached from the workspace: its navigation entry, its command, the window.

The dashboard and the scorecard editor open beside the workspace rather than in it, so choosing their
entry opens the window and puts the navigation back on the view the user was on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

from agentdesk.ui.shortcuts import command_action

if TYPE_CHECKING:
    from collections.abc import Iterable

    from agentdesk.ui.main_window import MainWindow

DASHBOARD = "qa_dashboard"
SCORECARDS = "qa_scorecards"
# Entries that open a window: none of them is a view to come back to.
WINDOW_KEYS = (DASHBOARD, SCORECARDS)

W = TypeVar("W", bound=QWidget)


class WindowEntry(QObject, Generic[W]):
    key: ClassVar[str]
    roles: ClassVar[tuple[str, ...]]

    def __init__(self, window: MainWindow, widgets: Iterable[QWidget]) -> None:
        super().__init__(window)
        self.window = window
        self._previous = "mine"
        # A plain-letter key: it acts only where nobody is typing, as the window's own "G, M".
        self.action = command_action(self.key, window, self.open, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if self.allowed:
            for widget in widgets:
                widget.addAction(self.action)
            window.actions_by_id[self.key] = self.action

    @property
    def allowed(self) -> bool:
        return self.window._me.get("role") in self.roles

    def view_chosen(self, key: str) -> bool:
        """Open the window when its navigation entry is chosen, then go back to the view before."""
        if key != self.key:
            if key not in WINDOW_KEYS:
                self._previous = key
            return False
        self.open()
        QTimer.singleShot(0, lambda: self.window.navigation.select(self._previous))
        return True

    def open(self) -> W | None:
        if not self.allowed:
            return None
        shown = self._window()
        shown.show()
        shown.raise_()
        shown.activateWindow()
        return shown

    def _window(self) -> W:
        """The window, made on first use."""
        raise NotImplementedError
