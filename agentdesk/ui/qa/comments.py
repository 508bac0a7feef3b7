"""QA comments in the conversation: shown under the message they are about, written in a dialog.

A comment on a span of a message highlights that span; its thread (the lead's comment, the
agent's and the lead's replies) follows the message, with links to reply, edit and delete.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from agentdesk.client.queries.qa import Thread, anchor_span
from agentdesk.domain import qa


def tr(text: str) -> str:
    return QCoreApplication.translate("QaComments", text)


def severity_label(severity: str | None) -> str:
    return {
        "info": tr("Info"),
        "minor": tr("Minor"),
        "major": tr("Major"),
        "critical": tr("Critical"),
    }.get(severity or "", severity or "")


def annotations(
    messages: list[dict[str, Any]],
    threads: Mapping[int, list[Thread]],
    names: Mapping[int, str],
    criteria: Mapping[str, str],
    me: int,
) -> dict[int, dict[str, Any]]:
    """Per message id: the HTML of its comment threads and the spans of text they quote."""
    out: dict[int, dict[str, Any]] = {}
    for message in messages:
        own = threads.get(message["id"])
        if not own:
            continue
        meta = message.get("meta") or {}
        shown = str((meta.get("new_text") if isinstance(meta, dict) else None) or message.get("text") or "")
        marks = [span for t in own if (span := anchor_span(shown, t.comment)) is not None]
        parts = [_thread_html(t, names, criteria, me) for t in own]
        out[message["id"]] = {"annotation_html": "".join(parts), "marks": marks}
    return out


def _thread_html(thread: Thread, names: Mapping[int, str], criteria: Mapping[str, str], me: int) -> str:
    c = thread.comment
    author = names.get(c["author_id"] or -1, "") or tr("Reviewer")
    head = [f"<b>{html.escape(author)}</b>"]
    head.append(html.escape(severity_label(c.get("severity"))))
    if c.get("criterion_key"):
        head.append(html.escape(criteria.get(c["criterion_key"], c["criterion_key"])))
    parts = [f"<div class='qa' id='c{c['id']}'>✎ {' · '.join(head)}"]
    if c.get("anchor_quote"):
        parts.append(f"<br><i>“{html.escape(c['anchor_quote'])}”</i>")
    parts.append(f"<br>{html.escape(c['body'] or '')}")
    if c.get("suggestion"):
        better = tr("Better: %1").replace("%1", c["suggestion"])
        parts.append(f"<br><span class='suggestion'>{html.escape(better)}</span>")
    for reply in thread.replies:
        who = html.escape(names.get(reply["author_id"] or -1, ""))
        parts.append(f"<div class='qa-reply'>↳ <b>{who}</b>: {html.escape(reply['body'] or '')}</div>")
    actions = [("qa-reply", tr("Reply"))]
    if c["author_id"] == me:
        actions += [("qa-edit", tr("Edit")), ("qa-delete", tr("Delete"))]
    links = [f"<a href='{action}:{c['id']}'>{html.escape(label)}</a>" for action, label in actions]
    parts.append(f"<br>{' · '.join(links)}</div>")
    return "".join(parts)


def criterion_titles(definition: Mapping[str, Any] | None) -> dict[str, str]:
    return {c.key: c.title for c in qa.criteria(definition)} if definition else {}


class CommentDialog(QDialog):
    """A new comment (criterion, severity, better wording, text), an edit of one, or a reply."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        quote: str = "",
        criteria: Mapping[str, str] | None = None,
        comment: Mapping[str, Any] | None = None,
        reply: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reply") if reply else self.tr("Comment on the message"))
        form = QFormLayout(self)
        if quote:
            shown = QLabel(f"“{quote}”")
            shown.setWordWrap(True)
            form.addRow(self.tr("About"), shown)
        self.criterion = QComboBox()
        self.criterion.addItem(self.tr("(no criterion)"), None)
        for key, title in (criteria or {}).items():
            self.criterion.addItem(title, key)
        self.severity = QComboBox()
        for severity in qa.SEVERITIES:
            self.severity.addItem(severity_label(severity), severity)
        self.suggestion = QLineEdit()
        self.suggestion.setPlaceholderText(self.tr("A better wording (optional)"))
        self.body = QPlainTextEdit()
        self.body.setAccessibleName(self.tr("Comment"))
        if not reply:
            if comment is None:
                form.addRow(self.tr("Criterion"), self.criterion)
            form.addRow(self.tr("Severity"), self.severity)
            form.addRow(self.tr("Better wording"), self.suggestion)
        form.addRow(self.tr("Comment"), self.body)
        if comment is not None:
            self.body.setPlainText(comment.get("body") or "")
            self.suggestion.setText(comment.get("suggestion") or "")
            self.severity.setCurrentIndex(max(0, self.severity.findData(comment.get("severity"))))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.body.setFocus()

    def _accept(self) -> None:
        if self.body.toPlainText().strip():
            self.accept()

    def values(self) -> dict[str, Any]:
        return {
            "body": self.body.toPlainText().strip(),
            "criterion_key": self.criterion.currentData(),
            "severity": self.severity.currentData(),
            "suggestion": self.suggestion.text().strip(),
        }
