"""Visitor tokens: a random visitor id signed with the queue's key.

The token is all a browser keeps (in its site's localStorage); the server keeps nothing per
visitor until they write, so a page view costs no database row. The visitor id becomes the
visitor's identity address, which agents see; the signature is what makes it a secret.
Rotating the queue's key (deleting `webchat_token_key` from its secrets) forgets every visitor.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from sqlalchemy.orm import Session

from agentdesk.server.db import models as m

KEY_NAME = "webchat_token_key"


def queue_key(session: Session, queue_id: int) -> bytes:
    """The queue's signing key, made on first use, in a write session that the caller commits."""
    # FOR UPDATE: two first visitors at once on PostgreSQL must not each make a key.
    queue = session.get(m.Queue, queue_id, with_for_update=True)
    if queue is None:
        raise LookupError(f"queue {queue_id} does not exist")
    key = (queue.secrets or {}).get(KEY_NAME)
    if not key:
        key = secrets.token_urlsafe(32)
        queue.secrets = {**(queue.secrets or {}), KEY_NAME: key}
    return key.encode()


def existing_key(queue: m.Queue) -> bytes | None:
    key = (queue.secrets or {}).get(KEY_NAME)
    return key.encode() if key else None


def new_visitor_id() -> str:
    return "v_" + secrets.token_urlsafe(18)


def issue(key: bytes, queue_id: int, visitor_id: str) -> str:
    return f"{visitor_id}.{_signature(key, queue_id, visitor_id)}"


def visitor_of(key: bytes, queue_id: int, token: str) -> str | None:
    """The visitor id a token was issued to, or None when it is not one of this queue's."""
    visitor_id, _, signature = token.rpartition(".")
    if not visitor_id or len(token) > 200:
        return None
    if not hmac.compare_digest(signature, _signature(key, queue_id, visitor_id)):
        return None
    return visitor_id


def _signature(key: bytes, queue_id: int, visitor_id: str) -> str:
    digest = hmac.new(key, f"{queue_id}:{visitor_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode()
