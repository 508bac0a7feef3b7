"""QA over real HTTP: scorecards, reviews, inline comments, the agent's answer, who sees what
through the feed, sampling and the dashboard (docs/qa.md)."""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from agentdesk.domain.enums import ChannelKind, ConversationStatus, EventKind, Role
from agentdesk.domain.identity import normalize
from agentdesk.server.cli import main as server_cli
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.types import utcnow
from agentdesk.server.services import admin
from agentdesk.server.services.conversations import Inbound, add_event, ingest
from agentdesk.server.services.qa_sampling import Candidate, draw
from tests.api.test_permissions import pull_everything
from tests.support.scorecards import crit
from tests.support.world import PASSWORD

CARD = {
    "pass_mark": 80,
    "sections": [
        {"key": "greeting", "title": "Greeting", "criteria": [crit("greet", 1)]},
        {"key": "accuracy", "title": "Accuracy", "criteria": [crit("correct", 3, "one_to_five")]},
        {"key": "tone", "title": "Tone", "criteria": [crit("empathy", 2, "one_to_five", allow_na=True)]},
        {"key": "compliance", "title": "Compliance", "criteria": [crit("gdpr", 2, critical=True)]},
    ],
}
# greet yes, correct 4 → 0.75, empathy 5 → 1, gdpr yes: (1 + 3×0.75 + 2 + 2) / 8 = 90.625
GOOD = {"greet": 1, "correct": 4, "empathy": 5, "gdpr": 1}
# greet no, correct 3 → 0.5, empathy N/A, gdpr yes: (0 + 1.5 + 2) / 6 = 58.333…
WEAK = {"greet": 0, "correct": 3, "empathy": None, "gdpr": 1}
# the critical criterion fails: score 0, raw (1 + 3 + 2 + 0) / 8 = 75
BREACH = {"greet": 1, "correct": 5, "empathy": 5, "gdpr": 0}
REPLY = "Hola Núria, la comanda 1234 surt demà des del magatzem."


def answers(values: dict) -> dict:
    return {"answers": {k: {"value": v, "note": ""} for k, v in values.items()}}


@dataclass
class Floor:
    """The test world plus: Tom leads Support (Ana and Carl), Lea leads Billing (Bob)."""

    api: object
    sessions: object
    tom: httpx.Client
    sue: httpx.Client
    ana: httpx.Client
    carl: httpx.Client
    lea: httpx.Client
    bob: httpx.Client
    users: dict[str, int]
    card: int
    conversation: int
    message: int

    def review(
        self, values: dict | None = None, by: httpx.Client | None = None, conversation: int | None = None
    ) -> dict:
        lead = by or self.tom
        review = lead.post(
            "/api/v1/qa/reviews",
            json={"conversation_id": conversation or self.conversation, "scorecard_id": self.card},
        )
        assert review.status_code == 201, review.text
        if values is None:
            return review.json()
        patched = lead.patch(f"/api/v1/qa/reviews/{review.json()['id']}", json=answers(values))
        assert patched.status_code == 200, patched.text
        return patched.json()

    def submit(self, review_id: int, by: httpx.Client | None = None) -> dict:
        response = (by or self.tom).post(f"/api/v1/qa/reviews/{review_id}/submit")
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def floor(api) -> Floor:
    engine = make_engine(api.database_url)
    sessions = make_sessionmaker(engine)
    w = api.world
    users = dict(w.users)
    with sessions() as session:
        for username, role, team in [("carl", Role.AGENT, "support"), ("lea", Role.TEAM_LEAD, "billing")]:
            user = admin.create_user(session, username, PASSWORD, role, display_name=username.title())
            admin.set_membership(session, user.id, w.teams[team], True)
            users[username] = user.id
        admin.set_membership(session, w.users["tom"], w.teams["support"], True)
        session.commit()
    clients = {name: api.login(name) for name in ("tom", "sue", "ana", "carl", "lea", "bob")}
    conversation = w.conversations["nuria_email"]
    assigned = clients["sue"].post(f"/api/v1/conversations/{conversation}/assign", json={"assignee_id": w.users["ana"]})
    assert assigned.status_code == 200, assigned.text
    reply = clients["ana"].post(f"/api/v1/conversations/{conversation}/messages", json={"text": REPLY})
    assert reply.status_code == 201, reply.text
    card = clients["tom"].post("/api/v1/qa/scorecards", json={"name": "Written replies", "definition": CARD})
    assert card.status_code == 201, card.text
    yield Floor(api, sessions, users=users, card=card.json()["id"], conversation=conversation,
                message=reply.json()["id"], **clients)  # fmt: skip
    engine.dispose()


def qa_rows(changes: list[dict], entity: str) -> dict[int, dict]:
    """The last state of each row of `entity` in a list of changes."""
    return {c["id"]: c["data"] for c in changes if c["entity"] == entity}


def test_scorecards_are_versioned_and_an_old_review_keeps_its_version(floor: Floor):
    v1 = floor.card
    assert floor.ana.post("/api/v1/qa/scorecards", json={"name": "Mine", "definition": CARD}).status_code == 403
    broken = floor.tom.post(
        "/api/v1/qa/scorecards", json={"name": "Broken", "definition": {"pass_mark": 101, "sections": []}}
    )
    assert broken.status_code == 422
    assert "pass_mark must be a number from 0 to 100" in broken.json()["detail"]
    review = floor.review(GOOD)
    stricter = {**CARD, "pass_mark": 95}
    v2 = floor.tom.put(f"/api/v1/qa/scorecards/{v1}", json={"name": "Written replies", "definition": stricter})
    assert v2.status_code == 200, v2.text
    assert (v2.json()["family_id"], v2.json()["version"], v2.json()["active"]) == (v1, 2, True)
    active = floor.ana.get("/api/v1/qa/scorecards").json()
    assert [c["id"] for c in active] == [v2.json()["id"]]
    every = floor.ana.get("/api/v1/qa/scorecards", params={"all": 1}).json()
    assert [(c["version"], c["active"]) for c in every] == [(1, False), (2, True)]
    # The draft keeps version 1 and its pass mark of 80: 90.625 passes there, not under 95.
    submitted = floor.submit(review["id"])
    assert submitted["scorecard_id"] == v1
    assert submitted["score"] == pytest.approx(90.625) and submitted["passed"] is True
    old = floor.sue.post("/api/v1/qa/reviews", json={"conversation_id": floor.conversation, "scorecard_id": v1})
    assert old.status_code == 422 and "old version" in old.json()["detail"]
    # Every signed-in user receives scorecards through the feed.
    changes, _ = pull_everything(floor.bob)
    assert set(qa_rows(changes, "qa_scorecard")) == {v1, v2.json()["id"]}


def test_a_draft_is_scored_as_it_goes_and_submitted_only_when_complete(floor: Floor):
    assert (
        floor.ana.post(
            "/api/v1/qa/reviews", json={"conversation_id": floor.conversation, "scorecard_id": floor.card}
        ).status_code
        == 403
    )
    review = floor.review()
    assert (review["status"], review["agent_id"], review["score"]) == ("draft", floor.users["ana"], None)
    rid = review["id"]
    again = floor.tom.post(
        "/api/v1/qa/reviews", json={"conversation_id": floor.conversation, "scorecard_id": floor.card}
    )
    assert again.status_code == 409
    off = floor.tom.patch(f"/api/v1/qa/reviews/{rid}", json=answers({"greet": 2, "nope": 1}))
    assert off.status_code == 422
    assert "criterion 'greet': value must be one of 0, 1 or null (N/A)" in off.json()["detail"]
    assert "criterion 'nope' is not in this scorecard" in off.json()["detail"]
    part = floor.tom.patch(f"/api/v1/qa/reviews/{rid}", json=answers({"greet": 1, "correct": 3}))
    assert part.json()["score"] == pytest.approx(100 * (1 + 1.5) / 4)
    missing = floor.tom.post(f"/api/v1/qa/reviews/{rid}/submit")
    assert missing.status_code == 422
    assert missing.json()["detail"] == f"review {rid} cannot be submitted; not answered: empathy, gdpr"
    floor.tom.patch(f"/api/v1/qa/reviews/{rid}", json=answers({"empathy": None, "gdpr": None}))
    na = floor.tom.post(f"/api/v1/qa/reviews/{rid}/submit")
    assert na.status_code == 422
    assert na.json()["detail"] == f"review {rid} cannot be submitted; N/A is not allowed for: gdpr"
    # Someone else's draft does not exist for a supervisor.
    assert floor.sue.patch(f"/api/v1/qa/reviews/{rid}", json=answers({"gdpr": 1})).status_code == 404
    floor.tom.patch(f"/api/v1/qa/reviews/{rid}", json={**answers({"gdpr": 0}), "summary": "Shared the card number"})
    done = floor.submit(rid)
    assert done["status"] == "submitted" and done["submitted_at"]
    # gdpr is critical and failed: 0, with the weighted score kept: (1 + 1.5) / 6
    assert (done["score"], done["critical_failed"], done["passed"]) == (0, True, False)
    assert done["raw_score"] == pytest.approx(100 * 2.5 / 6)
    assert floor.tom.patch(f"/api/v1/qa/reviews/{rid}", json={"summary": "late"}).status_code == 409
    assert floor.tom.post(f"/api/v1/qa/reviews/{rid}/submit").status_code == 409


def test_comments_sit_on_a_message_or_a_span_and_thread_between_lead_and_agent(floor: Floor):
    rid = floor.review(GOOD)["id"]
    url = f"/api/v1/qa/reviews/{rid}/comments"
    start = REPLY.index("surt demà")
    span = floor.tom.post(
        url,
        json={
            "message_id": floor.message,
            "anchor_start": start,
            "anchor_end": start + len("surt demà"),
            "anchor_quote": "surt demà",
            "criterion_key": "correct",
            "severity": "major",
            "suggestion": "surt avui",
            "body": "The order ships today",
        },
    )
    assert span.status_code == 201, span.text
    assert (span.json()["anchor_quote"], span.json()["severity"], span.json()["author_id"]) == (
        "surt demà",
        "major",
        floor.users["tom"],
    )
    whole = floor.tom.post(url, json={"message_id": floor.message, "body": "Nice greeting"}).json()
    assert (whole["anchor_start"], whole["anchor_end"], whole["severity"]) == (None, None, "info")
    # Wrong anchors and messages are refused with the reason.
    other = floor.api.world.conversations["nuria_billing"]
    with floor.sessions() as session:
        foreign = session.scalar(select(m.Message.id).where(m.Message.conversation_id == other))
    bad = [
        ({"message_id": foreign, "body": "x"}, f"message {foreign} is not part of conversation {floor.conversation}"),
        ({"message_id": floor.message, "anchor_start": 0, "anchor_end": 4, "anchor_quote": "Adéu", "body": "x"},
         "anchor_quote is not the text found at anchor_start..anchor_end"),
        ({"message_id": floor.message, "anchor_start": 0, "anchor_end": 999, "body": "x"}, "outside the message"),
        ({"message_id": floor.message, "criterion_key": "speed", "body": "x"}, "criterion 'speed' is not in"),
        ({"message_id": floor.message, "body": "  "}, "a comment needs a body"),
    ]  # fmt: skip
    for body, reason in bad:
        response = floor.tom.post(url, json=body)
        assert response.status_code == 422 and reason in response.json()["detail"], (body, response.text)
    # A draft is the reviewer's alone: the agent cannot reply yet.
    thread = span.json()["id"]
    assert floor.ana.post(url, json={"parent_id": thread, "body": "But..."}).status_code == 404
    floor.submit(rid)
    reply = floor.ana.post(url, json={"parent_id": thread, "body": "The warehouse said tomorrow"})
    assert reply.status_code == 201, reply.text
    assert (reply.json()["message_id"], reply.json()["severity"]) == (floor.message, None)
    assert floor.tom.post(url, json={"parent_id": thread, "body": "Checked: today"}).status_code == 201
    nested = floor.tom.post(url, json={"parent_id": reply.json()["id"], "body": "x"})
    assert nested.status_code == 422 and "top-level" in nested.json()["detail"]
    assert floor.ana.post(url, json={"message_id": floor.message, "body": "top"}).status_code == 403
    assert floor.carl.post(url, json={"parent_id": thread, "body": "me too"}).status_code == 404
    # Edit and delete are the author's; a deletion is a tombstone in the thread.
    assert floor.ana.patch(f"/api/v1/qa/comments/{thread}", json={"body": "mine now"}).status_code == 403
    edited = floor.tom.patch(f"/api/v1/qa/comments/{thread}", json={"severity": "minor"})
    assert edited.json()["severity"] == "minor" and edited.json()["body"] == "The order ships today"
    gone = floor.tom.delete(f"/api/v1/qa/comments/{whole['id']}")
    assert gone.status_code == 200 and gone.json()["deleted"] is True and gone.json()["body"] == ""
    assert floor.tom.patch(f"/api/v1/qa/comments/{whole['id']}", json={"body": "back"}).status_code == 409
    detail = floor.ana.get(f"/api/v1/qa/reviews/{rid}").json()
    threads = [(c["parent_id"], c["body"], c["deleted"]) for c in detail["comments"]]
    assert threads == [
        (None, "The order ships today", False),
        (None, "", True),
        (thread, "The warehouse said tomorrow", False),
        (thread, "Checked: today", False),
    ]
    # The anchors reach the agent's cache through the feed on the very message.
    changes, _ = pull_everything(floor.ana)
    comments = qa_rows(changes, "qa_comment")
    assert comments[thread]["message_id"] == floor.message
    assert (comments[thread]["anchor_start"], comments[thread]["anchor_end"]) == (start, start + len("surt demà"))
    assert floor.message in qa_rows(changes, "message")


def test_a_replayed_comment_write_is_stored_once(floor: Floor):
    rid = floor.review()["id"]
    key = {"Idempotency-Key": str(uuid.uuid4())}
    body = {"message_id": floor.message, "body": "Once"}
    first = floor.tom.post(f"/api/v1/qa/reviews/{rid}/comments", json=body, headers=key)
    again = floor.tom.post(f"/api/v1/qa/reviews/{rid}/comments", json=body, headers=key)
    assert first.status_code == again.status_code == 201
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json()["id"] == first.json()["id"]
    assert [c["body"] for c in floor.tom.get(f"/api/v1/qa/reviews/{rid}").json()["comments"]] == ["Once"]
    changes, _ = pull_everything(floor.tom)
    assert list(qa_rows(changes, "qa_comment")) == [first.json()["id"]]


def test_calibration_shows_the_spread_between_two_reviewers(floor: Floor):
    tom = floor.review(GOOD)
    sue = floor.review(WEAK, by=floor.sue)
    floor.submit(tom["id"])
    floor.submit(sue["id"], by=floor.sue)
    assert floor.ana.get(f"/api/v1/qa/conversations/{floor.conversation}/calibration").status_code == 403
    body = floor.sue.get(f"/api/v1/qa/conversations/{floor.conversation}/calibration").json()
    assert [r["reviewer_id"] for r in body["reviews"]] == [floor.users["tom"], floor.users["sue"]]
    spread = body["spread"]
    low, high = 100 * 3.5 / 6, 90.625
    assert spread["count"] == 2
    assert (spread["min"], spread["max"]) == (pytest.approx(low), pytest.approx(high))
    assert spread["range"] == pytest.approx(high - low)
    assert spread["stdev"] == pytest.approx((high - low) / 2)
    # greet yes vs no: 100 apart; correct 4 vs 3: 25; empathy answered once; gdpr agreed.
    assert spread["criteria"] == {"greet": 100, "correct": 25, "gdpr": 0}


def test_the_agent_acknowledges_or_disputes_and_the_lead_sees_it(floor: Floor):
    rid = floor.review(WEAK)["id"]
    assert floor.ana.post(f"/api/v1/qa/reviews/{rid}/respond", json={"response": "acknowledged"}).status_code == 404
    floor.submit(rid)
    _, tom_cursor = pull_everything(floor.tom)
    assert floor.tom.post(f"/api/v1/qa/reviews/{rid}/seen").status_code == 409
    no_reason = floor.ana.post(f"/api/v1/qa/reviews/{rid}/respond", json={"response": "disputed", "reason": " "})
    assert no_reason.status_code == 422 and no_reason.json()["detail"] == "a dispute needs a reason"
    assert floor.carl.post(f"/api/v1/qa/reviews/{rid}/respond", json={"response": "acknowledged"}).status_code == 404
    assert floor.tom.post(f"/api/v1/qa/reviews/{rid}/respond", json={"response": "acknowledged"}).status_code == 403
    disputed = floor.ana.post(
        f"/api/v1/qa/reviews/{rid}/respond", json={"response": "disputed", "reason": "The customer asked for no name"}
    )
    assert disputed.status_code == 200, disputed.text
    assert floor.ana.post(f"/api/v1/qa/reviews/{rid}/respond", json={"response": "acknowledged"}).status_code == 409
    changes, _ = pull_everything(floor.tom, tom_cursor)
    seen_by_tom = qa_rows(changes, "qa_review")[rid]
    assert (seen_by_tom["agent_response"], seen_by_tom["dispute_reason"]) == (
        "disputed",
        "The customer asked for no name",
    )
    assert seen_by_tom["lead_seen_response_at"] is None
    _, ana_cursor = pull_everything(floor.ana)
    assert floor.ana.post(f"/api/v1/qa/reviews/{rid}/seen").status_code == 403
    seen = floor.tom.post(f"/api/v1/qa/reviews/{rid}/seen")
    assert seen.status_code == 200 and seen.json()["lead_seen_response_at"]
    changes, _ = pull_everything(floor.ana, ana_cursor)
    assert qa_rows(changes, "qa_review")[rid]["lead_seen_response_at"] == seen.json()["lead_seen_response_at"]


def test_reviews_and_comments_reach_only_their_readers_through_the_feed(floor: Floor):
    readers = ("tom", "sue", "ana", "carl", "lea", "bob")
    cursors = {name: pull_everything(getattr(floor, name))[1] for name in readers}
    review = floor.review(GOOD)
    comment = floor.tom.post(
        f"/api/v1/qa/reviews/{review['id']}/comments", json={"message_id": floor.message, "body": "Good"}
    ).json()

    def received(name: str) -> tuple[set[int], set[int]]:
        """The reviews and comments in a fresh snapshot; what the log brought since last time is in it too."""
        client = getattr(floor, name)
        log, cursors[name] = pull_everything(client, cursors[name])
        snapshot, _ = pull_everything(client)
        got = set(qa_rows(snapshot, "qa_review")), set(qa_rows(snapshot, "qa_comment"))
        assert set(qa_rows(log, "qa_review")) <= got[0] and set(qa_rows(log, "qa_comment")) <= got[1], name
        return got

    # A draft reaches nobody but its reviewer.
    assert received("tom") == ({review["id"]}, {comment["id"]})
    for name in ("sue", "ana", "carl", "lea", "bob"):
        assert received(name) == (set(), set()), name
    # Submitted: the agent, the agent's team lead, supervisors; never another agent or another team's lead.
    floor.submit(review["id"])
    for name in ("tom", "sue", "ana"):
        assert received(name) == ({review["id"]}, {comment["id"]}), name
    for name in ("carl", "lea", "bob"):
        assert received(name) == (set(), set()), name
    assert floor.carl.get("/api/v1/qa/reviews").json() == []
    assert floor.carl.get(f"/api/v1/qa/reviews/{review['id']}").status_code == 404
    assert floor.lea.get(f"/api/v1/qa/reviews/{review['id']}").status_code == 404
    assert [r["id"] for r in floor.ana.get("/api/v1/qa/reviews").json()] == [review["id"]]
    # Later comments follow the same audience.
    reply = floor.ana.post(
        f"/api/v1/qa/reviews/{review['id']}/comments", json={"parent_id": comment["id"], "body": "Thanks"}
    ).json()
    for name in ("tom", "sue", "ana"):
        assert reply["id"] in received(name)[1], name
    for name in ("carl", "lea", "bob"):
        assert received(name) == (set(), set()), name


def resolved_conversation(session, queue: int, agent: int | None, days_ago: float, n: int, csat: int | None = None,
                          author: int | None = None) -> int:  # fmt: skip
    channel = session.get(m.Queue, queue).channel
    address = (
        normalize("phone", f"+3461{n:07d}") if channel == ChannelKind.WHATSAPP else normalize("email", f"c{n}@x.es")
    )
    at = utcnow() - timedelta(days=days_ago)
    message = ingest(session, Inbound(queue_id=queue, address=address, text=f"Question {n}", received_at=at))
    conversation = session.get(m.Conversation, message.conversation_id)
    if author is not None:
        session.add(
            m.Message(conversation_id=conversation.id, queue_id=queue, direction="outbound", channel=channel,
                      author_id=author, text=f"Answer {n}", delivery_status="sent", created_at=at)
        )  # fmt: skip
    conversation.assignee_id = agent
    conversation.status = ConversationStatus.RESOLVED.value
    conversation.resolved_at = at + timedelta(minutes=10)
    if csat is not None:
        add_event(session, conversation, EventKind.SURVEY_ANSWER, {"survey": "csat", "score": csat})
    return conversation.id


def test_samples_draw_per_agent_and_channel_deterministically(floor: Floor):
    w, u = floor.api.world, floor.users
    with floor.sessions() as session:
        plan = [
            *[(w.queues["support_email"], u["ana"]) for _ in range(4)],
            *[(w.queues["support_whatsapp"], u["ana"]) for _ in range(3)],
            *[(w.queues["support_email"], u["carl"]) for _ in range(2)],
            (w.queues["billing_email"], u["bob"]),
        ]
        made = [resolved_conversation(session, q, a, 1, n) for n, (q, a) in enumerate(plan)]
        # Resolved with no assignee: the last agent who wrote is the one reviewed.
        made.append(resolved_conversation(session, w.queues["support_email"], None, 1, 90, author=u["carl"]))
        # Too old for a 7-day sample.
        resolved_conversation(session, w.queues["support_email"], u["ana"], 9, 91)
        session.commit()
    ask = {"per_agent": 2, "days": 7, "seed": 42}
    sample = floor.tom.post("/api/v1/qa/samples", json=ask)
    assert sample.status_code == 201, sample.text
    items = sample.json()["items"]
    counts: dict[tuple[int, str], int] = {}
    for item in items:
        counts[(item["agent_id"], item["channel"])] = counts.get((item["agent_id"], item["channel"]), 0) + 1
        assert item["conversation_id"] in made and item["review_id"] is None
    # Tom leads Support: Bob (Billing) is not his to sample; Carl has 2 + the unassigned one.
    assert counts == {(u["ana"], "email"): 2, (u["ana"], "whatsapp"): 2, (u["carl"], "email"): 2}
    same = floor.tom.post("/api/v1/qa/samples", json=ask).json()
    assert same["id"] != sample.json()["id"] and same["items"] == items
    only = floor.tom.post("/api/v1/qa/samples", json={**ask, "channels": ["whatsapp"], "agent_ids": [u["ana"]]})
    assert [(i["agent_id"], i["channel"]) for i in only.json()["items"]] == [(u["ana"], "whatsapp")] * 2
    assert floor.tom.post("/api/v1/qa/samples", json={**ask, "agent_ids": [u["bob"]]}).status_code == 422
    assert floor.ana.post("/api/v1/qa/samples", json=ask).status_code == 403
    assert len(floor.sue.post("/api/v1/qa/samples", json=ask).json()["items"]) == 7  # Bob's one too
    # Reviewing a sampled conversation ticks it off in the reviewer's samples, through the feed.
    _, cursor = pull_everything(floor.tom)
    target = items[0]["conversation_id"]
    review = floor.review(conversation=target)
    changes, _ = pull_everything(floor.tom, cursor)
    ticked = qa_rows(changes, "qa_sample")[sample.json()["id"]]["items"]
    assert [i["review_id"] for i in ticked if i["conversation_id"] == target] == [review["id"]]
    # Samples are their owner's alone.
    assert floor.sue.get("/api/v1/qa/samples").json()[0]["owner_id"] == u["sue"]
    assert all(s["owner_id"] == u["tom"] for s in floor.tom.get("/api/v1/qa/samples").json())
    ana_changes, _ = pull_everything(floor.ana)
    assert qa_rows(ana_changes, "qa_sample") == {}


def test_sample_weighting_favours_low_csat():
    # One conversation rated 1 (weight 1 + 4 = 5) among three unrated (weight 1): drawn 5/8 of the time.
    picks = 0
    for seed in range(80):
        group = [Candidate(i, 7, "email", 5.0 if i == 2 else 1.0) for i in range(1, 5)]
        picks += draw(group, 1, seed)[0].conversation_id == 2
    assert picks > 35  # unweighted, 20 would be expected


def test_dashboard_numbers_and_csv(floor: Floor):
    w, u = floor.api.world, floor.users
    with floor.sessions() as session:
        carl_whatsapp = resolved_conversation(session, w.queues["support_whatsapp"], u["carl"], 1, 1)
        ana_whatsapp = resolved_conversation(session, w.queues["support_whatsapp"], u["ana"], 1, 2)
        session.commit()
    good = floor.review(GOOD)  # ana, email: 90.625, passed
    weak = floor.review(WEAK, conversation=carl_whatsapp)  # carl, whatsapp: 58.33, failed
    breach = floor.review(BREACH, conversation=ana_whatsapp)  # ana, whatsapp: 0, critical
    draft = floor.review(GOOD, by=floor.sue, conversation=carl_whatsapp)  # a draft counts nowhere
    for r in (good, weak, breach):
        floor.submit(r["id"])
    # The good review was submitted yesterday.
    with floor.sessions() as session:
        session.get(m.QaReview, good["id"]).submitted_at = utcnow() - timedelta(days=1)
        session.commit()
    assert draft["status"] == "draft"
    by_agent = floor.tom.get("/api/v1/qa/dashboard", params={"days": 7, "group": "agent", "interval": "day"}).json()
    series = {s["label"]: s for s in by_agent["series"]}
    assert list(series) == ["Ana", "Carl"]
    ana_points = [p for p in series["Ana"]["points"] if p["reviews"]]
    assert [(p["reviews"], p["avg_score"], p["pass_rate"], p["critical_fails"]) for p in ana_points] == [
        (1, 90.62, 100, 0),
        (1, 0, 0, 1),
    ]
    assert len(series["Ana"]["points"]) == 8  # 7 days back to today, one point a day
    assert series["Ana"]["trend"] == pytest.approx(-90.625, abs=0.01)
    carl_points = [p for p in series["Carl"]["points"] if p["reviews"]]
    assert [(p["reviews"], p["avg_score"], p["pass_rate"]) for p in carl_points] == [(1, 58.33, 0)]
    assert series["Carl"]["trend"] is None
    weekly = floor.tom.get("/api/v1/qa/dashboard", params={"days": 28, "group": "channel"}).json()
    totals = {s["key"]: [sum(p["reviews"] for p in s["points"]), s["points"]] for s in weekly["series"]}
    assert {k: v[0] for k, v in totals.items()} == {"email": 1, "whatsapp": 2}
    whatsapp = [p for p in totals["whatsapp"][1] if p["reviews"]]
    assert [(p["avg_score"], p["pass_rate"], p["critical_fails"]) for p in whatsapp] == [(29.17, 0, 1)]
    by_criterion = floor.sue.get("/api/v1/qa/dashboard", params={"days": 7, "group": "criterion", "interval": "day"})
    crits = {s["key"]: [p for p in s["points"] if p["reviews"]] for s in by_criterion.json()["series"]}
    # empathy: 100 (good, yesterday), N/A (weak), 100 (breach, today)
    assert [(p["reviews"], p["avg_score"]) for p in crits["empathy"]] == [(1, 100), (1, 100)]
    # gdpr today: weak yes (100), breach no (0, a critical fail)
    assert [(p["reviews"], p["avg_score"], p["pass_rate"], p["critical_fails"]) for p in crits["gdpr"]][-1] == (
        2, 50, 50, 1,
    )  # fmt: skip
    # Another team's lead sees none of it; agents may not look.
    assert floor.lea.get("/api/v1/qa/dashboard", params={"days": 7}).json()["series"] == []
    assert floor.ana.get("/api/v1/qa/dashboard").status_code == 403
    exported = floor.tom.get("/api/v1/qa/dashboard.csv", params={"days": 7, "group": "agent", "interval": "day"})
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text)))
    assert rows[0] == ["group", "key", "label", "start", "reviews", "avg_score", "pass_rate", "critical_fails", "trend"]
    assert len(rows) == 1 + 2 * 8
    with_reviews = [r for r in rows[1:] if r[4] != "0"]
    assert [(r[2], r[4], r[5], r[6], r[7]) for r in with_reviews] == [
        ("Ana", "1", "90.62", "100.0", "0"),
        ("Ana", "1", "0.0", "0.0", "1"),
        ("Carl", "1", "58.33", "0.0", "0"),
    ]


def test_team_changes_revoke_and_deliver_reviews_through_the_feed(floor: Floor):
    rid = floor.review(GOOD)["id"]
    comment = floor.tom.post(f"/api/v1/qa/reviews/{rid}/comments", json={"message_id": floor.message, "body": "Good"})
    floor.submit(rid)
    cursors = {name: pull_everything(getattr(floor, name))[1] for name in ("tom", "lea", "ana")}
    w = floor.api.world
    with floor.sessions() as session:
        # Ana moves from Support (Tom's) to Billing (Lea's).
        admin.set_membership(session, floor.users["ana"], w.teams["support"], False)
        admin.set_membership(session, floor.users["ana"], w.teams["billing"], True)
        session.commit()

    def log(name: str) -> list[tuple[str, int, str]]:
        changes, _ = pull_everything(getattr(floor, name), cursors[name])
        return [(c["entity"], c["id"], c["op"]) for c in changes if c["entity"].startswith("qa_")]

    # Tom reviewed it himself, so he keeps it; Lea now leads Ana and receives it with its comment.
    assert log("tom") == []
    assert log("lea") == [("qa_review", rid, "upsert"), ("qa_comment", comment.json()["id"], "upsert")]
    assert log("ana") == []
    assert [r["id"] for r in floor.lea.get("/api/v1/qa/reviews").json()] == [rid]
    # A review by the supervisor: Lea loses it when Ana leaves her team.
    other = floor.review(WEAK, by=floor.sue)
    floor.submit(other["id"], by=floor.sue)
    _, cursors["lea"] = pull_everything(floor.lea)
    with floor.sessions() as session:
        admin.set_membership(session, floor.users["ana"], w.teams["billing"], False)
        session.commit()
    assert log("lea") == [
        ("qa_comment", comment.json()["id"], "revoke"),
        ("qa_review", rid, "revoke"),
        ("qa_review", other["id"], "revoke"),
    ]
    assert floor.lea.get("/api/v1/qa/reviews").json() == []


def qa_log(client: httpx.Client, cursor: int) -> list[tuple[str, int, str]]:
    changes, _ = pull_everything(client, cursor)
    return [(c["entity"], c["id"], c["op"]) for c in changes if c["entity"].startswith("qa_")]


def test_role_changes_revoke_and_deliver_reviews_and_samples_through_the_feed(floor: Floor):
    tom_review = floor.review(GOOD)["id"]
    comment = floor.tom.post(
        f"/api/v1/qa/reviews/{tom_review}/comments", json={"message_id": floor.message, "body": "Good"}
    ).json()["id"]
    floor.submit(tom_review)
    sue_review = floor.review(WEAK, by=floor.sue)["id"]
    floor.submit(sue_review, by=floor.sue)
    sample = floor.tom.post("/api/v1/qa/samples", json={"per_agent": 1, "days": 7, "seed": 1})
    assert sample.status_code == 201, sample.text
    cursors = {name: pull_everything(getattr(floor, name))[1] for name in ("tom", "carl", "ana")}

    # Tom, team lead of Ana, becomes an agent (through the command line): he keeps the review he wrote,
    # loses Sue's review of Ana and his review queue.
    assert server_cli(["set-role", "tom", "agent", "--database", floor.api.database_url]) == 0
    assert qa_log(floor.tom, cursors["tom"]) == [
        ("qa_review", sue_review, "revoke"),
        ("qa_sample", sample.json()["id"], "revoke"),
    ]
    assert [r["id"] for r in floor.tom.get("/api/v1/qa/reviews").json()] == [tom_review]
    assert floor.tom.get("/api/v1/qa/samples").json() == []
    snapshot, _ = pull_everything(floor.tom)
    assert set(qa_rows(snapshot, "qa_review")) == {tom_review} and qa_rows(snapshot, "qa_sample") == {}
    # Carl, an agent of Ana's team, becomes its team lead: both reviews of Ana reach him, with the comment.
    with floor.sessions() as session:
        admin.set_role(session, floor.users["carl"], Role.TEAM_LEAD)
        session.commit()
    assert qa_log(floor.carl, cursors["carl"]) == [
        ("qa_review", tom_review, "upsert"),
        ("qa_comment", comment, "upsert"),
        ("qa_review", sue_review, "upsert"),
    ]
    assert [r["id"] for r in floor.carl.get("/api/v1/qa/reviews").json()] == [tom_review, sue_review]
    # Nobody else's feed moved.
    assert qa_log(floor.ana, cursors["ana"]) == []


def test_deactivation_revokes_everything_qa_and_reactivation_brings_it_back(floor: Floor):
    rid = floor.review(GOOD)["id"]
    comment = floor.tom.post(
        f"/api/v1/qa/reviews/{rid}/comments", json={"message_id": floor.message, "body": "Good"}
    ).json()["id"]
    floor.submit(rid)
    other = floor.api.world.conversations["joan_email"]
    assigned = floor.sue.post(f"/api/v1/conversations/{other}/assign", json={"assignee_id": floor.users["ana"]})
    assert assigned.status_code == 200, assigned.text
    draft = floor.review(conversation=other)["id"]
    _, cursor = pull_everything(floor.tom)

    assert server_cli(["deactivate", "tom", "--database", floor.api.database_url]) == 0
    assert floor.tom.get("/api/v1/sync", params={"since": cursor}).status_code == 401
    # While Tom is away, Ana answers his comment: nothing of it is written for him.
    reply = floor.ana.post(f"/api/v1/qa/reviews/{rid}/comments", json={"parent_id": comment, "body": "Noted"})
    assert reply.status_code == 201, reply.text
    assert [r["id"] for r in floor.sue.get("/api/v1/qa/reviews").json()] == [rid]

    assert server_cli(["reactivate", "tom", "--database", floor.api.database_url]) == 0
    tom = floor.api.login("tom")
    # The feed he resumes took back all he could read, then brought it again as it is now.
    assert qa_log(tom, cursor) == [
        ("qa_comment", comment, "revoke"),
        ("qa_review", rid, "revoke"),
        ("qa_review", draft, "revoke"),
        ("qa_review", rid, "upsert"),
        ("qa_comment", comment, "upsert"),
        ("qa_comment", reply.json()["id"], "upsert"),
        ("qa_review", draft, "upsert"),
    ]
    assert server_cli(["deactivate", "nobody", "--database", floor.api.database_url]) == 1
