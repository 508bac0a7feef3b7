"""Turning the bytes of a text part or header into str, whatever charset the sender claimed.

Mail programs lie about charsets: "iso-8859-1" text written on Windows contains curly quotes
and euro signs that only Windows-1252 has; "us-ascii" text often is UTF-8; some name charsets
no one knows ("x-unknown", "unknown-8bit"). We decode with the most likely reading and say so
when we had to guess, rather than show mojibake or fail.
"""

from __future__ import annotations

import codecs

# Windows-1252 is a superset of ISO-8859-1 for every printable character, and mail labelled
# ISO-8859-1 that contains bytes 0x80-0x9f nearly always means Windows' characters there.
# The East Asian labels are likewise used for the vendors' larger supersets.
_SUPERSETS = {"iso8859_1": "cp1252", "ascii": "utf-8", "gb2312": "gb18030", "euc_kr": "cp949", "shift_jis": "cp932"}


def codec_name(charset: str | None) -> str | None:
    """The Python codec for a MIME charset label, or None when Python knows no such charset."""
    if not charset:
        return None
    try:
        return codecs.lookup(charset.strip().strip('"').lower()).name
    except LookupError:
        return None


def decode_bytes(data: bytes, charset: str | None) -> tuple[str, str | None]:
    """Decode `data`, returning the text and a warning for people when the label was wrong."""
    declared = codec_name(charset)
    if declared is not None:
        preferred = _SUPERSETS.get(declared.replace("-", "_"), declared)
        for codec in (preferred, declared):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError:
                continue
    for codec in ("utf-8", "cp1252"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        return text, _guess_warning(charset, declared, codec)
    # latin-1 maps every byte, so this always succeeds: some characters may be wrong, none lost.
    return data.decode("latin-1"), _guess_warning(charset, declared, "latin-1")


def _guess_warning(charset: str | None, declared: str | None, used: str) -> str | None:
    if declared is None and charset:
        return f"unknown character set {charset!r}; the text was read as {used}"
    if declared is not None:
        return f"the text is not valid {charset}; it was read as {used}"
    if used != "utf-8":
        return f"no character set was declared; the text was read as {used}"
    return None


def repair_surrogates(text: str) -> str:
    """Headers with raw 8-bit bytes come out of the email package as surrogate escapes."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    data = text.encode("utf-8", "surrogateescape")
    return decode_bytes(data, None)[0]
