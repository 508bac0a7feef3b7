"""What one webhook delivery says, as typed values the server can store without reading JSON.

Every value keeps `raw`, Meta's own object, so that nothing a later version of AgentDesk
might want to show is lost by parsing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class PayloadRejected(ValueError):
    """The body is not a WhatsApp Cloud API webhook; `reason` says why, for people."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class WaError:
    """One of Meta's errors (`errors[]` of a failed status or an unsupported message)."""

    code: int | None
    title: str
    message: str | None = None
    details: str | None = None

    def __str__(self) -> str:
        head = f"{self.title} ({self.code})" if self.code is not None else self.title
        return f"{head}: {self.details}" if self.details else head


@dataclass(frozen=True, slots=True)
class WaMedia:
    """A customer's file, still at Meta: fetch its URL by `id` through the Graph API."""

    id: str
    mime_type: str | None = None
    sha256: str | None = None
    filename: str | None = None
    caption: str | None = None
    url: str | None = None
    voice: bool = False
    animated: bool = False


@dataclass(frozen=True, slots=True)
class WaLocation:
    latitude: float
    longitude: float
    name: str | None = None
    address: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class WaReferral:
    """The ad or post a customer clicked to start the chat (click-to-WhatsApp)."""

    source_type: str | None
    source_id: str | None
    source_url: str | None
    headline: str | None
    body: str | None


@dataclass(frozen=True, slots=True)
class WaInboundMessage:
    """A message the customer sent, of any type; `text` is what a timeline shows for it.

    `from_phone` is the E.164 form of `from_wa_id`, or None when the number is not a possible
    phone number (anonymized test numbers; numbering plans newer than our metadata).
    `target_wamid` is the message a reaction, an edit or a revoke acts on; `context_wamid`
    the message this one replies to. `supported` is False for `unsupported` and unknown types,
    whose text says so rather than the message disappearing.
    """

    wamid: str
    from_wa_id: str
    from_phone: str | None
    phone_number_id: str | None
    timestamp: datetime
    type: str
    text: str
    supported: bool = True
    media: WaMedia | None = None
    location: WaLocation | None = None
    context_wamid: str | None = None
    target_wamid: str | None = None
    reply_id: str | None = None
    forwarded: bool = False
    frequently_forwarded: bool = False
    referral: WaReferral | None = None
    errors: tuple[WaError, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class WaStatus:
    """What happened to a message we sent: `sent`, `delivered`, `read`, `failed` (with errors)…"""

    wamid: str
    recipient: str
    recipient_phone: str | None
    phone_number_id: str | None
    status: str
    timestamp: datetime
    errors: tuple[WaError, ...] = ()
    conversation_id: str | None = None
    conversation_origin: str | None = None
    conversation_expires_at: datetime | None = None
    pricing_category: str | None = None
    billable: bool | None = None
    callback_data: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class WaContact:
    """The customer behind a `wa_id`, as WhatsApp knows them."""

    wa_id: str
    phone: str | None
    profile_name: str | None
    phone_number_id: str | None
    user_id: str | None = None


@dataclass(frozen=True, slots=True)
class WaOtherChange:
    """A change we do not act on (template status, account update, echo…), kept as sent."""

    entry_id: str | None
    field: str
    value: Any


@dataclass(frozen=True, slots=True)
class WebhookPayload:
    """Everything of one POST, across all its entries and changes, in delivery order."""

    messages: tuple[WaInboundMessage, ...] = ()
    statuses: tuple[WaStatus, ...] = ()
    contacts: tuple[WaContact, ...] = ()
    others: tuple[WaOtherChange, ...] = ()
