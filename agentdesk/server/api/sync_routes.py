"""The change feed and its live stream."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Annotated

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect
from fastapi.responses import Response

from agentdesk.server import auth, feed
from agentdesk.server.api.deps import CurrentUser, ReadSession
from agentdesk.server.api.schemas import ErrorOut, SyncOut
from agentdesk.server.supervision import stream_changed

router = APIRouter(prefix="/api/v1", tags=["sync"])

# Even with no news, the stream speaks now and then, so that dead connections are noticed.
KEEPALIVE_S = 20.0


@router.get(
    "/sync",
    response_model=SyncOut,
    responses={410: {"model": ErrorOut, "description": "The cursor is older than the compaction horizon."}},
    summary="Changes since a cursor; since=0 answers with a snapshot of current state",
)
def sync(
    user: CurrentUser,
    session: ReadSession,
    since: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=feed.MAX_LIMIT)] = 1000,
    snapshot: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    if snapshot is not None or since == 0:
        body = feed.read_snapshot(session, user, snapshot, limit)
    else:
        body = feed.read_log(session, user, since, limit)
    return Response(body, media_type="application/json")


@router.websocket("/stream")
async def stream(websocket: WebSocket) -> None:
    """Announces `{"type": "changes", "head": N}` whenever the change log grows.

    The token goes in the Authorization header, or (for browsers, which cannot set one) as
    the first text frame.
    """
    st = websocket.app.state.agentdesk
    hub = websocket.app.state.hub
    await websocket.accept()
    header = websocket.headers.get("authorization", "")
    token = header.partition(" ")[2].strip() if header.lower().startswith("bearer ") else ""
    try:
        if not token:
            token = (await asyncio.wait_for(websocket.receive_text(), 10)).strip()
    except (TimeoutError, WebSocketDisconnect):
        with contextlib.suppress(RuntimeError):
            await websocket.close(code=4401, reason="no token")
        return

    def check() -> int | None:
        with st.read_sessions() as session:
            user = auth.user_for_token(session, token)
            return user.id if user is not None else None

    user_id = await asyncio.to_thread(check)
    if user_id is None:
        await websocket.close(code=4401, reason="invalid or expired token")
        return
    if hub.head == 0:
        with st.read_sessions() as session:
            hub.announce(feed.head_seq(session))
    # Presence: an agent whose last stream stays closed past a grace period goes offline.
    await asyncio.to_thread(stream_changed, st.server_id, st.write_sessions, user_id, True)
    sent = -1
    receiver = asyncio.ensure_future(_drain(websocket))
    try:
        while True:
            waiter = asyncio.ensure_future(hub.wait_beyond(sent, KEEPALIVE_S))
            await asyncio.wait({waiter, receiver}, return_when=asyncio.FIRST_COMPLETED)
            if receiver.done():
                waiter.cancel()
                break
            head = waiter.result()
            if head > sent:
                await websocket.send_json({"type": "changes", "head": head})
                sent = head
            else:
                await websocket.send_json({"type": "ping"})
    except (WebSocketDisconnect, RuntimeError):
        pass
    finally:
        receiver.cancel()
        await asyncio.to_thread(stream_changed, st.server_id, st.write_sessions, user_id, False)


async def _drain(websocket: WebSocket) -> None:
    """Reads and drops what the client sends, so that a close is seen at once."""
    with contextlib.suppress(WebSocketDisconnect, RuntimeError):
        while True:
            await websocket.receive_text()
