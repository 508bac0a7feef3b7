"""The QA writes (issue 10) as the HTTP requests they become; docs/qa.md has the routes.

A review or comment made offline has a placeholder id, minus the outbox item that makes
it; a later write may name it (the path of a draft's answers, a reply's parent) and the
outbox puts the server's id in when it sends that write (`store.resolve`).
"""

from __future__ import annotations

from typing import Any, Literal

from agentdesk.client.outbox.writes import Write, given

Severity = Literal["info", "minor", "major", "critical"]
Response = Literal["acknowledged", "disputed"]
Weight = Literal["none", "low_csat", "long_handle"]

_BASE = "/api/v1/qa"


def _aim(conversation_id: int, **ids: int) -> dict[str, Any]:
    return {"conversation_id": conversation_id, **ids}


def create_scorecard(name: str, definition: dict[str, Any]) -> Write:
    body = {"name": name, "definition": definition}
    return Write("qa_scorecard_create", "POST", f"{_BASE}/scorecards", body, {})


def revise_scorecard(scorecard_id: int, name: str, definition: dict[str, Any]) -> Write:
    """The scorecard's next version; reviews already made keep the version they were scored with."""
    body = {"name": name, "definition": definition}
    path = f"{_BASE}/scorecards/{scorecard_id}"
    return Write("qa_scorecard_revise", "PUT", path, body, {"scorecard_id": scorecard_id})


def create_review(conversation_id: int, scorecard_id: int) -> Write:
    body = {"conversation_id": conversation_id, "scorecard_id": scorecard_id}
    return Write("qa_review", "POST", f"{_BASE}/reviews", body, _aim(conversation_id))


def save_review(
    conversation_id: int,
    review_id: int,
    *,
    answers: dict[str, dict[str, Any]] | None = None,
    summary: str | None = None,
) -> Write:
    body = given(answers=answers, summary=summary)
    path = f"{_BASE}/reviews/{review_id}"
    return Write("qa_review_save", "PATCH", path, body, _aim(conversation_id, review_id=review_id))


def submit_review(conversation_id: int, review_id: int) -> Write:
    path = f"{_BASE}/reviews/{review_id}/submit"
    return Write("qa_review_submit", "POST", path, None, _aim(conversation_id, review_id=review_id))


def respond(conversation_id: int, review_id: int, response: Response, reason: str | None = None) -> Write:
    body = {"response": response, **given(reason=reason)}
    path = f"{_BASE}/reviews/{review_id}/respond"
    return Write("qa_respond", "POST", path, body, _aim(conversation_id, review_id=review_id))


def mark_seen(conversation_id: int, review_id: int) -> Write:
    path = f"{_BASE}/reviews/{review_id}/seen"
    return Write("qa_seen", "POST", path, None, _aim(conversation_id, review_id=review_id))


def add_comment(
    conversation_id: int,
    review_id: int,
    message_id: int,
    body: str,
    *,
    anchor: tuple[int, int, str] | None = None,
    criterion_key: str | None = None,
    severity: Severity | None = None,
    suggestion: str | None = None,
    parent_id: int | None = None,
) -> Write:
    """`anchor` is (start, end, quoted text) in the message's plain text; None: the whole message."""
    data: dict[str, Any] = {"message_id": message_id, "body": body}
    if anchor is not None:
        data["anchor_start"], data["anchor_end"], data["anchor_quote"] = anchor
    data.update(given(criterion_key=criterion_key, severity=severity, suggestion=suggestion, parent_id=parent_id))
    path = f"{_BASE}/reviews/{review_id}/comments"
    return Write("qa_comment", "POST", path, data, _aim(conversation_id, review_id=review_id))


def edit_comment(
    conversation_id: int,
    comment_id: int,
    *,
    body: str | None = None,
    suggestion: str | None = None,
    severity: Severity | None = None,
) -> Write:
    data = given(body=body, suggestion=suggestion, severity=severity)
    path = f"{_BASE}/comments/{comment_id}"
    return Write("qa_comment_edit", "PATCH", path, data, _aim(conversation_id, comment_id=comment_id))


def delete_comment(conversation_id: int, comment_id: int) -> Write:
    path = f"{_BASE}/comments/{comment_id}"
    return Write("qa_comment_delete", "DELETE", path, None, _aim(conversation_id, comment_id=comment_id))


def request_sample(
    *,
    title: str | None = None,
    agent_ids: list[int] | None = None,
    team_id: int | None = None,
    per_agent: int = 5,
    channels: list[str] | None = None,
    days: int = 7,
    weight: Weight = "none",
    seed: int | None = None,
) -> Write:
    body = {
        "per_agent": per_agent,
        "days": days,
        "weight": weight,
        **given(title=title, agent_ids=agent_ids, team_id=team_id, channels=channels, seed=seed),
    }
    return Write("qa_sample", "POST", f"{_BASE}/samples", body, {})
