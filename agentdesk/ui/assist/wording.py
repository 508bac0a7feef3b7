"""A suggestion's title and evidence in the agent's language, from the facts its rule found.

The assistant (no Qt) words its suggestions in English for logs and tests; the screen
words them again here, through Qt's translations, so that an agent working in Spanish or
Catalan reads them in that language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from agentdesk.assist.rules import Suggestion


def tr(text: str) -> str:
    return QCoreApplication.translate("Suggestions", text)


def _fill(template: str, *values: object) -> str:
    for i, value in enumerate(values, 1):
        template = template.replace(f"%{i}", str(value))
    return template


def duration(minutes: int) -> str:
    if minutes < 120:
        return _fill(tr("%1 min"), minutes)
    if minutes < 48 * 60:
        return _fill(tr("%1 h"), minutes // 60)
    return _fill(tr("%1 days"), minutes // (24 * 60))


def words(s: Suggestion) -> tuple[str, str]:
    """(title, evidence); the assistant's own English for a kind this screen does not know."""
    f = s.facts
    if s.kind == "template" and "template" in f:
        since = (
            tr("never wrote on WhatsApp")
            if f.get("silent_min") is None
            else _fill(tr("last wrote %1 ago"), duration(f["silent_min"]))
        )
        return (
            _fill(tr("Send the template «%1»"), f["template"]),
            _fill(
                tr("The 24-hour WhatsApp window is closed: the customer %1; only approved templates can be sent."),
                since,
            ),
        )
    if s.kind == "reminder" and "due" in f:
        return (
            _fill(tr("Schedule a WhatsApp reminder for %1"), f["due"].strftime("%d/%m %H:%M")),
            _fill(
                tr("An appointment «%1» is on the timeline for %2, with no reminder sent or scheduled."),
                f["appointment"] or tr("appointment"),
                f["starts"].strftime("%d/%m %H:%M"),
            ),
        )
    if s.kind == "repeat_contact" and "count" in f:
        return (
            tr("Repeat contact: escalate or fix it for good"),
            _fill(
                tr("This customer has written %1 times in %2 days about «%3» (%4)."),
                f["count"],
                f["days"],
                f["article"],
                f["channels"],
            ),
        )
    if s.kind == "callback" and "offer" in f:
        reasons = []
        if "waited_min" in f:
            reasons.append(
                _fill(
                    tr("The customer has waited %1 (first-response target %2)."),
                    duration(f["waited_min"]),
                    duration(f["target_min"]),
                )
            )
        if "waiting" in f:
            reasons.append(
                _fill(
                    tr("%1 conversations wait in «%2», over its capacity of %3."),
                    f["waiting"],
                    f["queue"],
                    f["capacity"],
                )
            )
        title = tr("Offer another channel") if f["offer"] == "channel" else tr("Offer a callback")
        return title, " ".join(reasons)
    if s.kind == "deflection" and "article" in f:
        return (
            _fill(tr("Send the self-service link «%1»"), f["article"]),
            _fill(tr("The customer wrote %1, which the article «%2» answers."), f["words"], f["article"]),
        )
    return s.title, s.evidence
