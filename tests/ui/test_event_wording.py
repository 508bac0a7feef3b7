"""Every kind of event reads as words on the conversation and on the customer's timeline."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from agentdesk.client.queries.contact import ContactDetail, TimelineItem, TimelinePage
from agentdesk.domain.enums import EventKind
from agentdesk.ui.conversation.render import event_text, render
from agentdesk.ui.customer.panel import CustomerPanel

AT = "2030-01-02T09:00:00+00:00"
# What the server records in each kind's data (services/channel_offers.py, routing.py, sla.py, contacts.py).
DATA: dict[str, dict[str, Any]] = {
    "channel_offered": {"offer": ["whatsapp", "callback"], "message_id": 5, "waited_s": 185, "why": "long_wait"},
    "moved": {"from_queue_id": 1, "to_queue_id": 2, "why": "overflow"},
    "sla_breached": {"target": "resolution", "due_at": AT},
    "unmerged": {"merge_id": 3, "restored_contact_id": 8},
    "order": {"order": "LC-123456", "status": "placed"},
}


def _event(kind: str, data: dict[str, Any], actor_id: int | None = None) -> dict[str, Any]:
    return {"type": "event", "id": 1, "kind": kind, "actor_id": actor_id, "occurred_at": AT, "data": data}


@pytest.mark.parametrize("kind", [k.value for k in EventKind])
def test_no_kind_renders_as_its_raw_name(qapp: Any, kind: str) -> None:
    text = event_text(_event(kind, DATA.get(kind, {})), {})
    assert text and text != kind.replace("_", " ")


def test_channel_offer_move_and_breach_in_words(qapp: Any) -> None:
    offered = event_text(_event("channel_offered", DATA["channel_offered"]), {})
    assert offered == "Offered to continue by WhatsApp, a callback after waiting 3 min 05 s"
    assert event_text(_event("moved", DATA["moved"]), {}) == "Moved to another queue by the overflow rule"
    manual = _event("moved", {"from_queue_id": 1, "to_queue_id": 2, "why": "manual"}, actor_id=4)
    assert event_text(manual, {4: "Marta"}) == "Marta moved the conversation to another queue"
    assert event_text(_event("sla_breached", DATA["sla_breached"]), {}).startswith("Resolution target missed (due ")
    first = event_text(_event("sla_breached", {"target": "first_response", "due_at": AT}), {})
    assert first.startswith("First-response target missed")
    assert event_text(_event("survey_answer", {"survey": "nps", "score": 9, "scale": [0, 10]}), {}) == "Survey: NPS 9"
    assert event_text(_event("survey_answer", {"csat": 4, "nps": 8}), {}) == "Survey: CSAT 4"
    # The data as a JSON string (as the cache hands it) reads the same.
    html = render([_event("order", '{"order": "LC-1", "status": "shipped"}')], {}, set())  # type: ignore[arg-type]
    assert "Order LC-1: shipped" in html


def test_customer_timeline_words_the_offer(qtbot: Any) -> None:
    moment = datetime.fromisoformat(AT)
    row = _event("channel_offered", DATA["channel_offered"])
    page = TimelinePage([TimelineItem("event", moment, 9, "webchat", row, ("", 0, 1))], None)
    panel = CustomerPanel(lambda _contact, _before, _channels: page)
    qtbot.addWidget(panel)
    panel.show_contact(ContactDetail({"id": 2, "name": "Núria", "attributes": {}}, [], None))
    assert panel.timeline.count() == 1
    assert (
        panel.timeline.item(0).text().endswith("• Offered to continue by WhatsApp, a callback after waiting 3 min 05 s")
    )
