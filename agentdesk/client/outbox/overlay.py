"""Optimistic effects, kept undoable: the server's version of every row they touch is shadowed.

The overlay is the effect of every write that is pending, or sent but not yet seen in the
feed. It is never merged into the server's rows for good: before a feed page is applied
the shadows are put back (the cache holds only what the server said), and after it the
overlay is replayed on top. A write the server refuses simply leaves the overlay, which
is its rollback, without a network round trip.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection

from agentdesk.client.cache.apply import Touched
from agentdesk.client.cache.tables import ENTITY_TABLES
from agentdesk.client.cache.values import from_json, now_ts, to_json, to_ts
from agentdesk.client.outbox import files
from agentdesk.domain import qa

_GENERATED = {"sla_due_at"}


def _row(conn: Connection, entity: str, row_id: int) -> dict[str, Any] | None:
    table = ENTITY_TABLES[entity]
    row = conn.exec_driver_sql(f"SELECT * FROM {table.name} WHERE id = ?", (row_id,)).mappings().first()
    return None if row is None else {k: v for k, v in row.items() if k not in _GENERATED}


def _write_row(conn: Connection, entity: str, row: dict[str, Any]) -> None:
    # An upsert, not INSERT OR REPLACE: REPLACE deletes without firing the FTS triggers.
    names = list(row)
    updates = ", ".join(f"{n} = excluded.{n}" for n in names if n != "id")
    conn.exec_driver_sql(
        f"INSERT INTO {ENTITY_TABLES[entity].name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
        f"ON CONFLICT (id) DO UPDATE SET {updates}",
        tuple(row.values()),
    )


def _shadow(conn: Connection, entity: str, row_id: int) -> dict[str, Any] | None:
    """Keep the server's version of the row (once) before an effect changes it; returns the row."""
    row = _row(conn, entity, row_id)
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO shadows (entity, row_id, data) VALUES (?, ?, ?)",
        (entity, row_id, None if row is None else json.dumps(row)),
    )
    return row


def _put(conn: Connection, entity: str, row: dict[str, Any], touched: Touched) -> None:
    """Show a row the write makes, its server version (none, as a rule) shadowed for the rollback."""
    _shadow(conn, entity, row["id"])
    _write_row(conn, entity, row)
    touched.add(entity, [row["id"]])


def _update(conn: Connection, entity: str, row_id: int, touched: Touched, **values: Any) -> bool:
    row = _shadow(conn, entity, row_id)
    if row is None:
        return False
    _write_row(conn, entity, {**row, **values})
    touched.add(entity, [row_id])
    return True


def _within(scope: Touched | None, entity: str, row_id: int | None) -> bool:
    return scope is None or scope.everything or row_id in scope.ids.get(entity, ())


def restore(conn: Connection, scope: Touched | None = None) -> Touched:
    """Put the server's rows back (those in `scope`, or all): they then hold what the feed said."""
    touched = Touched()
    for entity, row_id, data in conn.exec_driver_sql("SELECT entity, row_id, data FROM shadows").all():
        if not _within(scope, entity, row_id):
            continue
        conn.exec_driver_sql("DELETE FROM shadows WHERE entity = ? AND row_id = ?", (entity, row_id))
        if data is None:
            conn.exec_driver_sql(f"DELETE FROM {ENTITY_TABLES[entity].name} WHERE id = ?", (row_id,))
        else:
            _write_row(conn, entity, json.loads(data))
        touched.add(entity, [row_id])
    return touched


def replay(conn: Connection, scope: Touched | None = None) -> Touched:
    """Apply the effect of the writes still in flight (those aiming into `scope`, or all), in order.

    Effects set values rather than add to them, so replaying one over itself changes nothing.
    """
    touched = Touched()
    items = conn.exec_driver_sql(
        "SELECT id, kind, body, target FROM outbox WHERE state = 'pending' OR (state = 'sent' AND NOT settled) "
        "ORDER BY id"
    ).all()
    for item_id, kind, body, target in items:
        aim = from_json(target)
        if scope is not None and not _aims_into(scope, aim):
            continue
        EFFECTS[kind](conn, item_id, from_json(body) or {}, aim, touched)
    return touched


def _aims_into(scope: Touched, target: dict[str, Any]) -> bool:
    contacts = (target.get(k) for k in ("contact_id", "survivor_id", "merged_id"))
    return (
        scope.everything
        or _within(scope, "conversation", target.get("conversation_id"))
        or any(_within(scope, "contact", c) for c in contacts if c is not None)
        or "merge_id" in target
        or _within(scope, "kb_article", target.get("article_id"))
        or _within(scope, "callback", target.get("callback_id"))
    )


def rebuild(conn: Connection) -> Touched:
    touched = restore(conn)
    touched.merge(replay(conn))
    return touched


def _user_id(conn: Connection) -> int | None:
    return conn.exec_driver_sql("SELECT user_id FROM sync_state WHERE id = 1").scalar()


def _message(kind: str) -> Callable[[Connection, int, dict[str, Any], dict[str, Any], Touched], None]:
    def effect(conn: Connection, item_id: int, body: dict[str, Any], target: dict[str, Any], touched: Touched) -> None:
        conversation_id = target["conversation_id"]
        conversation = _row(conn, "conversation", conversation_id)
        if conversation is None:
            return
        now = now_ts()
        # A placeholder with a negative id (never a server id), shown until the real one arrives.
        placeholder = {
            "id": -item_id,
            "conversation_id": conversation_id,
            "queue_id": conversation["queue_id"],
            "direction": "outbound",
            "kind": kind,
            "channel": conversation["channel"],
            "identity_id": body.get("identity_id") if kind == "message" else None,
            "author_id": _user_id(conn),
            "subject": body.get("subject"),
            "text": body.get("text", ""),
            "html": body.get("html"),
            "attachments": to_json(files.shown(target.get("files", []))),
            "meta": to_json({"outbox_id": item_id}),
            "external_id": None,
            "delivery_status": "pending",
            "delivery_error": None,
            "created_at": now,
            "gen": None,
        }
        _put(conn, "message", placeholder, touched)
        _update(conn, "conversation", conversation_id, touched, last_activity_at=now)

    return effect


def _status(conn: Connection, _item: int, body: dict[str, Any], target: dict[str, Any], touched: Touched) -> None:
    status = body["status"]
    _update(
        conn,
        "conversation",
        target["conversation_id"],
        touched,
        status=status,
        snoozed_until=None,
        resolved_at=now_ts() if status == "resolved" else None,
    )


def _snooze(conn: Connection, _item: int, body: dict[str, Any], target: dict[str, Any], touched: Touched) -> None:
    cid = target["conversation_id"]
    _update(conn, "conversation", cid, touched, status="snoozed", snoozed_until=to_ts(body["until"]))


def _assign(conn: Connection, _item: int, body: dict[str, Any], target: dict[str, Any], touched: Touched) -> None:
    _update(conn, "conversation", target["conversation_id"], touched, assignee_id=body["assignee_id"])


def _move_contact(conn: Connection, from_id: int, to_id: int, touched: Touched) -> None:
    for entity in ("identity", "conversation", "event"):
        table = ENTITY_TABLES[entity].name
        ids = conn.exec_driver_sql(f"SELECT id FROM {table} WHERE contact_id = ?", (from_id,)).scalars().all()
        for row_id in ids:
            _update(conn, entity, row_id, touched, contact_id=to_id)


def _merge(conn: Connection, _item: int, body: dict[str, Any], _target: dict[str, Any], touched: Touched) -> None:
    survivor, merged = body["survivor_id"], body["merged_id"]
    if _row(conn, "contact", survivor) is None:
        return
    if _update(conn, "contact", merged, touched, merged_into_id=survivor):
        _move_contact(conn, merged, survivor, touched)
        touched.add("contact", [survivor])


def _unmerge(conn: Connection, _item: int, _body: dict[str, Any], target: dict[str, Any], touched: Touched) -> None:
    # Which contact comes back is written on the survivor's "merged" event; what exactly
    # moves back only the server knows, so the feed brings the rest.
    data = conn.exec_driver_sql(
        "SELECT data FROM events WHERE kind = 'merged' AND json_extract(data, '$.merge_id') = ?",
        (target["merge_id"],),
    ).scalar()
    if data is not None:
        _update(conn, "contact", from_json(data)["merged_contact_id"], touched, merged_into_id=None)


def _contact(conn: Connection, _item: int, body: dict[str, Any], target: dict[str, Any], touched: Touched) -> None:
    contact = _row(conn, "contact", target["contact_id"])
    if contact is None:
        return
    changes: dict[str, Any] = {}
    if "name" in body:
        changes["name"] = body["name"].strip() or None
    if "language" in body:
        changes["language"] = body["language"] or None
    attributes = {**(from_json(contact["attributes"]) or {}), **body.get("set", {})}
    for key in body.get("unset", []):
        attributes.pop(key, None)
    changes["attributes"] = to_json(attributes)
    _update(conn, "contact", target["contact_id"], touched, **changes)


def _none(conn: Connection, item_id: int, body: dict[str, Any], target: dict[str, Any], touched: Touched) -> None:
    """Writes that only record something (a suggestion's outcome, a reminder to send later):
    their event arrives through the feed, and nothing on screen waits for it."""


def _move(conn: Connection, _item: int, body: dict[str, Any], target: dict[str, Any], touched: Touched) -> None:
    _update(conn, "conversation", target["conversation_id"], touched, queue_id=body["queue_id"])


def _agent_state(conn: Connection, _item: int, _body: dict[str, Any], target: dict[str, Any], touched: Touched) -> None:
    """Presence and capacity: an agent's state is not a feed row, so `queries.figures.agent_states`
    reads these writes from the outbox itself, and a refused one drops out of it."""
    touched.add("agent_state", [target["user_id"]])


# -- knowledge base and callbacks (issue 8) -----------------------------------------------


def _answer(conn: Connection, item_id: int) -> dict[str, Any] | None:
    """What the server answered to an item that made a row (with the row's id), once it has."""
    row = conn.exec_driver_sql("SELECT state, result FROM outbox WHERE id = ?", (item_id,)).first()
    result = from_json(row[1]) if row is not None and row[0] == "sent" else None
    return result if isinstance(result, dict) and "id" in result else None


def _made_row(conn: Connection, entity: str, item_id: int) -> tuple[int, dict[str, Any]] | None:
    """Where a create shows its row, and the server's answer ({} before it): under a placeholder id
    (-item_id) until the server answers, then under the server's id, so that the feed's copy
    replaces it rather than appearing next to it; None once the server's own copy is in the cache."""
    answer = _answer(conn, item_id)
    if answer is None:
        return -item_id, {}
    made = int(answer["id"])
    shadow = conn.exec_driver_sql("SELECT data FROM shadows WHERE entity = ? AND row_id = ?", (entity, made)).first()
    # A shadow holding nothing means the row there is this effect's own, from an earlier replay.
    server_copy = shadow[0] is not None if shadow is not None else _row(conn, entity, made) is not None
    return None if server_copy else (made, answer)


# The writes that make a row, and the entity they make: the row moves to the server's id when
# the write is sent (`store.mark_sent`).
MAKERS = {
    "kb_create": "kb_article",
    "callback_create": "callback",
    "qa_scorecard_create": "qa_scorecard",
    "qa_scorecard_revise": "qa_scorecard",
}


def _kb_create(conn: Connection, item_id: int, body: dict[str, Any], _target: dict[str, Any], touched: Touched) -> None:
    made = _made_row(conn, "kb_article", item_id)
    if made is None:
        return
    row_id, answer = made
    article = {key: body.get(key) for key in ("title", "body", "language", "url")}
    article.update(id=row_id, tags=to_json(body.get("tags") or []), snippets=to_json(body.get("snippets") or {}))
    # The server's version once it answered: an edit made before the feed brings the article is based on it.
    version = to_ts(answer.get("updated_at")) or now_ts()
    _put(conn, "kb_article", {**article, "updated_at": version, "gen": None}, touched)


def _kb_update(conn: Connection, _item: int, body: dict[str, Any], target: dict[str, Any], touched: Touched) -> None:
    changes = {k: to_json(v) if k in ("tags", "snippets") else v for k, v in body.items() if k != "if_updated_at"}
    _update(conn, "kb_article", target["article_id"], touched, **changes)


def _kb_delete(conn: Connection, _item: int, _body: dict[str, Any], target: dict[str, Any], touched: Touched) -> None:
    article_id = target["article_id"]
    if _shadow(conn, "kb_article", article_id) is not None:
        conn.exec_driver_sql("DELETE FROM kb_articles WHERE id = ?", (article_id,))
        touched.add("kb_article", [article_id])


def _callback_create(
    conn: Connection, item_id: int, body: dict[str, Any], target: dict[str, Any], touched: Touched
) -> None:
    conversation = _row(conn, "conversation", target["conversation_id"])
    made = _made_row(conn, "callback", item_id)
    if conversation is None or made is None:
        return
    row_id = made[0]
    now = now_ts()
    callback = {
        "id": row_id,
        "contact_id": conversation["contact_id"],
        "conversation_id": conversation["id"],
        "queue_id": conversation["queue_id"],
        "channel": body.get("channel", "phone"),
        "address": body.get("address"),
        "window_opens_at": to_ts(body.get("window_opens_at")),
        "window_closes_at": to_ts(body.get("window_closes_at")),
        "status": "requested",
        "assignee_id": None,
        "note": body.get("note"),
        "created_by_id": _user_id(conn),
        "created_at": now,
        "updated_at": now,
        "gen": None,
    }
    _put(conn, "callback", callback, touched)
    touched.add("contact", [conversation["contact_id"]])


def _callback_update(
    conn: Connection, _item: int, body: dict[str, Any], target: dict[str, Any], touched: Touched
) -> None:
    changes = {k: to_ts(v) if k.endswith("_at") else v for k, v in body.items()}
    _update(conn, "callback", target["callback_id"], touched, **changes, updated_at=now_ts())


# -- QA (issue 10) ------------------------------------------------------------------------


def _made(conn: Connection, row_id: int) -> int:
    """A placeholder id, or the server's once the write that made it has settled (its placeholder
    is gone then, and the server's row is in the cache)."""
    if row_id >= 0:
        return row_id
    row = conn.exec_driver_sql("SELECT state, settled, result FROM outbox WHERE id = ?", (-row_id,)).first()
    result = from_json(row[2]) if row is not None and row[0] == "sent" and row[1] else None
    return int(result["id"]) if isinstance(result, dict) and "id" in result else row_id


def _scores(conn: Connection, scorecard_id: int | None, answers: dict[str, Any]) -> dict[str, Any]:
    definition = conn.exec_driver_sql("SELECT definition FROM qa_scorecards WHERE id = ?", (scorecard_id,)).scalar()
    if definition is None:
        return {}
    result = qa.score(from_json(definition), answers)
    return {
        "score": result.score,
        "raw_score": result.raw_score,
        "critical_failed": result.critical_failed,
        "passed": result.passed,
    }


def _qa_scorecard(
    conn: Connection, item_id: int, body: dict[str, Any], target: dict[str, Any], touched: Touched
) -> None:
    """A new scorecard, or the next version of one (the versions before it no longer active)."""
    made = _made_row(conn, "qa_scorecard", item_id)
    if made is None:
        return
    row_id, answer = made
    family_id, version = row_id, 1
    if "scorecard_id" in target:
        old = _row(conn, "qa_scorecard", _made(conn, target["scorecard_id"]))
        if old is None:
            return
        family_id = old["family_id"]
        versions = conn.exec_driver_sql(
            "SELECT id, version FROM qa_scorecards WHERE family_id = ? AND id != ?", (family_id, row_id)
        ).all()
        for other_id, _version in versions:
            _update(conn, "qa_scorecard", other_id, touched, active=False)
        version = max(v for _id, v in versions) + 1
    card = {
        "id": row_id,
        "family_id": family_id,
        "version": answer.get("version", version),
        "name": body["name"].strip(),
        "definition": to_json(body["definition"]),
        "active": True,
        "created_by": _user_id(conn),
        "created_at": to_ts(answer.get("created_at")) or now_ts(),
    }
    _put(conn, "qa_scorecard", card, touched)


def _qa_review(conn: Connection, item_id: int, body: dict[str, Any], target: dict[str, Any], touched: Touched) -> None:
    conversation = _row(conn, "conversation", target["conversation_id"])
    if conversation is None:
        return
    now = now_ts()
    draft = {
        "id": -item_id,
        "conversation_id": conversation["id"],
        "queue_id": conversation["queue_id"],
        "agent_id": conversation["assignee_id"],
        "reviewer_id": _user_id(conn),
        "scorecard_id": body["scorecard_id"],
        "status": "draft",
        "answers": "{}",
        "summary": "",
        "created_at": now,
        "updated_at": now,
    }
    _put(conn, "qa_review", draft, touched)


def _qa_review_save(
    conn: Connection, _item: int, body: dict[str, Any], target: dict[str, Any], touched: Touched
) -> None:
    review_id = _made(conn, target["review_id"])
    review = _row(conn, "qa_review", review_id)
    if review is None:
        return
    changes: dict[str, Any] = {"updated_at": now_ts()}
    if "answers" in body:
        # As the server does: the answers sent are merged into those stored.
        answers = {**(from_json(review["answers"]) or {}), **body["answers"]}
        changes["answers"] = to_json(answers)
        changes.update(_scores(conn, review["scorecard_id"], answers))
    if "summary" in body:
        changes["summary"] = body["summary"]
    _update(conn, "qa_review", review_id, touched, **changes)


def _qa_review_set(**fixed: Any) -> Callable[[Connection, int, dict[str, Any], dict[str, Any], Touched], None]:
    """A review's state change; a value `now` is the time of the replay."""

    def effect(conn: Connection, _item: int, body: dict[str, Any], target: dict[str, Any], touched: Touched) -> None:
        values = {k: now_ts() if v == "now" else v for k, v in fixed.items()}
        if "response" in body:
            values.update(agent_response=body["response"], dispute_reason=body.get("reason"), responded_at=now_ts())
        _update(conn, "qa_review", _made(conn, target["review_id"]), touched, **values)

    return effect


def _qa_comment(conn: Connection, item_id: int, body: dict[str, Any], target: dict[str, Any], touched: Touched) -> None:
    now = now_ts()
    parent = body.get("parent_id")
    comment = {
        "id": -item_id,
        "review_id": _made(conn, target["review_id"]),
        "conversation_id": target["conversation_id"],
        "message_id": body["message_id"],
        "parent_id": None if parent is None else _made(conn, parent),
        "author_id": _user_id(conn),
        "anchor_start": body.get("anchor_start"),
        "anchor_end": body.get("anchor_end"),
        "anchor_quote": body.get("anchor_quote"),
        "criterion_key": body.get("criterion_key"),
        "severity": body.get("severity", "info" if parent is None else None),
        "suggestion": body.get("suggestion", ""),
        "body": body["body"],
        "created_at": now,
        "updated_at": now,
        "deleted": False,
    }
    _put(conn, "qa_comment", comment, touched)


def _qa_comment_edit(
    conn: Connection, _item: int, body: dict[str, Any], target: dict[str, Any], touched: Touched
) -> None:
    _update(conn, "qa_comment", _made(conn, target["comment_id"]), touched, **body, updated_at=now_ts())


def _qa_comment_delete(
    conn: Connection, _item: int, _body: dict[str, Any], target: dict[str, Any], touched: Touched
) -> None:
    _update(conn, "qa_comment", _made(conn, target["comment_id"]), touched, deleted=True)


EFFECTS: dict[str, Callable[[Connection, int, dict[str, Any], dict[str, Any], Touched], None]] = {
    "reply": _message("message"),
    "note": _message("note"),
    "status": _status,
    "snooze": _snooze,
    "assign": _assign,
    "merge": _merge,
    "unmerge": _unmerge,
    "contact": _contact,
    "suggestion": _none,
    "reminder": _none,
    "qa_scorecard_create": _qa_scorecard,
    "qa_scorecard_revise": _qa_scorecard,
    "qa_review": _qa_review,
    "qa_review_save": _qa_review_save,
    "qa_review_submit": _qa_review_set(status="submitted", submitted_at="now"),
    "qa_respond": _qa_review_set(),
    "qa_seen": _qa_review_set(lead_seen_response_at="now"),
    "qa_comment": _qa_comment,
    "qa_comment_edit": _qa_comment_edit,
    "qa_comment_delete": _qa_comment_delete,
    # The server draws the sample; nothing to show before it answers.
    "qa_sample": _none,
    "kb_create": _kb_create,
    "kb_update": _kb_update,
    "kb_delete": _kb_delete,
    "callback_create": _callback_create,
    "callback_update": _callback_update,
    "move": _move,
    "presence": _agent_state,
    "capacity": _agent_state,
}
