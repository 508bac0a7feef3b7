"""Paints an inbox row: channel, contact, subject, waiting time or SLA countdown, assignee.

A painting delegate with uniform row heights is what keeps a 100,000-row list smooth: no
widget per row, no layout per row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from agentdesk.ui import labels
from agentdesk.ui.inbox.model import ROW_ROLE

CHANNEL_COLOURS = {"email": "#4a7bd0", "whatsapp": "#25a35a", "webchat": "#c0792a"}
CHANNEL_GLYPH = {"email": "✉", "whatsapp": "◉", "webchat": "◈"}


class InboxDelegate(QStyledItemDelegate):
    def __init__(self, names: Callable[[int | None], str], now: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self._names = names
        self._now = now or (lambda: datetime.now(UTC))

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        line = QFontMetrics(option.font).height()
        return QSize(320, line * 3 + 14)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        row = index.data(ROW_ROLE)
        if row is None:
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        background = palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
        painter.fillRect(option.rect, background)
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        dim = QColor(text_colour)
        dim.setAlpha(160)
        rect = option.rect.adjusted(10, 6, -10, -6)
        metrics = QFontMetrics(option.font)
        line = metrics.height()

        stripe = QRect(option.rect.left(), option.rect.top(), 4, option.rect.height())
        painter.fillRect(stripe, QColor(CHANNEL_COLOURS.get(row.channel, "#888888")))

        bold = QFont(option.font)
        bold.setBold(row.status == "open" and row.assignee_id is None)
        painter.setFont(bold)
        painter.setPen(text_colour)
        glyph = CHANNEL_GLYPH.get(row.channel, "•")
        who = row.contact_name or QCoreApplication.translate("Inbox", "Unknown customer")
        right = self._deadline_text(row)
        right_width = metrics.horizontalAdvance(right) + 8
        top = QRect(rect.left(), rect.top(), rect.width() - right_width, line)
        painter.drawText(
            top,
            Qt.AlignmentFlag.AlignLeft,
            QFontMetrics(bold).elidedText(f"{glyph}  {who}", Qt.TextElideMode.ElideRight, top.width()),
        )
        painter.setFont(option.font)
        overdue = row.sla_due_at is not None and row.sla_due_at < self._now()
        painter.setPen(QColor("#d64545") if overdue and not selected else dim)
        painter.drawText(
            QRect(rect.right() - right_width, rect.top(), right_width, line), Qt.AlignmentFlag.AlignRight, right
        )

        painter.setPen(text_colour)
        subject = row.subject or row.preview or ""
        second = QRect(rect.left(), rect.top() + line + 2, rect.width(), line)
        painter.drawText(
            second,
            Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(subject, Qt.TextElideMode.ElideRight, second.width()),
        )

        painter.setPen(dim)
        assignee = (
            self._names(row.assignee_id) if row.assignee_id else QCoreApplication.translate("Inbox", "Unassigned")
        )
        third = QRect(rect.left(), rect.top() + 2 * line + 4, rect.width(), line)
        painter.drawText(
            third,
            Qt.AlignmentFlag.AlignLeft,
            f"{labels.channel(row.channel)} · {labels.status(row.status)} · {assignee}",
        )
        painter.restore()

    def _deadline_text(self, row: object) -> str:
        now = self._now()
        due = getattr(row, "sla_due_at", None)
        if due is not None:
            left = (due - now).total_seconds()
            if left < 0:
                return QCoreApplication.translate("Inbox", "overdue %1").replace("%1", labels.duration(left))
            return QCoreApplication.translate("Inbox", "due in %1").replace("%1", labels.duration(left))
        return labels.duration((now - row.last_activity_at).total_seconds())  # type: ignore[attr-defined]
