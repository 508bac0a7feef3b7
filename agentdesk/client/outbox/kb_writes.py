"""Knowledge-base writes (admins and team leads) as the HTTP requests they become.

An update and a delete carry the version the editor saw (`if_updated_at`): the server
refuses them (409) when someone changed the article since, and the overlay rolls back.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from agentdesk.client.outbox.writes import Write

_BASE = "/api/v1/kb/articles"
FIELDS = ("title", "body", "language", "tags", "url", "snippets")


def create_article(
    *,
    title: str,
    body: str,
    language: str,
    tags: list[str] | None = None,
    url: str | None = None,
    snippets: dict[str, str] | None = None,
) -> Write:
    data = {"title": title, "body": body, "language": language, "tags": tags or [], "url": url}
    data["snippets"] = snippets or {}
    return Write("kb_create", "POST", _BASE, data, {})


def update_article(article_id: int, changes: dict[str, Any], *, if_updated_at: str | None = None) -> Write:
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValueError(f"an article has no field {', '.join(sorted(unknown))}")
    body: dict[str, Any] = dict(changes)
    if if_updated_at is not None:
        body["if_updated_at"] = if_updated_at
    return Write("kb_update", "PATCH", f"{_BASE}/{article_id}", body, {"article_id": article_id})


def delete_article(article_id: int, *, if_updated_at: str | None = None) -> Write:
    path = f"{_BASE}/{article_id}"
    if if_updated_at is not None:
        path += "?" + urlencode({"if_updated_at": if_updated_at})
    return Write("kb_delete", "DELETE", path, None, {"article_id": article_id})
