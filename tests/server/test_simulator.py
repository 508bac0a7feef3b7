from __future__ import annotations

import time
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import func, select

from agentdesk.demo import DemoServer
from agentdesk.domain.enums import ChannelKind, ConversationStatus
from agentdesk.domain.identity import normalize
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.migrate import upgrade
from agentdesk.server.db.types import utcnow
from agentdesk.server.services import admin
from agentdesk.server.services.conversations import Inbound, ingest
from agentdesk.server.simulator import TrafficSimulator
from tests.support.world import build_world, login


def setup(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'sim.db'}")
    upgrade(engine)
    sessions = make_sessionmaker(engine)
    with sessions() as session:
        build_world(session)
        admin.create_queue(session, "Web chat", ChannelKind.WEBCHAT)
        session.commit()
    return engine, sessions


def count(session, model, *where):
    return session.scalar(select(func.count()).select_from(model).where(*where))


def test_each_act_leaves_its_trace(tmp_path):
    engine, sessions = setup(tmp_path)
    sim = TrafficSimulator(sessions, seed=3)
    with sessions() as s:
        before = (count(s, m.Message), count(s, m.Event, m.Event.kind == "appointment"), count(s, m.Change))
    with sessions() as s:
        assert sim.new_matter(s)
        assert sim.chase(s)
        assert sim.book_appointment(s)
        s.commit()
    with sessions() as s:
        assert count(s, m.Message) == before[0] + 2
        assert count(s, m.Event, m.Event.kind == "appointment") == before[1] + 1
        assert count(s, m.Change) > before[2]
        simulated = s.scalars(select(m.Message).where(m.Message.external_id.like("sim-%"))).all()
        assert all(msg.text.strip() and "{" not in msg.text for msg in simulated)
    engine.dispose()


def test_a_visitor_left_waiting_abandons_and_it_counts(tmp_path):
    engine, sessions = setup(tmp_path)
    with sessions() as s:
        queue = s.scalars(select(m.Queue).where(m.Queue.channel == "webchat")).one()
        msg = ingest(
            s,
            Inbound(
                queue_id=queue.id,
                address=normalize("webchat", "visitor-abcdef123"),
                text="Hola?",
                received_at=utcnow() - timedelta(minutes=10),
            ),
        )
        s.commit()
        conv_id = msg.conversation_id
    with sessions() as s:
        assert TrafficSimulator(sessions).abandon_waiting_chats(s)
        s.commit()
    with sessions() as s:
        conv = s.get(m.Conversation, conv_id)
        assert conv.status == ConversationStatus.RESOLVED.value
        event = s.scalars(select(m.Event).where(m.Event.conversation_id == conv_id, m.Event.kind == "abandoned")).one()
        assert event.data["waited_s"] >= 600
    engine.dispose()


def test_steps_run_in_a_row_without_failing(tmp_path):
    engine, sessions = setup(tmp_path)
    sim = TrafficSimulator(sessions, seed=5)
    acts = {sim.step() for _ in range(40)}
    assert "new_matter" in acts and len(acts) >= 3
    engine.dispose()


def test_the_demo_delivers_replies_without_real_accounts(tmp_path):
    engine, _sessions = setup(tmp_path)
    engine.dispose()
    server = DemoServer(tmp_path / "demo", port=0, traffic=False)
    server.settings = replace(server.settings, database_url=f"sqlite:///{tmp_path / 'sim.db'}", dispatch_interval_s=0.2)
    server.start()
    try:
        client = login(server.url, "ana")
        conversation = client.get("/api/v1/contacts/1/timeline").json()["items"][-1]["conversation_id"]
        client.post(f"/api/v1/conversations/{conversation}/messages", json={"text": "Hola!"}).raise_for_status()
        status = "queued"
        for _ in range(100):
            status = client.get(f"/api/v1/conversations/{conversation}").json()["messages"][-1]["delivery_status"]
            if status == "sent":
                break
            time.sleep(0.1)
        assert status == "sent"
    finally:
        server.stop()
