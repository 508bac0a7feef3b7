"""Faults between client and server, through a proxy the test controls.

Each run issues its writes while the faults happen, then checks that the cache equals
what the server shows this user and that every write arrived exactly once.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator

import pytest
import pytest_asyncio

from agentdesk.client.app import AgentDeskClient
from tests.client.conftest import Env, sign_in
from tests.client.faults import finish_and_check
from tests.support.tcp_proxy import TcpProxy
from tests.support.world import login


@pytest.fixture
def proxy(env: Env) -> Iterator[TcpProxy]:
    proxy = TcpProxy(env.server.port, seed=7).start()
    try:
        yield proxy
    finally:
        proxy.stop()


@pytest_asyncio.fixture
async def client(env: Env, proxy: TcpProxy) -> AsyncIterator[AgentDeskClient]:
    client = await sign_in(env, "ana", url=proxy.url, ws_url=proxy.ws_url)
    try:
        yield client
    finally:
        await client.close()


async def issue(env: Env, client: AgentDeskClient, prefix: str, count: int, fault: Callable[[int], None]) -> list[str]:
    """Writes spread over the support conversations, other users writing meanwhile, faults in between."""
    conversations = [env.world.conversations[k] for k in ("nuria_email", "nuria_whatsapp", "joan_email")]
    other = await asyncio.to_thread(login, env.server.url, "sue")
    client.start()
    texts = []
    for n in range(count):
        text = f"{prefix}-{n:04d} atención"
        cid = conversations[n % len(conversations)]
        if n % 3 == 0:
            client.reply(cid, text)
        else:
            client.add_note(cid, text)
        if n % 25 == 0:
            client.set_status(cid, "pending" if n % 50 else "open")
            await asyncio.to_thread(
                other.post, f"/api/v1/conversations/{cid}/notes", json={"text": f"other-{prefix}-{n}"}
            )
        texts.append(text)
        await asyncio.to_thread(fault, n)
        await asyncio.sleep(0.002)
    other.close()
    return texts


@pytest.mark.asyncio
async def test_connections_dropped_mid_request_and_mid_response(env, proxy, client):
    proxy.faults.drop_rate = 0.15
    texts = await issue(env, client, "drops", 300, lambda n: None)
    proxy.faults.drop_rate = 0.0
    await finish_and_check(env, client, "drops", texts)
    assert proxy.stats.cut_requests > 5 and proxy.stats.cut_responses > 5


@pytest.mark.asyncio
async def test_latency_and_refused_connections(env, proxy, client):
    proxy.faults.latency_s = 0.003

    def fault(n: int) -> None:
        # Every 40 writes the network goes away for a while, then comes back.
        refuse = (n // 40) % 2 == 1
        if refuse and not proxy.faults.refuse:
            proxy.cut_all()
        proxy.faults.refuse = refuse

    texts = await issue(env, client, "slow", 160, fault)
    proxy.faults.refuse = False
    await finish_and_check(env, client, "slow", texts)
    assert proxy.stats.refused > 0


@pytest.mark.asyncio
async def test_stream_and_connections_cut(env, proxy, client):
    def fault(n: int) -> None:
        if n % 15 == 7:
            proxy.cut_all()

    texts = await issue(env, client, "cut", 150, fault)
    await finish_and_check(env, client, "cut", texts)
    assert proxy.stats.cut_by_test > 0


@pytest.mark.asyncio
async def test_server_restarted_under_load(env, proxy, client):
    def fault(n: int) -> None:
        if n in (40, 120):
            env.server.restart()

    texts = await issue(env, client, "restart", 180, fault)
    await finish_and_check(env, client, "restart", texts)
