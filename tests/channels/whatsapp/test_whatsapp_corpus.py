"""Every real payload of the shared corpus is taken, or refused with a reason, and says what it should."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from agentdesk.server.channels.whatsapp.model import PayloadRejected, WebhookPayload
from agentdesk.server.channels.whatsapp.payload import parse_webhook


@dataclass(frozen=True)
class Msg:
    wamid: str
    sender: str
    phone: str | None
    type: str
    text: str
    media_id: str | None = None
    context: str | None = None
    target: str | None = None
    reply_id: str | None = None
    forwarded: bool = False
    supported: bool = True
    error_code: int | None = None


@dataclass(frozen=True)
class Status:
    wamid: str
    recipient: str
    status: str
    error_code: int | None = None
    error_title: str | None = None


@dataclass(frozen=True)
class Contact:
    wa_id: str
    phone: str | None
    profile_name: str | None


@dataclass(frozen=True)
class Other:
    field: str


@dataclass(frozen=True)
class Refused:
    reason: str


BINDA = "1111111111111"  # anonymized by the source: not a possible phone number, so no E.164 phone
BINDA_CONTACT = Contact(BINDA, None, "Mauricio Binda")
TEST = "972987654321"
TEST_CONTACT = Contact(TEST, "+972987654321", "Test Name")
BINDA_WAMID = "wamid.nBgN6TUyN2k5NzAzM5kzNhUCABI8FDNFQjAxQkE5REI4NEUzQ5Y5QTNgAA=="
MEDIA = "1234567890987654321"


def tm(wamid: str = "wamid.xyzxyz", **kw: object) -> Msg:
    """A message of the pywa samples, all sent by the same test user."""
    return Msg(wamid=wamid, sender=TEST, phone="+972987654321", **kw)  # type: ignore[arg-type]


def bm(wamid: str, **kw: object) -> Msg:
    return Msg(wamid=wamid, sender=BINDA, phone=None, **kw)  # type: ignore[arg-type]


EXPECTED: dict[str, list[object] | Refused] = {
    "wa_bindambc_audioMessage.json": [
        bm(
            "wamid.HBzk5zNkE1NNzAzgNNTUyNMDkzIYFDNFNhjMyNjcUCABQjA1NzcDY0M0AA==",
            type="audio",
            text="voice message",
            media_id="827776106019109",
        ),
        BINDA_CONTACT,
    ],
    "wa_bindambc_buttonMessage.json": [
        bm(BINDA_WAMID, type="button", text="SIM", context=BINDA_WAMID, reply_id="SIM"),
        BINDA_CONTACT,
    ],
    "wa_bindambc_contactMessage.json": [
        bm(
            "wamid.HBgNNEMkNETUyNUCDkzNABIYFDNFQjA1zk5NzAzMhQjA5OTFQjNFQkU3AA==",
            type="contacts",
            text="shared contacts: Person Ok +55 11 11111-1111",
        ),
        BINDA_CONTACT,
    ],
    "wa_bindambc_documentMessage.json": [
        bm(
            "wamid.HBgABIYNNTUyxMEFFk5NzATY2QT0TY2QT0zMDkzNhUCFDNFQjBFMNzARjFDQQ1AA==",
            type="document",
            text="document 4_641947.pdf",
            media_id="848704520347750",
        ),
        BINDA_CONTACT,
    ],
    "wa_bindambc_imageMessage.json": [
        bm(
            "wamid.HBgODE0NDQwANNTTBGRjkUyNzkzNhUCABIYFDNF5NzAzMDkQjBEQ3NjdBA==",
            type="image",
            text="image",
            media_id="8472976218001204",
        ),
        BINDA_CONTACT,
    ],
    "wa_bindambc_locationMessage.json": [
        bm(
            "wamid.HBgNNVENjUTzk5NzAzMUyNDkzIYFDNBMERNhUCABBMkYzNjhFQzzNEUwAA==",
            type="location",
            text="location -10.93941, -10.60640",
        ),
        BINDA_CONTACT,
    ],
    "wa_bindambc_reEngagementMessageError.json": [
        Status(
            "wamid.HBgNN5NzAzMDkTUyNzkzNhUEjA1MjUwNCAUIyNEYUQ0OTVGNTY0MwA=",
            "5511111111111",
            "failed",
            131047,
            "Re-engagement message",
        )
    ],
    "wa_bindambc_reactMessage.json": [
        bm(BINDA_WAMID, type="reaction", text="reacted 👍", target=BINDA_WAMID),
        BINDA_CONTACT,
    ],
    "wa_bindambc_textMessage.json": [bm(BINDA_WAMID, type="text", text="hi everyone!"), BINDA_CONTACT],
    "wa_bindambc_textMessageStatusDelivered.json": [Status(BINDA_WAMID, BINDA, "delivered")],
    "wa_bindambc_textMessageStatusSent.json": [Status(BINDA_WAMID, BINDA, "sent")],
    "wa_pywa_edit_text.json": [
        tm("wamid.yyyyyy", type="edit", text="Text was edited", target="wamid.zzzzzz"),
        TEST_CONTACT,
    ],
    "wa_pywa_flow_nfm_reply.json": [
        tm(
            "wamid.wegrchytvwcggt==",
            type="interactive",
            text="Sent\ncomment_text: Comment Text\ndelivery_rating: 4\npurchase_rating: 2\nrecommend_radio: 0\n"
            "cs_rating: 0",
            context="wamid.gvwegfretge==",
        ),
        TEST_CONTACT,
    ],
    "wa_pywa_interactive_button_reply.json": [
        tm(type="interactive", text="title", context="wamid.xyzxyz", reply_id="callback_data"),
        TEST_CONTACT,
    ],
    "wa_pywa_interactive_list_reply.json": [
        tm("wamid.zyzxyz", type="interactive", text="title", context="wamid.xyzxyz", reply_id="callback_data"),
        TEST_CONTACT,
    ],
    "wa_pywa_message_audio.json": [tm(type="audio", text="audio", media_id=MEDIA, forwarded=True), TEST_CONTACT],
    "wa_pywa_message_chosen_location.json": [
        tm(type="location", text="Facebook HQ, 1 Hacker Way, Menlo Park, CA 94025", forwarded=True),
        TEST_CONTACT,
    ],
    "wa_pywa_message_contacts.json": [
        tm(
            type="contacts",
            text="shared contacts: Chandler Bing +1 555-555-5555; Monica +1 666-666-6666; Rachel Green +1 777-777-7777",
        ),
        TEST_CONTACT,
    ],
    "wa_pywa_message_document.json": [
        tm(type="document", text="caption", media_id=MEDIA, forwarded=True),
        TEST_CONTACT,
    ],
    "wa_pywa_message_forwarded.json": [tm(type="text", text="forwarded text", forwarded=True), TEST_CONTACT],
    "wa_pywa_message_image.json": [tm(type="image", text="image", media_id="65463453"), TEST_CONTACT],
    "wa_pywa_message_media_with_url.json": [tm(type="image", text="image", media_id="65463453"), TEST_CONTACT],
    "wa_pywa_message_reaction.json": [tm(type="reaction", text="reacted 😮", target="wamid.yzxyzx="), TEST_CONTACT],
    "wa_pywa_message_reply.json": [tm(type="text", text="replied text", context="wamid.xyzxyz=="), TEST_CONTACT],
    "wa_pywa_message_static_sticker.json": [tm(type="sticker", text="sticker", media_id=MEDIA), TEST_CONTACT],
    "wa_pywa_message_text.json": [tm(type="text", text="Body Text"), TEST_CONTACT],
    "wa_pywa_message_unreaction_empty.json": [
        tm(type="reaction", text="removed a reaction", target="wamid.yzxyzx="),
        TEST_CONTACT,
    ],
    "wa_pywa_message_unsupported.json": [
        tm(type="unsupported", text="unsupported message (type unsupported)", supported=False, error_code=131051),
        TEST_CONTACT,
    ],
    "wa_pywa_message_video.json": [
        tm(type="video", text="caption", media_id="765756756", forwarded=True),
        TEST_CONTACT,
    ],
    "wa_pywa_message_voice.json": [tm(type="audio", text="voice message", media_id=MEDIA), TEST_CONTACT],
    "wa_pywa_request_welcome_chat_opened.json": [tm(type="request_welcome", text="opened the chat"), TEST_CONTACT],
    # Meta's documentation placeholders stand where the sender's number must be.
    "wa_pywa_revoke_deleted_message.json": Refused(
        "entry[0].changes[0].value.messages[0]: 'from' is '<WHATSAPP_USER_PHONE_NUMBER>', "
        "not a WhatsApp id (the phone number's digits)"
    ),
    "wa_pywa_smb_message_echo_text.json": [Other("smb_message_echoes")],
    "wa_pywa_status_delivered.json": [Status("wamid.xyzxyz", TEST, "delivered"), TEST_CONTACT],
    "wa_pywa_status_failed.json": [
        Status("wamid.xyzxyz", TEST, "failed", 130472, "User's number is part of an experiment"),
        TEST_CONTACT,
    ],
    "wa_pywa_status_read.json": [Status("wamid.xyzxyz", TEST, "read"), TEST_CONTACT],
    "wa_pywa_status_sent.json": [Status("wamid.xyzxyz", TEST, "sent"), TEST_CONTACT],
    "wa_pywa_status_with_tracker.json": [Status("wamid.xyzxyz", TEST, "sent"), TEST_CONTACT],
    "wa_pywa_system_user_changed_number.json": [
        tm("wamid.xyzxyz==", type="system", text="User A changed from 972987654321 to 972912345678")
    ],
    "wa_pywa_template_quick_reply_button.json": [
        tm("wamid.xsidjw", type="button", text="title", context="wamid.xyzxyz==", reply_id="callback_data"),
        TEST_CONTACT,
    ],
    "wa_pywa_template_status_approved.json": [Other("message_template_status_update")],
    "wa_softlivery_WebhookStatusEvent.json": [
        Status("wamid.PvMgEDLXbtZoDenzqqZVDsTz6VYZSCwivtcLj9sQ8tMz8JnbmeL07OA=", "555123456789", "sent")
    ],
}


def _files(corpus: Path) -> list[str]:
    return sorted(p.name for p in (corpus / "whatsapp").glob("*.json"))


def _parse(corpus: Path, name: str) -> WebhookPayload:
    return parse_webhook((corpus / "whatsapp" / name).read_bytes())


def _seen(payload: WebhookPayload) -> list[object]:
    seen: list[object] = [
        Msg(
            m.wamid,
            m.from_wa_id,
            m.from_phone,
            m.type,
            m.text,
            m.media.id if m.media else None,
            m.context_wamid,
            m.target_wamid,
            m.reply_id,
            m.forwarded,
            m.supported,
            m.errors[0].code if m.errors else None,
        )
        for m in payload.messages
    ]
    seen += [
        Status(
            s.wamid,
            s.recipient,
            s.status,
            s.errors[0].code if s.errors else None,
            s.errors[0].title if s.errors else None,
        )
        for s in payload.statuses
    ]
    seen += [Contact(c.wa_id, c.phone, c.profile_name) for c in payload.contacts]
    seen += [Other(o.field) for o in payload.others]
    return seen


def test_every_corpus_file_has_expectations(corpus):
    assert _files(corpus) == sorted(EXPECTED), "a corpus file was added or removed: state what it must become"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_payload(corpus, name):
    expected = EXPECTED[name]
    if isinstance(expected, Refused):
        with pytest.raises(PayloadRejected) as refused:
            _parse(corpus, name)
        assert refused.value.reason == expected.reason
        return
    assert _seen(_parse(corpus, name)) == expected


@pytest.mark.parametrize("name", [n for n, e in EXPECTED.items() if not isinstance(e, Refused)])
def test_corpus_times_are_aware_utc_and_raw_is_kept(corpus, name):
    payload = _parse(corpus, name)
    document = json.loads((corpus / "whatsapp" / name).read_text())
    raw_items = [
        item
        for entry in document["entry"]
        for change in entry["changes"]
        if isinstance(change["value"], dict)
        for item in change["value"].get("messages", []) + change["value"].get("statuses", [])
    ]
    taken = [*payload.messages, *payload.statuses]
    assert [t.raw for t in taken] == raw_items
    for item in taken:
        assert item.timestamp.tzinfo is UTC
        assert item.timestamp == datetime.fromtimestamp(int(item.raw["timestamp"]), UTC)


def test_media_details(corpus):
    voice = _parse(corpus, "wa_bindambc_audioMessage.json").messages[0].media
    assert voice is not None and voice.voice and voice.mime_type == "audio/ogg; codecs=opus"
    assert voice.sha256 == "iWa0+O81ZLcSkZx6n4QAmrWuHpn8HWFX3gB6a3fQtmk="
    document = _parse(corpus, "wa_pywa_message_document.json").messages[0].media
    assert document is not None
    assert (document.filename, document.caption, document.mime_type) == ("filename.pdf", "caption", "application/pdf")
    with_url = _parse(corpus, "wa_pywa_message_media_with_url.json").messages[0].media
    assert with_url is not None and with_url.url is not None
    assert with_url.url.startswith("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=65463453")
    without_url = _parse(corpus, "wa_pywa_message_image.json").messages[0].media
    assert without_url is not None and without_url.url is None
    sticker = _parse(corpus, "wa_pywa_message_static_sticker.json").messages[0].media
    assert sticker is not None and sticker.mime_type == "image/webp" and not sticker.animated


def test_location_details(corpus):
    named = _parse(corpus, "wa_pywa_message_chosen_location.json").messages[0].location
    assert named is not None
    assert (named.latitude, named.longitude) == (37.4611978, -122.2164385)
    assert named.url == "https://maps.google.com/?cid=2000000000000000000"
    bare = _parse(corpus, "wa_bindambc_locationMessage.json").messages[0].location
    assert bare is not None and bare.name is None and bare.url == "https://foursquare.com/v/5c42c5667d8497002c6e09f9"


def test_status_details(corpus):
    sent = _parse(corpus, "wa_pywa_status_with_tracker.json").statuses[0]
    assert sent.phone_number_id == "1122334455667"
    assert sent.recipient_phone == "+972987654321"
    assert sent.conversation_id == "7270432eae37498234f4444b35ffc5"
    assert sent.conversation_origin == "service"
    assert sent.conversation_expires_at == datetime.fromtimestamp(1698339900, UTC)
    assert (sent.pricing_category, sent.billable, sent.callback_data) == ("service", True, "some data")
    failed = _parse(corpus, "wa_bindambc_reEngagementMessageError.json").statuses[0]
    assert failed.recipient_phone == "+5511111111111"
    assert failed.errors[0].details == (
        "Message failed to send because more than 24 hours have passed since the customer last replied to this number."
    )
    assert str(failed.errors[0]).startswith("Re-engagement message (131047): Message failed to send")


def test_other_changes_keep_their_value(corpus):
    template = _parse(corpus, "wa_pywa_template_status_approved.json").others[0]
    assert template.entry_id == "102290129340398"
    assert template.value["event"] == "APPROVED" and template.value["message_template_name"] == "order_confirmation"
    echo = _parse(corpus, "wa_pywa_smb_message_echo_text.json").others[0]
    assert echo.value["message_echoes"][0]["text"] == {"body": "Test message"}


def test_unsupported_keeps_meta_error(corpus):
    message = _parse(corpus, "wa_pywa_message_unsupported.json").messages[0]
    assert message.errors[0].title == "Message type unknown"
    assert message.errors[0].details == "Message type is currently not supported."


def test_messages_name_the_number_they_arrived_on(corpus):
    assert _parse(corpus, "wa_bindambc_textMessage.json").messages[0].phone_number_id == "409552778964973"
    assert _parse(corpus, "wa_pywa_message_text.json").contacts[0].phone_number_id == "1122334455667"
