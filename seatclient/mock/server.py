"""The mock backend: the backend contract served by FastAPI, for training, demos and tests.

It implements the same contract the province's platform is expected to honour, so the client runs
the same code path in training and in production. State lives in memory (``MockWorld``).

# No ``from __future__ import annotations`` here: FastAPI reads the endpoints' annotations at run time,
# and the dependency aliases are local to ``create_app``.
"""

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel

from seatclient.api.models import (
    API_PREFIX,
    EVENT_RESYNC,
    EVENT_SEAT_STATE,
    EVENT_SIGNED_OUT,
    Accepted,
    Agent,
    ConfigBundle,
    ErrorBody,
    Health,
    ReasonCode,
    RefreshRequest,
    SeatState,
    SeatStatus,
    SignInRequest,
    SignInResponse,
    StateChangeRequest,
    TokenPair,
)
from seatclient.mock.state import Failure, MockOptions, MockWorld, Session, bundle_version
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
    slow backend can be shown as well as a broken one.
    """

    path_prefix: str
    status: int | None = 503
    count: int = 1
    delay: float = 0.0


class InjectedEvent(BaseModel):
    """An event to push to one agent's stream (trainers and tests)."""

    job_number: str
    type: str
    data: dict[str, Any] = {}


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
                return _error_response(
                    fault.status, ErrorBody(code="injected_failure", message="模拟的服务器故障")
                )
        return await call_next(request)

    def current_session(authorization: Annotated[str | None, Header()] = None) -> Session:
        if not authorization or not authorization.startswith("Bearer "):
            raise ApiError(401, "unauthorized", "未登录")
        session = world.sessions_by_access.get(authorization.removeprefix("Bearer "))
        if session is None:
            raise ApiError(401, "unauthorized", "登录已失效，请重新签入")
        if session.access_expires <= time.monotonic():
            raise ApiError(401, "token_expired", "访问令牌已过期")
        return session

    SignedIn = Annotated[Session, Depends(current_session)]  # noqa: N806 - a type alias

    async def idempotent(
        session: Session, key: str | None, compute: Callable[[], Awaitable[tuple[int, BaseModel]]]
    ) -> JSONResponse:
        """Answer a repeated ``Idempotency-Key`` with the first reply instead of acting twice."""
        if key:
            stored = world.idempotent_replies.get((session.account.job_number, key))
            if stored is not None:
                return JSONResponse(status_code=stored[0], content=stored[1])
        status, model = await compute()
        content = model.model_dump(mode="json")
        if key:
            world.idempotent_replies[(session.account.job_number, key)] = (status, content)
        return JSONResponse(status_code=status, content=content)

    async def announce_seat(status: SeatStatus) -> None:
        await world.hub.publish(status.job_number, EVENT_SEAT_STATE, status.model_dump(mode="json"))

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
        status = world.set_seat(account.job_number, body.seat_id, SeatState.AWAY, "after_sign_in")
        await announce_seat(status)
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

    @app.delete(f"{API_PREFIX}/session", status_code=204)
    async def sign_out(session: SignedIn) -> Response:
        job_number = session.account.job_number
        status = world.set_seat(job_number, session.seat_id, SeatState.SIGNED_OUT, None)
        await announce_seat(status)
        await world.hub.publish(job_number, EVENT_SIGNED_OUT, {"reason": "signed_out"})
        world.close_sessions_of(job_number)
        return Response(status_code=204)

    @app.get(f"{API_PREFIX}/seat/reasons", response_model=list[ReasonCode])
    async def reasons(_: SignedIn) -> list[ReasonCode]:
        return world.reason_codes()

    @app.get(f"{API_PREFIX}/seat/state", response_model=SeatStatus)
    async def seat_state(session: SignedIn) -> SeatStatus:
        return world.seats[session.account.job_number]

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
        async def compute() -> tuple[int, BaseModel]:
            job_number = session.account.job_number
            current = world.seats[job_number]
            if body.state == "away":
                selectable = {r.code for r in world.reason_codes() if r.selectable}
                if body.reason_code not in selectable:
                    raise ApiError(
                        422, "invalid_reason", "请选择示忙原因", {"reason_code": "不是可选的示忙原因"}
                    )
            if current.state not in (SeatState.READY, SeatState.AWAY):
                raise ApiError(409, "illegal_transition", f"当前状态（{current.state.value}）不能切换")
            reason = body.reason_code if body.state == "away" else None
            status = world.set_seat(job_number, session.seat_id, SeatState(body.state), reason)
            await announce_seat(status)
            return 202, Accepted(request_id=str(uuid.uuid4()), status=status)

        return await idempotent(session, idempotency_key, compute)

    @app.get(f"{API_PREFIX}/config", response_model=ConfigBundle)
    async def config_bundle(_: SignedIn, if_none_match: Annotated[str | None, Header()] = None) -> Response:
        files = world.config_files()
        version = bundle_version(files)
        if if_none_match == version:
            return Response(status_code=304, headers={"ETag": version})
        body = ConfigBundle(version=version, files=files).model_dump(mode="json")
        return JSONResponse(body, headers={"ETag": version})

    @app.get(
        f"{API_PREFIX}/events",
        response_class=StreamingResponse,
        responses={200: {"content": {"text/event-stream": {}}}},
    )
    async def events(
        session: SignedIn, last_event_id: Annotated[str | None, Header()] = None
    ) -> StreamingResponse:
        job_number = session.account.job_number
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
            try:
                last = log.latest_id if resume_from is None else resume_from
                if resume_from is not None and not log.can_resume_from(resume_from):
                    yield _sse_frame(None, EVENT_RESYNC, json.dumps({"reason": "history_lost"}))
                    last = log.latest_id
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

        return StreamingResponse(
            stream(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    if opts.admin:

        @app.post("/mock/streams/cut", status_code=204, tags=["mock"])
        async def cut_streams() -> Response:
            await world.hub.cut_all_streams()
            return Response(status_code=204)

        @app.post("/mock/tokens/expire", status_code=204, tags=["mock"])
        async def expire_tokens() -> Response:
            world.expire_access_tokens()
            return Response(status_code=204)

        @app.post("/mock/failures", status_code=204, tags=["mock"])
        async def inject_failure(body: InjectedFailure) -> Response:
            world.failures.append(Failure(body.path_prefix, body.status, body.count, body.delay))
            return Response(status_code=204)

        @app.post("/mock/events", status_code=202, tags=["mock"])
        async def inject_event(body: InjectedEvent) -> dict[str, int]:
            event = await world.hub.publish(body.job_number, body.type, body.data)
            return {"id": event.id}

        @app.get("/mock/streams", tags=["mock"])
        async def stream_count() -> dict[str, int]:
            return {"open": world.hub.open_streams}

    return app
