"""The writes an agent can make, as the HTTP request each one becomes.

A write is pure data: what to send and which rows its optimistic effect touches. Bodies
are fixed when the write is made, so every retry sends the same bytes with the same key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Write:
    kind: str
    method: str
    path: str
    body: dict[str, Any] | None
    target: dict[str, Any]


def given(**fields: Any) -> dict[str, Any]:
    """The optional fields of a body that were given: a field left out keeps the server's value or default."""
    return {key: value for key, value in fields.items() if value is not None}


def reply(
    conversation_id: int,
    text: str,
    *,
    html: str | None = None,
    subject: str | None = None,
    identity_id: int | None = None,
    files: list[dict[str, Any]] | None = None,
) -> Write:
    """`files` are staged copies (`outbox.files.stage`): the engine uploads each, then sends the
    reply with their ids as `attachment_ids` — the same ids on every retry, so the same bytes."""
    body = {"text": text, **given(html=html, subject=subject, identity_id=identity_id)}
    target = _conv(conversation_id)
    if files:
        target["files"] = files
    return Write("reply", "POST", f"/api/v1/conversations/{conversation_id}/messages", body, target)


def send_template(
    conversation_id: int, template: dict[str, Any], text: str, *, identity_id: int | None = None
) -> Write:
    """A WhatsApp template reply; `text` is its body as the customer reads it, for the timeline."""
    body = {"text": text, "template": template, **given(identity_id=identity_id)}
    return Write("reply", "POST", f"/api/v1/conversations/{conversation_id}/messages", body, _conv(conversation_id))


def suggestion_outcome(
    conversation_id: int, *, accepted: bool, kind: str, article_id: int | None = None, title: str | None = None
) -> Write:
    body = {"outcome": "accepted" if accepted else "dismissed", "kind": kind, "article_id": article_id, "title": title}
    path = f"/api/v1/conversations/{conversation_id}/suggestions"
    return Write("suggestion", "POST", path, body, _conv(conversation_id))


def schedule_reminder(
    conversation_id: int,
    due_at: datetime,
    template: dict[str, Any],
    *,
    starts_at: str | None = None,
    event_id: int | None = None,
) -> Write:
    if due_at.tzinfo is None:
        raise ValueError("the reminder's due time needs a time zone")
    body = {"due_at": due_at.isoformat(), "template": template, **given(starts_at=starts_at, event_id=event_id)}
    return Write("reminder", "POST", f"/api/v1/conversations/{conversation_id}/reminders", body, _conv(conversation_id))


def note(conversation_id: int, text: str) -> Write:
    return Write(
        "note", "POST", f"/api/v1/conversations/{conversation_id}/notes", {"text": text}, _conv(conversation_id)
    )


def set_status(conversation_id: int, status: str) -> Write:
    path = f"/api/v1/conversations/{conversation_id}/status"
    return Write("status", "POST", path, {"status": status}, _conv(conversation_id))


def snooze(conversation_id: int, until: datetime) -> Write:
    if until.tzinfo is None:
        raise ValueError("the wake-up time needs a time zone")
    path = f"/api/v1/conversations/{conversation_id}/snooze"
    return Write("snooze", "POST", path, {"until": until.isoformat()}, _conv(conversation_id))


def assign(conversation_id: int, assignee_id: int | None) -> Write:
    path = f"/api/v1/conversations/{conversation_id}/assign"
    return Write("assign", "POST", path, {"assignee_id": assignee_id}, _conv(conversation_id))


def merge(survivor_id: int, merged_id: int) -> Write:
    body = {"survivor_id": survivor_id, "merged_id": merged_id}
    return Write("merge", "POST", "/api/v1/contacts/merge", body, dict(body))


def unmerge(merge_id: int) -> Write:
    return Write("unmerge", "POST", f"/api/v1/contacts/merges/{merge_id}/undo", None, {"merge_id": merge_id})


def contact_attributes(
    contact_id: int,
    *,
    name: str | None = None,
    language: str | None = None,
    set: dict[str, str | int | float | bool | None] | None = None,
    unset: list[str] | None = None,
) -> Write:
    body = {"set": set or {}, "unset": unset or [], **given(name=name, language=language)}
    return Write("contact", "PATCH", f"/api/v1/contacts/{contact_id}", body, {"contact_id": contact_id})


def _conv(conversation_id: int) -> dict[str, Any]:
    return {"conversation_id": conversation_id}
