"""Messages and events of a conversation as HTML for a QTextBrowser, grouped by day.

Customer text is always escaped; an email's HTML arrives already sanitized by the server
(nh3), with remote images turned into placeholders the agent may choose to load. Quoted
history and signatures are folded behind a link, never dropped.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from agentdesk.ui import labels

TICKS = {"queued": "🕓", "sent": "✓", "delivered": "✓✓", "read": "✓✓", "failed": "⚠"}


def tr(text: str) -> str:
    return QCoreApplication.translate("ConversationView", text)


def _as_dict(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def when(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _paragraphs(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def event_text(event: Mapping[str, Any], names: Mapping[int, str]) -> str:
    """One event in words (`names`: user id → display name)."""
    data = _as_dict(event.get("data")) or {}
    kind = event.get("kind")
    who = names.get(event.get("actor_id") or -1, "")
    if kind == "assigned":
        target = names.get(data.get("to") or -1)
        return tr("Assigned to %1").replace("%1", target) if target else tr("Unassigned")
    if kind == "status_changed":
        return (
            tr("Status: %1 → %2")
            .replace("%1", labels.status(data.get("from")))
            .replace("%2", labels.status(data.get("to")))
        )
    if kind == "snoozed":
        return tr("Snoozed until %1").replace("%1", labels.moment(when(data["until"])) if data.get("until") else "?")
    if kind == "woke_up":
        return tr("Woke up from snooze")
    if kind == "created":
        return tr("Conversation started")
    if kind == "abandoned":
        return tr("The visitor left after waiting %1 s").replace("%1", str(data.get("waited_s", "?")))
    if kind == "appointment":
        return tr("Appointment: %1").replace("%1", str(data.get("title", "")))
    if kind == "survey_answer":
        # {"survey": "csat" | "nps", "score": n} as recorded; older answers carry {"csat": n}.
        survey = str(data.get("survey", "csat")).upper()
        score = data.get("score", data.get(survey.lower(), "–"))
        return tr("Survey: %1 %2").replace("%1", survey).replace("%2", str(score))
    if kind == "merged":
        return tr("Merged with another contact")
    if kind == "mentioned":
        return tr("%1 mentioned %2").replace("%1", who or "?").replace("%2", names.get(data.get("user_id") or -1, "?"))
    if kind == "reminder_scheduled":
        due = labels.moment(when(data["due_at"])) if data.get("due_at") else "?"
        return tr("WhatsApp reminder scheduled for %1").replace("%1", due)
    if kind == "reminder_sent":
        return tr("WhatsApp reminder sent")
    if kind in ("suggestion_accepted", "suggestion_dismissed"):
        text = (
            tr("%1 accepted a suggestion: %2") if kind == "suggestion_accepted" else tr("%1 dismissed a suggestion: %2")
        )
        return text.replace("%1", who or "?").replace("%2", str(data.get("title") or data.get("suggestion", "")))
    if kind in _CALLBACK_TEXTS:
        window = labels.moment(when(data["window_opens_at"])) if data.get("window_opens_at") else ""
        return tr(_CALLBACK_TEXTS[kind]).replace("%1", " · ".join(p for p in (data.get("address") or "", window) if p))
    if kind == "channel_offered":
        offered = ", ".join(_offer_word(str(o)) for o in data.get("offer") or [])
        waited = data.get("waited_s")
        text = (
            tr("Offered to continue by %1 after waiting %2") if waited is not None else tr("Offered to continue by %1")
        )
        return text.replace("%1", offered or "?").replace("%2", labels.duration(waited or 0, exact=True))
    if kind == "moved":
        if who:
            return tr("%1 moved the conversation to another queue").replace("%1", who)
        return (
            tr("Moved to another queue by the overflow rule")
            if data.get("why") == "overflow"
            else tr("Moved to another queue")
        )
    if kind == "sla_breached":
        due = labels.moment(when(data["due_at"])) if data.get("due_at") else "?"
        text = (
            tr("Resolution target missed (due %1)")
            if data.get("target") == "resolution"
            else tr("First-response target missed (due %1)")
        )
        return text.replace("%1", due)
    if kind == "unmerged":
        return tr("Contact merge undone")
    if kind == "order":
        return tr("Order %1: %2").replace("%1", str(data.get("order", "?"))).replace("%2", str(data.get("status", "")))
    label = str(kind).replace("_", " ")
    return f"{label} {who}".strip()


def _offer_word(offer: str) -> str:
    return tr("a callback") if offer == "callback" else labels.channel(offer)


_CALLBACK_TEXTS = {
    "callback_requested": QT_TRANSLATE_NOOP("ConversationView", "Callback requested: %1"),
    "callback_scheduled": QT_TRANSLATE_NOOP("ConversationView", "Callback scheduled: %1"),
    "callback_done": QT_TRANSLATE_NOOP("ConversationView", "Callback made: %1"),
    "callback_missed": QT_TRANSLATE_NOOP("ConversationView", "Callback missed: %1"),
}


def _message_html(msg: Mapping[str, Any], names: Mapping[int, str], expanded: set[int]) -> str:
    mid = int(msg["id"])
    note = msg.get("kind") == "note"
    outbound = msg.get("direction") == "outbound"
    css = "note" if note else ("out" if outbound else "in")
    meta = _as_dict(msg.get("meta")) or {}
    author = names.get(msg.get("author_id") or -1) if outbound or note else msg.get("sender_name")
    head = [f"<b>{html.escape(author or '')}</b>"] if author else []
    head.append(f"<span class='channel'>{html.escape(labels.channel(msg.get('channel')))}</span>")
    head.append(f"<span class='time'>{html.escape(when(msg['created_at']).astimezone().strftime('%H:%M'))}</span>")
    if note:
        head.append(f"<span class='badge'>{html.escape(tr('Private note'))}</span>")
    if outbound and not note:
        status = str(msg.get("delivery_status") or "")
        tick = TICKS.get(status, "")
        head.append(f"<span class='tick {status}' title='{html.escape(labels.delivery(status))}'>{tick}</span>")
    # The named anchor lets the pane tell which message a selection or the cursor is in.
    parts = [f"<div class='msg {css}' id='m{mid}'><div class='head'><a name='m{mid}'>{' · '.join(head)}</a></div>"]
    if msg.get("channel") == "email" and not note:
        rows = []
        if msg.get("subject"):
            rows.append(f"<b>{html.escape(str(msg['subject']))}</b>")
        for label, key in ((tr("From"), "from"), (tr("To"), "to"), (tr("Cc"), "cc")):
            value = meta.get(key)
            if value:
                text = ", ".join(value) if isinstance(value, list) else str(value)
                rows.append(f"<span class='hdr'>{html.escape(label)}: {html.escape(text)}</span>")
        if rows:
            parts.append("<div class='email-head'>" + "<br>".join(rows) + "</div>")
    body = meta.get("new_text") or msg.get("text") or ""
    if msg.get("html") and not meta.get("new_text"):
        parts.append(f"<div class='body'>{msg['html']}</div>")
    else:
        parts.append(f"<div class='body'>{_marked(str(body), msg.get('marks') or [])}</div>")
    folded = "\n".join(x for x in (meta.get("quoted"), meta.get("signature")) if x)
    if folded:
        if mid in expanded:
            parts.append(f"<div class='quoted'>{_paragraphs(folded)}</div>")
            parts.append(f"<a href='fold:{mid}'>{html.escape(tr('Hide quoted text'))}</a>")
        else:
            parts.append(f"<a href='unfold:{mid}'>{html.escape(tr('Show quoted text'))} …</a>")
    for attachment in _as_dict(msg.get("attachments")) or []:
        name = attachment.get("name") or attachment.get("filename") or tr("attachment")
        size = attachment.get("size")
        label = f"📎 {html.escape(str(name))}" + (f" ({int(size) // 1024 + 1} KB)" if size else "")
        parts.append(f"<div class='attachment'>{label}</div>")
    if msg.get("delivery_status") == "failed" and msg.get("delivery_error"):
        parts.append(f"<div class='error'>{html.escape(str(msg['delivery_error']))}</div>")
    parts.append("</div>")
    # What others wrote about the message (QA comments), right under it.
    parts.append(str(msg.get("annotation_html") or ""))
    return "".join(parts)


def _marked(text: str, marks: list[tuple[int, int]]) -> str:
    """Plain text with the character spans in `marks` highlighted (a comment's quoted span)."""
    out, at = [], 0
    for start, end in sorted(marks):
        if start < at or end > len(text):
            continue
        out.append(_paragraphs(text[at:start]))
        out.append(f"<span class='marked'>{_paragraphs(text[start:end])}</span>")
        at = end
    out.append(_paragraphs(text[at:]))
    return "".join(out)


def render(items: Iterable[Mapping[str, Any]], names: Mapping[int, str], expanded: set[int] | None = None) -> str:
    """`items` are messages (`type` "message") and events (`type` "event"), in time order."""
    expanded = expanded or set()
    out: list[str] = []
    day = None
    for item in items:
        moment = when(item["created_at"] if item["type"] == "message" else item["occurred_at"]).astimezone()
        if moment.date() != day:
            day = moment.date()
            label = QLocale().toString(day, QLocale.FormatType.LongFormat)
            out.append(f"<div class='day'>{html.escape(label)}</div>")
        if item["type"] == "message":
            out.append(_message_html(item, names, expanded))
        else:
            text = html.escape(event_text(item, names))
            out.append(f"<div class='event'>{text} · {moment.strftime('%H:%M')}</div>")
    return "".join(out)
