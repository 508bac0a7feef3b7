"""Colour thresholds per queue and figure, kept in the settings, and alerts once per crossing.

A threshold has two limits, `warn` and `alert`, either may be unset. For a figure that is
worse when higher (waiting, abandonment) a value at or over a limit reaches it; for one that
is worse when lower (service level, CSAT) a value at or under it does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from agentdesk.ui.supervisor.catalogue import BY_KEY, Figure


class Level(IntEnum):
    OK = 0
    WARN = 1
    ALERT = 2


@dataclass(frozen=True, slots=True)
class Threshold:
    warn: float | None = None
    alert: float | None = None

    def level(self, figure: Figure, value: float | None) -> Level:
        if value is None:
            return Level.OK

        def reached(limit: float | None) -> bool:
            if limit is None:
                return False
            return value >= limit if figure.worse_when_higher else value <= limit

        if reached(self.alert):
            return Level.ALERT
        return Level.WARN if reached(self.warn) else Level.OK


class Thresholds:
    """Every queue's thresholds: {queue id: {figure key: Threshold}}, as JSON in one setting."""

    def __init__(self, by_queue: dict[int, dict[str, Threshold]] | None = None) -> None:
        self.by_queue = by_queue or {}

    @classmethod
    def from_json(cls, text: str) -> Thresholds:
        try:
            raw = json.loads(text or "{}")
        except ValueError:
            return cls()
        by_queue: dict[int, dict[str, Threshold]] = {}
        if isinstance(raw, dict):
            for queue_id, figures in raw.items():
                if not isinstance(figures, dict):
                    continue
                by_queue[int(queue_id)] = {
                    key: Threshold(_number(limits.get("warn")), _number(limits.get("alert")))
                    for key, limits in figures.items()
                    if key in BY_KEY and isinstance(limits, dict)
                }
        return cls(by_queue)

    def to_json(self) -> str:
        return json.dumps(
            {
                str(q): {k: {"warn": t.warn, "alert": t.alert} for k, t in figures.items()}
                for q, figures in self.by_queue.items()
            },
            sort_keys=True,
        )

    def of(self, queue_id: int, key: str) -> Threshold:
        return self.by_queue.get(queue_id, {}).get(key, Threshold())

    def set_queue(self, queue_id: int, figures: dict[str, Threshold]) -> None:
        self.by_queue[queue_id] = {k: t for k, t in figures.items() if t.warn is not None or t.alert is not None}

    def level(self, queue_id: int, figure: Figure, queue: dict[str, Any]) -> Level:
        return self.of(queue_id, figure.key).level(figure, figure.value(queue))


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


class Crossings:
    """Says when a figure gets worse than the level it was at: once, until it recovers.

    A figure that stays over its limit on every new set of figures is not raised again; one
    that goes back under and crosses again is.
    """

    def __init__(self) -> None:
        self._levels: dict[tuple[int, str], Level] = {}

    def update(self, queue_id: int, key: str, level: Level) -> bool:
        before = self._levels.get((queue_id, key), Level.OK)
        self._levels[(queue_id, key)] = level
        return level > before
