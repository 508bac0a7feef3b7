"""Files: an agent's upload, attached to a reply by id, and downloads of every stored file.

An upload belongs to no conversation until a reply attaches it (`ReplyIn.attachment_ids`);
until then only its uploader may download it, and it goes with one reply only. Attached, or received from a customer (an
email attachment, a WhatsApp photo), a file is readable by those who work the queue of the
conversation that holds it: the same rule as for the conversation itself. Anyone else gets
404, so that file ids tell nothing about what exists.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, HTTPException, Path, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from agentdesk.server.access import can_see_queue
from agentdesk.server.api.deps import CurrentUser, IdempotencyKey, ReadSession, State, run_write
from agentdesk.server.api.schemas import ErrorOut
from agentdesk.server.db import models as m

UPLOAD_PATH = "/api/v1/files"
# The multipart framing around the file: boundaries, part headers, a long file name.
_FORM_OVERHEAD_BYTES = 64 * 1024
_MAX_NAME = 240
_CONTENT_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$")
_READ_CHUNK = 1024 * 1024

router = APIRouter(tags=["files"])
FileId = Annotated[int, Path(ge=1, le=2**62)]


class FileOut(BaseModel):
    id: int
    name: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime


class _Upload(BaseModel):
    """What identifies an upload for its Idempotency-Key: a replay must be the same file."""

    name: str
    content_type: str
    size: int
    sha256: str


def upload_body_limit(max_upload_bytes: int) -> tuple[int, str]:
    """The request size the server lets through to the upload route, and its refusal beyond."""
    return max_upload_bytes + _FORM_OVERHEAD_BYTES, _too_large(max_upload_bytes)


def _too_large(max_upload_bytes: int) -> str:
    return f"the file is larger than the {max_upload_bytes} bytes this server accepts (its max_upload_bytes setting)"


@router.post(
    UPLOAD_PATH,
    status_code=201,
    response_model=FileOut,
    responses={413: {"model": ErrorOut}, 422: {"model": ErrorOut}},
    summary="Upload a file to attach to a reply (multipart form, field `file`); answers its id",
)
def upload_file(
    file: Annotated[UploadFile, File(description="The file; its name and content type are kept.")],
    request: Request,
    user: CurrentUser,
    st: State,
    key: IdempotencyKey = None,
) -> Response:
    limit = st.settings.max_upload_bytes
    content = _read_at_most(file, limit)
    if content is None:
        raise HTTPException(413, _too_large(limit))
    if not content:
        raise HTTPException(422, "the file is empty")
    upload = _Upload(
        name=_clean_name(file.filename),
        content_type=_clean_type(file.content_type),
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )

    def op(session: Session, actor: m.User) -> tuple[int, dict[str, Any]]:
        stored = m.StoredFile(
            queue_id=None,
            uploaded_by_id=actor.id,
            filename=upload.name,
            mime_type=upload.content_type,
            size=upload.size,
            sha256=upload.sha256,
            content=content,
        )
        session.add(stored)
        session.flush()
        return 201, _out(stored)

    return run_write(st, request, user, key, upload, op)


@router.get(
    "/api/v1/files/{file_id}",
    response_class=Response,
    responses={404: {"model": ErrorOut}},
    summary="Download a file: a customer's attachment, or one attached to a reply, or your own upload",
)
def get_file(file_id: FileId, user: CurrentUser, session: ReadSession) -> Response:
    return serve_file(session, user, file_id)


def may_read(session: Session, user: m.User, stored: m.StoredFile) -> bool:
    if stored.queue_id is None:
        return stored.uploaded_by_id == user.id
    return can_see_queue(session, user, stored.queue_id)


def serve_file(session: Session, user: m.User, file_id: int) -> Response:
    stored = session.get(m.StoredFile, file_id)
    if stored is None or not may_read(session, user, stored):
        raise HTTPException(404, f"file {file_id} does not exist")
    filename = quote(stored.filename or f"file-{stored.id}")
    return Response(
        stored.content,
        media_type=stored.mime_type,
        headers={
            # Never rendered inline by a browser: a customer's file is not our page's content.
            "Content-Disposition": f"attachment; filename*=UTF-8''{filename}",
            "X-Content-Type-Options": "nosniff",
        },
    )


def _out(stored: m.StoredFile) -> dict[str, Any]:
    return {
        "id": stored.id,
        "name": stored.filename or f"file-{stored.id}",
        "content_type": stored.mime_type,
        "size": stored.size,
        "sha256": stored.sha256,
        "created_at": stored.created_at,
    }


def _read_at_most(file: UploadFile, limit: int) -> bytes | None:
    """The file's bytes, or None when it has more than `limit`."""
    chunks: list[bytes] = []
    seen = 0
    while chunk := file.file.read(_READ_CHUNK):
        seen += len(chunk)
        if seen > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _clean_name(name: str | None) -> str:
    # Some browsers send the whole local path; control characters would break the mail headers.
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C").strip()
    if base in ("", ".", ".."):
        return "file"
    if len(base) > _MAX_NAME:
        stem, dot, ext = base.rpartition(".")
        base = stem[: _MAX_NAME - len(ext) - 1] + dot + ext if dot and len(ext) <= 16 else base[:_MAX_NAME]
    return base


def _clean_type(content_type: str | None) -> str:
    # Parameters (charset) are dropped: channels want the bare type, and so do the checks on it.
    bare = (content_type or "").split(";")[0].strip().lower()
    return bare if _CONTENT_TYPE.match(bare) else "application/octet-stream"
