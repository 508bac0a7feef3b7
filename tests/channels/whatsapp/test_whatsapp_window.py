"""The 24-hour customer service window, and delivery statuses that arrive in any order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from agentdesk.domain.enums import DeliveryStatus
from agentdesk.server.channels.whatsapp.delivery import advance, delivery_status
from agentdesk.server.channels.whatsapp.window import (
    WINDOW,
    OutsideServiceWindow,
    require_open_window,
    service_window,
)

LAST = datetime(2024, 3, 9, 18, 45, tzinfo=UTC)


def test_window_is_24_hours():
    assert timedelta(hours=24) == WINDOW


@pytest.mark.parametrize(
    ("elapsed", "is_open", "remaining"),
    [
        (timedelta(0), True, timedelta(hours=24)),
        (timedelta(hours=23, minutes=59, seconds=59), True, timedelta(seconds=1)),
        (timedelta(hours=24), False, timedelta(0)),
        (timedelta(days=3), False, timedelta(0)),
    ],
)
def test_window_opens_for_24_hours_after_the_last_inbound_message(elapsed, is_open, remaining):
    window = service_window(LAST, LAST + elapsed)
    assert window.closes_at == datetime(2024, 3, 10, 18, 45, tzinfo=UTC)
    assert (window.is_open, window.remaining) == (is_open, remaining)


def test_window_honours_offsets():
    madrid = timezone(timedelta(hours=1))
    window = service_window(datetime(2024, 3, 9, 19, 45, tzinfo=madrid), LAST + timedelta(hours=23))
    assert window.is_open and window.closes_at == LAST + WINDOW


def test_no_inbound_message_means_no_window():
    window = service_window(None, LAST)
    assert (window.is_open, window.closes_at, window.remaining) == (False, None, timedelta(0))


def test_require_open_window_passes_inside():
    assert require_open_window(LAST, LAST + timedelta(hours=2)).closes_at == LAST + WINDOW


def test_outside_the_window_the_error_names_the_window_and_when_it_closed():
    with pytest.raises(OutsideServiceWindow) as outside:
        require_open_window(LAST, LAST + timedelta(hours=30))
    assert outside.value.window.closes_at == datetime(2024, 3, 10, 18, 45, tzinfo=UTC)
    assert str(outside.value) == (
        "The 24-hour WhatsApp customer service window is closed (it closed at 2024-03-10 18:45 UTC, 24 hours after "
        "the customer's last message); only an approved template message can be sent until the customer writes again."
    )


def test_without_any_inbound_message_the_error_says_it_never_opened():
    with pytest.raises(OutsideServiceWindow, match="has not written on WhatsApp yet"):
        require_open_window(None, LAST)


@pytest.mark.parametrize("naive", ["last", "now"])
def test_naive_times_are_refused(naive):
    last = LAST.replace(tzinfo=None) if naive == "last" else LAST
    now = LAST.replace(tzinfo=None) if naive == "now" else LAST
    with pytest.raises(ValueError, match="timezone-aware"):
        service_window(last, now)


@pytest.mark.parametrize(
    ("arrivals", "final"),
    [
        (["sent", "delivered", "read"], DeliveryStatus.READ),
        (["read", "delivered", "sent"], DeliveryStatus.READ),
        (["delivered", "sent"], DeliveryStatus.DELIVERED),
        (["sent", "failed", "delivered"], DeliveryStatus.FAILED),
        (["sent", "deleted"], DeliveryStatus.SENT),
        (["played"], DeliveryStatus.READ),
    ],
)
def test_statuses_only_move_forward(arrivals, final):
    status = DeliveryStatus.QUEUED
    for meta in arrivals:
        status = advance(status, meta)
    assert status is final


def test_inbound_messages_are_not_moved_by_statuses():
    assert advance(DeliveryStatus.RECEIVED, "read") is DeliveryStatus.RECEIVED
    assert delivery_status("warning") is None
