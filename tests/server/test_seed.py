from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ConversationStatus, IdentityKind, Role
from agentdesk.domain.identity import normalize_email, normalize_phone
from agentdesk.server import auth, feed
from agentdesk.server.changelog import dumps, row_payload
from agentdesk.server.config import Settings
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.migrate import upgrade
from agentdesk.server.db.types import utcnow
from agentdesk.server.seed import DEMO_USERS, plans, run_seed
from agentdesk.server.services import admin

# One demo seed (through the CLI, as a user runs it) serves the whole module; it takes a while.
pytestmark = pytest.mark.timeout(400)

SERVER_CLI = Path(sys.executable).with_name("agentdesk-server")


def seed_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SERVER_CLI), "seed", *args], capture_output=True, text=True, timeout=300)


def count(session: Session, model: type[m.Base]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    done = seed_cli("--demo", "--database", url)
    assert done.returncode == 0, done.stderr
    return url, done.stdout


@pytest.fixture
def session(seeded: tuple[str, str]):
    engine = make_engine(seeded[0], for_writes=False)
    with make_sessionmaker(engine)() as session:
        yield session
    engine.dispose()


def test_the_command_prints_every_demo_sign_in(seeded):
    out = seeded[1]
    assert re.search(r"Seeded the demo data in \d+\.\d s", out)
    roles = {user.role for user in DEMO_USERS}
    assert roles == set(Role)
    for user in DEMO_USERS:
        assert len(user.password) >= 8
        assert re.search(rf"{user.role.value}\s+{user.username}\s+{re.escape(user.password)}\s", out), user.username


def test_every_role_signs_in_with_the_printed_password(seeded, session):
    for user in DEMO_USERS:
        signed_in = auth.authenticate(session, user.username, user.password)
        assert signed_in is not None, user.username
        assert signed_in.role == user.role.value
    assert auth.authenticate(session, "laia", "not-the-password") is None


def test_counts_are_those_of_a_small_contact_centre(session):
    assert 250 <= count(session, m.Contact) <= 350
    assert 1800 <= count(session, m.Conversation) <= 2200
    assert count(session, m.Message) >= 3 * count(session, m.Conversation)
    assert 8 <= count(session, m.KbArticle) <= 15
    assert {a.language for a in session.scalars(select(m.KbArticle))} == {"es", "ca", "en"}
    agents = session.scalars(select(m.User).where(m.User.role == Role.AGENT.value)).all()
    assert len(agents) >= 4
    for agent in agents:
        teams = session.scalar(select(func.count()).where(m.team_members.c.user_id == agent.id))
        assert teams in (1, 2), agent.username


def test_customers_are_known_on_one_two_or_three_channels(session):
    kinds = func.count(func.distinct(m.Identity.kind))
    spread = Counter(session.scalars(select(kinds).group_by(m.Identity.contact_id)))
    assert spread[1] >= 30
    assert spread[2] >= 60
    assert spread[3] >= 30


def test_identities_are_normalized(session):
    identities = session.scalars(select(m.Identity)).all()
    assert {i.kind for i in identities} == {k.value for k in IdentityKind}
    for identity in identities:
        if identity.kind == IdentityKind.EMAIL.value:
            assert identity.address == identity.address.lower() == normalize_email(identity.address)
        elif identity.kind == IdentityKind.PHONE.value:
            assert re.fullmatch(r"\+[1-9]\d{7,14}", identity.address)
            assert normalize_phone(identity.address) == identity.address


def test_three_channels_three_languages_every_status(session):
    conversations = session.scalars(select(m.Conversation)).all()
    assert {c.channel for c in conversations} == {"email", "webchat", "whatsapp"}
    assert {c.status for c in conversations} == {s.value for s in ConversationStatus}
    languages = Counter(c.language for c in conversations)
    assert set(languages) == {"es", "ca", "en"}
    assert min(languages.values()) >= 200

    def texts_in(language: str) -> str:
        # Private notes are in their author's language, whatever the customer's.
        rows = session.scalars(
            select(m.Message.text)
            .join(m.Conversation)
            .where(m.Conversation.language == language, m.Message.kind == "message")
        ).all()
        return "\n".join(rows)

    catalan, spanish, english = texts_in("ca"), texts_in("es"), texts_in("en")
    for word in ("comanda", "gràcies", "Bon dia", "si us plau", "Salutacions"):
        assert word in catalan, word
    for word in ("pedido", "gracias", "Un saludo"):
        assert word in spanish, word
    for word in ("order", "Thanks", "Kind regards"):
        assert word in english, word
    assert "comanda" not in spanish and "pedido" not in catalan


def test_history_spans_ninety_days_and_now_has_work_waiting(session):
    now = utcnow()
    oldest = session.scalar(select(func.min(m.Conversation.created_at)))
    assert now - timedelta(days=92) < oldest < now - timedelta(days=80)
    assert session.scalar(select(func.max(m.Message.created_at))) < now
    waiting = session.scalars(
        select(m.Conversation).where(
            m.Conversation.status == "open",
            m.Conversation.assignee_id.is_(None),
            m.Conversation.last_inbound_at > now - timedelta(hours=3),
        )
    ).all()
    assert len(waiting) >= 5
    snoozed = session.scalars(select(m.Conversation).where(m.Conversation.status == "snoozed")).all()
    assert snoozed and all(c.snoozed_until > now for c in snoozed)
    resolved_old = session.scalar(
        select(func.count()).where(
            m.Conversation.created_at < now - timedelta(days=30), m.Conversation.status == "resolved"
        )
    )
    old = session.scalar(select(func.count()).where(m.Conversation.created_at < now - timedelta(days=30)))
    assert resolved_old / old > 0.9
    notes = session.scalar(select(func.count()).where(m.Message.kind == "note"))
    replies = session.scalar(select(func.count()).where(m.Message.direction == "outbound", m.Message.kind == "message"))
    assert notes > 100 and replies > 2000
    # Replies were backdated to their story, never stamped with the seeding's clock.
    late = session.scalar(
        select(func.count()).where(m.Conversation.first_response_at > m.Conversation.last_activity_at)
    )
    assert late == 0


def test_timeline_events(session):
    now = utcnow()
    kinds = Counter(session.scalars(select(m.Event.kind)))
    for kind in ("appointment", "order", "survey_answer", "reminder_sent", "status_changed", "assigned"):
        assert kinds[kind] >= 10, kind
    upcoming = session.scalars(select(m.Event).where(m.Event.kind == "appointment", m.Event.occurred_at > now)).all()
    assert upcoming
    assert all(e.data["status"] == "scheduled" and e.occurred_at < now + timedelta(days=10) for e in upcoming)
    for survey in session.scalars(select(m.Event).where(m.Event.kind == "survey_answer")):
        low, high = (0, 10) if survey.data["survey"] == "nps" else (1, 5)
        assert low <= survey.data["score"] <= high


def test_the_change_log_carries_the_demo_with_its_historical_times(session):
    conversation = session.scalars(select(m.Conversation).where(m.Conversation.status == "resolved").limit(1)).one()
    last = session.scalars(
        select(m.Change.payload)
        .where(m.Change.entity == "conversation", m.Change.entity_id == conversation.id)
        .order_by(m.Change.seq.desc())
        .limit(1)
    ).one()
    assert last == dumps(row_payload(conversation))
    logged = session.scalar(select(func.count(func.distinct(m.Change.entity_id))).where(m.Change.entity == "message"))
    assert logged == count(session, m.Message)


def test_seeding_the_demo_twice_adds_nothing(seeded, session):
    before = count(session, m.Conversation), count(session, m.Change)
    again = seed_cli("--demo", "--database", seeded[0])
    assert again.returncode == 0, again.stderr
    assert "already in this database" in again.stdout
    assert "demo-supervisor" in again.stdout
    session.expire_all()
    assert (count(session, m.Conversation), count(session, m.Change)) == before


def test_the_demo_refuses_a_database_holding_other_data(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with make_sessionmaker(engine)() as session:
        admin.create_user(session, "laia", "someone-else", Role.ADMIN)
        session.commit()
    engine.dispose()
    assert run_seed(Settings(database_url=url), demo=True, scale=0, seed=7) == 1
    assert "already holds other data" in capsys.readouterr().err


def _digest(url: str) -> str:
    engine = make_engine(url, for_writes=False)
    with make_sessionmaker(engine)() as session:
        names = session.scalars(select(m.Contact.name).order_by(m.Contact.id)).all()
        subjects = session.scalars(select(m.Conversation.subject).order_by(m.Conversation.id)).all()
        addresses = session.scalars(select(m.Identity.address).order_by(m.Identity.id)).all()
    engine.dispose()
    return hashlib.sha256(json.dumps([names, subjects, addresses]).encode()).hexdigest()


def test_the_same_seed_gives_the_same_data(tmp_path, monkeypatch):
    # A smaller world keeps this quick; the planning code is the same.
    monkeypatch.setattr(plans, "N_CONTACTS", 40)
    monkeypatch.setattr(plans, "N_CONVERSATIONS", 150)
    monkeypatch.setattr(plans, "N_WAITING", 3)
    digests = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        url = f"sqlite:///{tmp_path / name}.db"
        assert run_seed(Settings(database_url=url), demo=True, scale=0, seed=seed) == 0
        digests.append(_digest(url))
    assert digests[0] == digests[1]
    assert digests[0] != digests[2]


def test_scale_writes_n_conversations_and_their_change_log(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'scale.db'}"
    settings = Settings(database_url=url)
    assert run_seed(settings, demo=False, scale=2000, seed=1) == 0
    assert run_seed(settings, demo=False, scale=1000, seed=2) == 0
    captured = capsys.readouterr()
    assert "2,000/2,000 conversations" in captured.err
    assert re.search(r"Generated 2,000 conversations, [\d,]+ messages, .* in \d+\.\d s", captured.out)

    engine = make_engine(url, for_writes=False)
    with make_sessionmaker(engine)() as session:
        conversations, messages = count(session, m.Conversation), count(session, m.Message)
        assert conversations == 3000
        assert 9 * conversations <= messages <= 11 * conversations
        logged = dict(session.execute(select(m.Change.entity, func.count()).group_by(m.Change.entity)).all())
        for entity, model in (
            ("contact", m.Contact),
            ("identity", m.Identity),
            ("conversation", m.Conversation),
            ("message", m.Message),
            ("event", m.Event),
        ):
            assert logged[entity] == count(session, model), entity
        # Exactly what the ORM hook would have logged for the same rows.
        for model, entity in ((m.Message, "message"), (m.Conversation, "conversation"), (m.Contact, "contact")):
            row = session.scalars(select(model).order_by(func.random()).limit(1)).one()
            change = session.scalars(
                select(m.Change).where(m.Change.entity == entity, m.Change.entity_id == row.id)
            ).one()
            assert change.payload == dumps(row_payload(row))
            assert change.queue_id == getattr(row, "queue_id", None)
        bench = session.scalars(select(m.User).where(m.User.username == "bench")).one()
        page = json.loads(feed.read_log(session, bench, 0, 500))
        assert len(page["changes"]) == 500 and page["has_more"]
        # Every row is one the plain ORM reads back.
        assert not session.scalar(
            select(func.count()).where(
                m.Message.conversation_id.not_in(select(m.Conversation.id)),
            )
        )
    engine.dispose()


def test_seed_needs_something_to_do(tmp_path, capsys):
    assert run_seed(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}"), demo=False, scale=0, seed=7) == 2
    assert "--demo" in capsys.readouterr().err
