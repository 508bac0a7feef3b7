"""A client in its own process, for the SIGKILL test: `python -m tests.client.sync_worker MODE ...`.

MODE `write-and-sync` stores writes in the outbox (unless it holds some), syncs, sends; before every cache commit it
prints COMMITTING and waits for a line on stdin, so the test can kill it inside a page.
MODE `finish` sends what is left, syncs to the end and exits.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import event

from agentdesk.client import auth
from agentdesk.client.app import AgentDeskClient
from agentdesk.client.sync.engine import Tuning

# Tiny pages: a snapshot of the small test world takes many commits, so a kill lands inside one.
TINY = Tuning(page_size=4, backoff_base_s=0.02, backoff_cap_s=0.3)


async def main(mode: str, url: str, data_dir: str, conversation_id: int, count: int) -> None:
    tokens = auth.TokenStore(allow_session_only=True)  # a child process has no test keyring
    client = await AgentDeskClient.sign_in(
        url, "ana", "correct horse battery", tokens=tokens, data_dir=Path(data_dir), tuning=TINY
    )
    if mode == "write-and-sync":
        if not client.outbox():
            for n in range(count):
                client.add_note(conversation_id, f"killed-{n:04d}")

        @event.listens_for(client.cache._writer, "commit")
        def _pause(_conn: Any) -> None:
            print("COMMITTING", flush=True)
            sys.stdin.readline()

        await client.engine.sync_once()
        await client.engine.flush_outbox()
    else:
        await client.engine.flush_outbox()
        await client.engine.sync_once()
        print("DONE", flush=True)
    await client.close()


if __name__ == "__main__":
    mode, url, data_dir, conversation_id, count = sys.argv[1:6]
    asyncio.run(main(mode, url, data_dir, int(conversation_id), int(count)))
