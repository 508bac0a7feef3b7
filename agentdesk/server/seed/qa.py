"""The demo's QA: the default scorecard and a month of reviews by the Support team lead, with
comments on the very replies they are about, so `./dev demo --as team-lead` has something to show.

Reviews pick resolved Support conversations of the last four weeks answered by each Support agent;
a few are answered (acknowledged, one disputed and not yet seen by the lead), one is calibrated by
the supervisor too, and one stays a draft. Everything reaches the feed through `services.qa.publish`.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain import qa
from agentdesk.domain.enums import ConversationStatus, Direction, MessageKind, Role
from agentdesk.server.db import models as m
from agentdesk.server.qa_access import DRAFT, SUBMITTED, review_audience
from agentdesk.server.services.qa import publish

LEAD = "jordi"
CALIBRATOR = "marta"
REVIEWS_PER_AGENT = 3
WEEKS = 4


def _criterion(key: str, title: str, description: str, weight: float, scale: str, **flags: bool) -> dict[str, Any]:
    return {
        "key": key,
        "title": title,
        "description": description,
        "weight": weight,
        "scale": scale,
        "allow_na": flags.get("allow_na", False),
        "critical": flags.get("critical", False),
    }


WRITTEN_REPLIES: dict[str, Any] = {
    "pass_mark": 75,
    "sections": [
        {
            "key": "greeting",
            "title": "Greeting",
            "criteria": [
                _criterion("greets_by_name", "Greets the customer by name", "", 1, "yes_no"),
                _criterion("introduces", "Says who is writing", "", 1, "yes_no", allow_na=True),
            ],
        },
        {
            "key": "accuracy",
            "title": "Accuracy",
            "criteria": [
                _criterion("correct", "Information is correct", "Dates, amounts, policies.", 3, "one_to_five"),
                _criterion("complete", "Answers every question asked", "", 2, "one_to_five"),
            ],
        },
        {
            "key": "tone",
            "title": "Tone",
            "criteria": [
                _criterion("empathy", "Acknowledges the customer's situation", "", 2, "one_to_five", allow_na=True),
                _criterion("clear", "Plain, clear language", "Short sentences, no jargon.", 1, "one_to_five"),
            ],
        },
        {
            "key": "compliance",
            "title": "Compliance",
            "criteria": [
                _criterion(
                    "data_protection",
                    "Data protection",
                    "No card numbers, passwords or other customers' data in writing; identity checked first.",
                    3,
                    "yes_no",
                    critical=True,
                ),
            ],
        },
    ],
}

# Comments by the conversation's language: (criterion, severity, body, suggestion).
COMMENTS: dict[str, list[tuple[str, str, str, str]]] = {
    "ca": [
        ("empathy", "minor", "Reconeix primer la molèstia del client.", "Sento molt el retard, ho mirem ara mateix."),
        ("clear", "info", "Bona explicació, clara i curta.", ""),
        ("correct", "major", "El termini és de 48 hores, no de 24.", "El rebràs en un termini de 48 hores."),
        ("greets_by_name", "minor", "Falta saludar pel nom.", "Hola {name},"),
    ],
    "es": [
        ("empathy", "minor", "Reconoce primero la molestia del cliente.", "Siento mucho el retraso, lo miramos ya."),
        ("clear", "info", "Muy bien explicado, claro y breve.", ""),
        ("correct", "major", "El plazo es de 48 horas, no de 24.", "Lo recibirás en un plazo de 48 horas."),
        ("greets_by_name", "minor", "Falta saludar por el nombre.", "Hola {name}:"),
    ],
    "en": [
        ("empathy", "minor", "Acknowledge the inconvenience first.", "I'm sorry for the delay; I'm on it now."),
        ("clear", "info", "Clear and short: well done.", ""),
        ("correct", "major", "The delivery window is 48 hours, not 24.", "You will receive it within 48 hours."),
        ("greets_by_name", "minor", "Greet the customer by name.", "Hello {name},"),
    ],
}
AGENT_REPLIES = {
    "ca": "Entesos, ho tindré en compte.",
    "es": "Entendido, lo tendré en cuenta.",
    "en": "Understood, I'll keep it in mind.",
}
DISPUTE = "The customer had asked us not to use their name in writing."


def seed_qa(session: Session, seed: int, now: datetime) -> None:
    rng = random.Random(f"qa:{seed}")
    users = {u.username: u for u in session.scalars(select(m.User))}
    lead, calibrator = users[LEAD], users[CALIBRATOR]
    card = m.QaScorecard(name="Written replies", definition=WRITTEN_REPLIES, version=1, active=True)
    card.created_by = lead.id
    card.created_at = now - timedelta(days=WEEKS * 7 + 14)
    session.add(card)
    session.flush()
    card.family_id = card.id
    teams = select(m.team_members.c.team_id).where(m.team_members.c.user_id == lead.id)
    agents = session.scalars(
        select(m.User)
        .join(m.team_members, m.team_members.c.user_id == m.User.id)
        .where(m.team_members.c.team_id.in_(teams), m.User.role == Role.AGENT.value)
        .order_by(m.User.id)
        .distinct()
    ).all()
    picks = [(agent, *pick) for agent in agents for pick in _picks(session, agent, now, rng)]
    # The most recently resolved pick stays a draft: the lead's work in progress.
    newest = max(range(len(picks)), key=lambda i: picks[i][1].resolved_at, default=-1)
    submitted: list[m.QaReview] = []
    for i, (agent, conversation, message) in enumerate(picks):
        at = min(conversation.resolved_at + timedelta(hours=rng.uniform(2, 48)), now - timedelta(hours=8))
        # One review finds a data-protection breach: the critical fail shows on the dashboard.
        breach = i == len(picks) // 2 and i != newest
        review = _review(session, rng, card, lead, agent, conversation, message, at, draft=i == newest, breach=breach)
        if i != newest:
            submitted.append(review)
    if len(submitted) >= 3:
        _answer(submitted[0], "acknowledged", None, seen=True)
        _answer(submitted[1], "disputed", DISPUTE, seen=False)
        # The supervisor scores one of the lead's conversations too: calibration has two reviewers.
        agent, conversation, message = next(p for p in picks if p[1].id == submitted[2].conversation_id)
        at = min(submitted[2].submitted_at + timedelta(hours=3), now - timedelta(hours=1))
        _review(session, rng, card, calibrator, agent, conversation, message, at, comments=False)
    for review in session.scalars(select(m.QaReview).order_by(m.QaReview.id)):
        comments = session.scalars(select(m.QaComment).where(m.QaComment.review_id == review.id)).all()
        publish(session, review_audience(session, review), [review, *comments])


def _picks(
    session: Session, agent: m.User, now: datetime, rng: random.Random
) -> list[tuple[m.Conversation, m.Message]]:
    """Resolved conversations of the last weeks where this agent wrote to the customer, one per week or so."""
    rows = session.execute(
        select(m.Conversation, m.Message)
        .join(m.Message, m.Message.conversation_id == m.Conversation.id)
        .where(
            m.Conversation.assignee_id == agent.id,
            m.Conversation.status == ConversationStatus.RESOLVED.value,
            m.Conversation.resolved_at >= now - timedelta(days=WEEKS * 7),
            m.Conversation.resolved_at < now - timedelta(hours=12),
            m.Message.author_id == agent.id,
            m.Message.direction == Direction.OUTBOUND.value,
            m.Message.kind == MessageKind.MESSAGE.value,
        )
        .order_by(m.Conversation.id, m.Message.id)
    ).all()
    first_reply: dict[int, tuple[m.Conversation, m.Message]] = {}
    for conversation, message in rows:
        first_reply.setdefault(conversation.id, (conversation, message))
    candidates = list(first_reply.values())
    picked = rng.sample(candidates, min(REVIEWS_PER_AGENT, len(candidates)))
    return sorted(picked, key=lambda pair: pair[0].resolved_at)


def _review(
    session: Session,
    rng: random.Random,
    card: m.QaScorecard,
    reviewer: m.User,
    agent: m.User,
    conversation: m.Conversation,
    message: m.Message,
    at: datetime,
    *,
    comments: bool = True,
    draft: bool = False,
    breach: bool = False,
) -> m.QaReview:
    strength = rng.random()
    answers: dict[str, dict[str, Any]] = {}
    for crit in qa.criteria(card.definition):
        if crit.allow_na and rng.random() < 0.15:
            value = None
        elif crit.scale == "yes_no":
            value = int(rng.random() < (0.97 if crit.critical else 0.55 + 0.4 * strength))
        else:
            value = max(1, min(5, round(2.5 + 2.5 * strength + rng.uniform(-1, 1))))
        if crit.critical and breach:
            value = 0
        answers[crit.key] = {"value": value, "note": "Card number written in full" if crit.critical and breach else ""}
    result = qa.score(card.definition, answers)
    review = m.QaReview(
        conversation_id=conversation.id,
        queue_id=conversation.queue_id,
        agent_id=agent.id,
        reviewer_id=reviewer.id,
        scorecard_id=card.id,
        status=DRAFT if draft else SUBMITTED,
        answers=answers,
        summary="",
        score=result.score,
        raw_score=result.raw_score,
        critical_failed=result.critical_failed,
        passed=result.passed,
        submitted_at=None if draft else at,
        created_at=at - timedelta(minutes=20),
        updated_at=at,
    )
    session.add(review)
    session.flush()
    if comments:
        contact = session.get(m.Contact, conversation.contact_id)
        first_name = (contact.name or "").split(" ")[0] if contact is not None else ""
        language = conversation.language or "en"
        _comments(session, rng, review, message, reviewer, None if draft else agent, language, first_name, at)
    return review


def _comments(
    session: Session,
    rng: random.Random,
    review: m.QaReview,
    message: m.Message,
    reviewer: m.User,
    replier: m.User | None,
    language: str,
    first_name: str,
    at: datetime,
) -> None:
    options = COMMENTS.get(language, COMMENTS["en"])
    text = message.text or ""
    # The first sentence of the reply carries a span comment; a second comment takes the whole message.
    end = next((i + 1 for i, ch in enumerate(text) if ch in ".!?\n" and i > 0), len(text))
    for n, (criterion, severity, body, suggestion) in enumerate(rng.sample(options, 2)):
        span = n == 0 and end > 0
        comment = m.QaComment(
            review_id=review.id,
            conversation_id=review.conversation_id,
            message_id=message.id,
            author_id=reviewer.id,
            anchor_start=0 if span else None,
            anchor_end=end if span else None,
            anchor_quote=text[:end] if span else None,
            criterion_key=criterion,
            severity=severity,
            suggestion=suggestion.replace("{name}", first_name or "…"),
            body=body,
            created_at=at - timedelta(minutes=10 - n),
            updated_at=at - timedelta(minutes=10 - n),
        )
        session.add(comment)
        session.flush()
        if n == 0 and replier is not None and rng.random() < 0.5:
            session.add(
                m.QaComment(
                    review_id=review.id,
                    conversation_id=review.conversation_id,
                    message_id=message.id,
                    parent_id=comment.id,
                    author_id=replier.id,
                    body=AGENT_REPLIES.get(language, AGENT_REPLIES["en"]),
                    created_at=at + timedelta(hours=1),
                    updated_at=at + timedelta(hours=1),
                )
            )


def _answer(review: m.QaReview, response: str, reason: str | None, *, seen: bool) -> None:
    assert review.submitted_at is not None
    review.agent_response = response
    review.dispute_reason = reason
    review.responded_at = review.submitted_at + timedelta(hours=5)
    review.lead_seen_response_at = review.responded_at + timedelta(hours=1) if seen else None
    review.updated_at = review.responded_at
