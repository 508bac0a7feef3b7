"""Live figures per queue and per channel, from the store; formulas in `agentdesk.domain.metrics`.

A period is counted in SQL (services/tallies.py) into `Tally` sums per queue, channel and
15-minute interval; `summarize` turns every tally into the figures, so each figure follows
the one documented formula. Live values (waiting now, agents) are read as they are now.

Supervisors and admins receive the figures through the change feed as entity `metrics`
(id 0, op `upsert`, data = what `GET /api/v1/metrics/queues` answers). Each announcement is
one change per supervisor or admin with `audience_user_id` set to them, so the feed never
hands figures to anyone else, agents included; clients that do not know the entity skip it.
Housekeeping recomputes them every third round (15 s by default) in each server process and
appends a new announcement only when they changed (waits counted in whole minutes, today's
occupancy in whole points), so a quiet floor does not grow the log. Several server processes
each announce: a client just keeps the newest.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from agentdesk.domain import metrics as mx
from agentdesk.domain.enums import ChangeOp, Role
from agentdesk.server.changelog import append_changes, change_row, dumps
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.services import tallies
from agentdesk.server.services.interval_cache import IntervalCache, count_slots
from agentdesk.server.services.presence_history import staffed_seconds
from agentdesk.server.services.routing import ACTIVE, capacity_of
from agentdesk.server.services.tallies import DEFAULT_SERVICE_LEVEL_S as DEFAULT_SERVICE_LEVEL_S


def day_start(now: datetime) -> datetime:
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def _agents(session: Session) -> tuple[dict[int, list[dict[str, Any]]], dict[tuple[int, str], int]]:
    """Agents per queue (presence, capacity, active conversations) and active load per (agent, channel)."""
    load: dict[tuple[int, str], int] = {}
    c = m.Conversation
    active = tallies.subquery_rows(
        select(c.assignee_id, c.channel).where(c.assignee_id.is_not(None), c.status.in_(ACTIVE))
    ).c
    for user_id, channel, count in session.execute(
        select(active.assignee_id, active.channel, func.count()).group_by(active.assignee_id, active.channel)
    ):
        load[(user_id, channel)] = count
    states = {s.user_id: s for s in session.scalars(select(m.AgentState))}
    users = {u.id: u for u in session.scalars(select(m.User).where(m.User.active.is_(True)))}
    by_queue: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for queue_id, channel, user_id in session.execute(
        select(m.queue_teams.c.queue_id, m.Queue.channel, m.team_members.c.user_id)
        .join(m.Queue, m.Queue.id == m.queue_teams.c.queue_id)
        .join(m.team_members, m.team_members.c.team_id == m.queue_teams.c.team_id)
        .distinct()
        .order_by(m.queue_teams.c.queue_id, m.team_members.c.user_id)
    ):
        user = users.get(user_id)
        if user is None:
            continue
        state = states.get(user_id)
        by_queue[queue_id].append(
            {
                "user_id": user_id,
                "name": user.display_name,
                "presence": state.presence if state else "offline",
                "presence_since": state.presence_since if state else None,
                "capacity": capacity_of(state, channel),
                "active": load.get((user_id, channel), 0),
            }
        )
    return by_queue, load


# The figures' names, once: `asdict` copies deeply and cost more than the week's intervals.
_FIGURE_NAMES = tuple(f.name for f in fields(mx.Figures))


def _figures_json(f: mx.Figures) -> dict[str, Any]:
    return {k: (round(v, 3) if isinstance(v, float) else v) for k in _FIGURE_NAMES for v in (getattr(f, k),)}


def _live_json(waiting: Iterable[tuple[int, float]], now: float, agents: Iterable[dict[str, Any]]) -> dict[str, Any]:
    count, oldest = 0, None
    for n, arrived in waiting:
        count += n
        oldest = arrived if oldest is None else min(oldest, arrived)
    occupancy, by_presence = mx.staffing(mx.AgentLoad(a["presence"], a["active"], a["capacity"]) for a in agents)
    return {
        "waiting_now": count,
        "longest_wait_now_s": round(now - oldest, 3) if oldest is not None else None,
        "occupancy_pct": round(occupancy, 3) if occupancy is not None else None,
        "agents_by_presence": by_presence,
    }


def current(session: Session, now: datetime | None = None) -> dict[str, Any]:
    """Today's figures and the live values, per queue and per channel."""
    now = now or utcnow()
    start = day_start(now)
    end = start + timedelta(days=1)
    setup = tallies.load_setup(session)
    counted = tallies.count_period(session, setup, start, end, now, sliced=False)
    answers = tallies.surveys(session, start, end)
    waiting = tallies.waiting_now(session)
    agents, _ = _agents(session)
    per_queue: dict[int, mx.Tally] = defaultdict(mx.Tally)
    per_channel: dict[str, mx.Tally] = defaultdict(mx.Tally)
    for (queue_id, _channel, _slot), t in counted.queue.items():
        per_queue[queue_id] += t
    for (_queue_id, channel, _slot), t in counted.channel.items():
        per_channel[channel] += t
    members = tallies.members(session)
    staffed = staffed_seconds(session, start, min(end, now), sliced=False)
    for queue in setup.queues:
        per_queue[queue.id].staffed_s = sum(staffed.get((u, 0), 0.0) for u in members.get(queue.id, ()))
    for channel in {q.channel for q in setup.queues}:
        staff = {u for q in setup.queues if q.channel == channel for u in members.get(q.id, ())}
        per_channel[channel].staffed_s = sum(staffed.get((u, 0), 0.0) for u in staff)
    t_now = now.timestamp()
    queues_out = []
    for queue in setup.queues:
        queues_out.append(
            {
                "queue_id": queue.id,
                "name": queue.name,
                "channel": queue.channel,
                "service_level_threshold_s": setup.threshold(queue.id),
                "today": _figures_json(mx.summarize(per_queue[queue.id], answers.get(queue.id, ()))),
                "live": _live_json(
                    (w for (q, _ch), w in waiting.items() if q == queue.id), t_now, agents.get(queue.id, [])
                ),
                "agents": agents.get(queue.id, []),
            }
        )
    channels_out = []
    for channel in sorted({q.channel for q in setup.queues} | set(per_channel)):
        queue_ids = {q.id for q in setup.queues if q.channel == channel}
        staff = {a["user_id"]: a for q in sorted(queue_ids) for a in agents.get(q, [])}
        channels_out.append(
            {
                "channel": channel,
                "today": _figures_json(
                    mx.summarize(per_channel[channel], [s for q in sorted(queue_ids) for s in answers.get(q, ())])
                ),
                "live": _live_json((w for (_q, ch), w in waiting.items() if ch == channel), t_now, staff.values()),
            }
        )
    return {"computed_at": now, "day_start": start, "queues": queues_out, "channels": channels_out}


def intervals(
    session: Session, days: int, now: datetime | None = None, cache: IntervalCache | None = None
) -> dict[str, Any]:
    """15-minute intervals of today and the `days` − 1 days before, per queue: those with
    contacts, survey answers or agents staffed. With a `cache`, only the intervals that may
    have changed since its previous use are counted again (services/interval_cache.py)."""
    now = now or utcnow()
    start = day_start(now) - timedelta(days=days - 1)
    # Up to the end of the interval running now.
    end = datetime.fromtimestamp(mx.interval_start(now.timestamp()) + mx.INTERVAL_S, UTC)
    setup = tallies.load_setup(session)
    members = tallies.members(session)
    if cache is None:
        slots = count_slots(session, setup, members, start, end, now)
    else:
        slots = cache.slots(session, setup, members, start, end, now)
    out = []
    for queue in setup.queues:
        by_slot, surveyed = slots.tallied.get(queue.id, {}), slots.answers.get(queue.id, {})
        out.append(
            {
                "queue_id": queue.id,
                "intervals": [
                    {
                        "start": datetime.fromtimestamp(at, UTC),
                        **_figures_json(mx.summarize(by_slot.get(at, mx.Tally()), surveyed.get(at, ()))),
                    }
                    for at in sorted(set(by_slot) | set(surveyed))
                ],
            }
        )
    return {"computed_at": now, "start": start, "interval_minutes": 15, "queues": out}


def _digest(figures: dict[str, Any]) -> str:
    def coarse(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: coarse(v) for k, v in value.items() if k not in ("computed_at", "presence_since")}
        if isinstance(value, list):
            return [coarse(v) for v in value]
        return value

    summary = coarse(figures)
    for part in summary["queues"] + summary["channels"]:
        wait = part["live"]["longest_wait_now_s"]
        part["live"]["longest_wait_now_s"] = None if wait is None else int(wait // 60)
        # Staffed and handle time grow with the clock: in whole points, a quiet floor stays quiet.
        occupancy = part["today"]["occupancy_pct"]
        part["today"]["occupancy_pct"] = None if occupancy is None else round(occupancy)
    return hashlib.sha256(dumps(summary).encode()).hexdigest()


class Announcer:
    """Appends the figures to the change feed for supervisors and admins when they changed."""

    def __init__(self) -> None:
        self.last_digest: str | None = None

    def announce(self, session: Session, now: datetime | None = None) -> str | None:
        """Appends an announcement if the figures changed; returns its digest, to `confirm`
        once the transaction committed (a rolled-back one announced nothing)."""
        audience = session.scalars(
            select(m.User.id).where(m.User.active.is_(True), m.User.role.in_([Role.SUPERVISOR.value, Role.ADMIN.value]))
        ).all()
        if not audience:
            return None
        figures = current(session, now)
        digest = _digest(figures)
        if digest == self.last_digest:
            return None
        append_changes(
            session, [change_row("metrics", 0, ChangeOp.UPSERT, figures, audience_user_id=uid) for uid in audience]
        )
        return digest

    def confirm(self, digest: str) -> None:
        self.last_digest = digest
