"""The administrators' view of webhook files says what the webhook itself makes of them."""

from __future__ import annotations

import json

from agentdesk.server.channels.whatsapp.inspect import inspect_files


def test_one_json_object_per_file_in_order(corpus, tmp_path):
    files = sorted((corpus / "whatsapp").glob("*.json"))
    missing = tmp_path / "gone.json"
    results = list(inspect_files([*files, missing]))
    assert [r["file"] for r in results] == [*map(str, files), str(missing)]
    for result in results:
        json.dumps(result, ensure_ascii=False)
    refused = {r["file"].rsplit("/", 1)[-1]: r["refused"] for r in results if "refused" in r}
    assert refused == {
        "wa_pywa_revoke_deleted_message.json": "entry[0].changes[0].value.messages[0]: 'from' is "
        "'<WHATSAPP_USER_PHONE_NUMBER>', not a WhatsApp id (the phone number's digits)",
        "gone.json": "the file could not be read: No such file or directory",
    }


def test_a_message_file(corpus):
    [result] = inspect_files([corpus / "whatsapp" / "wa_pywa_message_document.json"])
    assert result["messages"] == [
        {
            "wamid": "wamid.xyzxyz",
            "from": "972987654321",
            "phone": "+972987654321",
            "phone_number_id": "1122334455667",
            "timestamp": "2023-10-11T17:01:06+00:00",
            "type": "document",
            "supported": True,
            "text": "caption",
            "media_ids": ["1234567890987654321"],
            "context": None,
            "target": None,
            "forwarded": True,
            "errors": [],
        }
    ]
    assert result["contacts"] == [{"wa_id": "972987654321", "phone": "+972987654321", "profile_name": "Test Name"}]
    assert result["statuses"] == [] and result["other_changes"] == []


def test_a_failed_status_and_an_other_change(corpus):
    failed, template = inspect_files(
        [
            corpus / "whatsapp" / "wa_bindambc_reEngagementMessageError.json",
            corpus / "whatsapp" / "wa_pywa_template_status_approved.json",
        ]
    )
    assert failed["statuses"][0]["status"] == "failed"
    assert failed["statuses"][0]["errors"][0]["code"] == 131047
    assert failed["statuses"][0]["errors"][0]["title"] == "Re-engagement message"
    assert template["other_changes"][0]["field"] == "message_template_status_update"
    assert template["other_changes"][0]["value"]["event"] == "APPROVED"


def test_a_reply_names_its_context(corpus):
    [result] = inspect_files([corpus / "whatsapp" / "wa_pywa_message_reply.json"])
    assert result["messages"][0]["context"] == "wamid.xyzxyz=="
