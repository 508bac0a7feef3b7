"""Mentions: "@username" in a private note calls a colleague to the conversation.

Each colleague mentioned who works the conversation's queue gets a `mentioned` event (their
client notifies them of it), and the note lists them in `meta["mentions"]`. A name that is
no active user's, or someone who cannot open the conversation, is left as plain text.
"""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import EventKind
from agentdesk.server.access import can_see_queue
from agentdesk.server.db import models as m
from agentdesk.server.services.conversations import add_event

# Not inside a word or an email address ("ana@example.com" mentions no one).
MENTION = re.compile(r"(?<![\w.@])@(\w[\w.-]*)")


def mentioned_names(text: str) -> set[str]:
    return {name.rstrip(".-").casefold() for name in MENTION.findall(text)}


def record(session: Session, author: m.User, note: m.Message) -> list[int]:
    """Record the mentions of a note just added; the ids of the users mentioned."""
    names = mentioned_names(note.text or "")
    conversation = session.get(m.Conversation, note.conversation_id)
    if not names or conversation is None:
        return []
    users = session.scalars(
        select(m.User).where(func.lower(m.User.username).in_(names), m.User.active).order_by(m.User.id)
    ).all()
    mentioned = [u.id for u in users if u.id != author.id and can_see_queue(session, u, conversation.queue_id)]
    for user_id in mentioned:
        add_event(session, conversation, EventKind.MENTIONED, {"user_id": user_id, "message_id": note.id}, author.id)
    if mentioned:
        note.meta = {**(note.meta or {}), "mentions": mentioned}
        session.flush()
    return mentioned
