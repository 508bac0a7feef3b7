"""Removing a profile from this machine: its token from the keyring, its cache and its staged files.

The cache holds the outbox too, so what was not sent yet goes with it: `unsent` tells how
much, for the question the user answers before.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from pathlib import Path

from agentdesk.client.auth import TokenStore
from agentdesk.client.outbox import files
from agentdesk.client.profile import Profile

_CACHE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def unsent(server_url: str, username: str, data_dir: Path | None = None) -> int:
    """Writes of this profile still waiting in its outbox (0 when it has no cache)."""
    path = Profile.of(server_url, username).cache_path(data_dir)
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT count(*) FROM outbox WHERE state != 'sent'").fetchone()[0])
    except sqlite3.Error:
        return 0


async def forget_profile(server_url: str, username: str, *, tokens: TokenStore, data_dir: Path | None = None) -> None:
    """Delete the profile's saved sign-in and everything its cache keeps. Not for the profile in use."""
    profile = Profile.of(server_url, username)
    await asyncio.to_thread(_forget, profile, tokens, data_dir)


def _forget(profile: Profile, tokens: TokenStore, data_dir: Path | None) -> None:
    tokens.delete(profile)
    path = profile.cache_path(data_dir)
    for suffix in _CACHE_COMPANIONS:
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    shutil.rmtree(files.folder_of(path), ignore_errors=True)
