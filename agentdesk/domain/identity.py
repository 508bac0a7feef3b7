"""Normalization of customer addresses into identities that are unique per kind.

Two spellings of one address must become one identity, or a customer's history splits in
two: emails are lower-cased and validated, phone numbers become E.164, visitor ids are
trimmed opaque tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from agentdesk.domain.enums import IdentityKind

_VISITOR_ID = re.compile(r"^[A-Za-z0-9_\-]{8,128}$")


class InvalidAddress(ValueError):
    """The address cannot identify a customer; the message says why, for people."""


@dataclass(frozen=True, slots=True)
class Address:
    kind: IdentityKind
    value: str


def normalize_email(raw: str) -> str:
    try:
        result = validate_email(raw.strip(), check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as exc:
        raise InvalidAddress(f"not a valid email address: {raw!r} ({exc})") from exc
    # The local part is case-sensitive by the RFC, but no real mailbox provider treats it so,
    # and customers type it in any case: folding it is what keeps one customer one contact.
    return result.normalized.lower()


def normalize_phone(raw: str, default_region: str | None = None) -> str:
    text = raw.strip()
    # WhatsApp's wa_id is the number in international form without the leading "+".
    if text.isdigit() and len(text) > 8 and default_region is None:
        text = "+" + text
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidAddress(f"not a phone number: {raw!r} ({exc})") from exc
    if not phonenumbers.is_possible_number(number):
        raise InvalidAddress(f"not a possible phone number: {raw!r}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_visitor(raw: str) -> str:
    text = raw.strip()
    if not _VISITOR_ID.match(text):
        raise InvalidAddress("a web-chat visitor id is 8 to 128 letters, digits, '-' or '_'")
    return text


def normalize(kind: IdentityKind | str, raw: str, default_region: str | None = None) -> Address:
    kind = IdentityKind(kind)
    if kind is IdentityKind.EMAIL:
        return Address(kind, normalize_email(raw))
    if kind is IdentityKind.PHONE:
        return Address(kind, normalize_phone(raw, default_region))
    return Address(kind, normalize_visitor(raw))
