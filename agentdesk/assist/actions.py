"""Carrying out a suggestion through the client's named API, and recording what the agent did.

Inserting text belongs to the composer, which the caller owns: `accept` returns the text
to insert and does the rest (send, schedule, note, create a callback) itself, through the outbox, so that
it also works offline and is sent when the network is back.
"""

from __future__ import annotations

from agentdesk.assist import dismissals
from agentdesk.assist.rules import Suggestion
from agentdesk.client.app import AgentDeskClient


def accept(client: AgentDeskClient, conversation_id: int, suggestion: Suggestion) -> str | None:
    """Do what the suggestion says; returns text for the composer when that is what it says."""
    action = suggestion.action
    insert: str | None = None
    if action.kind == "send_template" and action.template is not None:
        client.send_template(conversation_id, action.template, action.text)
    elif action.kind == "schedule_reminder" and action.template is not None and action.due_at is not None:
        client.schedule_reminder(
            conversation_id,
            action.due_at,
            action.template,
            starts_at=action.about.get("starts_at"),
            event_id=action.about.get("event_id"),
        )
    elif action.kind == "note":
        client.add_note(conversation_id, action.text)
    elif action.kind == "create_callback":
        client.callbacks.create(conversation_id, channel=action.about.get("channel", "phone"))
        insert = action.text
    else:
        insert = action.text
    # Done once is enough while its evidence holds, after a restart too.
    dismissals.remember(client.cache, conversation_id, suggestion.kind, suggestion.fingerprint)
    _record(client, conversation_id, suggestion, accepted=True)
    return insert


def dismiss(client: AgentDeskClient, conversation_id: int, suggestion: Suggestion) -> None:
    """Not offered again in this conversation, after a restart too, until its evidence changes."""
    dismissals.remember(client.cache, conversation_id, suggestion.kind, suggestion.fingerprint)
    _record(client, conversation_id, suggestion, accepted=False)


def _record(client: AgentDeskClient, conversation_id: int, suggestion: Suggestion, *, accepted: bool) -> None:
    client.record_suggestion(
        conversation_id,
        accepted=accepted,
        kind=suggestion.kind,
        article_id=suggestion.article_id,
        title=suggestion.title,
    )
