"""Callbacks: offered from a conversation, listed for the agents of its queue, marked done or missed."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from agentdesk.server.api.deps import CurrentUser, IdempotencyKey, ReadSession, State, run_write
from agentdesk.server.api.schemas import ErrorOut
from agentdesk.server.changelog import row_payload
from agentdesk.server.db import models as m
from agentdesk.server.services import callbacks as svc

router = APIRouter(tags=["callbacks"])
Id = Annotated[int, Path(ge=1, le=2**62)]
ERRORS = {404: {"model": ErrorOut}, 409: {"model": ErrorOut}, 422: {"model": ErrorOut}}
Strict = ConfigDict(extra="forbid")
Channel = Literal["phone", "whatsapp", "email", "webchat"]
Status = Literal["requested", "scheduled", "done", "missed"]


class CallbackIn(BaseModel):
    model_config = Strict
    channel: Channel = Field("phone", description="phone (a call), or the channel to write back on")
    address: str | None = Field(
        None, max_length=320, description="Where to reach the customer; by default their first known one."
    )
    window_opens_at: AwareDatetime | None = None
    window_closes_at: AwareDatetime | None = None
    note: str | None = Field(None, max_length=2000)


class CallbackPatch(BaseModel):
    model_config = Strict
    status: Status | None = None
    assignee_id: int | None = None
    window_opens_at: AwareDatetime | None = None
    window_closes_at: AwareDatetime | None = None
    note: str | None = Field(None, max_length=2000)


class CallbackOut(BaseModel):
    id: int
    contact_id: int
    conversation_id: int | None
    queue_id: int
    channel: str
    address: str | None
    window_opens_at: AwareDatetime | None
    window_closes_at: AwareDatetime | None
    status: str
    assignee_id: int | None
    note: str | None
    created_by_id: int | None
    created_at: AwareDatetime
    updated_at: AwareDatetime


@router.post(
    "/api/v1/conversations/{conversation_id}/callbacks",
    status_code=201,
    response_model=CallbackOut,
    responses=ERRORS,
    summary="Offer the conversation's customer a callback",
)
def create_callback(
    conversation_id: Id, body: CallbackIn, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None
) -> Response:
    def op(session: Session, actor: m.User) -> tuple[int, dict[str, Any]]:
        callback = svc.create(
            session,
            actor,
            conversation_id,
            channel=body.channel,
            address=body.address,
            window_opens_at=body.window_opens_at,
            window_closes_at=body.window_closes_at,
            note=body.note,
            region=st.settings.default_region,
        )
        return 201, row_payload(callback)

    return run_write(st, request, user, key, body, op)


@router.get("/api/v1/callbacks", response_model=list[CallbackOut], summary="Callbacks of the queues one works")
def list_callbacks(
    user: CurrentUser,
    session: ReadSession,
    status: Annotated[list[Status] | None, Query(description="Default: requested and scheduled.")] = None,
    mine: bool = False,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[dict[str, Any]]:
    statuses = tuple(status or svc.OPEN)
    found = svc.listed(session, user, statuses=statuses, assignee_id=user.id if mine else None, limit=limit)
    return [row_payload(c) for c in found]


@router.patch("/api/v1/callbacks/{callback_id}", response_model=CallbackOut, responses=ERRORS)
def update_callback(
    callback_id: Id, body: CallbackPatch, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None
) -> Response:
    def op(session: Session, actor: m.User) -> tuple[int, dict[str, Any]]:
        changes = body.model_dump(exclude_unset=True)
        return 200, row_payload(svc.update(session, actor, callback_id, changes))

    return run_write(st, request, user, key, body, op)
