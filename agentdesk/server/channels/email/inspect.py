"""How AgentDesk understands mail files, for administrators (`agentdesk-server inspect-email`).

It runs exactly the parser the fetcher runs, so what it prints is what agents will see.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from os import PathLike
from pathlib import Path
from typing import Any

from agentdesk.server.channels.email.parse import DEFAULT_MAX_ATTACHMENT_BYTES, ParsedEmail, parse_email


def inspect_files(
    paths: Iterable[str | PathLike[str]], *, max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES
) -> Iterator[dict[str, Any]]:
    """One JSON-serializable dict per file, in order; an unreadable file still yields one."""
    for path in paths:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            yield {"file": str(path), "warnings": [f"the file could not be read: {exc.strerror or exc}"]}
            continue
        yield {"file": str(path), **describe(parse_email(raw, max_attachment_bytes=max_attachment_bytes))}


def describe(parsed: ParsedEmail) -> dict[str, Any]:
    return {
        "subject": parsed.subject,
        "from": _mailbox(parsed.from_name, parsed.from_address) if parsed.from_address else parsed.from_header,
        "to": [str(m) for m in parsed.to],
        "cc": [str(m) for m in parsed.cc],
        "date": parsed.date.isoformat() if parsed.date else None,
        "message_id": parsed.message_id,
        "in_reply_to": parsed.in_reply_to,
        "references": list(parsed.references),
        "new_text": parsed.new_text,
        "quoted": parsed.quoted,
        "signature": parsed.signature,
        "attachments": [
            {"name": a.name, "type": a.content_type, "size": a.size, "stored": a.content is not None}
            for a in parsed.attachments
        ],
        "warnings": list(parsed.warnings),
    }


def _mailbox(name: str, address: str) -> str:
    return f"{name} <{address}>" if name else address
