"""Queue administration: create and change queues with their channel settings and secrets; health.

Administrators write; supervisors may read. Secrets are accepted on write and never returned:
a response says only which ones are set (`{"imap_password": "set"}`). A secret sent as null
is removed; one not sent stays as it was. Settings are merged the same way.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from agentdesk.domain import assist_tuning
from agentdesk.domain.enums import ChannelKind, Role
from agentdesk.server.api.deps import CurrentUser, IdempotencyKey, ReadSession, State, run_write
from agentdesk.server.api.schemas import ErrorOut, Strict
from agentdesk.server.changelog import row_payload
from agentdesk.server.channels.email.account import SECRET_KEYS as EMAIL_SECRETS
from agentdesk.server.channels.email.account import AccountError, EmailAccount
from agentdesk.server.channels.whatsapp.config import config_errors as whatsapp_config_errors
from agentdesk.server.db import models as m
from agentdesk.server.services import admin
from agentdesk.server.services.errors import Conflict, Invalid, NotFound

router = APIRouter(tags=["queues"])
Id = Annotated[int, Path(ge=1, le=2**62)]
ERRORS = {403: {"model": ErrorOut}, 404: {"model": ErrorOut}, 409: {"model": ErrorOut}, 422: {"model": ErrorOut}}
SET = "set"
Secret = Annotated[str, Field(max_length=4096)]


class QueueIn(BaseModel):
    model_config = Strict
    name: str = Field(min_length=1, max_length=200)
    channel: ChannelKind
    team_ids: list[int] = Field(default_factory=list, max_length=100)
    settings: dict[str, Any] = Field(default_factory=dict, max_length=100)
    secrets: dict[str, Secret] = Field(default_factory=dict, max_length=20)
    sla_first_response_s: int | None = Field(None, ge=1)
    sla_resolution_s: int | None = Field(None, ge=1)


class QueuePatch(BaseModel):
    model_config = Strict
    name: str | None = Field(None, min_length=1, max_length=200)
    team_ids: list[int] | None = Field(None, max_length=100)
    settings: dict[str, Any] = Field(default_factory=dict, max_length=100, description="Merged; null removes a key.")
    secrets: dict[str, Secret | None] = Field(
        default_factory=dict, max_length=20, description="Merged; null removes a secret."
    )
    sla_first_response_s: int | None = Field(None, ge=1)
    sla_resolution_s: int | None = Field(None, ge=1)


class QueueAdminOut(BaseModel):
    id: int
    name: str
    channel: str
    team_ids: list[int]
    settings: dict[str, Any]
    secrets: dict[str, str] = Field(description='Which secrets are set, e.g. {"imap_password": "set"}; never values.')
    health: dict[str, Any]
    sla_first_response_s: int | None
    sla_resolution_s: int | None


class QueueHealthOut(BaseModel):
    queue_id: int
    channel: str
    status: str = Field(description='"ok", "warning", "error", or "unknown" before the channel first reported')
    message: str | None = None
    since: str | None = None
    checked_at: str | None = None
    notices: list[dict[str, Any]] = Field(default_factory=list)
    position: dict[str, Any] = Field(default_factory=dict, description="Where fetching is (IMAP UIDVALIDITY, UID).")


def _require(user: m.User, *roles: Role) -> None:
    if Role(user.role) not in roles:
        allowed = " or ".join(r.value for r in roles)
        raise HTTPException(403, f"only {allowed} users may do this")


def _reader(user: m.User) -> None:
    _require(user, Role.ADMIN, Role.SUPERVISOR)


def _out(session: Session, queue: m.Queue) -> dict[str, Any]:
    teams = session.scalars(select(m.queue_teams.c.team_id).where(m.queue_teams.c.queue_id == queue.id))
    return {
        **row_payload(queue),
        "team_ids": sorted(teams),
        "secrets": {key: SET for key, value in (queue.secrets or {}).items() if value},
    }


def _validate(channel: str, settings: dict[str, Any], secrets: dict[str, Any]) -> None:
    # The suggestions' thresholds (any channel); the desktop reads them from its cache.
    problems = assist_tuning.errors(settings.get(assist_tuning.SETTINGS_KEY))
    if problems:
        raise Invalid(f"assist settings: {'; '.join(problems)}")
    settings = {k: v for k, v in settings.items() if k != assist_tuning.SETTINGS_KEY}
    if channel == ChannelKind.WHATSAPP.value:
        # A queue may be created bare and set up later; once set up, it must be usable.
        errors = whatsapp_config_errors(settings, secrets) if settings or secrets else []
        if errors:
            raise Invalid(f"WhatsApp settings: {'; '.join(errors)}")
        return
    if channel != ChannelKind.EMAIL.value:
        return  # the web chat reads its settings with defaults and bounds (webchat.config)
    unknown = sorted(set(secrets) - EMAIL_SECRETS)
    if unknown:
        raise Invalid(f"unknown secrets for an email queue: {', '.join(unknown)}")
    if settings:
        try:
            EmailAccount.of(settings, secrets)
        except AccountError as exc:
            raise Invalid(f"email settings: {exc}") from None


def _set_teams(session: Session, queue_id: int, team_ids: list[int]) -> None:
    for team_id in team_ids:
        if session.get(m.Team, team_id) is None:
            raise NotFound(f"team {team_id} does not exist")
    session.execute(delete(m.queue_teams).where(m.queue_teams.c.queue_id == queue_id))
    for team_id in dict.fromkeys(team_ids):
        session.execute(insert(m.queue_teams).values(queue_id=queue_id, team_id=team_id))


def _name_free(session: Session, name: str, queue_id: int | None = None) -> None:
    other = session.scalar(select(m.Queue.id).where(m.Queue.name == name))
    if other is not None and other != queue_id:
        raise Conflict(f"a queue named {name!r} already exists")


@router.get("/api/v1/admin/queues", response_model=list[QueueAdminOut], responses=ERRORS)
def list_queues(user: CurrentUser, session: ReadSession) -> list[dict[str, Any]]:
    _reader(user)
    return [_out(session, q) for q in session.scalars(select(m.Queue).order_by(m.Queue.name))]


@router.get("/api/v1/admin/queues/{queue_id}", response_model=QueueAdminOut, responses=ERRORS)
def get_queue(queue_id: Id, user: CurrentUser, session: ReadSession) -> dict[str, Any]:
    _reader(user)
    queue = session.get(m.Queue, queue_id)
    if queue is None:
        raise NotFound(f"queue {queue_id} does not exist")
    return _out(session, queue)


@router.post("/api/v1/admin/queues", status_code=201, response_model=QueueAdminOut, responses=ERRORS)
def create_queue(body: QueueIn, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None) -> Response:
    _require(user, Role.ADMIN)

    def op(session: Session, _actor: m.User) -> tuple[int, dict[str, Any]]:
        _name_free(session, body.name)
        _validate(body.channel.value, body.settings, body.secrets)
        queue = admin.create_queue(
            session,
            body.name,
            body.channel,
            settings=body.settings,
            secrets=body.secrets,
            sla_first_response_s=body.sla_first_response_s,
            sla_resolution_s=body.sla_resolution_s,
        )
        _set_teams(session, queue.id, body.team_ids)
        session.flush()
        return 201, _out(session, queue)

    return run_write(st, request, user, key, body, op)


@router.patch("/api/v1/admin/queues/{queue_id}", response_model=QueueAdminOut, responses=ERRORS)
def update_queue(
    queue_id: Id, body: QueuePatch, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None
) -> Response:
    _require(user, Role.ADMIN)

    def op(session: Session, _actor: m.User) -> tuple[int, dict[str, Any]]:
        queue = session.get(m.Queue, queue_id)
        if queue is None:
            raise NotFound(f"queue {queue_id} does not exist")
        settings = _merged(queue.settings, body.settings)
        secrets = _merged(queue.secrets, body.secrets)
        _validate(queue.channel, settings, secrets)
        if body.name is not None:
            _name_free(session, body.name, queue.id)
            queue.name = body.name
        queue.settings = settings
        queue.secrets = secrets
        for field in ("sla_first_response_s", "sla_resolution_s"):
            if field in body.model_fields_set:
                setattr(queue, field, getattr(body, field))
        if body.team_ids is not None:
            _set_teams(session, queue.id, body.team_ids)
        session.flush()
        return 200, _out(session, queue)

    return run_write(st, request, user, key, body, op)


@router.get("/api/v1/queues/{queue_id}/health", response_model=QueueHealthOut, responses=ERRORS)
def queue_health(queue_id: Id, user: CurrentUser, session: ReadSession) -> dict[str, Any]:
    _reader(user)
    queue = session.get(m.Queue, queue_id)
    if queue is None:
        raise NotFound(f"queue {queue_id} does not exist")
    health = queue.health or {}
    state = queue.channel_state or {}
    return {
        "queue_id": queue.id,
        "channel": queue.channel,
        "status": health.get("status", "unknown"),
        "message": health.get("message"),
        "since": health.get("since"),
        "checked_at": health.get("checked_at"),
        "notices": health.get("notices", []),
        "position": {k: state[k] for k in ("uidvalidity", "last_uid") if k in state},
    }


def _merged(current: dict[str, Any] | None, changes: dict[str, Any]) -> dict[str, Any]:
    merged = dict(current or {})
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged
