"""The demo's QA: a default scorecard and reviews the team lead can open, each scored by the formula."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from agentdesk.domain import qa
from agentdesk.server.db import models as m
from tests.support.small_demo import small_demo, snapshot


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory):
    with small_demo(tmp_path_factory.mktemp("qa-demo"), waiting=3) as session:
        yield session


def _snapshot(session, user: m.User) -> str:
    return json.dumps(snapshot(session, user), separators=(",", ":"))


def _user(session, username: str) -> m.User:
    return session.scalars(select(m.User).where(m.User.username == username)).one()


def test_the_demo_has_a_scorecard_and_scored_reviews_with_comments(session):
    [card] = session.scalars(select(m.QaScorecard)).all()
    assert card.name == "Written replies" and qa.validate_definition(card.definition) == []
    assert [c.key for c in qa.criteria(card.definition) if c.critical] == ["data_protection"]
    reviews = session.scalars(select(m.QaReview)).all()
    assert len([r for r in reviews if r.status == "submitted"]) >= 5
    assert len([r for r in reviews if r.status == "draft"]) == 1
    assert {r.agent_response for r in reviews} >= {"acknowledged", "disputed"}
    assert any(r.critical_failed for r in reviews)
    for review in reviews:
        expected = qa.score(card.definition, review.answers)
        assert (review.score, review.passed, review.critical_failed) == (
            expected.score,
            expected.passed,
            expected.critical_failed,
        )
        for comment in session.scalars(select(m.QaComment).where(m.QaComment.review_id == review.id)):
            message = session.get(m.Message, comment.message_id)
            assert message.conversation_id == review.conversation_id
            if comment.anchor_start is not None:
                assert message.text[comment.anchor_start : comment.anchor_end] == comment.anchor_quote


def test_the_team_lead_receives_the_demo_reviews_and_an_agent_only_their_own(session):
    lead, laia = _user(session, "jordi"), _user(session, "laia")
    lead_rows = _snapshot(session, lead)
    reviews = session.scalars(select(m.QaReview)).all()
    for review in reviews:
        assert f'"entity":"qa_review","id":{review.id},"op"' in lead_rows or review.reviewer_id != lead.id
    assert any(r.agent_id == laia.id and r.status == "submitted" for r in reviews)
    assert any(r.agent_id != laia.id and r.status == "submitted" for r in reviews)
    laia_rows = _snapshot(session, laia)
    for review in reviews:
        mine = review.agent_id == laia.id and review.status == "submitted"
        assert (f'"entity":"qa_review","id":{review.id},"op"' in laia_rows) is mine
