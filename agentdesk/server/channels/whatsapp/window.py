"""The 24-hour customer service window of WhatsApp.

A business may send free-form messages to a customer only within 24 hours of the
customer's last inbound message; outside it, only approved templates. Checking it before
sending tells the agent why at once, instead of Meta failing the message minutes later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class ServiceWindow:
    """The window as of `now`: `closes_at` is when it closes or closed (None: never opened)."""

    closes_at: datetime | None
    now: datetime

    @property
    def is_open(self) -> bool:
        return self.closes_at is not None and self.now < self.closes_at

    @property
    def remaining(self) -> timedelta:
        if self.closes_at is None or not self.is_open:
            return timedelta(0)
        return self.closes_at - self.now


class OutsideServiceWindow(Exception):
    """A free-form message was to be sent while the 24-hour window is closed."""

    def __init__(self, window: ServiceWindow) -> None:
        self.window = window
        if window.closes_at is None:
            when = "the customer has not written on WhatsApp yet, so it never opened"
        else:
            when = f"it closed at {window.closes_at:%Y-%m-%d %H:%M} UTC, 24 hours after the customer's last message"
        super().__init__(
            f"The 24-hour WhatsApp customer service window is closed ({when}); "
            "only an approved template message can be sent until the customer writes again."
        )


def service_window(last_inbound_at: datetime | None, now: datetime) -> ServiceWindow:
    """The window given the customer's last inbound WhatsApp message (None: there is none)."""
    _require_aware(now, "now")
    if last_inbound_at is None:
        return ServiceWindow(None, now)
    _require_aware(last_inbound_at, "last_inbound_at")
    return ServiceWindow(last_inbound_at + WINDOW, now)


def require_open_window(last_inbound_at: datetime | None, now: datetime) -> ServiceWindow:
    """The open window, or OutsideServiceWindow for a free-form send that Meta would refuse."""
    window = service_window(last_inbound_at, now)
    if not window.is_open:
        raise OutsideServiceWindow(window)
    return window


def _require_aware(moment: datetime, name: str) -> None:
    # A naive time is off by the server's UTC offset, which would move the window by hours.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
