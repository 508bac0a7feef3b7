"""What every route needs: a database session, the signed-in user, idempotent writes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any
from uuid import uuid4

from fastapi import Depends, Header, HTTPException, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from agentdesk.server import auth
from agentdesk.server.changelog import dumps
from agentdesk.server.config import Settings
from agentdesk.server.db import models as m
from agentdesk.server.services.errors import ServiceError
from agentdesk.server.services.interval_cache import IntervalCache


@dataclass
class ServerState:
    settings: Settings
    read_sessions: sessionmaker[Session]
    write_sessions: sessionmaker[Session]
    throttle: auth.Throttle
    # This server process among those sharing the database (its stream leases).
    server_id: str = field(default_factory=lambda: uuid4().hex)
    # The 15-minute intervals counted so far, recounted where they changed (GET /metrics/intervals).
    interval_cache: IntervalCache = field(default_factory=IntervalCache)


def state(request: Request) -> ServerState:
    return request.app.state.agentdesk


State = Annotated[ServerState, Depends(state)]


def read_session(st: State) -> Iterator[Session]:
    with st.read_sessions() as session:
        yield session


ReadSession = Annotated[Session, Depends(read_session)]


def bearer_token(authorization: Annotated[str | None, Header()] = None) -> str:
    if not authorization:
        raise HTTPException(401, "sign in first: no bearer token was sent", {"WWW-Authenticate": "Bearer"})
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "the Authorization header must be 'Bearer <token>'", {"WWW-Authenticate": "Bearer"})
    return token.strip()


Token = Annotated[str, Depends(bearer_token)]


def current_user(token: Token, session: ReadSession) -> m.User:
    user = auth.user_for_token(session, token)
    if user is None:
        raise HTTPException(401, "your session has expired or was ended; sign in again", {"WWW-Authenticate": "Bearer"})
    session.expunge(user)
    return user


CurrentUser = Annotated[m.User, Depends(current_user)]

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        description="Any unique string; a replay with the same key returns the first result and changes nothing.",
    ),
]


def _request_hash(request: Request, body: BaseModel | None) -> str:
    text = request.method + " " + request.url.path + " " + (body.model_dump_json() if body else "")
    return hashlib.sha256(text.encode()).hexdigest()


def run_write(
    st: ServerState,
    request: Request,
    user: m.User,
    key: str | None,
    body: BaseModel | None,
    operation: Callable[[Session, m.User], tuple[int, Any]],
) -> Response:
    """Run a write in one transaction; with an Idempotency-Key, a replay returns the stored result.

    The key is stored in the same transaction as the write, so either both are there or
    neither: a lost response followed by a retry never applies the write twice.
    """
    digest = _request_hash(request, body)
    if key is not None:
        replay = _stored(st, user.id, key, digest)
        if replay is not None:
            return replay
    with st.write_sessions() as session:
        session.info["announce"] = request.app.state.hub.announce
        actor = session.get(m.User, user.id)
        assert actor is not None
        try:
            status, result = operation(session, actor)
            text = dumps(result)
        except ServiceError as exc:
            session.rollback()
            status, text = exc.status_code, dumps({"detail": exc.message})
        if key is not None:
            session.add(
                m.IdempotencyRecord(user_id=user.id, key=key, request_hash=digest, status_code=status, response=text)
            )
        try:
            session.commit()
        except IntegrityError:
            # The same key, sent twice at once: the other request won; answer with its result.
            session.rollback()
            if key is None:
                raise
            replay = _stored(st, user.id, key, digest)
            if replay is None:
                raise
            return replay
    return Response(text, status, media_type="application/json")


def _stored(st: ServerState, user_id: int, key: str, digest: str) -> Response | None:
    with st.read_sessions() as session:
        record = session.get(m.IdempotencyRecord, (user_id, key))
        if record is None:
            return None
        if record.request_hash != digest:
            return Response(
                json.dumps({"detail": "this Idempotency-Key was already used for a different request"}),
                422,
                media_type="application/json",
            )
        return Response(
            record.response,
            record.status_code,
            media_type="application/json",
            headers={"Idempotent-Replayed": "true"},
        )
