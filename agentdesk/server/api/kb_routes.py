"""Knowledge-base articles: everyone signed in reads them; admins and team leads write them.

Writes are idempotent like every other (Idempotency-Key) and reach every client through the
change feed (entity `kb_article`); a delete travels as its tombstone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import AwareDatetime, BaseModel
from sqlalchemy.orm import Session

from agentdesk.server.api.deps import CurrentUser, IdempotencyKey, ReadSession, State, run_write
from agentdesk.server.api.schemas import ErrorOut
from agentdesk.server.changelog import row_payload
from agentdesk.server.db import models as m
from agentdesk.server.services import kb as svc
from agentdesk.server.services.errors import NotFound

router = APIRouter(prefix="/api/v1/kb/articles", tags=["knowledge base"])
Id = Annotated[int, Path(ge=1, le=2**62)]
ERRORS = {403: {"model": ErrorOut}, 404: {"model": ErrorOut}, 409: {"model": ErrorOut}, 422: {"model": ErrorOut}}


class ArticleOut(BaseModel):
    id: int
    title: str
    body: str
    language: str
    tags: list[str]
    url: str | None
    snippets: dict[str, str]
    updated_at: datetime


class DeletedOut(BaseModel):
    id: int
    deleted: bool


@router.get("", response_model=list[ArticleOut], summary="List articles, optionally by words and language")
def list_articles(
    _user: CurrentUser,
    session: ReadSession,
    q: Annotated[str | None, Query(max_length=200, description="Words in the title or body.")] = None,
    language: Annotated[str | None, Query(max_length=10)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[dict[str, Any]]:
    return [row_payload(a) for a in svc.list_articles(session, q, language, limit)]


@router.get("/{article_id}", response_model=ArticleOut, responses=ERRORS)
def get_article(article_id: Id, _user: CurrentUser, session: ReadSession) -> dict[str, Any]:
    article = session.get(m.KbArticle, article_id)
    if article is None:
        raise NotFound(f"knowledge-base article {article_id} does not exist")
    return row_payload(article)


@router.post("", status_code=201, response_model=ArticleOut, responses=ERRORS, summary="Create an article")
def create_article(
    body: svc.ArticleIn, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None
) -> Response:
    svc.require_writer(user)

    def op(session: Session, _actor: m.User) -> tuple[int, dict[str, Any]]:
        return 201, row_payload(svc.create(session, body))

    return run_write(st, request, user, key, body, op)


@router.patch("/{article_id}", response_model=ArticleOut, responses=ERRORS, summary="Change an article")
def update_article(
    article_id: Id, body: svc.ArticlePatch, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None
) -> Response:
    svc.require_writer(user)

    def op(session: Session, _actor: m.User) -> tuple[int, dict[str, Any]]:
        return 200, row_payload(svc.update(session, article_id, body))

    return run_write(st, request, user, key, body, op)


@router.delete(
    "/{article_id}", status_code=200, response_model=DeletedOut, responses=ERRORS, summary="Delete an article"
)
def delete_article(
    article_id: Id,
    request: Request,
    user: CurrentUser,
    st: State,
    if_updated_at: Annotated[AwareDatetime | None, Query(description="409 when the article changed since.")] = None,
    key: IdempotencyKey = None,
) -> Response:
    svc.require_writer(user)

    def op(session: Session, _actor: m.User) -> tuple[int, dict[str, Any]]:
        svc.delete(session, article_id, if_updated_at)
        return 200, {"id": article_id, "deleted": True}

    return run_write(st, request, user, key, None, op)
