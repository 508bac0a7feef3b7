"""Reading header fields without ever raising, whatever the sender wrote.

The modern `email` policy decodes RFC 2047 words and parses addresses and dates, but on a
garbled field it may raise or return nothing useful; then we fall back to the raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from agentdesk.domain.identity import InvalidAddress, normalize_email
from agentdesk.server.channels.email.charsets import repair_surrogates

_MSG_ID = re.compile(r"<([^<>\s]+)>")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Mailbox:
    """One address of a header: `address` is normalized when it is a valid address."""

    name: str
    address: str

    def __str__(self) -> str:
        return f"{self.name} <{self.address}>" if self.name else self.address


def raw_header(msg: Message, name: str) -> str | None:
    """The field as written (folding removed), for when parsing it failed."""
    raw = _raw_value(msg, name)
    return None if raw is None else _WHITESPACE.sub(" ", repair_surrogates(raw)).strip()


def _raw_value(msg: Message, name: str) -> str | None:
    for key, value in msg.raw_items():
        if key.lower() == name.lower():
            return value if isinstance(value, str) else str(value)
    return None


def _has_raw_8bit(msg: Message, name: str) -> bool:
    # The parser replaces undeclared 8-bit bytes by U+FFFD; we read them as UTF-8 or Windows-1252.
    raw = _raw_value(msg, name)
    return raw is not None and repair_surrogates(raw) != raw


def text_header(msg: Message, name: str) -> str | None:
    """An unstructured field (Subject) decoded, on one line."""
    try:
        value = msg.get(name)
        text = None if value is None else str(value)
    except Exception:
        text = _decode_words(raw_header(msg, name))
    if text is not None and "\ufffd" in text and _has_raw_8bit(msg, name):
        text = _decode_words(raw_header(msg, name))
    if text is None:
        return None
    return _WHITESPACE.sub(" ", repair_surrogates(text)).strip()


def _decode_words(raw: str | None) -> str | None:
    if raw is None:
        return None
    try:
        return str(make_header(decode_header(raw)))
    except Exception:
        return raw


def valid_address(address: str) -> str | None:
    """The normalized address, or None when it is not a valid email address."""
    try:
        return normalize_email(address)
    except InvalidAddress:
        return None


def address_header(msg: Message, name: str) -> tuple[Mailbox, ...]:
    """The mailboxes of an address field; valid addresses are normalized, others kept as written."""
    pairs: list[tuple[str, str]] = []
    try:
        header = msg.get(name)
        if header is not None:
            pairs = [(a.display_name, a.addr_spec) for a in getattr(header, "addresses", ())]
    except Exception:
        pairs = []
    if not pairs or _has_raw_8bit(msg, name):
        raw = raw_header(msg, name)
        if raw:
            pairs = getaddresses([_decode_words(raw) or raw])
    mailboxes: list[Mailbox] = []
    for display, address in pairs:
        display = _WHITESPACE.sub(" ", repair_surrogates(display)).strip()
        address = repair_surrogates(address).strip()
        if not address and not display:
            continue
        mailboxes.append(Mailbox(display, valid_address(address) or address))
    return tuple(mailboxes)


def date_header(msg: Message) -> tuple[datetime | None, bool]:
    """The Date field as an aware UTC datetime, and whether a present field was unreadable."""
    raw = raw_header(msg, "date")
    if not raw:
        return None, False
    when: datetime | None = None
    try:
        header = msg.get("date")
        when = getattr(header, "datetime", None)
    except Exception:
        when = None
    if when is None:
        try:
            when = parsedate_to_datetime(raw)
        except Exception:
            return None, True
    # "-0000" (and no zone at all) means the sender did not know its offset; UTC is the
    # least wrong reading.
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        return when.astimezone(UTC), False
    except (OverflowError, ValueError):
        return None, True


def message_ids(value: str | None) -> tuple[str, ...]:
    """Message-IDs of a field, each in angle brackets, in order and without repeats."""
    if not value:
        return ()
    found = [f"<{m}>" for m in _MSG_ID.findall(value)]
    if not found:
        # Some mailers omit the brackets; a lone token with an "@" is still an id.
        found = [f"<{token.strip('<>')}>" for token in value.split() if "@" in token]
    return tuple(dict.fromkeys(found))


def id_header(msg: Message, name: str) -> tuple[str, ...]:
    return message_ids(raw_header(msg, name))
