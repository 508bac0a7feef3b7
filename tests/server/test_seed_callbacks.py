"""The demo's callbacks: some to make now, some made or missed weeks ago, each step on the
customer's timeline at its own time, and in the feed of the agents of its queue."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from agentdesk.server.access import can_see_queue
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from tests.support.small_demo import small_demo, snapshot


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory):
    with small_demo(tmp_path_factory.mktemp("callbacks-demo"), waiting=6) as session:
        yield session


def _steps(session, callback: m.Callback) -> list[m.Event]:
    events = session.scalars(
        select(m.Event).where(m.Event.kind.like("callback_%"), m.Event.contact_id == callback.contact_id)
    ).all()
    mine = [e for e in events if e.data.get("callback_id") == callback.id]
    return sorted(mine, key=lambda e: (e.occurred_at, e.id))


def test_the_demo_has_callbacks_to_make_made_and_missed_on_their_timelines(session):
    found = session.scalars(select(m.Callback).order_by(m.Callback.id)).all()
    statuses = sorted(c.status for c in found)
    assert statuses == ["done"] * 3 + ["missed"] * 2 + ["requested"] * 2 + ["scheduled"]
    assert len({c.contact_id for c in found}) >= 5
    now = utcnow()
    for callback in found:
        conversation = session.get(m.Conversation, callback.conversation_id)
        assert callback.contact_id == conversation.contact_id and callback.queue_id == conversation.queue_id
        assert callback.address.startswith("+") and callback.channel == "phone"
        steps = _steps(session, callback)
        kinds = [e.kind for e in steps]
        expected = {
            "requested": ["callback_requested"],
            "scheduled": ["callback_requested", "callback_scheduled"],
            "done": ["callback_requested", "callback_scheduled", "callback_done"],
            "missed": ["callback_requested", "callback_scheduled", "callback_missed"],
        }[callback.status]
        assert kinds == expected, callback.id
        assert steps[0].occurred_at >= conversation.created_at
        if callback.status in ("done", "missed"):
            # Weeks ago, on the conversation's own days, the window agreed on the timeline.
            assert steps[-1].occurred_at < now and callback.window_closes_at < now
            assert steps[-1].data["window_opens_at"] == callback.window_opens_at.isoformat()
            assert (callback.created_at, callback.updated_at) == (steps[0].occurred_at, steps[-1].occurred_at)
            if callback.status == "done":
                assert callback.window_opens_at <= steps[-1].occurred_at <= callback.window_closes_at
            else:
                assert steps[-1].occurred_at > callback.window_closes_at
        else:
            assert conversation.status == "open" and conversation.first_response_at is None
            assert callback.window_closes_at is None or callback.window_closes_at > now
        if callback.assignee_id is not None:
            assert can_see_queue(session, session.get(m.User, callback.assignee_id), callback.queue_id)


def test_an_agent_receives_the_callbacks_of_the_queues_she_works(session):
    laia = session.scalars(select(m.User).where(m.User.username == "laia")).one()
    received = {c["id"] for c in snapshot(session, laia) if c["entity"] == "callback"}
    visible = {c.id for c in session.scalars(select(m.Callback)) if can_see_queue(session, laia, c.queue_id)}
    assert received == visible and visible
