"""The change log: every ORM write of a row a client may see appends a change, automatically.

Changes are recorded in the session's `after_flush`, so no write path can forget one. On
PostgreSQL every transaction that appends takes one transaction-level advisory lock first:
appends are serialized until commit, so a sequence number becomes visible only after all
smaller ones did, and the feed never skips one (DESIGN.md, "No gaps, ever").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChangeOp
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow

FEED_ENTITIES: dict[type[m.Base], str] = {
    m.User: "user",
    m.Team: "team",
    m.Queue: "queue",
    m.Contact: "contact",
    m.Identity: "identity",
    m.Conversation: "conversation",
    m.Message: "message",
    m.Event: "event",
    m.KbArticle: "kb_article",
    m.Callback: "callback",
    m.QaScorecard: "qa_scorecard",
}
# Rows whose readers are people, not queues (a review: its reviewer, the reviewed agent, their
# leads): never recorded by the flush hook; their writer appends one change per reader
# (`services.qa.publish`, rules in `qa_access`).
AUDIENCE_ENTITIES: dict[type[m.Base], str] = {
    m.QaReview: "qa_review",
    m.QaComment: "qa_comment",
    m.QaSample: "qa_sample",
}
ENTITY_MODELS = {name: model for model, name in (FEED_ENTITIES | AUDIENCE_ENTITIES).items()}

# Columns that never leave the server.
PRIVATE_COLUMNS = {"password_hash", "secrets", "channel_state"}

CHANGELOG_LOCK = 0x41_47_44_53  # "AGDS": the advisory lock key of change-log appends
NOTIFY_CHANNEL = "agentdesk_changes"


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialize {type(value).__name__}")


def dumps(value: Any) -> str:
    return json.dumps(value, default=_json_default, ensure_ascii=False, separators=(",", ":"))


def public_columns(model: type[m.Base]) -> list[str]:
    return [c.key for c in inspect(model).column_attrs if c.key not in PRIVATE_COLUMNS]


_COLUMNS: dict[type[m.Base], list[str]] = {model: public_columns(model) for model in FEED_ENTITIES | AUDIENCE_ENTITIES}


def row_payload(obj: m.Base) -> dict[str, Any]:
    return {key: getattr(obj, key) for key in _COLUMNS[type(obj)]}


def queue_scope(obj: m.Base) -> int | None:
    if isinstance(obj, m.Queue):
        return obj.id
    if isinstance(obj, m.Conversation | m.Message | m.Event | m.Callback):
        return obj.queue_id
    return None


def change_row(
    entity: str,
    entity_id: int,
    op: ChangeOp,
    payload: dict[str, Any],
    *,
    queue_id: int | None = None,
    except_queue_id: int | None = None,
    audience_user_id: int | None = None,
) -> dict[str, Any]:
    return {
        "entity": entity,
        "entity_id": entity_id,
        "op": op.value,
        "payload": dumps(payload),
        "queue_id": queue_id,
        "except_queue_id": except_queue_id,
        "audience_user_id": audience_user_id,
        "created_at": utcnow(),
    }


def _changes_of_flush(session: Session) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for obj in session.new:
        entity = FEED_ENTITIES.get(type(obj))
        if entity:
            rows.append(change_row(entity, obj.id, ChangeOp.UPSERT, row_payload(obj), queue_id=queue_scope(obj)))
    for obj in session.dirty:
        entity = FEED_ENTITIES.get(type(obj))
        if not entity or not session.is_modified(obj, include_collections=False):
            continue
        history = inspect(obj).attrs.queue_id.history if hasattr(obj, "queue_id") else None
        if history is not None and history.deleted and history.deleted[0] not in (None, obj.queue_id):
            # Moved to another queue: who works only the old one loses sight of it.
            rows.append(
                change_row(
                    entity,
                    obj.id,
                    ChangeOp.REVOKE,
                    {"id": obj.id},
                    queue_id=history.deleted[0],
                    except_queue_id=obj.queue_id,
                )
            )
        rows.append(change_row(entity, obj.id, ChangeOp.UPSERT, row_payload(obj), queue_id=queue_scope(obj)))
    for obj in session.deleted:
        entity = FEED_ENTITIES.get(type(obj))
        if entity:
            rows.append(change_row(entity, obj.id, ChangeOp.DELETE, {"id": obj.id}, queue_id=queue_scope(obj)))
    return rows


def append_changes(session: Session, rows: Iterable[dict[str, Any]]) -> None:
    """Append change rows in this transaction, serialized against every other appender."""
    rows = list(rows)
    if not rows:
        return
    conn = session.connection()
    if conn.dialect.name == "postgresql" and not session.info.get("changelog_locked"):
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CHANGELOG_LOCK})")
        session.info["changelog_locked"] = True
    result = conn.execute(insert(m.Change).returning(m.Change.seq), rows)
    last = max(result.scalars())
    session.info["last_seq"] = max(session.info.get("last_seq", 0), last)
    if conn.dialect.name == "postgresql":
        # Delivered at commit, to every server process that LISTENs.
        conn.exec_driver_sql(f"SELECT pg_notify('{NOTIFY_CHANNEL}', '{last}')")


@event.listens_for(Session, "after_flush")
def _record_changes(session: Session, _flush_context: Any) -> None:
    append_changes(session, _changes_of_flush(session))


@event.listens_for(Session, "after_commit")
def _announce(session: Session) -> None:
    last = session.info.pop("last_seq", None)
    session.info.pop("changelog_locked", None)
    notify: Callable[[int], None] | None = session.info.get("announce")
    if last is not None and notify is not None:
        notify(last)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop("last_seq", None)
    session.info.pop("changelog_locked", None)
