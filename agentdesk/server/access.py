"""Who may see what: an agent sees the queues of their teams; other roles see every queue."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import Role
from agentdesk.server.db import models as m


def visible_queue_ids(session: Session, user: m.User) -> set[int]:
    if Role(user.role).sees_all_queues:
        return set(session.scalars(select(m.Queue.id)))
    return set(
        session.scalars(
            select(m.queue_teams.c.queue_id)
            .join(m.team_members, m.team_members.c.team_id == m.queue_teams.c.team_id)
            .where(m.team_members.c.user_id == user.id)
        )
    )


def can_see_queue(session: Session, user: m.User, queue_id: int | None) -> bool:
    if queue_id is None or Role(user.role).sees_all_queues:
        return True
    return queue_id in visible_queue_ids(session, user)
