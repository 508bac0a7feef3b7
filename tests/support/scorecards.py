"""Scorecard definitions for tests, written as docs/qa.md describes them."""

from __future__ import annotations

from typing import Any


def crit(
    key: str, weight: float = 1, scale: str = "yes_no", allow_na: bool = False, critical: bool = False
) -> dict[str, Any]:
    """A criterion titled after its key, with no description."""
    return {
        "key": key,
        "title": key.title(),
        "description": "",
        "weight": weight,
        "scale": scale,
        "allow_na": allow_na,
        "critical": critical,
    }
