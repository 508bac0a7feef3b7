"""The knowledge base: self-service articles, written by admins and team leads, read by everyone.

An article's `updated_at` is its version. It only ever moves forward, and a write that says
which version it was based on (`if_updated_at`) is refused with 409 when someone changed the
article since, so that two editors never overwrite each other unknowingly. Deleting removes
the row: the change log carries the tombstone, and every cache drops the article and its
search-index row. `import_articles` loads many at once (JSON or CSV), all or nothing.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import ChannelKind, Role
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.services.errors import Conflict, Forbidden, Invalid, NotFound

WRITERS = (Role.ADMIN, Role.TEAM_LEAD)
CHANNELS = tuple(c.value for c in ChannelKind)
MAX_TAGS = 30
MAX_SNIPPET = 1000  # a WhatsApp message body takes 4096; a snippet is meant to be short
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
# CSV imports name a snippet's channel in its column: snippet_email, snippet_whatsapp…
_SNIPPET_COLUMN = "snippet_"


def _tags(value: list[str]) -> list[str]:
    tags = [" ".join(t.split()).lower() for t in value]
    if any(not t or len(t) > 50 for t in tags):
        raise ValueError("each tag must have 1 to 50 characters")
    return list(dict.fromkeys(tags))


def _url(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise ValueError("the self-service link must be an absolute http(s) address, e.g. https://help.example/x")
    return value


def _snippets(value: dict[str, str]) -> dict[str, str]:
    unknown = sorted(set(value) - set(CHANNELS))
    if unknown:
        raise ValueError(f"snippets are per channel ({', '.join(CHANNELS)}); unknown: {', '.join(unknown)}")
    cleaned = {k: v.strip() for k, v in value.items() if v and v.strip()}
    long = sorted(k for k, v in cleaned.items() if len(v) > MAX_SNIPPET)
    if long:
        raise ValueError(f"a snippet has at most {MAX_SNIPPET} characters: {', '.join(long)}")
    return cleaned


def _language(value: str) -> str:
    value = value.strip()
    if not _LANGUAGE.match(value):
        raise ValueError("the language is a code such as es, ca, en or es-ES")
    return value


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    title: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1, max_length=50_000)
    language: str = Field(max_length=10, description="es, ca, en… (decides how the article's words are stemmed)")
    tags: list[str] = Field(default_factory=list, max_length=MAX_TAGS)
    url: str | None = Field(None, max_length=1000, description="The self-service link sent to customers.")
    snippets: dict[str, str] = Field(
        default_factory=dict, description='Short texts per channel, e.g. {"whatsapp": "…", "email": "…"}.'
    )

    _check_tags = field_validator("tags")(_tags)
    _check_url = field_validator("url")(_url)
    _check_snippets = field_validator("snippets")(_snippets)
    _check_language = field_validator("language")(_language)


class ArticlePatch(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    title: str | None = Field(None, min_length=1, max_length=300)
    body: str | None = Field(None, min_length=1, max_length=50_000)
    language: str | None = Field(None, max_length=10)
    tags: list[str] | None = Field(None, max_length=MAX_TAGS)
    url: str | None = Field(None, max_length=1000, description="null or empty removes the link.")
    snippets: dict[str, str] | None = Field(None, description="Replaces all snippets.")
    if_updated_at: AwareDatetime | None = Field(
        None, description="The version this change is based on; 409 when the article changed since."
    )

    _check_tags = field_validator("tags")(lambda v: None if v is None else _tags(v))
    _check_url = field_validator("url")(_url)
    _check_snippets = field_validator("snippets")(lambda v: None if v is None else _snippets(v))
    _check_language = field_validator("language")(lambda v: None if v is None else _language(v))


def require_writer(user: m.User) -> None:
    if Role(user.role) not in WRITERS:
        raise Forbidden("only admins and team leads may change the knowledge base")


def _article(session: Session, article_id: int) -> m.KbArticle:
    article = session.get(m.KbArticle, article_id)
    if article is None:
        raise NotFound(f"knowledge-base article {article_id} does not exist")
    return article


def _check_version(article: m.KbArticle, expected: datetime | None) -> None:
    if expected is not None and expected != article.updated_at:
        raise Conflict(
            f"article {article.id} was changed by someone else at {article.updated_at.isoformat()}; "
            "reload it and make your change again"
        )


def _next_version(article: m.KbArticle | None) -> datetime:
    """Now, or just after the current version should the clock be behind it: versions only grow."""
    now = utcnow()
    if article is not None and article.updated_at is not None and now <= article.updated_at:
        return article.updated_at + timedelta(microseconds=1)
    return now


def create(session: Session, data: ArticleIn) -> m.KbArticle:
    article = m.KbArticle(**data.model_dump(), updated_at=_next_version(None))
    session.add(article)
    session.flush()
    return article


def update(session: Session, article_id: int, patch: ArticlePatch) -> m.KbArticle:
    article = _article(session, article_id)
    _check_version(article, patch.if_updated_at)
    changes = patch.model_dump(exclude_unset=True, exclude={"if_updated_at"})
    for field in ("title", "body", "language", "tags", "snippets"):
        if field in changes and changes[field] is None:
            raise Invalid(f"{field} cannot be removed, only changed")
    for field, value in changes.items():
        setattr(article, field, value)
    if changes:
        article.updated_at = _next_version(article)
    session.flush()
    return article


def delete(session: Session, article_id: int, if_updated_at: datetime | None = None) -> None:
    article = _article(session, article_id)
    _check_version(article, if_updated_at)
    session.delete(article)
    session.flush()


def list_articles(session: Session, query: str | None, language: str | None, limit: int) -> list[m.KbArticle]:
    stmt = select(m.KbArticle)
    if language:
        stmt = stmt.where(m.KbArticle.language == language)
    if query:
        like = f"%{query.strip()}%"
        stmt = stmt.where(m.KbArticle.title.ilike(like) | m.KbArticle.body.ilike(like))
    return list(session.scalars(stmt.order_by(m.KbArticle.title, m.KbArticle.id).limit(limit)))


@dataclass(frozen=True, slots=True)
class Imported:
    created: int
    updated: int


def import_articles(session: Session, records: list[dict[str, Any]]) -> Imported:
    """Create or update (same title and language) every record; nothing is written if any is invalid."""
    articles: list[ArticleIn] = []
    problems: list[str] = []
    for number, record in enumerate(records, 1):
        try:
            articles.append(ArticleIn.model_validate(record))
        except ValidationError as exc:
            reasons = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'record'}: {e['msg']}" for e in exc.errors())
            problems.append(f"record {number}: {reasons}")
    if problems:
        raise Invalid("nothing was imported. " + " | ".join(problems[:20]))
    existing = {(a.title, a.language): a for a in session.scalars(select(m.KbArticle))}
    created = updated = 0
    for data in articles:
        article = existing.get((data.title, data.language))
        if article is None:
            existing[(data.title, data.language)] = create(session, data)
            created += 1
        else:
            for field, value in data.model_dump().items():
                setattr(article, field, value)
            article.updated_at = _next_version(article)
            updated += 1
    session.flush()
    return Imported(created, updated)


def read_import_file(path: Path) -> list[dict[str, Any]]:
    """Records from a JSON file (a list of articles, or {"articles": [...]}) or a CSV file with a
    header: title, body, language, tags (separated by ";"), url, snippet_email, snippet_whatsapp…"""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise Invalid(f"{path.name} is not valid JSON: {exc}") from None
        if isinstance(data, dict):
            data = data.get("articles")
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise Invalid(f'{path.name}: expected a list of articles or {{"articles": [...]}}')
        return data
    if path.suffix.lower() == ".csv":
        return [_csv_record(row) for row in csv.DictReader(io.StringIO(text))]
    raise Invalid(f"{path.name}: the file must end in .json or .csv")


def _csv_record(row: dict[str, str | None]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    snippets: dict[str, str] = {}
    for column, value in row.items():
        if column is None:
            raise Invalid("a CSV row has more fields than the header names")
        column = column.strip()
        value = value or ""
        if column.startswith(_SNIPPET_COLUMN):
            snippets[column.removeprefix(_SNIPPET_COLUMN)] = value
        elif column == "tags":
            record["tags"] = [t for t in value.split(";") if t.strip()]
        elif column == "url":
            record["url"] = value or None
        else:
            record[column] = value
    record["snippets"] = snippets
    return record
