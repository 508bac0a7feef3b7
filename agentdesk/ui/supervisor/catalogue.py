"""The figures a queue's tile shows: where each is in the server's answer, how it reads, and
which way is bad (so a threshold knows whether crossing it means going over or under)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from agentdesk.ui import labels

Kind = Literal["count", "seconds", "pct", "score"]


@dataclass(frozen=True, slots=True)
class Figure:
    key: str
    label: str  # source text, translated in the "Wallboard" context
    part: Literal["live", "today"]
    field: str
    kind: Kind
    worse_when_higher: bool

    def text(self) -> str:
        return QCoreApplication.translate("Wallboard", self.label)

    def value(self, queue: dict[str, Any]) -> float | None:
        value = queue.get(self.part, {}).get(self.field)
        return None if value is None else float(value)


FIGURES: tuple[Figure, ...] = (
    Figure("waiting", QT_TRANSLATE_NOOP("Wallboard", "Waiting now"), "live", "waiting_now", "count", True),
    Figure(
        "longest_wait", QT_TRANSLATE_NOOP("Wallboard", "Longest wait"), "live", "longest_wait_now_s", "seconds", True
    ),
    Figure(
        "service_level", QT_TRANSLATE_NOOP("Wallboard", "Service level"), "today", "service_level_pct", "pct", False
    ),
    Figure("abandonment", QT_TRANSLATE_NOOP("Wallboard", "Abandonment"), "today", "abandonment_rate_pct", "pct", True),
    Figure("aht", QT_TRANSLATE_NOOP("Wallboard", "Handle time"), "today", "average_handle_time_s", "seconds", True),
    Figure(
        "first_response",
        QT_TRANSLATE_NOOP("Wallboard", "First response"),
        "today",
        "first_response_time_s",
        "seconds",
        True,
    ),
    Figure("resolved", QT_TRANSLATE_NOOP("Wallboard", "Resolved"), "today", "resolved", "count", False),
    Figure("occupancy", QT_TRANSLATE_NOOP("Wallboard", "Occupancy"), "live", "occupancy_pct", "pct", True),
    Figure("csat", QT_TRANSLATE_NOOP("Wallboard", "CSAT"), "today", "csat_pct", "pct", False),
    Figure("nps", QT_TRANSLATE_NOOP("Wallboard", "NPS"), "today", "nps", "score", False),
    Figure("deflection", QT_TRANSLATE_NOOP("Wallboard", "Deflection"), "today", "deflection_rate_pct", "pct", False),
    Figure(
        "repeat", QT_TRANSLATE_NOOP("Wallboard", "Repeat contacts"), "today", "repeat_contact_rate_pct", "pct", True
    ),
)
BY_KEY = {f.key: f for f in FIGURES}


def formatted(figure: Figure, value: float | None) -> str:
    if value is None:
        return "—"
    if figure.kind == "count":
        return str(int(value))
    if figure.kind == "seconds":
        return labels.duration(value, exact=True)
    if figure.kind == "pct":
        return f"{value:.1f} %"
    return f"{value:+.0f}"
