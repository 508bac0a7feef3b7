"""The client process killed with SIGKILL inside a cache transaction, then started again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from tests.client.conftest import assert_cache_matches_server, sign_in
from tests.client.faults import server_note_counts
from tests.conftest import PROJECT_ROOT


def _worker(mode: str, env, count: int) -> subprocess.Popen[str]:
    cid = env.world.conversations["nuria_email"]
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.client.sync_worker",
            mode,
            env.server.url,
            str(env.data_dir),
            str(cid),
            str(count),
        ],
        cwd=PROJECT_ROOT,
        # No keyring in the child: it takes the documented session-only opt-in.
        env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.mark.asyncio
async def test_killed_mid_apply_then_restarted(env):
    count = 250
    # First inside a snapshot page, then inside the sending of the outbox.
    for commits_before_kill in (3, 40):
        worker = _worker("write-and-sync", env, count)
        assert worker.stdout is not None and worker.stdin is not None
        for _ in range(commits_before_kill):
            assert worker.stdout.readline().strip() == "COMMITTING"
            worker.stdin.write("\n")
            worker.stdin.flush()
        assert worker.stdout.readline().strip() == "COMMITTING"
        worker.send_signal(signal.SIGKILL)
        worker.wait()

    again = _worker("finish", env, count)
    out, _ = again.communicate(timeout=60)
    assert again.returncode == 0 and out.strip().endswith("DONE")

    counts = server_note_counts(env, "killed-")
    assert len(counts) == count and set(counts.values()) == {1}
    client = await sign_in(env, "ana")
    try:
        await client.engine.sync_once()
        assert_cache_matches_server(client.cache, env.server.url, client.session.token)
    finally:
        await client.close()
