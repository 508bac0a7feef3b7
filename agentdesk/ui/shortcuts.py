"""Every frequent action has a shortcut; they are declared here, once, so that the `?` sheet
and the command palette list exactly what the keys do."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence


@dataclass(frozen=True, slots=True)
class Command:
    id: str
    keys: str  # QKeySequence text, portable form
    label: str  # source text, translated in the "Commands" context when shown
    group: str

    def text(self) -> str:
        return QCoreApplication.translate("Commands", self.label)


NAVIGATION = QT_TRANSLATE_NOOP("Commands", "Navigation")
CONVERSATION = QT_TRANSLATE_NOOP("Commands", "Conversation")
APPLICATION = QT_TRANSLATE_NOOP("Commands", "Application")
QUALITY = QT_TRANSLATE_NOOP("Commands", "Quality")
SUPERVISION = QT_TRANSLATE_NOOP("Commands", "Supervision")

COMMANDS: tuple[Command, ...] = (
    Command("next", "J", QT_TRANSLATE_NOOP("Commands", "Next conversation"), NAVIGATION),
    Command("previous", "K", QT_TRANSLATE_NOOP("Commands", "Previous conversation"), NAVIGATION),
    Command("palette", "Ctrl+K", QT_TRANSLATE_NOOP("Commands", "Command palette and search"), NAVIGATION),
    Command("focus_inbox", "G, I", QT_TRANSLATE_NOOP("Commands", "Go to the inbox list"), NAVIGATION),
    Command("view_mine", "G, M", QT_TRANSLATE_NOOP("Commands", "Show my conversations"), NAVIGATION),
    Command("view_unassigned", "G, U", QT_TRANSLATE_NOOP("Commands", "Show unassigned conversations"), NAVIGATION),
    Command("view_all", "G, A", QT_TRANSLATE_NOOP("Commands", "Show all conversations"), NAVIGATION),
    Command("mentions", "G, N", QT_TRANSLATE_NOOP("Commands", "Show the notes that mention me"), NAVIGATION),
    Command("reply", "R", QT_TRANSLATE_NOOP("Commands", "Reply"), CONVERSATION),
    Command("note", "N", QT_TRANSLATE_NOOP("Commands", "Add a private note"), CONVERSATION),
    Command("send", "Ctrl+Return", QT_TRANSLATE_NOOP("Commands", "Send"), CONVERSATION),
    Command("resolve", "E", QT_TRANSLATE_NOOP("Commands", "Resolve"), CONVERSATION),
    Command("reopen", "Shift+E", QT_TRANSLATE_NOOP("Commands", "Reopen"), CONVERSATION),
    Command("pending", "P", QT_TRANSLATE_NOOP("Commands", "Mark pending"), CONVERSATION),
    Command("snooze", "S", QT_TRANSLATE_NOOP("Commands", "Snooze"), CONVERSATION),
    Command("assign", "A", QT_TRANSLATE_NOOP("Commands", "Assign"), CONVERSATION),
    Command("assign_me", "I", QT_TRANSLATE_NOOP("Commands", "Assign to me"), CONVERSATION),
    Command("customer", "C", QT_TRANSLATE_NOOP("Commands", "Show the customer's timeline"), CONVERSATION),
    Command("undo_merge", "Ctrl+Z", QT_TRANSLATE_NOOP("Commands", "Undo the last merge"), CONVERSATION),
    Command("attach", "Ctrl+Shift+A", QT_TRANSLATE_NOOP("Commands", "Attach files"), CONVERSATION),
    Command("template", "Ctrl+Shift+L", QT_TRANSLATE_NOOP("Commands", "Pick a WhatsApp template"), CONVERSATION),
    Command("help", "?", QT_TRANSLATE_NOOP("Commands", "Show keyboard shortcuts"), APPLICATION),
    Command("settings", "Ctrl+,", QT_TRANSLATE_NOOP("Commands", "Settings"), APPLICATION),
    Command("sync", "F5", QT_TRANSLATE_NOOP("Commands", "Synchronize now"), APPLICATION),
    Command("quit", "Ctrl+Q", QT_TRANSLATE_NOOP("Commands", "Quit"), APPLICATION),
    Command("presence", "Ctrl+Shift+P", QT_TRANSLATE_NOOP("Commands", "Set my presence"), APPLICATION),
    Command("wallboard", "Ctrl+Shift+B", QT_TRANSLATE_NOOP("Commands", "Open the wallboard"), SUPERVISION),
    Command("move_queue", "Ctrl+Shift+M", QT_TRANSLATE_NOOP("Commands", "Move to another queue"), SUPERVISION),
    Command("capacity", "Ctrl+Shift+C", QT_TRANSLATE_NOOP("Commands", "Change an agent's capacity"), SUPERVISION),
    Command("thresholds", "Ctrl+Shift+T", QT_TRANSLATE_NOOP("Commands", "Set a queue's thresholds"), SUPERVISION),
)

KNOWLEDGE = QT_TRANSLATE_NOOP("Commands", "Knowledge base and callbacks")
# The knowledge-base manager's keys act inside it; the callback keys inside the callbacks list.
ASSIST_COMMANDS: tuple[Command, ...] = (
    Command("knowledge_base", "Ctrl+Shift+K", QT_TRANSLATE_NOOP("Commands", "Manage the knowledge base"), KNOWLEDGE),
    Command("kb_new", "Ctrl+N", QT_TRANSLATE_NOOP("Commands", "New article"), KNOWLEDGE),
    Command("kb_save", "Ctrl+S", QT_TRANSLATE_NOOP("Commands", "Save the article"), KNOWLEDGE),
    Command("kb_delete", "Ctrl+Del", QT_TRANSLATE_NOOP("Commands", "Delete the article"), KNOWLEDGE),
    Command("kb_search", "Ctrl+F", QT_TRANSLATE_NOOP("Commands", "Search articles"), KNOWLEDGE),
    Command("callbacks", "G, B", QT_TRANSLATE_NOOP("Commands", "Show callbacks"), KNOWLEDGE),
    Command("callback_done", "Ctrl+Alt+D", QT_TRANSLATE_NOOP("Commands", "Mark the callback done"), KNOWLEDGE),
    Command("callback_missed", "Ctrl+Alt+X", QT_TRANSLATE_NOOP("Commands", "Mark the callback missed"), KNOWLEDGE),
)
COMMANDS += ASSIST_COMMANDS

QA_COMMANDS: tuple[Command, ...] = (
    Command("qa_review", "Ctrl+Shift+Q", QT_TRANSLATE_NOOP("Commands", "Review this conversation"), QUALITY),
    Command("qa_comment", "Ctrl+Alt+M", QT_TRANSLATE_NOOP("Commands", "Comment on the selected message"), QUALITY),
    Command("qa_submit", "Ctrl+Shift+Return", QT_TRANSLATE_NOOP("Commands", "Submit the review"), QUALITY),
    Command("qa_acknowledge", "Ctrl+Alt+A", QT_TRANSLATE_NOOP("Commands", "Acknowledge the review"), QUALITY),
    Command("qa_dispute", "Ctrl+Alt+R", QT_TRANSLATE_NOOP("Commands", "Dispute the review (type the reason)"), QUALITY),
    Command("qa_next_item", "Ctrl+Alt+J", QT_TRANSLATE_NOOP("Commands", "Next in the review queue"), QUALITY),
    Command("qa_previous_item", "Ctrl+Alt+K", QT_TRANSLATE_NOOP("Commands", "Previous in the review queue"), QUALITY),
    Command("qa_feedback", "G, F", QT_TRANSLATE_NOOP("Commands", "Show feedback"), QUALITY),
    Command("qa_queue", "G, Q", QT_TRANSLATE_NOOP("Commands", "Show the review queue"), QUALITY),
)
COMMANDS += QA_COMMANDS
# The QA dashboard (team leads, supervisors, admins); its export acts in the dashboard's window.
QA_DASHBOARD_COMMANDS: tuple[Command, ...] = (
    Command("qa_dashboard", "G, D", QT_TRANSLATE_NOOP("Commands", "Open the QA dashboard"), QUALITY),
    Command("qa_export", "Ctrl+E", QT_TRANSLATE_NOOP("Commands", "Export the QA dashboard to CSV"), QUALITY),
)
COMMANDS += QA_DASHBOARD_COMMANDS
# The scorecard editor (admins and team leads); saving acts in the editor's window.
QA_SCORECARD_COMMANDS: tuple[Command, ...] = (
    Command("qa_scorecards", "G, S", QT_TRANSLATE_NOOP("Commands", "Edit the QA scorecards"), QUALITY),
    Command("qa_scorecard_save", "Ctrl+S", QT_TRANSLATE_NOOP("Commands", "Save the scorecard"), QUALITY),
)
COMMANDS += QA_SCORECARD_COMMANDS

BY_ID = {c.id: c for c in COMMANDS}


def command_action(
    command_id: str,
    parent: QObject,
    handler: Callable[[], Any],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> QAction:
    """The command's action: its text and keys from the registry, acting within `context`."""
    command = BY_ID[command_id]
    action = QAction(command.text(), parent)
    action.setShortcut(QKeySequence(command.keys))
    action.setShortcutContext(context)
    action.triggered.connect(handler)
    return action
