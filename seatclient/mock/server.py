"""The mock backend: the backend contract served by FastAPI, for training, demos and tests.

It implements the same contract the province's platform is expected to honour, so the client runs
the same code path in training and in production. State lives in memory (``MockWorld``).

# No ``from __future__ import annotations`` here: FastAPI reads the endpoints' annotations at run time,
# and the dependency aliases are local to ``create_app``.
"""

import asyncio
import hashlib
import json
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel

from seatclient.api.models import (
    API_PREFIX,
    EVENT_RESYNC,
    EVENT_SIGNED_OUT,
    Accepted,
    Agent,
    CallInfo,
    ConfigBundle,
    DtmfRequest,
    ErrorBody,
    FloorSnapshot,
    ForceSeatRequest,
    Health,
    KnowledgeFeedbackRequest,
    OrderAck,
    OrderDetail,
    OrderList,
    OrderRequest,
    PendingRequest,
    QueueInfo,
    ReasonCode,
    RefreshRequest,
    Role,
    SeatStatus,
    SignInRequest,
    SignInResponse,
    StateChangeRequest,
    TokenPair,
)
from seatclient.knowledge.sync import ChangeBatch, CursorError, serve_changes
from seatclient.mock.floor import AuditEntry
from seatclient.mock.hall import CallControlRefused
from seatclient.mock.orders import OrderRejected
from seatclient.mock.state import Failure, MockOptions, MockWorld, Session, bundle_version
from seatclient.seat import (
    Answer,
    CancelPending,
    EndWrapUp,
    ExtendWrapUp,
    ForcedState,
    GoAway,
    GoReady,
    HangUp,
    Hold,
    OrderSaved,
    PendingKind,
    PendingNext,
    Refused,
    Resume,
    SeatState,
    SetPending,
    SignOut,
)
from seatclient.seat import Request as SeatRequest
from seatclient.version import __version__


class ApiError(Exception):
    """An error answer with a stable code the client maps to its own message."""

    def __init__(self, status: int, code: str, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.body = ErrorBody(code=code, message=message, fields=fields or {})


def _error_response(status: int, body: ErrorBody) -> JSONResponse:
    return JSONResponse(status_code=status, content=body.model_dump())


def _sse_frame(event_id: int | None, event_type: str, data: str) -> bytes:
    lines = []
    if event_id is not None:
        lines.append(f"id: {event_id}")
    lines.append(f"event: {event_type}")
    lines.append(f"data: {data}")
    return ("\n".join(lines) + "\n\n").encode("utf-8")


class InjectedFailure(BaseModel):
    """Arm a fault for the next ``count`` requests under ``path_prefix`` (trainers and tests).

    With ``status`` the request fails with it; ``delay`` seconds are waited first either way, so a
    slow backend can be shown as well as a broken one. ``retry_after`` (seconds, or an HTTP date
    as text) goes out as the failure's ``Retry-After`` header, as an overloaded backend sends it.
    ``fields`` (field → problem) makes the failure a refusal of those fields, e.g. with status 422
    ``{"fields.caller_phone": "号码不存在"}``, to show a refused order coming back to its form.
    """

    path_prefix: str
    status: int | None = 503
    count: int = 1
    delay: float = 0.0
    retry_after: int | str | None = None
    fields: dict[str, str] = {}


class InjectedEvent(BaseModel):
    """An event to push to one agent's stream (trainers and tests)."""

    job_number: str
    type: str
    data: dict[str, Any] = {}


class StreamCut(BaseModel):
    """A simulated network drop: every open stream ends, and new ones are refused for ``block_seconds``."""

    block_seconds: float = 0.0


class PlacedCall(BaseModel):
    """A caller to send into the hall now (trainers and tests).

    ``job_number`` offers the call to that agent only, as soon as their seat is ready;
    ``caller_index`` picks one of the simulated callers; ``patience_seconds`` overrides how long
    this caller waits before hanging up.
    """

    job_number: str | None = None
    caller_index: int | None = None
    patience_seconds: float | None = None


class PlacedCallReply(BaseModel):
    """The call a trainer placed."""

    call_id: str


class ForcedStateRequest(BaseModel):
    """A team leader's forced state for one seat (until the floor view exists, trainers use this)."""

    state: SeatState
    reason_code: str | None = None
    by: str = "班长"


class OrderSettings(BaseModel):
    """How the mock handles orders (trainers and tests): ``delay`` seconds of processing per order,
    so a second request with the same key arrives while the first is still in progress."""

    delay: float = 0.0


class HallSettings(BaseModel):
    """Change the flow of callers while the hall runs (trainers and tests); omitted values stay."""

    calls_per_minute: float | None = None
    calls_per_minute_per_ready_seat: float | None = None
    patience_seconds: float | None = None
    connection_grace_seconds: float | None = None


def session_resolver(world: MockWorld) -> Callable[..., Session]:
    """The dependency that finds the signed-in session of a request's bearer token (401 otherwise).

    Route modules use it as ``Annotated[Session, Depends(session_resolver(world))]``.
    """

    def current_session(authorization: Annotated[str | None, Header()] = None) -> Session:
        if not authorization or not authorization.startswith("Bearer "):
            raise ApiError(401, "unauthorized", "未登录")
        session = world.sessions_by_access.get(authorization.removeprefix("Bearer "))
        if session is None:
            raise ApiError(401, "unauthorized", "登录已失效，请重新签入")
        if session.access_expires <= time.monotonic():
            raise ApiError(401, "token_expired", "访问令牌已过期")
        return session

    return current_session


def team_leader_resolver(world: MockWorld) -> Callable[..., Session]:
    """The dependency that lets only team leaders through (the floor); anyone else gets a 403."""
    SignedIn = Annotated[Session, Depends(session_resolver(world))]  # noqa: N806 - a type alias

    def team_leader(session: SignedIn) -> Session:
        if Role.TEAM_LEADER not in session.account.roles:
            raise ApiError(403, "forbidden", "只有班长可以查看和管理大厅座席")
        return session

    return team_leader


def create_app(options: MockOptions | None = None, world: MockWorld | None = None) -> FastAPI:
    """Build the mock backend application.

    Args:
        options: timings and switches; defaults suit a trainer's lab.
        world: the in-memory state, injected by tests that want to look inside.
    """
    world = world or MockWorld(options=options or MockOptions())
    opts = world.options
    app = FastAPI(
        title="seatclient backend contract",
        version=__version__,
        description="The 12345 seat client's backend contract, served by the training mock.",
    )
    app.state.world = world

    @app.exception_handler(ApiError)
    async def _on_api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _error_response(exc.status, exc.body)

    @app.exception_handler(RequestValidationError)
    async def _on_validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        fields = {".".join(str(p) for p in err["loc"][1:]): err["msg"] for err in exc.errors()}
        return _error_response(
            422, ErrorBody(code="invalid_request", message="请求内容不完整或格式不对", fields=fields)
        )

    @app.middleware("http")
    async def _injected_failures(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        fault = world.take_failure(request.url.path)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.status is not None:
                body = (
                    ErrorBody(code="invalid_order", message="工单内容不完整或有误", fields=fault.fields)
                    if fault.fields
                    else ErrorBody(code="injected_failure", message="模拟的服务器故障")
                )
                failed = _error_response(fault.status, body)
                if fault.retry_after is not None:
                    failed.headers["Retry-After"] = fault.retry_after
                return failed
        return await call_next(request)

    current_session = session_resolver(world)
    SignedIn = Annotated[Session, Depends(current_session)]  # noqa: N806 - a type alias

    hall = world.hall

    async def idempotent(
        session: Session,
        key: str | None,
        compute: Callable[[], Awaitable[tuple[int, BaseModel]]],
        fingerprint: str | None = None,
    ) -> JSONResponse:
        """Answer a repeated ``Idempotency-Key`` with the first reply (a refusal too) instead of acting twice.

        A key whose first request is still being processed gets a 409 ``idempotency_in_progress``
        (try again later); with ``fingerprint``, a key reused for a different request gets a 422.
        """
        ident = (session.account.job_number, key or "")
        if key:
            known = world.idempotent_fingerprints.get(ident)
            if fingerprint is not None and known is not None and known != fingerprint:
                raise ApiError(
                    422, "idempotency_key_reused", "该 Idempotency-Key 已用于另一份不同的请求，请换一个新键"
                )
            stored = world.idempotent_replies.get(ident)
            if stored is not None:
                return JSONResponse(status_code=stored[0], content=stored[1])
            if ident in world.idempotent_in_progress:
                raise ApiError(409, "idempotency_in_progress", "同一请求正在处理中，请稍后再试")
            world.idempotent_in_progress.add(ident)
            if fingerprint is not None:
                world.idempotent_fingerprints[ident] = fingerprint
        try:
            status, model = await compute()
        except ApiError as exc:
            if key and exc.status != 401:
                world.idempotent_replies[ident] = (exc.status, exc.body.model_dump(mode="json"))
            raise
        except BaseException:
            # Nothing was decided: the same key may try again.
            world.idempotent_fingerprints.pop(ident, None)
            raise
        finally:
            world.idempotent_in_progress.discard(ident)
        content = model.model_dump(mode="json")
        if key:
            world.idempotent_replies[ident] = (status, content)
        return JSONResponse(status_code=status, content=content)

    team_leader = team_leader_resolver(world)
    TeamLeader = Annotated[Session, Depends(team_leader)]  # noqa: N806 - a type alias

    def seat_of(session: Session) -> SeatStatus:
        status = hall.status(session.account.job_number)
        if status is None:
            raise ApiError(401, "unauthorized", "登录已失效，请重新签入")
        return status

    def perform(session: Session, request: SeatRequest, call: CallInfo | None = None) -> Accepted:
        """Run an agent's request through the seat machine; a refusal is a 409 with its message."""
        decision = hall.request(session.account.job_number, request)
        if isinstance(decision, Refused):
            raise ApiError(409, decision.code.value, decision.message)
        call_id = seat_of(session).call_id
        current_call = call or (hall.call_info(call_id) if call_id else None)
        return Accepted(
            request_id=str(uuid.uuid4()),
            status=seat_of(session),
            call=current_call,
            server_time=datetime.now(UTC),
        )

    def call_of(session: Session, call_id: str) -> None:
        try:
            hall.current_call(session.account.job_number, call_id)
        except CallControlRefused as exc:
            raise ApiError(409, exc.code, exc.message) from exc

    Refusal: dict[int | str, dict[str, Any]] = {409: {"model": ErrorBody}}  # noqa: N806 - a constant

    @app.get(f"{API_PREFIX}/health", response_model=Health)
    async def health() -> Health:
        return Health(server_time=datetime.now(UTC), version=__version__, training=opts.training)

    @app.post(f"{API_PREFIX}/session", response_model=SignInResponse, responses={401: {"model": ErrorBody}})
    async def sign_in(body: SignInRequest) -> SignInResponse:
        account = world.check_password(body.job_number, body.password)
        if account is None:
            raise ApiError(401, "invalid_credentials", "工号或密码错误")
        holder = world.seat_holder(body.seat_id)
        if holder is not None and holder.account.job_number != account.job_number:
            raise ApiError(
                409, "seat_taken", f"座席 {body.seat_id} 已由工号 {holder.account.job_number} 签入"
            )
        session = world.open_session(account, body.seat_id)
        hall.sign_in(account.job_number, body.seat_id)
        return SignInResponse(
            access_token=session.access_token,
            refresh_token=session.refresh_token,
            expires_in=opts.access_ttl,
            agent=Agent(
                job_number=account.job_number, name=account.name, roles=list(account.roles), team=account.team
            ),
            seat_id=body.seat_id,
            hall_id=opts.hall_id,
            server_time=datetime.now(UTC),
        )

    @app.post(
        f"{API_PREFIX}/session/refresh", response_model=TokenPair, responses={401: {"model": ErrorBody}}
    )
    async def refresh(body: RefreshRequest) -> TokenPair:
        session = world.sessions_by_refresh.get(body.refresh_token)
        if session is None or session.refresh_expires <= time.monotonic():
            raise ApiError(401, "refresh_invalid", "登录已失效，请重新签入")
        world.rotate_tokens(session)
        return TokenPair(
            access_token=session.access_token, refresh_token=session.refresh_token, expires_in=opts.access_ttl
        )

    @app.delete(f"{API_PREFIX}/session", status_code=204, responses=Refusal)
    async def sign_out(session: SignedIn) -> Response:
        """Sign out (签出): refused during a call; book “sign out after this call” instead."""
        job_number = session.account.job_number
        perform(session, SignOut())
        world.hub.publish_nowait(job_number, EVENT_SIGNED_OUT, {"reason": "signed_out"})
        world.close_sessions_of(job_number)
        return Response(status_code=204)

    @app.get(f"{API_PREFIX}/seat/reasons", response_model=list[ReasonCode])
    async def reasons(_: SignedIn) -> list[ReasonCode]:
        return world.reason_codes()

    @app.get(f"{API_PREFIX}/seat/state", response_model=SeatStatus)
    async def seat_state(session: SignedIn) -> SeatStatus:
        return seat_of(session)

    @app.post(
        f"{API_PREFIX}/seat/state",
        status_code=202,
        response_model=Accepted,
        responses={409: {"model": ErrorBody}, 422: {"model": ErrorBody}},
    )
    async def change_state(
        body: StateChangeRequest,
        session: SignedIn,
        idempotency_key: Annotated[str | None, Header()] = None,
    ) -> JSONResponse:
        """示闲 or 示忙 with a reason; from wrap-up this ends it (the order must be saved first)."""

        async def compute() -> tuple[int, BaseModel]:
            if body.state == "away":
                selectable = {r.code for r in world.reason_codes() if r.selectable}
                if body.reason_code not in selectable:
                    raise ApiError(
                        422, "invalid_reason", "请选择示忙原因", {"reason_code": "不是可选的示忙原因"}
                    )
                return 202, perform(session, GoAway(str(body.reason_code)))
            return 202, perform(session, GoReady())

        return await idempotent(session, idempotency_key, compute)

    def seat_command(
        path: str, summary: str, request: Callable[[], SeatRequest], method: str = "post"
    ) -> None:
        """Declare one seat command endpoint that runs ``request()`` through the machine."""

        async def endpoint(
            session: SignedIn, idempotency_key: Annotated[str | None, Header()] = None
        ) -> JSONResponse:
            async def compute() -> tuple[int, BaseModel]:
                return 202, perform(session, request())

            return await idempotent(session, idempotency_key, compute)

        app.add_api_route(
            f"{API_PREFIX}{path}",
            endpoint,
            methods=[method.upper()],
            status_code=202,
            response_model=Accepted,
            responses=Refusal,
            summary=summary,
            name=f"{method}_{path.strip('/').replace('/', '_').replace('-', '_')}",
        )

    @app.post(
        f"{API_PREFIX}/seat/pending",
        status_code=202,
        response_model=Accepted,
        responses={409: {"model": ErrorBody}, 422: {"model": ErrorBody}},
    )
    async def set_pending(
        body: PendingRequest,
        session: SignedIn,
        idempotency_key: Annotated[str | None, Header()] = None,
    ) -> JSONResponse:
        """Book the state to take after this call and its wrap-up (通话后示忙 / 通话后签出)."""

        async def compute() -> tuple[int, BaseModel]:
            try:
                wanted = (
                    PendingNext.go_away(str(body.reason_code or ""))
                    if body.kind is PendingKind.away
                    else PendingNext.sign_out()
                )
                if body.kind is PendingKind.sign_out and body.reason_code:
                    raise ValueError("sign_out takes no reason")
            except ValueError as exc:
                raise ApiError(
                    422, "invalid_request", "预约示忙需要原因，预约签出不带原因", {"reason_code": str(exc)}
                ) from exc
            return 202, perform(session, SetPending(wanted))

        return await idempotent(session, idempotency_key, compute)

    seat_command("/seat/pending", "Cancel the booked next state (取消预约)", CancelPending, method="delete")
    seat_command("/seat/wrap-up/extend", "Extend the wrap-up once (延长话后整理)", ExtendWrapUp)
    seat_command("/seat/wrap-up/end", "End the wrap-up (结束话后整理)", EndWrapUp)

    def call_command(action: str, summary: str, request: Callable[[str], SeatRequest]) -> None:
        """Declare one call control endpoint that runs ``request(call_id)`` through the machine."""

        async def endpoint(
            call_id: str, session: SignedIn, idempotency_key: Annotated[str | None, Header()] = None
        ) -> JSONResponse:
            async def compute() -> tuple[int, BaseModel]:
                call_of(session, call_id)
                return 202, perform(session, request(call_id))

            return await idempotent(session, idempotency_key, compute)

        app.add_api_route(
            f"{API_PREFIX}/calls/{{call_id}}/{action}",
            endpoint,
            methods=["POST"],
            status_code=202,
            response_model=Accepted,
            responses=Refusal,
            summary=summary,
            name=f"call_{action.replace('-', '_')}",
        )

    call_command("answer", "Answer the ringing call (接听)", lambda _: Answer())
    call_command("hangup", "Hang up; wrap-up starts (挂断)", lambda _: HangUp())
    call_command("hold", "Put the caller on hold (保持)", lambda _: Hold())
    call_command("resume", "Take the caller back from hold (取回)", lambda _: Resume())
    call_command("order-saved", "The order of this call was saved (工单已保存)", OrderSaved)

    def mute_command(action: str, summary: str, muted: bool) -> None:
        """Declare the mute or unmute endpoint (the seat state does not change)."""

        async def endpoint(
            call_id: str, session: SignedIn, idempotency_key: Annotated[str | None, Header()] = None
        ) -> JSONResponse:
            async def compute() -> tuple[int, BaseModel]:
                try:
                    info = hall.set_muted(session.account.job_number, call_id, muted)
                except CallControlRefused as exc:
                    raise ApiError(409, exc.code, exc.message) from exc
                return 202, Accepted(
                    request_id=str(uuid.uuid4()),
                    status=seat_of(session),
                    call=info,
                    server_time=datetime.now(UTC),
                )

            return await idempotent(session, idempotency_key, compute)

        app.add_api_route(
            f"{API_PREFIX}/calls/{{call_id}}/{action}",
            endpoint,
            methods=["POST"],
            status_code=202,
            response_model=Accepted,
            responses=Refusal,
            summary=summary,
            name=f"call_{action}",
        )

    mute_command("mute", "Mute the agent's microphone (静音)", True)
    mute_command("unmute", "Unmute the agent's microphone (取消静音)", False)

    @app.post(
        f"{API_PREFIX}/calls/{{call_id}}/dtmf", status_code=202, response_model=Accepted, responses=Refusal
    )
    async def send_dtmf(
        call_id: str,
        body: DtmfRequest,
        session: SignedIn,
        idempotency_key: Annotated[str | None, Header()] = None,
    ) -> JSONResponse:
        """Send DTMF digits on the answered call (拨号键)."""

        async def compute() -> tuple[int, BaseModel]:
            try:
                info = hall.send_dtmf(session.account.job_number, call_id, body.digits)
            except CallControlRefused as exc:
                raise ApiError(409, exc.code, exc.message) from exc
            return 202, Accepted(
                request_id=str(uuid.uuid4()),
                status=seat_of(session),
                call=info,
                server_time=datetime.now(UTC),
            )

        return await idempotent(session, idempotency_key, compute)

    @app.get(
        f"{API_PREFIX}/calls/{{call_id}}", response_model=CallInfo, responses={404: {"model": ErrorBody}}
    )
    async def call_details(call_id: str, session: SignedIn) -> CallInfo:
        """One call this seat has had (to restore the call panel after a reconnect)."""
        info = hall.call_info(call_id)
        call = hall.calls.get(call_id)
        if info is None or call is None or call.job_number not in (None, session.account.job_number):
            raise ApiError(404, "unknown_call", f"没有通话 {call_id}")
        return info

    @app.get(f"{API_PREFIX}/queue", response_model=QueueInfo)
    async def queue_info(_: SignedIn) -> QueueInfo:
        """The hall's queue: callers waiting, the longest wait, ready seats."""
        return hall.queue_info()

    @app.get(f"{API_PREFIX}/config", response_model=ConfigBundle)
    async def config_bundle(_: SignedIn, if_none_match: Annotated[str | None, Header()] = None) -> Response:
        files = world.config_files()
        version = bundle_version(files)
        if if_none_match == version:
            return Response(status_code=304, headers={"ETag": version})
        body = ConfigBundle(version=version, files=files).model_dump(mode="json")
        return JSONResponse(body, headers={"ETag": version})

    OrderRefusals: dict[int | str, dict[str, Any]] = {  # noqa: N806 - a constant
        400: {"model": ErrorBody},
        409: {"model": ErrorBody},
        422: {"model": ErrorBody},
    }

    @app.post(f"{API_PREFIX}/orders", status_code=201, response_model=OrderAck, responses=OrderRefusals)
    async def create_order(
        body: OrderRequest,
        session: SignedIn,
        idempotency_key: Annotated[str | None, Header()] = None,
    ) -> JSONResponse:
        """Register an order (工单) with its disposition; the ``Idempotency-Key`` makes a resend harmless.

        A repeated key gets the first answer (status and body); while the first request with the
        key is still processed, 409 ``idempotency_in_progress``. Problems are a 422 naming each field.
        """
        if not idempotency_key:
            raise ApiError(400, "idempotency_key_required", "提交工单须带 Idempotency-Key 请求头")
        fingerprint = hashlib.sha256(body.model_dump_json().encode("utf-8")).hexdigest()

        async def compute() -> tuple[int, BaseModel]:
            if world.order_delay > 0:
                await asyncio.sleep(world.order_delay)
            try:
                return 201, world.orders.create(body)
            except OrderRejected as exc:
                raise ApiError(422, "invalid_order", exc.message, exc.fields) from exc

        return await idempotent(session, idempotency_key, compute, fingerprint)

    @app.get(f"{API_PREFIX}/orders", response_model=OrderList)
    async def orders_of_caller(
        _: SignedIn, phone: Annotated[str, Query(min_length=3, max_length=32)]
    ) -> OrderList:
        """A caller's earlier orders with status and due date, newest first (repeat callers)."""
        return OrderList(orders=world.orders.for_phone(phone))

    @app.get(
        f"{API_PREFIX}/orders/{{order_number}}",
        response_model=OrderDetail,
        responses={404: {"model": ErrorBody}},
    )
    async def order_detail(order_number: str, _: SignedIn) -> OrderDetail:
        """One order in full: “how is my matter going”."""
        detail = world.orders.detail(order_number)
        if detail is None:
            raise ApiError(404, "unknown_order", f"没有工单 {order_number}")
        return detail

    @app.get(
        f"{API_PREFIX}/knowledge/changes",
        response_model=ChangeBatch,
        responses={422: {"model": ErrorBody}},
    )
    async def knowledge_changes(
        _: SignedIn,
        cursor: str = "",
        page_size: Annotated[int, Query(ge=1, le=1000)] = 200,
    ) -> ChangeBatch:
        """The knowledge changes after ``cursor`` (empty: from the beginning), a page at a time."""
        try:
            return serve_changes(world.knowledge, cursor, page_size)
        except CursorError as exc:
            raise ApiError(422, "invalid_cursor", str(exc), {"cursor": str(exc)}) from exc

    @app.post(
        f"{API_PREFIX}/knowledge/{{article_id}}/feedback",
        status_code=204,
        responses={404: {"model": ErrorBody}},
    )
    async def knowledge_feedback(
        article_id: str, body: KnowledgeFeedbackRequest, session: SignedIn
    ) -> Response:
        """A call-taker says an article helped or is out of date (for the knowledge editors)."""
        if not any(article.id == article_id for article in world.knowledge):
            raise ApiError(404, "unknown_article", f"知识库中没有编号为 {article_id} 的知识")
        world.knowledge_feedback.append(
            {
                "article_id": article_id,
                "kind": body.kind,
                "note": body.note,
                "job_number": session.account.job_number,
                "at": datetime.now(UTC).isoformat(),
            }
        )
        return Response(status_code=204)

    @app.get(f"{API_PREFIX}/floor", response_model=FloorSnapshot, responses={403: {"model": ErrorBody}})
    async def floor_snapshot(_: TeamLeader) -> FloorSnapshot:
        """The whole floor: every seat and today's figures (team leaders only)."""
        return world.floor.snapshot()

    @app.post(
        f"{API_PREFIX}/floor/seats/{{job_number}}/force",
        status_code=202,
        response_model=Accepted,
        responses={
            403: {"model": ErrorBody},
            404: {"model": ErrorBody},
            **Refusal,
            422: {"model": ErrorBody},
        },
    )
    async def force_seat(
        job_number: str,
        body: ForceSeatRequest,
        session: TeamLeader,
        idempotency_key: Annotated[str | None, Header()] = None,
    ) -> JSONResponse:
        """Force a seat ready, away or signed out (班长强制), after its current call if it has one."""

        async def compute() -> tuple[int, BaseModel]:
            status = hall.status(job_number)
            if status is None:
                raise ApiError(404, "unknown_seat", f"工号 {job_number} 没有签入过")
            if status.state is SeatState.SIGNED_OUT:
                raise ApiError(409, "seat_signed_out", f"工号 {job_number} 已签出")
            if body.reason_code is not None and body.reason_code not in world.rules.reasons:
                known = "、".join(world.rules.reasons)
                raise ApiError(
                    422, "invalid_reason", "示忙原因无效", {"reason_code": f"应为以下之一：{known}"}
                )
            try:
                fact = ForcedState(SeatState(body.state), body.reason_code, session.account.job_number)
            except ValueError as exc:
                raise ApiError(
                    422, "invalid_request", "只有强制示忙才带示忙原因", {"reason_code": str(exc)}
                ) from exc
            hall.apply_fact(job_number, fact)
            after = seat_of_job(job_number)
            world.floor.audit.append(
                AuditEntry(
                    at=datetime.now(UTC),
                    by=session.account.job_number,
                    by_name=session.account.name,
                    job_number=job_number,
                    seat_id=after.seat_id,
                    state=body.state,
                    reason_code=body.reason_code,
                    reason=body.reason,
                    applied_now=after.pending_next is None and after.state.value == body.state,
                )
            )
            return 202, Accepted(request_id=str(uuid.uuid4()), status=after, server_time=datetime.now(UTC))

        return await idempotent(session, idempotency_key, compute)

    def seat_of_job(job_number: str) -> SeatStatus:
        status = hall.status(job_number)
        if status is None:
            raise ApiError(404, "unknown_seat", f"工号 {job_number} 没有签入过")
        return status

    @app.get(
        f"{API_PREFIX}/events",
        response_class=StreamingResponse,
        responses={200: {"content": {"text/event-stream": {}}}},
    )
    async def events(
        session: SignedIn, last_event_id: Annotated[str | None, Header()] = None
    ) -> StreamingResponse:
        job_number = session.account.job_number
        if time.monotonic() < world.streams_blocked_until:
            raise ApiError(503, "network_drop", "模拟的网络中断")
        log = world.hub.log_for(job_number)
        try:
            resume_from = int(last_event_id) if last_event_id else None
        except ValueError:
            resume_from = None
        generation = world.hub.stream_generation

        def still_open() -> bool:
            return (
                world.hub.stream_generation == generation and session.access_token in world.sessions_by_access
            )

        async def stream() -> AsyncIterator[bytes]:
            world.hub.open_streams += 1
            hall.stream_opened(job_number)
            try:
                last = log.latest_id if resume_from is None else resume_from
                if resume_from is not None and not log.can_resume_from(resume_from):
                    yield _sse_frame(None, EVENT_RESYNC, json.dumps({"reason": "history_lost"}))
                    last = log.latest_id
                if Role.TEAM_LEADER in session.account.roles:
                    # The whole floor first, on every connect: a delta alone would leave gaps.
                    world.floor.send_snapshot(job_number)
                yield f"retry: 1000\n: connected {datetime.now(UTC).isoformat()}\n\n".encode()
                while still_open():
                    for event in log.after(last):
                        yield _sse_frame(event.id, event.type, event.model_dump_json())
                        last = event.id
                    await log.wait_for_newer(last, opts.heartbeat, still_open)
                    if not log.after(last) and still_open():
                        beat = json.dumps({"server_time": datetime.now(UTC).isoformat()})
                        yield _sse_frame(None, "heartbeat", beat)
            except asyncio.CancelledError:
                raise
            finally:
                world.hub.open_streams -= 1
                hall.stream_closed(job_number)

        return StreamingResponse(
            stream(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    # Imported here: the route module imports this one (ApiError, the resolvers).
    from seatclient.mock.interventions import install_interventions_routes

    install_interventions_routes(app, world)
    from seatclient.mock.training import install_training_routes  # imports this module too

    install_training_routes(app, world)
    from seatclient.mock.transfers import install_transfer_routes  # imports this module too

    install_transfer_routes(app, world)
    from seatclient.mock.order_records import install_order_record_routes  # imports this module too

    install_order_record_routes(app, world)
    from seatclient.mock.config_updates import install_config_routes  # imports this module too

    install_config_routes(app, world)

    if opts.admin:

        @app.post("/mock/streams/cut", status_code=204, tags=["mock"])
        async def cut_streams(body: StreamCut | None = None) -> Response:
            if body is not None and body.block_seconds > 0:
                world.streams_blocked_until = time.monotonic() + body.block_seconds
            await world.hub.cut_all_streams()
            return Response(status_code=204)

        @app.post("/mock/tokens/expire", status_code=204, tags=["mock"])
        async def expire_tokens() -> Response:
            world.expire_access_tokens()
            return Response(status_code=204)

        @app.post("/mock/failures", status_code=204, tags=["mock"])
        async def inject_failure(body: InjectedFailure) -> Response:
            retry_after = None if body.retry_after is None else str(body.retry_after)
            world.failures.append(
                Failure(body.path_prefix, body.status, body.count, body.delay, retry_after, dict(body.fields))
            )
            return Response(status_code=204)

        @app.post("/mock/events", status_code=202, tags=["mock"])
        async def inject_event(body: InjectedEvent) -> dict[str, int]:
            event = await world.hub.publish(body.job_number, body.type, body.data)
            return {"id": event.id}

        @app.get("/mock/streams", tags=["mock"])
        async def stream_count() -> dict[str, int]:
            return {"open": world.hub.open_streams}

        @app.post("/mock/calls", status_code=201, tags=["mock"], response_model=PlacedCallReply)
        async def place_call(body: PlacedCall) -> PlacedCallReply:
            call = hall.place_call(body.caller_index, body.job_number, body.patience_seconds)
            return PlacedCallReply(call_id=call.call_id)

        @app.post("/mock/calls/{call_id}/hangup", status_code=204, tags=["mock"])
        async def caller_hangs_up(call_id: str) -> Response:
            if not hall.caller_hangs_up(call_id):
                raise ApiError(404, "unknown_call", f"没有进行中的通话 {call_id}")
            return Response(status_code=204)

        @app.post("/mock/seats/{job_number}/force", status_code=204, tags=["mock"])
        async def force_state(job_number: str, body: ForcedStateRequest) -> Response:
            if hall.status(job_number) is None:
                raise ApiError(404, "unknown_seat", f"工号 {job_number} 没有签入过")
            try:
                fact = ForcedState(body.state, body.reason_code, body.by)
            except ValueError as exc:
                raise ApiError(422, "invalid_request", str(exc)) from exc
            hall.apply_fact(job_number, fact)
            return Response(status_code=204)

        @app.post("/mock/hall", status_code=204, tags=["mock"])
        async def tune_hall(body: HallSettings) -> Response:
            for name, value in body.model_dump(exclude_none=True).items():
                setattr(hall.tuning, name, value)
            return Response(status_code=204)

        @app.get("/mock/orders", tags=["mock"])
        async def list_orders() -> dict[str, Any]:
            numbers = sorted(world.orders.orders)
            return {"count": len(numbers), "order_numbers": numbers}

        @app.post("/mock/orders/settings", status_code=204, tags=["mock"])
        async def order_settings(body: OrderSettings) -> Response:
            world.order_delay = max(0.0, body.delay)
            return Response(status_code=204)

        @app.get("/mock/units/{unit_id}/inbox", tags=["mock"])
        async def unit_inbox(unit_id: str) -> list[dict[str, Any]]:
            return world.orders.unit_inboxes.get(unit_id, [])

        @app.get("/mock/knowledge/feedback", tags=["mock"])
        async def knowledge_feedback_received() -> list[dict[str, Any]]:
            return world.knowledge_feedback

        @app.get("/mock/audit", tags=["mock"])
        async def audit_trail() -> list[dict[str, Any]]:
            return [entry.to_json() for entry in world.floor.audit]

        @app.get("/mock/hall", tags=["mock"])
        async def describe_hall() -> dict[str, Any]:
            return {**hall.describe(), "queue_info": hall.queue_info().model_dump(mode="json")}

    return app
