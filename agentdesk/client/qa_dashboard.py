"""The QA dashboard, asked of the server when shown (docs/qa.md, "Dashboard").

Online only: its figures cover every review of the caller's teams, which no local cache holds
(a cache gets only the reviews its user may read one by one). Offline, the caller gets
`DashboardUnavailable` with a reason to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from agentdesk.client.sync import on_demand

GROUPS = ("agent", "criterion", "channel")
INTERVALS = ("week", "day")


class DashboardUnavailable(Exception):
    """The dashboard could not be fetched now (offline, server trouble)."""


class DashboardRefused(DashboardUnavailable):
    """The server will not give this user the dashboard (agents)."""


@dataclass(frozen=True, slots=True)
class Point:
    start: str  # ISO date of the interval's first day (a Monday for weeks)
    reviews: int
    avg_score: float | None
    pass_rate: float | None
    critical_fails: int


@dataclass(frozen=True, slots=True)
class Series:
    key: str
    label: str
    trend: float | None  # points of average score per interval (least-squares slope)
    points: tuple[Point, ...]

    @property
    def reviews(self) -> int:
        return sum(p.reviews for p in self.points)

    @property
    def critical_fails(self) -> int:
        return sum(p.critical_fails for p in self.points)

    @property
    def avg_score(self) -> float | None:
        """Mean over the period, each interval weighted by its reviews with a score."""
        scored = [(p.avg_score, p.reviews) for p in self.points if p.avg_score is not None]
        weight = sum(n for _, n in scored)
        return sum(a * n for a, n in scored) / weight if weight else None

    @property
    def pass_rate(self) -> float | None:
        rated = [(p.pass_rate, p.reviews) for p in self.points if p.pass_rate is not None]
        weight = sum(n for _, n in rated)
        return sum(r * n for r, n in rated) / weight if weight else None


@dataclass(frozen=True, slots=True)
class Dashboard:
    group: str
    interval: str
    days: int
    series: tuple[Series, ...]

    @property
    def starts(self) -> list[str]:
        return [p.start for p in self.series[0].points] if self.series else []


def parse(data: dict[str, Any]) -> Dashboard:
    return Dashboard(
        group=data["group"],
        interval=data["interval"],
        days=int(data["days"]),
        series=tuple(
            Series(s["key"], s["label"], s["trend"], tuple(Point(**p) for p in s["points"])) for s in data["series"]
        ),
    )


async def _get(http: httpx.AsyncClient, token: str, path: str, params: dict[str, Any]) -> httpx.Response:
    return await on_demand.get(http, token, path, params, unavailable=DashboardUnavailable, refused=DashboardRefused)


def _params(days: int, group: str, interval: str) -> dict[str, Any]:
    if group not in GROUPS or interval not in INTERVALS:
        raise ValueError(f"group must be one of {GROUPS} and interval one of {INTERVALS}")
    return {"days": days, "group": group, "interval": interval}


async def fetch(http: httpx.AsyncClient, token: str, days: int, group: str, interval: str) -> Dashboard:
    response = await _get(http, token, "/api/v1/qa/dashboard", _params(days, group, interval))
    return parse(response.json())


async def fetch_csv(http: httpx.AsyncClient, token: str, days: int, group: str, interval: str) -> str:
    response = await _get(http, token, "/api/v1/qa/dashboard.csv", _params(days, group, interval))
    return response.text
