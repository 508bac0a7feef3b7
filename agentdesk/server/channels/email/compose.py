"""Agents' replies as proper email, so the customer's mail program threads them.

A reply carries In-Reply-To (the parent's Message-ID) and References (the parent's chain plus
the parent), a Message-ID of our own domain, a text and an HTML alternative, and attachments.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from agentdesk.server.channels.email.headers import Mailbox

# Reply prefixes of the mail programs our customers use (English "Re", Spanish and Catalan
# "RV"/"Res", German "AW", Scandinavian "SV"/"VS", Italian "R"), with an optional counter as in
# "Re[2]:" or "RE(3):". Forward prefixes stay: "Re: Fwd: ..." says what happened.
_REPLY_PREFIX = re.compile(r"^\s*((re|res|rv|aw|sv|vs|r)\s*(\[\d+\]|\(\d+\))?\s*:\s*)+", re.IGNORECASE)
# Long threads would otherwise grow References without bound; the root and the latest
# ancestors are what mail programs use to thread.
_MAX_REFERENCES = 20


@dataclass(frozen=True, slots=True)
class OutgoingAttachment:
    name: str
    content_type: str
    content: bytes


def reply_subject(subject: str) -> str:
    """ "Re: " plus the subject without the reply prefixes it already has (Re:, RE:, AW:, RV:...)."""
    clean = " ".join(subject.split())
    match = _REPLY_PREFIX.match(clean)
    if match:
        clean = clean[match.end() :]
    return f"Re: {clean}" if clean else "Re:"


def thread_references(parent_id: str | None, parent_references: Sequence[str] = ()) -> tuple[str, ...]:
    """The References of a reply: the parent's chain, then the parent itself."""
    chain = list(dict.fromkeys([*parent_references, *([parent_id] if parent_id else [])]))
    if len(chain) > _MAX_REFERENCES:
        chain = chain[:1] + chain[-(_MAX_REFERENCES - 1) :]
    return tuple(chain)


def new_message_id(domain: str) -> str:
    return make_msgid(domain=domain)


def text_to_html(text: str) -> str:
    """A minimal HTML rendering of plain text, for the alternative part of a text-only reply."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "".join(
        "<p>" + "<br>\n".join(html.escape(line) for line in p.split("\n")) + "</p>\n" for p in paragraphs if p
    )


def compose_reply(
    *,
    sender: Mailbox,
    to: Sequence[Mailbox],
    subject: str,
    text: str,
    message_id_domain: str,
    cc: Sequence[Mailbox] = (),
    html_body: str | None = None,
    in_reply_to: str | None = None,
    parent_references: Sequence[str] = (),
    attachments: Sequence[OutgoingAttachment] = (),
    date: datetime | None = None,
) -> EmailMessage:
    """Build the message; `subject` is the conversation's subject, "Re: " is added here.

    `in_reply_to` and `parent_references` are the parent message's Message-ID and References
    as received; a first message of a conversation (no parent) gets neither header.
    """
    msg = EmailMessage()
    msg["From"] = _address(sender)
    msg["To"] = [_address(m) for m in to]
    if cc:
        msg["Cc"] = [_address(m) for m in cc]
    msg["Subject"] = reply_subject(subject) if in_reply_to else " ".join(subject.split())
    msg["Date"] = format_datetime(date or datetime.now(UTC))
    msg["Message-ID"] = new_message_id(message_id_domain)
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = " ".join(thread_references(in_reply_to, parent_references))
    # Quoted-printable keeps accented text intact through relays without 8BITMIME.
    msg.set_content(text, cte="quoted-printable")
    msg.add_alternative(
        html_body if html_body is not None else text_to_html(text), subtype="html", cte="quoted-printable"
    )
    for attachment in attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        msg.add_attachment(
            attachment.content,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=attachment.name,
        )
    return msg


def _address(mailbox: Mailbox) -> Address:
    # Display names come from customers' own mail; a line break there would forge headers.
    return Address(display_name=" ".join(mailbox.name.split()), addr_spec=mailbox.address)
