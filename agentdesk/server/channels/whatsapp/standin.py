"""A strict stand-in of the WhatsApp Cloud API (Graph API) on loopback, for tests and the demo.

It refuses what Meta refuses, in Meta's own error shapes: a bad token (190), an unknown
field or a malformed message (100), free-form messages outside the 24-hour window (131047),
an unknown template (132001) or a wrong parameter count (132000). What it accepted is
recorded so a test can assert on it. Meta reports a closed window asynchronously, with a
`failed` status webhook; the stand-in answers at once, so a test sees it without waiting.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy as email_policy
from email.parser import BytesParser
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from agentdesk.server.channels.whatsapp import simulate
from agentdesk.server.channels.whatsapp.window import service_window

_TOP_KEYS = frozenset({"messaging_product", "recipient_type", "to", "type", "context", "biz_opaque_callback_data"})
_MEDIA_KEYS = {
    "image": frozenset({"id", "link", "caption"}),
    "video": frozenset({"id", "link", "caption"}),
    "document": frozenset({"id", "link", "caption", "filename"}),
    "audio": frozenset({"id", "link"}),
    "sticker": frozenset({"id", "link"}),
}
_READ_KEYS = frozenset({"messaging_product", "status", "message_id", "typing_indicator"})
_DOWNLOAD_PATH = "/whatsapp_business/attachments/"


class MetaRefusal(Exception):
    """What the stand-in answers instead of a message id, shaped like Meta's error JSON."""

    def __init__(
        self, code: int, title: str, details: str | None = None, *, status: int = 400, subcode: int | None = None
    ) -> None:
        super().__init__(title)
        self.code, self.title, self.details, self.status, self.subcode = code, title, details, status, subcode

    def response(self) -> JSONResponse:
        error: dict[str, Any] = {"message": f"(#{self.code}) {self.title}", "type": "OAuthException", "code": self.code}
        if self.code == 190:
            error["message"] = self.title
        if self.details:
            error["error_data"] = {"messaging_product": "whatsapp", "details": self.details}
        if self.subcode is not None:
            error["error_subcode"] = self.subcode
        error["fbtrace_id"] = "A" + secrets.token_hex(10)
        return JSONResponse({"error": error}, status_code=self.status)


@dataclass(frozen=True, slots=True)
class Received:
    method: str
    path: str
    authorization: str | None
    body: Any


@dataclass(frozen=True, slots=True)
class StoredMedia:
    content: bytes
    mime_type: str


@dataclass
class GraphStandIn:
    """The Graph API of one business number; change its state only through its methods."""

    access_token: str = "standin-token"
    phone_number_id: str = "100000000000001"
    version: str = "v21.0"
    # name -> {language code -> number of body parameters}
    templates: dict[str, dict[str, int]] = field(default_factory=dict)
    now: Callable[[], datetime] = lambda: datetime.now(UTC)
    received: list[Received] = field(init=False, default_factory=list)
    accepted: list[dict[str, Any]] = field(init=False, default_factory=list)
    base_url: str = field(init=False, default="")
    _last_inbound: dict[str, datetime] = field(init=False, default_factory=dict)
    _media: dict[str, StoredMedia] = field(init=False, default_factory=dict)
    _lock: threading.Lock = field(init=False, default_factory=threading.Lock)
    _ids: Iterator[int] = field(init=False, default_factory=lambda: itertools.count(1))

    def customer_wrote(self, wa_id: str, at: datetime) -> None:
        """Record the customer's last inbound message, which opens their 24-hour window."""
        with self._lock:
            self._last_inbound[wa_id] = at

    def add_media(self, content: bytes, mime_type: str) -> str:
        """Keep a file as if a customer had sent it; returns its media id."""
        with self._lock:
            media_id = str(900_000_000_000 + next(self._ids))
            self._media[media_id] = StoredMedia(content, mime_type)
        return media_id

    def deliver(self, url: str, payload: dict[str, Any], app_secret: str) -> httpx.Response:
        """POST a webhook delivery (see `simulate`) to `url`, signed with `app_secret`."""
        body, headers = simulate.signed_delivery(payload, app_secret)
        return httpx.post(url, content=body, headers=headers, timeout=10)

    def app(self) -> FastAPI:
        api = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

        @api.get(_DOWNLOAD_PATH)
        async def download(request: Request, mid: str = "") -> Response:
            return self._handle(request, None, lambda: self._download(mid))

        @api.get("/{version}/{media_id}")
        async def media(request: Request, version: str, media_id: str) -> Response:
            return self._handle(request, None, lambda: self._media_info(version, media_id))

        @api.post("/{version}/{number_id}/messages")
        async def messages(request: Request, version: str, number_id: str) -> Response:
            raw = await request.body()
            return self._handle(request, raw, lambda: self._messages(version, number_id, raw))

        @api.post("/{version}/{number_id}/media")
        async def upload(request: Request, version: str, number_id: str) -> Response:
            raw = await request.body()
            content_type = request.headers.get("content-type", "")
            return self._handle(request, None, lambda: self._upload(version, number_id, content_type, raw))

        return api

    @contextmanager
    def running(self) -> Iterator[GraphStandIn]:
        """Serve the stand-in on a free loopback port until the block ends."""
        with serve(self.app()) as url:
            self.base_url = url
            yield self

    # -- request handling -------------------------------------------------------------

    def _handle(self, request: Request, raw: bytes | None, answer: Callable[[], Response | dict[str, Any]]) -> Response:
        authorization = request.headers.get("authorization")
        with self._lock:
            self.received.append(Received(request.method, request.url.path, authorization, _json_or_raw(raw)))
        try:
            if authorization != f"Bearer {self.access_token}":
                raise MetaRefusal(190, "Invalid OAuth access token - Cannot parse access token", status=401)
            result = answer()
        except MetaRefusal as refusal:
            return refusal.response()
        return result if isinstance(result, Response) else JSONResponse(result)

    def _check_path(self, version: str, number_id: str | None = None) -> None:
        if version != self.version:
            raise MetaRefusal(100, "Unknown path components", f"/{version} is not the version {self.version}")
        if number_id is not None and number_id != self.phone_number_id:
            raise MetaRefusal(100, f"Unsupported post request. Object with ID '{number_id}' does not exist", subcode=33)

    def _messages(self, version: str, number_id: str, raw: bytes) -> dict[str, Any]:
        self._check_path(version, number_id)
        body = _json_or_raw(raw)
        if not isinstance(body, dict):
            raise MetaRefusal(100, "Invalid parameter", "The request body must be a JSON object")
        _require(body.get("messaging_product") == "whatsapp", "The parameter messaging_product is required.")
        if "status" in body:
            return self._mark_read(body)
        kind = body.get("type")
        _require(
            isinstance(kind, str) and (kind == "template" or kind == "text" or kind in _MEDIA_KEYS),
            f"Param type must be one of text, template, {', '.join(_MEDIA_KEYS)}",
        )
        _no_unknown(body, _TOP_KEYS | {kind}, "")
        to = body.get("to")
        _require(isinstance(to, str) and to.removeprefix("+").isdigit(), "The parameter to is required.")
        wa_id = to.removeprefix("+")
        if body.get("recipient_type", "individual") != "individual":
            raise MetaRefusal(100, "Invalid parameter", "Param recipient_type must be 'individual'")
        if "context" in body:
            context = body["context"]
            _require(
                isinstance(context, dict) and isinstance(context.get("message_id"), str),
                "Param context['message_id'] is required",
            )
            _no_unknown(context, frozenset({"message_id"}), "context")
        content = body.get(kind)
        _require(isinstance(content, dict), f"The parameter {kind} is required.")
        if kind == "template":
            self._check_template(content)
        else:
            self._check_free_form(kind, content)
            with self._lock:
                last = self._last_inbound.get(wa_id)
            if not service_window(last, self.now()).is_open:
                raise MetaRefusal(
                    131047,
                    "Re-engagement message",
                    "Message failed to send because more than 24 hours have passed since the customer last "
                    "replied to this number.",
                )
        wamid = "wamid." + secrets.token_urlsafe(24)
        with self._lock:
            self.accepted.append({**body, "id": wamid})
        sent: dict[str, Any] = {"id": wamid}
        if kind == "template":
            sent["message_status"] = "accepted"
        return {"messaging_product": "whatsapp", "contacts": [{"input": to, "wa_id": wa_id}], "messages": [sent]}

    def _mark_read(self, body: dict[str, Any]) -> dict[str, Any]:
        _no_unknown(body, _READ_KEYS, "")
        _require(body["status"] == "read", "Param status must be 'read'")
        _require(
            isinstance(body.get("message_id"), str) and body["message_id"], "The parameter message_id is required."
        )
        return {"success": True}

    def _check_free_form(self, kind: str, content: dict[str, Any]) -> None:
        if kind == "text":
            _no_unknown(content, frozenset({"body", "preview_url"}), "text")
            body = content.get("body")
            _require(isinstance(body, str) and body.strip(), "The parameter text['body'] is required.")
            _require(len(body) <= 4096, "Param text['body'] must be at most 4096 characters long.")
            _require(isinstance(content.get("preview_url", False), bool), "Param text['preview_url'] must be a boolean")
            return
        _no_unknown(content, _MEDIA_KEYS[kind], kind)
        _require(("id" in content) != ("link" in content), f"Param {kind} must have exactly one of 'id' or 'link'")
        if "link" in content:
            link = content["link"]
            _require(
                isinstance(link, str) and link.startswith(("https://", "http://")),
                f"Param {kind}['link'] must be a valid URL",
            )
        else:
            with self._lock:
                known = content["id"] in self._media
            _require(known, f"Param {kind}['id'] is not a valid media id")

    def _check_template(self, content: dict[str, Any]) -> None:
        _no_unknown(content, frozenset({"name", "language", "components"}), "template")
        name, language = content.get("name"), content.get("language")
        _require(isinstance(name, str) and name, "The parameter template['name'] is required.")
        _require(
            isinstance(language, dict) and isinstance(language.get("code"), str),
            "The parameter template['language']['code'] is required.",
        )
        _no_unknown(language, frozenset({"code", "policy"}), "template['language']")
        expected = self.templates.get(name, {}).get(language["code"])
        if expected is None:
            raise MetaRefusal(
                132001,
                "Template name does not exist in the translation",
                f"template name ({name}) does not exist in {language['code']}",
            )
        given = 0
        for component in content.get("components") or []:
            _require(isinstance(component, dict), "Param template['components'] must hold objects")
            _no_unknown(component, frozenset({"type", "sub_type", "index", "parameters"}), "template['components']")
            parameters = component.get("parameters") or []
            _require(isinstance(parameters, list), "Param template['components']['parameters'] must be a list")
            if component.get("type") == "body":
                for parameter in parameters:
                    _require(
                        isinstance(parameter, dict)
                        and parameter.get("type") == "text"
                        and isinstance(parameter.get("text"), str),
                        "Param template['components']['parameters'] must be text parameters",
                    )
                    _no_unknown(
                        parameter, frozenset({"type", "text", "parameter_name"}), "template['components']['parameters']"
                    )
                given += len(parameters)
        if given != expected:
            raise MetaRefusal(
                132000,
                "Number of parameters does not match the expected number of params",
                f"body: number of localizable_params ({given}) does not match the expected "
                f"number of params ({expected})",
            )

    def _upload(self, version: str, number_id: str, content_type: str, raw: bytes) -> dict[str, Any]:
        self._check_path(version, number_id)
        fields = _form_fields(content_type, raw)
        _require(
            fields.get("messaging_product", (None, b""))[1] == b"whatsapp",
            "The parameter messaging_product is required.",
        )
        _require("file" in fields and fields["file"][1], "The parameter file is required.")
        declared = fields.get("type", (None, b""))[1].decode(errors="replace")
        _require(declared, "The parameter type is required.")
        _require(fields["file"][0] in (None, declared), f"Param type {declared} does not match the file's type")
        return {"id": self.add_media(fields["file"][1], declared)}

    def _media_info(self, version: str, media_id: str) -> dict[str, Any]:
        self._check_path(version)
        with self._lock:
            stored = self._media.get(media_id)
        if stored is None:
            raise MetaRefusal(100, f"Unsupported get request. Object with ID '{media_id}' does not exist", subcode=33)
        return {
            "messaging_product": "whatsapp",
            "url": f"{self.base_url}{_DOWNLOAD_PATH}?mid={media_id}",
            "mime_type": stored.mime_type,
            "sha256": hashlib.sha256(stored.content).hexdigest(),
            "file_size": len(stored.content),
            "id": media_id,
        }

    def _download(self, media_id: str) -> Response:
        with self._lock:
            stored = self._media.get(media_id)
        if stored is None:
            raise MetaRefusal(100, "Media not found", status=404)
        return Response(stored.content, media_type=stored.mime_type)


def _require(condition: object, details: str) -> None:
    if not condition:
        raise MetaRefusal(100, "Invalid parameter", details)


def _no_unknown(obj: dict[str, Any], allowed: frozenset[str], where: str) -> None:
    for key in obj:
        if key not in allowed:
            name = f"{where}['{key}']" if where else key
            raise MetaRefusal(100, "Invalid parameter", f"Param {name} is not a valid parameter")


def _form_fields(content_type: str, raw: bytes) -> dict[str, tuple[str | None, bytes]]:
    """The parts of a multipart/form-data body: name -> (declared content type, bytes)."""
    if not content_type.startswith("multipart/form-data"):
        raise MetaRefusal(100, "Invalid parameter", "The upload must be multipart/form-data")
    # The stdlib MIME parser reads form data as well as mail, and needs no extra dependency.
    message = BytesParser(policy=email_policy.HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
    fields: dict[str, tuple[str | None, bytes]] = {}
    for part in message.iter_parts() if message.is_multipart() else ():
        name = part.get_param("name", header="content-disposition")
        if isinstance(name, str):
            declared = part.get_content_type() if part.get("content-type") else None
            fields[name] = (declared, part.get_payload(decode=True) or b"")
    return fields


def _json_or_raw(raw: bytes | None) -> Any:
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Serve `app` with uvicorn on a free loopback port, in a daemon thread; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name=f"loopback-{port}", daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError(f"the loopback server on port {port} did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
