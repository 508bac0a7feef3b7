"""Review queues: resolved conversations drawn per agent and channel (docs/qa.md, "Sampling").

The draw is weighted sampling without replacement (Efraimidis–Spirakis: each candidate draws
u^(1/weight), the largest keys win), with one random generator per (agent, channel) seeded
from the sample's seed, so the same request over the same conversations draws the same ones.
"""

from __future__ import annotations

import random
import secrets
import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ConversationStatus, Direction, EventKind, MessageKind, Role
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.qa_access import REVIEWERS, may_sample, team_member_ids
from agentdesk.server.services.errors import Invalid, NotFound
from agentdesk.server.services.qa import publish, require_role

WEIGHTS = ("none", "low_csat", "long_handle")
MIN_HANDLE_WEIGHT = 0.1


@dataclass(slots=True)
class Candidate:
    conversation_id: int
    agent_id: int
    channel: str
    weight: float = 1.0


def create_sample(session: Session, user: m.User, params: dict[str, Any]) -> m.QaSample:
    require_role(user, REVIEWERS, "draw review samples")
    seed = params.get("seed")
    if seed is None:
        seed = secrets.randbelow(2**31)
    params = {**params, "seed": seed}
    agents = _agents(session, user, params.get("agent_ids"), params.get("team_id"))
    since = utcnow() - timedelta(days=params["days"])
    candidates = _candidates(session, agents, since, params.get("channels"), user.id)
    _weigh(session, candidates, params["weight"])
    items = [
        {"conversation_id": c.conversation_id, "agent_id": c.agent_id, "channel": c.channel, "review_id": None}
        for c in draw(candidates, params["per_agent"], seed)
    ]
    title = params.get("title") or f"{params['per_agent']} per agent and channel, last {params['days']} days"
    sample = m.QaSample(owner_id=user.id, title=title, params=params, items=items)
    session.add(sample)
    publish(session, [user.id], [sample])
    return sample


def draw(candidates: list[Candidate], per_agent: int, seed: int) -> list[Candidate]:
    """Up to `per_agent` candidates per (agent, channel), weighted, deterministic given `seed`."""
    groups: dict[tuple[int, str], list[Candidate]] = defaultdict(list)
    for c in sorted(candidates, key=lambda c: c.conversation_id):
        groups[(c.agent_id, c.channel)].append(c)
    chosen: list[Candidate] = []
    for (agent_id, channel), group in sorted(groups.items()):
        rng = random.Random(f"{seed}:{agent_id}:{channel}")
        keyed = sorted(group, key=lambda c: rng.random() ** (1 / c.weight), reverse=True)
        chosen.extend(keyed[:per_agent])
    return chosen


def samples(session: Session, user: m.User) -> list[m.QaSample]:
    if not may_sample(user):
        return []
    return list(session.scalars(select(m.QaSample).where(m.QaSample.owner_id == user.id).order_by(m.QaSample.id)))


def _agents(session: Session, user: m.User, agent_ids: list[int] | None, team_id: int | None) -> set[int]:
    agents = set(session.scalars(select(m.User.id).where(m.User.role == Role.AGENT.value, m.User.active.is_(True))))
    if user.role == Role.TEAM_LEAD.value:
        # A team lead samples the agents of their own teams.
        agents &= team_member_ids(session, user.id)
    if team_id is not None:
        if session.get(m.Team, team_id) is None:
            raise NotFound(f"team {team_id} does not exist")
        members = session.scalars(select(m.team_members.c.user_id).where(m.team_members.c.team_id == team_id))
        agents &= set(members)
    if agent_ids:
        unknown = sorted(set(agent_ids) - agents)
        if unknown:
            raise Invalid(f"not agents you may sample: {', '.join(map(str, unknown))}")
        agents = set(agent_ids)
    return agents


def _candidates(
    session: Session, agents: set[int], since: Any, channels: list[str] | None, owner_id: int
) -> list[Candidate]:
    c = m.Conversation
    query = select(c.id, c.assignee_id, c.channel).where(
        c.status == ConversationStatus.RESOLVED.value, c.resolved_at >= since
    )
    if channels:
        query = query.where(c.channel.in_(channels))
    rows = session.execute(query).all()
    reviewed = set(session.scalars(select(m.QaReview.conversation_id).where(m.QaReview.reviewer_id == owner_id)))
    unassigned = [cid for cid, assignee, _ in rows if assignee is None]
    last_writer = _last_writers(session, unassigned)
    found = []
    for cid, assignee, channel in rows:
        agent = assignee if assignee is not None else last_writer.get(cid)
        if agent in agents and cid not in reviewed:
            found.append(Candidate(cid, agent, channel))
    return found


def _last_writers(session: Session, conversation_ids: list[int]) -> dict[int, int]:
    if not conversation_ids:
        return {}
    writers: dict[int, int] = {}
    for cid, author in session.execute(
        select(m.Message.conversation_id, m.Message.author_id)
        .where(
            m.Message.conversation_id.in_(conversation_ids),
            m.Message.direction == Direction.OUTBOUND.value,
            m.Message.kind == MessageKind.MESSAGE.value,
            m.Message.author_id.is_not(None),
        )
        .order_by(m.Message.created_at, m.Message.id)
    ):
        writers[cid] = author
    return writers


def _weigh(session: Session, candidates: list[Candidate], weight: str) -> None:
    if weight not in WEIGHTS:
        raise Invalid(f"weight must be one of {', '.join(WEIGHTS)}")
    if weight == "none" or not candidates:
        return
    ids = [c.conversation_id for c in candidates]
    if weight == "low_csat":
        worst: dict[int, int] = {}
        for cid, data in session.execute(
            select(m.Event.conversation_id, m.Event.data).where(
                m.Event.kind == EventKind.SURVEY_ANSWER.value, m.Event.conversation_id.in_(ids)
            )
        ):
            if not isinstance(data, dict) or data.get("survey", "csat") != "csat":
                continue
            score = data.get("score")
            if isinstance(score, int):
                worst[cid] = min(score, worst.get(cid, score))
        for c in candidates:
            if c.conversation_id in worst:
                c.weight = 1 + (5 - worst[c.conversation_id])
        return
    handle = _handle_times(session, ids)
    known = [h for h in handle.values() if h > 0]
    median = statistics.median(known) if known else 0
    for c in candidates:
        h = handle.get(c.conversation_id)
        if median > 0 and h is not None:
            c.weight = max(MIN_HANDLE_WEIGHT, h / median)


def _handle_times(session: Session, ids: list[int]) -> dict[int, float]:
    """Seconds from the moment an agent took the contact (first assignment or first reply) to resolution."""
    taken: dict[int, Any] = {}
    for cid, at in session.execute(
        select(m.Event.conversation_id, m.Event.occurred_at).where(
            m.Event.kind == EventKind.ASSIGNED.value, m.Event.conversation_id.in_(ids)
        )
    ):
        if cid not in taken or at < taken[cid]:
            taken[cid] = at
    times = {}
    for cid, created, responded, resolved in session.execute(
        select(
            m.Conversation.id, m.Conversation.created_at, m.Conversation.first_response_at, m.Conversation.resolved_at
        ).where(m.Conversation.id.in_(ids))
    ):
        start = min((t for t in (taken.get(cid), responded) if t is not None), default=created)
        if resolved is not None:
            times[cid] = (resolved - start).total_seconds()
    return times
