"""The shared vocabulary of DESIGN.md, as string enums so they serialize as themselves."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    TEAM_LEAD = "team_lead"
    ADMIN = "admin"

    @property
    def sees_all_queues(self) -> bool:
        return self is not Role.AGENT


class ChannelKind(StrEnum):
    EMAIL = "email"
    WHATSAPP = "whatsapp"
    WEBCHAT = "webchat"


class IdentityKind(StrEnum):
    """How a customer is addressed; a queue's channel kind decides which one it uses."""

    EMAIL = "email"
    PHONE = "phone"
    WEBCHAT = "webchat"

    @classmethod
    def for_channel(cls, channel: ChannelKind) -> IdentityKind:
        return {
            ChannelKind.EMAIL: cls.EMAIL,
            ChannelKind.WHATSAPP: cls.PHONE,
            ChannelKind.WEBCHAT: cls.WEBCHAT,
        }[channel]


class ConversationStatus(StrEnum):
    OPEN = "open"
    PENDING = "pending"
    SNOOZED = "snoozed"
    RESOLVED = "resolved"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class MessageKind(StrEnum):
    MESSAGE = "message"
    NOTE = "note"


class DeliveryStatus(StrEnum):
    """Where an outbound message is on its way to the customer (inbound ones are `received`)."""

    RECEIVED = "received"
    QUEUED = "queued"
    SENT = "sent"
    DELIVERED = "delivered"
    READ = "read"
    FAILED = "failed"


class EventKind(StrEnum):
    CREATED = "created"
    STATUS_CHANGED = "status_changed"
    SNOOZED = "snoozed"
    WOKE_UP = "woke_up"
    ASSIGNED = "assigned"
    MERGED = "merged"
    UNMERGED = "unmerged"
    SURVEY_ANSWER = "survey_answer"
    APPOINTMENT = "appointment"
    ORDER = "order"
    REMINDER_SCHEDULED = "reminder_scheduled"
    REMINDER_SENT = "reminder_sent"
    SUGGESTION_ACCEPTED = "suggestion_accepted"
    SUGGESTION_DISMISSED = "suggestion_dismissed"
    ABANDONED = "abandoned"
    MOVED = "moved"
    # Overflow offered the waiting customer another channel instead of moving them.
    CHANNEL_OFFERED = "channel_offered"
    SLA_BREACHED = "sla_breached"
    # A callback's life on the timeline: "callback_" + its status.
    CALLBACK_REQUESTED = "callback_requested"
    CALLBACK_SCHEDULED = "callback_scheduled"
    CALLBACK_DONE = "callback_done"
    CALLBACK_MISSED = "callback_missed"
    # A colleague was called to the conversation by "@username" in a note (data: user_id, message_id).
    MENTIONED = "mentioned"


class ChangeOp(StrEnum):
    """What a change-log row tells a client to do with the row it names."""

    UPSERT = "upsert"
    DELETE = "delete"
    # The user may no longer read this row (or, for entity "queue", anything of that queue).
    REVOKE = "revoke"
    # The user may now read rows they never received: fetch a fresh snapshot.
    RESYNC = "resync"
