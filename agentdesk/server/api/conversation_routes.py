"""Conversations: read one, reply, note, status, snooze, assign."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ConversationStatus, MessageKind
from agentdesk.server.api.deps import CurrentUser, IdempotencyKey, ReadSession, State, run_write
from agentdesk.server.api.schemas import (
    AssignIn,
    ConversationDetailOut,
    ConversationOut,
    ErrorOut,
    MessageOut,
    NoteIn,
    ReplyIn,
    SnoozeIn,
    StatusIn,
)
from agentdesk.server.changelog import row_payload
from agentdesk.server.channels.whatsapp.outbound import template_text
from agentdesk.server.db import models as m
from agentdesk.server.services import conversations as svc
from agentdesk.server.services import mentions

router = APIRouter(prefix="/api/v1/conversations", tags=["conversations"])
Id = Annotated[int, Path(ge=1, le=2**62)]
ERRORS = {404: {"model": ErrorOut}, 409: {"model": ErrorOut}, 422: {"model": ErrorOut}}


@router.get("/{conversation_id}", response_model=ConversationDetailOut, responses=ERRORS)
def get_conversation(conversation_id: Id, user: CurrentUser, session: ReadSession) -> dict[str, Any]:
    conversation = svc.visible_conversation(session, user, conversation_id)
    messages = session.scalars(
        select(m.Message)
        .where(m.Message.conversation_id == conversation.id)
        .order_by(m.Message.created_at, m.Message.id)
    )
    events = session.scalars(
        select(m.Event).where(m.Event.conversation_id == conversation.id).order_by(m.Event.occurred_at, m.Event.id)
    )
    return {
        **row_payload(conversation),
        "messages": [row_payload(x) for x in messages],
        "events": [row_payload(x) for x in events],
    }


@router.post(
    "/{conversation_id}/messages",
    status_code=201,
    response_model=MessageOut,
    responses=ERRORS,
    summary="Reply to the customer (on this channel or another of the contact's addresses)",
)
def post_reply(
    conversation_id: Id,
    body: ReplyIn,
    request: Request,
    user: CurrentUser,
    st: State,
    key: IdempotencyKey = None,
) -> Response:
    def op(session: Session, actor: m.User) -> tuple[int, dict[str, Any]]:
        meta: dict[str, Any] = {"cc": body.cc} if body.cc else {}
        text = body.text
        whatsapp: dict[str, Any] = {}
        if body.template is not None:
            whatsapp["template"] = body.template.model_dump()
            text = text or template_text(whatsapp["template"])
        if body.media is not None:
            whatsapp["media"] = body.media.model_dump(exclude_none=True)
            text = text or body.media.caption or body.media.filename or body.media.kind
        if body.in_reply_to_id is not None:
            whatsapp["reply_to"] = body.in_reply_to_id
        if whatsapp:
            meta["whatsapp"] = whatsapp
        message = svc.reply(
            session,
            actor,
            conversation_id,
            text,
            html=body.html,
            subject=body.subject,
            identity_id=body.identity_id,
            meta=meta,
            attachment_ids=body.attachment_ids,
        )
        return 201, row_payload(message)

    return run_write(st, request, user, key, body, op)


@router.post(
    "/{conversation_id}/notes",
    status_code=201,
    response_model=MessageOut,
    responses=ERRORS,
    summary="Add a private note, never sent to the customer",
)
def post_note(
    conversation_id: Id,
    body: NoteIn,
    request: Request,
    user: CurrentUser,
    st: State,
    key: IdempotencyKey = None,
) -> Response:
    def op(session: Session, actor: m.User) -> tuple[int, dict[str, Any]]:
        note = svc.reply(session, actor, conversation_id, body.text, kind=MessageKind.NOTE)
        mentions.record(session, actor, note)
        return 201, row_payload(note)

    return run_write(st, request, user, key, body, op)


@router.post("/{conversation_id}/status", response_model=ConversationOut, responses=ERRORS)
def post_status(
    conversation_id: Id,
    body: StatusIn,
    request: Request,
    user: CurrentUser,
    st: State,
    key: IdempotencyKey = None,
) -> Response:
    def op(session: Session, actor: m.User) -> tuple[int, dict[str, Any]]:
        return 200, row_payload(svc.set_status(session, actor, conversation_id, ConversationStatus(body.status)))

    return run_write(st, request, user, key, body, op)


@router.post("/{conversation_id}/snooze", response_model=ConversationOut, responses=ERRORS)
def post_snooze(
    conversation_id: Id,
    body: SnoozeIn,
    request: Request,
    user: CurrentUser,
    st: State,
    key: IdempotencyKey = None,
) -> Response:
    def op(session: Session, actor: m.User) -> tuple[int, dict[str, Any]]:
        return 200, row_payload(svc.snooze(session, actor, conversation_id, body.until))

    return run_write(st, request, user, key, body, op)


@router.post("/{conversation_id}/assign", response_model=ConversationOut, responses=ERRORS)
def post_assign(
    conversation_id: Id,
    body: AssignIn,
    request: Request,
    user: CurrentUser,
    st: State,
    key: IdempotencyKey = None,
) -> Response:
    def op(session: Session, actor: m.User) -> tuple[int, dict[str, Any]]:
        return 200, row_payload(svc.assign(session, actor, conversation_id, body.assignee_id))

    return run_write(st, request, user, key, body, op)
