"""Signing in: the password is exchanged for a token; the token lives in the OS keyring only.

When no keyring backend works (a server without a desktop session, a locked-down
machine), saving raises `KeyringUnavailable` with what to do. The only alternative is
the explicit opt-in `TokenStore(allow_session_only=True)`: the token is then kept in this
process's memory and the user signs in again next time. There is no plaintext fallback.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

import httpx
import keyring
from keyring.errors import KeyringError, PasswordDeleteError

from agentdesk.client.profile import Profile

SERVICE = "agentdesk"


class AuthError(Exception):
    """Signing in failed; the message is for the user."""


class KeyringUnavailable(AuthError):
    pass


@dataclass(frozen=True, slots=True)
class Session:
    profile: Profile
    token: str
    user: dict[str, Any]
    saved_in_keyring: bool

    def __repr__(self) -> str:
        # Never print a token, not even into a traceback or a log line.
        return f"Session(profile={self.profile!r}, user={self.user.get('username')!r}, token=<hidden>)"


class TokenStore:
    def __init__(self, *, allow_session_only: bool = False) -> None:
        self.allow_session_only = allow_session_only
        self._memory: dict[str, str] = {}

    def save(self, profile: Profile, token: str) -> bool:
        """Store the token; True when the keyring holds it, False when only this session does."""
        try:
            keyring.set_password(SERVICE, profile.key, token)
            return True
        except KeyringError as exc:
            if not self.allow_session_only:
                raise KeyringUnavailable(
                    "no system keyring is available to keep your sign-in safely "
                    f"({type(exc).__name__}: {exc}). Install or unlock a keyring (e.g. GNOME Keyring, KWallet), "
                    "or choose 'keep me signed in for this session only'."
                ) from exc
            self._memory[profile.key] = token
            return False

    def load(self, profile: Profile) -> str | None:
        if profile.key in self._memory:
            return self._memory[profile.key]
        try:
            return keyring.get_password(SERVICE, profile.key)
        except KeyringError:
            return None

    def delete(self, profile: Profile) -> None:
        self._memory.pop(profile.key, None)
        try:
            keyring.delete_password(SERVICE, profile.key)
        except PasswordDeleteError:
            pass  # nothing was stored
        except KeyringError:
            if not self.allow_session_only:
                raise


async def sign_in(
    http: httpx.AsyncClient, profile: Profile, password: str, store: TokenStore, *, label: str = "AgentDesk desktop"
) -> Session:
    try:
        response = await http.post(
            "/api/v1/auth/token", json={"username": profile.username, "password": password, "label": label}
        )
    except httpx.TransportError as exc:
        raise AuthError(f"cannot reach {profile.server_url}: {exc}") from exc
    if response.status_code in (401, 429, 422):
        raise AuthError(response.json().get("detail") or "sign-in refused")
    if not response.is_success:
        raise AuthError(f"the server answered {response.status_code}")
    body = response.json()
    saved = store.save(profile, body["access_token"])
    return Session(profile, body["access_token"], body["user"], saved)


async def sign_out(http: httpx.AsyncClient, session: Session, store: TokenStore) -> None:
    """End the session on the server when it can be reached; forget the token in any case."""
    # Offline: the token expires on its own; it is gone from this machine below.
    with contextlib.suppress(httpx.TransportError):
        await http.post("/api/v1/auth/logout", headers={"Authorization": f"Bearer {session.token}"})
    store.delete(session.profile)
