"""QA scorecards: how a review of a conversation is scored. Pure: definition and answers in, numbers out.

A scorecard *definition* is JSON::

    {"sections": [{"key", "title", "criteria": [
        {"key", "title", "description", "weight" > 0, "scale": "yes_no" | "one_to_five",
         "allow_na": bool, "critical": bool}]}],
     "pass_mark": 0..100}

An *answer* per criterion key is ``{"value": int | None, "note": str}``: yes_no takes 1 (yes) or 0
(no), one_to_five takes 1..5, and ``None`` means N/A (allowed only where ``allow_na``).

The formula (also in docs/qa.md):

- normalized value: yes_no → value; one_to_five → (value − 1) / 4, so both lie in 0..1.
- score = 100 × Σ(weight × normalized) / Σ(weight) over the answered criteria that are not N/A;
  None when there is none (all N/A): there was nothing to judge, which is neither a pass nor a fail.
- a critical criterion fails when a yes_no is 0 or a one_to_five is ≤ 2. Any failed critical
  criterion makes the review fail outright: score = 0, and the weighted score is kept as raw_score.
- passed = not critical_failed and score ≥ pass_mark (None when the score is None).
- each section is scored with the same formula over its own criteria, so a section holding a failed
  critical criterion scores 0.

Calibration (several reviewers, one conversation): `spread` gives count, min, max, range and the
population standard deviation of the scores, and per criterion the range of the normalized answers
(× 100, the score's unit) among the reviewers who answered it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SCALES = ("yes_no", "one_to_five")
CRITICAL_FAIL_AT_OR_BELOW = 2  # one_to_five values this low fail a critical criterion
SEVERITIES = ("info", "minor", "major", "critical")
RESPONSES = ("acknowledged", "disputed")

Definition = Mapping[str, Any]
Answers = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class Criterion:
    key: str
    section: str
    title: str
    weight: float
    scale: str
    allow_na: bool
    critical: bool


@dataclass(frozen=True, slots=True)
class Score:
    score: float | None
    raw_score: float | None
    critical_failed: bool
    failed_criteria: list[str]
    sections: dict[str, float | None]
    passed: bool | None
    # Criteria with no answer at all; a submit needs none left.
    missing: list[str]
    # Criteria answered N/A although the scorecard does not allow it; a submit needs none left.
    na_not_allowed: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.na_not_allowed


@dataclass(frozen=True, slots=True)
class Spread:
    count: int
    min: float | None
    max: float | None
    range: float | None
    stdev: float | None
    # criterion key → max − min of the reviewers' normalized answers × 100 (two answers or more).
    criteria: dict[str, float]


def criteria(defn: Definition) -> list[Criterion]:
    """The criteria of a (valid) definition, in order."""
    return [
        Criterion(
            key=c["key"],
            section=s["key"],
            title=c.get("title", c["key"]),
            weight=float(c["weight"]),
            scale=c["scale"],
            allow_na=bool(c.get("allow_na", False)),
            critical=bool(c.get("critical", False)),
        )
        for s in defn.get("sections", [])
        for c in s.get("criteria", [])
    ]


def validate_definition(defn: object) -> list[str]:
    """Every problem of a definition, worded for the person who wrote it; empty when it is valid."""
    if not isinstance(defn, Mapping):
        return ["the definition must be an object with sections and pass_mark"]
    errors: list[str] = []
    mark = defn.get("pass_mark")
    if not _is_number(mark) or not 0 <= mark <= 100:
        errors.append("pass_mark must be a number from 0 to 100")
    sections = defn.get("sections")
    if not isinstance(sections, list) or not sections:
        return [*errors, "sections must be a non-empty list"]
    section_keys: set[str] = set()
    criterion_keys: set[str] = set()
    for i, section in enumerate(sections):
        where = f"section {i + 1}"
        if not isinstance(section, Mapping):
            errors.append(f"{where} must be an object")
            continue
        key = section.get("key")
        if not _is_key(key):
            errors.append(f"{where}: key must be a non-empty string")
        elif key in section_keys:
            errors.append(f"{where}: section key {key!r} is used twice")
        else:
            section_keys.add(key)
            where = f"section {key!r}"
        if not isinstance(section.get("title", ""), str):
            errors.append(f"{where}: title must be a string")
        items = section.get("criteria")
        if not isinstance(items, list) or not items:
            errors.append(f"{where}: criteria must be a non-empty list")
            continue
        for j, item in enumerate(items):
            errors.extend(_criterion_errors(item, f"{where}, criterion {j + 1}", criterion_keys))
    return errors


def _criterion_errors(item: object, where: str, seen: set[str]) -> list[str]:
    if not isinstance(item, Mapping):
        return [f"{where} must be an object"]
    errors: list[str] = []
    key = item.get("key")
    if not _is_key(key):
        errors.append(f"{where}: key must be a non-empty string")
    elif key in seen:
        errors.append(f"{where}: criterion key {key!r} is used twice in the scorecard")
    else:
        seen.add(key)
        where = f"criterion {key!r}"
    for text in ("title", "description"):
        if not isinstance(item.get(text, ""), str):
            errors.append(f"{where}: {text} must be a string")
    weight = item.get("weight")
    if not _is_number(weight) or not weight > 0:
        errors.append(f"{where}: weight must be a number greater than 0")
    if item.get("scale") not in SCALES:
        errors.append(f"{where}: scale must be one of {', '.join(SCALES)}")
    for flag in ("allow_na", "critical"):
        if not isinstance(item.get(flag, False), bool):
            errors.append(f"{where}: {flag} must be true or false")
    return errors


def answer_errors(defn: Definition, answers: object) -> list[str]:
    """Problems with the shape or range of answers (unknown criteria, values off the scale).

    Missing answers and N/A where not allowed are not errors here: a draft may hold them; `score`
    lists them so a submit can refuse them.
    """
    if not isinstance(answers, Mapping):
        return ["answers must be an object keyed by criterion"]
    by_key = {c.key: c for c in criteria(defn)}
    errors: list[str] = []
    for key, answer in answers.items():
        crit = by_key.get(key)
        if crit is None:
            errors.append(f"criterion {key!r} is not in this scorecard")
            continue
        if not isinstance(answer, Mapping):
            errors.append(f"criterion {key!r}: the answer must be an object with value and note")
            continue
        if not isinstance(answer.get("note", ""), str):
            errors.append(f"criterion {key!r}: note must be a string")
        value = answer.get("value")
        if value is None:
            continue
        allowed = (0, 1) if crit.scale == "yes_no" else (1, 2, 3, 4, 5)
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            errors.append(f"criterion {key!r}: value must be one of {', '.join(map(str, allowed))} or null (N/A)")
    return errors


def normalized(crit: Criterion, value: int) -> float:
    return float(value) if crit.scale == "yes_no" else (value - 1) / 4


def fails(crit: Criterion, value: int | None) -> bool:
    """Whether this answer fails a critical criterion."""
    if not crit.critical or value is None:
        return False
    return value == 0 if crit.scale == "yes_no" else value <= CRITICAL_FAIL_AT_OR_BELOW


def score(defn: Definition, answers: Answers) -> Score:
    """The score of a review: see the module docstring for the formula."""
    crits = criteria(defn)
    missing = [c.key for c in crits if c.key not in answers]
    na_not_allowed = [c.key for c in crits if c.key in answers and _value(answers, c.key) is None and not c.allow_na]
    failed = [c.key for c in crits if fails(c, _value(answers, c.key))]
    raw = _weighted(crits, answers)
    sections = {}
    for s in defn.get("sections", []):
        own = [c for c in crits if c.section == s["key"]]
        section_score = _weighted(own, answers)
        if section_score is not None and any(c.key in failed for c in own):
            section_score = 0.0
        sections[s["key"]] = section_score
    final = 0.0 if failed else raw
    passed = None if final is None else (not failed and final >= float(defn.get("pass_mark", 0)))
    return Score(
        score=final,
        raw_score=raw,
        critical_failed=bool(failed),
        failed_criteria=failed,
        sections=sections,
        passed=passed,
        missing=missing,
        na_not_allowed=na_not_allowed,
    )


def spread(scores: Sequence[float | None], answers: Sequence[tuple[Definition, Answers]] = ()) -> Spread:
    """How far several reviewers of one conversation are apart.

    `answers` (optional) holds each reviewer's (definition, answers); criteria are matched by key,
    so reviews scored with different versions of a scorecard still compare on what they share.
    """
    values = [s for s in scores if s is not None]
    per_criterion: dict[str, list[float]] = {}
    for defn, given in answers:
        for crit in criteria(defn):
            value = _value(given, crit.key)
            if value is not None:
                per_criterion.setdefault(crit.key, []).append(normalized(crit, value))
    disagreement = {key: round((max(v) - min(v)) * 100, 6) for key, v in per_criterion.items() if len(v) >= 2}
    if not values:
        return Spread(0, None, None, None, None, disagreement)
    mean = sum(values) / len(values)
    stdev = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
    return Spread(len(values), min(values), max(values), max(values) - min(values), stdev, disagreement)


def _weighted(crits: Sequence[Criterion], answers: Answers) -> float | None:
    total = weights = 0.0
    for crit in crits:
        value = _value(answers, crit.key)
        if value is None:
            continue
        total += crit.weight * normalized(crit, value)
        weights += crit.weight
    return None if weights == 0 else 100 * total / weights


def _value(answers: Answers, key: str) -> int | None:
    answer = answers.get(key)
    return None if answer is None else answer.get("value")


def _is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _is_key(x: object) -> bool:
    return isinstance(x, str) and bool(x.strip())
