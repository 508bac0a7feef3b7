"""Callback writes as the HTTP requests they become."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from agentdesk.client.outbox.writes import Write, given

_FIELDS = ("status", "assignee_id", "window_opens_at", "window_closes_at", "note")


def _moment(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("a callback's window needs a time zone")
    return value.isoformat()


def create_callback(
    conversation_id: int,
    *,
    channel: str = "phone",
    address: str | None = None,
    window_opens_at: datetime | None = None,
    window_closes_at: datetime | None = None,
    note: str | None = None,
) -> Write:
    body = {
        "channel": channel,
        **given(
            address=address,
            window_opens_at=_moment(window_opens_at),
            window_closes_at=_moment(window_closes_at),
            note=note,
        ),
    }
    path = f"/api/v1/conversations/{conversation_id}/callbacks"
    return Write("callback_create", "POST", path, body, {"conversation_id": conversation_id})


def update_callback(callback_id: int, **changes: Any) -> Write:
    unknown = set(changes) - set(_FIELDS)
    if unknown:
        raise ValueError(f"a callback has no field {', '.join(sorted(unknown))}")
    body = {k: _moment(v) if isinstance(v, datetime) else v for k, v in changes.items()}
    return Write("callback_update", "PATCH", f"/api/v1/callbacks/{callback_id}", body, {"callback_id": callback_id})
