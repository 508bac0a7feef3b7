"""What agents did with suggestions, and WhatsApp reminders scheduled from them.

Both are Events on the customer's timeline, so they reach every client through the feed
and need no table of their own: `suggestion_accepted` / `suggestion_dismissed` carry the
suggestion's kind and article (deflections are counted from them), `reminder_scheduled`
carries the template and due time until the reminder worker sends it, then `reminder_sent`
records that it went. The worker finds due reminders through the `reminders` table (state
and due time, indexed), never by reading every event's JSON.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import EventKind, IdentityKind
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.services import conversations as svc
from agentdesk.server.services.errors import Invalid, ServiceError

log = logging.getLogger(__name__)

SCHEDULED = "scheduled"
SENT = "sent"
FAILED = "failed"


def record_suggestion(
    session: Session,
    user: m.User,
    conversation_id: int,
    *,
    accepted: bool,
    kind: str,
    article_id: int | None,
    title: str | None,
) -> m.Event:
    conversation = svc.visible_conversation(session, user, conversation_id)
    if article_id is not None and session.get(m.KbArticle, article_id) is None:
        raise Invalid(f"knowledge-base article {article_id} does not exist")
    data: dict[str, Any] = {"suggestion": kind, "article_id": article_id}
    if title:
        data["title"] = title
    outcome = EventKind.SUGGESTION_ACCEPTED if accepted else EventKind.SUGGESTION_DISMISSED
    event = svc.add_event(session, conversation, outcome, data, user.id)
    session.flush()
    return event


def _utc_text(moment: datetime) -> str:
    """Fixed-width UTC text, as the timeline shows the due time."""
    if moment.tzinfo is None:
        raise Invalid("the due time needs a time zone")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def schedule_reminder(
    session: Session,
    user: m.User,
    conversation_id: int,
    *,
    due_at: datetime,
    template: dict[str, Any],
    about: dict[str, Any],
) -> m.Event:
    conversation = svc.visible_conversation(session, user, conversation_id)
    if _phone_identity(session, conversation.contact_id) is None:
        raise Invalid("this customer has no WhatsApp number to remind")
    data = {
        "channel": "whatsapp",
        "due_at": _utc_text(due_at),
        "template": template,
        "state": SCHEDULED,
        **{k: v for k, v in about.items() if k in ("starts_at", "event_id", "about")},
    }
    event = svc.add_event(session, conversation, EventKind.REMINDER_SCHEDULED, data, user.id)
    session.flush()
    session.add(m.Reminder(event_id=event.id, due_at=due_at.astimezone(UTC).replace(microsecond=0), state=SCHEDULED))
    session.flush()
    return event


def _phone_identity(session: Session, contact_id: int) -> m.Identity | None:
    return session.scalars(
        select(m.Identity)
        .where(m.Identity.contact_id == contact_id, m.Identity.kind == IdentityKind.PHONE.value)
        .order_by(m.Identity.id)
        .limit(1)
    ).first()


def due_reminders(now: datetime) -> Select[tuple[m.Reminder]]:
    """Scheduled reminders due by `now`, through the (state, due_at) index; rows another server
    process is sending are skipped."""
    return (
        select(m.Reminder)
        .where(m.Reminder.state == SCHEDULED, m.Reminder.due_at <= now)
        .order_by(m.Reminder.due_at, m.Reminder.id)
        .with_for_update(skip_locked=True)
    )


def send_due_reminders(session: Session, now: datetime | None = None) -> list[int]:
    """Queue every due reminder as a WhatsApp template reply (the dispatcher sends it) and
    record `reminder_sent`; returns the reminders handled. The caller commits."""
    due = session.scalars(due_reminders(now or utcnow())).all()
    for row in due:
        reminder = session.get(m.Event, row.event_id)
        assert reminder is not None  # the row goes with its event (ON DELETE CASCADE)
        data = dict(reminder.data)
        conversation = session.get(m.Conversation, reminder.conversation_id)
        author = session.get(m.User, reminder.actor_id) if reminder.actor_id else None
        identity = _phone_identity(session, reminder.contact_id)
        try:
            if conversation is None or author is None or identity is None:
                raise Invalid("the conversation, its author or the customer's WhatsApp number is gone")
            template = data["template"]
            text = f"template {template['name']} ({template['language']}): " + ", ".join(
                template.get("parameters") or ()
            )
            # A savepoint: a refused reply must not take the other reminders of this round with it.
            with session.begin_nested():
                message = svc.reply(
                    session,
                    author,
                    conversation.id,
                    text,
                    identity_id=identity.id,
                    meta={"whatsapp": {"template": template}, "reminder_id": reminder.id},
                )
        except ServiceError as exc:
            log.warning("reminder %s not sent: %s", reminder.id, exc.message)
            reminder.data = {**data, "state": FAILED, "error": exc.message}
            row.state = FAILED
            continue
        reminder.data = {**data, "state": SENT, "message_id": message.id}
        row.state = SENT
        svc.add_event(
            session,
            conversation,
            EventKind.REMINDER_SENT,
            {
                "about": data.get("about", "appointment"),
                "channel": "whatsapp",
                "starts_at": data.get("starts_at"),
                "reminder_id": reminder.id,
                "message_id": message.id,
                "template": template["name"],
            },
        )
    session.flush()
    return [r.event_id for r in due]
