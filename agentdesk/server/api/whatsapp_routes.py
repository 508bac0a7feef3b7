"""WhatsApp Cloud API webhooks and customers' files.

The webhook of a WhatsApp queue is `/api/v1/webhooks/whatsapp/{queue_id}`: enter that URL
and the queue's verify token in Meta's app dashboard. Meta sends every number of an app to
the one URL of the app; a delivery for another number whose queue has the same app secret
goes to that queue, one for a number no queue has stays in the queue of the URL.

POST answers:
- 401 without a signature, 403 with a wrong one (nothing stored; Meta's own deliveries are
  always signed, so these are not Meta);
- 200 for everything signed, also a body we cannot read: it is kept with the reason
  ("refused"), because Meta retrying it for days would change nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, HTTPException, Path, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.background import BackgroundTask

from agentdesk.server.api.deps import CurrentUser, ReadSession, ServerState
from agentdesk.server.api.file_routes import serve_file
from agentdesk.server.api.schemas import ErrorOut
from agentdesk.server.channels.dispatch import register_sender
from agentdesk.server.channels.whatsapp.channel import WhatsAppChannel
from agentdesk.server.channels.whatsapp.signature import SIGNATURE_HEADER, InvalidSignature, VerificationRefused

# How often deliveries left for another try (failures, files not fetched yet) are taken again.
RETRY_INTERVAL_S = 10.0


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    state: ServerState = app.state.agentdesk
    channel = WhatsAppChannel(state.read_sessions, state.write_sessions, announce=app.state.hub.announce)
    await channel.start()
    app.state.whatsapp = channel
    register_sender("whatsapp", channel.send)
    worker = asyncio.ensure_future(channel.run_worker(RETRY_INTERVAL_S)) if state.settings.run_channels else None
    try:
        yield
    finally:
        if worker is not None:
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker
        await channel.close()


router = APIRouter(tags=["whatsapp"], lifespan=_lifespan)
QueueId = Annotated[int, Path(ge=1, le=2**62)]
FileId = Annotated[int, Path(ge=1, le=2**62)]
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut},
    403: {"model": ErrorOut},
    404: {"model": ErrorOut},
}


def _channel(request: Request) -> WhatsAppChannel:
    return request.app.state.whatsapp


@router.get(
    "/api/v1/webhooks/whatsapp/{queue_id}",
    response_class=PlainTextResponse,
    responses=ERRORS,
    summary="Meta's subscription handshake: echoes hub.challenge when hub.verify_token is the queue's",
)
async def verify(queue_id: QueueId, request: Request) -> PlainTextResponse:
    try:
        challenge = await asyncio.to_thread(_channel(request).handshake, queue_id, dict(request.query_params))
    except VerificationRefused as exc:
        raise HTTPException(403, str(exc)) from exc
    return PlainTextResponse(challenge)


@router.post(
    "/api/v1/webhooks/whatsapp/{queue_id}",
    responses=ERRORS,
    summary="A webhook delivery from Meta, signed with the app secret",
)
async def deliver(queue_id: QueueId, request: Request) -> JSONResponse:
    signature = request.headers.get(SIGNATURE_HEADER)
    if not signature:
        raise HTTPException(401, f"the {SIGNATURE_HEADER} header is missing: only Meta's signed deliveries are taken")
    body = await request.body()
    channel = _channel(request)
    try:
        accepted = await asyncio.to_thread(channel.accept, queue_id, body, signature)
    except InvalidSignature as exc:
        raise HTTPException(403, str(exc)) from exc
    return JSONResponse(
        {"id": accepted.raw_id, **accepted.outcome.summary()},
        background=BackgroundTask(channel.complete, accepted),
    )


@router.get(
    "/api/v1/whatsapp/files/{file_id}",
    response_class=Response,
    responses={404: {"model": ErrorOut}},
    summary="A file a customer sent on WhatsApp; the same as /api/v1/files/{file_id}",
)
def get_file(file_id: FileId, user: CurrentUser, session: ReadSession) -> Response:
    return serve_file(session, user, file_id)
