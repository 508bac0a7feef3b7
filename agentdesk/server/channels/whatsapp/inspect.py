"""How AgentDesk understands WhatsApp webhook payload files, for administrators
(`agentdesk-server inspect-whatsapp FILE...`).

It runs exactly the parser the webhook runs, so what it prints is what the server stores.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from os import PathLike
from pathlib import Path
from typing import Any

from agentdesk.server.channels.whatsapp.model import (
    PayloadRejected,
    WaContact,
    WaError,
    WaInboundMessage,
    WaStatus,
    WebhookPayload,
)
from agentdesk.server.channels.whatsapp.payload import parse_webhook


def inspect_files(paths: Iterable[str | PathLike[str]]) -> Iterator[dict[str, Any]]:
    """One JSON-serializable dict per file, in order; an unreadable or refused file still yields one."""
    for path in paths:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            yield {"file": str(path), "refused": f"the file could not be read: {exc.strerror or exc}"}
            continue
        try:
            payload = parse_webhook(raw)
        except PayloadRejected as exc:
            yield {"file": str(path), "refused": exc.reason}
            continue
        yield {"file": str(path), **describe(payload)}


def describe(payload: WebhookPayload) -> dict[str, Any]:
    return {
        "messages": [_message(m) for m in payload.messages],
        "statuses": [_status(s) for s in payload.statuses],
        "contacts": [_contact(c) for c in payload.contacts],
        "other_changes": [{"field": o.field, "entry_id": o.entry_id, "value": o.value} for o in payload.others],
    }


def _message(message: WaInboundMessage) -> dict[str, Any]:
    return {
        "wamid": message.wamid,
        "from": message.from_wa_id,
        "phone": message.from_phone,
        "phone_number_id": message.phone_number_id,
        "timestamp": message.timestamp.isoformat(),
        "type": message.type,
        "supported": message.supported,
        "text": message.text,
        "media_ids": [message.media.id] if message.media else [],
        "context": message.context_wamid,
        "target": message.target_wamid,
        "forwarded": message.forwarded,
        "errors": [_error(e) for e in message.errors],
    }


def _status(status: WaStatus) -> dict[str, Any]:
    return {
        "wamid": status.wamid,
        "recipient": status.recipient,
        "status": status.status,
        "timestamp": status.timestamp.isoformat(),
        "errors": [_error(e) for e in status.errors],
    }


def _contact(contact: WaContact) -> dict[str, Any]:
    return {"wa_id": contact.wa_id, "phone": contact.phone, "profile_name": contact.profile_name}


def _error(error: WaError) -> dict[str, Any]:
    return {"code": error.code, "title": error.title, "details": error.details}
