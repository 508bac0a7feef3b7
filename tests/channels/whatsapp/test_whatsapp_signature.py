"""Only Meta, holding the app secret, can make a POST the webhook accepts."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

import pytest

from agentdesk.server.channels.whatsapp import simulate
from agentdesk.server.channels.whatsapp.payload import parse_webhook
from agentdesk.server.channels.whatsapp.signature import (
    InvalidSignature,
    VerificationRefused,
    sign,
    verification_challenge,
    verify_signature,
)

SECRET = "app-secret-0123"
BODY = b'{"object":"whatsapp_business_account","entry":[]}'


def _meta_signature(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_sign_is_metas_hmac_sha256():
    assert sign(BODY, SECRET) == _meta_signature(BODY, SECRET)


def test_right_signature_is_accepted():
    verify_signature(BODY, _meta_signature(BODY, SECRET), SECRET)


def test_upper_case_hex_and_surrounding_space_are_accepted():
    verify_signature(BODY, "  sha256=" + _meta_signature(BODY, SECRET)[7:].upper() + " ", SECRET)


@pytest.mark.parametrize(
    ("body", "header", "reason"),
    [
        (BODY, None, "header is missing"),
        (BODY, "", "header is missing"),
        (BODY, _meta_signature(BODY, "another-secret"), "does not match"),
        (BODY + b" ", _meta_signature(BODY, SECRET), "does not match"),
        (BODY.replace(b"[]", b"[{}]"), _meta_signature(BODY, SECRET), "does not match"),
        (BODY, "sha1=" + hashlib.sha1(BODY).hexdigest(), "does not start with 'sha256='"),
        (BODY, _meta_signature(BODY, SECRET)[7:], "does not start with 'sha256='"),
        (BODY, "sha256=" + "z" * 64, "not a SHA-256 hex digest"),
        (BODY, _meta_signature(BODY, SECRET)[:-2], "not a SHA-256 hex digest"),
        (BODY, "sha256=ａ" + "0" * 63, "not a SHA-256 hex digest"),
    ],
    ids=[
        "missing",
        "empty",
        "wrong-secret",
        "tampered-space",
        "tampered-content",
        "sha1",
        "no-prefix",
        "not-hex",
        "short",
        "non-ascii",
    ],
)
def test_wrong_signatures_are_refused(body, header, reason):
    with pytest.raises(InvalidSignature, match=reason):
        verify_signature(body, header, SECRET)


def test_an_empty_app_secret_verifies_nothing():
    with pytest.raises(InvalidSignature, match="no app secret"):
        verify_signature(BODY, _meta_signature(BODY, ""), "")


def test_a_simulated_delivery_is_signed_and_parsed_like_metas():
    payload = simulate.inbound_text(
        phone_number_id="555",
        from_wa_id="34600111222",
        wamid="wamid.sim1",
        text="Hola, ¿mi pedido?",
        at=datetime(2024, 5, 1, 9, 30, tzinfo=UTC),
        profile_name="Núria",
    )
    body, headers = simulate.signed_delivery(payload, SECRET)
    verify_signature(body, headers["X-Hub-Signature-256"], SECRET)
    message = parse_webhook(body).messages[0]
    assert (message.wamid, message.from_phone, message.text) == ("wamid.sim1", "+34600111222", "Hola, ¿mi pedido?")
    assert message.timestamp == datetime(2024, 5, 1, 9, 30, tzinfo=UTC)


GOOD = {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "1158201444"}


def test_handshake_echoes_the_challenge():
    assert verification_challenge(GOOD, "verify-me") == "1158201444"


@pytest.mark.parametrize(
    ("params", "token", "reason"),
    [
        ({**GOOD, "hub.verify_token": "guess"}, "verify-me", "does not match"),
        ({k: v for k, v in GOOD.items() if k != "hub.verify_token"}, "verify-me", "does not match"),
        ({**GOOD, "hub.mode": "unsubscribe"}, "verify-me", "hub.mode"),
        ({k: v for k, v in GOOD.items() if k != "hub.challenge"}, "verify-me", "hub.challenge is missing"),
        ({**GOOD, "hub.verify_token": ""}, "", "no webhook verify token"),
    ],
)
def test_handshake_refusals(params, token, reason):
    with pytest.raises(VerificationRefused, match=reason):
        verification_challenge(params, token)
