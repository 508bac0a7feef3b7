"""Safe HTML for the agent's screen, and the plain text of an HTML-only mail.

nh3 (ammonia) drops every tag and attribute not listed here, so scripts, forms, frames,
event handlers and style sheets never survive. What a browser would fetch by itself is the
other danger: a remote image tells the sender that, when and where the mail was read. Such
images keep their address only in `data-remote-src`, so the client shows a placeholder and
loads it only if the agent asks. `cid:` images point at the message's own attachments.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from html.parser import HTMLParser

import nh3

_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "tt",
    "u",
    "ul",
}
# Their content is code or chrome, not text a person wrote.
_DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "head",
    "title",
    "template",
    "iframe",
    "object",
    "embed",
    "noscript",
    "svg",
    "math",
    "select",
    "textarea",
    "button",
}
_LAYOUT = {"align", "valign", "width", "height", "colspan", "rowspan", "dir", "style", "title"}
_ATTRIBUTES = {
    "*": _LAYOUT,
    "a": {"href", "name"} | _LAYOUT,
    "img": {"src", "alt"} | _LAYOUT,
    "font": {"color", "face", "size"} | _LAYOUT,
    "ol": {"start", "type"} | _LAYOUT,
    "table": {"border", "cellpadding", "cellspacing", "bgcolor"} | _LAYOUT,
    "td": {"bgcolor"} | _LAYOUT,
    "th": {"bgcolor"} | _LAYOUT,
    "tr": {"bgcolor"} | _LAYOUT,
}
# No property here can carry a url(); background images are remote resources too.
_STYLE_PROPERTIES = {
    "color",
    "background-color",
    "font-family",
    "font-size",
    "font-style",
    "font-weight",
    "text-align",
    "text-decoration",
    "vertical-align",
    "white-space",
    "line-height",
    "margin",
    "margin-top",
    "margin-bottom",
    "margin-left",
    "margin-right",
    "padding",
    "padding-top",
    "padding-bottom",
    "padding-left",
    "padding-right",
    "border",
    "border-color",
    "border-style",
    "border-width",
    "border-collapse",
    "width",
    "height",
    "max-width",
    "display",
}
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC_ATTR = re.compile(r'\ssrc="([^"]*)"')


def _filter_attribute(tag: str, attr: str, value: str) -> str | None:
    if attr == "style" and re.search(r"url\s*\(|expression\s*\(|@import", value, re.IGNORECASE):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    clean_content_tags=_DROPPED_WITH_CONTENT,
    attributes=_ATTRIBUTES,
    attribute_filter=_filter_attribute,
    url_schemes={"http", "https", "mailto", "tel", "cid"},
    filter_style_properties=_STYLE_PROPERTIES,
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)


def sanitize_html(source: str, content_ids: Mapping[str, int] | None = None) -> str:
    """Sanitized HTML; `content_ids` maps an inline image's Content-ID to its attachment index."""
    cleaned = _CLEANER.clean(source)
    ids = content_ids or {}
    return _IMG_TAG.sub(lambda m: _rewrite_image(m.group(0), ids), cleaned)


def _rewrite_image(tag: str, content_ids: Mapping[str, int]) -> str:
    # ammonia serializes every attribute as name="value" with '"' escaped, so this is exact.
    match = _SRC_ATTR.search(tag)
    if match is None:
        return tag
    url = html.unescape(match.group(1))
    rest = tag[: match.start()] + tag[match.end() :]
    if url.lower().startswith("cid:"):
        cid = url[4:].strip("<>")
        index = content_ids.get(cid)
        extra = f' data-cid="{html.escape(cid)}"'
        if index is not None:
            extra += f' data-attachment-index="{index}"'
    else:
        extra = f' data-remote-src="{html.escape(url)}"'
    return rest[:4] + extra + rest[4:]


class _TextExtractor(HTMLParser):
    """Plain text of an HTML mail: blocks become lines, blockquotes become "> " quotes.

    The quote markers matter: quote folding then works on HTML-only replies as on text ones.
    """

    _LINES = frozenset({"div", "tr", "li", "dt", "dd", "center"})
    # These end a paragraph: an empty line separates them from what follows.
    _PARAGRAPHS = frozenset(
        {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "pre", "hr", "blockquote", "dl"}
    )
    _SKIPPED = frozenset({"script", "style", "head", "title", "template", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._line: list[str] = []
        self._depth = 0  # blockquote nesting
        self._skip = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self._skip += 1
        elif tag == "br":
            self._flush(keep_empty=True)
        elif tag in self._LINES or tag in self._PARAGRAPHS:
            self._flush(gap=tag in self._PARAGRAPHS)
            if tag == "li":
                self._line.append("- ")
            elif tag == "blockquote":
                self._depth += 1
            elif tag == "pre":
                self._pre += 1
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self._line.append(f"[{alt}]")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag in self._LINES or tag in self._PARAGRAPHS:
            self._flush(gap=tag in self._PARAGRAPHS)
            if tag == "blockquote":
                self._depth = max(0, self._depth - 1)
            elif tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._pre:
            first, *others = data.split("\n")
            self._line.append(first)
            for other in others:
                self._flush(keep_empty=True)
                self._line.append(other)
            return
        self._line.append(re.sub(r"\s+", " ", data))

    def _flush(self, gap: bool = False, keep_empty: bool = False) -> None:
        text = "".join(self._line).replace("\xa0", " ")
        text = text.rstrip() if self._pre else text.strip()
        self._line = []
        if text or keep_empty:
            self.lines.append("> " * self._depth + text)
        # Consecutive paragraph ends make one gap, not many.
        if gap and self.lines and self.lines[-1].strip("> ") != "":
            self.lines.append("> " * self._depth)

    def text(self) -> str:
        self._flush()
        out = "\n".join(line.rstrip() for line in self.lines)
        return re.sub(r"\n{3,}", "\n\n", out).strip("\n")


def html_to_text(source: str) -> str:
    extractor = _TextExtractor()
    try:
        extractor.feed(source)
        extractor.close()
    except Exception:
        # HTMLParser is lenient; should it still give up, tags stripped crudely beat nothing.
        return html.unescape(re.sub(r"<[^>]*>", " ", source)).strip()
    return extractor.text()
