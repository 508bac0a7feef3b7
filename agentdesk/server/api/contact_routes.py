"""Contacts: details, the cross-channel timeline, attributes, identities, merge and unmerge."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind
from agentdesk.server.api.deps import CurrentUser, IdempotencyKey, ReadSession, State, run_write
from agentdesk.server.api.schemas import (
    AttributesIn,
    ContactDetailOut,
    ContactOut,
    ErrorOut,
    IdentityIn,
    IdentityOut,
    MergeIn,
    MergeOut,
    TimelineOut,
)
from agentdesk.server.changelog import row_payload
from agentdesk.server.db import models as m
from agentdesk.server.services import contacts as svc
from agentdesk.server.timeline import contact_timeline

router = APIRouter(prefix="/api/v1/contacts", tags=["contacts"])
Id = Annotated[int, Path(ge=1, le=2**62)]
ERRORS = {404: {"model": ErrorOut}, 409: {"model": ErrorOut}, 422: {"model": ErrorOut}}


def _contact_or_404(session: Session, contact_id: int) -> m.Contact:
    contact = session.get(m.Contact, contact_id)
    if contact is None:
        raise HTTPException(404, f"contact {contact_id} does not exist")
    return contact


@router.get("/{contact_id}", response_model=ContactDetailOut, responses=ERRORS)
def get_contact(contact_id: Id, _user: CurrentUser, session: ReadSession) -> dict[str, Any]:
    contact = _contact_or_404(session, contact_id)
    identities = session.scalars(select(m.Identity).where(m.Identity.contact_id == contact.id).order_by(m.Identity.id))
    return {**row_payload(contact), "identities": [row_payload(i) for i in identities]}


@router.get(
    "/{contact_id}/timeline",
    response_model=TimelineOut,
    responses=ERRORS,
    summary="Every message and event of the contact, across channels, newest first",
)
def get_timeline(
    contact_id: Id,
    user: CurrentUser,
    session: ReadSession,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    before: Annotated[str | None, Query(max_length=100)] = None,
    channel: Annotated[list[ChannelKind] | None, Query()] = None,
) -> dict[str, Any]:
    _contact_or_404(session, contact_id)
    return contact_timeline(
        session, user, contact_id, limit=limit, before=before, channels=[c.value for c in channel or []]
    )


@router.patch("/{contact_id}", response_model=ContactOut, responses=ERRORS, summary="Set name, language, attributes")
def patch_contact(
    contact_id: Id,
    body: AttributesIn,
    request: Request,
    user: CurrentUser,
    st: State,
    key: IdempotencyKey = None,
) -> Response:
    def op(session: Session, _actor: m.User) -> tuple[int, dict[str, Any]]:
        contact = svc.set_attributes(session, contact_id, body.name, body.language, body.set, body.unset)
        session.flush()
        return 200, row_payload(contact)

    return run_write(st, request, user, key, body, op)


@router.post("/{contact_id}/identities", status_code=201, response_model=IdentityOut, responses=ERRORS)
def post_identity(
    contact_id: Id,
    body: IdentityIn,
    request: Request,
    user: CurrentUser,
    st: State,
    key: IdempotencyKey = None,
) -> Response:
    def op(session: Session, _actor: m.User) -> tuple[int, dict[str, Any]]:
        address = svc.parse_address(body.kind, body.address, st.settings.default_region)
        return 201, row_payload(svc.add_identity(session, contact_id, address))

    return run_write(st, request, user, key, body, op)


@router.post(
    "/merge",
    status_code=201,
    response_model=MergeOut,
    responses=ERRORS,
    summary="Merge one contact into another; the answer's id undoes it",
)
def post_merge(body: MergeIn, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None) -> Response:
    def op(session: Session, actor: m.User) -> tuple[int, dict[str, Any]]:
        return 201, _merge_out(svc.merge(session, body.survivor_id, body.merged_id, actor.id))

    return run_write(st, request, user, key, body, op)


@router.post("/merges/{merge_id}/undo", response_model=MergeOut, responses=ERRORS, summary="Undo a merge")
def post_unmerge(merge_id: Id, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None) -> Response:
    def op(session: Session, actor: m.User) -> tuple[int, dict[str, Any]]:
        return 200, _merge_out(svc.unmerge(session, merge_id, actor.id))

    return run_write(st, request, user, key, None, op)


def _merge_out(record: m.ContactMerge) -> dict[str, Any]:
    return {
        "id": record.id,
        "survivor_id": record.survivor_id,
        "merged_id": record.merged_id,
        "moved_identity_ids": record.moved_identity_ids,
        "moved_conversation_ids": record.moved_conversation_ids,
        "moved_event_ids": record.moved_event_ids,
        "created_at": record.created_at,
        "undone_at": record.undone_at,
    }
