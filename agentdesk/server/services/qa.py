"""QA: scorecards, reviews, comments on messages, and the agent's answer (docs/qa.md).

Reviews, comments and samples are feed entities read by people rather than queues: every write
here ends with `publish`, which appends one change per reader as `qa_access` decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain import qa
from agentdesk.domain.enums import ChangeOp, Direction, MessageKind, Role
from agentdesk.server.changelog import AUDIENCE_ENTITIES, append_changes, change_row, row_payload
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.qa_access import DRAFT, REVIEWERS, SUBMITTED, may_sample, review_audience, visible_reviews
from agentdesk.server.services.conversations import visible_conversation
from agentdesk.server.services.errors import Conflict, Forbidden, Invalid, NotFound

EDITORS = (Role.ADMIN.value, Role.TEAM_LEAD.value)


def publish(session: Session, audience: Iterable[int], rows: Iterable[m.Base]) -> None:
    """Append the current state of `rows` to the feed, once for each reader in `audience`."""
    session.flush()
    readers = sorted(set(audience))
    append_changes(
        session,
        [
            change_row(AUDIENCE_ENTITIES[type(row)], row.id, ChangeOp.UPSERT, row_payload(row), audience_user_id=uid)
            for row in rows
            for uid in readers
        ],
    )


def require_role(user: m.User, roles: Iterable[str], what: str) -> None:
    if user.role not in roles:
        raise Forbidden(f"only {', '.join(r.replace('_', ' ') for r in roles)} may {what}")


@dataclass(frozen=True, slots=True)
class Reach:
    """The QA rows one user may read: reviews (with their comments) and samples."""

    reviews: frozenset[int]
    samples: frozenset[int]


def reach(session: Session, user: m.User) -> Reach:
    reviews = session.scalars(select(m.QaReview.id).where(visible_reviews(session, user)))
    samples = session.scalars(select(m.QaSample.id).where(m.QaSample.owner_id == user.id)) if may_sample(user) else []
    return Reach(frozenset(reviews), frozenset(samples))


def reach_of(session: Session, user_ids: Iterable[int]) -> dict[int, Reach]:
    """What these users may read now, for `access_changes` to compare with after a change."""
    return {uid: reach(session, user) for uid in user_ids if (user := session.get(m.User, uid))}


def readers_of_team(session: Session, user_id: int, team_id: int) -> dict[int, Reach]:
    """Before a change of `user_id`'s membership of a team: what the people it may affect (the
    member and the team's leads) can read now."""
    leads = session.scalars(
        select(m.User.id)
        .join(m.team_members, m.team_members.c.user_id == m.User.id)
        .where(m.team_members.c.team_id == team_id, m.User.role == Role.TEAM_LEAD.value)
    )
    return reach_of(session, {user_id, *leads})


def access_changes(session: Session, before: dict[int, Reach]) -> list[dict[str, Any]]:
    """The feed changes that bring each reader's QA rows in line with what they may read now:
    a revoke for each review (and its comments) or sample they lost, the rows of each they gained."""
    rows: list[dict[str, Any]] = []

    def upserts(uid: int, objs: Iterable[m.Base]) -> list[dict[str, Any]]:
        return [
            change_row(AUDIENCE_ENTITIES[type(o)], o.id, ChangeOp.UPSERT, row_payload(o), audience_user_id=uid)
            for o in objs
        ]

    def revoke(uid: int, entity: str, row_id: int) -> dict[str, Any]:
        return change_row(entity, row_id, ChangeOp.REVOKE, {"id": row_id}, audience_user_id=uid)

    for uid, had in sorted(before.items()):
        user = session.get(m.User, uid)
        assert user is not None
        now = reach(session, user)
        for review_id in sorted(had.reviews - now.reviews):
            comment_ids = session.scalars(select(m.QaComment.id).where(m.QaComment.review_id == review_id))
            rows += [revoke(uid, "qa_comment", cid) for cid in comment_ids]
            rows.append(revoke(uid, "qa_review", review_id))
        for review_id in sorted(now.reviews - had.reviews):
            review = session.get(m.QaReview, review_id)
            assert review is not None
            rows += upserts(uid, [review, *review_comments(session, review)])
        rows += [revoke(uid, "qa_sample", sample_id) for sample_id in sorted(had.samples - now.samples)]
        rows += upserts(uid, [session.get(m.QaSample, sample_id) for sample_id in sorted(now.samples - had.samples)])
    return rows


# Scorecards


def _checked_definition(name: str, definition: dict[str, Any]) -> None:
    if not name.strip():
        raise Invalid("a scorecard needs a name")
    errors = qa.validate_definition(definition)
    if errors:
        raise Invalid("the scorecard is not valid: " + "; ".join(errors))


def create_scorecard(session: Session, user: m.User, name: str, definition: dict[str, Any]) -> m.QaScorecard:
    require_role(user, EDITORS, "define scorecards")
    _checked_definition(name, definition)
    card = m.QaScorecard(name=name.strip(), definition=definition, version=1, active=True, created_by=user.id)
    session.add(card)
    session.flush()
    card.family_id = card.id
    session.flush()
    return card


def revise_scorecard(
    session: Session, user: m.User, scorecard_id: int, name: str, definition: dict[str, Any]
) -> m.QaScorecard:
    """A new version of the scorecard's family; reviews scored with older versions keep them."""
    require_role(user, EDITORS, "change scorecards")
    old = session.get(m.QaScorecard, scorecard_id)
    if old is None:
        raise NotFound(f"scorecard {scorecard_id} does not exist")
    _checked_definition(name, definition)
    versions = list(session.scalars(select(m.QaScorecard).where(m.QaScorecard.family_id == old.family_id)))
    for version in versions:
        version.active = False
    card = m.QaScorecard(
        family_id=old.family_id,
        version=max(v.version for v in versions) + 1,
        name=name.strip(),
        definition=definition,
        active=True,
        created_by=user.id,
    )
    session.add(card)
    session.flush()
    return card


def scorecards(session: Session, every_version: bool) -> list[m.QaScorecard]:
    query = select(m.QaScorecard).order_by(m.QaScorecard.family_id, m.QaScorecard.version)
    if not every_version:
        query = query.where(m.QaScorecard.active.is_(True))
    return list(session.scalars(query))


# Reviews


def reviewed_agent(session: Session, conversation: m.Conversation) -> int | None:
    """Whose work a review judges: the assignee, else whoever last wrote to the customer."""
    if conversation.assignee_id is not None:
        return conversation.assignee_id
    return session.scalar(
        select(m.Message.author_id)
        .where(
            m.Message.conversation_id == conversation.id,
            m.Message.direction == Direction.OUTBOUND.value,
            m.Message.kind == MessageKind.MESSAGE.value,
            m.Message.author_id.is_not(None),
        )
        .order_by(m.Message.created_at.desc(), m.Message.id.desc())
        .limit(1)
    )


def readable_review(session: Session, user: m.User, review_id: int) -> m.QaReview:
    """The review, or NotFound, also when it exists but `user` may not read it."""
    review = session.scalar(select(m.QaReview).where(m.QaReview.id == review_id, visible_reviews(session, user)))
    if review is None:
        raise NotFound(f"review {review_id} does not exist")
    return review


def _own_review(session: Session, user: m.User, review_id: int) -> m.QaReview:
    review = readable_review(session, user, review_id)
    if review.reviewer_id != user.id:
        raise Forbidden("only the reviewer may change a review")
    return review


def start_review(session: Session, user: m.User, conversation_id: int, scorecard_id: int) -> m.QaReview:
    require_role(user, REVIEWERS, "review conversations")
    conversation = visible_conversation(session, user, conversation_id)
    card = session.get(m.QaScorecard, scorecard_id)
    if card is None:
        raise NotFound(f"scorecard {scorecard_id} does not exist")
    if not card.active:
        raise Invalid(f"scorecard {scorecard_id} is an old version of {card.name!r}: review with the newest one")
    agent_id = reviewed_agent(session, conversation)
    if agent_id is None:
        raise Conflict(f"conversation {conversation_id} has no assignee and no agent reply: there is no one to review")
    existing = session.scalar(
        select(m.QaReview.id).where(m.QaReview.conversation_id == conversation.id, m.QaReview.reviewer_id == user.id)
    )
    if existing is not None:
        raise Conflict(f"you already review conversation {conversation_id} (review {existing})")
    review = m.QaReview(
        conversation_id=conversation.id,
        queue_id=conversation.queue_id,
        agent_id=agent_id,
        reviewer_id=user.id,
        scorecard_id=card.id,
        status=DRAFT,
        answers={},
        summary="",
    )
    session.add(review)
    _apply_score(review, card)
    session.flush()
    publish(session, [user.id], [review])
    _link_to_samples(session, review)
    return review


def _link_to_samples(session: Session, review: m.QaReview) -> None:
    """The reviewer's samples that hold this conversation now point at the review."""
    for sample in session.scalars(select(m.QaSample).where(m.QaSample.owner_id == review.reviewer_id)):
        items = [
            {**item, "review_id": review.id}
            if item["conversation_id"] == review.conversation_id and item.get("review_id") is None
            else item
            for item in sample.items
        ]
        if items != sample.items:
            sample.items = items
            publish(session, [sample.owner_id], [sample])


def _apply_score(review: m.QaReview, card: m.QaScorecard) -> qa.Score:
    result = qa.score(card.definition, review.answers)
    review.score = result.score
    review.raw_score = result.raw_score
    review.critical_failed = result.critical_failed
    review.passed = result.passed
    return result


def update_review(
    session: Session, user: m.User, review_id: int, answers: dict[str, Any] | None, summary: str | None
) -> m.QaReview:
    review = _own_review(session, user, review_id)
    if review.status != DRAFT:
        raise Conflict(f"review {review_id} was submitted; it can no longer change")
    card = session.get(m.QaScorecard, review.scorecard_id)
    assert card is not None
    if answers is not None:
        errors = qa.answer_errors(card.definition, answers)
        if errors:
            raise Invalid("; ".join(errors))
        # Answers merge: a client may send only the criteria it changed.
        review.answers = {
            **review.answers,
            **{k: {"value": v.get("value"), "note": v.get("note", "")} for k, v in answers.items()},
        }
    if summary is not None:
        review.summary = summary
    _apply_score(review, card)
    review.updated_at = utcnow()
    publish(session, [user.id], [review])
    return review


def submit_review(session: Session, user: m.User, review_id: int, summary: str | None = None) -> m.QaReview:
    """Submit a complete review: it and its comments reach the agent and the agent's leads."""
    review = _own_review(session, user, review_id)
    if review.status != DRAFT:
        raise Conflict(f"review {review_id} was already submitted")
    if summary is not None:
        review.summary = summary
    card = session.get(m.QaScorecard, review.scorecard_id)
    assert card is not None
    result = _apply_score(review, card)
    problems = []
    if result.missing:
        problems.append("not answered: " + ", ".join(result.missing))
    if result.na_not_allowed:
        problems.append("N/A is not allowed for: " + ", ".join(result.na_not_allowed))
    if problems:
        raise Invalid(f"review {review_id} cannot be submitted; " + "; ".join(problems))
    review.status = SUBMITTED
    review.submitted_at = review.updated_at = utcnow()
    comments = session.scalars(select(m.QaComment).where(m.QaComment.review_id == review.id).order_by(m.QaComment.id))
    publish(session, review_audience(session, review), [review, *comments])
    return review


def respond(session: Session, user: m.User, review_id: int, response: str, reason: str | None) -> m.QaReview:
    review = readable_review(session, user, review_id)
    if review.agent_id != user.id or review.status != SUBMITTED:
        raise Forbidden("only the reviewed agent may answer a submitted review")
    if response not in qa.RESPONSES:
        raise Invalid(f"response must be one of {', '.join(qa.RESPONSES)}")
    reason = (reason or "").strip() or None
    if response == "disputed" and reason is None:
        raise Invalid("a dispute needs a reason")
    if review.agent_response is not None:
        raise Conflict(f"you already answered review {review_id} ({review.agent_response})")
    review.agent_response = response
    review.dispute_reason = reason
    review.responded_at = review.updated_at = utcnow()
    publish(session, review_audience(session, review), [review])
    return review


def mark_response_seen(session: Session, user: m.User, review_id: int) -> m.QaReview:
    review = _own_review(session, user, review_id)
    if review.agent_response is None:
        raise Conflict(f"the agent has not answered review {review_id} yet")
    if review.lead_seen_response_at is None:
        review.lead_seen_response_at = review.updated_at = utcnow()
        publish(session, review_audience(session, review), [review])
    return review


def list_reviews(
    session: Session,
    user: m.User,
    agent_id: int | None = None,
    conversation_id: int | None = None,
    status: str | None = None,
) -> list[m.QaReview]:
    query = select(m.QaReview).where(visible_reviews(session, user)).order_by(m.QaReview.id)
    if agent_id is not None:
        query = query.where(m.QaReview.agent_id == agent_id)
    if conversation_id is not None:
        query = query.where(m.QaReview.conversation_id == conversation_id)
    if status is not None:
        query = query.where(m.QaReview.status == status)
    return list(session.scalars(query))


def review_comments(session: Session, review: m.QaReview) -> list[m.QaComment]:
    return list(session.scalars(select(m.QaComment).where(m.QaComment.review_id == review.id).order_by(m.QaComment.id)))


def calibration(session: Session, user: m.User, conversation_id: int) -> dict[str, Any]:
    """The submitted reviews of one conversation the caller may read, and how far apart they are."""
    require_role(user, REVIEWERS, "compare reviewers")
    visible_conversation(session, user, conversation_id)
    reviews = list_reviews(session, user, conversation_id=conversation_id, status=SUBMITTED)
    cards = {
        c.id: c
        for c in session.scalars(select(m.QaScorecard).where(m.QaScorecard.id.in_({r.scorecard_id for r in reviews})))
    }
    spread = qa.spread([r.score for r in reviews], [(cards[r.scorecard_id].definition, r.answers) for r in reviews])
    return {"reviews": [row_payload(r) for r in reviews], "spread": asdict(spread)}


# Comments


def add_comment(session: Session, user: m.User, review_id: int, fields: dict[str, Any]) -> m.QaComment:
    review = readable_review(session, user, review_id)
    parent_id = fields.get("parent_id")
    message_id = fields.get("message_id")
    if parent_id is None:
        if user.id != review.reviewer_id:
            raise Forbidden("only the reviewer comments on a review; the agent may reply to a comment")
        message = _message_of(session, review, message_id)
        start, end, quote = _anchor(
            message, fields.get("anchor_start"), fields.get("anchor_end"), fields.get("anchor_quote")
        )
        criterion = fields.get("criterion_key")
        if criterion is not None:
            card = session.get(m.QaScorecard, review.scorecard_id)
            assert card is not None
            if criterion not in {c.key for c in qa.criteria(card.definition)}:
                raise Invalid(f"criterion {criterion!r} is not in the review's scorecard")
        comment = m.QaComment(
            anchor_start=start,
            anchor_end=end,
            anchor_quote=quote,
            criterion_key=criterion,
            severity=fields.get("severity") or "info",
        )
    else:
        if user.id not in (review.reviewer_id, review.agent_id):
            raise Forbidden("only the reviewer and the reviewed agent reply to comments")
        parent = session.get(m.QaComment, parent_id)
        if parent is None or parent.review_id != review.id:
            raise Invalid(f"comment {parent_id} is not a comment of review {review_id}")
        if parent.parent_id is not None:
            raise Invalid("replies go to the top-level comment of a thread")
        if message_id is not None and message_id != parent.message_id:
            raise Invalid(f"a reply stays on the message of its thread ({parent.message_id})")
        top_level_only = ("severity", "criterion_key", "anchor_start", "anchor_end", "anchor_quote")
        if any(fields.get(key) is not None for key in top_level_only):
            raise Invalid("severity, criterion and anchor belong to the top-level comment, not to a reply")
        message_id = parent.message_id
        comment = m.QaComment(parent_id=parent.id)
    body = (fields.get("body") or "").strip()
    if not body:
        raise Invalid("a comment needs a body")
    comment.review_id = review.id
    comment.conversation_id = review.conversation_id
    comment.message_id = message_id
    comment.author_id = user.id
    comment.body = body
    comment.suggestion = fields.get("suggestion") or ""
    comment.deleted = False
    session.add(comment)
    publish(session, review_audience(session, review), [comment])
    return comment


def _message_of(session: Session, review: m.QaReview, message_id: int | None) -> m.Message:
    if message_id is None:
        raise Invalid("a comment needs the message_id it is about")
    message = session.get(m.Message, message_id)
    if message is None or message.conversation_id != review.conversation_id:
        raise Invalid(f"message {message_id} is not part of conversation {review.conversation_id} of this review")
    return message


def _anchor(
    message: m.Message, start: int | None, end: int | None, quote: str | None
) -> tuple[int | None, int | None, str | None]:
    if start is None and end is None:
        return None, None, None
    if start is None or end is None:
        raise Invalid("a span needs both anchor_start and anchor_end (or neither, for the whole message)")
    text = message.text or ""
    if not 0 <= start < end <= len(text):
        raise Invalid(f"the span {start}..{end} is outside the message's text of {len(text)} characters")
    if quote is not None and quote != text[start:end]:
        raise Invalid("anchor_quote is not the text found at anchor_start..anchor_end")
    return start, end, text[start:end]


def _own_comment(session: Session, user: m.User, comment_id: int) -> tuple[m.QaComment, m.QaReview]:
    comment = session.get(m.QaComment, comment_id)
    if comment is None:
        raise NotFound(f"comment {comment_id} does not exist")
    try:
        review = readable_review(session, user, comment.review_id)
    except NotFound:
        raise NotFound(f"comment {comment_id} does not exist") from None
    if comment.author_id != user.id:
        raise Forbidden("only its author may change a comment")
    if comment.deleted:
        raise Conflict(f"comment {comment_id} was deleted")
    return comment, review


def edit_comment(session: Session, user: m.User, comment_id: int, changes: dict[str, Any]) -> m.QaComment:
    comment, review = _own_comment(session, user, comment_id)
    if "severity" in changes and comment.parent_id is not None:
        raise Invalid("a reply has no severity")
    if "body" in changes:
        body = (changes["body"] or "").strip()
        if not body:
            raise Invalid("a comment needs a body")
        comment.body = body
    if "suggestion" in changes:
        comment.suggestion = changes["suggestion"] or ""
    if "severity" in changes:
        comment.severity = changes["severity"] or "info"
    comment.updated_at = utcnow()
    publish(session, review_audience(session, review), [comment])
    return comment


def delete_comment(session: Session, user: m.User, comment_id: int) -> m.QaComment:
    """A tombstone: the thread keeps its replies, and every reader's cache learns of it."""
    comment, review = _own_comment(session, user, comment_id)
    comment.deleted = True
    comment.body = comment.suggestion = ""
    comment.anchor_quote = None
    comment.updated_at = utcnow()
    publish(session, review_audience(session, review), [comment])
    return comment
