"""Supervising in the workspace window: the presence selector every agent has in the status
bar, and for supervisors and admins the wallboard (its menu entry, shortcut and window).

The window hands itself over once (`SupervisorWorkspace(window)`) and calls `refresh` after
each change from the client core; everything about supervising stays in this package.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from agentdesk.client.cache.apply import Touched
from agentdesk.client.outbox.store import ItemState, OutboxItem
from agentdesk.ui.shortcuts import command_action
from agentdesk.ui.supervisor.dialogs import QueuePicker
from agentdesk.ui.supervisor.wallboard import Wallboard
from agentdesk.ui.widgets.presence import PresenceSelector

if TYPE_CHECKING:
    from agentdesk.ui.main_window import MainWindow

SUPERVISING_ROLES = ("supervisor", "admin")


class SupervisorWorkspace(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.client = window.client
        self.wallboard: Wallboard | None = None
        self.presence = PresenceSelector()
        self.presence.presenceChosen.connect(self.client.set_presence)
        window.statusBar().addPermanentWidget(self.presence)
        self.presence_action = self._action("presence", self.choose_presence)
        window.addAction(self.presence_action)
        window.actions_by_id["presence"] = self.presence_action
        self.wallboard_action = self._action("wallboard", self.open_wallboard)
        # In the workspace too: move the open conversation to another queue.
        self.move_action = self._action("move_queue", self.open_move)
        self.menu: QMenu | None = None
        window.bridge.outboxChanged.connect(self._outbox_changed)
        self._sync_role()
        self.presence.show_presence(self.client.my_presence())

    def _action(self, command_id: str, handler: Callable[[], object]) -> QAction:
        return command_action(command_id, self.window, handler)

    @property
    def supervising(self) -> bool:
        return self.window._me.get("role") in SUPERVISING_ROLES

    def _sync_role(self) -> None:
        """Only supervisors and admins have the wallboard: no menu, no key, no window otherwise."""
        if self.supervising and self.menu is None:
            self.menu = self.window.menuBar().addMenu(self.tr("&Supervision"))
            for command_id, action in (("wallboard", self.wallboard_action), ("move_queue", self.move_action)):
                self.menu.addAction(action)
                self.window.addAction(action)
                self.window.actions_by_id[command_id] = action
        elif not self.supervising and self.menu is not None:
            self.window.menuBar().removeAction(self.menu.menuAction())
            for command_id, action in (("wallboard", self.wallboard_action), ("move_queue", self.move_action)):
                self.window.removeAction(action)
                self.window.actions_by_id.pop(command_id, None)
            self.menu = None
            if self.wallboard is not None:
                self.wallboard.close()
                self.wallboard.deleteLater()
                self.wallboard = None

    def choose_presence(self) -> None:
        self.presence.setFocus()
        self.presence.showPopup()

    def open_wallboard(self) -> Wallboard | None:
        if not self.supervising:
            return None
        if self.wallboard is None:
            self.wallboard = Wallboard(self.window.bridge, self.window.settings, self.window._name_of, self.window)
            self.wallboard.alertRaised.connect(self._tray_alert)
            self.wallboard.openInWorkspace.connect(self._open_queue)
        self.wallboard.show()
        self.wallboard.raise_()
        self.wallboard.activateWindow()
        return self.wallboard

    def open_move(self) -> QueuePicker | None:
        conversation_id = self.window.current_conversation_id()
        detail = self.client.conversation(conversation_id) if conversation_id is not None else None
        if not self.supervising or detail is None:
            return None
        picker = QueuePicker(self.client.queues(), detail.conversation["queue_id"], self.window)
        picker.chosen.connect(lambda queue_id: self.client.move_conversation(detail.conversation["id"], queue_id))
        picker.open()
        return picker

    def _tray_alert(self, text: str) -> None:
        tray = self.window.tray
        if tray is not None:
            tray.showMessage(self.tr("AgentDesk wallboard"), text)

    def _open_queue(self, queue_id: int) -> None:
        self.window.navigation.select(f"queue:{queue_id}")
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def refresh(self, touched: Touched) -> None:
        if touched.everything or touched.ids.get("user"):
            self._sync_role()
        if touched.everything or touched.ids.get("agent_state") or touched.ids.get("metrics"):
            self.presence.show_presence(self.client.my_presence())

    def _outbox_changed(self, item: OutboxItem) -> None:
        if item.kind == "move" and item.state is ItemState.FAILED:
            self.window.statusBar().showMessage(self.tr("Not moved: %1").replace("%1", item.error or ""), 10_000)
        if item.kind != "presence":
            return
        if item.state is ItemState.FAILED:
            self.window.statusBar().showMessage(
                self.tr("Your presence was not changed: %1").replace("%1", item.error or ""), 10_000
            )
        self.presence.show_presence(self.client.my_presence())
