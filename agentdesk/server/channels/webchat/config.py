"""A web-chat queue's settings, read once per connection, with defaults and bounds."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from agentdesk.domain.enums import ChannelKind
from agentdesk.server.db import models as m

OFFER_KINDS = ("chat", "callback")


@dataclass(frozen=True, slots=True)
class Limits:
    max_text: int = 2000
    # A frame larger than this closes the socket: no widget sends one.
    max_frame_bytes: int = 16 * 1024
    visitor_per_s: float = 2.0
    visitor_burst: float = 20.0
    address_per_s: float = 5.0
    address_burst: float = 60.0

    @classmethod
    def from_settings(cls, raw: Any) -> Limits:
        if not isinstance(raw, dict):
            return cls()
        defaults = cls()
        values: dict[str, Any] = {}
        for name in ("max_text", "max_frame_bytes"):
            values[name] = _positive(raw.get(name), getattr(defaults, name), int)
        for name in ("visitor_per_s", "visitor_burst", "address_per_s", "address_burst"):
            values[name] = _positive(raw.get(name), getattr(defaults, name), float)
        return cls(**values)


@dataclass(frozen=True, slots=True)
class OfferRule:
    index: int
    after_s: float
    url: str | None
    offer: str
    text: str

    def matches_url(self, url: str) -> bool:
        return self.url is None or fnmatch.fnmatchcase(url, self.url)


@dataclass(frozen=True, slots=True)
class WidgetConfig:
    queue_id: int
    name: str
    origins: frozenset[str]
    greeting: str
    abandon_grace_s: float
    email_queue_id: int | None
    offers: tuple[OfferRule, ...]
    limits: Limits

    @classmethod
    def from_queue(cls, queue: m.Queue) -> WidgetConfig:
        s = queue.settings or {}
        origins = frozenset(o for o in (normalize_origin(x) for x in s.get("origins") or []) if o)
        email_queue = s.get("email_queue_id")
        return cls(
            queue_id=queue.id,
            name=queue.name,
            origins=origins,
            greeting=str(s.get("greeting") or ""),
            abandon_grace_s=_positive(s.get("abandon_grace_s"), 60.0, float),
            email_queue_id=email_queue if isinstance(email_queue, int) and not isinstance(email_queue, bool) else None,
            offers=tuple(_rules(s.get("offers"))),
            limits=Limits.from_settings(s.get("limits")),
        )

    def origin_allowed(self, origin: str | None, own_origin: str, *, missing_ok: bool = False) -> bool:
        """The widget's own page is always allowed; other sites only when the queue lists them.

        Browsers send Origin on every WebSocket handshake and cross-site fetch, but not on a
        same-origin GET: `missing_ok` is for GETs of public data, and only for those."""
        if not origin:
            return missing_ok
        origin = normalize_origin(origin)
        return origin is not None and (origin == normalize_origin(own_origin) or origin in self.origins)

    def offer_for(self, url: str, seconds: float, offered: set[int]) -> tuple[OfferRule | None, float | None]:
        """The rule to offer now, else how many seconds until one of this page's rules could match."""
        wait: float | None = None
        for rule in self.offers:
            if rule.index in offered or not rule.matches_url(url):
                continue
            if seconds >= rule.after_s:
                return rule, None
            remaining = rule.after_s - seconds
            wait = remaining if wait is None else min(wait, remaining)
        return None, wait


def load(queue: m.Queue | None) -> WidgetConfig | None:
    if queue is None or queue.channel != ChannelKind.WEBCHAT.value:
        return None
    return WidgetConfig.from_queue(queue)


def normalize_origin(origin: str) -> str | None:
    """scheme://host[:port], lower-cased, default ports dropped; None for anything else ("null")."""
    try:
        parts = urlsplit(origin.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    default = {"http": 80, "https": 443}[parts.scheme]
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


def _positive(value: Any, default: Any, kind: type) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return kind(value)
    return default


def _rules(raw: Any) -> list[OfferRule]:
    if not isinstance(raw, list):
        return []
    rules = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or item.get("offer") not in OFFER_KINDS:
            continue
        after = item.get("after_s", 0)
        url = item.get("url")
        rules.append(
            OfferRule(
                index=index,
                after_s=float(after) if isinstance(after, int | float) and not isinstance(after, bool) else 0.0,
                url=url if isinstance(url, str) and url else None,
                offer=item["offer"],
                text=str(item.get("text") or ""),
            )
        )
    return rules
