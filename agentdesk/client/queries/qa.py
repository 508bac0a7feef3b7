"""QA from the cache: scorecards, reviews, comments on messages, review queues, calibration.

The cache holds only what the server lets this user see (docs/qa.md): an agent's cache has
the submitted reviews of their own work, a lead's their own drafts and their teams' reviews.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from agentdesk.client.cache.database import Cache
from agentdesk.client.queries.records import record
from agentdesk.domain import qa


@dataclass(frozen=True, slots=True)
class Thread:
    """A top-level comment with its replies, on one message (or a span of its text)."""

    comment: dict[str, Any]
    replies: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Calibration:
    reviews: list[dict[str, Any]]  # submitted reviews of the conversation, by anyone the user may see
    spread: qa.Spread


def scorecards(cache: Cache, *, all_versions: bool = False) -> list[dict[str, Any]]:
    sql = "SELECT * FROM qa_scorecards" + ("" if all_versions else " WHERE active") + " ORDER BY name, version"
    with cache.read() as conn:
        return [record(r) for r in conn.exec_driver_sql(sql).mappings()]


def scorecard(cache: Cache, scorecard_id: int) -> dict[str, Any] | None:
    with cache.read() as conn:
        row = conn.exec_driver_sql("SELECT * FROM qa_scorecards WHERE id = ?", (scorecard_id,)).mappings().first()
    return None if row is None else record(row)


def scorecard_use(cache: Cache) -> dict[int, int]:
    with cache.read() as conn:
        rows = conn.exec_driver_sql("SELECT scorecard_id, count(*) FROM qa_reviews GROUP BY scorecard_id").all()
    return {int(scorecard_id): int(n) for scorecard_id, n in rows}


def review(cache: Cache, review_id: int) -> dict[str, Any] | None:
    with cache.read() as conn:
        row = conn.exec_driver_sql("SELECT * FROM qa_reviews WHERE id = ?", (review_id,)).mappings().first()
    return None if row is None else record(row)


def reviews_of_conversation(cache: Cache, conversation_id: int) -> list[dict[str, Any]]:
    with cache.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT * FROM qa_reviews WHERE conversation_id = ? ORDER BY created_at, id", (conversation_id,)
        ).mappings()
        return [record(r) for r in rows]


def my_draft(cache: Cache, conversation_id: int, user_id: int) -> dict[str, Any] | None:
    """The user's own review of the conversation still being written, if any."""
    with cache.read() as conn:
        row = (
            conn.exec_driver_sql(
                "SELECT * FROM qa_reviews WHERE conversation_id = ? AND reviewer_id = ? AND status = 'draft' "
                "ORDER BY id DESC LIMIT 1",
                (conversation_id, user_id),
            )
            .mappings()
            .first()
        )
    return None if row is None else record(row)


def feedback(cache: Cache, agent_id: int) -> list[dict[str, Any]]:
    """Submitted reviews of the agent's work: not yet answered first, then newest first."""
    with cache.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT * FROM qa_reviews WHERE agent_id = ? AND status = 'submitted' "
            "ORDER BY agent_response IS NOT NULL, submitted_at DESC, id DESC",
            (agent_id,),
        ).mappings()
        return [record(r) for r in rows]


def feedback_unanswered(cache: Cache, agent_id: int) -> int:
    with cache.read() as conn:
        return int(
            conn.exec_driver_sql(
                "SELECT count(*) FROM qa_reviews WHERE agent_id = ? AND status = 'submitted' "
                "AND agent_response IS NULL",
                (agent_id,),
            ).scalar_one()
        )


def reviews_by(cache: Cache, reviewer_id: int) -> list[dict[str, Any]]:
    """The reviewer's own reviews: responses not yet seen first, then drafts, then newest first."""
    with cache.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT * FROM qa_reviews WHERE reviewer_id = ? "
            "ORDER BY (agent_response IS NOT NULL AND lead_seen_response_at IS NULL) DESC, status = 'submitted', "
            "coalesce(submitted_at, created_at) DESC, id DESC",
            (reviewer_id,),
        ).mappings()
        return [record(r) for r in rows]


def responses_unseen(cache: Cache, reviewer_id: int) -> int:
    with cache.read() as conn:
        return int(
            conn.exec_driver_sql(
                "SELECT count(*) FROM qa_reviews WHERE reviewer_id = ? AND agent_response IS NOT NULL "
                "AND lead_seen_response_at IS NULL",
                (reviewer_id,),
            ).scalar_one()
        )


def threads(cache: Cache, conversation_id: int) -> dict[int, list[Thread]]:
    """The comments on a conversation's messages, per message id, oldest first; deleted ones left out.

    Each top-level comment carries `span`: where its quote is in the message's text now
    (`anchor_span`), None for a whole-message comment or a quote that is no longer there.
    """
    with cache.read() as conn:
        rows = [
            record(r)
            for r in conn.exec_driver_sql(
                "SELECT * FROM qa_comments WHERE conversation_id = ? AND NOT coalesce(deleted, 0) "
                "ORDER BY created_at, id",
                (conversation_id,),
            ).mappings()
        ]
        texts = dict(
            conn.exec_driver_sql("SELECT id, text FROM messages WHERE conversation_id = ?", (conversation_id,)).all()
        )
    out: dict[int, list[Thread]] = {}
    by_id: dict[int, Thread] = {}
    for row in rows:
        if row["parent_id"] is None:
            row["span"] = anchor_span(texts.get(row["message_id"]) or "", row)
            thread = Thread(row)
            by_id[row["id"]] = thread
            out.setdefault(row["message_id"], []).append(thread)
    for row in rows:
        parent = by_id.get(row["parent_id"]) if row["parent_id"] is not None else None
        if parent is not None:
            parent.replies.append(row)
    return out


def anchor_span(text: str, comment: dict[str, Any]) -> tuple[int, int] | None:
    """Where a comment's quoted span is in the message's text: at its offsets while they still hold
    the quote, else at the occurrence of the quote nearest to them; None when the quote is gone."""
    start, end, quote = comment.get("anchor_start"), comment.get("anchor_end"), comment.get("anchor_quote")
    if start is None or end is None:
        return None
    if not quote:
        return (start, end) if 0 <= start < end <= len(text) else None
    if text[start:end] == quote:
        return start, end
    found, at = [], text.find(quote)
    while at >= 0:
        found.append(at)
        at = text.find(quote, at + 1)
    if not found:
        return None
    best = min(found, key=lambda i: abs(i - start))
    return best, best + len(quote)


def selection_anchor(text: str, selected: str) -> tuple[int, int, str] | None:
    """Text selected on screen as (start, end, quote) in the message's plain text; None: the whole
    message. The screen lays text out again (paragraphs, an email's HTML): words match, not spacing."""
    if not selected.strip():
        return None
    found = re.search(r"\s+".join(re.escape(word) for word in selected.split()), text)
    return None if found is None else (found.start(), found.end(), found.group())


def samples(cache: Cache, owner_id: int) -> list[dict[str, Any]]:
    with cache.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT * FROM qa_samples WHERE owner_id = ? ORDER BY created_at DESC, id DESC", (owner_id,)
        ).mappings()
        return [record(r) for r in rows]


def sample(cache: Cache, sample_id: int) -> dict[str, Any] | None:
    with cache.read() as conn:
        row = conn.exec_driver_sql("SELECT * FROM qa_samples WHERE id = ?", (sample_id,)).mappings().first()
    return None if row is None else record(row)


def calibration(cache: Cache, conversation_id: int) -> Calibration:
    """The submitted reviews of one conversation and how far apart they are."""
    reviews = [r for r in reviews_of_conversation(cache, conversation_id) if r["status"] == "submitted"]
    definitions = {r["scorecard_id"]: scorecard(cache, r["scorecard_id"]) for r in reviews}
    answers = [
        (definitions[r["scorecard_id"]]["definition"], r["answers"] or {})
        for r in reviews
        if definitions.get(r["scorecard_id"]) is not None
    ]
    return Calibration(reviews, qa.spread([r["score"] for r in reviews], answers))
