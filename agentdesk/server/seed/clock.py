"""Backdating what the services write to the moment a seeded story happened."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow


class HistoricalClock:
    """Gives what the services write inside `at(when)` the time `when` instead of the real now.

    Only rows added inside the block and conversations changed inside it are touched, and
    only stamps the real clock made (at or after the clock was created): a future
    appointment or a due time the services computed keep their values.
    """

    _STAMPS: ClassVar[dict[type[m.Base], tuple[str, ...]]] = {
        m.Contact: ("created_at", "updated_at"),
        m.Identity: ("created_at",),
        m.Conversation: (
            "created_at",
            "last_activity_at",
            "first_response_at",
            "first_assigned_at",
            "abandoned_at",
            "resolved_at",
        ),
        m.Message: ("created_at",),
        m.Event: ("occurred_at",),
    }
    # Filled in by column defaults at insert time, so still None when a flush begins.
    _DEFAULTED = frozenset({"created_at", "updated_at"})

    def __init__(self, session: Session) -> None:
        self._session = session
        self._real_start = utcnow()
        self._at: datetime | None = None
        self._added: list[m.Base] = []
        event.listen(session, "transient_to_pending", self._adopt)
        event.listen(session, "before_flush", self._backdate)

    @contextmanager
    def at(self, when: datetime) -> Iterator[None]:
        self._at = when
        try:
            yield
            self._session.flush()
        finally:
            self._at = None
            self._added.clear()

    def _adopt(self, _session: Session, obj: Any) -> None:
        if self._at is not None:
            self._added.append(obj)

    def _backdate(self, session: Session, _context: Any, _instances: Any) -> None:
        if self._at is None:
            return
        touched = [*self._added, *(obj for obj in session.dirty if isinstance(obj, m.Conversation | m.Contact))]
        for obj in touched:
            for attr in self._STAMPS.get(type(obj), ()):
                value = getattr(obj, attr)
                if (value is None and attr in self._DEFAULTED) or (value is not None and value >= self._real_start):
                    setattr(obj, attr, self._at)
            if isinstance(obj, m.Contact) and obj in session.dirty:
                # Its `onupdate` would stamp the real now; flagged, since an equal value is no change.
                obj.updated_at = self._at
                flag_modified(obj, "updated_at")
        self._added.clear()
