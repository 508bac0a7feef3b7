"""A scripted morning on one web-chat queue: arrivals, routing, answers, abandons, breaches.

Every expected figure is worked out by hand from the script, in the comments next to it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind, ConversationStatus, EventKind, Role
from agentdesk.domain.identity import normalize
from agentdesk.server.db import models as m
from agentdesk.server.services import admin, metrics, routing, sla
from agentdesk.server.services.conversations import Inbound, add_event, reply
from tests.support import databases
from tests.support.databases import BACKENDS, migrated_session

DAY = datetime(2026, 11, 20, tzinfo=UTC)


def t(minute: int, second: int = 0) -> datetime:
    return DAY + timedelta(hours=9, minutes=minute, seconds=second)


@pytest.fixture(params=BACKENDS)
def session(request: pytest.FixtureRequest, tmp_path: Path):
    with migrated_session(request.param, tmp_path) as s:
        yield s


def arrive(session: Session, queue: m.Queue, visitor: str, at: datetime) -> m.Conversation:
    inbound = Inbound(queue_id=queue.id, address=normalize("webchat", visitor), text="hi", received_at=at)
    return databases.arrive(session, inbound)


def resolve(session: Session, conversation: m.Conversation, at: datetime) -> None:
    conversation.status = ConversationStatus.RESOLVED.value
    conversation.resolved_at = at
    session.flush()
    routing.route_queue(session, conversation.queue_id, at)


def abandon(session: Session, conversation: m.Conversation, at: datetime) -> None:
    waited = (at - conversation.created_at).total_seconds()
    add_event(session, conversation, EventKind.ABANDONED, {"waited_s": waited}, at=at)
    conversation.status = ConversationStatus.RESOLVED.value
    conversation.resolved_at = at
    session.flush()


def test_scripted_morning(session: Session) -> None:
    team = admin.create_team(session, "Chat")
    queue = admin.create_queue(session, "Chat", ChannelKind.WEBCHAT, teams=[team], sla_first_response_s=120)
    session.add(m.QueuePolicy(queue_id=queue.id, service_level_s=60, short_abandon_s=10, calendar={}, overflow={}))
    a1 = admin.create_user(session, "a1", "password1", Role.AGENT)
    a2 = admin.create_user(session, "a2", "password2", Role.AGENT)
    for agent in (a1, a2):
        admin.set_membership(session, agent.id, team.id, True)
        routing.set_presence(session, agent, "available", now=t(0) - timedelta(minutes=5))
    # capacity: one web chat each (the default)

    c1 = arrive(session, queue, "visitor-1", t(0))  # routed to a1 at once: wait 0
    assert c1.assignee_id == a1.id
    reply(session, a1, c1.id, "hello", at=t(0, 30))  # first response 30 s
    c2 = arrive(session, queue, "visitor-2", t(1))  # a2: wait 0
    assert c2.assignee_id == a2.id
    reply(session, a2, c2.id, "hello", at=t(2))  # first response 60 s
    c3 = arrive(session, queue, "visitor-3", t(2))  # nobody has room: waits
    c4 = arrive(session, queue, "visitor-4", t(2, 5))
    assert c3.assignee_id is None and c4.assignee_id is None
    abandon(session, c4, t(2, 10))  # after 5 s: a short abandon (under 10 s)
    resolve(session, c1, t(4))  # a1 handled c1 for 240 s; c3 goes to a1 after waiting 120 s
    assert c3.assignee_id == a1.id
    assert sla.record_breaches(session, t(4, 10)) == [(c3.id, "first_response")]  # due 09:04:00, no reply yet
    reply(session, a1, c3.id, "sorry for the wait", at=t(4, 30))  # first response 150 s
    c5 = arrive(session, queue, "visitor-5", t(5))
    abandon(session, c5, t(6))  # after 60 s
    c6 = arrive(session, queue, "visitor-1", t(7))  # visitor 1 again, same topic: a repeat; waits
    add_event(session, c1, EventKind.SURVEY_ANSWER, {"survey": "csat", "score": 5, "scale": [1, 5]}, at=t(5))
    add_event(session, c2, EventKind.SURVEY_ANSWER, {"survey": "nps", "score": 6, "scale": [0, 10]}, at=t(8))
    resolve(session, c2, t(8))  # a2 handled c2 for 420 s; c6 goes to a2 after waiting 60 s
    assert c6.assignee_id == a2.id
    session.commit()

    figures = metrics.current(session, now=t(10))
    q = next(x for x in figures["queues"] if x["queue_id"] == queue.id)
    today, live = q["today"], q["live"]
    assert today["offered"] == 6
    assert today["answered"] == 4  # c1 (0 s), c2 (0 s), c3 (120 s), c6 (60 s)
    assert today["abandoned"] == 2  # c4 (short), c5
    assert today["resolved"] == 2  # c1 and c2; abandons are not resolutions
    assert today["average_wait_s"] == (0 + 0 + 120 + 60) / 4
    # within 60 s: c1, c2, c6 (exactly 60); of 6 offered − 1 short abandon
    assert today["service_level_pct"] == 60.0
    assert today["abandonment_rate_pct"] == round(100 * 2 / 6, 3)
    assert today["first_response_time_s"] == (30 + 60 + 150) / 3
    assert today["average_handle_time_s"] == (240 + 420) / 2
    assert today["csat_pct"] == 100.0
    assert today["nps"] == -100.0
    assert today["deflection_rate_pct"] == 0.0
    assert today["repeat_contact_rate_pct"] == round(100 / 6, 3)  # c6 repeats c1
    assert today["occupancy_pct"] == round(100 * 1140 / 1800, 3)  # owned 1140 s (below) of 2 × 900 s staffed
    assert live["waiting_now"] == 0 and live["longest_wait_now_s"] is None
    assert live["occupancy_pct"] == 100.0  # a1 has c3, a2 has c6: 2 of 2
    assert live["agents_by_presence"] == {"available": 2, "busy": 0, "away": 0, "offline": 0}
    # c6 was due a first response at 09:09 and has none at 09:10.
    assert sla.record_breaches(session, t(10)) == [(c6.id, "first_response")]
    breaches = session.scalars(select(m.Event).where(m.Event.kind == EventKind.SLA_BREACHED.value)).all()
    assert sorted((e.conversation_id, e.data["target"]) for e in breaches) == [
        (c3.id, "first_response"),
        (c6.id, "first_response"),
    ]

    slots = metrics.intervals(session, days=7, now=t(10))
    sim = next(x for x in slots["queues"] if x["queue_id"] == queue.id)["intervals"]
    # Both agents staffed since 08:55: the 08:45 interval is listed for its staffed time alone.
    assert [s["start"] for s in sim] == [t(-15), t(0)]
    assert sim[0]["offered"] == 0 and sim[0]["occupancy_pct"] == 0.0  # 2 × 300 s staffed, nothing owned
    assert sim[1]["offered"] == 6 and sim[1]["service_level_pct"] == 60.0
    # Owned 09:00–09:10: c1 240 s, c2 420 s, c3 360 s (09:04 to now), c6 120 s (09:08 to now) = 1140 s
    # of 2 × 600 s staffed; one chat at a time, so each counts whole.
    assert sim[1]["occupancy_pct"] == 95.0


def test_deflection_counts_accepted_self_service_links(session: Session) -> None:
    queue = admin.create_queue(session, "Help", ChannelKind.WEBCHAT)
    deflected = arrive(session, queue, "visitor-a", t(0))
    wrote_again = arrive(session, queue, "visitor-b", t(0))
    template = arrive(session, queue, "visitor-c", t(0))
    arrive(session, queue, "visitor-d", t(0))
    for conversation, kind in ((deflected, "deflection"), (wrote_again, "deflection"), (template, "template")):
        add_event(session, conversation, EventKind.SUGGESTION_ACCEPTED, {"suggestion": kind}, at=t(1))
    wrote_again.last_inbound_at = t(2)
    for conversation in (deflected, wrote_again, template):
        resolve(session, conversation, t(3))
    session.commit()
    today = next(q for q in metrics.current(session, now=t(10))["queues"] if q["queue_id"] == queue.id)["today"]
    # Only the first: the second customer wrote again, the third got a template, not self-service.
    assert today["offered"] == 4
    assert today["deflection_rate_pct"] == 25.0
