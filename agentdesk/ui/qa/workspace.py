"""QA in the workspace window: the review panel (a dock), comments in the conversation, the
Feedback and Review queue views in the navigation, and their shortcuts.

The window hands over its pieces once (`QaWorkspace(window, inbox_layout)`) and calls
`refresh` after each change from the client core; everything QA stays in this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget, QLayout, QWidget

from agentdesk.client.cache.apply import Touched
from agentdesk.client.outbox.store import ItemState, OutboxItem
from agentdesk.client.queries.conversation import ConversationDetail
from agentdesk.client.queries.inbox import InboxFilter
from agentdesk.client.queries.qa import selection_anchor
from agentdesk.ui.navigation import NavEntry
from agentdesk.ui.qa.comments import CommentDialog, annotations, criterion_titles
from agentdesk.ui.qa.lists import QaList, SampleDialog
from agentdesk.ui.qa.review_panel import REVIEWER_ROLES, ReviewPanel
from agentdesk.ui.shortcuts import command_action

if TYPE_CHECKING:
    from agentdesk.ui.main_window import MainWindow

QA_ENTITIES = ("qa_review", "qa_comment", "qa_sample", "qa_scorecard")
FEEDBACK, QUEUE = "feedback", "qa_queue"
# Plain-letter keys act only where the agent is not typing (as in the window).
_LETTER_COMMANDS = {"qa_feedback", "qa_queue"}


class QaWorkspace(QObject):
    def __init__(self, window: MainWindow, inbox_layout: QLayout) -> None:
        super().__init__(window)
        self.window = window
        self.client = window.client
        self.panel = ReviewPanel(self.client)
        self.dock = QDockWidget(self.tr("Quality review"), window)
        self.dock.setObjectName("qaDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.setVisible(False)
        self.list = QaList()
        self.list.setVisible(False)
        inbox_layout.addWidget(self.list)
        self.list.reviewChosen.connect(self.open_review)
        self.list.sampleItemChosen.connect(lambda entry: self.open_conversation(entry["conversation_id"], review=True))
        self.list.newSampleRequested.connect(self.new_sample)
        pane = window.conversation
        pane.annotate = self._annotations
        pane.linkActivated.connect(self._link)
        self._make_actions()
        self.dialog: QWidget | None = None
        window.bridge.outboxChanged.connect(self._outbox_changed)

    # -- roles and navigation ----------------------------------------------------------------

    @property
    def reviewer(self) -> bool:
        return self.window._me.get("role") in REVIEWER_ROLES

    def nav_entries(self) -> list[NavEntry]:
        entries = [NavEntry(FEEDBACK, InboxFilter(), self.tr("Feedback"))]
        if self.reviewer:
            entries.append(NavEntry(QUEUE, InboxFilter(), self.tr("Review queue")))
        return entries

    def counts(self) -> dict[str, int]:
        unread = self.client.qa.responses_unseen() if self.reviewer else self.client.qa.feedback_unanswered()
        return {FEEDBACK: unread}

    def view_chosen(self, key: str) -> bool:
        """Show a QA list in the place of the inbox when `key` is one of ours; False otherwise."""
        ours = key in (FEEDBACK, QUEUE)
        self.list.setVisible(ours)
        self.window.inbox.setVisible(not ours)
        self.window.inbox_count.setVisible(not ours)
        if ours:
            self._fill_list(key)
        return ours

    def _fill_list(self, key: str) -> None:
        if key == FEEDBACK:
            reviews = self.client.qa.my_reviews() if self.reviewer else self.client.qa.feedback()
            if self.reviewer:
                reviews = [r for r in reviews if r["status"] == "submitted"] + [
                    r for r in reviews if r["status"] == "draft"
                ]
            self.list.show_feedback(reviews, self.window._names, self._describe, self.reviewer)
        else:
            self.list.show_samples(self.client.qa.samples(), self._describe)

    def _describe(self, conversation_id: int) -> str:
        detail = self.client.conversation(conversation_id)
        if detail is None:
            return self.tr("Conversation %1").replace("%1", str(conversation_id))
        who = (detail.contact or {}).get("name") or self.tr("Unknown customer")
        return f"{who} — {detail.conversation.get('subject') or ''}".rstrip(" —")

    # -- live updates --------------------------------------------------------------------------

    def refresh(self, touched: Touched) -> None:
        if not (touched.everything or any(touched.ids.get(e) for e in QA_ENTITIES)):
            return
        key = self.window.navigation.current_key()
        if key in (FEEDBACK, QUEUE):
            self._fill_list(key)
        self.window.navigation.extra_counts = self.counts()
        self.window.navigation.set_counts(self.client.inbox_counts())
        if self.dock.isVisible():
            self.panel.refresh()
        current = self.window.current_conversation_id()
        if current is not None and touched.ids.get("qa_comment"):
            self.window.show_conversation(current, keep_scroll=True)

    def conversation_shown(self, conversation_id: int | None) -> None:
        if self.dock.isVisible() or conversation_id is None:
            self.panel.show_conversation(conversation_id, self.window._names)

    # -- opening -------------------------------------------------------------------------------

    def open_conversation(self, conversation_id: int, *, review: bool = False) -> None:
        self.window.show_conversation(conversation_id)
        if review:
            self.show_panel()

    def open_review(self, review: dict[str, Any]) -> None:
        self.open_conversation(review["conversation_id"])
        self.show_panel()
        self.panel.show_review(review["id"])

    def show_panel(self) -> None:
        self.dock.setVisible(True)
        self.panel.show_conversation(self.window.current_conversation_id(), self.window._names)

    def start_review(self) -> None:
        """Open the panel on the current conversation and go to its first unanswered step."""
        self.show_panel()
        if self.panel.start_box.isVisible():
            self.panel.scorecard.setFocus()
        elif self.panel.rows:
            next(iter(self.panel.rows.values())).value.setFocus()

    # -- comments ------------------------------------------------------------------------------

    def _annotations(self, detail: ConversationDetail) -> dict[int, dict[str, Any]]:
        conversation_id = detail.conversation["id"]
        threads = self.client.qa.threads(conversation_id)
        if not threads:
            return {}
        titles: dict[str, str] = {}
        for review in self.client.qa.reviews(conversation_id):
            card = self.client.qa.scorecard(review["scorecard_id"])
            titles.update(criterion_titles(card["definition"] if card else None))
        return annotations(detail.messages, threads, self.window._names, titles, self.client.user_id)

    def _my_review(self) -> dict[str, Any] | None:
        conversation_id = self.window.current_conversation_id()
        if conversation_id is None:
            return None
        review = self.panel.review if self.panel.conversation_id == conversation_id else None
        if review is not None and review["reviewer_id"] == self.client.user_id:
            return review
        return self.client.qa.my_draft(conversation_id)

    def comment_on_selection(self) -> CommentDialog | None:
        """Comment on the message at the transcript's cursor, or on the text selected in it."""
        selected = self.window.conversation.selected_message()
        review = self._my_review()
        if selected is None or review is None or review["status"] != "draft":
            self.window.statusBar().showMessage(
                self.tr("Start a review, then select a message (or some of its text) to comment on."), 8000
            )
            return None
        message, text = selected
        anchor = selection_anchor(str(message.get("text") or ""), text.strip())
        card = self.client.qa.scorecard(review["scorecard_id"])
        dialog = CommentDialog(
            self.window, quote=anchor[2] if anchor else "", criteria=criterion_titles(card and card["definition"])
        )

        def send() -> None:
            v = dialog.values()
            self.client.qa.comment(
                review,
                message["id"],
                v["body"],
                anchor=anchor,
                criterion_key=v["criterion_key"],
                severity=v["severity"],
                suggestion=v["suggestion"],
            )

        dialog.accepted.connect(send)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _comment(self, comment_id: int) -> dict[str, Any] | None:
        conversation_id = self.window.current_conversation_id()
        threads = self.client.qa.threads(conversation_id) if conversation_id is not None else {}
        for thread in (t for ts in threads.values() for t in ts):
            for row in (thread.comment, *thread.replies):
                if row["id"] == comment_id:
                    return row
        return None

    def _link(self, action: str, ident: int) -> None:
        comment = self._comment(ident)
        if comment is None:
            return
        if action == "qa-delete":
            self.client.qa.delete_comment(comment)
            return
        dialog = CommentDialog(
            self.window, comment=comment if action == "qa-edit" else None, reply=action == "qa-reply"
        )
        if action == "qa-reply":
            dialog.accepted.connect(lambda: self.client.qa.reply(comment, dialog.values()["body"]))
        elif action == "qa-edit":
            dialog.accepted.connect(
                lambda: self.client.qa.edit_comment(
                    comment,
                    body=dialog.values()["body"],
                    suggestion=dialog.values()["suggestion"],
                    severity=dialog.values()["severity"],
                )
            )
        else:
            return
        dialog.open()
        self.dialog = dialog

    # -- review queues -------------------------------------------------------------------------

    def new_sample(self) -> SampleDialog:
        agents = [u for u in self.window._users if u.get("role") == "agent"]
        dialog = SampleDialog(agents, self.window)

        def request() -> None:
            self.client.qa.request_sample(**dialog.values())
            self.window.statusBar().showMessage(self.tr("Drawing the review queue…"), 10_000)

        dialog.accepted.connect(request)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _outbox_changed(self, item: OutboxItem) -> None:
        # A queue belongs to no conversation, so the pane's "not sent" line cannot show its refusal.
        if item.kind == "qa_sample" and item.state is ItemState.FAILED:
            message = self.tr("The review queue was refused: %1").replace("%1", item.error or "")
            self.window.statusBar().showMessage(message, 15_000)

    def step_queue(self, by: int) -> None:
        if self.window.navigation.current_key() != QUEUE:
            self.window.navigation.select(QUEUE)
        self.list.step(by)

    # -- shortcuts -----------------------------------------------------------------------------

    def _acknowledge(self) -> None:
        self.show_panel()
        self.panel.acknowledge()

    def begin_dispute(self) -> None:
        """Dispute from the keyboard: the review open in the panel, else the one chosen in Feedback
        (the first when none is), with the cursor in its reason field."""
        if self.dock.isVisible() and self.panel.begin_dispute():
            return
        if self.list.isVisible() and self.list.mode == "feedback" and self.list.list.count():
            if self.list.current_data() is None:
                self.list.list.setCurrentRow(0)
            else:
                self.open_review(self.list.current_data())
        else:
            self.show_panel()
        if not self.panel.begin_dispute():
            self.window.statusBar().showMessage(self.tr("Open a review of your work to dispute it."), 8000)

    def _make_actions(self) -> None:
        handlers = {
            "qa_review": self.start_review,
            "qa_comment": self.comment_on_selection,
            "qa_next_item": lambda: self.step_queue(1),
            "qa_previous_item": lambda: self.step_queue(-1),
            "qa_acknowledge": self._acknowledge,
            "qa_dispute": self.begin_dispute,
            "qa_submit": self.panel.submit,
            "qa_feedback": lambda: self.window.navigation.select(FEEDBACK),
            "qa_queue": lambda: self.window.navigation.select(QUEUE),
        }
        w = self.window
        for command_id, handler in handlers.items():
            if command_id in _LETTER_COMMANDS:
                action = command_action(command_id, w, handler, Qt.ShortcutContext.WidgetWithChildrenShortcut)
                for widget in (w.inbox, w.conversation.transcript, w.navigation, self.list):
                    widget.addAction(action)
            else:
                action = command_action(command_id, w, handler)
                w.addAction(action)
            w.actions_by_id[command_id] = action
        self.menu = w.menuBar().addMenu(self.tr("&Quality"))
        for command_id in handlers:
            self.menu.addAction(w.actions_by_id[command_id])
