"""Authenticity of webhook traffic: the GET verification handshake and the POST signature.

Meta signs every POST with the app secret (`X-Hub-Signature-256: sha256=<hex>`); a request
whose signature does not match did not come from Meta and must be rejected before anything
of it is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping

SIGNATURE_HEADER = "X-Hub-Signature-256"
_PREFIX = "sha256="
_HEX_DIGEST = re.compile(r"^[0-9a-f]{64}$")


class InvalidSignature(Exception):
    """The POST is not signed by the app secret; str(error) says what was wrong with it."""


class VerificationRefused(Exception):
    """The GET handshake is not a valid subscription request for this webhook."""


def sign(body: bytes, app_secret: str) -> str:
    """The header value Meta would send for this body."""
    return _PREFIX + _digest(body, app_secret)


def verify_signature(body: bytes, header: str | None, app_secret: str) -> None:
    """Raise InvalidSignature unless `header` is the HMAC-SHA256 of the raw body."""
    if not app_secret:
        # An empty key is a key everyone knows: a signature made with it proves nothing.
        raise InvalidSignature("no app secret is configured for this WhatsApp queue")
    if header is None or not header.strip():
        raise InvalidSignature(f"the {SIGNATURE_HEADER} header is missing")
    value = header.strip()
    if not value.startswith(_PREFIX):
        raise InvalidSignature(f"the {SIGNATURE_HEADER} header does not start with {_PREFIX!r}")
    given = value[len(_PREFIX) :].lower()
    if not _HEX_DIGEST.match(given):
        raise InvalidSignature(f"the {SIGNATURE_HEADER} header is not a SHA-256 hex digest")
    if not hmac.compare_digest(given, _digest(body, app_secret)):
        raise InvalidSignature(f"the {SIGNATURE_HEADER} signature does not match the body and the app secret")


def verification_challenge(params: Mapping[str, str], verify_token: str) -> str:
    """The `hub.challenge` to echo back when `params` subscribe with our verify token."""
    if not verify_token:
        raise VerificationRefused("no webhook verify token is configured for this WhatsApp queue")
    if params.get("hub.mode") != "subscribe":
        raise VerificationRefused("hub.mode is not 'subscribe'")
    token = params.get("hub.verify_token", "")
    if not hmac.compare_digest(token.encode(), verify_token.encode()):
        raise VerificationRefused("hub.verify_token does not match the queue's verify token")
    challenge = params.get("hub.challenge")
    if not challenge:
        raise VerificationRefused("hub.challenge is missing")
    return challenge


def _digest(body: bytes, app_secret: str) -> str:
    return hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
