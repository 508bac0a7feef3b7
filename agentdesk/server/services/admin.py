"""Users, teams and queues; membership changes tell the affected clients what they lost or gained."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChangeOp, ChannelKind, Role
from agentdesk.server import auth
from agentdesk.server.access import visible_queue_ids
from agentdesk.server.changelog import append_changes, change_row
from agentdesk.server.db import models as m
from agentdesk.server.services import qa
from agentdesk.server.services.errors import Conflict, Invalid, NotFound


def create_user(
    session: Session,
    username: str,
    password: str,
    role: Role,
    display_name: str | None = None,
    email: str | None = None,
    language: str = "en",
) -> m.User:
    if len(password) < 8:
        raise Invalid("a password needs at least 8 characters")
    if session.scalar(select(m.User.id).where(m.User.username == username)) is not None:
        raise Conflict(f"user {username!r} already exists")
    user = m.User(
        username=username,
        display_name=display_name or username,
        email=email,
        role=role.value,
        language=language,
        password_hash=auth.hash_password(password),
    )
    session.add(user)
    session.flush()
    return user


def create_team(session: Session, name: str) -> m.Team:
    team = m.Team(name=name)
    session.add(team)
    session.flush()
    return team


def create_queue(
    session: Session,
    name: str,
    channel: ChannelKind,
    *,
    teams: list[m.Team] = (),  # type: ignore[assignment]
    settings: dict[str, Any] | None = None,
    secrets: dict[str, Any] | None = None,
    sla_first_response_s: int | None = None,
    sla_resolution_s: int | None = None,
) -> m.Queue:
    queue = m.Queue(
        name=name,
        channel=channel.value,
        settings=settings or {},
        secrets=secrets or {},
        sla_first_response_s=sla_first_response_s,
        sla_resolution_s=sla_resolution_s,
    )
    session.add(queue)
    session.flush()
    for team in teams:
        session.execute(insert(m.queue_teams).values(queue_id=queue.id, team_id=team.id))
    return queue


def set_membership(session: Session, user_id: int, team_id: int, member: bool) -> None:
    """Add or remove a team member; the feed then tells that user's clients what changed."""
    user = _user(session, user_id)
    if session.get(m.Team, team_id) is None:
        raise NotFound(f"team {team_id} does not exist")
    before = visible_queue_ids(session, user)
    qa_before = qa.readers_of_team(session, user_id, team_id)
    session.execute(
        delete(m.team_members).where(m.team_members.c.user_id == user_id, m.team_members.c.team_id == team_id)
    )
    if member:
        session.execute(insert(m.team_members).values(user_id=user_id, team_id=team_id))
    # QA reviews are read by person: the member and the team's leads may gain or lose some.
    append_changes(session, _queue_changes(session, user, before) + qa.access_changes(session, qa_before))


def set_role(session: Session, user_id: int, role: Role) -> m.User:
    """Change a user's role; the feed then revokes what they may no longer read and brings what they now may."""
    user = _user(session, user_id)
    before = visible_queue_ids(session, user)
    qa_before = qa.reach_of(session, [user_id])
    user.role = role.value
    session.flush()
    append_changes(session, _queue_changes(session, user, before) + qa.access_changes(session, qa_before))
    return user


def set_active(session: Session, user_id: int, active: bool) -> m.User:
    """Deactivate (or reactivate) an account: it can no longer sign in, and the QA rows it could read
    are revoked from its feed (brought back, as they are now, when it is reactivated)."""
    user = _user(session, user_id)
    qa_before = qa.reach_of(session, [user_id])
    user.active = active
    session.flush()
    append_changes(session, qa.access_changes(session, qa_before))
    return user


def _user(session: Session, user_id: int) -> m.User:
    user = session.get(m.User, user_id)
    if user is None:
        raise NotFound(f"user {user_id} does not exist")
    return user


def _queue_changes(session: Session, user: m.User, before: set[int]) -> list[dict[str, Any]]:
    """A revoke for each queue `user` no longer sees; a resync when they see new ones."""
    after = visible_queue_ids(session, user)
    rows = [
        change_row("queue", queue_id, ChangeOp.REVOKE, {"id": queue_id}, audience_user_id=user.id)
        for queue_id in sorted(before - after)
    ]
    if after - before:
        # Rows they never received: their clients take a fresh snapshot.
        rows.append(
            change_row(
                "user",
                user.id,
                ChangeOp.RESYNC,
                {"queue_ids": sorted(after - before)},
                audience_user_id=user.id,
            )
        )
    return rows
