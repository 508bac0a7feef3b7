"""Conversions between feed payload values and what the cache stores."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

# Columns the cache keeps as JSON text, whichever table holds them.
JSON_COLUMNS = frozenset(
    {
        "settings",
        "attributes",
        "attachments",
        "meta",
        "data",
        "tags",
        "snippets",
        "definition",
        "answers",
        "params",
        "items",
    }
)


def is_timestamp(column: str) -> bool:
    """Whether the cache keeps the column as fixed-width UTC text (see to_ts)."""
    return column.endswith("_at") or column == "snoozed_until"


def to_ts(value: str | datetime | None) -> str | None:
    """Fixed-width UTC ISO text: text order is time order, whatever offset the server wrote."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_ts(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def now_ts() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def to_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def from_json(value: str | None) -> Any:
    return None if value is None else json.loads(value)
