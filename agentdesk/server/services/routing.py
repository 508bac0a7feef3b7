"""Presence, capacity, routing, overflow and moves between queues.

Routing is round robin within capacity: a queue's waiting conversations, oldest first, go to
the agents of its teams who are available or busy (away and offline agents get nothing) and
have room on the queue's channel; among those, whoever got work longest ago is next. Work no
one has room for waits, in order, until an agent frees up or becomes available.

It runs when a conversation is opened, when an agent becomes available, and on every
housekeeping round (which picks up capacity freed by resolved conversations).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind, ConversationStatus, EventKind, Role
from agentdesk.server.access import can_see_queue
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.services import sla
from agentdesk.server.services.errors import Forbidden, Invalid, NotFound

PRESENCES = ("available", "busy", "away", "offline")
ROUTABLE = ("available", "busy")
DEFAULT_CAPACITY = {ChannelKind.WEBCHAT.value: 1, ChannelKind.WHATSAPP.value: 5, ChannelKind.EMAIL.value: 10}
MAX_CAPACITY = 100
# A conversation holds a place in its agent's capacity until it is snoozed or resolved.
ACTIVE = (ConversationStatus.OPEN.value, ConversationStatus.PENDING.value)
SUPERVISING = (Role.SUPERVISOR, Role.ADMIN)


def capacity_of(state: m.AgentState | None, channel: str) -> int:
    """The agent's own capacity on the channel, else the channel's default (also for an agent
    with no stored state yet: that is what routing gives them once they are available)."""
    own = state.capacity if state is not None else {}
    return int(own.get(channel, DEFAULT_CAPACITY.get(channel, 0)))


def _event(
    session: Session,
    conversation: m.Conversation,
    kind: EventKind,
    data: dict[str, Any],
    actor_id: int | None,
    now: datetime,
) -> None:
    session.add(
        m.Event(
            contact_id=conversation.contact_id,
            conversation_id=conversation.id,
            queue_id=conversation.queue_id,
            kind=kind.value,
            data=data,
            actor_id=actor_id,
            occurred_at=now,
        )
    )


def agent_state(session: Session, user_id: int) -> m.AgentState:
    state = session.get(m.AgentState, user_id)
    if state is None:
        state = m.AgentState(user_id=user_id, presence="offline", presence_since=utcnow(), capacity={})
        session.add(state)
        session.flush()
    return state


def set_presence(session: Session, user: m.User, presence: str, now: datetime | None = None) -> m.AgentState:
    if presence not in PRESENCES:
        raise Invalid(f"presence is one of {', '.join(PRESENCES)}")
    now = now or utcnow()
    state = agent_state(session, user.id)
    if state.presence != presence:
        state.presence = presence
        state.presence_since = now
    if presence in ROUTABLE:
        # Signing in from the desktop counts as being connected until the stream says otherwise.
        state.disconnected_at = None
        session.flush()
        for queue_id in _queues_of(session, user.id):
            route_queue(session, queue_id, now)
    session.flush()
    return state


def set_capacity(session: Session, actor: m.User, user_id: int, capacity: dict[str, int]) -> m.AgentState:
    if Role(actor.role) not in SUPERVISING:
        raise Forbidden("only supervisors and admins change an agent's capacity")
    if session.get(m.User, user_id) is None:
        raise NotFound(f"user {user_id} does not exist")
    for channel, value in capacity.items():
        if channel not in DEFAULT_CAPACITY:
            raise Invalid(f"{channel!r} is not a channel; channels are {', '.join(DEFAULT_CAPACITY)}")
        if not 0 <= value <= MAX_CAPACITY:
            raise Invalid(f"a capacity is between 0 and {MAX_CAPACITY}")
    state = agent_state(session, user_id)
    state.capacity = {**state.capacity, **capacity}
    session.flush()
    for queue_id in _queues_of(session, user_id):
        route_queue(session, queue_id, utcnow())
    return state


def stream_changed(session: Session, user_id: int, connected: bool, now: datetime | None = None) -> None:
    """The user's last live stream on this server opened or closed."""
    state = session.get(m.AgentState, user_id)
    if state is None:
        return
    state.disconnected_at = None if connected else (now or utcnow())
    session.flush()


def expire_presence(session: Session, grace_s: float, now: datetime | None = None) -> list[int]:
    """Agents whose stream has been gone longer than the grace period go offline."""
    now = now or utcnow()
    gone = session.scalars(
        select(m.AgentState).where(
            m.AgentState.presence != "offline",
            m.AgentState.disconnected_at.is_not(None),
            m.AgentState.disconnected_at <= now - timedelta(seconds=grace_s),
        )
    ).all()
    for state in gone:
        state.presence = "offline"
        state.presence_since = now
        state.disconnected_at = None
    session.flush()
    return [s.user_id for s in gone]


def _queues_of(session: Session, user_id: int) -> list[int]:
    return list(
        session.scalars(
            select(m.queue_teams.c.queue_id)
            .join(m.team_members, m.team_members.c.team_id == m.queue_teams.c.team_id)
            .where(m.team_members.c.user_id == user_id)
            .distinct()
            .order_by(m.queue_teams.c.queue_id)
        )
    )


def _agents_of(session: Session, queue_id: int) -> list[m.AgentState]:
    # FOR UPDATE on PostgreSQL: two servers routing at once take turns instead of both
    # giving the last free place of one agent away.
    members = (
        select(m.team_members.c.user_id)
        .join(m.queue_teams, m.queue_teams.c.team_id == m.team_members.c.team_id)
        .where(m.queue_teams.c.queue_id == queue_id)
    )
    return list(
        session.scalars(
            select(m.AgentState)
            .join(m.User, m.User.id == m.AgentState.user_id)
            .where(
                m.AgentState.user_id.in_(members),
                m.User.active.is_(True),
                m.AgentState.presence.in_(ROUTABLE),
            )
            .order_by(m.AgentState.user_id)
            .with_for_update(of=m.AgentState)
        )
    )


def _loads(session: Session, user_ids: Iterable[int], channel: str) -> dict[int, int]:
    rows = session.execute(
        select(m.Conversation.assignee_id, func.count())
        .where(
            m.Conversation.assignee_id.in_(list(user_ids)),
            m.Conversation.channel == channel,
            m.Conversation.status.in_(ACTIVE),
        )
        .group_by(m.Conversation.assignee_id)
    ).all()
    return {user_id: count for user_id, count in rows}


def route_queue(session: Session, queue_id: int, now: datetime | None = None) -> list[tuple[int, int]]:
    """Assign the queue's waiting conversations; returns (conversation id, agent id) pairs."""
    now = now or utcnow()
    queue = session.get(m.Queue, queue_id)
    if queue is None:
        return []
    agents = _agents_of(session, queue_id)
    if not agents:
        return []
    loads = _loads(session, [a.user_id for a in agents], queue.channel)
    room = {a.user_id: capacity_of(a, queue.channel) - loads.get(a.user_id, 0) for a in agents}
    waiting = session.scalars(
        select(m.Conversation)
        .where(
            m.Conversation.queue_id == queue_id,
            m.Conversation.status == ConversationStatus.OPEN.value,
            m.Conversation.assignee_id.is_(None),
        )
        .order_by(m.Conversation.created_at, m.Conversation.id)
    )
    done: list[tuple[int, int]] = []
    epoch = datetime.min.replace(tzinfo=now.tzinfo)
    for conversation in waiting:
        free = [a for a in agents if room[a.user_id] > 0]
        if not free:
            break
        agent = min(free, key=lambda a: (a.last_assigned_at or epoch, a.user_id))
        conversation.assignee_id = agent.user_id
        agent.last_assigned_at = now
        room[agent.user_id] -= 1
        _event(
            session, conversation, EventKind.ASSIGNED, {"from": None, "to": agent.user_id, "why": "routing"}, None, now
        )
        done.append((conversation.id, agent.user_id))
    session.flush()
    return done


def route_all(session: Session, now: datetime | None = None) -> list[tuple[int, int]]:
    now = now or utcnow()
    queue_ids = session.scalars(
        select(m.Conversation.queue_id)
        .where(m.Conversation.status == ConversationStatus.OPEN.value, m.Conversation.assignee_id.is_(None))
        .distinct()
    ).all()
    return [pair for queue_id in sorted(queue_ids) for pair in route_queue(session, queue_id, now)]


def move(
    session: Session,
    conversation: m.Conversation,
    to_queue_id: int,
    *,
    why: str,
    actor_id: int | None = None,
    now: datetime | None = None,
) -> m.Conversation:
    """Move a conversation with its whole context (messages, events, files) to another queue.

    Its rows change queue through the ORM, so the change log revokes them from whoever works
    only the old queue. The assignee stays if they also work the new queue.
    """
    now = now or utcnow()
    target = session.get(m.Queue, to_queue_id)
    if target is None:
        raise NotFound(f"queue {to_queue_id} does not exist")
    source = conversation.queue_id
    if source == to_queue_id:
        raise Invalid("the conversation is already on that queue")
    conversation.queue_id = to_queue_id
    for message in session.scalars(select(m.Message).where(m.Message.conversation_id == conversation.id)):
        message.queue_id = to_queue_id
        file_ids = [a["file_id"] for a in message.attachments if isinstance(a, dict) and "file_id" in a]
        if file_ids:
            session.execute(update(m.StoredFile).where(m.StoredFile.id.in_(file_ids)).values(queue_id=to_queue_id))
    for event in session.scalars(select(m.Event).where(m.Event.conversation_id == conversation.id)):
        event.queue_id = to_queue_id
    for callback in session.scalars(select(m.Callback).where(m.Callback.conversation_id == conversation.id)):
        callback.queue_id = to_queue_id
    if conversation.assignee_id is not None:
        assignee = session.get(m.User, conversation.assignee_id)
        if assignee is None or not can_see_queue(session, assignee, to_queue_id):
            conversation.assignee_id = None
    _event(
        session,
        conversation,
        EventKind.MOVED,
        {"from_queue_id": source, "to_queue_id": to_queue_id, "why": why},
        actor_id,
        now,
    )
    conversation.last_activity_at = now
    session.flush()
    return conversation


def manual_move(session: Session, actor: m.User, conversation_id: int, to_queue_id: int) -> m.Conversation:
    if Role(actor.role) not in SUPERVISING:
        raise Forbidden("only supervisors and admins move conversations between queues")
    conversation = session.get(m.Conversation, conversation_id)
    if conversation is None:
        raise NotFound(f"conversation {conversation_id} does not exist")
    move(session, conversation, to_queue_id, why="manual", actor_id=actor.id)
    route_queue(session, to_queue_id)
    return conversation


def overflow_target(session: Session, conversation: m.Conversation, now: datetime) -> int | None:
    """Where a new conversation goes when its queue is saturated, per the queue's rule, or None.

    Saturated: more than `max_waiting` others already wait, or the longest of them has waited
    over `max_wait_s`. One hop only: the overflow queue's own rule does not send it further.
    """
    policy = session.get(m.QueuePolicy, conversation.queue_id)
    rule = policy.overflow if policy is not None else {}
    if not rule or not rule.get("to_queue_id"):
        return None
    count, oldest = session.execute(
        select(func.count(), func.min(m.Conversation.created_at)).where(
            m.Conversation.queue_id == conversation.queue_id,
            m.Conversation.status == ConversationStatus.OPEN.value,
            m.Conversation.assignee_id.is_(None),
            m.Conversation.id != conversation.id,
        )
    ).one()
    max_waiting, max_wait_s = rule.get("max_waiting"), rule.get("max_wait_s")
    if max_waiting is not None and count > max_waiting:
        return int(rule["to_queue_id"])
    if max_wait_s is not None and oldest is not None and (now - oldest).total_seconds() > max_wait_s:
        return int(rule["to_queue_id"])
    return None


def opened(session: Session, conversation: m.Conversation, now: datetime) -> None:
    """A new conversation: overflow if its queue is saturated, due times from the queue it
    ends up on (its promise to the customer), then route it."""
    target = overflow_target(session, conversation, now)
    if target is not None:
        move(session, conversation, target, why="overflow", now=now)
    queue = session.get(m.Queue, conversation.queue_id)
    assert queue is not None
    sla.set_due_times(session, conversation, queue)
    route_queue(session, conversation.queue_id, now)
