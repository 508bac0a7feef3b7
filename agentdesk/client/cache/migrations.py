"""The cache's schema, as numbered steps recorded in SQLite's `user_version`.

Why not Alembic, as the server does: the cache is one SQLite file owned by one process,
its DDL is mostly FTS5 virtual tables, triggers and generated columns (which autogenerate
does not model anyway), and `user_version` is read and written in the same transaction as
the DDL, so a step is applied whole or not at all. Opening the cache stays a few
milliseconds, without Alembic's script machinery at every start of the desktop program.
Each step is frozen once released: a change is a new step, never an edit.
"""

from __future__ import annotations

from sqlalchemy import Connection

_MIRROR_COLUMNS = {
    "users": "username TEXT, display_name TEXT, email TEXT, role TEXT, language TEXT, active BOOLEAN, created_at TEXT",
    "teams": "name TEXT",
    "queues": "name TEXT, channel TEXT, settings TEXT, sla_first_response_s INTEGER, sla_resolution_s INTEGER, "
    "created_at TEXT",
    "contacts": "name TEXT, language TEXT, attributes TEXT, merged_into_id INTEGER, created_at TEXT, updated_at TEXT",
    "identities": "contact_id INTEGER, kind TEXT, address TEXT, display_name TEXT, created_at TEXT",
    "conversations": "queue_id INTEGER, contact_id INTEGER, identity_id INTEGER, channel TEXT, subject TEXT, "
    "status TEXT, snoozed_until TEXT, assignee_id INTEGER, priority TEXT, language TEXT, "
    "first_response_due_at TEXT, resolution_due_at TEXT, first_response_at TEXT, resolved_at TEXT, "
    "last_inbound_at TEXT, last_activity_at TEXT, created_at TEXT, "
    "sla_due_at TEXT GENERATED ALWAYS AS (coalesce(CASE WHEN status = 'resolved' THEN NULL "
    "WHEN first_response_at IS NULL THEN coalesce(first_response_due_at, resolution_due_at) "
    "ELSE resolution_due_at END, '9999')) VIRTUAL",
    "messages": "conversation_id INTEGER, queue_id INTEGER, direction TEXT, kind TEXT, channel TEXT, "
    "identity_id INTEGER, author_id INTEGER, subject TEXT, text TEXT, html TEXT, attachments TEXT, meta TEXT, "
    "external_id TEXT, delivery_status TEXT, delivery_error TEXT, created_at TEXT",
    "events": "contact_id INTEGER, conversation_id INTEGER, queue_id INTEGER, kind TEXT, data TEXT, "
    "actor_id INTEGER, occurred_at TEXT",
    "kb_articles": "title TEXT, body TEXT, language TEXT, tags TEXT, url TEXT, snippets TEXT, updated_at TEXT",
}

_CONTACT_DOC = (
    "DELETE FROM contact_fts WHERE rowid = {id}; "
    "INSERT INTO contact_fts(rowid, name, addresses) SELECT c.id, coalesce(c.name, ''), "
    "coalesce((SELECT group_concat(i.address || ' ' || coalesce(i.display_name, ''), ' ') "
    "FROM identities i WHERE i.contact_id = c.id), '') FROM contacts c WHERE c.id = {id};"
)

_V1: list[str] = [
    *(f"CREATE TABLE {name} (id INTEGER PRIMARY KEY, {cols}, gen INTEGER)" for name, cols in _MIRROR_COLUMNS.items()),
    "CREATE INDEX ix_identities_contact ON identities (contact_id)",
    "CREATE INDEX ix_conversations_activity ON conversations (last_activity_at, id)",
    "CREATE INDEX ix_conversations_sla ON conversations (sla_due_at, id)",
    "CREATE INDEX ix_conversations_assignee ON conversations (assignee_id, last_activity_at)",
    "CREATE INDEX ix_conversations_queue ON conversations (queue_id, status)",
    "CREATE INDEX ix_conversations_contact ON conversations (contact_id)",
    "CREATE INDEX ix_messages_conversation ON messages (conversation_id, created_at, id)",
    "CREATE INDEX ix_messages_queue ON messages (queue_id)",
    "CREATE INDEX ix_events_contact ON events (contact_id, occurred_at, id)",
    "CREATE INDEX ix_events_conversation ON events (conversation_id)",
    "CREATE INDEX ix_events_queue ON events (queue_id)",
    "CREATE TABLE sync_state (id INTEGER PRIMARY KEY, user_id INTEGER, cursor INTEGER, snapshot_token TEXT, "
    "gen INTEGER NOT NULL DEFAULT 0, needs_snapshot BOOLEAN NOT NULL DEFAULT 0, head INTEGER)",
    "INSERT INTO sync_state (id, gen, needs_snapshot) VALUES (1, 0, 0)",
    "CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, method TEXT NOT NULL, "
    "path TEXT NOT NULL, body TEXT, target TEXT NOT NULL, idempotency_key TEXT NOT NULL UNIQUE, "
    "state TEXT NOT NULL, error TEXT, attempts INTEGER NOT NULL DEFAULT 0, result TEXT, "
    "settled BOOLEAN NOT NULL DEFAULT 0, "
    "created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
    "CREATE INDEX ix_outbox_state ON outbox (state, id)",
    "CREATE TABLE shadows (entity TEXT NOT NULL, row_id INTEGER NOT NULL, data TEXT, PRIMARY KEY (entity, row_id))",
    # Full-text search. Accents are folded on both sides, so "atencion" finds "atención".
    "CREATE VIRTUAL TABLE message_fts USING fts5(subject, text, content='messages', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN "
    "INSERT INTO message_fts(rowid, subject, text) VALUES (new.id, new.subject, new.text); END",
    "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN "
    "INSERT INTO message_fts(message_fts, rowid, subject, text) VALUES ('delete', old.id, old.subject, old.text); "
    "END",
    # A delivery-status update rewrites the row but not its words: leave the index alone then.
    "CREATE TRIGGER messages_fts_update AFTER UPDATE OF subject, text ON messages "
    "WHEN old.text IS NOT new.text OR old.subject IS NOT new.subject BEGIN "
    "INSERT INTO message_fts(message_fts, rowid, subject, text) VALUES ('delete', old.id, old.subject, old.text); "
    "INSERT INTO message_fts(rowid, subject, text) VALUES (new.id, new.subject, new.text); END",
    # A contact's document is its name plus every address: it changes with either table.
    "CREATE VIRTUAL TABLE contact_fts USING fts5(name, addresses, tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN {_CONTACT_DOC.format(id='new.id')} END",
    f"CREATE TRIGGER contacts_fts_update AFTER UPDATE OF name ON contacts BEGIN {_CONTACT_DOC.format(id='new.id')} END",
    "CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN "
    "DELETE FROM contact_fts WHERE rowid = old.id; END",
    f"CREATE TRIGGER identities_fts_insert AFTER INSERT ON identities BEGIN "
    f"{_CONTACT_DOC.format(id='new.contact_id')} END",
    f"CREATE TRIGGER identities_fts_update AFTER UPDATE OF contact_id, address, display_name ON identities BEGIN "
    f"{_CONTACT_DOC.format(id='old.contact_id')} {_CONTACT_DOC.format(id='new.contact_id')} END",
    f"CREATE TRIGGER identities_fts_delete AFTER DELETE ON identities BEGIN "
    f"{_CONTACT_DOC.format(id='old.contact_id')} END",
]

# The knowledge-base index (agentdesk.assist.kb). Its text is stemmed per language in Python,
# which SQL triggers cannot do: they only mark an article stale, and the index restems
# stale articles before it answers. A deleted article leaves the index at once.
_V2: list[str] = [
    "CREATE VIRTUAL TABLE kb_fts USING fts5(title, body, tags, snippets, language UNINDEXED, "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TABLE kb_fts_stale (id INTEGER PRIMARY KEY)",
    "INSERT INTO kb_fts_stale (id) SELECT id FROM kb_articles",
    "CREATE TRIGGER kb_articles_stale_insert AFTER INSERT ON kb_articles BEGIN "
    "INSERT OR IGNORE INTO kb_fts_stale (id) VALUES (new.id); END",
    "CREATE TRIGGER kb_articles_stale_update AFTER UPDATE ON kb_articles BEGIN "
    "INSERT OR IGNORE INTO kb_fts_stale (id) VALUES (new.id); END",
    "CREATE TRIGGER kb_articles_fts_delete AFTER DELETE ON kb_articles BEGIN "
    "DELETE FROM kb_fts WHERE rowid = old.id; DELETE FROM kb_fts_stale WHERE id = old.id; END",
]

# QA (issue 10): scorecards, reviews, their comments on messages, and review queues (samples).
_QA_COLUMNS = {
    "qa_scorecards": "family_id INTEGER, version INTEGER, name TEXT, definition TEXT, active BOOLEAN, "
    "created_by INTEGER, created_at TEXT",
    "qa_reviews": "conversation_id INTEGER, queue_id INTEGER, agent_id INTEGER, reviewer_id INTEGER, "
    "scorecard_id INTEGER, status TEXT, answers TEXT, summary TEXT, score REAL, raw_score REAL, "
    "critical_failed BOOLEAN, passed BOOLEAN, submitted_at TEXT, agent_response TEXT, dispute_reason TEXT, "
    "responded_at TEXT, lead_seen_response_at TEXT, created_at TEXT, updated_at TEXT",
    "qa_comments": "review_id INTEGER, conversation_id INTEGER, message_id INTEGER, parent_id INTEGER, "
    "author_id INTEGER, anchor_start INTEGER, anchor_end INTEGER, anchor_quote TEXT, criterion_key TEXT, "
    "severity TEXT, suggestion TEXT, body TEXT, created_at TEXT, updated_at TEXT, deleted BOOLEAN",
    "qa_samples": "owner_id INTEGER, title TEXT, params TEXT, items TEXT, created_at TEXT",
}
_V3: list[str] = [
    *(f"CREATE TABLE {name} (id INTEGER PRIMARY KEY, {cols}, gen INTEGER)" for name, cols in _QA_COLUMNS.items()),
    "CREATE INDEX ix_qa_reviews_conversation ON qa_reviews (conversation_id)",
    "CREATE INDEX ix_qa_reviews_agent ON qa_reviews (agent_id, status)",
    "CREATE INDEX ix_qa_comments_conversation ON qa_comments (conversation_id, message_id)",
    "CREATE INDEX ix_qa_comments_review ON qa_comments (review_id)",
]

# Callbacks (issue 8) mirrored from the feed; and the suggestions this device's agent
# dismissed, kept across restarts until the evidence behind one changes (its fingerprint).
_V4: list[str] = [
    "CREATE TABLE callbacks (id INTEGER PRIMARY KEY, contact_id INTEGER, conversation_id INTEGER, "
    "queue_id INTEGER, channel TEXT, address TEXT, window_opens_at TEXT, window_closes_at TEXT, status TEXT, "
    "assignee_id INTEGER, note TEXT, created_by_id INTEGER, created_at TEXT, updated_at TEXT, gen INTEGER)",
    "CREATE INDEX ix_callbacks_status ON callbacks (status, window_opens_at, id)",
    "CREATE INDEX ix_callbacks_contact ON callbacks (contact_id)",
    "CREATE INDEX ix_callbacks_conversation ON callbacks (conversation_id)",
    "CREATE INDEX ix_callbacks_queue ON callbacks (queue_id)",
    "CREATE TABLE suggestion_dismissals (conversation_id INTEGER NOT NULL, rule TEXT NOT NULL, "
    "fingerprint TEXT NOT NULL, dismissed_at TEXT NOT NULL, PRIMARY KEY (conversation_id, rule, fingerprint))",
    # An upsert's ON CONFLICT overrides the triggers' OR IGNORE: a second write of an article
    # not yet restemmed failed on kb_fts_stale's key. These mark it stale without a conflict.
    "DROP TRIGGER kb_articles_stale_insert",
    "DROP TRIGGER kb_articles_stale_update",
    "CREATE TRIGGER kb_articles_stale_insert AFTER INSERT ON kb_articles BEGIN "
    "INSERT INTO kb_fts_stale (id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM kb_fts_stale WHERE id = new.id); "
    "END",
    "CREATE TRIGGER kb_articles_stale_update AFTER UPDATE ON kb_articles BEGIN "
    "INSERT INTO kb_fts_stale (id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM kb_fts_stale WHERE id = new.id); "
    "END",
]

# The wallboard (issue 9): the newest live figures and intervals as the server sent them
# (`name` is "queues" or "intervals:DAYS"), and the agents' states taken from them, so the
# wallboard opens at once and stays readable offline.
_V5: list[str] = [
    "CREATE TABLE figures (name TEXT PRIMARY KEY, data TEXT NOT NULL, computed_at TEXT, received_at TEXT NOT NULL)",
    "CREATE TABLE agent_states (user_id INTEGER PRIMARY KEY, name TEXT, presence TEXT, presence_since TEXT, "
    "capacity TEXT, active TEXT, as_of TEXT NOT NULL)",
]

# When the customer's WhatsApp window closes, as the server recorded it. Rows cached before
# this step lack it: a fresh snapshot (which keeps the outbox) fills them in.
_V6: list[str] = [
    "ALTER TABLE conversations ADD COLUMN whatsapp_window_closes_at TEXT",
    "UPDATE sync_state SET needs_snapshot = 1 WHERE cursor IS NOT NULL",
]

# Index i holds the statements that take the schema from version i to version i + 1.
STEPS: list[list[str]] = [_V1, _V2, _V3, _V4, _V5, _V6]
LATEST = len(STEPS)


class CacheTooNew(RuntimeError):
    """The cache was written by a newer AgentDesk; this version would misread it."""


def schema_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)


def migrate(conn: Connection, steps: list[list[str]] | None = None) -> int:
    """Bring the schema to the latest version inside the caller's (write) transaction."""
    steps = STEPS if steps is None else steps
    current = schema_version(conn)
    if current > len(steps):
        raise CacheTooNew(
            f"the local cache is at schema version {current}, newer than this AgentDesk knows ({len(steps)}); "
            "update AgentDesk, or remove the cache file to sync it again from the server"
        )
    for version in range(current, len(steps)):
        for statement in steps[version]:
            conn.exec_driver_sql(statement)
    if current != len(steps):
        # PRAGMA takes no bound parameters; the value is our own integer.
        conn.exec_driver_sql(f"PRAGMA user_version = {len(steps)}")
    return len(steps)
