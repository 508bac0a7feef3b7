"""Passwords (Argon2id, memory-hard), bearer tokens and login throttling."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow

_hasher = PasswordHasher()
# Verifying against this when the user does not exist keeps the timing the same.
_DUMMY_HASH = _hasher.hash("no such user")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: str
    expires_at: datetime


class LoginLocked(Exception):
    def __init__(self, retry_after_s: int) -> None:
        super().__init__(f"too many failed sign-in attempts; try again in {retry_after_s} s")
        self.retry_after_s = retry_after_s


class Throttle:
    """Counts failed sign-ins per user name and per client address, in the database so that
    every server process agrees."""

    def __init__(self, max_failures: int, window_s: int, lockout_s: int) -> None:
        self.max_failures = max_failures
        self.window = timedelta(seconds=window_s)
        self.lockout = timedelta(seconds=lockout_s)

    def check(self, session: Session, keys: list[str]) -> None:
        now = utcnow()
        for key in keys:
            row = session.get(m.LoginThrottle, key)
            if row and row.locked_until and row.locked_until > now:
                raise LoginLocked(int((row.locked_until - now).total_seconds()) + 1)

    def fail(self, session: Session, keys: list[str]) -> None:
        now = utcnow()
        for key in keys:
            row = session.get(m.LoginThrottle, key)
            if row is None or now - row.window_start > self.window:
                if row is None:
                    row = m.LoginThrottle(key=key, failures=0, window_start=now)
                    session.add(row)
                row.failures, row.window_start, row.locked_until = 0, now, None
            row.failures += 1
            if row.failures >= self.max_failures:
                row.locked_until = now + self.lockout

    def succeed(self, session: Session, keys: list[str]) -> None:
        for key in keys:
            row = session.get(m.LoginThrottle, key)
            if row is not None:
                session.delete(row)


def authenticate(session: Session, username: str, password: str) -> m.User | None:
    user = session.scalar(select(m.User).where(m.User.username == username))
    if user is None or not user.active:
        verify_password(_DUMMY_HASH, password)
        return None
    return user if verify_password(user.password_hash, password) else None


def issue_token(session: Session, user: m.User, ttl_s: int, label: str | None = None) -> IssuedToken:
    token = secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(seconds=ttl_s)
    session.add(m.ApiToken(user_id=user.id, token_hash=token_digest(token), label=label, expires_at=expires_at))
    return IssuedToken(token, expires_at)


def user_for_token(session: Session, token: str) -> m.User | None:
    row = session.scalar(select(m.ApiToken).where(m.ApiToken.token_hash == token_digest(token)))
    if row is None or row.revoked_at is not None or row.expires_at <= utcnow():
        return None
    user = session.get(m.User, row.user_id)
    return user if user is not None and user.active else None


def revoke_token(session: Session, token: str) -> bool:
    row = session.scalar(select(m.ApiToken).where(m.ApiToken.token_hash == token_digest(token)))
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    return True


def revoke_all(session: Session, user_id: int) -> int:
    rows = session.scalars(
        select(m.ApiToken).where(m.ApiToken.user_id == user_id, m.ApiToken.revoked_at.is_(None))
    ).all()
    for row in rows:
        row.revoked_at = utcnow()
    return len(rows)
