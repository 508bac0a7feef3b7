"""The cache's tables, as SQLAlchemy Core metadata for queries.

The DDL itself lives in `migrations.py` (frozen per schema version); a test checks that
a migrated database has exactly these columns.

Every mirrored row carries `gen`: the snapshot generation that last wrote it, so that a
re-bootstrap can drop what the new snapshot no longer contains. Datetimes are stored as
fixed-width UTC ISO text, so that text order is time order and keyset paging needs no
conversion.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, Integer, MetaData, Table, Text

metadata = MetaData()


def _mirror(name: str, *columns: Column) -> Table:
    return Table(name, metadata, Column("id", Integer, primary_key=True), *columns, Column("gen", Integer))


users = _mirror(
    "users",
    Column("username", Text),
    Column("display_name", Text),
    Column("email", Text),
    Column("role", Text),
    Column("language", Text),
    Column("active", Boolean),
    Column("created_at", Text),
)
teams = _mirror("teams", Column("name", Text))
queues = _mirror(
    "queues",
    Column("name", Text),
    Column("channel", Text),
    Column("settings", Text),
    Column("sla_first_response_s", Integer),
    Column("sla_resolution_s", Integer),
    Column("created_at", Text),
)
contacts = _mirror(
    "contacts",
    Column("name", Text),
    Column("language", Text),
    Column("attributes", Text),
    Column("merged_into_id", Integer),
    Column("created_at", Text),
    Column("updated_at", Text),
)
identities = _mirror(
    "identities",
    Column("contact_id", Integer),
    Column("kind", Text),
    Column("address", Text),
    Column("display_name", Text),
    Column("created_at", Text),
)
conversations = _mirror(
    "conversations",
    Column("queue_id", Integer),
    Column("contact_id", Integer),
    Column("identity_id", Integer),
    Column("channel", Text),
    Column("subject", Text),
    Column("status", Text),
    Column("snoozed_until", Text),
    Column("assignee_id", Integer),
    Column("priority", Text),
    Column("language", Text),
    Column("first_response_due_at", Text),
    Column("resolution_due_at", Text),
    Column("first_response_at", Text),
    Column("resolved_at", Text),
    Column("last_inbound_at", Text),
    Column("last_activity_at", Text),
    Column("created_at", Text),
    # Generated: the next SLA deadline, '9999' when there is none, so that it sorts last.
    Column("sla_due_at", Text),
    Column("whatsapp_window_closes_at", Text),
)
messages = _mirror(
    "messages",
    Column("conversation_id", Integer),
    Column("queue_id", Integer),
    Column("direction", Text),
    Column("kind", Text),
    Column("channel", Text),
    Column("identity_id", Integer),
    Column("author_id", Integer),
    Column("subject", Text),
    Column("text", Text),
    Column("html", Text),
    Column("attachments", Text),
    Column("meta", Text),
    Column("external_id", Text),
    Column("delivery_status", Text),
    Column("delivery_error", Text),
    Column("created_at", Text),
)
events = _mirror(
    "events",
    Column("contact_id", Integer),
    Column("conversation_id", Integer),
    Column("queue_id", Integer),
    Column("kind", Text),
    Column("data", Text),
    Column("actor_id", Integer),
    Column("occurred_at", Text),
)
kb_articles = _mirror(
    "kb_articles",
    Column("title", Text),
    Column("body", Text),
    Column("language", Text),
    Column("tags", Text),
    Column("url", Text),
    Column("snippets", Text),
    Column("updated_at", Text),
)
qa_scorecards = _mirror(
    "qa_scorecards",
    Column("family_id", Integer),
    Column("version", Integer),
    Column("name", Text),
    Column("definition", Text),
    Column("active", Boolean),
    Column("created_by", Integer),
    Column("created_at", Text),
)
qa_reviews = _mirror(
    "qa_reviews",
    Column("conversation_id", Integer),
    Column("queue_id", Integer),
    Column("agent_id", Integer),
    Column("reviewer_id", Integer),
    Column("scorecard_id", Integer),
    Column("status", Text),
    Column("answers", Text),
    Column("summary", Text),
    Column("score", Float),
    Column("raw_score", Float),
    Column("critical_failed", Boolean),
    Column("passed", Boolean),
    Column("submitted_at", Text),
    Column("agent_response", Text),
    Column("dispute_reason", Text),
    Column("responded_at", Text),
    Column("lead_seen_response_at", Text),
    Column("created_at", Text),
    Column("updated_at", Text),
)
qa_comments = _mirror(
    "qa_comments",
    Column("review_id", Integer),
    Column("conversation_id", Integer),
    Column("message_id", Integer),
    Column("parent_id", Integer),
    Column("author_id", Integer),
    Column("anchor_start", Integer),
    Column("anchor_end", Integer),
    Column("anchor_quote", Text),
    Column("criterion_key", Text),
    Column("severity", Text),
    Column("suggestion", Text),
    Column("body", Text),
    Column("created_at", Text),
    Column("updated_at", Text),
    Column("deleted", Boolean),
)
qa_samples = _mirror(
    "qa_samples",
    Column("owner_id", Integer),
    Column("title", Text),
    Column("params", Text),
    Column("items", Text),
    Column("created_at", Text),
)
callbacks = _mirror(
    "callbacks",
    Column("contact_id", Integer),
    Column("conversation_id", Integer),
    Column("queue_id", Integer),
    Column("channel", Text),
    Column("address", Text),
    Column("window_opens_at", Text),
    Column("window_closes_at", Text),
    Column("status", Text),
    Column("assignee_id", Integer),
    Column("note", Text),
    Column("created_by_id", Integer),
    Column("created_at", Text),
    Column("updated_at", Text),
)

# Local only: which suggestions the agent dismissed or accepted, and on what evidence.
suggestion_dismissals = Table(
    "suggestion_dismissals",
    metadata,
    Column("conversation_id", Integer, primary_key=True),
    Column("rule", Text, primary_key=True),
    Column("fingerprint", Text, primary_key=True),
    Column("dismissed_at", Text),
)

sync_state = Table(
    "sync_state",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer),
    Column("cursor", Integer),  # NULL until a snapshot completed
    Column("snapshot_token", Text),  # where an interrupted snapshot goes on
    Column("gen", Integer),  # generation of the snapshot in progress or last completed
    Column("needs_snapshot", Boolean),  # a resync or 410 asked for a fresh snapshot
    Column("head", Integer),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", Text),
    Column("method", Text),
    Column("path", Text),
    Column("body", Text),  # JSON, sent as is on every attempt: the server hashes it with the key
    Column("target", Text),  # JSON: what the optimistic effect needs (ids it touches)
    Column("idempotency_key", Text),
    Column("state", Text),
    Column("error", Text),
    Column("attempts", Integer),
    Column("result", Text),
    # Sent, and the feed has since been read past it: its effect is in the server's rows now.
    Column("settled", Boolean),
    Column("created_at", Text),
    Column("updated_at", Text),
)

# The server's version of a row an optimistic effect changed (data NULL: the row did not exist).
shadows = Table(
    "shadows",
    metadata,
    Column("entity", Text, primary_key=True),
    Column("row_id", Integer, primary_key=True),
    Column("data", Text),
)

# The wallboard's figures as the server sent them (JSON), newest per name, and agents' states.
figures = Table(
    "figures",
    metadata,
    Column("name", Text, primary_key=True),  # "queues" or "intervals:DAYS"
    Column("data", Text),
    Column("computed_at", Text),
    Column("received_at", Text),
)
agent_states = Table(
    "agent_states",
    metadata,
    Column("user_id", Integer, primary_key=True),
    Column("name", Text),
    Column("presence", Text),
    Column("presence_since", Text),
    Column("capacity", Text),  # JSON: channel -> conversations at once
    Column("active", Text),  # JSON: channel -> open and pending conversations
    Column("as_of", Text),  # the server time of the figures (or answer) they came from
)

ENTITY_TABLES: dict[str, Table] = {
    "user": users,
    "team": teams,
    "queue": queues,
    "contact": contacts,
    "identity": identities,
    "conversation": conversations,
    "message": messages,
    "event": events,
    "kb_article": kb_articles,
    "qa_scorecard": qa_scorecards,
    "qa_review": qa_reviews,
    "qa_comment": qa_comments,
    "qa_sample": qa_samples,
    "callback": callbacks,
}
