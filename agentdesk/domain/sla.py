"""SLA clocks that run only in business hours: targets count working seconds, not wall time.

A queue's calendar is its weekly opening hours in its time zone plus holidays (whole days
closed). A queue with no calendar works around the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Calendar:
    timezone: str = "UTC"
    # Per weekday, the opening spans as (start, end) local times; no entry means closed.
    hours: dict[int, tuple[tuple[time, time], ...]] = field(default_factory=dict)
    holidays: frozenset[date] = frozenset()
    always_open: bool = True

    @classmethod
    def from_settings(cls, settings: dict[str, Any] | None) -> Calendar:
        """From `{"timezone": "Europe/Madrid", "hours": {"mon": [["09:00", "18:00"]], ...},
        "holidays": ["2026-12-25"]}`; no hours means open around the clock."""
        if not settings or not settings.get("hours"):
            return cls()
        ZoneInfo(settings.get("timezone", "UTC"))  # an unknown zone fails here, not at the first due time
        hours: dict[int, tuple[tuple[time, time], ...]] = {}
        for day, spans in settings["hours"].items():
            parsed = tuple(sorted((time.fromisoformat(a), time.fromisoformat(b)) for a, b in spans))
            if any(a >= b for a, b in parsed):
                raise ValueError(f"an opening span of {day} ends before it starts")
            hours[DAYS.index(day)] = parsed
        holidays = frozenset(date.fromisoformat(d) for d in settings.get("holidays", []))
        return cls(settings.get("timezone", "UTC"), hours, holidays, always_open=False)

    def _spans(self, start: datetime, days: int) -> list[tuple[datetime, datetime]]:
        """Opening spans (aware datetimes) of `days` local days from the day of `start`."""
        zone = ZoneInfo(self.timezone)
        first = start.astimezone(zone).date()
        spans = []
        for offset in range(days):
            day = first + timedelta(days=offset)
            if day in self.holidays:
                continue
            for a, b in self.hours.get(day.weekday(), ()):
                spans.append((datetime.combine(day, a, zone), datetime.combine(day, b, zone)))
        return spans

    def add(self, start: datetime, seconds: float) -> datetime:
        """The moment `seconds` of business time after `start`."""
        if self.always_open:
            return start + timedelta(seconds=seconds)
        left = timedelta(seconds=seconds)
        # More than a year without an opening hour is a broken calendar, not a long wait.
        for a, b in self._spans(start, 400):
            a = max(a, start)
            if b <= a:
                continue
            if b - a >= left:
                return (a + left).astimezone(start.tzinfo)
            left -= b - a
        raise ValueError("the calendar has no opening hours in the next 400 days")

    def between(self, start: datetime, end: datetime) -> float:
        """Business seconds in [start, end)."""
        if end <= start:
            return 0.0
        if self.always_open:
            return (end - start).total_seconds()
        total = timedelta()
        for a, b in self._spans(start, (end - start).days + 2):
            a, b = max(a, start), min(b, end)
            if b > a:
                total += b - a
        return total.total_seconds()
