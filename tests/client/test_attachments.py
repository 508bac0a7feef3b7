"""Replies with files through the outbox, over real HTTP to a server that sends them on to the
WhatsApp stand-in: offline then back online, an upload whose answer is lost, a client killed
mid-upload, and a file the server refuses."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from agentdesk.client.app import AgentDeskClient
from agentdesk.client.outbox import files
from agentdesk.client.outbox.store import ItemState
from agentdesk.client.sync.engine import UploadProgress
from agentdesk.server.channels.whatsapp.standin import GraphStandIn
from agentdesk.server.db import models as m
from tests.client.conftest import Env, sign_in
from tests.conftest import PROJECT_ROOT
from tests.support.live_server import start_server
from tests.support.tcp_proxy import TcpProxy
from tests.support.whatsapp_world import whatsapp_world
from tests.support.world import World
from tests.ui.conftest import until

TOKEN = "EAAG-attachments-test"
NUMBER = "106540352242922"
NURIA = "34612345678"
MAX_UPLOAD = 4 * 1024 * 1024


@pytest.fixture
def standin() -> Iterator[GraphStandIn]:
    fake = GraphStandIn(access_token=TOKEN, phone_number_id=NUMBER, templates={})
    with fake.running():
        fake.customer_wrote(NURIA, datetime.now(UTC))
        yield fake


@pytest.fixture
def env(world_template: tuple[Path, World], standin: GraphStandIn, tmp_path: Path) -> Iterator[Env]:
    """The test world with its WhatsApp queue sending to the stand-in."""
    url, world = whatsapp_world(world_template, standin, tmp_path, access_token=TOKEN, app_secret="s")
    server = start_server(
        url, run_channels=True, dispatch_interval_s=0.05, dispatch_retry_s=0.1, max_upload_bytes=MAX_UPLOAD
    )
    try:
        yield Env(server, world, url, tmp_path / "client-data")
    finally:
        server.stop()


def a_file(folder: Path, name: str, size: int) -> Path:
    path = folder / name
    path.write_bytes((b"%PDF-1.4 informe " * (size // 17 + 1))[:size])
    return path


def stored_files(env: Env, content: bytes) -> int:
    with env.sessions()() as session:
        digest = hashlib.sha256(content).hexdigest()
        return session.scalar(select(func.count()).where(m.StoredFile.sha256 == digest)) or 0


def sent_documents(standin: GraphStandIn) -> list[dict[str, Any]]:
    return [a["document"] for a in standin.accepted if a.get("type") == "document"]


def media_bytes(standin: GraphStandIn, media_id: str) -> bytes:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    info = httpx.get(f"{standin.base_url}/{standin.version}/{media_id}", headers=auth)
    return httpx.get(info.json()["url"], headers=auth).content


async def wait(condition: Callable[[], object]) -> None:
    await until(condition, 30)


@pytest.mark.asyncio
async def test_a_file_written_offline_goes_out_once_back_online(env, standin, tmp_path):
    conversation = env.world.conversations["nuria_whatsapp"]
    original = a_file(tmp_path, "informe 7.pdf", 300_000)
    content = original.read_bytes()
    client = await sign_in(env, "ana")
    try:
        await client.engine.sync_once()
        env.server.stop()
        item = await client.reply_with_files(conversation, "Aquí té l'informe", [original])
        # The outbox keeps its own copy: the agent may delete the original at once.
        original.unlink()
        [shown] = [x for x in client.conversation(conversation).messages if x["id"] == -item.id]
        assert shown["attachments"] == [{"name": "informe 7.pdf", "content_type": "application/pdf", "size": 300_000}]
        progress: list[UploadProgress] = []
        client.upload_progress.connect(progress.append)
        client.start()
        await wait(lambda: client.outbox(states=(ItemState.PENDING,)) and client.engine.state == "offline")

        env.server.start()
        await wait(lambda: not client.outbox(states=(ItemState.PENDING,)))
        [sent] = client.outbox()
        assert sent.state is ItemState.SENT, sent.error
        assert [a["name"] for a in sent.result["attachments"]] == ["informe 7.pdf"]
        await wait(lambda: sent_documents(standin))
        [document] = sent_documents(standin)
        assert document["filename"] == "informe 7.pdf"
        assert media_bytes(standin, document["id"]) == content
        assert stored_files(env, content) == 1
        assert progress[-1].done == progress[-1].total == 300_000
        assert not any(files.folder_of(client.cache.path).iterdir())
    finally:
        await client.close()


@pytest.mark.asyncio
async def test_an_upload_whose_answer_is_lost_is_stored_once(env, standin, tmp_path):
    conversation = env.world.conversations["nuria_whatsapp"]
    path = a_file(tmp_path, "factura.pdf", 200_000)
    proxy = TcpProxy(env.server.port).start()
    client = await sign_in(env, "ana", url=proxy.url, ws_url=env.server.ws_url)
    try:
        await client.engine.sync_once()
        # The server stores the file and answers; the answer never arrives.
        proxy.faults.lose_response_with = b'"sha256"'
        await client.reply_with_files(conversation, "", [path])
        client.start()
        await wait(lambda: client.outbox() and client.outbox()[0].state is not ItemState.PENDING)
        [sent] = client.outbox()
        assert sent.state is ItemState.SENT, sent.error
        assert proxy.stats.cut_responses == 1
        assert stored_files(env, path.read_bytes()) == 1
        await wait(lambda: sent_documents(standin))
        assert len(sent_documents(standin)) == 1
    finally:
        await client.close()
        proxy.stop()


@pytest.mark.asyncio
async def test_a_client_killed_mid_upload_sends_the_reply_once_when_started_again(env, standin, tmp_path):
    conversation = env.world.conversations["nuria_whatsapp"]
    path = str(a_file(tmp_path, "informe.pdf", 3_000_000))
    proxy = TcpProxy(env.server.port).start()
    proxy.faults.latency_s = 0.02  # so that the upload takes a while and the kill lands inside it
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.client.upload_worker", proxy.url, str(env.data_dir), str(conversation), path],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout is not None
    assert worker.stdout.readline().strip() == "UPLOADING"
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    proxy.faults.latency_s = 0.0

    # The same profile (server address and user) again: its outbox still holds the reply.
    client: AgentDeskClient = await sign_in(env, "ana", url=proxy.url, ws_url=env.server.ws_url)
    try:
        [waiting] = client.outbox()
        assert waiting.state is ItemState.PENDING and waiting.files[0]["file_id"] is None
        await client.engine.flush_outbox()
        [sent] = client.outbox()
        assert sent.state is ItemState.SENT, sent.error
        assert stored_files(env, Path(path).read_bytes()) == 1
        await wait(lambda: sent_documents(standin))
        assert len(sent_documents(standin)) == 1
        with env.sessions()() as session:
            replies = session.scalars(select(m.Message).where(m.Message.text == "L'informe")).all()
            assert [r.attachments[0]["name"] for r in replies] == ["informe.pdf"]
    finally:
        await client.close()
        proxy.stop()


@pytest.mark.asyncio
async def test_a_file_the_server_refuses_fails_the_reply_with_the_reason(env, tmp_path):
    conversation = env.world.conversations["nuria_email"]
    client = await sign_in(env, "ana")
    try:
        await client.engine.sync_once()
        await client.reply_with_files(conversation, "Tot", [a_file(tmp_path, "gran.pdf", MAX_UPLOAD + 1)])
        await client.engine.flush_outbox()
        [failed] = client.outbox()
        assert failed.state is ItemState.FAILED
        limit = f"the file is larger than the {MAX_UPLOAD} bytes this server accepts (its max_upload_bytes setting)"
        assert failed.error == f"gran.pdf: {limit}"
        # Nothing of it reached the conversation, and giving up removes the kept copy.
        assert all(x["id"] > 0 for x in client.conversation(conversation).messages)
        client.discard(failed.id)
        assert not any(files.folder_of(client.cache.path).iterdir())
    finally:
        await client.close()
