"""Customers' files, fetched from Meta's media endpoint and kept in the `stored_files` table.

A message's attachment then reads `{"status": "stored", "file_id", "size", "mime_type",
"sha256", ...}`, and `GET /api/v1/files/{file_id}` serves it to those who work the
queue. A file Meta no longer has (media ids expire after 30 days), or one over the size
limit, is marked `"status": "failed"` with the reason, so the agent sees what was sent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from agentdesk.server.channels.whatsapp.errors import GraphError, MediaTooLarge, WhatsAppSendError
from agentdesk.server.channels.whatsapp.graph import GraphClient
from agentdesk.server.channels.whatsapp.store import MediaTodo
from agentdesk.server.db import models as m

_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "audio/ogg": ".ogg",
    "audio/mpeg": ".mp3",
    "video/mp4": ".mp4",
    "application/pdf": ".pdf",
}


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome of one download: the bytes, or why there are none (`final`: do not try again)."""

    todo: MediaTodo
    content: bytes | None = None
    mime_type: str | None = None
    error: str | None = None
    final: bool = False


async def fetch(graph: GraphClient, todo: MediaTodo, max_bytes: int) -> Fetched:
    try:
        info, content = await graph.download_media(todo.media.id, max_bytes=max_bytes)
    except MediaTooLarge as exc:
        return Fetched(todo, error=str(exc), final=True)
    except GraphError as exc:
        return Fetched(todo, error=str(exc), final=not exc.retryable)
    except WhatsAppSendError as exc:
        return Fetched(todo, error=str(exc))
    return Fetched(todo, content, info.mime_type or todo.media.mime_type or "application/octet-stream")


def attachment_for(session: Session, queue_id: int, fetched: Fetched) -> dict[str, Any] | None:
    """The attachment's new fields after a download, or None to leave it pending for another try."""
    if fetched.content is None:
        return {"status": "failed", "error": fetched.error} if fetched.final else None
    digest = hashlib.sha256(fetched.content).hexdigest()
    media = fetched.todo.media
    mime_type = fetched.mime_type or "application/octet-stream"
    filename = media.filename or f"whatsapp-{media.id}{_EXTENSIONS.get(mime_type.split(';')[0].strip(), '')}"
    stored = m.StoredFile(
        queue_id=queue_id,
        filename=filename,
        mime_type=mime_type,
        size=len(fetched.content),
        sha256=digest,
        content=fetched.content,
    )
    session.add(stored)
    session.flush()
    return {
        "status": "stored",
        "file_id": stored.id,
        "filename": filename,
        "mime_type": mime_type,
        "size": stored.size,
        "sha256": digest,
    }
