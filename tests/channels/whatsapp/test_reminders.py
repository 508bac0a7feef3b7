"""Suggestions recorded on the timeline, and reminders the server sends as WhatsApp templates
when they fall due: a live server, the Graph API stand-in on loopback."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from agentdesk.server.channels.whatsapp.config import config_errors
from agentdesk.server.channels.whatsapp.standin import GraphStandIn
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.seed.texts.company import WHATSAPP_TEMPLATES
from tests.support.live_server import LiveServer, start_server
from tests.support.whatsapp_world import whatsapp_world
from tests.support.world import World, login

SECRET = "app-secret-for-tests"
TOKEN = "EAAG-reminder-test-token"
NUMBER = "106540352242922"
TEMPLATE = {"name": "recordatorio_cita", "language": "es", "parameters": ["Joan", "13/03", "10:00"]}


@pytest.fixture(scope="module")
def standin() -> Iterator[GraphStandIn]:
    fake = GraphStandIn(access_token=TOKEN, phone_number_id=NUMBER, templates={"recordatorio_cita": {"es": 3}})
    with fake.running():
        yield fake


@pytest.fixture
def env(
    world_template: tuple[Path, World], standin: GraphStandIn, tmp_path: Path
) -> Iterator[tuple[LiveServer, World, sessionmaker[Session]]]:
    url, world = whatsapp_world(world_template, standin, tmp_path, access_token=TOKEN, app_secret=SECRET)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    server = start_server(url, run_channels=True, dispatch_interval_s=0.05, housekeeping_interval_s=0.05)
    try:
        yield server, world, sessions
    finally:
        server.stop()
        engine.dispose()


def wait_for(what: str, check: Callable[[], Any], timeout: float = 15) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := check()):
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)
    return result


def events(sessions: sessionmaker[Session], conversation_id: int, kind: str) -> list[m.Event]:
    with sessions() as session:
        return list(
            session.scalars(select(m.Event).where(m.Event.conversation_id == conversation_id, m.Event.kind == kind))
        )


def test_accepting_and_dismissing_are_recorded_once_per_key(env) -> None:
    server, world, sessions = env
    joan = world.conversations["joan_whatsapp"]
    ana = login(server.url, "ana")
    body = {"outcome": "accepted", "kind": "deflection", "article_id": None, "title": "Returns"}
    first = ana.post(f"/api/v1/conversations/{joan}/suggestions", json=body, headers={"Idempotency-Key": "s-1"})
    again = ana.post(f"/api/v1/conversations/{joan}/suggestions", json=body, headers={"Idempotency-Key": "s-1"})
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["data"]["suggestion"] == "deflection"
    dismissed = ana.post(f"/api/v1/conversations/{joan}/suggestions", json={"outcome": "dismissed", "kind": "callback"})
    assert dismissed.status_code == 201
    assert len(events(sessions, joan, "suggestion_accepted")) == 1
    assert len(events(sessions, joan, "suggestion_dismissed")) == 1
    missing = ana.post(
        f"/api/v1/conversations/{joan}/suggestions", json={"outcome": "accepted", "kind": "x", "article_id": 999999}
    )
    assert missing.status_code == 422


def test_a_due_reminder_goes_as_a_template_and_lands_on_the_timeline(env, standin: GraphStandIn) -> None:
    server, world, sessions = env
    nuria = world.conversations["nuria_email"]  # reminded on WhatsApp though the matter came by email
    ana = login(server.url, "ana")
    later = ana.post(
        f"/api/v1/conversations/{nuria}/reminders",
        json={"due_at": (datetime.now(UTC) + timedelta(days=2)).isoformat(), "template": TEMPLATE},
    )
    assert later.status_code == 201, later.text
    due = ana.post(
        f"/api/v1/conversations/{nuria}/reminders",
        json={
            "due_at": (datetime.now(UTC) - timedelta(minutes=1)).isoformat(),
            "template": TEMPLATE,
            "starts_at": "2026-03-13T10:00:00+00:00",
        },
    )
    assert due.status_code == 201, due.text
    sent = wait_for("the reminder to be sent", lambda: events(sessions, nuria, "reminder_sent"))
    assert len(sent) == 1 and sent[0].data["reminder_id"] == due.json()["id"]
    assert sent[0].data["starts_at"] == "2026-03-13T10:00:00+00:00"

    def wamid() -> str | None:
        with sessions() as session:
            message = session.get(m.Message, sent[0].data["message_id"])
            assert message is not None and message.channel == "whatsapp"
            return message.external_id

    external_id = wait_for("Graph to accept it", wamid)
    accepted = next(a for a in standin.accepted if a["id"] == external_id)
    assert accepted["template"]["name"] == "recordatorio_cita"
    states = {e.id: e.data["state"] for e in events(sessions, nuria, "reminder_scheduled")}
    assert states == {later.json()["id"]: "scheduled", due.json()["id"]: "sent"}
    with sessions() as session:
        rows = {r.event_id: r.state for r in session.query(m.Reminder)}
    assert rows == states


def test_a_reminder_needs_a_whatsapp_number_and_a_time_zone(env) -> None:
    server, world, _ = env
    ana = login(server.url, "ana")
    joan = world.conversations["joan_email"]
    no_phone = ana.post(
        f"/api/v1/conversations/{joan}/reminders", json={"due_at": "2030-01-01T10:00:00+00:00", "template": TEMPLATE}
    )
    assert no_phone.status_code == 422 and "WhatsApp number" in no_phone.json()["detail"]
    naive = ana.post(
        f"/api/v1/conversations/{world.conversations['nuria_email']}/reminders",
        json={"due_at": "2030-01-01T10:00:00", "template": TEMPLATE},
    )
    assert naive.status_code == 422


def test_the_numbers_templates_are_checked_like_its_other_settings() -> None:
    secrets = {"access_token": "a", "app_secret": "b", "verify_token": "c"}
    assert config_errors({"phone_number_id": "1", "templates": list(WHATSAPP_TEMPLATES)}, secrets) == []
    assert config_errors({"phone_number_id": "1", "templates": [{"name": "x", "parameters": [1]}, "y"]}, secrets) == [
        "settings.templates[0].language is required",
        "settings.templates[0].parameters must be a list of value names",
        "settings.templates[1] must be an object",
    ]
