"""Files waiting in the outbox: copied into the profile's data folder when the reply is made.

The copy is what gets uploaded, so the agent may move or delete the original at once, and
a reply written offline still has its file after a restart. Each file carries its own
Idempotency-Key, fixed at staging: an upload whose answer was lost is replayed with it,
and the server stores the file once.
"""

from __future__ import annotations

import hashlib
import mimetypes
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_CHUNK = 1024 * 1024


def folder_of(cache_path: Path) -> Path:
    """Where a profile's staged files live, beside its cache file."""
    return cache_path.with_name(f"{cache_path.stem}-files")


def content_type_of(path: Path) -> str:
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def stage(folder: Path, sources: Iterable[Path]) -> list[dict[str, Any]]:
    """Copy the files into `folder` (hashing them on the way); the records the outbox keeps.

    Blocking disk work: callers run it in a worker thread.
    """
    records: list[dict[str, Any]] = []
    made: list[Path] = []
    try:
        for source in sources:
            target_dir = folder / uuid.uuid4().hex
            target_dir.mkdir(parents=True)
            made.append(target_dir)
            target = target_dir / source.name
            digest = hashlib.sha256()
            with source.open("rb") as reader, target.open("wb") as writer:
                while chunk := reader.read(_CHUNK):
                    digest.update(chunk)
                    writer.write(chunk)
            records.append(
                {
                    "path": str(target),
                    "name": source.name,
                    "content_type": content_type_of(source),
                    "size": target.stat().st_size,
                    "sha256": digest.hexdigest(),
                    "key": f"agentdesk-file-{uuid.uuid4()}",
                    "file_id": None,
                }
            )
    except BaseException:
        for target_dir in made:
            shutil.rmtree(target_dir, ignore_errors=True)
        raise
    return records


def remove(records: Iterable[dict[str, Any]]) -> None:
    """Delete staged copies once their reply is sent or given up (each sits in a folder of its own)."""
    for record in records:
        shutil.rmtree(Path(record["path"]).parent, ignore_errors=True)


def shown(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """What a pending reply shows of its files, in the shape the server gives attachments."""
    return [{"name": r["name"], "content_type": r["content_type"], "size": r["size"]} for r in records]
