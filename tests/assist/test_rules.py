"""Each rule speaks when its evidence holds, and only then."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from agentdesk.assist import dismissals
from agentdesk.assist.rules import suggest, topic
from agentdesk.client.cache.database import Cache
from agentdesk.client.cache.values import to_json, to_ts
from agentdesk.server.seed.texts.company import WHATSAPP_TEMPLATES
from tests.assist.conftest import Rows

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
TEMPLATES = [
    {
        "name": "seguimiento",
        "language": "es",
        "purpose": "window_closed",
        "parameters": ["contact.name"],
        "body": "Hola {{1}}, ¿seguimos con tu consulta?",
    },
    {
        "name": "recordatorio_cita",
        "language": "es",
        "purpose": "reminder",
        "parameters": ["contact.name", "appointment.date", "appointment.time"],
        "body": "Hola {{1}}, te esperamos el {{2}} a las {{3}}.",
    },
]


def world(
    rows: Rows,
    *,
    channel: str = "whatsapp",
    text: str = "Hola",
    last_inbound: datetime = NOW,
    settings: dict | None = None,
    first_response: datetime | None = NOW,
    contact: int | None = None,
) -> int:
    queue = rows.add(
        "queues",
        name="WhatsApp",
        channel=channel,
        sla_first_response_s=900,
        settings=settings if settings is not None else {"templates": TEMPLATES},
    )
    contact = contact or rows.add("contacts", name="Marta Puig", language="es")
    conv = rows.add(
        "conversations",
        queue_id=queue,
        contact_id=contact,
        channel=channel,
        status="open",
        language="es",
        last_inbound_at=to_ts(last_inbound),
        created_at=to_ts(last_inbound),
        first_response_at=to_ts(first_response),
    )
    rows.add(
        "messages", conversation_id=conv, direction="inbound", kind="message", text=text, created_at=to_ts(last_inbound)
    )
    return conv


def kinds(cache: Cache, conv: int) -> dict[str, object]:
    return {s.kind: s for s in suggest(cache, conv, now=NOW)}


def test_nothing_to_say_about_a_plain_fresh_conversation(cache: Cache, rows: Rows) -> None:
    rows.demo_articles()
    assert suggest(cache, world(rows, text="Hola, buenas"), now=NOW) == []


def test_closed_whatsapp_window_suggests_the_filled_in_template(cache: Cache, rows: Rows) -> None:
    conv = world(rows, last_inbound=NOW - timedelta(hours=30))
    s = kinds(cache, conv)["template"]
    assert s.action.kind == "send_template"
    assert s.action.template == {"name": "seguimiento", "language": "es", "parameters": ["Marta Puig"]}
    assert s.action.text == "Hola Marta Puig, ¿seguimos con tu consulta?"
    assert "30 h" in s.evidence
    assert "template" not in kinds(cache, world(rows, last_inbound=NOW - timedelta(hours=23)))


def test_upcoming_appointment_suggests_a_reminder_until_one_is_scheduled(cache: Cache, rows: Rows) -> None:
    conv = world(rows)
    contact = 1001
    starts = NOW + timedelta(days=3)
    rows.add(
        "events",
        contact_id=contact,
        kind="appointment",
        occurred_at=to_ts(starts),
        data={"title": "Instalación", "starts_at": starts.isoformat(), "status": "scheduled"},
    )
    s = kinds(cache, conv)["reminder"]
    assert s.action.kind == "schedule_reminder"
    assert s.action.due_at == starts - timedelta(hours=24)
    assert s.action.template["parameters"] == ["Marta Puig", "13/03/2026", "12:00"]
    rows.add(
        "events",
        contact_id=contact,
        kind="reminder_scheduled",
        occurred_at=to_ts(NOW),
        data={"starts_at": starts.isoformat()},
    )
    assert "reminder" not in kinds(cache, conv)


def test_past_appointment_is_no_reason(cache: Cache, rows: Rows) -> None:
    conv = world(rows)
    rows.add(
        "events",
        contact_id=1001,
        kind="appointment",
        occurred_at=to_ts(NOW - timedelta(days=1)),
        data={"starts_at": (NOW - timedelta(days=1)).isoformat(), "status": "scheduled"},
    )
    assert "reminder" not in kinds(cache, conv)


def test_same_topic_three_times_is_a_repeat_contact(cache: Cache, rows: Rows) -> None:
    rows.demo_articles()
    text = "No puedo entrar: he olvidado la contraseña y el enlace para restablecerla ha caducado"
    first = world(rows, text=text, last_inbound=NOW - timedelta(days=20))
    second = world(rows, channel="email", text=text, last_inbound=NOW - timedelta(days=5), contact=1001)
    assert "repeat_contact" not in kinds(cache, second)
    third = world(rows, text=text, contact=1001)
    s = kinds(cache, third)["repeat_contact"]
    assert "3 times" in s.evidence and "email, whatsapp" in s.evidence
    assert s.action.kind == "note" and set(s.action.about["conversations"]) == {first, second}


def test_long_wait_offers_a_callback(cache: Cache, rows: Rows) -> None:
    conv = world(rows, channel="email", first_response=None, last_inbound=NOW - timedelta(minutes=40))
    s = kinds(cache, conv)["callback"]
    assert "40 min" in s.evidence and "llamamos" in s.action.text
    assert (s.action.kind, s.action.about) == ("create_callback", {"channel": "phone"})
    assert "callback" not in kinds(cache, world(rows, channel="email", first_response=None))
    # Once offered, it is not offered again while the callback is open; a finished one may be.
    callback = rows.add("callbacks", conversation_id=conv, status="requested", channel="phone")
    assert "callback" not in kinds(cache, conv)
    with cache.write() as conn:
        conn.exec_driver_sql("UPDATE callbacks SET status = 'missed' WHERE id = ?", (callback,))
    assert "callback" in kinds(cache, conv)


def test_queue_over_capacity_offers_another_channel(cache: Cache, rows: Rows) -> None:
    conv = world(rows, channel="webchat", first_response=None, settings={"capacity": 0})
    assert "callback" not in kinds(cache, conv)  # no capacity set: nothing to be over
    busy = world(rows, channel="webchat", first_response=None, settings={"capacity": 1})
    with cache.write() as conn:
        conn.exec_driver_sql(
            "UPDATE conversations SET queue_id = (SELECT queue_id FROM conversations WHERE id = ?)", (busy,)
        )
    s = kinds(cache, busy)["callback"]
    assert "over its capacity of 1" in s.evidence and "WhatsApp" in s.action.text


def test_self_serviceable_request_suggests_the_link(cache: Cache, rows: Rows) -> None:
    ids = rows.demo_articles()
    conv = world(rows, text="¿Cómo puedo restablecer mi contraseña? No me deja entrar")
    s = kinds(cache, conv)["deflection"]
    assert s.article_id == ids[("password", "es")]
    assert "https://" in s.action.text and "«contraseña?»" not in s.evidence and "contraseña" in s.evidence


def test_the_demo_numbers_templates_fit_the_rules(cache: Cache, rows: Rows) -> None:
    conv = world(rows, last_inbound=NOW - timedelta(days=2), settings={"templates": list(WHATSAPP_TEMPLATES)})
    with cache.write() as conn:
        conn.exec_driver_sql("UPDATE conversations SET language = 'ca' WHERE id = ?", (conv,))
    s = kinds(cache, conv)["template"]
    assert s.action.template == {"name": "follow_up", "language": "ca", "parameters": ["Marta Puig"]}
    assert s.action.text.startswith("Hola Marta Puig, continuem")


def test_a_remembered_topic_follows_new_messages_and_articles(cache: Cache, rows: Rows) -> None:
    ids = rows.demo_articles()
    conv = world(rows, text="Hola, buenas tardes")
    assert topic(cache, conv) is None
    rows.add(
        "messages",
        conversation_id=conv,
        direction="inbound",
        kind="message",
        text="He olvidado la contraseña y no puedo entrar",
        created_at=to_ts(NOW + timedelta(minutes=1)),
    )
    assert topic(cache, conv).id == ids[("password", "es")]
    with cache.write() as conn:
        conn.exec_driver_sql("DELETE FROM kb_articles WHERE id = ?", (ids[("password", "es")],))
    found = topic(cache, conv)
    assert found is None or found.id != ids[("password", "es")]


def test_a_queues_own_thresholds_change_what_is_suggested(cache: Cache, rows: Rows) -> None:
    text = "No puedo entrar: he olvidado la contraseña y el enlace para restablecerla ha caducado"
    rows.demo_articles()
    world(rows, text=text, last_inbound=NOW - timedelta(days=5))
    conv = world(
        rows, text=text, contact=1001, channel="email", first_response=None, last_inbound=NOW - timedelta(minutes=40)
    )
    found = kinds(cache, conv)
    # Defaults: 2 conversations are not yet a repeat; 40 min is over half the 15-min target.
    assert "repeat_contact" not in found and found["callback"].confidence == 0.75
    assert found["deflection"].confidence < 0.99
    strict = {"repeat_count": 2, "repeat_days": 7, "long_wait_s": 3600, "deflection_confidence": 0.99}
    with cache.write() as conn:
        conn.exec_driver_sql(
            "UPDATE queues SET settings = ? WHERE id = (SELECT queue_id FROM conversations WHERE id = ?)",
            (to_json({"assist": {**strict, "repeat_confidence": 0.8}}), conv),
        )
    found = kinds(cache, conv)
    assert found["repeat_contact"].confidence == 0.8 and "2 times in 7 days" in found["repeat_contact"].evidence
    assert "callback" not in found and "deflection" not in found
    with cache.write() as conn:
        conn.exec_driver_sql(
            "UPDATE queues SET settings = ? WHERE id = (SELECT queue_id FROM conversations WHERE id = ?)",
            (to_json({"assist": {"long_wait_s": 1200, "callback_confidence": 0.5, "repeat_count": "many"}}), conv),
        )
    found = kinds(cache, conv)
    # A value the queue got wrong falls back to the default; the others still apply.
    assert "repeat_contact" not in found and found["callback"].confidence == 0.5
    assert "40 min" in found["callback"].evidence


def test_a_dismissal_holds_while_only_time_passes_and_ends_with_new_evidence(cache: Cache, rows: Rows) -> None:
    conv = world(rows, channel="email", first_response=None, last_inbound=NOW - timedelta(minutes=40))
    offer = kinds(cache, conv)["callback"]
    later = suggest(cache, conv, now=NOW + timedelta(minutes=30))
    assert [s.fingerprint for s in later if s.kind == "callback"] == [offer.fingerprint]
    dismissals.remember(cache, conv, offer.kind, offer.fingerprint)
    assert "callback" not in kinds(cache, conv)
    assert not [s for s in suggest(cache, conv, now=NOW + timedelta(hours=3)) if s.kind == "callback"]
    with cache.write() as conn:
        conn.exec_driver_sql(
            "UPDATE conversations SET last_inbound_at = ? WHERE id = ?", (to_ts(NOW - timedelta(minutes=35)), conv)
        )
    assert "callback" in kinds(cache, conv)
