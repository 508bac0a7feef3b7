"""QA: scorecards, reviews, inline comments, the agent's answer, samples and the dashboard (docs/qa.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from agentdesk.domain.enums import ChannelKind
from agentdesk.server.api.deps import CurrentUser, IdempotencyKey, ReadSession, State, run_write
from agentdesk.server.api.schemas import ErrorOut, Strict
from agentdesk.server.changelog import dumps, row_payload
from agentdesk.server.services import qa as svc
from agentdesk.server.services import qa_dashboard, qa_sampling

router = APIRouter(prefix="/api/v1/qa", tags=["qa"])
Id = Annotated[int, Path(ge=1, le=2**62)]
ERRORS = {403: {"model": ErrorOut}, 404: {"model": ErrorOut}, 409: {"model": ErrorOut}, 422: {"model": ErrorOut}}
Severity = Literal["info", "minor", "major", "critical"]
Body = Annotated[str, Field(max_length=20000)]


class ScorecardIn(BaseModel):
    model_config = Strict
    name: str = Field(min_length=1, max_length=200)
    definition: dict[str, Any] = Field(description="sections, criteria and pass_mark; see docs/qa.md")


class ScorecardOut(BaseModel):
    id: int
    family_id: int | None
    version: int
    name: str
    definition: dict[str, Any]
    active: bool
    created_by: int | None
    created_at: datetime


class ReviewIn(BaseModel):
    model_config = Strict
    conversation_id: int = Field(ge=1)
    scorecard_id: int = Field(ge=1)


class Answer(BaseModel):
    model_config = Strict
    value: int | None = Field(description="yes_no: 1 or 0; one_to_five: 1..5; null: N/A")
    note: str = Field("", max_length=5000)


class ReviewPatchIn(BaseModel):
    model_config = Strict
    answers: dict[str, Answer] | None = Field(None, description="merged into the answers so far, by criterion key")
    summary: str | None = Field(None, max_length=20000)


class SubmitIn(BaseModel):
    model_config = Strict
    summary: str | None = Field(None, max_length=20000, description="the last word on the whole review, if any")


class SeenIn(BaseModel):
    """Nothing to send: `{}` or no body."""

    model_config = Strict


class RespondIn(BaseModel):
    model_config = Strict
    response: Literal["acknowledged", "disputed"]
    reason: str | None = Field(None, max_length=5000, description="required for disputed")


class ReviewOut(BaseModel):
    id: int
    conversation_id: int
    queue_id: int
    agent_id: int
    reviewer_id: int
    scorecard_id: int
    status: str
    answers: dict[str, Any]
    summary: str
    score: float | None
    raw_score: float | None
    critical_failed: bool
    passed: bool | None
    submitted_at: datetime | None
    agent_response: str | None
    dispute_reason: str | None
    responded_at: datetime | None
    lead_seen_response_at: datetime | None
    created_at: datetime
    updated_at: datetime


class CommentIn(BaseModel):
    model_config = Strict
    message_id: int | None = Field(None, ge=1, description="required on a top-level comment")
    anchor_start: int | None = Field(None, ge=0)
    anchor_end: int | None = Field(None, ge=0)
    anchor_quote: str | None = Field(None, max_length=20000)
    criterion_key: str | None = Field(None, max_length=100)
    severity: Severity | None = None
    suggestion: str | None = Field(None, max_length=20000)
    body: Body
    parent_id: int | None = Field(None, ge=1, description="a reply to this top-level comment")


class CommentPatchIn(BaseModel):
    model_config = Strict
    body: Body | None = None
    suggestion: str | None = Field(None, max_length=20000)
    severity: Severity | None = None


class CommentOut(BaseModel):
    id: int
    review_id: int
    conversation_id: int
    message_id: int
    parent_id: int | None
    author_id: int
    anchor_start: int | None
    anchor_end: int | None
    anchor_quote: str | None
    criterion_key: str | None
    severity: str | None
    suggestion: str
    body: str
    created_at: datetime
    updated_at: datetime
    deleted: bool


class ReviewDetailOut(ReviewOut):
    comments: list[CommentOut]


class SpreadOut(BaseModel):
    count: int
    min: float | None
    max: float | None
    range: float | None
    stdev: float | None = Field(description="population standard deviation of the scores")
    criteria: dict[str, float] = Field(description="per criterion, range of the normalized answers × 100")


class CalibrationOut(BaseModel):
    reviews: list[ReviewOut]
    spread: SpreadOut


class SampleIn(BaseModel):
    model_config = Strict
    title: str | None = Field(None, max_length=300)
    agent_ids: list[int] | None = Field(None, max_length=500)
    team_id: int | None = Field(None, ge=1)
    per_agent: int = Field(5, ge=1, le=100, description="per agent and per channel")
    channels: list[ChannelKind] | None = None
    days: int = Field(7, ge=1, le=366)
    weight: Literal["none", "low_csat", "long_handle"] = "none"
    seed: int | None = Field(None, ge=0, le=2**62, description="the same seed draws the same conversations")


class SampleOut(BaseModel):
    id: int
    owner_id: int
    title: str
    params: dict[str, Any]
    items: list[dict[str, Any]]
    created_at: datetime


class DashboardPoint(BaseModel):
    start: str
    reviews: int
    avg_score: float | None
    pass_rate: float | None
    critical_fails: int


class DashboardSeries(BaseModel):
    key: str
    label: str
    trend: float | None = Field(description="least-squares slope of avg_score per interval")
    points: list[DashboardPoint]


class DashboardOut(BaseModel):
    group: str
    interval: str
    days: int
    from_: str = Field(alias="from")
    to: str
    series: list[DashboardSeries]


def _json(value: Any) -> Response:
    return Response(dumps(value), media_type="application/json")


# Scorecards


@router.get("/scorecards", response_model=list[ScorecardOut])
def get_scorecards(
    user: CurrentUser,
    session: ReadSession,
    every_version: Annotated[bool, Query(alias="all", description="every version, not only the active ones")] = False,
) -> Response:
    return _json([row_payload(c) for c in svc.scorecards(session, every_version)])


@router.post("/scorecards", status_code=201, response_model=ScorecardOut, responses=ERRORS)
def post_scorecard(
    body: ScorecardIn, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None
) -> Response:
    return run_write(
        st,
        request,
        user,
        key,
        body,
        lambda s, a: (201, row_payload(svc.create_scorecard(s, a, body.name, body.definition))),
    )


@router.put(
    "/scorecards/{scorecard_id}",
    response_model=ScorecardOut,
    responses=ERRORS,
    summary="Change a scorecard: adds its next version; reviews keep the version they were scored with",
)
def put_scorecard(
    scorecard_id: Id, body: ScorecardIn, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None
) -> Response:
    return run_write(
        st,
        request,
        user,
        key,
        body,
        lambda s, a: (200, row_payload(svc.revise_scorecard(s, a, scorecard_id, body.name, body.definition))),
    )


# Reviews


@router.post("/reviews", status_code=201, response_model=ReviewOut, responses=ERRORS)
def post_review(body: ReviewIn, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None) -> Response:
    return run_write(
        st,
        request,
        user,
        key,
        body,
        lambda s, a: (201, row_payload(svc.start_review(s, a, body.conversation_id, body.scorecard_id))),
    )


@router.get("/reviews", response_model=list[ReviewOut])
def get_reviews(
    user: CurrentUser,
    session: ReadSession,
    agent_id: Annotated[int | None, Query(ge=1)] = None,
    conversation_id: Annotated[int | None, Query(ge=1)] = None,
    status: Annotated[Literal["draft", "submitted"] | None, Query()] = None,
) -> Response:
    return _json([row_payload(r) for r in svc.list_reviews(session, user, agent_id, conversation_id, status)])


@router.get("/reviews/{review_id}", response_model=ReviewDetailOut, responses=ERRORS)
def get_review(review_id: Id, user: CurrentUser, session: ReadSession) -> Response:
    review = svc.readable_review(session, user, review_id)
    return _json({**row_payload(review), "comments": [row_payload(c) for c in svc.review_comments(session, review)]})


@router.patch("/reviews/{review_id}", response_model=ReviewOut, responses=ERRORS, summary="Answer criteria of a draft")
def patch_review(
    review_id: Id, body: ReviewPatchIn, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None
) -> Response:
    answers = None if body.answers is None else {k: v.model_dump() for k, v in body.answers.items()}
    return run_write(
        st,
        request,
        user,
        key,
        body,
        lambda s, a: (200, row_payload(svc.update_review(s, a, review_id, answers, body.summary))),
    )


@router.post("/reviews/{review_id}/submit", response_model=ReviewOut, responses=ERRORS)
def post_submit(
    review_id: Id,
    request: Request,
    user: CurrentUser,
    st: State,
    body: SubmitIn = SubmitIn(),
    key: IdempotencyKey = None,
) -> Response:
    return run_write(
        st, request, user, key, body, lambda s, a: (200, row_payload(svc.submit_review(s, a, review_id, body.summary)))
    )


@router.post(
    "/reviews/{review_id}/respond",
    response_model=ReviewOut,
    responses=ERRORS,
    summary="The reviewed agent acknowledges or disputes (with a reason)",
)
def post_respond(
    review_id: Id, body: RespondIn, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None
) -> Response:
    return run_write(
        st,
        request,
        user,
        key,
        body,
        lambda s, a: (200, row_payload(svc.respond(s, a, review_id, body.response, body.reason))),
    )


@router.post(
    "/reviews/{review_id}/seen", response_model=ReviewOut, responses=ERRORS, summary="The reviewer read the answer"
)
def post_seen(
    review_id: Id, request: Request, user: CurrentUser, st: State, body: SeenIn = SeenIn(), key: IdempotencyKey = None
) -> Response:
    return run_write(
        st, request, user, key, body, lambda s, a: (200, row_payload(svc.mark_response_seen(s, a, review_id)))
    )


@router.get("/conversations/{conversation_id}/calibration", response_model=CalibrationOut, responses=ERRORS)
def get_calibration(conversation_id: Id, user: CurrentUser, session: ReadSession) -> Response:
    return _json(svc.calibration(session, user, conversation_id))


# Comments


@router.post("/reviews/{review_id}/comments", status_code=201, response_model=CommentOut, responses=ERRORS)
def post_comment(
    review_id: Id, body: CommentIn, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None
) -> Response:
    fields = body.model_dump()
    return run_write(
        st, request, user, key, body, lambda s, a: (201, row_payload(svc.add_comment(s, a, review_id, fields)))
    )


@router.patch("/comments/{comment_id}", response_model=CommentOut, responses=ERRORS)
def patch_comment(
    comment_id: Id, body: CommentPatchIn, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None
) -> Response:
    changes = body.model_dump(exclude_unset=True)
    return run_write(
        st, request, user, key, body, lambda s, a: (200, row_payload(svc.edit_comment(s, a, comment_id, changes)))
    )


@router.delete("/comments/{comment_id}", response_model=CommentOut, responses=ERRORS, summary="Leaves a tombstone")
def delete_comment(
    comment_id: Id, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None
) -> Response:
    return run_write(
        st, request, user, key, None, lambda s, a: (200, row_payload(svc.delete_comment(s, a, comment_id)))
    )


# Samples and the dashboard


@router.post("/samples", status_code=201, response_model=SampleOut, responses=ERRORS)
def post_sample(body: SampleIn, request: Request, user: CurrentUser, st: State, key: IdempotencyKey = None) -> Response:
    params = body.model_dump(mode="json", exclude={"title"}) | {"title": body.title}
    return run_write(
        st, request, user, key, body, lambda s, a: (201, row_payload(qa_sampling.create_sample(s, a, params)))
    )


@router.get("/samples", response_model=list[SampleOut])
def get_samples(user: CurrentUser, session: ReadSession) -> Response:
    return _json([row_payload(x) for x in qa_sampling.samples(session, user)])


Days = Annotated[int, Query(ge=1, le=366)]
Group = Annotated[Literal["agent", "criterion", "channel"], Query()]
Interval = Annotated[Literal["week", "day"], Query()]


@router.get("/dashboard", response_model=DashboardOut, responses=ERRORS)
def get_dashboard(
    user: CurrentUser, session: ReadSession, days: Days = 28, group: Group = "agent", interval: Interval = "week"
) -> Response:
    return _json(qa_dashboard.dashboard(session, user, days, group, interval))


@router.get(
    "/dashboard.csv",
    responses={200: {"content": {"text/csv": {}}}, **ERRORS},
    summary="The dashboard's points as CSV, one row per series and interval",
)
def get_dashboard_csv(
    user: CurrentUser, session: ReadSession, days: Days = 28, group: Group = "agent", interval: Interval = "week"
) -> Response:
    text = qa_dashboard.dashboard_csv(qa_dashboard.dashboard(session, user, days, group, interval))
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="qa-{group}-{interval}.csv"'},
    )
