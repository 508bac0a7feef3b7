"""A queue's channel health, as administrators see it (`Queue.health`, in the feed and the API).

    {"status": "ok" | "warning" | "error", "message": str, "since": iso, "checked_at": iso,
     "notices": [{"at", "message", "raw_id"}, ...]}   # the latest mails with problems, newest first

Written through the ORM so that clients see it change, but only when it does change (or
`checked_at` is older than a minute): a fetch loop must not flood the change log.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow

OK = "ok"
WARNING = "warning"
ERROR = "error"
MAX_NOTICES = 10
_CHECKED_EVERY = timedelta(minutes=1)


def report(
    session: Session,
    queue_id: int,
    status: str,
    message: str,
    *,
    notice: dict[str, Any] | None = None,
    keep_warning: bool = False,
) -> None:
    """Set the queue's health; with `keep_warning`, an "ok" does not hide a standing warning."""
    queue = session.get(m.Queue, queue_id)
    if queue is None:
        return
    now = utcnow()
    health = dict(queue.health or {})
    if keep_warning and status == OK and health.get("status") == WARNING:
        status, message = WARNING, health.get("message", message)
    changed = health.get("status") != status or health.get("message") != message
    if changed:
        health.update(status=status, message=message, since=now.isoformat())
    if notice is not None:
        health["notices"] = [{"at": now.isoformat(), **notice}, *health.get("notices", [])][:MAX_NOTICES]
        changed = True
    checked = _time(health.get("checked_at"))
    if changed or checked is None or now - checked >= _CHECKED_EVERY:
        health["checked_at"] = now.isoformat()
        queue.health = health


def _time(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
