"""One visitor's WebSocket: the widget's protocol, JSON text frames both ways.

Visitor → server: `hello` (first frame: token, last_seen, history, page), `message`
(client_id, text), `seen` (id), `profile` (name, email), `confirm` (code), `transcript`
(email), `callback` (phone, name), `activity` (url, seconds), `close`, `ping`.
Server → visitor: `welcome`, `history`, `message`, `ack`, `typing`, `offer`, `offer_check`,
`profile`, `email_confirmed`, `transcript`, `callback`, `closed`, `error`, `ping`, `pong`.

Nothing is lost or doubled across a dropped connection: the widget keeps every message until
its `ack` and sends it again after a reconnect (the server stores a client id once), and
says which reply it saw last, after which the server sends the rest again.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from functools import partial
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect
from sqlalchemy.orm import Session

from agentdesk.domain.enums import DeliveryStatus
from agentdesk.server.channels.webchat import config as webchat_config
from agentdesk.server.channels.webchat import service, tokens
from agentdesk.server.channels.webchat.config import WidgetConfig
from agentdesk.server.channels.webchat.runtime import VisitorLink, WebchatRuntime
from agentdesk.server.db import models as m
from agentdesk.server.services.errors import ServiceError

HELLO_TIMEOUT_S = 10.0
KEEPALIVE_S = 20.0
MAX_URL = 2000
MAX_NAME = 200


class Refused(Exception):
    """The frame is not taken; the widget is told why (and, for a message, which one)."""

    def __init__(self, code: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.frame = {"type": "error", "code": code, "detail": detail, **extra}


def own_origin(scheme: str, host: str | None) -> str:
    """The origin of the widget page this server serves itself."""
    http = {"ws": "http", "wss": "https"}.get(scheme, scheme)
    return f"{http}://{host or ''}"


def client_address(websocket: WebSocket) -> str:
    # Behind a reverse proxy this is the proxy: limits per address then apply to everyone.
    return websocket.client.host if websocket.client else "unknown"


async def serve(websocket: WebSocket, runtime: WebchatRuntime, queue_id: int) -> None:
    cfg = await runtime.read(lambda s: webchat_config.load(s.get(m.Queue, queue_id)))
    origin = websocket.headers.get("origin")
    if cfg is None or not cfg.origin_allowed(origin, own_origin(websocket.url.scheme, websocket.headers.get("host"))):
        # Closing before accepting refuses the handshake itself (HTTP 403).
        await websocket.close(code=1008)
        return
    address = client_address(websocket)
    await websocket.accept()
    wait = runtime.limiter.take(f"conn:{cfg.queue_id}:{address}", cfg.limits.address_per_s, cfg.limits.address_burst)
    if wait:
        with contextlib.suppress(WebSocketDisconnect, RuntimeError):
            await websocket.close(code=4429, reason=f"too many connections; retry in {wait:.0f} s")
        return
    try:
        hello = _parse(await asyncio.wait_for(websocket.receive_text(), HELLO_TIMEOUT_S), cfg)
    except WebSocketDisconnect:
        return
    except (TimeoutError, Refused):
        hello = {}
    if hello.get("type") != "hello":
        with contextlib.suppress(WebSocketDisconnect, RuntimeError):
            await websocket.close(code=4400, reason="the first frame must be a hello")
        return
    session = VisitorSession(websocket, runtime, cfg, address)
    await session.run(hello)


class VisitorSession:
    def __init__(self, websocket: WebSocket, runtime: WebchatRuntime, cfg: WidgetConfig, address: str) -> None:
        self.ws = websocket
        self.runtime = runtime
        self.cfg = cfg
        self.address = address
        self.link: VisitorLink | None = None
        self.page: str | None = None
        self.offered: set[int] = set()
        self.chatting = False

    async def run(self, hello: dict[str, Any]) -> None:
        visitor_id, token = await self._visitor(hello.get("token"))
        self.page = _text(hello.get("page"), MAX_URL)
        identity_id, welcome, history = await self.runtime.read(
            lambda s: self._welcome(s, visitor_id, bool(hello.get("history")))
        )
        link = self.link = VisitorLink(self.ws.send_json, visitor_id, identity_id)
        last_seen = hello.get("last_seen")
        link.last_sent = last_seen if isinstance(last_seen, int) and last_seen > 0 else 0
        await link.send({**welcome, "token": token, "visitor_id": visitor_id})
        if hello.get("history"):
            # Sent even when empty: it tells the widget that its outbox may go out now.
            self.chatting = bool(history)
            await link.send({"type": "history", "messages": history})
            outbound = [x["id"] for x in history if x["direction"] == "out"]
            link.last_sent = max([link.last_sent, *outbound])
        self.runtime.attach(link)
        pump = asyncio.ensure_future(self._pump(link))
        try:
            await self._receive()
        finally:
            pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pump
            self.runtime.detach(link, self.cfg.abandon_grace_s)

    async def _visitor(self, token: Any) -> tuple[str, str]:
        """The visitor the token was issued to, or a new one (a missing or foreign token)."""
        queue_id = self.cfg.queue_id
        key = await self.runtime.read(lambda s: _existing_key(s, queue_id))
        if key is None:
            key = await self.runtime.write(lambda s: tokens.queue_key(s, queue_id))
        if isinstance(token, str):
            visitor_id = tokens.visitor_of(key, queue_id, token)
            if visitor_id is not None:
                return visitor_id, token
        visitor_id = tokens.new_visitor_id()
        return visitor_id, tokens.issue(key, queue_id, visitor_id)

    def _welcome(
        self, session: Session, visitor_id: str, want_history: bool
    ) -> tuple[int | None, dict[str, Any], list[dict[str, Any]]]:
        identity = service.identity_of(session, visitor_id)
        contact = session.get(m.Contact, identity.contact_id) if identity else None
        welcome = {
            "type": "welcome",
            "name": self.cfg.name,
            "greeting": self.cfg.greeting,
            "max_text": self.cfg.limits.max_text,
            "visitor_name": contact.name if contact else None,
            "unverified_email": (contact.attributes or {}).get(service.UNVERIFIED_EMAIL) if contact else None,
        }
        history = service.history(session, identity.id) if identity and want_history else []
        return (identity.id if identity else None), welcome, history

    async def _pump(self, link: VisitorLink) -> None:
        """Send the visitor every reply after the last one their widget confirmed."""
        while True:
            link.wake.clear()
            identity_id = link.identity_id
            if identity_id is not None:
                frames = await self.runtime.read(
                    partial(service.outbound_after, identity_id=identity_id, after_id=link.last_sent)
                )
                for frame in frames:
                    await link.send(frame)
                    link.last_sent = frame["id"]
                if frames:
                    await self.runtime.write(
                        partial(
                            service.advance_delivery,
                            identity_id=identity_id,
                            up_to_id=link.last_sent,
                            status=DeliveryStatus.SENT,
                        )
                    )
            try:
                async with asyncio.timeout(KEEPALIVE_S):
                    await link.wake.wait()
            except TimeoutError:
                await link.send({"type": "ping"})

    async def _receive(self) -> None:
        assert self.link is not None
        with contextlib.suppress(WebSocketDisconnect, RuntimeError):
            while True:
                raw = await self.ws.receive_text()
                try:
                    frame = _parse(raw, self.cfg)
                    self._limit(frame)
                    answer = await self._handle(frame)
                except Refused as exc:
                    answer = exc.frame
                except _TooLarge:
                    await self.ws.close(code=1009, reason="frame too large")
                    return
                if answer is not None:
                    await self.link.send(answer)
                    if answer.get("type") == "closed":
                        return

    def _limit(self, frame: dict[str, Any]) -> None:
        assert self.link is not None
        limits = self.cfg.limits
        # The visitor's own bucket first: a refused visitor does not spend their address's budget.
        wait = self.runtime.limiter.take(
            f"visitor:{self.link.visitor_id}", limits.visitor_per_s, limits.visitor_burst
        ) or self.runtime.limiter.take(
            f"addr:{self.cfg.queue_id}:{self.address}", limits.address_per_s, limits.address_burst
        )
        if wait:
            raise Refused(
                "rate_limited",
                "too many messages at once; wait a moment",
                retry_after=round(wait, 2),
                client_id=frame.get("client_id"),
            )

    async def _handle(self, frame: dict[str, Any]) -> dict[str, Any] | None:
        kind = frame.get("type")
        if kind == "message":
            return await self._message(frame)
        if kind == "seen":
            return await self._seen(frame)
        if kind == "activity":
            return self._activity(frame)
        if kind == "ping":
            return {"type": "pong"}
        if kind == "pong":
            return None
        if kind == "close":
            return await self._close()
        handlers = {
            "profile": self._profile,
            "confirm": self._confirm,
            "transcript": self._transcript,
            "callback": self._callback,
        }
        handler = handlers.get(str(kind))
        if handler is None:
            raise Refused("unknown", f"unknown frame type {kind!r}")
        try:
            return await handler(frame)
        except ServiceError as exc:
            raise Refused("invalid", exc.message, ref=kind) from exc

    async def _message(self, frame: dict[str, Any]) -> dict[str, Any]:
        link = self.link
        assert link is not None
        client_id = frame.get("client_id")
        text = frame.get("text")
        if not isinstance(client_id, str) or not isinstance(text, str):
            raise Refused("invalid", "a message needs a client_id and a text", client_id=client_id)
        name = _text(frame.get("name"), MAX_NAME)
        visitor_id = link.visitor_id
        try:
            async with self.runtime.visitor_lock(visitor_id):
                stored = await self.runtime.write(
                    lambda s: _stored(service.post_message(s, self.cfg, visitor_id, client_id, text, name, self.page))
                )
        except ServiceError as exc:
            raise Refused("invalid", exc.message, client_id=client_id) from exc
        message_id, identity_id = stored
        self.chatting = True
        if link.identity_id != identity_id:
            self.runtime.identify(link, identity_id)
        return {"type": "ack", "client_id": client_id, "id": message_id}

    async def _seen(self, frame: dict[str, Any]) -> None:
        seen = frame.get("id")
        identity_id = self.link.identity_id if self.link else None
        if isinstance(seen, int) and identity_id is not None:
            await self.runtime.write(lambda s: service.advance_delivery(s, identity_id, seen, DeliveryStatus.DELIVERED))

    def _activity(self, frame: dict[str, Any]) -> dict[str, Any] | None:
        url = _text(frame.get("url"), MAX_URL) or self.page or ""
        seconds = frame.get("seconds")
        if self.chatting or not isinstance(seconds, int | float):
            return None
        rule, wait = self.cfg.offer_for(url, float(seconds), self.offered)
        if rule is not None:
            self.offered.add(rule.index)
            return {"type": "offer", "rule": rule.index, "offer": rule.offer, "text": rule.text}
        return {"type": "offer_check", "in": wait} if wait is not None else None

    async def _close(self) -> dict[str, Any]:
        identity_id = self.link.identity_id if self.link else None
        abandoned = await self.runtime.abandon_now(identity_id, "closed") if identity_id is not None else []
        return {"type": "closed", "abandoned": bool(abandoned)}

    async def _profile(self, frame: dict[str, Any]) -> dict[str, Any]:
        assert self.link is not None
        visitor_id = self.link.visitor_id
        name, email = _text(frame.get("name"), MAX_NAME), _text(frame.get("email"), 320)
        answer = await self.runtime.write(lambda s: service.set_profile(s, self.cfg, visitor_id, name, email))
        await self._learn_identity()
        return answer

    async def _confirm(self, frame: dict[str, Any]) -> dict[str, Any]:
        assert self.link is not None
        visitor_id, code = self.link.visitor_id, _text(frame.get("code"), 20) or ""
        return await self.runtime.write(lambda s: service.confirm_email(s, self.cfg, visitor_id, code))

    async def _transcript(self, frame: dict[str, Any]) -> dict[str, Any]:
        assert self.link is not None
        visitor_id, email = self.link.visitor_id, _text(frame.get("email"), 320)
        return await self.runtime.write(lambda s: service.request_transcript(s, self.cfg, visitor_id, email))

    async def _callback(self, frame: dict[str, Any]) -> dict[str, Any]:
        assert self.link is not None
        visitor_id = self.link.visitor_id
        phone, name = _text(frame.get("phone"), 40) or "", _text(frame.get("name"), MAX_NAME)
        region = self.runtime.state.settings.default_region
        answer = await self.runtime.write(
            lambda s: service.request_callback(s, self.cfg, visitor_id, phone, name, self.page, region)
        )
        await self._learn_identity()
        return answer

    async def _learn_identity(self) -> None:
        """Profile and callback may have made the visitor's identity: deliver to it from now on."""
        link = self.link
        if link is None or link.identity_id is not None:
            return
        visitor_id = link.visitor_id
        identity_id = await self.runtime.read(lambda s: _identity_id(s, visitor_id))
        if identity_id is not None:
            self.runtime.identify(link, identity_id)


class _TooLarge(Exception):
    pass


def _parse(raw: str, cfg: WidgetConfig) -> dict[str, Any]:
    if len(raw.encode()) > cfg.limits.max_frame_bytes:
        raise _TooLarge
    try:
        frame = json.loads(raw)
    except ValueError as exc:
        raise Refused("invalid", "frames are JSON objects") from exc
    if not isinstance(frame, dict):
        raise Refused("invalid", "frames are JSON objects")
    return frame


def _text(value: Any, limit: int) -> str | None:
    if not isinstance(value, str):
        return None
    # PostgreSQL refuses NUL in text, and nothing a person types contains one.
    value = value.replace("\x00", "").strip()
    return value[:limit] or None


def _stored(message: m.Message) -> tuple[int, int]:
    assert message.identity_id is not None
    return message.id, message.identity_id


def _existing_key(session: Session, queue_id: int) -> bytes | None:
    queue = session.get(m.Queue, queue_id)
    return tokens.existing_key(queue) if queue is not None else None


def _identity_id(session: Session, visitor_id: str) -> int | None:
    identity = service.identity_of(session, visitor_id)
    return identity.id if identity else None
