"""The FastAPI application: wiring of settings, database, live hub and routes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from agentdesk import __version__
from agentdesk.server import auth
from agentdesk.server.api import (
    assist_routes,
    auth_routes,
    callback_routes,
    contact_routes,
    conversation_routes,
    file_routes,
    kb_routes,
    meta_routes,
    qa_routes,
    queue_routes,
    supervision_routes,
    sync_routes,
    webchat_routes,
    whatsapp_routes,
)
from agentdesk.server.api.deps import ServerState
from agentdesk.server.channels.runner import run_channels
from agentdesk.server.channels.webchat.runtime import WebchatRuntime
from agentdesk.server.config import Settings
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.migrate import upgrade
from agentdesk.server.live import Hub, PeerListener
from agentdesk.server.services.assist import send_due_reminders
from agentdesk.server.services.callbacks import miss_overdue
from agentdesk.server.services.conversations import wake_due
from agentdesk.server.services.errors import ServiceError
from agentdesk.server.supervision import Supervision

log = logging.getLogger(__name__)


class BodyLimit:
    """Refuses request bodies over the limit before they are read whole into memory.

    `larger` gives some paths (file uploads) a limit of their own and the refusal to answer.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, larger: Mapping[str, tuple[int, str]] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.larger = dict(larger or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes, refusal = self.larger.get(
            scope.get("path", ""), (self.max_bytes, f"the request body is larger than {self.max_bytes} bytes")
        )
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > max_bytes):
            await _refuse(send, refusal)
            return
        seen = 0
        too_large = False
        refused = False

        async def limited() -> Message:
            nonlocal seen, too_large
            if too_large:
                return {"type": "http.request", "body": b"", "more_body": False}
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > max_bytes:
                # The app gets an empty end of body; what it answers is replaced by a 413 below.
                too_large = True
                return {"type": "http.request", "body": b"", "more_body": False}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal refused
            if not too_large:
                await send(message)
            elif not refused:
                refused = True
                await _refuse(send, refusal)

        await self.app(scope, limited, guarded_send)


async def _refuse(send: Send, detail: str) -> None:
    response = JSONResponse({"detail": detail}, 413)
    await response({"type": "http"}, _empty_receive, send)


async def _empty_receive() -> Message:
    return {"type": "http.disconnect"}


def _validation_message(errors: list[Any]) -> str:
    parts = []
    for err in errors[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
    return "; ".join(parts)


def create_app(settings: Settings, *, migrate: bool = True) -> FastAPI:
    write_engine = make_engine(settings.database_url, for_writes=True)
    read_engine = (
        make_engine(settings.database_url, for_writes=False) if write_engine.dialect.name == "sqlite" else write_engine
    )
    if migrate:
        upgrade(write_engine)
    hub = Hub()
    state = ServerState(
        settings=settings,
        read_sessions=make_sessionmaker(read_engine),
        write_sessions=make_sessionmaker(write_engine),
        throttle=auth.Throttle(settings.max_login_failures, settings.login_window_s, settings.lockout_s),
    )
    webchat = WebchatRuntime(state, hub)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        hub.bind(asyncio.get_running_loop())
        listener = None
        if write_engine.dialect.name == "postgresql" and settings.listen_for_peers:
            listener = PeerListener(write_engine, hub)
            listener.start()
        housekeeping = asyncio.ensure_future(_housekeeping(state, hub, settings.housekeeping_interval_s))
        webchat_relay = asyncio.ensure_future(webchat.run())
        try:
            async with run_channels(state, hub) if settings.run_channels else contextlib.nullcontext():
                yield
        finally:
            for task in (housekeeping, webchat_relay):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if listener is not None:
                await asyncio.to_thread(listener.stop)
            write_engine.dispose()
            read_engine.dispose()

    app = FastAPI(
        title="AgentDesk server",
        version=__version__,
        description="One inbox and one timeline for email, web chat and WhatsApp; the sync contract of DESIGN.md.",
        lifespan=lifespan,
    )
    app.state.agentdesk = state
    app.state.hub = hub
    app.state.webchat = webchat
    app.add_middleware(
        BodyLimit,
        max_bytes=settings.max_body_bytes,
        larger={file_routes.UPLOAD_PATH: file_routes.upload_body_limit(settings.max_upload_bytes)},
    )

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        return JSONResponse({"detail": _validation_message(list(errors)), "errors": _jsonable_errors(errors)}, 422)

    @app.exception_handler(ServiceError)
    async def _refused(_request: Request, exc: ServiceError) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, exc.status_code)

    for module in (
        auth_routes,
        meta_routes,
        sync_routes,
        conversation_routes,
        contact_routes,
        file_routes,
        webchat_routes,
        assist_routes,
        kb_routes,
        callback_routes,
        qa_routes,
    ):
        app.include_router(module.router)
    app.include_router(queue_routes.router)
    app.include_router(supervision_routes.router)
    app.include_router(webchat_routes.pages)
    # Its lifespan runs the WhatsApp channel (Graph API client, sender, retries) inside the app's.
    app.include_router(whatsapp_routes.router)
    return app


def _jsonable_errors(errors: Any) -> list[dict[str, Any]]:
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg")), "type": str(e.get("type"))} for e in errors]


async def _housekeeping(state: ServerState, hub: Hub, interval: float) -> None:
    supervision = Supervision(server_id=state.server_id)

    def tick() -> None:
        with state.write_sessions() as session:
            session.info["announce"] = hub.announce
            woke = wake_due(session)
            missed = miss_overdue(session)
            if send_due_reminders(session) or woke or missed:
                session.commit()
        supervision.round(state.write_sessions, hub.announce)

    while True:
        try:
            await asyncio.to_thread(tick)
        except Exception:  # a failed round must not end housekeeping for good
            log.exception("housekeeping round failed")
        await asyncio.sleep(interval)
