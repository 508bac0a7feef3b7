"""Understanding one raw RFC 5322 message, whatever its state.

`parse_email` never raises for bad mail: a fetcher must not stop at a broken message nor
block the ones behind it. What could not be read well is said in `warnings`, in words an
agent or administrator understands; the raw source stays with the caller, untouched.
"""

from __future__ import annotations

import email
import email.policy
import mimetypes
import re
from dataclasses import dataclass, field
from datetime import datetime
from email import errors as mime_errors
from email.message import Message

from agentdesk.server.channels.email.charsets import decode_bytes, repair_surrogates
from agentdesk.server.channels.email.headers import (
    Mailbox,
    address_header,
    date_header,
    id_header,
    raw_header,
    text_header,
    valid_address,
)
from agentdesk.server.channels.email.quotes import split_reply
from agentdesk.server.channels.email.sanitize import html_to_text, sanitize_html

DEFAULT_MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str
    content_type: str
    size: int
    # None when the attachment is larger than the limit: then only this reference is kept,
    # and `part` finds its bytes again in the raw source.
    content: bytes | None
    content_id: str | None
    inline: bool
    part: str


@dataclass(frozen=True, slots=True)
class ParsedEmail:
    subject: str
    from_address: str | None  # normalized; None when the sender gave no valid address
    from_name: str
    from_header: str  # the From field as written (decoded), for display and diagnosis
    to: tuple[Mailbox, ...]
    cc: tuple[Mailbox, ...]
    reply_to: tuple[Mailbox, ...]
    date: datetime | None  # aware, UTC
    message_id: str | None  # in angle brackets, as on the wire
    in_reply_to: str | None
    references: tuple[str, ...]
    text: str
    new_text: str
    quoted: str
    signature: str
    html: str | None  # sanitized
    attachments: tuple[Attachment, ...]
    warnings: tuple[str, ...]

    @property
    def parent_ids(self) -> tuple[str, ...]:
        """Ids this message answers, most direct first: the order to look a thread up by."""
        ids = ([self.in_reply_to] if self.in_reply_to else []) + list(reversed(self.references))
        return tuple(i for i in dict.fromkeys(ids) if i != self.message_id)


@dataclass
class _Body:
    texts: list[str] = field(default_factory=list)
    htmls: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def absorb(self, other: _Body, text: bool = True, html: bool = True) -> None:
        if text:
            self.texts.extend(other.texts)
        if html:
            self.htmls.extend(other.htmls)
        self.attachments.extend(other.attachments)
        self.warnings.extend(other.warnings)


_DEFECT_WARNINGS: dict[type[mime_errors.MessageDefect], str] = {
    mime_errors.CloseBoundaryNotFoundDefect: (
        "the message ends before its last part is closed; it may have been cut short"
    ),
    mime_errors.StartBoundaryNotFoundDefect: "the message's parts could not be found; it was read as one block of text",
    mime_errors.NoBoundaryInMultipartDefect: (
        "the message says it has several parts but does not mark them; it was read as one block"
    ),
    mime_errors.MultipartInvariantViolationDefect: (
        "the message says it has several parts but does not mark them; it was read as one block"
    ),
    mime_errors.InvalidBase64PaddingDefect: "a part has damaged base64 encoding; some of it may be wrong",
    mime_errors.InvalidBase64CharactersDefect: "a part has damaged base64 encoding; some of it may be wrong",
    mime_errors.InvalidBase64LengthDefect: "a part has damaged base64 encoding; some of it may be wrong",
    mime_errors.MissingHeaderBodySeparatorDefect: "the message's headers are malformed",
    mime_errors.FirstHeaderLineIsContinuationDefect: "the message's headers are malformed",
    mime_errors.MisplacedEnvelopeHeaderDefect: "the message's headers are malformed",
}


def parse_email(raw: bytes, *, max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES) -> ParsedEmail:
    if not raw.strip():
        return _unreadable(raw, "the message is empty")
    try:
        return _parse(raw, max_attachment_bytes)
    except Exception as exc:  # the contract: bad mail gives a warning, never an exception
        return _unreadable(raw, f"the message could not be read as email ({type(exc).__name__}: {exc})")


def _parse(raw: bytes, limit: int) -> ParsedEmail:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    warnings: list[str] = []

    senders = address_header(msg, "from")
    from_header = text_header(msg, "from") or ""
    sender = senders[0] if senders else None
    from_address = valid_address(sender.address) if sender else None
    if sender is None:
        warnings.append("the message has no sender (From)")
    elif from_address is None:
        warnings.append(f"the sender address {from_header!r} is not a valid email address")
    to = address_header(msg, "to")
    cc = address_header(msg, "cc")
    reply_to = address_header(msg, "reply-to")

    date, date_unreadable = date_header(msg)
    if date_unreadable:
        warnings.append(f"the date {raw_header(msg, 'date')!r} could not be read")

    message_ids = id_header(msg, "message-id")
    if not message_ids:
        warnings.append("the message has no Message-ID; replies to it can only be threaded by subject")
    parents = id_header(msg, "in-reply-to")

    body = _Body()
    _walk(msg, "", body, limit)
    warnings.extend(_defect_warnings(msg))
    warnings.extend(body.warnings)

    content_ids = {a.content_id: i for i, a in enumerate(body.attachments) if a.content_id}
    html = "\n".join(sanitize_html(h, content_ids) for h in body.htmls) if body.htmls else None
    text = "\n\n".join(t.strip("\r\n") for t in body.texts if t.strip())
    if not text and body.htmls:
        text = "\n\n".join(html_to_text(h) for h in body.htmls)
    text = text.replace("\r\n", "\n")
    reply = split_reply(text)

    return ParsedEmail(
        subject=text_header(msg, "subject") or "",
        from_address=from_address,
        from_name=sender.name if sender else "",
        from_header=from_header,
        to=to,
        cc=cc,
        reply_to=reply_to,
        date=date,
        message_id=message_ids[0] if message_ids else None,
        in_reply_to=parents[0] if parents else None,
        references=id_header(msg, "references"),
        text=text,
        new_text=reply.new_text,
        quoted=reply.quoted,
        signature=reply.signature,
        html=html,
        attachments=tuple(body.attachments),
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _walk(part: Message, path: str, body: _Body, limit: int) -> None:
    ctype = part.get_content_type()
    if part.get_content_maintype() == "message":
        body.attachments.append(_attachment(part, path or "1", limit, body.warnings))
        return
    if part.is_multipart():
        children = part.get_payload()
        if not isinstance(children, list):
            children = []
        if ctype == "multipart/alternative":
            _walk_alternatives(children, path, body, limit)
            return
        for index, child in enumerate(children, start=1):
            _walk(child, f"{path}.{index}" if path else str(index), body, limit)
        return
    # A multipart without parts (no boundary) is shown as the text it is, not as a file.
    readable = ctype in ("text/plain", "text/html") or part.get_content_maintype() == "multipart"
    if readable and not _is_attachment(part):
        text, warning = _decode_text(part)
        if warning:
            body.warnings.append(warning)
        (body.htmls if ctype == "text/html" else body.texts).append(text)
        return
    body.attachments.append(_attachment(part, path or "1", limit, body.warnings))


def _walk_alternatives(children: list[Message], path: str, body: _Body, limit: int) -> None:
    # Alternatives are listed plainest first; each of text and HTML comes from the last
    # alternative that has it, so a text part and an HTML one are never shown together twice.
    parts = []
    for index, child in enumerate(children, start=1):
        sub = _Body()
        _walk(child, f"{path}.{index}" if path else str(index), sub, limit)
        parts.append(sub)
    text_from = next((p for p in reversed(parts) if p.texts), None)
    html_from = next((p for p in reversed(parts) if p.htmls), None)
    for sub in parts:
        body.absorb(sub, text=sub is text_from, html=sub is html_from)


def _is_attachment(part: Message) -> bool:
    return part.get_content_disposition() == "attachment" or bool(_filename(part))


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except Exception:
        return None
    return repair_surrogates(name).strip() if name else None


def _decode_text(part: Message) -> tuple[str, str | None]:
    data = _payload_bytes(part)
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    return decode_bytes(data, charset)


def _payload_bytes(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if isinstance(data, bytes):
        return data
    payload = part.get_payload()
    if isinstance(payload, list):
        return b"\n".join(_message_bytes(p) for p in payload)
    if isinstance(payload, str):
        return payload.encode("utf-8", "surrogateescape")
    return b""


def _message_bytes(msg: Message) -> bytes:
    for policy in (msg.policy, email.policy.compat32):
        try:
            return msg.as_bytes(policy=policy)
        except Exception:
            continue
    return b""


def _attachment(part: Message, path: str, limit: int, warnings: list[str]) -> Attachment:
    ctype = part.get_content_type()
    if ctype == "message/rfc822" and isinstance(part.get_payload(), list) and part.get_payload():
        inner = part.get_payload()[0]
        data = _message_bytes(inner)
        default_name = f"{_safe_name(text_header(inner, 'subject') or 'message')}.eml"
    else:
        data = _payload_bytes(part)
        default_name = f"part-{path}{_extension(ctype)}"
    name = _filename(part) or default_name
    content_id = _content_id(part)
    disposition = part.get_content_disposition()
    size = len(data)
    content: bytes | None = data
    if size > limit:
        content = None
        warnings.append(
            f"the attachment {name!r} ({_human_size(size)}) is larger than the {_human_size(limit)} limit; "
            "it was not stored and is kept only as a reference in the original message"
        )
    return Attachment(
        name=name,
        content_type=ctype,
        size=size,
        content=content,
        content_id=content_id,
        inline=disposition == "inline" or (content_id is not None and disposition != "attachment"),
        part=path,
    )


def _content_id(part: Message) -> str | None:
    try:
        value = part.get("content-id")
    except Exception:
        value = raw_header(part, "content-id")
    return str(value).strip().strip("<>").strip() or None if value else None


_EXTENSIONS = {"image/jpg": ".jpg", "image/pjpeg": ".jpg"}


def _extension(ctype: str) -> str:
    guessed = _EXTENSIONS.get(ctype) or mimetypes.guess_extension(ctype)
    if guessed:
        return guessed
    # Delivery reports and the like are readable text even when no extension is registered.
    return ".txt" if ctype.split("/")[0] in ("text", "message") else ".bin"


def _safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text)[:100].strip() or "message"


def _human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _defect_warnings(msg: Message) -> list[str]:
    found: list[str] = []
    for part in msg.walk():
        for defect in getattr(part, "defects", ()):
            text = _DEFECT_WARNINGS.get(type(defect))
            if text is None:
                text = f"the message is not well-formed MIME ({type(defect).__name__})"
            found.append(text)
    return found


def _unreadable(raw: bytes, warning: str) -> ParsedEmail:
    text, _ = decode_bytes(raw, None)
    text = text.replace("\r\n", "\n")
    head, _, rest = text.partition("\n\n")
    subject = re.search(r"^Subject:[ \t]*(.*)$", head, re.MULTILINE | re.IGNORECASE)
    sender = re.search(r"^From:[ \t]*(.*)$", head, re.MULTILINE | re.IGNORECASE)
    body = rest if subject or sender else text
    return ParsedEmail(
        subject=subject.group(1).strip() if subject else "",
        from_address=None,
        from_name="",
        from_header=sender.group(1).strip() if sender else "",
        to=(),
        cc=(),
        reply_to=(),
        date=None,
        message_id=None,
        in_reply_to=None,
        references=(),
        text=body,
        new_text=body,
        quoted="",
        signature="",
        html=None,
        attachments=(),
        warnings=(warning,),
    )
