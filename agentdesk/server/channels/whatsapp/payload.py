"""Parse one webhook POST body into a WebhookPayload, or refuse it with a reason.

The envelope (object, entries, changes, and each message's and status's id, sender and
time) must be as Meta documents it, or the delivery is refused as a whole: storing half of
a body we do not understand would make a retry impossible to tell from a new delivery.
Inside a message we are lenient (see content.py), and changes of fields we do not act on
are kept as WaOtherChange, never dropped.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from agentdesk.domain.identity import InvalidAddress, normalize_phone
from agentdesk.server.channels.whatsapp.content import content_of
from agentdesk.server.channels.whatsapp.model import (
    PayloadRejected,
    WaContact,
    WaError,
    WaInboundMessage,
    WaOtherChange,
    WaReferral,
    WaStatus,
    WebhookPayload,
)

OBJECT = "whatsapp_business_account"
_MESSAGES_FIELD = "messages"
_KNOWN_VALUE_KEYS = frozenset({"messaging_product", "metadata", "contacts", "messages", "statuses"})


def parse_webhook(body: bytes) -> WebhookPayload:
    """Every message, status, contact and other change of every entry and change in `body`."""
    doc = _load(body)
    if doc.get("object") != OBJECT:
        found = "missing" if "object" not in doc else repr(doc["object"])
        raise PayloadRejected(f"'object' is {found}, not {OBJECT!r}: this is not a WhatsApp webhook")
    out = _Collected()
    entries = _list(doc, "entry", "the payload")
    if not entries:
        raise PayloadRejected("'entry' is empty: the payload carries nothing")
    for i, entry in enumerate(entries):
        where = f"entry[{i}]"
        entry = _object(entry, where)
        entry_id = _opt_id(entry, "id")
        for j, change in enumerate(_list(entry, "changes", where)):
            _change(_object(change, f"{where}.changes[{j}]"), entry_id, f"{where}.changes[{j}]", out)
    return WebhookPayload(tuple(out.messages), tuple(out.statuses), tuple(out.contacts), tuple(out.others))


def wa_id_to_phone(wa_id: str) -> str | None:
    """The E.164 phone of a WhatsApp id, or None when it is not a possible phone number."""
    try:
        return normalize_phone("+" + wa_id)
    except InvalidAddress:
        return None


class _Collected:
    def __init__(self) -> None:
        self.messages: list[WaInboundMessage] = []
        self.statuses: list[WaStatus] = []
        self.contacts: list[WaContact] = []
        self.others: list[WaOtherChange] = []


def _load(body: bytes) -> dict[str, Any]:
    if not body.strip():
        raise PayloadRejected("the body is empty")
    try:
        doc = json.loads(body)
    except UnicodeDecodeError as exc:
        raise PayloadRejected(f"the body is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise PayloadRejected(f"the body is not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc
    except RecursionError as exc:
        raise PayloadRejected("the body is JSON nested too deeply to be a webhook") from exc
    if not isinstance(doc, dict):
        raise PayloadRejected(f"the body is a JSON {_kind(doc)}, not an object")
    return doc


def _change(change: dict[str, Any], entry_id: str | None, where: str, out: _Collected) -> None:
    field = change.get("field")
    if not isinstance(field, str) or not field:
        raise PayloadRejected(f"{where}: 'field' is missing or not a string")
    if "value" not in change:
        raise PayloadRejected(f"{where}: 'value' is missing")
    if field != _MESSAGES_FIELD:
        out.others.append(WaOtherChange(entry_id, field, change["value"]))
        return
    where = f"{where}.value"
    value = _object(change["value"], where)
    product = value.get("messaging_product", "whatsapp")
    if product != "whatsapp":
        raise PayloadRejected(f"{where}: 'messaging_product' is {product!r}, not 'whatsapp'")
    metadata = value.get("metadata")
    number_id = _opt_id(metadata, "phone_number_id") if isinstance(metadata, dict) else None
    for k, contact in enumerate(_list(value, "contacts", where, required=False)):
        out.contacts.append(_contact(_object(contact, f"{where}.contacts[{k}]"), number_id, f"{where}.contacts[{k}]"))
    for k, message in enumerate(_list(value, "messages", where, required=False)):
        out.messages.append(_message(_object(message, f"{where}.messages[{k}]"), number_id, f"{where}.messages[{k}]"))
    for k, status in enumerate(_list(value, "statuses", where, required=False)):
        out.statuses.append(_status(_object(status, f"{where}.statuses[{k}]"), number_id, f"{where}.statuses[{k}]"))
    # Value-level `errors` and whatever Meta adds next travel on instead of vanishing.
    out.others += [
        WaOtherChange(entry_id, f"{field}.{key}", item) for key, item in value.items() if key not in _KNOWN_VALUE_KEYS
    ]


def _contact(contact: dict[str, Any], number_id: str | None, where: str) -> WaContact:
    wa_id = _wa_id(contact, "wa_id", where)
    profile = contact.get("profile")
    name = profile.get("name") if isinstance(profile, dict) else None
    return WaContact(
        wa_id=wa_id,
        phone=wa_id_to_phone(wa_id),
        profile_name=(name.strip() or None) if isinstance(name, str) else None,
        phone_number_id=number_id,
        user_id=_opt_id(contact, "user_id"),
    )


def _message(message: dict[str, Any], number_id: str | None, where: str) -> WaInboundMessage:
    sender = _wa_id(message, "from", where)
    kind = _required_str(message, "type", where)
    content = content_of(kind, message)
    context = message.get("context") if isinstance(message.get("context"), dict) else {}
    return WaInboundMessage(
        wamid=_required_str(message, "id", where),
        from_wa_id=sender,
        from_phone=wa_id_to_phone(sender),
        phone_number_id=number_id,
        timestamp=_timestamp(message, "timestamp", where),
        type=kind,
        text=content.text,
        supported=content.supported,
        media=content.media,
        location=content.location,
        context_wamid=_opt_id(context, "id"),
        target_wamid=content.target_wamid,
        reply_id=content.reply_id,
        forwarded=context.get("forwarded") is True or context.get("frequently_forwarded") is True,
        frequently_forwarded=context.get("frequently_forwarded") is True,
        referral=_referral(message.get("referral")),
        errors=_errors(message.get("errors")),
        raw=message,
    )


def _status(status: dict[str, Any], number_id: str | None, where: str) -> WaStatus:
    recipient = _wa_id(status, "recipient_id", where)
    conversation = status.get("conversation") if isinstance(status.get("conversation"), dict) else {}
    origin = conversation.get("origin") if isinstance(conversation.get("origin"), dict) else {}
    pricing = status.get("pricing") if isinstance(status.get("pricing"), dict) else {}
    expires = conversation.get("expiration_timestamp")
    return WaStatus(
        wamid=_required_str(status, "id", where),
        recipient=recipient,
        recipient_phone=wa_id_to_phone(recipient),
        phone_number_id=number_id,
        status=_required_str(status, "status", where),
        timestamp=_timestamp(status, "timestamp", where),
        errors=_errors(status.get("errors")),
        conversation_id=_opt_id(conversation, "id"),
        conversation_origin=_opt_id(origin, "type"),
        conversation_expires_at=_epoch(expires) if expires is not None else None,
        pricing_category=_opt_id(pricing, "category"),
        billable=pricing["billable"] if isinstance(pricing.get("billable"), bool) else None,
        callback_data=_opt_id(status, "biz_opaque_callback_data"),
        raw=status,
    )


def _errors(items: object) -> tuple[WaError, ...]:
    if not isinstance(items, list):
        return ()
    errors = []
    for item in items:
        if not isinstance(item, dict):
            continue
        code = item.get("code")
        data = item.get("error_data") if isinstance(item.get("error_data"), dict) else {}
        details = data.get("details")
        errors.append(
            WaError(
                code=code if isinstance(code, int) and not isinstance(code, bool) else None,
                title=str(item.get("title") or item.get("message") or "unknown error"),
                message=item["message"] if isinstance(item.get("message"), str) else None,
                details=details if isinstance(details, str) else None,
            )
        )
    return tuple(errors)


def _referral(obj: object) -> WaReferral | None:
    if not isinstance(obj, dict):
        return None
    return WaReferral(
        source_type=_opt_id(obj, "source_type"),
        source_id=_opt_id(obj, "source_id"),
        source_url=_opt_id(obj, "source_url"),
        headline=_opt_id(obj, "headline"),
        body=_opt_id(obj, "body"),
    )


def _object(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise PayloadRejected(f"{where} is a JSON {_kind(value)}, not an object")
    return value


def _list(obj: dict[str, Any], key: str, where: str, *, required: bool = True) -> list[Any]:
    if key not in obj and not required:
        return []
    value = obj.get(key)
    if not isinstance(value, list):
        found = "missing" if key not in obj else f"a JSON {_kind(value)}"
        raise PayloadRejected(f"{where}: {key!r} is {found}, not a list")
    return value


def _required_str(obj: dict[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        found = "missing" if key not in obj else f"{value!r}, not a non-empty string"
        raise PayloadRejected(f"{where}: {key!r} is {found}")
    return value


def _opt_id(obj: dict[str, Any], key: str) -> str | None:
    # Meta sends ids as strings, but some tools re-serialize them as numbers.
    value = obj.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) and value else None


def _wa_id(obj: dict[str, Any], key: str, where: str) -> str:
    value = _required_str(obj, key, where)
    if not value.isascii() or not value.isdigit():
        raise PayloadRejected(f"{where}: {key!r} is {value!r}, not a WhatsApp id (the phone number's digits)")
    return value


def _timestamp(obj: dict[str, Any], key: str, where: str) -> datetime:
    if key not in obj:
        raise PayloadRejected(f"{where}: {key!r} is missing")
    moment = _epoch(obj[key])
    if moment is None:
        raise PayloadRejected(f"{where}: {key!r} is {obj[key]!r}, not seconds since 1970")
    return moment


def _epoch(value: object) -> datetime | None:
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _kind(value: object) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number"
    )
