"""What a WhatsApp queue must hold, split between what agents may read and what they never see.

`Queue.settings` (public, in the feed): `phone_number_id`, `business_account_id`,
`graph_base_url`, `graph_version`. `Queue.secrets` (never serialized): `access_token`,
`app_secret`, `verify_token`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agentdesk.server.channels.whatsapp.graph import DEFAULT_BASE_URL, DEFAULT_VERSION
from agentdesk.server.db import models as m

# `templates`: the number's approved templates, as the assistant offers them (agentdesk.assist.rules).
SETTING_KEYS = frozenset({"phone_number_id", "business_account_id", "graph_base_url", "graph_version", "templates"})
SECRET_KEYS = frozenset({"access_token", "app_secret", "verify_token"})


class NotConfigured(ValueError):
    """The queue lacks something the WhatsApp channel needs; str(error) names it."""


@dataclass(frozen=True, slots=True)
class WhatsAppQueue:
    queue_id: int
    name: str
    phone_number_id: str
    business_account_id: str | None
    access_token: str
    app_secret: str
    verify_token: str
    graph_base_url: str
    graph_version: str

    def require_sending(self) -> None:
        """NotConfigured unless the Graph API can be called for this number."""
        missing = [
            name
            for name, value in (
                ("settings.phone_number_id", self.phone_number_id),
                ("secrets.access_token", self.access_token),
            )
            if not value
        ]
        if missing:
            raise NotConfigured(f"the WhatsApp queue {self.name!r} has no {' and no '.join(missing)}")


def config_errors(settings: dict[str, Any], secrets: dict[str, Any]) -> list[str]:
    """What is wrong with a queue's WhatsApp configuration, for an administrator; empty when usable."""
    errors = [f"settings.{key} is not a WhatsApp setting" for key in sorted(set(settings) - SETTING_KEYS)]
    errors += [f"secrets.{key} is not a WhatsApp secret" for key in sorted(set(secrets) - SECRET_KEYS)]
    errors += [f"secrets.{key} belongs in settings, where agents may read it" for key in SETTING_KEYS & set(secrets)]
    errors += [f"settings.{key} is a secret: put it in secrets" for key in SECRET_KEYS & set(settings)]
    for key in ("phone_number_id", "business_account_id"):
        value = settings.get(key)
        if value is not None and not (isinstance(value, str) and value.isascii() and value.isdigit()):
            errors.append(f"settings.{key} must be Meta's numeric id, as a string")
    if not settings.get("phone_number_id"):
        errors.append("settings.phone_number_id is required")
    for key in SECRET_KEYS:
        if not isinstance(secrets.get(key), str) or not secrets[key]:
            errors.append(f"secrets.{key} is required")
    errors += _template_errors(settings.get("templates", []))
    base = settings.get("graph_base_url")
    if base is not None and not (isinstance(base, str) and base.startswith(("https://", "http://"))):
        errors.append("settings.graph_base_url must be an http(s) URL")
    return errors


def _template_errors(templates: Any) -> list[str]:
    if not isinstance(templates, list):
        return ["settings.templates must be a list"]
    errors = []
    for i, t in enumerate(templates):
        where = f"settings.templates[{i}]"
        if not isinstance(t, dict):
            errors.append(f"{where} must be an object")
            continue
        for key in ("name", "language"):
            if not isinstance(t.get(key), str) or not t[key]:
                errors.append(f"{where}.{key} is required")
        parameters = t.get("parameters", [])
        if not isinstance(parameters, list) or not all(isinstance(p, str) for p in parameters):
            errors.append(f"{where}.parameters must be a list of value names")
    return errors


def whatsapp_queue(queue: m.Queue) -> WhatsAppQueue:
    """The queue's WhatsApp account as configured; an absent value is "" and its user says so."""
    if queue.channel != "whatsapp":
        raise NotConfigured(f"queue {queue.id} is a {queue.channel} queue, not a WhatsApp one")
    settings, secrets = queue.settings or {}, queue.secrets or {}
    return WhatsAppQueue(
        queue_id=queue.id,
        name=queue.name,
        phone_number_id=str(settings.get("phone_number_id") or ""),
        business_account_id=settings.get("business_account_id"),
        access_token=str(secrets.get("access_token") or ""),
        app_secret=str(secrets.get("app_secret") or ""),
        verify_token=str(secrets.get("verify_token") or ""),
        graph_base_url=settings.get("graph_base_url") or DEFAULT_BASE_URL,
        graph_version=settings.get("graph_version") or DEFAULT_VERSION,
    )
