"""`--scale N`: benchmark data, N conversations of about ten messages each, written in bulk.

The ORM would take hours for a million messages; Core `insert(table)` with lists of rows
(executemany) takes minutes. The change log is written in the same transactions, with the
same payloads, visibility and order as the ORM hook would have produced, so the feed has a
real backlog to serve.

Ids are handed out here (one past the largest in use, read inside each chunk's write
transaction) because the change rows must name them before anything is inserted. Run it on
a database nobody else writes to while it works: on PostgreSQL a concurrent writer could
take an id this chunk meant to use.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from agentdesk.domain.enums import (
    ChangeOp,
    ChannelKind,
    ConversationStatus,
    DeliveryStatus,
    Direction,
    EventKind,
    IdentityKind,
    MessageKind,
    Role,
)
from agentdesk.server.changelog import FEED_ENTITIES, append_changes, change_row, public_columns
from agentdesk.server.channels.whatsapp.window import WINDOW as WHATSAPP_WINDOW
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.seed.texts.company import HELP_CENTRE, LANGUAGES, PRODUCTS
from agentdesk.server.seed.texts.matters import TEXTS
from agentdesk.server.seed.texts.people import FIRST_NAMES, SURNAMES
from agentdesk.server.seed.texts.phrases import NOTES, THANKS, format_amount, format_date
from agentdesk.server.services import admin
from agentdesk.server.services.milestones import mark_repeats

BENCH_TEAM = "Bench"
BENCH_QUEUES = (
    ("Bench · email", ChannelKind.EMAIL),
    ("Bench · WhatsApp", ChannelKind.WHATSAPP),
    ("Bench · web chat", ChannelKind.WEBCHAT),
)
BENCH_USERNAME = "bench"
BENCH_PASSWORD = "bench-agent"
CHUNK = 5000  # conversations per transaction
CONVERSATIONS_PER_CONTACT = 3
HISTORY_DAYS = 90

_COLUMNS = {model: public_columns(model) for model in FEED_ENTITIES}
_IDENTITY_OF = {
    ChannelKind.EMAIL: IdentityKind.EMAIL,
    ChannelKind.WHATSAPP: IdentityKind.PHONE,
    ChannelKind.WEBCHAT: IdentityKind.WEBCHAT,
}


def payload(model: type[m.Base], row: dict[str, Any]) -> dict[str, Any]:
    """What `changelog.row_payload` gives for the ORM object this row would load as."""
    return {key: row[key] for key in _COLUMNS[model]}


@dataclass(frozen=True, slots=True)
class ScaleResult:
    contacts: int
    conversations: int
    messages: int
    events: int
    changes: int


class _Phrases:
    """Ready-made lines per language, so that a million messages cost no formatting."""

    def __init__(self) -> None:
        words = {
            "name": "Anna",
            "agent": "Bench",
            "order": "LC-123456",
            "invoice": "FV-12345",
            "date": "",
            "time": "10:30",
            "amount": "",
            "days": "5",
            "link": HELP_CENTRE,
        }
        self.customer: dict[str, list[str]] = {}
        self.agent: dict[str, list[str]] = {}
        self.subjects: dict[str, list[str]] = {}
        for lang in LANGUAGES:
            local = {
                **words,
                "product": PRODUCTS[lang][0],
                "date": format_date(lang, 14, 3),
                "amount": format_amount(lang, 24_990),
            }
            matters = TEXTS[lang].values()
            self.customer[lang] = [
                s.format(**local) for t in matters for s in (*t.chat_openings, *t.follow_ups)
            ] + list(THANKS[lang])
            self.agent[lang] = [s.format(**local) for t in matters for s in (*t.replies, *t.closings)]
            self.subjects[lang] = [s.format(**local) for t in matters for s in t.subjects]
        self.notes = {lang: list(NOTES[lang]) for lang in LANGUAGES}


def _bench_setup(session: Session) -> tuple[list[m.Queue], m.User]:
    """The queues and agent the bulk data lives on, created through the services once."""
    queues = []
    team = session.scalar(select(m.Team).where(m.Team.name == BENCH_TEAM)) or admin.create_team(session, BENCH_TEAM)
    for name, channel in BENCH_QUEUES:
        queue = session.scalar(select(m.Queue).where(m.Queue.name == name))
        if queue is None:
            queue = admin.create_queue(
                session, name, channel, teams=[team], sla_first_response_s=3600, sla_resolution_s=86400
            )
        queues.append(queue)
    user = session.scalar(select(m.User).where(m.User.username == BENCH_USERNAME))
    if user is None:
        user = admin.create_user(session, BENCH_USERNAME, BENCH_PASSWORD, Role.AGENT, "Bench Agent")
        admin.set_membership(session, user.id, team.id, True)
    session.commit()
    return queues, user


def _next_id(session: Session, model: type[m.Base]) -> int:
    return (session.scalar(select(func.max(model.id))) or 0) + 1


def _advance_sequences(session: Session) -> None:
    """On PostgreSQL, explicit ids do not move the serial sequences: move them past ours."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model in (m.Contact, m.Identity, m.Conversation, m.Message, m.Event):
        table = model.__tablename__
        session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))


class _Chunk:
    """The rows of one transaction, and their change-log rows in insertion order."""

    def __init__(self) -> None:
        self.rows: dict[type[m.Base], list[dict[str, Any]]] = {
            m.Contact: [],
            m.Identity: [],
            m.Conversation: [],
            m.Message: [],
            m.Event: [],
        }

    def write(self, session: Session) -> int:
        for model, rows in self.rows.items():
            if rows:
                session.execute(insert(model.__table__), rows)
        self._mark_repeats(session)
        changes = []
        for model, rows in self.rows.items():
            if not rows:
                continue
            entity = FEED_ENTITIES[model]
            scoped = "queue_id" in rows[0]
            changes.extend(
                change_row(
                    entity,
                    row["id"],
                    ChangeOp.UPSERT,
                    payload(model, row),
                    queue_id=row["queue_id"] if scoped else None,
                )
                for row in rows
            )
        append_changes(session, changes)
        return len(changes)

    def _mark_repeats(self, session: Session) -> None:
        """Repeats as the server's flush hook decides them on arrival (rows written in bulk pass no
        hook), before the change log is written, so that it carries them too."""
        conversations = self.rows[m.Conversation]
        if not conversations:
            return
        mark_repeats(session.connection())
        c = m.Conversation
        first, last = min(r["id"] for r in conversations), max(r["id"] for r in conversations)
        repeats = set(session.scalars(select(c.id).where(c.id.between(first, last), c.repeat_contact)))
        for row in conversations:
            row["repeat_contact"] = row["id"] in repeats


def seed_scale(session: Session, n: int, seed: int, progress: Callable[[int, int], None]) -> ScaleResult:
    rng = random.Random(seed)
    phrases = _Phrases()
    queues, agent = _bench_setup(session)
    now = utcnow()
    totals = dict.fromkeys(("contacts", "conversations", "messages", "events", "changes"), 0)
    done = 0
    while done < n:
        size = min(CHUNK, n - done)
        chunk = _Chunk()
        ids = {model: _next_id(session, model) for model in chunk.rows}
        _fill(chunk, ids, size, rng, phrases, queues, agent, now)
        totals["changes"] += chunk.write(session)
        _advance_sequences(session)
        session.commit()
        totals["contacts"] += len(chunk.rows[m.Contact])
        totals["conversations"] += len(chunk.rows[m.Conversation])
        totals["messages"] += len(chunk.rows[m.Message])
        totals["events"] += len(chunk.rows[m.Event])
        done += size
        progress(done, n)
    return ScaleResult(**totals)


def _fill(
    chunk: _Chunk,
    ids: dict[type[m.Base], int],
    size: int,
    rng: random.Random,
    phrases: _Phrases,
    queues: list[m.Queue],
    agent: m.User,
    now: datetime,
) -> None:
    contacts, identities = chunk.rows[m.Contact], chunk.rows[m.Identity]
    conversations, messages, events = chunk.rows[m.Conversation], chunk.rows[m.Message], chunk.rows[m.Event]
    contact_id, identity_id = ids[m.Contact], ids[m.Identity]
    conversation_id, message_id, event_id = ids[m.Conversation], ids[m.Message], ids[m.Event]
    history = HISTORY_DAYS * 86400
    people: list[tuple[int, str, dict[ChannelKind, int]]] = []
    for _ in range((size + CONVERSATIONS_PER_CONTACT - 1) // CONVERSATIONS_PER_CONTACT):
        language = rng.choices(LANGUAGES, weights=(45, 38, 17))[0]
        created = now - timedelta(seconds=history + rng.randint(0, 365 * 86400))
        name = f"{rng.choice(FIRST_NAMES[language])} {rng.choice(SURNAMES[language])}"
        contacts.append(
            {
                "id": contact_id,
                "name": name,
                "language": language,
                "attributes": {"customer_no": f"B-{contact_id}"},
                "merged_into_id": None,
                "created_at": created,
                "updated_at": created,
            }
        )
        # Normalized already (lower-case, E.164, visitor token) and unique by the contact's id.
        addresses = {
            ChannelKind.EMAIL: f"bench{contact_id}@bench.example",
            ChannelKind.WHATSAPP: f"+347{contact_id:08d}",
            ChannelKind.WEBCHAT: f"bench-{contact_id:010d}",
        }
        by_channel = {}
        for channel, address in addresses.items():
            identities.append(
                {
                    "id": identity_id,
                    "contact_id": contact_id,
                    "kind": _IDENTITY_OF[channel].value,
                    "address": address,
                    "display_name": name,
                    "created_at": created,
                }
            )
            by_channel[channel] = identity_id
            identity_id += 1
        people.append((contact_id, language, by_channel))
        contact_id += 1

    for index in range(size):
        person_id, language, by_channel = people[index // CONVERSATIONS_PER_CONTACT]
        queue = rng.choice(queues)
        channel = ChannelKind(queue.channel)
        identity = by_channel[channel]
        start = now - timedelta(seconds=rng.randint(600, history))
        u = rng.random()
        status = (
            ConversationStatus.RESOLVED
            if u < 0.85
            else ConversationStatus.OPEN
            if u < 0.93
            else ConversationStatus.PENDING
            if u < 0.98
            else ConversationStatus.SNOOZED
        )
        at = start
        first_response = None
        last_inbound = start
        for position in range(rng.randint(6, 14)):
            inbound = position % 2 == 0
            note = not inbound and rng.random() < 0.1
            if inbound:
                line = rng.choice(phrases.customer[language])
            else:
                line = rng.choice(phrases.notes[language] if note else phrases.agent[language])
            messages.append(
                {
                    "id": message_id,
                    "conversation_id": conversation_id,
                    "queue_id": queue.id,
                    "direction": (Direction.INBOUND if inbound else Direction.OUTBOUND).value,
                    "kind": (MessageKind.NOTE if note else MessageKind.MESSAGE).value,
                    "channel": channel.value,
                    "identity_id": None if note else identity,
                    "author_id": None if inbound else agent.id,
                    "subject": None,
                    "text": line,
                    "html": None,
                    "attachments": [],
                    "meta": {},
                    "external_id": f"bench-{message_id}" if inbound else None,
                    "delivery_status": (
                        DeliveryStatus.RECEIVED if inbound else DeliveryStatus.SENT if note else DeliveryStatus.READ
                    ).value,
                    "delivery_error": None,
                    "created_at": at,
                }
            )
            if inbound:
                last_inbound = at
            elif first_response is None and not note:
                first_response = at
            message_id += 1
            at = min(at + timedelta(seconds=rng.randint(30, 3 * 3600)), now)
        conversations.append(
            {
                "id": conversation_id,
                "queue_id": queue.id,
                "contact_id": person_id,
                "identity_id": identity,
                "channel": channel.value,
                "subject": rng.choice(phrases.subjects[language]) if channel is ChannelKind.EMAIL else None,
                "status": status.value,
                "snoozed_until": now + timedelta(days=1) if status is ConversationStatus.SNOOZED else None,
                "assignee_id": agent.id,
                "priority": "normal",
                "language": language,
                "first_response_due_at": start + timedelta(seconds=queue.sla_first_response_s or 0),
                "resolution_due_at": start + timedelta(seconds=queue.sla_resolution_s or 0),
                "first_response_at": first_response,
                "first_assigned_at": None,
                "abandoned_at": None,
                "repeat_contact": False,  # decided when the chunk is written
                "resolved_at": at if status is ConversationStatus.RESOLVED else None,
                "last_inbound_at": last_inbound,
                "whatsapp_window_closes_at": last_inbound + WHATSAPP_WINDOW
                if channel is ChannelKind.WHATSAPP and last_inbound
                else None,
                "last_activity_at": at,
                "created_at": start,
            }
        )
        events.append(
            {
                "id": event_id,
                "contact_id": person_id,
                "conversation_id": conversation_id,
                "queue_id": queue.id,
                "kind": EventKind.CREATED.value,
                "data": {"queue_id": queue.id, "channel": channel.value},
                "actor_id": None,
                "occurred_at": start,
            }
        )
        event_id += 1
        conversation_id += 1
