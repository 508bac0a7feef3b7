"""What a customer's message says, per WhatsApp message type, as one line a timeline can show.

A type we do not know, or one whose object is not as documented, is kept visibly as
"unsupported message (type X)": Meta adds types, and a message an agent cannot see is a
customer left unanswered.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agentdesk.server.channels.whatsapp.model import WaLocation, WaMedia

MEDIA_TYPES = frozenset({"image", "video", "audio", "document", "sticker"})


@dataclass(frozen=True, slots=True)
class Content:
    text: str
    supported: bool = True
    media: WaMedia | None = None
    location: WaLocation | None = None
    target_wamid: str | None = None
    reply_id: str | None = None


def unsupported(kind: str) -> Content:
    return Content(text=f"unsupported message (type {kind})", supported=False)


def content_of(kind: str, message: dict[str, Any]) -> Content:
    """The content of `message`, whose type-specific object sits under the key `kind`."""
    if kind in MEDIA_TYPES:
        return _media(kind, message.get(kind))
    handler = _HANDLERS.get(kind)
    if handler is None:
        return unsupported(kind)
    return handler(message.get(kind)) or unsupported(kind)


def _str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return value if isinstance(value, str) and value else None


def _media(kind: str, obj: object) -> Content:
    if not isinstance(obj, dict) or _str(obj, "id") is None:
        return unsupported(kind)
    media = WaMedia(
        id=obj["id"],
        mime_type=_str(obj, "mime_type"),
        sha256=_str(obj, "sha256"),
        filename=_str(obj, "filename"),
        caption=_str(obj, "caption"),
        url=_str(obj, "url"),
        voice=obj.get("voice") is True,
        animated=obj.get("animated") is True,
    )
    return Content(text=media.caption or _media_summary(kind, media), media=media)


def _media_summary(kind: str, media: WaMedia) -> str:
    if kind == "audio":
        return "voice message" if media.voice else "audio"
    if kind == "sticker" and media.animated:
        return "animated sticker"
    if kind == "document" and media.filename:
        return f"document {media.filename}"
    return kind


def _text(obj: object) -> Content | None:
    if not isinstance(obj, dict) or not isinstance(obj.get("body"), str):
        return None
    return Content(text=obj["body"])


def _location(obj: object) -> Content | None:
    if not isinstance(obj, dict):
        return None
    lat, lon = obj.get("latitude"), obj.get("longitude")
    if not _is_number(lat) or not _is_number(lon):
        return None
    place = WaLocation(float(lat), float(lon), _str(obj, "name"), _str(obj, "address"), _str(obj, "url"))
    named = ", ".join(part for part in (place.name, place.address) if part)
    return Content(text=named or f"location {place.latitude:.5f}, {place.longitude:.5f}", location=place)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _contacts(obj: object) -> Content | None:
    if not isinstance(obj, list) or not obj:
        return None
    cards = [_card(card) for card in obj if isinstance(card, dict)]
    return Content(text="shared contacts: " + "; ".join(card for card in cards if card)) if any(cards) else None


def _card(card: dict[str, Any]) -> str:
    name_obj = card.get("name") if isinstance(card.get("name"), dict) else {}
    name = _str(name_obj, "formatted_name") or " ".join(
        part for part in (_str(name_obj, "first_name"), _str(name_obj, "last_name")) if part
    )
    phones = [_str(p, "phone") or _str(p, "wa_id") for p in card.get("phones") or () if isinstance(p, dict)]
    return " ".join(part for part in (name, *(p for p in phones if p)) if part)


def _interactive(obj: object) -> Content | None:
    if not isinstance(obj, dict) or not isinstance(obj.get("type"), str):
        return None
    sub = obj["type"]
    reply = obj.get(sub)
    if not isinstance(reply, dict):
        return unsupported(f"interactive {sub}")
    if sub in ("button_reply", "list_reply"):
        title = _str(reply, "title")
        return Content(text=title, reply_id=_str(reply, "id")) if title else None
    if sub == "nfm_reply":
        return Content(text=_flow_answers(reply))
    return unsupported(f"interactive {sub}")


def _flow_answers(reply: dict[str, Any]) -> str:
    """A WhatsApp Flow's answers, one per line, so the agent reads what the customer filled in."""
    lines = [_str(reply, "body") or "flow response"]
    try:
        answers = json.loads(reply.get("response_json") or "{}")
    except (TypeError, ValueError):
        answers = {}
    if isinstance(answers, dict):
        # The flow token is Meta's plumbing, not the customer's answer.
        lines += [f"{key}: {value}" for key, value in answers.items() if key != "flow_token"]
    return "\n".join(lines)


def _button(obj: object) -> Content | None:
    if not isinstance(obj, dict):
        return None
    text = _str(obj, "text") or _str(obj, "payload")
    return Content(text=text, reply_id=_str(obj, "payload")) if text else None


def _reaction(obj: object) -> Content | None:
    if not isinstance(obj, dict) or _str(obj, "message_id") is None:
        return None
    emoji = _str(obj, "emoji")
    # Meta reports a removed reaction as a reaction without an emoji.
    return Content(text=f"reacted {emoji}" if emoji else "removed a reaction", target_wamid=obj["message_id"])


def _order(obj: object) -> Content | None:
    if not isinstance(obj, dict):
        return None
    items = [item for item in obj.get("product_items") or () if isinstance(item, dict)]
    lines = [f"order of {len(items)} item{'s' if len(items) != 1 else ''}"]
    lines += [
        f"{item.get('quantity', 1)} × {item.get('product_retailer_id', '?')}"
        + (f" at {item['item_price']} {item.get('currency', '')}".rstrip() if "item_price" in item else "")
        for item in items
    ]
    if note := _str(obj, "text"):
        lines.append(note)
    return Content(text="\n".join(lines))


def _system(obj: object) -> Content | None:
    if not isinstance(obj, dict):
        return None
    text = _str(obj, "body") or (f"system: {obj['type']}" if _str(obj, "type") else None)
    return Content(text=text) if text else None


def _edit(obj: object) -> Content | None:
    if not isinstance(obj, dict) or _str(obj, "original_message_id") is None:
        return None
    new = obj.get("message")
    if not isinstance(new, dict) or not isinstance(new.get("type"), str):
        return None
    edited = content_of(new["type"], new)
    return Content(
        text=edited.text,
        supported=edited.supported,
        media=edited.media,
        location=edited.location,
        target_wamid=obj["original_message_id"],
    )


def _revoke(obj: object) -> Content | None:
    if not isinstance(obj, dict) or _str(obj, "original_message_id") is None:
        return None
    return Content(text="deleted a message", target_wamid=obj["original_message_id"])


def _unsupported(obj: object) -> Content:
    # Since Graph v24 Meta names the type it could not deliver; older payloads do not.
    named = _str(obj, "type") if isinstance(obj, dict) else None
    return unsupported(named or "unsupported")


def _request_welcome(obj: object) -> Content:
    return Content(text="opened the chat")


_HANDLERS: dict[str, Callable[[Any], Content | None]] = {
    "text": _text,
    "location": _location,
    "contacts": _contacts,
    "interactive": _interactive,
    "button": _button,
    "reaction": _reaction,
    "order": _order,
    "system": _system,
    "edit": _edit,
    "revoke": _revoke,
    "unsupported": _unsupported,
    "request_welcome": _request_welcome,
}
