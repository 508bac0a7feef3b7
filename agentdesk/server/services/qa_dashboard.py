"""The QA dashboard: submitted reviews per agent, criterion or channel over time (docs/qa.md, "Dashboard")."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain import qa
from agentdesk.domain.enums import Role
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.qa_access import REVIEWERS, SUBMITTED, team_member_ids
from agentdesk.server.services.qa import require_role

GROUPS = ("agent", "criterion", "channel")
INTERVALS = ("week", "day")
CSV_HEADER = ["group", "key", "label", "start", "reviews", "avg_score", "pass_rate", "critical_fails", "trend"]


@dataclass(slots=True)
class Bucket:
    reviews: int = 0
    scores: list[float] = field(default_factory=list)
    passed: int = 0
    critical_fails: int = 0

    def add(self, score: float | None, passed: bool, failed: bool) -> None:
        self.reviews += 1
        if score is not None:
            self.scores.append(score)
            self.passed += passed
        self.critical_fails += failed

    def point(self, start: datetime) -> dict[str, Any]:
        avg = sum(self.scores) / len(self.scores) if self.scores else None
        return {
            "start": start.date().isoformat(),
            "reviews": self.reviews,
            "avg_score": None if avg is None else round(avg, 2),
            "pass_rate": round(100 * self.passed / len(self.scores), 2) if self.scores else None,
            "critical_fails": self.critical_fails,
        }


def interval_start(at: datetime, interval: str) -> datetime:
    day = datetime(at.year, at.month, at.day, tzinfo=UTC)
    return day - timedelta(days=day.weekday()) if interval == "week" else day


def slope(values: list[float | None]) -> float | None:
    """Least-squares slope of the values over their index, skipping the empty ones."""
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    var = sum((x - mean_x) ** 2 for x, _ in points)
    return round(sum((x - mean_x) * (y - mean_y) for x, y in points) / var, 4)


def dashboard(
    session: Session, user: m.User, days: int, group: str, interval: str, now: datetime | None = None
) -> dict[str, Any]:
    require_role(user, REVIEWERS, "read the QA dashboard")
    now = now or utcnow()
    since = now - timedelta(days=days)
    step = timedelta(days=7 if interval == "week" else 1)
    starts = []
    start = interval_start(since, interval)
    while start <= now:
        starts.append(start)
        start += step
    r = m.QaReview
    query = (
        select(r, m.Conversation.channel, m.QaScorecard.definition)
        .join(m.Conversation, m.Conversation.id == r.conversation_id)
        .join(m.QaScorecard, m.QaScorecard.id == r.scorecard_id)
        .where(r.status == SUBMITTED, r.submitted_at >= since)
        .order_by(r.submitted_at, r.id)
    )
    if user.role == Role.TEAM_LEAD.value:
        query = query.where(r.agent_id.in_(team_member_ids(session, user.id)))
    buckets: dict[str, dict[datetime, Bucket]] = defaultdict(lambda: defaultdict(Bucket))
    labels: dict[str, str] = {}
    for review, channel, definition in session.execute(query).all():
        at = interval_start(review.submitted_at, interval)
        if group == "criterion":
            _add_criteria(buckets, labels, at, review, definition)
            continue
        key = str(review.agent_id) if group == "agent" else channel
        labels.setdefault(key, key)
        buckets[key][at].add(review.score, bool(review.passed), review.critical_failed)
    if group == "agent":
        names = dict(
            session.execute(select(m.User.id, m.User.display_name).where(m.User.id.in_(map(int, buckets)))).all()
        )
        labels = {key: names.get(int(key), key) for key in buckets}
    series = []
    for key in sorted(buckets, key=lambda k: (labels[k].lower(), k)):
        points = [buckets[key][s].point(s) if s in buckets[key] else Bucket().point(s) for s in starts]
        series.append(
            {"key": key, "label": labels[key], "trend": slope([p["avg_score"] for p in points]), "points": points}
        )
    return {
        "group": group,
        "interval": interval,
        "days": days,
        "from": since.isoformat(),
        "to": now.isoformat(),
        "series": series,
    }


def _add_criteria(
    buckets: dict[str, dict[datetime, Bucket]],
    labels: dict[str, str],
    at: datetime,
    review: m.QaReview,
    definition: dict[str, Any],
) -> None:
    """Each answered criterion counts as one review of that criterion (see docs/qa.md)."""
    mark = float(definition.get("pass_mark", 0))
    for crit in qa.criteria(definition):
        value = (review.answers.get(crit.key) or {}).get("value")
        if value is None:
            continue
        score = 100 * qa.normalized(crit, value)
        failed = qa.fails(crit, value)
        # Reviews come in time order: the newest title of a criterion wins.
        labels[crit.key] = crit.title
        buckets[crit.key][at].add(score, not failed and score >= mark, failed)


def dashboard_csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for series in data["series"]:
        for p in series["points"]:
            writer.writerow(
                [
                    data["group"],
                    series["key"],
                    series["label"],
                    p["start"],
                    p["reviews"],
                    "" if p["avg_score"] is None else p["avg_score"],
                    "" if p["pass_rate"] is None else p["pass_rate"],
                    p["critical_fails"],
                    "" if series["trend"] is None else series["trend"],
                ]
            )
    return out.getvalue()
