"""Separating what a customer just wrote from the history and signature around it.

The agent reads the new part first; quoted history and the signature are folded, never
thrown away. Conventions covered: Spanish, Catalan and English reply headers ("El ...
escribió:", "El ... va escriure:" / "En/na ... ha escrit:", "On ... wrote:", and the French,
German, Italian and Portuguese ones that reach the same inboxes), "-----Mensaje original-----"
style separators, Outlook header blocks (From:/Sent:/To:, De:/Enviado el:/Para:, De:/Enviat:/
Per a:), forwarded-message banners, ">" quotes, "-- " signatures and mobile sign-offs.

Top-posted replies quote everything below the header; bottom-posted and interleaved replies
keep writing after a ">" block, so only the header and the ">" lines are history there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A reply header may be wrapped over a few lines by the sender's mail program.
_HEADER_MAX_LINES = 4
_HEADER_MAX_CHARS = 400
_REPLY_HEADERS = tuple(
    re.compile(pattern, re.IGNORECASE | re.DOTALL)
    for pattern in (
        r"^On\b.+\bwrote\s*:$",
        r"^El\b.+\bescribi[óo]\s*:$",
        r"^(El|En|En/na)\b.+\b(va escriure|ha escrit)\s*:$",
        r"^Le\b.+\ba [ée]crit\s*:$",
        r"^Am\b.+\bschrieb\b.*:$",
        r"^(Il|In data)\b.+\bha scritto\s*:$",
        r"^Em\b.+\bescreveu\s*:$",
    )
)
_SEPARATOR = re.compile(
    r"^\s*-{2,}\s*(original message|mensaje original|missatge original|forwarded message|"
    r"mensaje reenviado|missatge reenviat|weitergeleitete nachricht|message d'origine|"
    r"message transf[ée]r[ée]|messaggio originale|messaggio inoltrato)\s*-{2,}\s*$"
    r"|^\s*(begin forwarded message|inicio del mensaje reenviado|inici del missatge reenviat)\s*:\s*$",
    re.IGNORECASE,
)
_RULE = re.compile(r"^\s*_{10,}\s*$")
# Outlook writes a header block of the quoted mail instead of an attribution line; its labels
# are translated, and HTML-to-text turns them into "*From:*" or "**De:**".
_FROM_LABEL = re.compile(r"^\s*\**\s*(from|de|von|da|van)\s*\**\s*:", re.IGNORECASE)
_OTHER_LABEL = re.compile(
    r"^\s*\**\s*(sent|date|to|cc|subject|enviado el|enviado|fecha|para|asunto|enviat el|enviat|data|"
    r"per a|a|assumpte|gesendet|an|betreff|envoy[ée]|[àa]|objet|inviato|oggetto|enviada em)\s*\**\s*:",
    re.IGNORECASE,
)
_SIGNATURE_DELIMITER = re.compile(r"^--\s?$")
_MOBILE_SIGNOFF = re.compile(
    r"^\s*(sent from my|sent from (outlook|mail for windows|yahoo mail)|get outlook for|"
    r"enviado desde (mi|el)|enviado con|enviat des de(l)?( meu)?|obtener outlook para|envoy[ée] de mon|"
    r"von meinem .* gesendet)\b",
    re.IGNORECASE,
)
_MAILING_LIST_FOOTER = re.compile(r"mailing list\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Reply:
    new_text: str
    quoted: str
    signature: str


def split_reply(text: str) -> Reply:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    new: list[str] = []
    quoted: list[str] = []
    i = 0
    while i < len(lines):
        header = _reply_header_length(lines, i)
        if header:
            after = _skip_blank(lines, i + header)
            if after < len(lines) and _is_quote_line(lines[after]):
                quoted.extend(lines[i:after])
                i = after
                continue
            quoted.extend(lines[i:])
            break
        if _SEPARATOR.match(lines[i]) or _is_outlook_block(lines, i) or _is_rule_before_block(lines, i):
            quoted.extend(lines[i:])
            break
        if _is_quote_line(lines[i]):
            end = _quote_block_end(lines, i)
            quoted.extend(lines[i:end])
            i = end
            continue
        new.append(lines[i])
        i += 1

    body, signature = _split_signature(new)
    new_text = _trim(body)
    if not new_text and not _trim(signature):
        # Nothing but history (a bare forward): what the customer sent is that history.
        return Reply(_trim(lines), "", "")
    return Reply(new_text, _trim(quoted), _trim(signature))


def _reply_header_length(lines: list[str], start: int) -> int:
    first = lines[start].strip()
    if not first or _is_quote_line(first):
        return 0
    joined = ""
    for count in range(1, _HEADER_MAX_LINES + 1):
        if start + count > len(lines):
            break
        part = lines[start + count - 1].strip()
        if count > 1 and not part:
            break
        joined = f"{joined} {part}".strip()
        if len(joined) > _HEADER_MAX_CHARS:
            break
        if any(p.match(joined) for p in _REPLY_HEADERS):
            return count
    return 0


def _is_outlook_block(lines: list[str], start: int) -> bool:
    if not _FROM_LABEL.match(lines[start]):
        return False
    # The From value may be wrapped onto the next line, so look a little further than 3 lines.
    following = lines[start + 1 : start + 7]
    return sum(1 for line in following if _OTHER_LABEL.match(line)) >= 2


def _is_rule_before_block(lines: list[str], start: int) -> bool:
    if not _RULE.match(lines[start]):
        return False
    after = _skip_blank(lines, start + 1)
    return after < len(lines) and _is_outlook_block(lines, after)


def _is_quote_line(line: str) -> bool:
    return line.lstrip(" ").startswith(">")


def _skip_blank(lines: list[str], start: int) -> int:
    while start < len(lines) and not lines[start].strip():
        start += 1
    return start


def _quote_block_end(lines: list[str], start: int) -> int:
    """The end of a ">" block; blank lines inside it belong to it, trailing ones do not."""
    end = start
    i = start
    while i < len(lines):
        if _is_quote_line(lines[i]):
            end = i + 1
        elif lines[i].strip():
            break
        i += 1
    return end


def _split_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    for i, line in enumerate(lines):
        if _SIGNATURE_DELIMITER.match(line.rstrip("\n")) and i > 0:
            return lines[:i], lines[i:]
    for i in range(len(lines) - 1, -1, -1):
        if not lines[i].strip():
            continue
        if _RULE.match(lines[i]) and i + 1 < len(lines) and _MAILING_LIST_FOOTER.search(lines[i + 1]):
            return lines[:i], lines[i:]
    tail = [i for i, line in enumerate(lines) if line.strip()][-2:]
    for i in tail:
        if _MOBILE_SIGNOFF.match(lines[i]) and len(lines[i].strip()) <= 80:
            return lines[:i], lines[i:]
    return lines, []


def _trim(lines: list[str]) -> str:
    # Folding a quote out of the middle leaves the blank lines around it; one gap is enough.
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)
