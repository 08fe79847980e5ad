"""Test doubles for the outbox: an idempotent order desk, a scripted fake sender, a real HTTP server.

``OrderDesk`` is the backend's side as the real mock must behave: the first request with a key acts
(creates an order, or refuses with field errors) and its answer is stored; a repeated key gets the
stored answer back and acts no more. Every test counts "exactly once" on ``OrderDesk.effects``.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from seatclient.api.errors import BackendError, ErrorKind, classify_response, classify_transport_error
from seatclient.api.models import ErrorBody

OWNER = "8001"
ORDER_PATH = "/api/v1/outbox-test/{kind}"


def payload_for(seq: int, call: str = "call-1") -> dict[str, Any]:
    """A realistic order payload, distinct for each ``seq``."""
    return {
        "call_id": call,
        "seq": seq,
        "fields": {
            "caller_name": f"王{seq}",
            "caller_phone": f"+86138{seq:08d}",
            "event_description": f"第 {seq} 件：小区门口道路破损，雨天积水严重。",
        },
        "disposition": "dispatch",
        "unit_id": "xihu-law-enforcement",
    }


class OrderDesk:
    """The backend's idempotent order intake, shared by the fake sender and the HTTP app (thread-safe).

    Attributes:
        received: the key of every request that reached the backend, repeats included.
        effects: the key of every request that acted (created an order), in order; a key appears
            here at most once if idempotency holds.
        replies: key → (HTTP status, body) of the first answer.
    """

    def __init__(self, reject: Callable[[Mapping[str, Any]], dict[str, str] | None] | None = None) -> None:
        self._lock = threading.Lock()
        self._reject = reject or (lambda payload: None)
        self.received: list[str] = []
        self.effects: list[str] = []
        self.payloads: dict[str, Mapping[str, Any]] = {}
        self.replies: dict[str, tuple[int, dict[str, Any]]] = {}

    def handle(self, kind: str, key: str, payload: Mapping[str, Any]) -> tuple[int, dict[str, Any]]:
        """Act on one request (once per key) and return its answer."""
        with self._lock:
            self.received.append(key)
            stored = self.replies.get(key)
            if stored is not None:
                return stored
            fields = self._reject(payload)
            reply: tuple[int, dict[str, Any]]
            if fields:
                reply = (422, {"code": "validation_failed", "message": "工单内容有误", "fields": fields})
            else:
                self.effects.append(key)
                self.payloads[key] = dict(payload)
                reply = (201, {"order_number": f"HZ{len(self.effects):06d}", "kind": kind})
            self.replies[key] = reply
            return reply


class Fault(Enum):
    """What the fake sender does to one submission instead of delivering it normally."""

    DOWN = "down"
    """The backend cannot be reached: nothing arrives."""
    LOST_ACK = "lost_ack"
    """The backend acts, then the answer is lost (a timeout)."""
    SERVER_ERROR = "server_error"
    """A 503 before acting."""
    SESSION_EXPIRED = "session_expired"
    """A 401: the session is gone."""
    GARBLED = "garbled"
    """The backend acts, and the answer cannot be read."""


@dataclass
class FakeSender:
    """An ``OrderSender`` in process: faults from a script, then the ``OrderDesk``.

    Attributes:
        desk: the backend's side.
        faults: faults for the next submissions, one each, in order.
        poison: payloads for which the backend always answers 500 (a backend bug on that payload).
        calls: the key of every submission the client made, including those that never arrived.
        gate: when set, each submission waits for it (to hold a send in flight).
    """

    desk: OrderDesk = field(default_factory=OrderDesk)
    faults: deque[Fault] = field(default_factory=deque)
    poison: Callable[[Mapping[str, Any]], bool] = lambda payload: False
    calls: list[str] = field(default_factory=list)
    gate: asyncio.Event | None = None

    async def submit(self, kind: str, payload: Mapping[str, Any], idempotency_key: str) -> Mapping[str, Any]:
        """Submit like the real client would, raising ``BackendError`` on failure."""
        self.calls.append(idempotency_key)
        await asyncio.sleep(0)
        if self.gate is not None:
            await self.gate.wait()
        fault = self.faults.popleft() if self.faults else None
        if fault is Fault.DOWN:
            raise BackendError(ErrorKind.UNREACHABLE)
        if fault is Fault.SERVER_ERROR:
            raise BackendError(ErrorKind.SERVER_ERROR, 503, ErrorBody(code="unavailable", message="维护中"))
        if fault is Fault.SESSION_EXPIRED:
            raise BackendError(
                ErrorKind.SESSION_EXPIRED, 401, ErrorBody(code="unauthorized", message="登录已失效")
            )
        if self.poison(payload):
            raise BackendError(ErrorKind.SERVER_ERROR, 500, ErrorBody(code="internal", message="内部错误"))
        status, body = self.desk.handle(kind, idempotency_key, payload)
        if fault is Fault.LOST_ACK:
            raise BackendError(ErrorKind.TIMEOUT)
        if fault is Fault.GARBLED:
            raise BackendError(ErrorKind.PROTOCOL, 200)
        if status >= 400:
            raise BackendError(ErrorKind.REJECTED, status, ErrorBody.model_validate(body))
        return body


class FakeClock:
    """A monotonic clock that only moves when the outbox sleeps on it; records every sleep."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        """The current time."""
        return self.now

    async def sleep(self, seconds: float) -> None:
        """Advance the clock at once, then let the loop run."""
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


@dataclass
class HoldSwitch:
    """Holds the answer to the ``nth`` distinct request (1-based) until ``release`` is set.

    The request has acted when ``held`` is set: the client is then killed "after the request left
    and before the answer was recorded".
    """

    nth: int
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    _seen: list[str] = field(default_factory=list)

    def should_hold(self, key: str) -> bool:
        """Whether this request is the one to hold (first time the ``nth`` key is seen)."""
        if key in self._seen:
            return False
        self._seen.append(key)
        return len(self._seen) == self.nth


def order_app(desk: OrderDesk, hold: HoldSwitch | None = None) -> Starlette:
    """A tiny backend: ``POST /api/v1/outbox-test/{kind}`` with an ``Idempotency-Key``, answered by ``desk``."""

    async def submit(request: Request) -> JSONResponse:
        key = request.headers.get("Idempotency-Key")
        if not key:
            return JSONResponse({"code": "key_required", "message": "缺少 Idempotency-Key"}, status_code=400)
        payload = await request.json()
        status, body = desk.handle(request.path_params["kind"], key, payload)
        if hold is not None and hold.should_hold(key):
            hold.held.set()
            while not hold.release.is_set():
                await asyncio.sleep(0.01)
        return JSONResponse(body, status_code=status)

    return Starlette(routes=[Route(ORDER_PATH, submit, methods=["POST"])])


class HttpOrderSender:
    """An ``OrderSender`` over real HTTP to ``order_app``, classifying failures as ``ApiClient`` does."""

    def __init__(self, base_url: str, timeout: float = 5.0) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(timeout), trust_env=False)

    async def submit(self, kind: str, payload: Mapping[str, Any], idempotency_key: str) -> Mapping[str, Any]:
        """POST the payload with its key."""
        try:
            response = await self._http.post(
                ORDER_PATH.format(kind=kind), json=dict(payload), headers={"Idempotency-Key": idempotency_key}
            )
        except httpx.TransportError as exc:
            raise classify_transport_error(exc) from exc
        if response.status_code >= 400:
            raise classify_response(response)
        answer: dict[str, Any] = response.json()
        return answer

    async def aclose(self) -> None:
        """Close the connections."""
        await self._http.aclose()


def free_port() -> int:
    """A loopback TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerThread:
    """Serves an app with uvicorn on 127.0.0.1 in a daemon thread."""

    def __init__(self, app: Starlette, port: int | None = None) -> None:
        self.port = port if port is not None else free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off", ws="none"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> ServerThread:
        """Start serving; returns once the port accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop serving and wait for the thread."""
        self._server.should_exit = True
        self._thread.join(timeout=10)
