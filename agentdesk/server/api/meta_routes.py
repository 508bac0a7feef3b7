"""Health, the signed-in user, and the directory of queues and users."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from sqlalchemy import select, text

from agentdesk import __version__
from agentdesk.server import feed
from agentdesk.server.access import visible_queue_ids
from agentdesk.server.api.deps import CurrentUser, ReadSession
from agentdesk.server.api.schemas import HealthOut, MeOut, QueueOut, UserOut
from agentdesk.server.changelog import row_payload
from agentdesk.server.db import models as m

router = APIRouter(prefix="/api/v1", tags=["meta"])


@router.get("/health", response_model=HealthOut, summary="Answers when the server and its database work")
def health(session: ReadSession) -> dict[str, Any]:
    try:
        session.execute(text("SELECT 1"))
        head = feed.head_seq(session)
    except Exception as exc:  # any database failure is exactly what health must report
        raise HTTPException(503, f"the database does not answer: {exc.__class__.__name__}") from exc
    return {"status": "ok", "database": session.get_bind().dialect.name, "version": __version__, "head": head}


@router.get("/me", response_model=MeOut)
def me(user: CurrentUser, session: ReadSession) -> dict[str, Any]:
    teams = session.scalars(select(m.team_members.c.team_id).where(m.team_members.c.user_id == user.id))
    return {
        **row_payload(user),
        "queue_ids": sorted(visible_queue_ids(session, user)),
        "team_ids": sorted(teams),
    }


@router.get("/queues", response_model=list[QueueOut], summary="The queues the caller works")
def queues(user: CurrentUser, session: ReadSession) -> list[dict[str, Any]]:
    ids = visible_queue_ids(session, user)
    rows = session.scalars(select(m.Queue).where(m.Queue.id.in_(ids)).order_by(m.Queue.name))
    return [row_payload(q) for q in rows]


@router.get("/users", response_model=list[UserOut], summary="Everyone who can be assigned work")
def users(_user: CurrentUser, session: ReadSession) -> list[dict[str, Any]]:
    rows = session.scalars(select(m.User).where(m.User.active.is_(True)).order_by(m.User.display_name))
    return [row_payload(u) for u in rows]
