"""Presence, capacity, queue policies, moves between queues and the live figures.

Figures and policies are for supervisors and admins; an agent gets 403 (they know the
wallboard exists; what they must not get are other teams' numbers).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from agentdesk.domain.enums import Role
from agentdesk.domain.sla import Calendar
from agentdesk.server.api.deps import CurrentUser, IdempotencyKey, ReadSession, State, run_write
from agentdesk.server.api.schemas import ConversationOut, ErrorOut
from agentdesk.server.changelog import dumps, row_payload
from agentdesk.server.db import models as m
from agentdesk.server.services import metrics, routing
from agentdesk.server.services.errors import Forbidden, Invalid, NotFound

router = APIRouter(prefix="/api/v1", tags=["supervision"])
Id = Annotated[int, Path(ge=1, le=2**62)]
ERRORS = {403: {"model": ErrorOut}, 404: {"model": ErrorOut}, 422: {"model": ErrorOut}}


class PresenceIn(BaseModel):
    presence: Literal["available", "busy", "away", "offline"]


class AgentStateOut(BaseModel):
    user_id: int
    presence: str
    presence_since: datetime
    capacity: dict[str, int]


class CapacityIn(BaseModel):
    capacity: dict[str, Annotated[int, Field(ge=0, le=routing.MAX_CAPACITY)]] = Field(
        description='Conversations at once per channel, e.g. {"webchat": 1, "whatsapp": 5, "email": 10}'
    )


class OverflowRule(BaseModel):
    action: Literal["move", "offer"] = Field(
        "move",
        description="move: new contacts go to `to_queue_id`; offer: a waiting customer is offered, in their "
        "conversation, to continue on the channels in `offer` (a timeline event records it)",
    )
    to_queue_id: int | None = Field(None, description="where `move` sends contacts")
    max_waiting: int | None = Field(
        None, ge=0, description="overflow when more than this many already wait (ahead of the contact, for offer)"
    )
    max_wait_s: int | None = Field(
        None, ge=0, description="overflow when the longest wait is over this (the contact's own wait, for offer)"
    )
    offer: list[Literal["whatsapp", "email", "callback"]] = Field(
        default_factory=list, description="what `offer` proposes instead of waiting"
    )


class PolicyIn(BaseModel):
    service_level_s: int = Field(60, ge=1, le=86400)
    short_abandon_s: int = Field(0, ge=0, le=3600)
    calendar: dict[str, Any] = Field(
        default_factory=dict,
        description='{"timezone": "Europe/Madrid", "hours": {"mon": [["09:00", "18:00"]]}, "holidays": ["2026-12-25"]}',
    )
    overflow: OverflowRule | None = None
    sla_first_response_s: int | None = Field(None, ge=1)
    sla_resolution_s: int | None = Field(None, ge=1)


class MoveIn(BaseModel):
    queue_id: int = Field(ge=1)


class PolicyOut(BaseModel):
    queue_id: int
    service_level_s: int
    short_abandon_s: int
    calendar: dict[str, Any]
    overflow: OverflowRule | None
    sla_first_response_s: int | None
    sla_resolution_s: int | None


class FiguresOut(BaseModel):
    """A period's figures; formulas in `agentdesk.domain.metrics`. Rates over nothing are null."""

    offered: int
    answered: int
    abandoned: int
    resolved: int
    average_wait_s: float | None
    service_level_pct: float | None
    abandonment_rate_pct: float | None
    first_response_time_s: float | None
    average_handle_time_s: float | None
    csat_pct: float | None
    nps: float | None
    deflection_rate_pct: float | None
    repeat_contact_rate_pct: float | None
    occupancy_pct: float | None = Field(
        description="handle time ÷ staffed time (the queue's agents available or busy), from presence history"
    )
    survey_answers: int


class LiveOut(BaseModel):
    waiting_now: int
    longest_wait_now_s: float | None
    occupancy_pct: float | None
    agents_by_presence: dict[str, int]


class AgentOut(BaseModel):
    user_id: int
    name: str
    presence: str
    presence_since: datetime | None
    capacity: int = Field(description="on the queue's channel")
    active: int = Field(description="open and pending conversations on the queue's channel")


class QueueFiguresOut(BaseModel):
    queue_id: int
    name: str
    channel: str
    service_level_threshold_s: int
    today: FiguresOut
    live: LiveOut
    agents: list[AgentOut]


class ChannelFiguresOut(BaseModel):
    channel: str
    today: FiguresOut
    live: LiveOut


class MetricsOut(BaseModel):
    computed_at: datetime
    day_start: datetime
    queues: list[QueueFiguresOut]
    channels: list[ChannelFiguresOut]


class IntervalOut(FiguresOut):
    start: datetime


class QueueIntervalsOut(BaseModel):
    queue_id: int
    intervals: list[IntervalOut] = Field(description="only intervals with activity")


class IntervalsOut(BaseModel):
    computed_at: datetime
    start: datetime
    interval_minutes: int
    queues: list[QueueIntervalsOut]


def _state_out(state: m.AgentState) -> dict[str, Any]:
    channels = routing.DEFAULT_CAPACITY
    return {
        "user_id": state.user_id,
        "presence": state.presence,
        "presence_since": state.presence_since,
        "capacity": {channel: routing.capacity_of(state, channel) for channel in channels},
    }


def _supervising(user: m.User) -> None:
    if Role(user.role) not in routing.SUPERVISING:
        raise HTTPException(403, "the live figures are for supervisors and admins")


@router.post(
    "/me/presence", response_model=AgentStateOut, summary="Set your presence; becoming available routes work to you"
)
def set_presence(
    body: PresenceIn, request: Request, st: State, user: CurrentUser, key: IdempotencyKey = None
) -> Response:
    def op(session: Any, actor: m.User) -> tuple[int, Any]:
        return 200, _state_out(routing.set_presence(session, actor, body.presence))

    return run_write(st, request, user, key, body, op)


@router.get("/me/presence", response_model=AgentStateOut)
def get_presence(user: CurrentUser, session: ReadSession) -> dict[str, Any]:
    state = session.get(m.AgentState, user.id)
    if state is None:
        state = m.AgentState(user_id=user.id, presence="offline", presence_since=user.created_at, capacity={})
    return _state_out(state)


@router.patch("/users/{user_id}/capacity", response_model=AgentStateOut, responses=ERRORS)
def set_capacity(
    user_id: Id, body: CapacityIn, request: Request, st: State, user: CurrentUser, key: IdempotencyKey = None
) -> Response:
    def op(session: Any, actor: m.User) -> tuple[int, Any]:
        return 200, _state_out(routing.set_capacity(session, actor, user_id, body.capacity))

    return run_write(st, request, user, key, body, op)


@router.put(
    "/queues/{queue_id}/policy",
    response_model=PolicyOut,
    responses=ERRORS,
    summary="Service level, business hours, SLA and overflow",
)
def set_policy(
    queue_id: Id, body: PolicyIn, request: Request, st: State, user: CurrentUser, key: IdempotencyKey = None
) -> Response:
    def op(session: Any, actor: m.User) -> tuple[int, Any]:
        if Role(actor.role) not in routing.SUPERVISING:
            raise Forbidden("only supervisors and admins set a queue's policy")
        queue = session.get(m.Queue, queue_id)
        if queue is None:
            raise NotFound(f"queue {queue_id} does not exist")
        try:
            Calendar.from_settings(body.calendar)
        except (ValueError, KeyError, TypeError) as exc:
            raise Invalid(f"the calendar is not valid: {exc}") from exc
        if body.overflow is not None:
            _check_overflow(session, queue_id, body.overflow)
        policy = session.get(m.QueuePolicy, queue_id) or m.QueuePolicy(queue_id=queue_id)
        policy.service_level_s = body.service_level_s
        policy.short_abandon_s = body.short_abandon_s
        policy.calendar = body.calendar
        policy.overflow = body.overflow.model_dump() if body.overflow else {}
        session.add(policy)
        queue.sla_first_response_s = body.sla_first_response_s
        queue.sla_resolution_s = body.sla_resolution_s
        session.flush()
        return 200, _policy_out(queue, policy)

    return run_write(st, request, user, key, body, op)


def _check_overflow(session: Any, queue_id: int, rule: OverflowRule) -> None:
    if rule.action == "move":
        if rule.to_queue_id is None or rule.to_queue_id == queue_id or session.get(m.Queue, rule.to_queue_id) is None:
            raise Invalid("overflow goes to another existing queue")
        if rule.offer:
            raise Invalid("a move offers nothing; use action 'offer' to offer other channels")
        return
    if rule.to_queue_id is not None:
        raise Invalid("an offer moves nothing: leave to_queue_id out, or use action 'move'")
    if not rule.offer or len(set(rule.offer)) != len(rule.offer):
        raise Invalid("an offer names one or more of whatsapp, email and callback, each once")


def _policy_out(queue: m.Queue, policy: m.QueuePolicy | None) -> dict[str, Any]:
    return {
        "queue_id": queue.id,
        "service_level_s": policy.service_level_s if policy else metrics.DEFAULT_SERVICE_LEVEL_S,
        "short_abandon_s": policy.short_abandon_s if policy else 0,
        "calendar": policy.calendar if policy else {},
        "overflow": (policy.overflow or None) if policy else None,
        "sla_first_response_s": queue.sla_first_response_s,
        "sla_resolution_s": queue.sla_resolution_s,
    }


@router.get("/queues/{queue_id}/policy", response_model=PolicyOut, responses=ERRORS)
def get_policy(queue_id: Id, user: CurrentUser, session: ReadSession) -> dict[str, Any]:
    _supervising(user)
    queue = session.get(m.Queue, queue_id)
    if queue is None:
        raise HTTPException(404, f"queue {queue_id} does not exist")
    return _policy_out(queue, session.get(m.QueuePolicy, queue_id))


@router.post(
    "/conversations/{conversation_id}/move",
    response_model=ConversationOut,
    responses=ERRORS,
    summary="Move a conversation, with its messages and events, to another queue (supervisors, admins)",
)
def move(
    conversation_id: Id, body: MoveIn, request: Request, st: State, user: CurrentUser, key: IdempotencyKey = None
) -> Response:
    def op(session: Any, actor: m.User) -> tuple[int, Any]:
        return 200, row_payload(routing.manual_move(session, actor, conversation_id, body.queue_id))

    return run_write(st, request, user, key, body, op)


@router.get(
    "/metrics/queues",
    response_model=MetricsOut,
    responses=ERRORS,
    summary="Today's figures and live values per queue and per channel",
)
def queue_metrics(user: CurrentUser, session: ReadSession) -> Response:
    _supervising(user)
    return Response(dumps(metrics.current(session)), media_type="application/json")


@router.get(
    "/metrics/intervals",
    response_model=IntervalsOut,
    responses=ERRORS,
    summary="15-minute intervals of today and the days before",
)
def interval_metrics(
    user: CurrentUser, session: ReadSession, st: State, days: Annotated[int, Query(ge=1, le=31)] = 7
) -> Response:
    _supervising(user)
    return Response(dumps(metrics.intervals(session, days, cache=st.interval_cache)), media_type="application/json")
