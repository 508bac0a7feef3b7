"""Cache rows as plain dicts for the UI: JSON decoded, datetimes as aware datetimes."""

from __future__ import annotations

from typing import Any

from agentdesk.client.cache.values import JSON_COLUMNS, from_json, from_ts, is_timestamp

_HIDDEN = {"gen"}


def record(row: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key in _HIDDEN:
            continue
        if key in JSON_COLUMNS:
            value = from_json(value)
        elif is_timestamp(key) and value != "9999":
            value = from_ts(value)
        elif key == "sla_due_at":
            value = None
        out[key] = value
    return out
