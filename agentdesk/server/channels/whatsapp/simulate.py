"""Webhook bodies as Meta sends them, for the Graph API stand-in and the demo's traffic.

They go through the same signature check and parser as Meta's own deliveries, so a demo
or a test that uses them exercises the real path.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from agentdesk.server.channels.whatsapp.signature import SIGNATURE_HEADER, sign


def inbound_text(
    *, phone_number_id: str, from_wa_id: str, wamid: str, text: str, at: datetime, profile_name: str | None = None
) -> dict[str, Any]:
    message = {"from": from_wa_id, "id": wamid, "timestamp": _epoch(at), "type": "text", "text": {"body": text}}
    value: dict[str, Any] = {"messaging_product": "whatsapp", "metadata": _metadata(phone_number_id)}
    if profile_name is not None:
        value["contacts"] = [{"profile": {"name": profile_name}, "wa_id": from_wa_id}]
    value["messages"] = [message]
    return _envelope(phone_number_id, value)


def status_update(
    *,
    phone_number_id: str,
    wamid: str,
    recipient_wa_id: str,
    status: str,
    at: datetime,
    errors: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    item: dict[str, Any] = {"id": wamid, "status": status, "timestamp": _epoch(at), "recipient_id": recipient_wa_id}
    if errors:
        item["errors"] = list(errors)
    value = {"messaging_product": "whatsapp", "metadata": _metadata(phone_number_id), "statuses": [item]}
    return _envelope(phone_number_id, value)


def signed_delivery(payload: dict[str, Any], app_secret: str) -> tuple[bytes, dict[str, str]]:
    """The body and headers of a webhook POST carrying `payload`, signed like Meta signs it."""
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return body, {"Content-Type": "application/json", SIGNATURE_HEADER: sign(body, app_secret)}


def _envelope(phone_number_id: str, value: dict[str, Any]) -> dict[str, Any]:
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": f"waba-{phone_number_id}", "changes": [{"value": value, "field": "messages"}]}],
    }


def _metadata(phone_number_id: str) -> dict[str, str]:
    return {"display_phone_number": phone_number_id, "phone_number_id": phone_number_id}


def _epoch(at: datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("webhook times must be timezone-aware")
    return str(int(at.timestamp()))
