"""A client in its own process that is killed while it uploads a reply's file:
`python -m tests.client.upload_worker URL DATA_DIR CONVERSATION_ID FILE`.

It stores the reply (unless its outbox holds one already), sends the outbox and prints
UPLOADING once part of the file has gone out, so the test can kill it there.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from agentdesk.client import auth
from agentdesk.client.app import AgentDeskClient
from agentdesk.client.sync.engine import UploadProgress
from tests.client.conftest import FAST
from tests.support.world import PASSWORD


async def main(url: str, data_dir: str, conversation_id: int, path: str) -> None:
    tokens = auth.TokenStore(allow_session_only=True)  # a child process has no test keyring
    client = await AgentDeskClient.sign_in(url, "ana", PASSWORD, tokens=tokens, data_dir=Path(data_dir), tuning=FAST)
    if not client.outbox():
        await client.reply_with_files(conversation_id, "L'informe", [Path(path)])

    def report(progress: UploadProgress) -> None:
        if 0 < progress.done < progress.total:
            print("UPLOADING", flush=True)

    client.upload_progress.connect(report)
    await client.engine.flush_outbox()
    print("SENT", flush=True)
    await client.close()


if __name__ == "__main__":
    url, data_dir, conversation_id, path = sys.argv[1:5]
    asyncio.run(main(url, data_dir, int(conversation_id), path))
