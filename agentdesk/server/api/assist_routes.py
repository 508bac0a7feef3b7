"""Suggestions (accepted or dismissed, so that deflections can be counted) and WhatsApp reminders."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from agentdesk.server.api.deps import CurrentUser, IdempotencyKey, State, run_write
from agentdesk.server.api.schemas import ErrorOut, EventOut, TemplateIn
from agentdesk.server.changelog import row_payload
from agentdesk.server.db import models as m
from agentdesk.server.services import assist as svc

router = APIRouter(prefix="/api/v1/conversations", tags=["assist"])
Id = Annotated[int, Path(ge=1, le=2**62)]
ERRORS = {404: {"model": ErrorOut}, 422: {"model": ErrorOut}}
Strict = ConfigDict(extra="forbid")


class SuggestionIn(BaseModel):
    model_config = Strict
    outcome: Literal["accepted", "dismissed"]
    kind: str = Field(min_length=1, max_length=40, description="template, reminder, repeat_contact, callback…")
    article_id: int | None = Field(None, description="The knowledge-base article it offered, for deflections.")
    title: str | None = Field(None, max_length=500)


class ReminderIn(BaseModel):
    model_config = Strict
    due_at: datetime = Field(description="When to send it, with a time zone.")
    template: TemplateIn
    starts_at: str | None = Field(None, max_length=50, description="The appointment it reminds of.")
    event_id: int | None = Field(None, description="The appointment event on the timeline.")


@router.post(
    "/{conversation_id}/suggestions",
    status_code=201,
    response_model=EventOut,
    responses=ERRORS,
    summary="Record that the agent accepted or dismissed a suggestion",
)
def post_suggestion(
    conversation_id: Id, body: SuggestionIn, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None
) -> Response:
    def op(session: Session, actor: m.User) -> tuple[int, dict[str, Any]]:
        event = svc.record_suggestion(
            session,
            actor,
            conversation_id,
            accepted=body.outcome == "accepted",
            kind=body.kind,
            article_id=body.article_id,
            title=body.title,
        )
        return 201, row_payload(event)

    return run_write(st, request, user, key, body, op)


@router.post(
    "/{conversation_id}/reminders",
    status_code=201,
    response_model=EventOut,
    responses=ERRORS,
    summary="Schedule a WhatsApp template reminder to the conversation's customer",
)
def post_reminder(
    conversation_id: Id, body: ReminderIn, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None
) -> Response:
    def op(session: Session, actor: m.User) -> tuple[int, dict[str, Any]]:
        about: dict[str, Any] = {"about": "appointment"} if body.starts_at else {}
        if body.starts_at:
            about["starts_at"] = body.starts_at
        if body.event_id is not None:
            about["event_id"] = body.event_id
        event = svc.schedule_reminder(
            session, actor, conversation_id, due_at=body.due_at, template=body.template.model_dump(), about=about
        )
        return 201, row_payload(event)

    return run_write(st, request, user, key, body, op)
