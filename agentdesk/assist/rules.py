"""Next best action: rules that look at the cached conversation, its contact and its queue.

Each rule speaks only when its evidence holds, and says what that evidence is, so an agent
can judge a suggestion in a glance. Everything is read from the local cache: suggestions
keep working offline. WhatsApp templates come from the WhatsApp queue's settings:

    "templates": [{"name": "appointment_reminder", "language": "es", "purpose": "reminder",
                   "parameters": ["contact.name", "appointment.date", "appointment.time"],
                   "body": "Hola {{1}}, te recordamos tu cita del {{2}} a las {{3}}."}]

`purpose` is "window_closed" (reopen a conversation outside the 24-hour window) or
"reminder"; each parameter names where its value comes from (`PARAMETER_SOURCES`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from agentdesk.assist import dismissals, kb
from agentdesk.assist.text import language_of, terms
from agentdesk.client.cache.database import Cache
from agentdesk.client.cache.values import from_json, from_ts, to_ts
from agentdesk.domain import assist_tuning

WHATSAPP_WINDOW = timedelta(hours=24)
PARAMETER_SOURCES = (
    "contact.name",
    "conversation.subject",
    "appointment.title",
    "appointment.date",
    "appointment.time",
)


@dataclass(frozen=True, slots=True)
class Action:
    """What accepting does. `kind`: insert_text, send_template, schedule_reminder, note, create_callback."""

    kind: str
    text: str = ""
    template: dict[str, Any] | None = None  # {"name", "language", "parameters"}
    due_at: datetime | None = None
    about: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Suggestion:
    kind: str  # template, reminder, repeat_contact, callback, deflection
    title: str
    evidence: str
    confidence: float
    action: Action
    article_id: int | None = None
    # The evidence as values, for a screen that words it in the agent's language.
    facts: dict[str, Any] = field(default_factory=dict)
    # What the evidence rests on, without what merely grows with time (minutes waited): a
    # dismissal holds until this changes.
    basis: tuple[Any, ...] = ()

    @property
    def fingerprint(self) -> str:
        text = json.dumps([self.kind, self.article_id, *self.basis], default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Tuning:
    """The rules' thresholds; a queue may set its own (`agentdesk.domain.assist_tuning`)."""

    repeat_count: int = 3  # this many conversations on one topic, this one included…
    repeat_days: int = 30  # …within this many days make a repeat contact
    reminder_before: timedelta = timedelta(hours=24)
    reminder_horizon: timedelta = timedelta(days=14)  # appointments further out can wait
    wait_share_of_sla: float = 0.5  # a wait over this share of the first-response SLA is long…
    long_wait_s: int | None = None  # …unless the queue says how long is long
    deflection_confidence: float = 0.45
    topic_confidence: float = 0.3
    template_confidence: float = 0.95
    reminder_confidence: float = 0.9
    callback_confidence: float = 0.75
    repeat_confidence: float = 0.6

    @classmethod
    def of_queue(cls, settings: dict[str, Any]) -> Tuning:
        """The queue's own thresholds where it set valid ones, the defaults elsewhere."""
        return cls(**assist_tuning.values(settings.get(assist_tuning.SETTINGS_KEY)))


# What the agent inserts when offering a callback or another channel, per language.
_CALLBACK_TEXT = {
    "es": "Disculpa la espera. Te llamamos nosotros: dinos qué franja horaria te va bien (y otro número, si lo "
    "prefieres).",
    "ca": "Disculpa l'espera. Et truquem nosaltres: digues-nos quina franja horària et va bé (i un altre número, si ho "
    "prefereixes).",
    "en": "Sorry for the wait. We will call you back: tell us a time that suits you (and another number, if you "
    "prefer).",
}
_CHANNEL_TEXT = {
    "es": "Disculpa la espera. También puedes escribirnos por WhatsApp o por correo y te responderemos allí.",
    "ca": "Disculpa l'espera. També ens pots escriure per WhatsApp o per correu i et respondrem allà.",
    "en": "Sorry for the wait. You can also write to us on WhatsApp or by email and we will answer you there.",
}


def suggest(
    source: Any, conversation_id: int, *, now: datetime | None = None, tuning: Tuning | None = None
) -> list[Suggestion]:
    """Suggestions for one conversation, best first. `source`: an AgentDeskClient or its Cache.

    Thresholds are the conversation's queue's (its settings' "assist"), unless `tuning` is given.
    """
    cache: Cache = getattr(source, "cache", source)
    now = now or datetime.now(UTC)
    kb.refresh(cache)
    with cache.read() as conn:
        conv = _conversation(conn, conversation_id)
        if conv is None or conv["status"] == "resolved":
            return []
        text, language = kb.customer_text(conn, conversation_id)
        if conv["language"] is None:
            conv["language"] = language_of(language)
        tuning = tuning or Tuning.of_queue(conv["settings"])
        found: list[Suggestion | None] = [
            _window_closed(conn, conv, now, tuning),
            _appointment_reminder(conn, conv, now, tuning),
            _repeat_contact(conn, cache, conv, now, tuning),
            _long_wait(conn, conv, now, tuning),
        ]
    found.append(_deflection(cache, conv, text, tuning))
    hidden = dismissals.dismissed(cache, conversation_id)
    shown = (s for s in found if s is not None and (s.kind, s.fingerprint) not in hidden)
    return sorted(shown, key=lambda s: -s.confidence)


def _conversation(conn: Connection, conversation_id: int) -> dict[str, Any] | None:
    row = conn.exec_driver_sql(
        "SELECT c.id, c.channel, c.status, c.subject, "
        "coalesce(c.language, k.language, json_extract(q.settings, '$.language')), "
        "c.contact_id, k.name, c.queue_id, q.name, q.settings, q.sla_first_response_s, c.first_response_at, "
        "c.last_inbound_at, c.created_at FROM conversations c LEFT JOIN contacts k ON k.id = c.contact_id "
        "LEFT JOIN queues q ON q.id = c.queue_id WHERE c.id = ?",
        (conversation_id,),
    ).first()
    if row is None:
        return None
    keys = (
        "id",
        "channel",
        "status",
        "subject",
        "language",
        "contact_id",
        "contact_name",
        "queue_id",
        "queue_name",
        "settings",
        "sla_first_response_s",
        "first_response_at",
        "last_inbound_at",
        "created_at",
    )
    conv = dict(zip(keys, row, strict=True))
    conv["settings"] = from_json(conv["settings"]) or {}
    # None (nobody said) is guessed from the customer's words by the caller.
    conv["language"] = language_of(conv["language"]) if conv["language"] else None
    return conv


def _templates(conn: Connection, conv: dict[str, Any]) -> list[dict[str, Any]]:
    """The conversation's queue's templates, or, off WhatsApp, those of the WhatsApp queues."""
    if conv["channel"] == "whatsapp":
        return list(conv["settings"].get("templates") or [])
    found: list[dict[str, Any]] = []
    for (settings,) in conn.exec_driver_sql("SELECT settings FROM queues WHERE channel = 'whatsapp' ORDER BY id"):
        found.extend((from_json(settings) or {}).get("templates") or [])
    return found


def _template(templates: list[dict[str, Any]], purpose: str, language: str) -> dict[str, Any] | None:
    fitting = [t for t in templates if t.get("purpose") == purpose and t.get("name")]
    return next((t for t in fitting if language_of(t.get("language")) == language), fitting[0] if fitting else None)


def fill_template(template: dict[str, Any], values: dict[str, str]) -> tuple[dict[str, Any], str]:
    """The template as the reply API takes it, and its body as the customer will read it."""
    parameters = [values.get(name, "") for name in template.get("parameters") or []]
    body = str(template.get("body") or template["name"])
    for i, value in enumerate(parameters, 1):
        body = body.replace("{{" + str(i) + "}}", value)
    return {"name": template["name"], "language": template.get("language", "en"), "parameters": parameters}, body


def _window_closed(conn: Connection, conv: dict[str, Any], now: datetime, tuning: Tuning) -> Suggestion | None:
    if conv["channel"] != "whatsapp":
        return None
    last = from_ts(conv["last_inbound_at"])
    if last is not None and now < last + WHATSAPP_WINDOW:
        return None
    template = _template(_templates(conn, conv), "window_closed", conv["language"])
    if template is None:
        return None
    filled, body = fill_template(
        template, {"contact.name": conv["contact_name"] or "", "conversation.subject": conv["subject"] or ""}
    )
    since = "never wrote on WhatsApp" if last is None else f"last wrote {_ago(now - last)} ago"
    return Suggestion(
        "template",
        f"Send the template «{filled['name']}»",
        f"The 24-hour WhatsApp window is closed: the customer {since}; only approved templates can be sent.",
        tuning.template_confidence,
        Action("send_template", text=body, template=filled),
        facts={"template": filled["name"], "silent_min": None if last is None else _minutes(now - last)},
        basis=(filled["name"], conv["last_inbound_at"]),
    )


def _appointment_reminder(conn: Connection, conv: dict[str, Any], now: datetime, tuning: Tuning) -> Suggestion | None:
    rows = conn.exec_driver_sql(
        "SELECT id, data FROM events WHERE contact_id = ? AND kind = 'appointment' ORDER BY occurred_at",
        (conv["contact_id"],),
    ).all()
    handled = {
        (from_json(data) or {}).get("starts_at")
        for (data,) in conn.exec_driver_sql(
            "SELECT data FROM events WHERE contact_id = ? AND kind IN ('reminder_sent', 'reminder_scheduled')",
            (conv["contact_id"],),
        )
    }
    for event_id, raw in rows:
        data = from_json(raw) or {}
        starts = from_ts(to_ts(data.get("starts_at")))
        if starts is None or data.get("status") in ("done", "cancelled") or data.get("starts_at") in handled:
            continue
        if not now < starts <= now + tuning.reminder_horizon:
            continue
        template = _template(_templates(conn, conv), "reminder", conv["language"])
        if template is None:
            return None
        due = max(starts - tuning.reminder_before, now)
        filled, body = fill_template(
            template,
            {
                "contact.name": conv["contact_name"] or "",
                "conversation.subject": conv["subject"] or "",
                "appointment.title": str(data.get("title") or ""),
                "appointment.date": starts.strftime("%d/%m/%Y"),
                "appointment.time": starts.strftime("%H:%M"),
            },
        )
        return Suggestion(
            "reminder",
            f"Schedule a WhatsApp reminder for {due:%d/%m %H:%M}",
            f"An appointment «{data.get('title') or 'appointment'}» is on the timeline for {starts:%d/%m %H:%M}, "
            "with no reminder sent or scheduled.",
            tuning.reminder_confidence,
            Action(
                "schedule_reminder",
                text=body,
                template=filled,
                due_at=due,
                about={"event_id": event_id, "starts_at": data.get("starts_at")},
            ),
            facts={"due": due, "starts": starts, "appointment": data.get("title") or ""},
            basis=(event_id, data.get("starts_at")),
        )
    return None


# Topics already worked out, by (cache file, conversation), with what they were worked out
# from: the repeat-contact rule asks for the same past conversations at every refresh.
_TOPICS: dict[tuple[str, int], tuple[Any, kb.ArticleHit | None]] = {}
_TOPICS_KEPT = 4096


def topic(
    cache: Cache, conversation_id: int, kb_version: tuple[int, ...] | None = None, min_confidence: float = 0.3
) -> kb.ArticleHit | None:
    """What a conversation is about: its best knowledge-base article, when one fits well.

    Remembered until the conversation gets a new customer message or the knowledge base
    changes; pass `kb.version(cache)` when asking for many conversations at once.
    """
    key = (str(cache.path), conversation_id)
    with cache.read() as conn:
        latest = conn.exec_driver_sql(
            "SELECT max(id) FROM messages WHERE conversation_id = ? AND direction = 'inbound'", (conversation_id,)
        ).scalar()
    basis = (latest, kb_version or kb.version(cache), min_confidence)
    known = _TOPICS.get(key)
    if known is not None and known[0] == basis:
        return known[1]
    hits = kb.relevant_articles(cache, conversation_id, k=1)
    found = hits[0] if hits and hits[0].confidence >= min_confidence else None
    if len(_TOPICS) >= _TOPICS_KEPT:
        _TOPICS.clear()
    _TOPICS[key] = (basis, found)
    return found


def _repeat_contact(
    conn: Connection, cache: Cache, conv: dict[str, Any], now: datetime, tuning: Tuning
) -> Suggestion | None:
    current = kb.version(cache)
    mine = topic(cache, conv["id"], current, tuning.topic_confidence)
    if mine is None:
        return None
    since = to_ts(now - timedelta(days=tuning.repeat_days))
    others = conn.exec_driver_sql(
        "SELECT id, channel FROM conversations WHERE contact_id = ? AND id != ? AND created_at >= ? "
        "ORDER BY created_at DESC LIMIT 20",
        (conv["contact_id"], conv["id"], since),
    ).all()
    same = [
        (cid, channel)
        for cid, channel in others
        if (t := topic(cache, cid, current, tuning.topic_confidence)) is not None and t.id == mine.id
    ]
    count = len(same) + 1
    if count < tuning.repeat_count:
        return None
    channels = ", ".join(sorted({conv["channel"], *(c for _, c in same)}))
    return Suggestion(
        "repeat_contact",
        "Repeat contact: escalate or fix it for good",
        f"This customer has written {count} times in {tuning.repeat_days} days about «{mine.title}» ({channels}).",
        min(0.95, tuning.repeat_confidence + 0.1 * (count - tuning.repeat_count)),
        Action(
            "note",
            text=f"Repeat contact ({count}× in {tuning.repeat_days} days about «{mine.title}»): "
            "escalating for a lasting fix.",
            about={"conversations": [cid for cid, _ in same]},
        ),
        article_id=mine.id,
        facts={"count": count, "days": tuning.repeat_days, "article": mine.title, "channels": channels},
        basis=tuple(sorted(cid for cid, _ in same)),
    )


def _long_wait(conn: Connection, conv: dict[str, Any], now: datetime, tuning: Tuning) -> Suggestion | None:
    if conv["status"] != "open" or conv["first_response_at"] is not None:
        return None
    offered = conn.exec_driver_sql(
        "SELECT 1 FROM callbacks WHERE conversation_id = ? AND status IN ('requested', 'scheduled')", (conv["id"],)
    ).first()
    if offered is not None:
        return None  # already offered and not yet carried out
    waiting_since = from_ts(conv["last_inbound_at"]) or from_ts(conv["created_at"])
    sla = conv["sla_first_response_s"]
    capacity = conv["settings"].get("capacity")
    reasons = []
    facts: dict[str, Any] = {"offer": "channel" if conv["channel"] == "webchat" else "callback"}
    long = tuning.long_wait_s or (sla * tuning.wait_share_of_sla if sla else None)
    if waiting_since is not None and long and now - waiting_since > timedelta(seconds=long):
        # The target the agent knows: the queue's first-response SLA, else what the queue calls long.
        target_s = int(sla or long)
        target = _ago(timedelta(seconds=target_s))
        reasons.append(f"the customer has waited {_ago(now - waiting_since)} (first-response target {target})")
        facts.update(waited_min=_minutes(now - waiting_since), target_min=target_s // 60)
    if isinstance(capacity, int) and capacity > 0:
        waiting = conn.exec_driver_sql(
            "SELECT count(*) FROM conversations WHERE queue_id = ? AND status = 'open' AND first_response_at IS NULL",
            (conv["queue_id"],),
        ).scalar_one()
        if waiting > capacity:
            reasons.append(f"{waiting} conversations wait in «{conv['queue_name']}», over its capacity of {capacity}")
            facts.update(waiting=waiting, queue=conv["queue_name"], capacity=capacity)
    if not reasons:
        return None
    # Live channels lose the customer who waits; email can wait for a call instead.
    if facts["offer"] == "channel":
        action = Action("insert_text", text=_CHANNEL_TEXT[conv["language"]])
    else:
        # Accepting creates the callback (by phone) and tells the customer so.
        action = Action("create_callback", text=_CALLBACK_TEXT[conv["language"]], about={"channel": "phone"})
    offer = "another channel" if facts["offer"] == "channel" else "a callback"
    evidence = "; ".join(reasons).capitalize() + "."
    # A new customer message starts a new wait; the minutes waited only grow.
    basis = (facts["offer"], "waited_min" in facts, "waiting" in facts, conv["last_inbound_at"])
    return Suggestion(
        "callback", f"Offer {offer}", evidence, tuning.callback_confidence, action, facts=facts, basis=basis
    )


def _deflection(cache: Cache, conv: dict[str, Any], text: str, tuning: Tuning) -> Suggestion | None:
    hits = kb.search(cache, text, conv["language"], k=1) if text.strip() else []
    if not hits or not hits[0].url or hits[0].confidence < tuning.deflection_confidence:
        return None
    hit = hits[0]
    matched = set(hit.matched)
    words = list(dict.fromkeys(w for w in text.split() if matched & set(terms(w, conv["language"]))))[:5]
    quoted = [f"«{w.strip('.,;:!?¿¡()«»')}»" for w in words]
    said = ", ".join(quoted) or "words of the article"
    snippet = hit.snippet(conv["channel"])
    insert = snippet if hit.url in snippet else f"{snippet}\n{hit.url}"
    return Suggestion(
        "deflection",
        f"Send the self-service link «{hit.title}»",
        f"The customer wrote {said}, which the article «{hit.title}» answers.",
        round(hit.confidence, 2),
        Action("insert_text", text=insert, about={"url": hit.url}),
        article_id=hit.id,
        facts={"words": ", ".join(quoted), "article": hit.title},
        basis=tuple(sorted(matched)),
    )


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _ago(delta: timedelta) -> str:
    minutes = _minutes(delta)
    if minutes < 120:
        return f"{minutes} min"
    hours = minutes // 60
    return f"{hours} h" if hours < 48 else f"{hours // 24} days"
