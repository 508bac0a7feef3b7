"""The figure formulas on small scripts whose results are worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from agentdesk.domain import metrics as mx
from agentdesk.domain.sla import Calendar

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def at(minutes: float) -> float:
    return (T0 + timedelta(minutes=minutes)).timestamp()


def contact(i: int, created: float, **kw: object) -> mx.ContactFacts:
    moments = {k: at(v) for k, v in kw.items() if k.endswith("_at") and isinstance(v, int | float)}
    rest = {k: v for k, v in kw.items() if k not in moments}
    rest.setdefault("status", "resolved" if "resolved_at" in moments else "open")
    return mx.ContactFacts(
        id=i,
        queue_id=1,
        channel="webchat",
        contact_id=rest.pop("contact_id", i),  # type: ignore[arg-type]
        topic=rest.pop("topic", "support"),  # type: ignore[arg-type]
        created_at=at(created),
        **moments,  # type: ignore[arg-type]
        **rest,  # type: ignore[arg-type]
    )


def test_figures_of_a_known_script() -> None:
    contacts = [
        # answered after 1 min, first reply at 2, resolved at 10: handle 9 min
        contact(1, 0, answered_at=1, first_response_at=2, resolved_at=10),
        # answered after 3 min (over the 2-minute threshold), never resolved
        contact(2, 0, answered_at=3, first_response_at=3, assignee_id=7),
        # abandoned after 30 s: a short abandon
        contact(3, 1, abandoned_at=1.5, resolved_at=1.5),
        # abandoned after 5 min
        contact(4, 2, abandoned_at=7, resolved_at=7),
        # still waiting at now=14: 14 - 13 = 1 min, under the threshold: undecided
        contact(5, 13),
        # still waiting since 5: 9 min, past the threshold: failed
        contact(6, 5),
    ]
    f = mx.figures(contacts, start=at(0), end=at(15), threshold_s=120, short_abandon_s=60, now=at(14))
    assert (f.offered, f.answered, f.abandoned, f.resolved) == (6, 2, 2, 1)
    assert f.average_wait_s == (60 + 180) / 2
    assert f.first_response_time_s == (120 + 180) / 2
    assert f.average_handle_time_s == 9 * 60
    # answered within 2 min: #1; denominator 6 - 1 short abandon - 1 undecided = 4
    assert f.service_level_pct == 25.0
    assert f.abandonment_rate_pct == pytest.approx(100 * 2 / 6)
    assert [c.id for c in contacts if c.waiting()] == [5, 6]
    occupancy, by_presence = mx.staffing(
        [mx.AgentLoad("available", 1, 1), mx.AgentLoad("busy", 2, 5), mx.AgentLoad("away", 3, 10)]
    )
    assert occupancy == 50.0  # (1 + 2) / (1 + 5); the away agent's load does not count
    assert by_presence == {"available": 1, "busy": 1, "away": 1, "offline": 0}


def test_empty_period_has_no_rates() -> None:
    f = mx.figures([], start=at(0), end=at(15), threshold_s=60)
    assert f.offered == 0
    assert f.service_level_pct is None and f.abandonment_rate_pct is None and f.csat_pct is None


def test_surveys_csat_and_nps() -> None:
    answers = [mx.SurveyAnswer(at(1), "csat", s) for s in (5, 4, 3, 1)] + [
        mx.SurveyAnswer(at(2), "nps", s) for s in (10, 9, 8, 6, 0)
    ]
    f = mx.figures([], start=at(0), end=at(15), threshold_s=60, surveys=answers)
    assert f.csat_pct == 50.0
    assert f.nps == pytest.approx(100 * (2 - 2) / 5)
    assert f.survey_answers == 9


def test_deflection_and_repeats() -> None:
    contacts = [
        # accepted a self-service link and left: deflected
        contact(1, 0, suggestion_accepted_at=2, last_inbound_at=1, resolved_at=3, contact_id=100),
        # accepted one but wrote again: not deflected
        contact(2, 0, suggestion_accepted_at=2, last_inbound_at=4, resolved_at=5, contact_id=200),
        # the same customer as #1, same topic, an hour later: a repeat
        contact(3, 60, contact_id=100),
        # the same customer, another topic: not a repeat
        contact(4, 61, contact_id=100, topic="billing"),
        # 8 days after #3: outside the 7-day window
        contact(5, 60 + 8 * 24 * 60, contact_id=100),
    ]
    repeat_ids = mx.repeats(contacts)
    assert repeat_ids == {3}
    f = mx.figures(contacts, start=at(0), end=at(120), threshold_s=60, repeat_ids=repeat_ids)
    assert f.offered == 4
    assert f.deflection_rate_pct == 25.0
    assert f.repeat_contact_rate_pct == 25.0


def test_tallies_add_up() -> None:
    contacts = [contact(1, 1, answered_at=2, first_response_at=3), contact(2, 16, answered_at=40, resolved_at=50)]
    whole = mx.tally(contacts, start=at(0), end=at(60), threshold_s=60)
    parts = mx.Tally()
    for start in (0, 15, 30, 45):
        parts += mx.tally(contacts, start=at(start), end=at(start + 15), threshold_s=60)
    assert parts == whole
    assert mx.interval_start(at(29.9)) == at(15)
    f = mx.summarize(whole)
    assert (f.offered, f.answered, f.resolved, f.service_level_pct) == (2, 2, 1, 50.0)
    assert f.average_wait_s == (60 + 24 * 60) / 2


def test_business_hours_calendar() -> None:
    cal = Calendar.from_settings(
        {
            "timezone": "Europe/Madrid",
            "hours": {d: [["09:00", "13:00"], ["15:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
            "holidays": ["2026-11-24"],
        }
    )
    # Monday 12:00 Madrid (11:00 UTC) + 2 h: 1 h before lunch, 1 h after: 16:00 Madrid = 15:00 UTC
    monday_noon = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
    assert cal.add(monday_noon, 2 * 3600) == datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    # + 6 h: 1 h before lunch, 3 h after, Tuesday is a holiday, 2 h on Wednesday: 11:00 Madrid
    assert cal.add(monday_noon, 6 * 3600) == datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    assert cal.between(monday_noon, datetime(2026, 11, 25, 10, 0, tzinfo=UTC)) == 6 * 3600
    assert date(2026, 11, 24) in cal.holidays
    always = Calendar.from_settings(None)
    assert always.add(monday_noon, 60) == monday_noon + timedelta(seconds=60)
