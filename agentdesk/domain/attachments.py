"""How large a file each channel carries, so that a reply is refused before it is sent.

WhatsApp's limits are Meta's, per media type (Cloud API "Supported media types"). Email
has no protocol limit, but the big providers refuse a message over about 25 MB once
encoded, and base64 makes every file a third larger: 18 MiB of files stays under it.
The web chat carries no files at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MIB = 1024 * 1024
EMAIL_TOTAL_BYTES = 18 * MIB
WHATSAPP_IMAGE_BYTES = 5 * MIB
WHATSAPP_AUDIO_VIDEO_BYTES = 16 * MIB
WHATSAPP_DOCUMENT_BYTES = 100 * MIB
# The image types WhatsApp shows as a photo; any other image goes as a document.
WHATSAPP_IMAGE_TYPES = {"image/jpeg", "image/png"}


@dataclass(frozen=True, slots=True)
class FileFacts:
    name: str
    size: int
    content_type: str


def whatsapp_limit(content_type: str) -> int:
    if content_type in WHATSAPP_IMAGE_TYPES:
        return WHATSAPP_IMAGE_BYTES
    if content_type.startswith(("audio/", "video/")):
        return WHATSAPP_AUDIO_VIDEO_BYTES
    return WHATSAPP_DOCUMENT_BYTES


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < MIB:
        return f"{size / 1024:.0f} KB"
    return f"{size / MIB:.1f} MB"


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a channel cannot carry some files. `kind`: no_files (the web chat), one_file (WhatsApp),
    too_large (one file, over `limit`), too_much (email: all of them together, `size`, over `limit`)."""

    kind: str
    name: str = ""
    size: int = 0
    limit: int = 0

    def text(self) -> str:
        if self.kind == "no_files":
            return "the web chat cannot carry files; send a link, or reply by email or WhatsApp"
        if self.kind == "one_file":
            return "WhatsApp carries one file per message: send the others in further replies"
        if self.kind == "too_large":
            return f"{self.name} ({human_size(self.size)}) is larger than the {human_size(self.limit)} WhatsApp takes"
        return (
            f"the files add up to {human_size(self.size)}, more than the {human_size(self.limit)} "
            "an email can carry safely"
        )


def refusal(channel: str, files: Iterable[FileFacts]) -> Refusal | None:
    """Why this channel cannot carry these files together, or None when it can."""
    files = list(files)
    if not files:
        return None
    if channel == "webchat":
        return Refusal("no_files")
    if channel == "whatsapp":
        if len(files) > 1:
            return Refusal("one_file")
        file = files[0]
        limit = whatsapp_limit(file.content_type)
        return Refusal("too_large", file.name, file.size, limit) if file.size > limit else None
    if channel == "email":
        total = sum(f.size for f in files)
        if total > EMAIL_TOTAL_BYTES:
            return Refusal("too_much", size=total, limit=EMAIL_TOTAL_BYTES)
    return None
