"""How durations and moments read: one wording everywhere, dates in the chosen language's way."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QLocale

from agentdesk.ui import i18n, labels


@pytest.fixture
def default_locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.mark.parametrize(
    ("seconds", "coarse", "exact"),
    [
        (12, "1 min", "12 s"),
        (200, "3 min", "3 min 20 s"),
        (3_900, "1 h", "1 h 05 min"),
        (3 * 86_400 + 7_300, "3 d", "3 d 2 h"),
        (-200, "3 min", "3 min 20 s"),  # overdue by as much as due in
    ],
)
def test_durations(seconds: float, coarse: str, exact: str) -> None:
    assert labels.duration(seconds) == coarse
    assert labels.duration(seconds, exact=True) == exact


@pytest.mark.parametrize(("language", "year"), [("es", "26"), ("ca", "26"), ("en", "2026")])
def test_moments_follow_the_language_not_the_machine(default_locale, language: str, year: str) -> None:
    QLocale.setDefault(i18n.locale_of(language))
    text = labels.moment(datetime(2026, 11, 23, 12, 0, tzinfo=UTC).astimezone())
    assert text.startswith("23/11/") and year in text
    assert ":" in text and "AM" not in text and "PM" not in text  # a 24-hour clock in all three
