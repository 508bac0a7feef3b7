"""QA through the client core against a real server: a lead reviews and comments, the agent answers.

Each user has a cache of their own; writes go through the outbox (placeholders first, the
server's ids after) and everything comes back through the feed.
"""

from __future__ import annotations

from contextlib import closing
from typing import Any

import pytest

from agentdesk.client.outbox.store import ItemState
from tests.client.conftest import assert_cache_matches_server, sign_in
from tests.support.world import login

CARD: dict[str, Any] = {
    "sections": [
        {
            "key": "manner",
            "title": "Manner",
            "criteria": [
                {
                    "key": "greet",
                    "title": "Greets",
                    "description": "",
                    "weight": 1,
                    "scale": "yes_no",
                    "allow_na": False,
                    "critical": False,
                },
                {
                    "key": "tone",
                    "title": "Tone",
                    "description": "",
                    "weight": 2,
                    "scale": "one_to_five",
                    "allow_na": True,
                    "critical": False,
                },
            ],
        },
        {
            "key": "outcome",
            "title": "Outcome",
            "criteria": [
                {
                    "key": "solved",
                    "title": "Solves it",
                    "description": "",
                    "weight": 3,
                    "scale": "one_to_five",
                    "allow_na": False,
                    "critical": True,
                },
            ],
        },
    ],
    "pass_mark": 70,
}
ANSWERS = {
    "greet": {"value": 1, "note": ""},
    "tone": {"value": None, "note": "n/a"},
    "solved": {"value": 5, "note": ""},
}
TEXT = "Hola, encara no he rebut la comanda 1234."


async def settled(*clients) -> None:
    for client in clients:
        await client.engine.flush_outbox()
    for client in clients:
        await client.engine.sync_once()


def make_scorecard(env) -> int:
    with closing(login(env.server.url, "tom")) as http:
        return (
            http.post("/api/v1/qa/scorecards", json={"name": "Written replies", "definition": CARD})
            .raise_for_status()
            .json()["id"]
        )


def assign_to_ana(env, conversation_id: int) -> None:
    with closing(login(env.server.url, "ana")) as http:
        http.post(
            f"/api/v1/conversations/{conversation_id}/assign", json={"assignee_id": env.world.users["ana"]}
        ).raise_for_status()


@pytest.mark.asyncio
async def test_review_comments_and_the_acknowledgement_round_trip(env):
    cid = env.world.conversations["nuria_email"]
    card_id = make_scorecard(env)
    assign_to_ana(env, cid)
    tom, ana = await sign_in(env, "tom"), await sign_in(env, "ana")
    try:
        await settled(tom, ana)
        message = next(m for m in tom.conversation(cid).messages if m["text"] == TEXT)
        start = TEXT.index("la comanda")

        # Written in one go, before anything reached the server: later writes name the draft's placeholder.
        created = tom.qa.start_review(cid, card_id)
        draft = tom.qa.review(-created.id)
        assert draft is not None and draft["status"] == "draft" and draft["agent_id"] == env.world.users["ana"]
        tom.qa.save_review(draft, answers=ANSWERS, summary="Clear and kind.")
        assert tom.qa.review(-created.id)["score"] == 100
        commented = tom.qa.comment(
            draft,
            message["id"],
            "Say when it ships",
            anchor=(start, start + 10, "la comanda"),
            severity="minor",
            criterion_key="solved",
            suggestion="La comanda surt demà",
        )
        tom.qa.submit_review(tom.qa.review(-created.id))
        assert tom.qa.review(-created.id)["status"] == "submitted"
        assert [t.comment["id"] for t in tom.qa.threads(cid)[message["id"]]] == [-commented.id]
        await settled(tom, ana)
        assert [i.state for i in tom.outbox()] == [ItemState.SENT] * 4
        review = tom.qa.reviews(cid)[0]
        assert review["id"] > 0 and review["status"] == "submitted" and review["score"] == 100
        assert tom.qa.review(-created.id) is None

        # The agent's cache: the review in Feedback, the comment on the very span of the message.
        assert [r["id"] for r in ana.qa.feedback()] == [review["id"]]
        assert ana.qa.feedback_unanswered() == 1
        (thread,) = ana.qa.threads(cid)[message["id"]]
        assert thread.comment["span"] == (start, start + 10) and thread.comment["suggestion"] == "La comanda surt demà"

        ana.qa.reply(thread.comment, "D'acord, ho afegeixo")
        ana.qa.respond(ana.qa.feedback()[0], "acknowledged")
        assert ana.qa.feedback_unanswered() == 0
        await settled(ana, tom)
        (thread,) = tom.qa.threads(cid)[message["id"]]
        assert [r["body"] for r in thread.replies] == ["D'acord, ho afegeixo"]
        assert tom.qa.review(review["id"])["agent_response"] == "acknowledged"
        assert tom.qa.responses_unseen() == 1
        tom.qa.mark_response_seen(tom.qa.review(review["id"]))
        assert tom.qa.responses_unseen() == 0
        await settled(tom, ana)
        assert tom.qa.review(review["id"])["lead_seen_response_at"] is not None
        for client in (tom, ana):
            assert_cache_matches_server(client.cache, env.server.url, client.session.token)
    finally:
        await tom.close()
        await ana.close()


@pytest.mark.asyncio
async def test_comment_anchors_stay_on_their_message_through_new_messages_and_a_merge(env):
    cid = env.world.conversations["joan_email"]
    card_id = make_scorecard(env)
    assign_to_ana(env, cid)
    tom, ana, sue = await sign_in(env, "tom"), await sign_in(env, "ana"), await sign_in(env, "sue")
    try:
        await settled(tom)
        message = tom.conversation(cid).messages[0]
        quote = "cambiar mi cita"
        at = message["text"].index(quote)
        tom.qa.start_review(cid, card_id)
        draft = tom.qa.my_draft(cid)
        tom.qa.comment(draft, message["id"], "Offer two slots", anchor=(at, at + len(quote), quote))
        tom.qa.save_review(draft, answers=ANSWERS)
        tom.qa.submit_review(draft)
        await settled(tom, ana)

        # The customer writes again and the agent answers: new messages around the commented one.
        ana.reply(cid, "Claro, ¿martes o jueves?")
        with closing(login(env.server.url, "sue")) as http:
            http.post(f"/api/v1/conversations/{cid}/notes", json={"text": "seguimiento"}).raise_for_status()
        # Joan's two contacts become one: the conversation moves to the surviving contact.
        survivor, merged = env.world.contacts["joan_phone"], env.world.contacts["joan_email"]
        await settled(sue)
        sue.merge_contacts(survivor, merged)
        await settled(ana, sue, tom)
        assert tom.conversation(cid).conversation["contact_id"] == survivor
        assert len(tom.conversation(cid).messages) == 3
        for client in (tom, ana):
            threads = client.qa.threads(cid)
            assert list(threads) == [message["id"]]
            assert threads[message["id"]][0].comment["span"] == (at, at + len(quote))
            assert_cache_matches_server(client.cache, env.server.url, client.session.token)
    finally:
        for client in (tom, ana, sue):
            await client.close()


@pytest.mark.asyncio
async def test_refused_qa_writes_roll_back_with_the_servers_reason(env):
    cid = env.world.conversations["nuria_whatsapp"]
    card_id = make_scorecard(env)
    assign_to_ana(env, cid)
    tom, ana = await sign_in(env, "tom"), await sign_in(env, "ana")
    try:
        await settled(tom, ana)
        # An agent may not review: the draft shows, then goes with the reason.
        refused = ana.qa.start_review(cid, card_id)
        assert ana.qa.review(-refused.id) is not None
        await settled(ana)
        assert ana.qa.review(-refused.id) is None and ana.qa.reviews(cid) == []
        (failed,) = ana.outbox(states=(ItemState.FAILED,))
        assert failed.id == refused.id and "may review" in (failed.error or "")

        # A submit with a criterion left unanswered: refused, the review stays a draft.
        tom.qa.start_review(cid, card_id)
        draft = tom.qa.my_draft(cid)
        tom.qa.save_review(draft, answers={"greet": {"value": 1, "note": ""}})
        submit = tom.qa.submit_review(draft)
        assert tom.qa.my_draft(cid) is None
        await settled(tom)
        review = tom.qa.my_draft(cid)
        assert review is not None and review["id"] > 0 and review["status"] == "draft"
        submit_item = next(i for i in tom.outbox() if i.id == submit.id)
        assert submit_item.state is ItemState.FAILED and "solved" in (submit_item.error or "")

        # A comment on a message of another conversation: refused, and it leaves the overlay.
        other = tom.conversation(env.world.conversations["joan_email"]).messages[0]
        bad = tom.qa.comment(review, other["id"], "wrong place")
        await settled(tom)
        assert tom.qa.threads(cid) == {} and tom.qa.threads(env.world.conversations["joan_email"]) == {}
        bad_item = next(i for i in tom.outbox() if i.id == bad.id)
        assert bad_item.state is ItemState.FAILED and "not part of conversation" in (bad_item.error or "")

        # Answers sent are merged into those saved, on the screen as on the server.
        tom.qa.save_review(review, answers={k: v for k, v in ANSWERS.items() if k != "greet"})
        assert set(tom.qa.my_draft(cid)["answers"]) == {"greet", "tone", "solved"}
        await settled(tom)
        assert tom.qa.my_draft(cid)["answers"] == ANSWERS

        # A dispute needs a reason: the agent's response is rolled back.
        tom.qa.submit_review(review)
        await settled(tom, ana)
        (mine,) = ana.qa.feedback()
        ana.qa.respond(mine, "disputed")
        assert ana.qa.review(mine["id"])["agent_response"] == "disputed"
        await settled(ana)
        assert ana.qa.review(mine["id"])["agent_response"] is None
        assert "reason" in (ana.outbox(states=(ItemState.FAILED,))[-1].error or "")
    finally:
        await tom.close()
        await ana.close()


@pytest.mark.asyncio
async def test_scorecards_written_before_the_server_answers_show_at_once_and_become_versions(env):
    tom, ana = await sign_in(env, "tom"), await sign_in(env, "ana")
    try:
        await settled(tom, ana)
        # Made and changed in one go: the change names the new scorecard by its placeholder.
        created = tom.qa.create_scorecard("Calls", CARD)
        assert [(c["id"], c["version"], c["active"]) for c in tom.qa.scorecards()] == [(-created.id, 1, True)]
        stricter = {**CARD, "pass_mark": 90}
        revised = tom.qa.revise_scorecard(-created.id, "Calls (strict)", stricter)
        cards = tom.qa.scorecards(all_versions=True)
        assert [(c["id"], c["version"], c["active"]) for c in cards] == [
            (-created.id, 1, False),
            (-revised.id, 2, True),
        ]
        await settled(tom, ana)
        assert [i.state for i in tom.outbox()] == [ItemState.SENT] * 2
        for client in (tom, ana):
            cards = client.qa.scorecards(all_versions=True)
            assert [(c["name"], c["version"], c["active"]) for c in cards] == [
                ("Calls", 1, False),
                ("Calls (strict)", 2, True),
            ]
            assert all(c["id"] > 0 and c["family_id"] == cards[0]["id"] for c in cards)
            assert cards[1]["definition"]["pass_mark"] == 90
        # An agent may not define scorecards: the card shows, then goes with the reason.
        refused = ana.qa.create_scorecard("Mine", CARD)
        assert ana.qa.scorecard(-refused.id) is not None
        await settled(ana)
        assert ana.qa.scorecard(-refused.id) is None and len(ana.qa.scorecards(all_versions=True)) == 2
        assert "define scorecards" in (ana.outbox(states=(ItemState.FAILED,))[-1].error or "")
        assert_cache_matches_server(tom.cache, env.server.url, tom.session.token)
    finally:
        await tom.close()
        await ana.close()
