"""The knowledge-base manager and the callbacks view, opened from the main window.

Ctrl+Shift+K opens the knowledge base (read-only for agents: the server takes articles from
admins and team leads only), G then B the callbacks. The keys that act inside those screens
are theirs; chosen from the command palette they open the screen and act there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from agentdesk.client.kb import WRITER_ROLES
from agentdesk.ui.assist.callbacks import CallbacksView
from agentdesk.ui.bridge import ClientBridge
from agentdesk.ui.kb.manager import KbManager
from agentdesk.ui.shortcuts import BY_ID, command_action


class AssistWorkspace:
    def __init__(
        self,
        window: QMainWindow,
        bridge: ClientBridge,
        actions_by_id: dict[str, QAction],
        open_conversation: Callable[[int], Any],
        letter_scopes: tuple[QWidget, ...],
    ) -> None:
        self.window = window
        self.bridge = bridge
        self.open_conversation = open_conversation
        self.kb_manager: KbManager | None = None
        self.callbacks_view: CallbacksView | None = None
        self._action("knowledge_base", self.open_knowledge_base, actions_by_id, (window,))
        # A letter chord must not fire while typing: only where the letter commands live.
        self._action("callbacks", self.open_callbacks, actions_by_id, letter_scopes)
        inside: dict[str, Callable[[], Any]] = {
            "kb_new": lambda: self.open_knowledge_base().new_article(),
            "kb_save": lambda: self.open_knowledge_base().save(),
            "kb_delete": lambda: self.open_knowledge_base().delete(),
            "kb_search": lambda: self.open_knowledge_base().search.setFocus(),
            "callback_done": lambda: self.open_callbacks().mark("done"),
            "callback_missed": lambda: self.open_callbacks().mark("missed"),
        }
        for command_id, handler in inside.items():
            action = QAction(BY_ID[command_id].text(), window)
            action.triggered.connect(handler)
            actions_by_id[command_id] = action

    def _action(
        self,
        command_id: str,
        handler: Callable[[], Any],
        actions_by_id: dict[str, QAction],
        scopes: tuple[QWidget, ...],
    ) -> None:
        context = (
            Qt.ShortcutContext.WindowShortcut
            if scopes == (self.window,)
            else Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        action = command_action(command_id, self.window, handler, context)
        for scope in scopes:
            scope.addAction(action)
        actions_by_id[command_id] = action

    def _role(self) -> str:
        client = self.bridge.client
        return next((u["role"] for u in client.users() if u["id"] == client.user_id), "agent")

    def open_knowledge_base(self) -> KbManager:
        if self.kb_manager is None:
            self.kb_manager = KbManager(self.bridge, self.window)
            self.kb_manager.setWindowFlag(Qt.WindowType.Window)
            self.kb_manager.resize(900, 600)
            self.kb_manager.set_read_only(self._role() not in WRITER_ROLES)
        _bring_up(self.kb_manager)
        return self.kb_manager

    def open_callbacks(self) -> CallbacksView:
        if self.callbacks_view is None:
            names = {u["id"]: u["display_name"] for u in self.bridge.client.users()}
            self.callbacks_view = CallbacksView(self.bridge, names, self.window)
            self.callbacks_view.setWindowFlag(Qt.WindowType.Window)
            self.callbacks_view.resize(520, 480)
            self.callbacks_view.openConversation.connect(self.open_conversation)
        self.callbacks_view.refresh()
        _bring_up(self.callbacks_view)
        return self.callbacks_view


def _bring_up(widget: QWidget) -> None:
    widget.show()
    widget.raise_()
    widget.activateWindow()
