"""How eager the next-best-action rules are, set per queue in its settings under "assist".

    "assist": {"repeat_count": 2, "repeat_days": 14, "long_wait_s": 600, "deflection_confidence": 0.6}

Each key may be left out: the default below applies. The server refuses a queue whose
values are out of range (with the reason); the desktop client reads them from its cache,
so suggestions stay configurable offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SETTINGS_KEY = "assist"


@dataclass(frozen=True, slots=True)
class Knob:
    kind: type
    low: float
    high: float
    default: float | None
    meaning: str


KNOBS: dict[str, Knob] = {
    "repeat_count": Knob(int, 2, 50, 3, "conversations on one topic, this one included, that make a repeat contact"),
    "repeat_days": Knob(int, 1, 365, 30, "days within which those conversations count"),
    "long_wait_s": Knob(int, 1, 7 * 86_400, None, "seconds of waiting that are long (default: a share of the SLA)"),
    "wait_share_of_sla": Knob(float, 0.05, 1.0, 0.5, "share of the first-response target that is a long wait"),
    "deflection_confidence": Knob(float, 0.0, 1.0, 0.45, "how sure an article must be to suggest its link"),
    "topic_confidence": Knob(float, 0.0, 1.0, 0.3, "how sure an article must be to name a conversation's topic"),
    "template_confidence": Knob(float, 0.0, 1.0, 0.95, "confidence shown for a template when the window is closed"),
    "reminder_confidence": Knob(float, 0.0, 1.0, 0.9, "confidence shown for an appointment reminder"),
    "callback_confidence": Knob(float, 0.0, 1.0, 0.75, "confidence shown for a callback or another channel"),
    "repeat_confidence": Knob(float, 0.0, 1.0, 0.6, "confidence shown for a repeat contact at exactly the count"),
}


def errors(value: Any) -> list[str]:
    """What is wrong with a queue's "assist" settings, in words; empty when nothing is."""
    if value is None:
        return []
    if not isinstance(value, dict):
        return [f'"{SETTINGS_KEY}" must be an object of settings, e.g. {{"repeat_count": 3}}']
    found = []
    for key, given in value.items():
        knob = KNOBS.get(key)
        if knob is None:
            found.append(f"{SETTINGS_KEY}.{key} is not a setting (known: {', '.join(KNOBS)})")
            continue
        numeric = isinstance(given, int | float) and not isinstance(given, bool)
        if given is None and knob.default is None:
            continue
        if not numeric or (knob.kind is int and not float(given).is_integer()):
            found.append(f"{SETTINGS_KEY}.{key} must be {'a whole number' if knob.kind is int else 'a number'}")
        elif not knob.low <= given <= knob.high:
            found.append(f"{SETTINGS_KEY}.{key} must be between {knob.low:g} and {knob.high:g} ({knob.meaning})")
    return found


def values(value: Any) -> dict[str, Any]:
    """Every knob's value for a queue: its own where valid, the default elsewhere."""
    chosen = {key: knob.default for key, knob in KNOBS.items()}
    if isinstance(value, dict):
        for key, given in value.items():
            if key in KNOBS and not errors({key: given}):
                chosen[key] = None if given is None else KNOBS[key].kind(given)
    return chosen
