"""Web chat: the widget's page and files, its configuration, the visitor socket, agents' typing.

Every visitor-facing endpoint checks the browser's Origin against the queue's allowed
`origins` (the widget page this server serves itself is always allowed). Behind a proxy that
ends TLS, add the public origin of the server to `origins` too.
"""

from __future__ import annotations

import html
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, WebSocket
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind
from agentdesk.paths import RESOURCES
from agentdesk.server.api.deps import CurrentUser, ReadSession
from agentdesk.server.api.schemas import ErrorOut
from agentdesk.server.channels.webchat import config as webchat_config
from agentdesk.server.channels.webchat.config import WidgetConfig
from agentdesk.server.channels.webchat.connection import own_origin, serve
from agentdesk.server.channels.webchat.runtime import WebchatRuntime
from agentdesk.server.db import models as m
from agentdesk.server.services import conversations as svc
from agentdesk.server.services.errors import Invalid

WIDGET_FILES = RESOURCES / "webchat"
QueueId = Annotated[int, Path(ge=1, le=2**31)]
ConversationId = Annotated[int, Path(ge=1, le=2**62)]

# What browsers on customers' sites fetch is left out of the OpenAPI description, which is
# about the agent API and its bearer tokens; connection.py documents the visitor protocol.
pages = APIRouter(prefix="/webchat", tags=["web chat"], include_in_schema=False)
router = APIRouter(prefix="/api/v1", tags=["web chat"])


class TypingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    typing: bool = True


def _config(session: ReadSession, queue_id: int) -> WidgetConfig:
    cfg = webchat_config.load(session.get(m.Queue, queue_id))
    if cfg is None:
        raise HTTPException(404, f"there is no web chat {queue_id}")
    return cfg


@pages.get("/{queue_id}/", response_class=HTMLResponse, summary="The widget on a page of its own")
def widget_page(queue_id: QueueId, session: ReadSession) -> Response:
    cfg = _config(session, queue_id)
    page = (WIDGET_FILES / "index.html").read_text(encoding="utf-8")
    page = page.replace("{{title}}", html.escape(cfg.name)).replace("{{queue_id}}", str(cfg.queue_id))
    ancestors = " ".join(["'self'", *sorted(cfg.origins)])
    return HTMLResponse(
        page,
        headers={
            "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
            f"connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        },
    )


@pages.get("/{queue_id}/widget.js", summary="The embeddable widget script")
def widget_script(queue_id: QueueId) -> FileResponse:
    # One script for every queue: it reads its queue from its own address.
    return FileResponse(WIDGET_FILES / "widget.js", media_type="text/javascript", headers={"Cache-Control": "no-cache"})


@pages.get("/{queue_id}/widget.css", summary="The widget's style sheet")
def widget_style(queue_id: QueueId) -> FileResponse:
    return FileResponse(WIDGET_FILES / "widget.css", media_type="text/css", headers={"Cache-Control": "no-cache"})


@router.get("/webchat/{queue_id}/config", include_in_schema=False)
def widget_config(queue_id: QueueId, request: Request, session: ReadSession) -> JSONResponse:
    """What the widget shows before the visitor writes; refused to sites the queue does not list."""
    cfg = _config(session, queue_id)
    origin = request.headers.get("origin")
    if not cfg.origin_allowed(origin, own_origin(request.url.scheme, request.headers.get("host")), missing_ok=True):
        return JSONResponse({"detail": "this site may not embed this chat"}, 403, headers={"Vary": "Origin"})
    body = {"queue_id": cfg.queue_id, "name": cfg.name, "greeting": cfg.greeting, "max_text": cfg.limits.max_text}
    cors = {"Access-Control-Allow-Origin": origin} if origin else {}
    return JSONResponse(body, headers={**cors, "Vary": "Origin"})


@router.websocket("/webchat/{queue_id}/ws")
async def visitor_socket(websocket: WebSocket, queue_id: int) -> None:
    """The visitor's live connection; authenticated by the visitor token in the first frame."""
    runtime: WebchatRuntime = websocket.app.state.webchat
    await serve(websocket, runtime, queue_id)


@router.post(
    "/conversations/{conversation_id}/typing",
    status_code=204,
    responses={404: {"model": ErrorOut}, 422: {"model": ErrorOut}},
    tags=["conversations"],
    summary="Tell a web-chat visitor that an agent is (or stopped) typing",
)
async def agent_typing(
    conversation_id: ConversationId, body: TypingIn, request: Request, user: CurrentUser
) -> Response:
    runtime: WebchatRuntime = request.app.state.webchat

    def find(session: Session) -> tuple[int | None, str]:
        conversation = svc.visible_conversation(session, user, conversation_id)
        if conversation.channel != ChannelKind.WEBCHAT.value:
            raise Invalid("typing signals are for web-chat conversations")
        return conversation.identity_id, user.display_name

    identity_id, author = await runtime.read(find)
    if identity_id is not None:
        await runtime.push(identity_id, {"type": "typing", "on": body.typing, "author": author})
    return Response(status_code=204)
