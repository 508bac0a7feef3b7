"""The server's tables. Every table a client may see has a row payload in the change feed."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from agentdesk.server.db.types import JsonType, UTCDateTime, utcnow

# SQLite only auto-increments an INTEGER PRIMARY KEY (the rowid alias), never a BIGINT one.
BigId = BigInteger().with_variant(Integer(), "sqlite")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: JsonType,
        list[Any]: JsonType,
    }


Base.metadata.naming_convention = NAMING

team_members = Table(
    "team_members",
    Base.metadata,
    Column("team_id", ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

queue_teams = Table(
    "queue_teams",
    Base.metadata,
    Column("queue_id", ForeignKey("queues.id", ondelete="CASCADE"), primary_key=True),
    Column("team_id", ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    role: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(10), default="en")
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Team(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Queue(Base):
    __tablename__ = "queues"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    channel: Mapped[str] = mapped_column(String(20))
    # What the channel needs that an agent may read (addresses, numbers, widget origins).
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Passwords, tokens and app secrets: never serialized, never in the feed.
    secrets: Mapped[dict[str, Any]] = mapped_column(default=dict)
    sla_first_response_s: Mapped[int | None] = mapped_column(Integer)
    sla_resolution_s: Mapped[int | None] = mapped_column(Integer)
    # Where the channel is in its source (e.g. IMAP UIDVALIDITY and last UID), private to the server.
    channel_state: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The channel's health as admins see it: {"status": "ok"|"error", "message", "since", "checked_at"}.
    health: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class InboundRaw(Base):
    """What a channel received, stored as it came before anything parses it: nothing is lost
    when processing fails, and the original stays available (an email's source, a webhook body)."""

    __tablename__ = "inbound_raw"
    __table_args__ = (Index("ix_inbound_raw_status", "status", "id"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    external_id: Mapped[str | None] = mapped_column(String(500))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    # "pending" until processed; "failed" keeps it for another try, with the reason.
    status: Mapped[str] = mapped_column(String(20), default="pending")
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column()


class StoredFile(Base):
    """A file a channel received (a customer's WhatsApp photo…) or an agent uploaded to send,
    kept in the database so that every server process of one deployment can serve it;
    messages refer to it by id."""

    __tablename__ = "stored_files"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    # Who may read it: those who work this queue. None while an agent's upload waits to be
    # attached to a reply: then only its uploader may, since no conversation holds it yet.
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id"), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    filename: Mapped[str | None] = mapped_column(String(500))
    mime_type: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Contact(Base):
    __tablename__ = "contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(String(300))
    language: Mapped[str | None] = mapped_column(String(10))
    attributes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # A merged contact stays, pointing at its survivor, so that the merge can be undone.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Identity(Base):
    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("kind", "address", name="uq_identities_kind_address"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(320))
    display_name: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Conversation(Base):
    __tablename__ = "conversations"
    __table_args__ = (
        Index("ix_conversations_queue_status", "queue_id", "status"),
        Index("ix_conversations_contact", "contact_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    queue_id: Mapped[int] = mapped_column(ForeignKey("queues.id"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    identity_id: Mapped[int | None] = mapped_column(ForeignKey("identities.id"))
    channel: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20), default="open")
    snoozed_until: Mapped[datetime | None] = mapped_column()
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    priority: Mapped[str] = mapped_column(String(10), default="normal")
    language: Mapped[str | None] = mapped_column(String(10))
    first_response_due_at: Mapped[datetime | None] = mapped_column()
    resolution_due_at: Mapped[datetime | None] = mapped_column()
    first_response_at: Mapped[datetime | None] = mapped_column()
    # The first `assigned` and `abandoned` events' times, kept on the row (services/milestones.py)
    # so the live figures count a day with one pass over conversations.
    first_assigned_at: Mapped[datetime | None] = mapped_column()
    abandoned_at: Mapped[datetime | None] = mapped_column()
    # The same customer opened another contact on the same topic in the 7 days before this one;
    # decided when it arrives or moves (services/milestones.py).
    repeat_contact: Mapped[bool] = mapped_column(default=False, server_default=false())
    resolved_at: Mapped[datetime | None] = mapped_column()
    last_inbound_at: Mapped[datetime | None] = mapped_column()
    # When WhatsApp stops taking free-form replies (24 hours after the customer last wrote):
    # in the row, so that every client learns it through the feed.
    whatsapp_window_closes_at: Mapped[datetime | None] = mapped_column()
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_conversation", "conversation_id", "created_at"),
        Index("ix_messages_external", "channel", "external_id"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    # Denormalized from the conversation so that visibility needs no join.
    queue_id: Mapped[int] = mapped_column(ForeignKey("queues.id"), index=True)
    direction: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(10), default="message")
    # The channel this message travelled on; a reply may continue on another one.
    channel: Mapped[str] = mapped_column(String(20))
    identity_id: Mapped[int | None] = mapped_column(ForeignKey("identities.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    subject: Mapped[str | None] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str | None] = mapped_column(Text)
    attachments: Mapped[list[Any]] = mapped_column(default=list)
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    external_id: Mapped[str | None] = mapped_column(String(500))
    delivery_status: Mapped[str] = mapped_column(String(20))
    delivery_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_contact_time", "contact_id", "occurred_at"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"), index=True)
    # None for facts about the customer that belong to no queue (orders, appointments).
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id"))
    kind: Mapped[str] = mapped_column(String(30))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)


class KbArticle(Base):
    __tablename__ = "kb_articles"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(10))
    tags: Mapped[list[Any]] = mapped_column(default=list)
    url: Mapped[str | None] = mapped_column(String(1000))
    snippets: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ContactMerge(Base):
    """What a merge moved, so that unmerge can put exactly that back."""

    __tablename__ = "contact_merges"
    id: Mapped[int] = mapped_column(primary_key=True)
    survivor_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    merged_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    moved_identity_ids: Mapped[list[Any]] = mapped_column(default=list)
    moved_conversation_ids: Mapped[list[Any]] = mapped_column(default=list)
    moved_event_ids: Mapped[list[Any]] = mapped_column(default=list)
    survivor_before: Mapped[dict[str, Any]] = mapped_column(default=dict)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column()


class ApiToken(Base):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # Only a hash is kept: a copy of the database does not hand out sessions.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class LoginThrottle(Base):
    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column()
    locked_until: Mapped[datetime | None] = mapped_column()


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_records"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class Change(Base):
    """The change log: what clients may see, in commit order, with a gap-free sequence."""

    __tablename__ = "changes"
    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[int] = mapped_column(BigInteger)
    op: Mapped[str] = mapped_column(String(10))
    # Visibility: None means every signed-in user; otherwise users who work that queue ...
    queue_id: Mapped[int | None] = mapped_column(Integer)
    # ... except those who also work this one (a move between two queues they both see).
    except_queue_id: Mapped[int | None] = mapped_column(Integer)
    # Set when the change is for one user only (their access shrank).
    audience_user_id: Mapped[int | None] = mapped_column(Integer)
    # JSON text, stored ready to serve so that the feed does not re-encode it.
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class FeedState(Base):
    """One row: how far the change log has been compacted."""

    __tablename__ = "feed_state"
    id: Mapped[int] = mapped_column(primary_key=True)
    compacted_through: Mapped[int] = mapped_column(BigInteger, default=0)


class AgentState(Base):
    """An agent's presence and capacity, as routing reads them."""

    __tablename__ = "agent_states"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    presence: Mapped[str] = mapped_column(String(20), default="offline")
    presence_since: Mapped[datetime] = mapped_column(default=utcnow)
    # Conversations at once per channel, e.g. {"webchat": 1, "whatsapp": 5, "email": 10}.
    capacity: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Set when the agent's last live stream closed; a grace period later they go offline.
    disconnected_at: Mapped[datetime | None] = mapped_column()
    # Round robin: the agent who got work longest ago is next.
    last_assigned_at: Mapped[datetime | None] = mapped_column()


class PresenceSpan(Base):
    """An agent's presence from `started_at` until `ended_at` (open while it lasts)."""

    __tablename__ = "presence_spans"
    __table_args__ = (
        Index("ix_presence_spans_user_started", "user_id", "started_at"),
        Index("ix_presence_spans_started", "started_at"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    presence: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column()
    ended_at: Mapped[datetime | None] = mapped_column()


class StreamLease(Base):
    """Live streams a server process holds for an agent, renewed every housekeeping round, so
    that server processes sharing the database agree on who is connected."""

    __tablename__ = "stream_leases"
    server_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    streams: Mapped[int] = mapped_column()
    seen_at: Mapped[datetime] = mapped_column()


class QueuePolicy(Base):
    """How a queue is served: service-level threshold, business hours, overflow."""

    __tablename__ = "queue_policies"
    queue_id: Mapped[int] = mapped_column(ForeignKey("queues.id", ondelete="CASCADE"), primary_key=True)
    service_level_s: Mapped[int] = mapped_column(Integer, default=60)
    # Abandons quicker than this leave the service-level denominator; 0 counts them all.
    short_abandon_s: Mapped[int] = mapped_column(Integer, default=0)
    # {"timezone", "hours": {"mon": [["09:00", "18:00"]]}, "holidays": ["2026-12-25"]}; {} is always open.
    calendar: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # {"to_queue_id", "max_waiting", "max_wait_s"}: where new contacts go when this queue is saturated.
    overflow: Mapped[dict[str, Any]] = mapped_column(default=dict)


class ConversationSla(Base):
    """A conversation's SLA clock while paused (pending) and the breaches already recorded."""

    __tablename__ = "conversation_slas"
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True)
    paused_at: Mapped[datetime | None] = mapped_column()
    # Business seconds that were left on each target when the clock paused.
    first_response_left_s: Mapped[float | None] = mapped_column()
    resolution_left_s: Mapped[float | None] = mapped_column()
    first_response_breached_at: Mapped[datetime | None] = mapped_column()
    resolution_breached_at: Mapped[datetime | None] = mapped_column()


class Callback(Base):
    """A call back the customer asked for or was offered: a task with a time window, on their timeline."""

    __tablename__ = "callbacks"
    __table_args__ = (
        Index("ix_callbacks_status_window", "status", "window_opens_at"),
        Index("ix_callbacks_assignee_status", "assignee_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"), index=True)
    # The queue it was offered from: who works that queue sees it (as with the conversation).
    queue_id: Mapped[int] = mapped_column(ForeignKey("queues.id"), index=True)
    # How to reach the customer: "phone" (a call) or a channel kind; `address` is the number or handle.
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(320))
    window_opens_at: Mapped[datetime | None] = mapped_column()
    window_closes_at: Mapped[datetime | None] = mapped_column()
    # requested → scheduled (someone took it, or a window was agreed) → done or missed.
    status: Mapped[str] = mapped_column(String(20), default="requested")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Reminder(Base):
    """A scheduled WhatsApp reminder as the sender looks for it: by state and due time, through an
    index. Its `reminder_scheduled` event stays the record on the customer's timeline."""

    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_state_due", "state", "due_at"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    event_id: Mapped[int] = mapped_column(BigId, ForeignKey("events.id", ondelete="CASCADE"), unique=True)
    due_at: Mapped[datetime] = mapped_column()
    state: Mapped[str] = mapped_column(String(20), default="scheduled")


class QaScorecard(Base):
    """One version of a QA scorecard; editing one adds version n+1 of its family (docs/qa.md)."""

    __tablename__ = "qa_scorecards"
    id: Mapped[int] = mapped_column(primary_key=True)
    # The id of version 1: every version of one scorecard shares it.
    family_id: Mapped[int | None] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Only the newest version of a family is offered for new reviews.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class QaReview(Base):
    """A reviewer's scoring of one conversation against one scorecard version."""

    __tablename__ = "qa_reviews"
    __table_args__ = (
        Index("ix_qa_reviews_agent_status", "agent_id", "status"),
        Index("ix_qa_reviews_status_submitted", "status", "submitted_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    queue_id: Mapped[int] = mapped_column(ForeignKey("queues.id"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("qa_scorecards.id"))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    summary: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[float | None] = mapped_column()
    raw_score: Mapped[float | None] = mapped_column()
    critical_failed: Mapped[bool] = mapped_column(Boolean, default=False)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    submitted_at: Mapped[datetime | None] = mapped_column()
    agent_response: Mapped[str | None] = mapped_column(String(20))
    dispute_reason: Mapped[str | None] = mapped_column(Text)
    responded_at: Mapped[datetime | None] = mapped_column()
    lead_seen_response_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class QaComment(Base):
    """A review comment on one message (or a span of its text), or a reply in its thread."""

    __tablename__ = "qa_comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("qa_reviews.id"), index=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    message_id: Mapped[int] = mapped_column(BigId, ForeignKey("messages.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("qa_comments.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # Character offsets into the message's plain text; both None: the whole message.
    anchor_start: Mapped[int | None] = mapped_column(Integer)
    anchor_end: Mapped[int | None] = mapped_column(Integer)
    # The quoted span, to find it again should the offsets stop matching the text.
    anchor_quote: Mapped[str | None] = mapped_column(Text)
    criterion_key: Mapped[str | None] = mapped_column(String(100))
    severity: Mapped[str | None] = mapped_column(String(20))
    suggestion: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # A tombstone: replies keep their thread, and every cache learns of the deletion.
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class QaSample(Base):
    """A team lead's review queue: conversations drawn for review, with the review each got."""

    __tablename__ = "qa_samples"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # [{"conversation_id", "agent_id", "channel", "review_id": int | None}]
    items: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
