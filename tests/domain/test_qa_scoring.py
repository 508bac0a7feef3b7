"""The QA scorecard formula on small cards whose scores are worked out by hand."""

from __future__ import annotations

import pytest

from agentdesk.domain import qa
from tests.support.scorecards import crit

CARD = {
    "pass_mark": 80,
    "sections": [
        {
            "key": "greeting",
            "title": "Greeting",
            "criteria": [crit("hello", weight=1), crit("name", weight=1, allow_na=True)],
        },
        {
            "key": "accuracy",
            "title": "Accuracy",
            "criteria": [crit("correct", weight=3, scale="one_to_five"), crit("complete", weight=2, allow_na=True)],
        },
        {
            "key": "compliance",
            "title": "Compliance",
            "criteria": [crit("gdpr", weight=2, critical=True, allow_na=True)],
        },
    ],
}


def a(value: int | None, note: str = "") -> dict:
    return {"value": value, "note": note}


def test_weights_and_scales() -> None:
    # hello 1×1, name 1×0, correct 3×(4−1)/4 = 2.25, complete 2×1, gdpr 2×1 → 7.25 / 9
    s = qa.score(CARD, {"hello": a(1), "name": a(0), "correct": a(4), "complete": a(1), "gdpr": a(1)})
    assert s.score == pytest.approx(100 * 7.25 / 9)  # 80.56
    assert s.raw_score == s.score
    assert not s.critical_failed and s.failed_criteria == []
    assert s.passed is True
    assert s.missing == [] and s.complete
    assert s.sections == {"greeting": pytest.approx(50), "accuracy": pytest.approx(100 * 4.25 / 5), "compliance": 100}


def test_pass_mark_is_inclusive_and_below_fails() -> None:
    card = {"pass_mark": 75, "sections": [{"key": "s", "title": "S", "criteria": [crit("x", scale="one_to_five")]}]}
    assert qa.score(card, {"x": a(4)}).score == 75
    assert qa.score(card, {"x": a(4)}).passed is True
    assert qa.score(card, {"x": a(3)}).passed is False  # 50


def test_na_leaves_the_denominator() -> None:
    # name and complete N/A: hello 1, correct 3×1, gdpr 2×1 over weights 1+3+2 → 100
    s = qa.score(CARD, {"hello": a(1), "name": a(None), "correct": a(5), "complete": a(None), "gdpr": a(1)})
    assert s.score == 100
    assert s.sections["greeting"] == 100
    assert s.complete


def test_all_na_scores_none_and_neither_passes_nor_fails() -> None:
    card = {"pass_mark": 50, "sections": [{"key": "s", "title": "S", "criteria": [crit("x", allow_na=True)]}]}
    s = qa.score(card, {"x": a(None)})
    assert s.score is None and s.raw_score is None
    assert s.passed is None
    assert s.sections == {"s": None}
    assert not s.critical_failed


def test_na_where_not_allowed_is_listed_and_left_out() -> None:
    s = qa.score(CARD, {"hello": a(None), "name": a(1), "correct": a(5), "complete": a(1), "gdpr": a(1)})
    assert s.na_not_allowed == ["hello"]
    assert not s.complete
    assert s.score == 100


def test_missing_answers_are_listed_and_the_rest_is_scored() -> None:
    s = qa.score(CARD, {"hello": a(1), "correct": a(1)})
    assert s.missing == ["name", "complete", "gdpr"]
    assert s.score == pytest.approx(100 * 1 / 4)
    assert not s.complete


def test_critical_fail_on_yes_no_zeroes_the_review_and_keeps_raw() -> None:
    s = qa.score(CARD, {"hello": a(1), "name": a(1), "correct": a(5), "complete": a(1), "gdpr": a(0)})
    assert s.critical_failed and s.failed_criteria == ["gdpr"]
    assert s.score == 0
    assert s.raw_score == pytest.approx(100 * 7 / 9)
    assert s.passed is False
    assert s.sections["compliance"] == 0 and s.sections["greeting"] == 100


@pytest.mark.parametrize(("value", "fails"), [(1, True), (2, True), (3, False), (5, False)])
def test_critical_fail_on_one_to_five_at_two_or_below(value: int, fails: bool) -> None:
    card = {
        "pass_mark": 0,
        "sections": [
            {
                "key": "s",
                "title": "S",
                "criteria": [crit("tone", scale="one_to_five", critical=True), crit("other", weight=3)],
            }
        ],
    }
    s = qa.score(card, {"tone": a(value), "other": a(1)})
    assert s.critical_failed is fails
    assert s.raw_score == pytest.approx(100 * ((value - 1) / 4 + 3) / 4)
    assert s.score == (0 if fails else s.raw_score)
    assert s.passed is (not fails)


def test_critical_na_does_not_fail() -> None:
    s = qa.score(CARD, {"hello": a(1), "name": a(1), "correct": a(5), "complete": a(1), "gdpr": a(None)})
    assert not s.critical_failed and s.score == 100 and s.sections["compliance"] is None


def test_validate_definition_accepts_the_card_and_names_each_problem() -> None:
    assert qa.validate_definition(CARD) == []
    bad = {
        "pass_mark": 120,
        "sections": [
            {"key": "s", "criteria": [crit("x", weight=0), {**crit("y"), "scale": "stars"}, crit("x")]},
            {"key": "s", "criteria": []},
        ],
    }
    errors = qa.validate_definition(bad)
    assert "pass_mark must be a number from 0 to 100" in errors
    assert "criterion 'x': weight must be a number greater than 0" in errors
    assert "criterion 'y': scale must be one of yes_no, one_to_five" in errors
    assert "section 's', criterion 3: criterion key 'x' is used twice in the scorecard" in errors
    assert "section 2: section key 's' is used twice" in errors
    assert qa.validate_definition([]) == ["the definition must be an object with sections and pass_mark"]
    assert "sections must be a non-empty list" in qa.validate_definition({"pass_mark": 50, "sections": []})


def test_answer_errors_reject_values_off_the_scale() -> None:
    assert qa.answer_errors(CARD, {"hello": a(1), "correct": a(None)}) == []
    errors = qa.answer_errors(CARD, {"hello": a(2), "correct": a(0), "nope": a(1), "name": a(True)})
    assert errors == [
        "criterion 'hello': value must be one of 0, 1 or null (N/A)",
        "criterion 'correct': value must be one of 1, 2, 3, 4, 5 or null (N/A)",
        "criterion 'nope' is not in this scorecard",
        "criterion 'name': value must be one of 0, 1 or null (N/A)",
    ]


def test_spread_of_two_reviewers() -> None:
    full = {"hello": a(1), "name": a(1), "correct": a(5), "complete": a(1), "gdpr": a(1)}
    other = {**full, "correct": a(3), "name": a(None)}
    s1, s2 = qa.score(CARD, full), qa.score(CARD, other)
    assert s2.score == pytest.approx(100 * 6.5 / 8)
    sp = qa.spread([s1.score, s2.score], [(CARD, full), (CARD, other)])
    assert sp.count == 2
    assert sp.min == pytest.approx(81.25) and sp.max == 100
    assert sp.range == pytest.approx(18.75)
    assert sp.stdev == pytest.approx(9.375)  # population: half the range for two
    assert sp.criteria == {"hello": 0, "correct": 50, "complete": 0, "gdpr": 0}


def test_spread_skips_unscored_and_handles_none() -> None:
    assert qa.spread([None]) == qa.Spread(0, None, None, None, None, {})
    sp = qa.spread([60, None, 70, 80])
    assert (sp.count, sp.min, sp.max, sp.range) == (3, 60, 80, 20)
    assert sp.stdev == pytest.approx((200 / 3) ** 0.5)
