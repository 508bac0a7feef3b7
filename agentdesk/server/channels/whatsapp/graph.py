"""An async client of the WhatsApp Cloud API (Graph API) over one shared httpx.AsyncClient.

One GraphClient per WhatsApp number (its token and phone number id); the AsyncClient under
it is the server's, shared by all of them, so connections are pooled and closed once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import httpx

from agentdesk.server.channels.whatsapp.errors import GraphError, GraphUnavailable, MediaTooLarge

DEFAULT_BASE_URL = "https://graph.facebook.com"
DEFAULT_VERSION = "v21.0"
# Meta's own ceiling for any media type (documents) is 100 MB.
DEFAULT_MAX_MEDIA_BYTES = 100 * 1024 * 1024

MediaKind = Literal["image", "audio", "video", "document", "sticker"]
_CAPTIONED = frozenset({"image", "video", "document"})


@dataclass(frozen=True, slots=True)
class SentMessage:
    """Meta's acceptance of a message: `wamid` is what later statuses will name."""

    wamid: str
    wa_id: str | None
    message_status: str | None = None


@dataclass(frozen=True, slots=True)
class MediaInfo:
    id: str
    url: str
    mime_type: str | None
    sha256: str | None
    file_size: int | None


def text_message(to: str, body: str, *, preview_url: bool = False, reply_to: str | None = None) -> dict[str, Any]:
    return _envelope(to, "text", {"body": body, "preview_url": preview_url}, reply_to)


def template_message(
    to: str, name: str, language: str, body_params: Sequence[str] = (), *, reply_to: str | None = None
) -> dict[str, Any]:
    template: dict[str, Any] = {"name": name, "language": {"code": language}}
    if body_params:
        template["components"] = [
            {"type": "body", "parameters": [{"type": "text", "text": value} for value in body_params]}
        ]
    return _envelope(to, "template", template, reply_to)


def media_message(
    to: str,
    kind: MediaKind,
    *,
    link: str | None = None,
    media_id: str | None = None,
    caption: str | None = None,
    filename: str | None = None,
    reply_to: str | None = None,
) -> dict[str, Any]:
    if (link is None) == (media_id is None):
        raise ValueError("give exactly one of link and media_id")
    if caption is not None and kind not in _CAPTIONED:
        raise ValueError(f"WhatsApp does not show a caption on {kind} messages")
    if filename is not None and kind != "document":
        raise ValueError("only documents have a file name")
    media: dict[str, Any] = {"link": link} if link is not None else {"id": media_id}
    if caption is not None:
        media["caption"] = caption
    if filename is not None:
        media["filename"] = filename
    return _envelope(to, kind, media, reply_to)


def _envelope(to: str, kind: str, body: dict[str, Any], reply_to: str | None) -> dict[str, Any]:
    message: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        # Meta takes a wa_id: the number's digits; an E.164 "+" is dropped so both spellings work.
        "to": to.strip().removeprefix("+"),
        "type": kind,
        kind: body,
    }
    if reply_to is not None:
        message["context"] = {"message_id": reply_to}
    return message


class GraphClient:
    """The Graph API as one WhatsApp business number sees it."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        access_token: str,
        phone_number_id: str,
        base_url: str = DEFAULT_BASE_URL,
        version: str = DEFAULT_VERSION,
    ) -> None:
        self._http = http
        self._headers = {"Authorization": f"Bearer {access_token}"}
        self._phone_number_id = phone_number_id
        self._root = f"{base_url.rstrip('/')}/{version}"

    async def send_text(
        self, to: str, body: str, *, preview_url: bool = False, reply_to: str | None = None
    ) -> SentMessage:
        return await self.send(text_message(to, body, preview_url=preview_url, reply_to=reply_to))

    async def send_template(
        self, to: str, name: str, language: str, body_params: Sequence[str] = (), *, reply_to: str | None = None
    ) -> SentMessage:
        return await self.send(template_message(to, name, language, body_params, reply_to=reply_to))

    async def send_media(
        self,
        to: str,
        kind: MediaKind,
        *,
        link: str | None = None,
        media_id: str | None = None,
        caption: str | None = None,
        filename: str | None = None,
        reply_to: str | None = None,
    ) -> SentMessage:
        message = media_message(
            to, kind, link=link, media_id=media_id, caption=caption, filename=filename, reply_to=reply_to
        )
        return await self.send(message)

    async def send(self, message: dict[str, Any]) -> SentMessage:
        """Send a message object built by one of this module's `*_message` functions."""
        answer = await self._call("POST", f"{self._root}/{self._phone_number_id}/messages", json=message)
        try:
            sent = answer["messages"][0]
            contact = (answer.get("contacts") or [{}])[0]
            return SentMessage(str(sent["id"]), contact.get("wa_id"), sent.get("message_status"))
        except (KeyError, IndexError, TypeError, AttributeError) as exc:
            raise GraphUnavailable(
                f"the Graph API accepted the message but its answer had no id: {answer!r}", maybe_sent=True
            ) from exc

    async def mark_read(self, wamid: str) -> None:
        """Show the customer blue ticks on their message `wamid`."""
        payload = {"messaging_product": "whatsapp", "status": "read", "message_id": wamid}
        await self._call("POST", f"{self._root}/{self._phone_number_id}/messages", json=payload)

    async def upload_media(self, content: bytes, mime_type: str, filename: str) -> str:
        """Upload an agent's file to Meta; the returned media id can be sent for 30 days."""
        answer = await self._call(
            "POST",
            f"{self._root}/{self._phone_number_id}/media",
            data={"messaging_product": "whatsapp", "type": mime_type},
            files={"file": (filename, content, mime_type)},
        )
        if not isinstance(answer.get("id"), str):
            raise GraphUnavailable(
                f"the Graph API accepted the upload but answered no media id: {answer!r}", maybe_sent=True
            )
        return answer["id"]

    async def media_info(self, media_id: str) -> MediaInfo:
        """Where a customer's file can be downloaded; the URL is short-lived (minutes)."""
        answer = await self._call("GET", f"{self._root}/{media_id}", params={"phone_number_id": self._phone_number_id})
        if not isinstance(answer.get("url"), str):
            raise GraphUnavailable(f"the Graph API answered media {media_id} without a URL", maybe_sent=False)
        size = answer.get("file_size")
        return MediaInfo(
            id=str(answer.get("id", media_id)),
            url=answer["url"],
            mime_type=answer.get("mime_type"),
            sha256=answer.get("sha256"),
            file_size=int(size) if isinstance(size, int | str) and str(size).isdigit() else None,
        )

    async def download_media(
        self, media_id: str, *, max_bytes: int = DEFAULT_MAX_MEDIA_BYTES
    ) -> tuple[MediaInfo, bytes]:
        """The file behind `media_id`: its metadata and its bytes, refused beyond `max_bytes`."""
        info = await self.media_info(media_id)
        if info.file_size is not None and info.file_size > max_bytes:
            raise MediaTooLarge(f"media {media_id} is {info.file_size} bytes, more than the {max_bytes} accepted")
        chunks: list[bytes] = []
        received = 0
        try:
            # The media URL wants the same bearer token as the API.
            async with self._http.stream("GET", info.url, headers=self._headers) as response:
                if response.is_error:
                    await response.aread()
                    raise _graph_error(response)
                async for chunk in response.aiter_bytes():
                    received += len(chunk)
                    if received > max_bytes:
                        raise MediaTooLarge(f"media {media_id} is larger than the {max_bytes} bytes accepted")
                    chunks.append(chunk)
        except httpx.TransportError as exc:
            raise _unavailable(exc) from exc
        return info, b"".join(chunks)

    async def _call(self, method: str, url: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = await self._http.request(method, url, headers=self._headers, **kwargs)
        except httpx.TransportError as exc:
            raise _unavailable(exc) from exc
        if response.is_error:
            raise _graph_error(response)
        try:
            answer = response.json()
        except ValueError as exc:
            raise GraphUnavailable(
                f"the Graph API answered HTTP {response.status_code} with no JSON", maybe_sent=True
            ) from exc
        if not isinstance(answer, dict):
            raise GraphUnavailable(f"the Graph API answered {answer!r}", maybe_sent=True)
        return answer


def _graph_error(response: httpx.Response) -> GraphError | GraphUnavailable:
    try:
        error = response.json()["error"]
        if not isinstance(error, dict):
            raise TypeError(error)
    except (ValueError, KeyError, TypeError):
        # No Meta error object: a proxy or load balancer answered, not the Graph API.
        if response.status_code >= 500:
            return GraphUnavailable(f"the Graph API answered HTTP {response.status_code}", maybe_sent=True)
        return GraphError(http_status=response.status_code, code=None, title=f"HTTP {response.status_code}")
    code = error.get("code")
    data = error.get("error_data") if isinstance(error.get("error_data"), dict) else {}
    return GraphError(
        http_status=response.status_code,
        code=code if isinstance(code, int) else None,
        title=_title(error),
        details=data.get("details") or error.get("error_user_msg"),
        subcode=error.get("error_subcode"),
        fbtrace_id=error.get("fbtrace_id"),
    )


def _title(error: dict[str, Any]) -> str:
    # Meta prefixes its message with the code, "(#131047) Re-engagement message"; the code is kept apart.
    message = str(error.get("error_user_title") or error.get("message") or error.get("type") or "unknown error")
    if message.startswith("(#") and ") " in message:
        message = message.split(") ", 1)[1]
    return message


def _unavailable(exc: httpx.TransportError) -> GraphUnavailable:
    never_sent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
    return GraphUnavailable(
        f"the Graph API could not be reached: {exc.__class__.__name__}: {exc or 'no detail'}", maybe_sent=not never_sent
    )
