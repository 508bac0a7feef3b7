"""Reading the change feed: the log since a cursor, or a snapshot of current state for a new device.

Payloads are stored as JSON text and spliced into the response as they are: the feed is the
hottest read path of the server, and decoding rows only to encode them again would be waste.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.orm import Session

from agentdesk.domain.enums import Role
from agentdesk.server.access import visible_queue_ids
from agentdesk.server.changelog import ENTITY_MODELS, dumps, row_payload
from agentdesk.server.db import models as m
from agentdesk.server.qa_access import snapshot_filters
from agentdesk.server.services.errors import Invalid, ServiceError

# The order in which a snapshot sends entities: whatever a row refers to comes before it.
SNAPSHOT_ORDER = [
    "user",
    "team",
    "queue",
    "contact",
    "identity",
    "conversation",
    "message",
    "event",
    "kb_article",
    "qa_scorecard",
    "qa_review",
    "qa_comment",
    "qa_sample",
    "callback",
]
MAX_LIMIT = 5000


class CursorGone(ServiceError):
    status_code = 410


@dataclass(frozen=True, slots=True)
class SnapshotToken:
    head: int
    entity_index: int
    last_id: int
    total: int
    done: int

    def encode(self) -> str:
        return f"s1.{self.head}.{self.entity_index}.{self.last_id}.{self.total}.{self.done}"

    @classmethod
    def decode(cls, text: str) -> SnapshotToken:
        parts = text.split(".")
        if len(parts) != 6 or parts[0] != "s1" or not all(p.isdigit() for p in parts[1:]):
            raise Invalid("the snapshot token is not one this server handed out")
        head, index, last_id, total, done = (int(p) for p in parts[1:])
        if index > len(SNAPSHOT_ORDER):
            raise Invalid("the snapshot token is not one this server handed out")
        return cls(head, index, last_id, total, done)


def head_seq(session: Session) -> int:
    return session.scalar(select(func.coalesce(func.max(m.Change.seq), 0))) or 0


def compacted_through(session: Session) -> int:
    return session.scalar(select(m.FeedState.compacted_through).where(m.FeedState.id == 1)) or 0


def _check_horizon(session: Session, since: int) -> None:
    horizon = compacted_through(session)
    if since < horizon:
        raise CursorGone(f"changes up to {horizon} were compacted; cursor {since} is too old: start again from since=0")


def _visibility(user: m.User, queues: set[int], sees_all: bool) -> ColumnElement[bool]:
    c = m.Change
    for_me = or_(c.audience_user_id.is_(None), c.audience_user_id == user.id)
    if sees_all:
        # Whoever sees every queue never loses sight of a row moved between two of them.
        return and_(for_me, or_(c.except_queue_id.is_(None), c.op != "revoke"))
    return and_(
        for_me,
        or_(c.queue_id.is_(None), c.queue_id.in_(queues)),
        or_(c.except_queue_id.is_(None), c.except_queue_id.not_in(queues)),
    )


def _change_json(seq: int | None, entity: str, entity_id: int, op: str, payload: str) -> str:
    seq_text = "null" if seq is None else str(seq)
    return f'{{"seq":{seq_text},"entity":"{entity}","id":{entity_id},"op":"{op}","data":{payload}}}'


def read_log(session: Session, user: m.User, since: int, limit: int) -> str:
    """The next changes after `since` that `user` may see, as the JSON body of the response."""
    limit = max(1, min(limit, MAX_LIMIT))
    _check_horizon(session, since)
    # The head is read first: with appends serialized until commit, nothing at or below it can
    # still appear, so a cursor never moves past a change that is yet to become visible.
    head = head_seq(session)
    sees_all = Role(user.role).sees_all_queues
    queues = set() if sees_all else visible_queue_ids(session, user)
    # Plain tuples through the connection: the ORM's result processing and named access on
    # rows took a third of the time of serving a page.
    query = (
        select(m.Change.seq, m.Change.entity, m.Change.entity_id, m.Change.op, m.Change.payload)
        .where(m.Change.seq > since, m.Change.seq <= head, _visibility(user, queues, sees_all))
        .order_by(m.Change.seq)
        .limit(limit)
    )
    rows = session.connection().execute(query).all()
    # On PostgreSQL each statement reads its own snapshot: a compaction committed since the check
    # above may have dropped rows after `since`, and serving the rest would skip them for good.
    _check_horizon(session, since)
    cursor = rows[-1][0] if len(rows) == limit else head
    cursor = max(cursor, since)
    body = ",".join([_change_json(seq, entity, entity_id, op, payload) for seq, entity, entity_id, op, payload in rows])
    more = "true" if cursor < head else "false"
    return f'{{"changes":[{body}],"cursor":{cursor},"head":{head},"has_more":{more},"next":null}}'


def _snapshot_filter(
    entity: str, queues: set[int], sees_all: bool, by_person: dict[str, ColumnElement[bool]]
) -> ColumnElement[bool]:
    model = ENTITY_MODELS[entity]
    if entity in by_person:
        return by_person[entity]
    if sees_all:
        return true()
    if entity == "queue":
        return m.Queue.id.in_(queues)
    if entity in ("conversation", "message", "callback"):
        return model.queue_id.in_(queues)
    if entity == "event":
        return or_(m.Event.queue_id.is_(None), m.Event.queue_id.in_(queues))
    return true()


def read_snapshot(session: Session, user: m.User, token: str | None, limit: int) -> str:
    """Current state for a device that has nothing, in pages; the last page gives the cursor."""
    limit = max(1, min(limit, MAX_LIMIT))
    sees_all = Role(user.role).sees_all_queues
    queues = set() if sees_all else visible_queue_ids(session, user)
    by_person = snapshot_filters(session, user)
    if token is None:
        head = head_seq(session)
        total = sum(
            session.scalar(
                select(func.count())
                .select_from(ENTITY_MODELS[e])
                .where(_snapshot_filter(e, queues, sees_all, by_person))
            )
            or 0
            for e in SNAPSHOT_ORDER
        )
        state = SnapshotToken(head, 0, 0, total, 0)
    else:
        state = SnapshotToken.decode(token)
    parts: list[str] = []
    index, last_id, remaining = state.entity_index, state.last_id, limit
    while index < len(SNAPSHOT_ORDER) and remaining > 0:
        entity = SNAPSHOT_ORDER[index]
        model = ENTITY_MODELS[entity]
        objs = session.scalars(
            select(model)
            .where(model.id > last_id, _snapshot_filter(entity, queues, sees_all, by_person))
            .order_by(model.id)
            .limit(remaining)
        ).all()
        for obj in objs:
            parts.append(_change_json(None, entity, obj.id, "upsert", dumps(row_payload(obj))))
        remaining -= len(objs)
        if remaining > 0:
            index, last_id = index + 1, 0
        else:
            last_id = objs[-1].id
    done = state.done + len(parts)
    finished = index >= len(SNAPSHOT_ORDER)
    body = ",".join(parts)
    if finished:
        tail = f'"cursor":{state.head},"next":null,"has_more":false'
    else:
        next_token = SnapshotToken(state.head, index, last_id, max(state.total, done), done).encode()
        tail = f'"cursor":null,"next":{json.dumps(next_token)},"has_more":true'
    return f'{{"changes":[{body}],{tail},"head":{state.head},"total":{max(state.total, done)},"done":{done}}}'


def compact(session: Session, through: int) -> int:
    """Drop changes up to `through`; clients older than that re-bootstrap (410 Gone)."""
    # The newest change always stays: SQLite hands out one past the largest seq in the table,
    # so an emptied log would number new changes from 1 again, below every client's cursor.
    through = min(through, head_seq(session) - 1)
    state = session.get(m.FeedState, 1)
    if state is None:
        state = m.FeedState(id=1, compacted_through=0)
        session.add(state)
    if through <= state.compacted_through:
        return 0
    deleted = session.query(m.Change).filter(m.Change.seq <= through).delete(synchronize_session=False)
    state.compacted_through = through
    return deleted
