"""QA for the UI (`AgentDeskClient.qa`): reviews, comments, responses and review queues.

Reads come from the cache; writes go through the outbox like every other write, so they
work offline, carry one Idempotency-Key for all their attempts, show at once, and leave
again with the server's reason when it refuses them (the item's `error`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agentdesk.client.cache.database import Cache
from agentdesk.client.outbox import qa_writes
from agentdesk.client.outbox.qa_writes import Response, Severity, Weight
from agentdesk.client.outbox.store import OutboxItem
from agentdesk.client.outbox.writes import Write
from agentdesk.client.queries import qa as queries
from agentdesk.client.queries.qa import Calibration, Thread


class QaClient:
    def __init__(self, cache: Cache, user_id: int, submit: Callable[[Write], OutboxItem]) -> None:
        self._cache = cache
        self._user_id = user_id
        self._submit = submit

    # -- queries ---------------------------------------------------------------------------

    def scorecards(self, *, all_versions: bool = False) -> list[dict[str, Any]]:
        return queries.scorecards(self._cache, all_versions=all_versions)

    def scorecard(self, scorecard_id: int) -> dict[str, Any] | None:
        return queries.scorecard(self._cache, scorecard_id)

    def scorecard_use(self) -> dict[int, int]:
        """Scorecard version id → how many of the reviews I can read were scored with it."""
        return queries.scorecard_use(self._cache)

    def review(self, review_id: int) -> dict[str, Any] | None:
        return queries.review(self._cache, review_id)

    def reviews(self, conversation_id: int) -> list[dict[str, Any]]:
        return queries.reviews_of_conversation(self._cache, conversation_id)

    def my_draft(self, conversation_id: int) -> dict[str, Any] | None:
        return queries.my_draft(self._cache, conversation_id, self._user_id)

    def feedback(self) -> list[dict[str, Any]]:
        """Reviews of my work, unanswered first."""
        return queries.feedback(self._cache, self._user_id)

    def feedback_unanswered(self) -> int:
        return queries.feedback_unanswered(self._cache, self._user_id)

    def my_reviews(self) -> list[dict[str, Any]]:
        """Reviews I wrote, those with a response I have not seen first."""
        return queries.reviews_by(self._cache, self._user_id)

    def responses_unseen(self) -> int:
        return queries.responses_unseen(self._cache, self._user_id)

    def threads(self, conversation_id: int) -> dict[int, list[Thread]]:
        return queries.threads(self._cache, conversation_id)

    def calibration(self, conversation_id: int) -> Calibration:
        return queries.calibration(self._cache, conversation_id)

    def samples(self) -> list[dict[str, Any]]:
        return queries.samples(self._cache, self._user_id)

    def sample(self, sample_id: int) -> dict[str, Any] | None:
        return queries.sample(self._cache, sample_id)

    # -- writes ----------------------------------------------------------------------------

    def create_scorecard(self, name: str, definition: dict[str, Any]) -> OutboxItem:
        """A new scorecard, shown at once with the placeholder id -item.id."""
        return self._submit(qa_writes.create_scorecard(name, definition))

    def revise_scorecard(self, scorecard_id: int, name: str, definition: dict[str, Any]) -> OutboxItem:
        """Save a scorecard as its next version; reviews already made keep theirs."""
        return self._submit(qa_writes.revise_scorecard(scorecard_id, name, definition))

    def start_review(self, conversation_id: int, scorecard_id: int) -> OutboxItem:
        """A draft at once, with the placeholder id -item.id until the server's arrives."""
        return self._submit(qa_writes.create_review(conversation_id, scorecard_id))

    def save_review(
        self,
        review: dict[str, Any],
        *,
        answers: dict[str, dict[str, Any]] | None = None,
        summary: str | None = None,
    ) -> OutboxItem:
        write = qa_writes.save_review(review["conversation_id"], review["id"], answers=answers, summary=summary)
        return self._submit(write)

    def submit_review(self, review: dict[str, Any]) -> OutboxItem:
        return self._submit(qa_writes.submit_review(review["conversation_id"], review["id"]))

    def respond(self, review: dict[str, Any], response: Response, reason: str | None = None) -> OutboxItem:
        return self._submit(qa_writes.respond(review["conversation_id"], review["id"], response, reason))

    def mark_response_seen(self, review: dict[str, Any]) -> OutboxItem:
        return self._submit(qa_writes.mark_seen(review["conversation_id"], review["id"]))

    def comment(
        self,
        review: dict[str, Any],
        message_id: int,
        body: str,
        *,
        anchor: tuple[int, int, str] | None = None,
        criterion_key: str | None = None,
        severity: Severity | None = None,
        suggestion: str | None = None,
    ) -> OutboxItem:
        write = qa_writes.add_comment(
            review["conversation_id"],
            review["id"],
            message_id,
            body,
            anchor=anchor,
            criterion_key=criterion_key,
            severity=severity,
            suggestion=suggestion,
        )
        return self._submit(write)

    def reply(self, comment: dict[str, Any], body: str) -> OutboxItem:
        write = qa_writes.add_comment(
            comment["conversation_id"], comment["review_id"], comment["message_id"], body, parent_id=comment["id"]
        )
        return self._submit(write)

    def edit_comment(
        self,
        comment: dict[str, Any],
        *,
        body: str | None = None,
        suggestion: str | None = None,
        severity: Severity | None = None,
    ) -> OutboxItem:
        write = qa_writes.edit_comment(
            comment["conversation_id"], comment["id"], body=body, suggestion=suggestion, severity=severity
        )
        return self._submit(write)

    def delete_comment(self, comment: dict[str, Any]) -> OutboxItem:
        return self._submit(qa_writes.delete_comment(comment["conversation_id"], comment["id"]))

    def request_sample(
        self,
        *,
        title: str | None = None,
        agent_ids: list[int] | None = None,
        team_id: int | None = None,
        per_agent: int = 5,
        channels: list[str] | None = None,
        days: int = 7,
        weight: Weight = "none",
        seed: int | None = None,
    ) -> OutboxItem:
        write = qa_writes.request_sample(
            title=title,
            agent_ids=agent_ids,
            team_id=team_id,
            per_agent=per_agent,
            channels=channels,
            days=days,
            weight=weight,
            seed=seed,
        )
        return self._submit(write)
