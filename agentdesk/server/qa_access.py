"""Who may read QA rows (docs/qa.md, "Who sees what").

A draft review and its comments: only the reviewer. A submitted review and its comments: the
reviewed agent, team leads who share a team with that agent, supervisors, admins and the
reviewer. A sample: its owner. Queue visibility plays no part: an agent of the same queue
never reads a colleague's review. The same rules serve the GETs, the snapshot and the
change feed, where every QA change is written once per reader (`audience_user_id`).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import Role
from agentdesk.server.db import models as m

SUBMITTED = "submitted"
DRAFT = "draft"
# Roles that read every submitted review.
READ_ALL = (Role.SUPERVISOR.value, Role.ADMIN.value)
# Roles that review, sample and read the dashboard.
REVIEWERS = (Role.TEAM_LEAD.value, Role.SUPERVISOR.value, Role.ADMIN.value)


def team_member_ids(session: Session, user_id: int) -> set[int]:
    """Everyone who shares a team with this user (the user included, when in a team)."""
    teams = select(m.team_members.c.team_id).where(m.team_members.c.user_id == user_id)
    return set(session.scalars(select(m.team_members.c.user_id).where(m.team_members.c.team_id.in_(teams))))


def review_audience(session: Session, review: m.QaReview) -> set[int]:
    """The users who may read this review and its comments now; a deactivated account reads nothing."""
    own = m.User.id.in_((review.reviewer_id, review.agent_id) if review.status == SUBMITTED else (review.reviewer_id,))
    if review.status == SUBMITTED:
        agent_teams = select(m.team_members.c.team_id).where(m.team_members.c.user_id == review.agent_id)
        leads = select(m.team_members.c.user_id).where(m.team_members.c.team_id.in_(agent_teams))
        own = or_(own, m.User.role.in_(READ_ALL), and_(m.User.role == Role.TEAM_LEAD.value, m.User.id.in_(leads)))
    return set(session.scalars(select(m.User.id).where(m.User.active.is_(True), own)))


def visible_reviews(session: Session, user: m.User) -> ColumnElement[bool]:
    """A filter on `QaReview` keeping what `user` may read."""
    r = m.QaReview
    if not user.active:
        return false()
    own = r.reviewer_id == user.id
    submitted = r.status == SUBMITTED
    if user.role in READ_ALL:
        return or_(own, submitted)
    if user.role == Role.TEAM_LEAD.value:
        return or_(own, and_(submitted, r.agent_id.in_(team_member_ids(session, user.id))))
    return or_(own, and_(submitted, r.agent_id == user.id))


def may_sample(user: m.User) -> bool:
    """Whether `user` asks for and reads review queues (samples)."""
    return user.active and user.role in REVIEWERS


def snapshot_filters(session: Session, user: m.User) -> dict[str, ColumnElement[bool]]:
    """Per QA feed entity, the rows of current state `user` may read."""
    reviews = visible_reviews(session, user)
    return {
        "qa_review": reviews,
        "qa_comment": m.QaComment.review_id.in_(select(m.QaReview.id).where(reviews)),
        "qa_sample": m.QaSample.owner_id == user.id if may_sample(user) else false(),
    }
