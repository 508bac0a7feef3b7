"""Tokens in the keyring only (and what happens without one); the cache schema and its versions."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends.fail import Keyring as FailingKeyring
from sqlalchemy import inspect

from agentdesk.client import auth
from agentdesk.client.app import AgentDeskClient
from agentdesk.client.cache.database import Cache
from agentdesk.client.cache.migrations import STEPS, CacheTooNew
from agentdesk.client.cache.tables import metadata
from agentdesk.client.profile import Profile
from tests.client.conftest import FAST
from tests.support.world import PASSWORD


@pytest.mark.asyncio
async def test_token_lives_in_the_keyring_and_goes_at_sign_out(env, memory_keyring):
    client = await AgentDeskClient.sign_in(
        env.server.url, "ana", PASSWORD, tokens=auth.TokenStore(), data_dir=env.data_dir, tuning=FAST
    )
    key = ("agentdesk", Profile.of(env.server.url, "ana").key)
    assert memory_keyring.entries[key] == client.session.token
    assert client.session.token not in repr(client.session)
    assert client.session.token.encode() not in client.cache.path.read_bytes()
    await client.sign_out()
    assert key not in memory_keyring.entries


@pytest.mark.asyncio
async def test_without_a_keyring_sign_in_fails_clearly_unless_the_user_opts_in(env):
    keyring.set_keyring(FailingKeyring())
    with pytest.raises(auth.KeyringUnavailable, match="session only"):
        await AgentDeskClient.sign_in(
            env.server.url, "ana", PASSWORD, tokens=auth.TokenStore(), data_dir=env.data_dir, tuning=FAST
        )
    tokens = auth.TokenStore(allow_session_only=True)
    client = await AgentDeskClient.sign_in(env.server.url, "ana", PASSWORD, tokens=tokens, data_dir=env.data_dir)
    try:
        assert not client.session.saved_in_keyring
        assert tokens.load(client.session.profile) == client.session.token
    finally:
        await client.close()


@pytest.mark.asyncio
async def test_wrong_password_is_an_auth_error(env):
    with pytest.raises(auth.AuthError, match="wrong"):
        await AgentDeskClient.sign_in(
            env.server.url, "ana", "nope-nope", tokens=auth.TokenStore(), data_dir=env.data_dir
        )


def test_migrated_schema_matches_the_models_and_a_newer_one_is_refused(tmp_path):
    cache = Cache(tmp_path / "c.sqlite3")
    with cache.read() as conn:
        found = inspect(conn)
        for table in metadata.tables.values():
            assert {c["name"] for c in found.get_columns(table.name)} >= {c.name for c in table.columns}
    cache.close()
    # Opening again is a no-op; a cache from a newer version is not touched.
    Cache(tmp_path / "c.sqlite3").close()
    with pytest.raises(CacheTooNew):
        from sqlalchemy import create_engine

        engine = create_engine(f"sqlite:///{tmp_path / 'c.sqlite3'}")
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA user_version = {len(STEPS) + 1}")
        engine.dispose()
        Cache(tmp_path / "c.sqlite3")


def test_one_cache_file_per_server_and_user(tmp_path):
    a = Profile.of("HTTP://Desk.Example:80/", "Ana").cache_path(tmp_path)
    assert a == Profile.of("http://desk.example", "ana").cache_path(tmp_path)
    assert a != Profile.of("http://desk.example", "bob").cache_path(tmp_path)
    assert a != Profile.of("http://other.example", "ana").cache_path(tmp_path)
