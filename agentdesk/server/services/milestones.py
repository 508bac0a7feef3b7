"""A conversation's first assignment and abandonment, copied from its events onto its row.

Through a `before_flush` hook rather than in each write path: routing, a supervisor's
assignment, the web chat and the simulator all add these events their own way, and every
one of them must keep the row in step, since the live figures read only the row.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from agentdesk.domain.enums import EventKind
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow

MILESTONES = {EventKind.ASSIGNED.value: "first_assigned_at", EventKind.ABANDONED.value: "abandoned_at"}


@event.listens_for(Session, "before_flush")
def _stamp(session: Session, _context: Any, _instances: Any) -> None:
    for obj in list(session.new):
        if not isinstance(obj, m.Event) or obj.conversation_id is None or obj.kind not in MILESTONES:
            continue
        with session.no_autoflush:
            conversation = session.get(m.Conversation, obj.conversation_id)
        column = MILESTONES[obj.kind]
        obj.occurred_at = obj.occurred_at or utcnow()
        if conversation is not None and (
            getattr(conversation, column) is None or obj.occurred_at < getattr(conversation, column)
        ):
            setattr(conversation, column, obj.occurred_at)
