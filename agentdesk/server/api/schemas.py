"""Request and response shapes of the HTTP API, as the OpenAPI description shows them.

Entity shapes are the same as the `data` of the change feed: a client needs one parser.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from agentdesk.domain.enums import ChangeOp, ConversationStatus, IdentityKind

Strict = ConfigDict(extra="forbid")


class ErrorOut(BaseModel):
    detail: str | list[dict[str, Any]]


class TokenIn(BaseModel):
    model_config = Strict
    username: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=1024)
    label: str | None = Field(None, max_length=200, description="Which device this token is for.")


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime
    user: UserOut


class UserOut(BaseModel):
    id: int
    username: str
    display_name: str
    email: str | None
    role: str
    language: str
    active: bool
    created_at: datetime


class MeOut(UserOut):
    queue_ids: list[int]
    team_ids: list[int]


class QueueOut(BaseModel):
    id: int
    name: str
    channel: str
    settings: dict[str, Any]
    sla_first_response_s: int | None
    sla_resolution_s: int | None
    created_at: datetime


class ContactOut(BaseModel):
    id: int
    name: str | None
    language: str | None
    attributes: dict[str, Any]
    merged_into_id: int | None
    created_at: datetime
    updated_at: datetime


class IdentityOut(BaseModel):
    id: int
    contact_id: int
    kind: str
    address: str
    display_name: str | None
    created_at: datetime


class ContactDetailOut(ContactOut):
    identities: list[IdentityOut]


class ConversationOut(BaseModel):
    id: int
    queue_id: int
    contact_id: int
    identity_id: int | None
    channel: str
    subject: str | None
    status: str
    snoozed_until: datetime | None
    assignee_id: int | None
    priority: str
    language: str | None
    first_response_due_at: datetime | None
    resolution_due_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    last_inbound_at: datetime | None
    whatsapp_window_closes_at: datetime | None = Field(
        None, description="WhatsApp only: free-form replies are refused from then on; templates still go."
    )
    last_activity_at: datetime
    created_at: datetime


class MessageOut(BaseModel):
    id: int
    conversation_id: int
    queue_id: int
    direction: str
    kind: str
    channel: str
    identity_id: int | None
    author_id: int | None
    subject: str | None
    text: str
    html: str | None
    attachments: list[Any]
    meta: dict[str, Any]
    external_id: str | None
    delivery_status: str
    delivery_error: str | None
    created_at: datetime


class EventOut(BaseModel):
    id: int
    contact_id: int
    conversation_id: int | None
    queue_id: int | None
    kind: str
    data: dict[str, Any]
    actor_id: int | None
    occurred_at: datetime


class ConversationDetailOut(ConversationOut):
    messages: list[MessageOut]
    events: list[EventOut]


class TimelineItemOut(BaseModel):
    type: Literal["message", "event"]
    at: datetime
    conversation_id: int | None
    channel: str | None
    message: MessageOut | None = None
    event: EventOut | None = None


class TimelineOut(BaseModel):
    contact_id: int
    items: list[TimelineItemOut]
    next_before: str | None = Field(
        description="Pass as `before` for the next (older) page; null when there is no more."
    )


class TemplateIn(BaseModel):
    model_config = Strict
    name: str = Field(min_length=1, max_length=512, description="An approved WhatsApp message template.")
    language: str = Field(min_length=2, max_length=15, description="The template's language code, e.g. es or en_US.")
    parameters: list[str] = Field(default_factory=list, max_length=30, description="The body's {{1}}, {{2}}… values.")


class MediaIn(BaseModel):
    model_config = Strict
    kind: Literal["image", "audio", "video", "document", "sticker"]
    link: str | None = Field(None, max_length=2000, pattern=r"^https?://")
    id: str | None = Field(None, max_length=100, description="A media id uploaded to WhatsApp.")
    caption: str | None = Field(None, max_length=1024)
    filename: str | None = Field(None, max_length=240)

    @model_validator(mode="after")
    def _as_whatsapp_takes_it(self) -> MediaIn:
        if (self.link is None) == (self.id is None):
            raise ValueError("give exactly one of link and id")
        if self.caption is not None and self.kind not in ("image", "video", "document"):
            raise ValueError(f"WhatsApp shows no caption on {self.kind} messages")
        if self.filename is not None and self.kind != "document":
            raise ValueError("only documents have a file name")
        return self


class ReplyIn(BaseModel):
    model_config = Strict
    text: str = Field("", max_length=100_000)
    html: str | None = Field(None, max_length=500_000)
    subject: str | None = Field(None, max_length=500)
    identity_id: int | None = Field(
        None, description="The contact's address to reply to; another channel's address continues there."
    )
    cc: list[str] = Field(default_factory=list, max_length=50)
    in_reply_to_id: int | None = Field(
        None, description="WhatsApp: the customer's message this answers, shown quoted on their phone."
    )
    template: TemplateIn | None = Field(
        None, description="WhatsApp: send this approved template; it goes also outside the 24-hour window."
    )
    media: MediaIn | None = Field(None, description="WhatsApp: send a file by link or media id; `text` is ignored.")
    attachment_ids: list[int] = Field(
        default_factory=list,
        max_length=20,
        description="Files uploaded with POST /api/v1/files to send with the reply; WhatsApp takes one, "
        "with `text` as its caption.",
    )


class NoteIn(BaseModel):
    model_config = Strict
    text: str = Field(min_length=1, max_length=100_000)


class StatusIn(BaseModel):
    model_config = Strict
    status: Literal[ConversationStatus.OPEN, ConversationStatus.PENDING, ConversationStatus.RESOLVED]


class SnoozeIn(BaseModel):
    model_config = Strict
    until: AwareDatetime


class AssignIn(BaseModel):
    model_config = Strict
    assignee_id: int | None


class MergeIn(BaseModel):
    model_config = Strict
    survivor_id: int
    merged_id: int


class MergeOut(BaseModel):
    id: int
    survivor_id: int
    merged_id: int
    moved_identity_ids: list[int]
    moved_conversation_ids: list[int]
    moved_event_ids: list[int]
    created_at: datetime
    undone_at: datetime | None


class AttributesIn(BaseModel):
    model_config = Strict
    name: str | None = Field(None, max_length=300)
    language: str | None = Field(None, max_length=10)
    set: dict[str, str | int | float | bool | None] = Field(default_factory=dict, max_length=100)
    unset: list[str] = Field(default_factory=list, max_length=100)


class IdentityIn(BaseModel):
    model_config = Strict
    kind: IdentityKind
    address: str = Field(min_length=1, max_length=320)


class ChangeOut(BaseModel):
    seq: int | None = Field(description="null in a snapshot page")
    entity: str
    id: int
    op: ChangeOp
    data: dict[str, Any]


class SyncOut(BaseModel):
    changes: list[ChangeOut]
    cursor: int | None = Field(description="Store with the applied page; null until a snapshot is complete.")
    next: str | None = Field(description="Snapshot continuation: pass as `snapshot` to get the next page.")
    has_more: bool
    head: int
    total: int | None = Field(None, description="Snapshot size in rows, for progress.")
    done: int | None = Field(None, description="Snapshot rows sent so far, for progress.")


class HealthOut(BaseModel):
    status: Literal["ok"]
    database: str
    version: str
    head: int


TokenOut.model_rebuild()
