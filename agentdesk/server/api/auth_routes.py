"""Sign-in and sign-out."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse

from agentdesk.server import auth
from agentdesk.server.api.deps import CurrentUser, State, Token
from agentdesk.server.api.schemas import ErrorOut, TokenIn, TokenOut, UserOut
from agentdesk.server.changelog import row_payload

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


@router.post(
    "/token",
    response_model=TokenOut,
    responses={401: {"model": ErrorOut}, 429: {"model": ErrorOut}},
    summary="Exchange a user name and password for a bearer token",
)
def create_token(body: TokenIn, request: Request, st: State) -> TokenOut | JSONResponse:
    client = request.client.host if request.client else "unknown"
    keys = [f"user:{body.username.lower()}", f"addr:{client}"]
    with st.write_sessions() as session:
        try:
            st.throttle.check(session, keys)
        except auth.LoginLocked as exc:
            return JSONResponse({"detail": str(exc)}, 429, headers={"Retry-After": str(exc.retry_after_s)})
        user = auth.authenticate(session, body.username, body.password)
        if user is None:
            st.throttle.fail(session, keys)
            session.commit()
            raise HTTPException(401, "wrong user name or password", {"WWW-Authenticate": "Bearer"})
        st.throttle.succeed(session, keys)
        issued = auth.issue_token(session, user, st.settings.token_ttl_s, body.label)
        out = TokenOut(access_token=issued.token, expires_at=issued.expires_at, user=UserOut(**row_payload(user)))
        session.commit()
    return out


@router.post("/logout", status_code=204, summary="End this token's session")
def logout(token: Token, _user: CurrentUser, st: State) -> None:
    with st.write_sessions() as session:
        auth.revoke_token(session, token)
        session.commit()
