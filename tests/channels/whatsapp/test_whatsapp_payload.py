"""The parser beyond the corpus: batches, types the corpus lacks, and every way a body is refused."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from agentdesk.server.channels.whatsapp.model import PayloadRejected
from agentdesk.server.channels.whatsapp.payload import parse_webhook


def _load(corpus: Path, name: str) -> dict[str, Any]:
    return json.loads((corpus / "whatsapp" / name).read_text())


def _body(doc: object) -> bytes:
    return json.dumps(doc).encode()


def _with_message(corpus: Path, message: dict[str, Any]) -> bytes:
    doc = _load(corpus, "wa_pywa_message_text.json")
    doc["entry"][0]["changes"][0]["value"]["messages"] = [message]
    return _body(doc)


def _message(kind: str, **content: Any) -> dict[str, Any]:
    return {"from": "34600111222", "id": f"wamid.{kind}", "timestamp": "1700000000", "type": kind, **content}


def test_every_entry_change_and_item_of_a_batch_is_taken(corpus):
    text = _load(corpus, "wa_pywa_message_text.json")
    status = _load(corpus, "wa_pywa_status_read.json")
    template = _load(corpus, "wa_pywa_template_status_approved.json")
    second = copy.deepcopy(text["entry"][0]["changes"][0])
    second["value"]["messages"].append(_message("text", text={"body": "and another"}))
    batch = {
        "object": "whatsapp_business_account",
        "entry": [
            {"id": "1", "changes": [text["entry"][0]["changes"][0], status["entry"][0]["changes"][0]]},
            {"id": "2", "changes": [second, template["entry"][0]["changes"][0]]},
        ],
    }
    payload = parse_webhook(_body(batch))
    assert [m.text for m in payload.messages] == ["Body Text", "Body Text", "and another"]
    assert [m.from_phone for m in payload.messages] == ["+972987654321", "+972987654321", "+34600111222"]
    assert [s.status for s in payload.statuses] == ["read"]
    assert len(payload.contacts) == 3
    assert [(o.entry_id, o.field) for o in payload.others] == [("2", "message_template_status_update")]


@pytest.mark.parametrize(
    ("message", "text", "supported"),
    [
        (
            _message(
                "order",
                order={
                    "catalog_id": "c1",
                    "text": "gift wrap please",
                    "product_items": [
                        {"product_retailer_id": "SKU-1", "quantity": 2, "item_price": 9.5, "currency": "EUR"},
                        {"product_retailer_id": "SKU-2", "quantity": 1},
                    ],
                },
            ),
            "order of 2 items\n2 × SKU-1 at 9.5 EUR\n1 × SKU-2\ngift wrap please",
            True,
        ),
        (_message("hologram", hologram={"x": 1}), "unsupported message (type hologram)", False),
        (_message("unsupported", unsupported={"type": "poll"}), "unsupported message (type poll)", False),
        (
            _message("interactive", interactive={"type": "carousel_reply", "carousel_reply": {}}),
            "unsupported message (type interactive carousel_reply)",
            False,
        ),
        (_message("text", text={"no_body": True}), "unsupported message (type text)", False),
        (_message("image", image={"mime_type": "image/png"}), "unsupported message (type image)", False),
        (
            _message("location", location={"latitude": "north", "longitude": 2}),
            "unsupported message (type location)",
            False,
        ),
        (_message("system", system={"type": "customer_identity_changed"}), "system: customer_identity_changed", True),
        (_message("sticker", sticker={"id": "77", "animated": True}), "animated sticker", True),
        (_message("revoke", revoke={"original_message_id": "wamid.old"}), "deleted a message", True),
        (
            _message(
                "edit",
                edit={
                    "original_message_id": "wamid.old",
                    "message": {"type": "image", "image": {"id": "55", "caption": "the right photo"}},
                },
            ),
            "the right photo",
            True,
        ),
    ],
)
def test_message_types_the_corpus_lacks(corpus, message, text, supported):
    taken = parse_webhook(_with_message(corpus, message)).messages[0]
    assert (taken.text, taken.supported, taken.type) == (text, supported, message["type"])
    assert taken.raw == message


def test_edit_names_the_original_and_carries_new_media(corpus):
    message = _message(
        "edit",
        edit={
            "original_message_id": "wamid.old",
            "message": {"type": "image", "image": {"id": "55", "caption": "the right photo"}},
        },
    )
    taken = parse_webhook(_with_message(corpus, message)).messages[0]
    assert taken.target_wamid == "wamid.old"
    assert taken.media is not None and taken.media.id == "55"


def test_referral_and_frequently_forwarded(corpus):
    message = _message(
        "text",
        text={"body": "I saw your ad"},
        context={"frequently_forwarded": True},
        referral={
            "source_url": "https://fb.me/ad",
            "source_id": "ad-1",
            "source_type": "ad",
            "headline": "Spring sale",
            "body": "20% off",
            "media_type": "image",
        },
    )
    taken = parse_webhook(_with_message(corpus, message)).messages[0]
    assert taken.forwarded and taken.frequently_forwarded
    assert taken.referral is not None
    assert (taken.referral.source_type, taken.referral.source_id, taken.referral.headline) == (
        "ad",
        "ad-1",
        "Spring sale",
    )


def test_value_level_errors_travel_as_other_changes(corpus):
    doc = _load(corpus, "wa_pywa_message_text.json")
    doc["entry"][0]["changes"][0]["value"]["errors"] = [{"code": 131000, "title": "Something went wrong"}]
    payload = parse_webhook(_body(doc))
    assert [(o.field, o.value) for o in payload.others] == [
        ("messages.errors", [{"code": 131000, "title": "Something went wrong"}])
    ]
    assert len(payload.messages) == 1


def test_a_wa_id_that_is_no_possible_number_keeps_the_message(corpus):
    taken = parse_webhook(_with_message(corpus, {**_message("text", text={"body": "hi"}), "from": "1111"})).messages[0]
    assert (taken.from_wa_id, taken.from_phone, taken.text) == ("1111", None, "hi")


def _break(corpus: Path, path: list[Any], value: Any) -> bytes:
    doc: Any = _load(corpus, "wa_pywa_message_text.json")
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return _body(doc)


_DELETE = object()
_MSG = ["entry", 0, "changes", 0, "value", "messages", 0]


@pytest.mark.parametrize(
    ("path", "value", "reason"),
    [
        (["object"], "page", "'object' is 'page', not 'whatsapp_business_account': this is not a WhatsApp webhook"),
        (["object"], _DELETE, "'object' is missing, not 'whatsapp_business_account': this is not a WhatsApp webhook"),
        (["entry"], _DELETE, "the payload: 'entry' is missing, not a list"),
        (["entry"], {}, "the payload: 'entry' is a JSON object, not a list"),
        (["entry"], [], "'entry' is empty: the payload carries nothing"),
        (["entry", 0], "x", "entry[0] is a JSON string, not an object"),
        (["entry", 0, "changes"], _DELETE, "entry[0]: 'changes' is missing, not a list"),
        (["entry", 0, "changes", 0, "field"], _DELETE, "entry[0].changes[0]: 'field' is missing or not a string"),
        (["entry", 0, "changes", 0, "value"], _DELETE, "entry[0].changes[0]: 'value' is missing"),
        (["entry", 0, "changes", 0, "value"], [], "entry[0].changes[0].value is a JSON array, not an object"),
        (
            ["entry", 0, "changes", 0, "value", "messaging_product"],
            "instagram",
            "entry[0].changes[0].value: 'messaging_product' is 'instagram', not 'whatsapp'",
        ),
        (
            ["entry", 0, "changes", 0, "value", "messages"],
            {},
            "entry[0].changes[0].value: 'messages' is a JSON object, not a list",
        ),
        ([*_MSG, "id"], _DELETE, "entry[0].changes[0].value.messages[0]: 'id' is missing"),
        ([*_MSG, "id"], "", "entry[0].changes[0].value.messages[0]: 'id' is '', not a non-empty string"),
        ([*_MSG, "type"], 3, "entry[0].changes[0].value.messages[0]: 'type' is 3, not a non-empty string"),
        (
            [*_MSG, "from"],
            "+972987654321",
            "entry[0].changes[0].value.messages[0]: 'from' is '+972987654321', "
            "not a WhatsApp id (the phone number's digits)",
        ),
        ([*_MSG, "timestamp"], _DELETE, "entry[0].changes[0].value.messages[0]: 'timestamp' is missing"),
        (
            [*_MSG, "timestamp"],
            "yesterday",
            "entry[0].changes[0].value.messages[0]: 'timestamp' is 'yesterday', not seconds since 1970",
        ),
        (
            ["entry", 0, "changes", 0, "value", "contacts", 0, "wa_id"],
            _DELETE,
            "entry[0].changes[0].value.contacts[0]: 'wa_id' is missing",
        ),
    ],
)
def test_malformed_envelopes_are_refused_with_a_reason(corpus, path, value, reason):
    with pytest.raises(PayloadRejected) as refused:
        parse_webhook(_break(corpus, path, value))
    assert refused.value.reason == reason


def test_a_status_without_recipient_is_refused(corpus):
    doc = _load(corpus, "wa_pywa_status_sent.json")
    del doc["entry"][0]["changes"][0]["value"]["statuses"][0]["recipient_id"]
    with pytest.raises(PayloadRejected, match=r"statuses\[0\]: 'recipient_id' is missing"):
        parse_webhook(_body(doc))


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "the body is empty"),
        (b"  \n", "the body is empty"),
        (b"object=whatsapp", "the body is not JSON (Expecting value at line 1, column 1)"),
        (
            b'{"object": "whatsapp_business_account", "entry": [',
            "the body is not JSON (Expecting value at line 1, column 51)",
        ),
        (b'{"object": "\xff"}', "the body is not UTF-8 text (invalid start byte at byte 12)"),
        (b"[1, 2]", "the body is a JSON array, not an object"),
        (b"null", "the body is a JSON null, not an object"),
        (b"[" * 100_000, "the body is JSON nested too deeply to be a webhook"),
    ],
)
def test_bodies_that_are_not_json_objects_are_refused(body, reason):
    with pytest.raises(PayloadRejected) as refused:
        parse_webhook(body)
    assert refused.value.reason == reason
    assert str(refused.value) == reason
