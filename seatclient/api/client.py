"""The backend client: REST calls over httpx with token refresh and classified errors."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from seatclient.api.errors import BackendError, ErrorKind, classify_response, classify_transport_error
from seatclient.api.models import (
    API_PREFIX,
    Accepted,
    CallInfo,
    ConfigBundle,
    DtmfRequest,
    FloorSnapshot,
    ForceSeatRequest,
    Health,
    KnowledgeFeedbackRequest,
    OrderAck,
    OrderDetail,
    OrderList,
    OrderSummary,
    PendingRequest,
    QueueInfo,
    ReasonCode,
    RefreshRequest,
    SeatStatus,
    SignInRequest,
    SignInResponse,
    StateChangeRequest,
    TokenPair,
)
from seatclient.version import __version__

ModelT = TypeVar("ModelT", bound=BaseModel)

USER_AGENT = f"seatclient/{__version__}"

KEEPALIVE_SECONDS = 2.0
"""How long an idle connection is kept for reuse: shorter than servers' own idle limits (uvicorn's
5 s, common proxies' 60 s), so the client never sends a request on a connection the server is closing."""
CALL_ACTIONS = frozenset({"answer", "hangup", "hold", "resume", "mute", "unmute", "order-saved"})


def make_http_client(base_url: str, verify: str | bool = True, timeout: float = 10.0) -> httpx.AsyncClient:
    """Build the httpx client every backend call goes through.

    Args:
        base_url: the backend's root URL.
        verify: ``True`` for the system CAs, or the path of the hall's CA bundle.
        timeout: seconds for connecting and for each read of an ordinary call.
    """
    tls: ssl.SSLContext | bool = (
        ssl.create_default_context(cafile=verify) if isinstance(verify, str) else verify
    )
    return httpx.AsyncClient(
        base_url=base_url,
        verify=tls,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": USER_AGENT},
        limits=httpx.Limits(keepalive_expiry=KEEPALIVE_SECONDS),
        trust_env=False,
    )


def _safe_to_repeat(method: str, headers: Any) -> bool:
    """Whether sending the request twice cannot act twice: a read, or a write the backend deduplicates."""
    if method.upper() in ("GET", "HEAD", "OPTIONS"):
        return True
    return isinstance(headers, dict) and any(name.lower() == "idempotency-key" for name in headers)


class ApiClient:
    """Talks to the backend contract; holds the tokens of one signed-in session in memory only.

    An expired access token is refreshed once, transparently, and the call retried; every failure
    surfaces as a ``BackendError`` whose ``user_message()`` explains it.
    """

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._tokens: TokenPair | None = None
        self._refresh_lock = asyncio.Lock()

    @property
    def base_url(self) -> str:
        """The backend's root URL."""
        return str(self._http.base_url)

    @property
    def signed_in(self) -> bool:
        """Whether the client holds tokens."""
        return self._tokens is not None

    async def aclose(self) -> None:
        """Close the connections."""
        await self._http.aclose()

    async def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            try:
                response = await self._http.request(method, f"{API_PREFIX}{path}", **kwargs)
            except httpx.RemoteProtocolError:
                # A reused connection the server closed as the request went out: nothing was
                # processed, so a request that is safe to repeat goes once more on a fresh one.
                if not _safe_to_repeat(method, kwargs.get("headers")):
                    raise
                response = await self._http.request(method, f"{API_PREFIX}{path}", **kwargs)
        except httpx.TransportError as exc:
            raise classify_transport_error(exc) from exc
        if response.status_code >= 400:
            raise classify_response(response)
        return response

    def _auth_headers(self) -> dict[str, str]:
        if self._tokens is None:
            raise BackendError(ErrorKind.SESSION_EXPIRED)
        return {"Authorization": f"Bearer {self._tokens.access_token}"}

    async def _authorized(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", None) or {})
        used_token = self._tokens.access_token if self._tokens else None
        try:
            return await self._send(method, path, headers={**headers, **self._auth_headers()}, **kwargs)
        except BackendError as exc:
            if (
                exc.kind is not ErrorKind.SESSION_EXPIRED
                or exc.body is None
                or exc.body.code != "token_expired"
            ):
                raise
        await self.refresh(used_token)
        return await self._send(method, path, headers={**headers, **self._auth_headers()}, **kwargs)

    @staticmethod
    def _parse(model: type[ModelT], response: httpx.Response) -> ModelT:
        try:
            return model.model_validate(response.json())
        except (ValueError, ValidationError) as exc:
            raise BackendError(ErrorKind.PROTOCOL, response.status_code) from exc

    async def authorized_request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Send a request of the signed-in session (``path`` under the API prefix), refreshing an expired token once.

        For the feature adapters beside this client (orders, floor, transfers, training).

        Raises:
            BackendError: the request failed; ``user_message()`` says why.
        """
        return await self._authorized(method, path, **kwargs)

    @staticmethod
    def parse_model(model: type[ModelT], response: httpx.Response) -> ModelT:
        """Read ``response`` as ``model``; a body that does not fit is a protocol error.

        Raises:
            BackendError: of kind ``PROTOCOL``.
        """
        return ApiClient._parse(model, response)

    async def health(self) -> Health:
        """Ask whether the backend is up, and whether it is a training backend."""
        return self._parse(Health, await self._send("GET", "/health"))

    async def sign_in(self, job_number: str, password: str, seat_id: str) -> SignInResponse:
        """Sign in; on success the client holds the session's tokens."""
        request = SignInRequest(
            job_number=job_number, password=password, seat_id=seat_id, client_version=__version__
        )
        response = await self._send("POST", "/session", json=request.model_dump())
        result = self._parse(SignInResponse, response)
        self._tokens = TokenPair(
            access_token=result.access_token, refresh_token=result.refresh_token, expires_in=result.expires_in
        )
        return result

    async def refresh(self, expired_token: str | None = None) -> None:
        """Exchange the refresh token for new tokens, once even when several calls ask at the same time.

        Args:
            expired_token: the access token the caller saw rejected; when another task has already
                replaced it, nothing is sent.
        """
        async with self._refresh_lock:
            if self._tokens is None:
                raise BackendError(ErrorKind.SESSION_EXPIRED)
            if expired_token is not None and self._tokens.access_token != expired_token:
                return
            body = RefreshRequest(refresh_token=self._tokens.refresh_token).model_dump()
            try:
                response = await self._send("POST", "/session/refresh", json=body)
            except BackendError as exc:
                if exc.status == 401:
                    self._tokens = None
                    raise BackendError(ErrorKind.SESSION_EXPIRED, exc.status, exc.body) from exc
                raise
            self._tokens = self._parse(TokenPair, response)

    async def sign_out(self) -> None:
        """End the session at the backend and forget the tokens.

        Raises:
            BackendError: ``REJECTED`` when the backend refuses now (during a call): the session
                goes on and the tokens are kept. Any other failure also forgets the tokens.
        """
        try:
            await self._authorized("DELETE", "/session")
        except BackendError as exc:
            if exc.kind is not ErrorKind.REJECTED:
                self._tokens = None
            raise
        self._tokens = None

    def forget_session(self) -> None:
        """Drop the tokens without telling the backend (it has already ended the session)."""
        self._tokens = None

    async def seat_state(self) -> SeatStatus:
        """The backend's truth about this seat."""
        return self._parse(SeatStatus, await self._authorized("GET", "/seat/state"))

    async def reason_codes(self) -> list[ReasonCode]:
        """The away reasons in force."""
        response = await self._authorized("GET", "/seat/reasons")
        try:
            return [ReasonCode.model_validate(item) for item in response.json()]
        except (ValueError, ValidationError) as exc:
            raise BackendError(ErrorKind.PROTOCOL, response.status_code) from exc

    async def request_state(
        self, state: str, reason_code: str | None = None, idempotency_key: str | None = None
    ) -> Accepted:
        """Ask for a new seat state; the backend's answer also arrives on the event stream."""
        body = StateChangeRequest.model_validate({"state": state, "reason_code": reason_code}).model_dump()
        headers = {"Idempotency-Key": idempotency_key or str(uuid.uuid4())}
        return self._parse(
            Accepted, await self._authorized("POST", "/seat/state", json=body, headers=headers)
        )

    async def _command(
        self,
        path: str,
        json: dict[str, Any] | None = None,
        idempotency_key: str | None = None,
        method: str = "POST",
    ) -> Accepted:
        """Send one state-changing command with an ``Idempotency-Key`` (a retry never acts twice)."""
        headers = {"Idempotency-Key": idempotency_key or str(uuid.uuid4())}
        return self._parse(Accepted, await self._authorized(method, path, json=json, headers=headers))

    async def set_pending(
        self, kind: str, reason_code: str | None = None, idempotency_key: str | None = None
    ) -> Accepted:
        """Book the state to take after this call and its wrap-up: ``away`` with a reason, or ``sign_out``."""
        body = PendingRequest.model_validate({"kind": kind, "reason_code": reason_code}).model_dump(
            mode="json"
        )
        return await self._command("/seat/pending", body, idempotency_key)

    async def cancel_pending(self, idempotency_key: str | None = None) -> Accepted:
        """Cancel the booked next state."""
        return await self._command("/seat/pending", None, idempotency_key, method="DELETE")

    async def extend_wrap_up(self, idempotency_key: str | None = None) -> Accepted:
        """Extend this wrap-up once."""
        return await self._command("/seat/wrap-up/extend", None, idempotency_key)

    async def end_wrap_up(self, idempotency_key: str | None = None) -> Accepted:
        """End the wrap-up; a booked next state then takes effect, else the seat is ready."""
        return await self._command("/seat/wrap-up/end", None, idempotency_key)

    async def call_command(self, call_id: str, action: str, idempotency_key: str | None = None) -> Accepted:
        """Send a call control: ``answer``, ``hangup``, ``hold``, ``resume``, ``mute``, ``unmute`` or ``order-saved``."""
        if action not in CALL_ACTIONS:
            raise ValueError(f"unknown call action {action!r}")
        return await self._command(f"/calls/{call_id}/{action}", None, idempotency_key)

    async def send_dtmf(self, call_id: str, digits: str, idempotency_key: str | None = None) -> Accepted:
        """Send DTMF digits on the answered call."""
        body = DtmfRequest(digits=digits).model_dump()
        return await self._command(f"/calls/{call_id}/dtmf", body, idempotency_key)

    async def call_info(self, call_id: str) -> CallInfo:
        """One call this seat has had (caller number, queue, waited time, IVR note)."""
        return self._parse(CallInfo, await self._authorized("GET", f"/calls/{call_id}"))

    async def queue_info(self) -> QueueInfo:
        """The hall's queue: callers waiting, the longest wait, ready seats."""
        return self._parse(QueueInfo, await self._authorized("GET", "/queue"))

    async def config_bundle(self, known_version: str | None = None) -> ConfigBundle | None:
        """Fetch the rule files in force, or ``None`` when ``known_version`` is still current."""
        headers = {"If-None-Match": known_version} if known_version else {}
        response = await self._authorized("GET", "/config", headers=headers)
        if response.status_code == 304:
            return None
        return self._parse(ConfigBundle, response)

    async def create_order(self, payload: dict[str, Any], idempotency_key: str) -> OrderAck:
        """Register an order (``OrderDraft.to_payload`` plus the disposition); a resend with the same key is harmless.

        Raises:
            BackendError: a 422 names the refused fields in ``field_errors``; a 409
                ``idempotency_in_progress`` means the first request with the key is still processed.
        """
        response = await self._authorized(
            "POST", "/orders", json=payload, headers={"Idempotency-Key": idempotency_key}
        )
        return self._parse(OrderAck, response)

    async def orders_for_phone(self, phone: str) -> list[OrderSummary]:
        """A caller's earlier orders with their status and due date, newest first."""
        response = await self._authorized("GET", "/orders", params={"phone": phone})
        return self._parse(OrderList, response).orders

    async def order_detail(self, order_number: str) -> OrderDetail:
        """One order in full (“how is my matter going”); a 404 ``unknown_order`` when there is none."""
        return self._parse(OrderDetail, await self._authorized("GET", f"/orders/{order_number}"))

    async def knowledge_changes(self, cursor: str, page_size: int) -> dict[str, Any]:
        """One page of knowledge changes after ``cursor``, as the backend sent it (JSON)."""
        response = await self._authorized(
            "GET", "/knowledge/changes", params={"cursor": cursor, "page_size": page_size}
        )
        try:
            data = response.json()
        except ValueError as exc:
            raise BackendError(ErrorKind.PROTOCOL, response.status_code) from exc
        if not isinstance(data, dict):
            raise BackendError(ErrorKind.PROTOCOL, response.status_code)
        return data

    async def knowledge_feedback(self, article_id: str, kind: str, note: str = "") -> None:
        """Tell the knowledge editors an article was ``useful`` or is ``outdated``."""
        body = KnowledgeFeedbackRequest.model_validate({"kind": kind, "note": note}).model_dump()
        await self._authorized("POST", f"/knowledge/{article_id}/feedback", json=body)

    async def floor_snapshot(self) -> FloorSnapshot:
        """The whole floor (team leaders only; anyone else gets a 403 ``REJECTED``)."""
        return self._parse(FloorSnapshot, await self._authorized("GET", "/floor"))

    async def force_seat_state(
        self,
        job_number: str,
        state: str,
        reason: str,
        reason_code: str | None = None,
        idempotency_key: str | None = None,
    ) -> Accepted:
        """Force a seat ready, away or signed out (team leaders only), after its current call if any."""
        body = ForceSeatRequest.model_validate(
            {"state": state, "reason_code": reason_code, "reason": reason}
        ).model_dump()
        return await self._command(f"/floor/seats/{job_number}/force", body, idempotency_key)

    @asynccontextmanager
    async def event_lines(
        self, last_event_id: int | None, idle_timeout: float
    ) -> AsyncIterator[AsyncIterator[str]]:
        """Open the server-sent event stream and yield its lines.

        Args:
            last_event_id: resume after this event, or ``None`` for only new events.
            idle_timeout: seconds of silence (no event, no heartbeat) after which the stream is dead.
        """
        for attempt in (1, 2):
            headers = {**self._auth_headers(), "Accept": "text/event-stream"}
            if last_event_id is not None:
                headers["Last-Event-ID"] = str(last_event_id)
            used_token = self._tokens.access_token if self._tokens else None
            timeout = httpx.Timeout(10.0, read=idle_timeout)
            try:
                async with self._http.stream(
                    "GET", f"{API_PREFIX}/events", headers=headers, timeout=timeout
                ) as response:
                    if response.status_code >= 400:
                        await response.aread()
                        error = classify_response(response)
                        if attempt == 1 and error.body is not None and error.body.code == "token_expired":
                            await self.refresh(used_token)
                            continue
                        raise error
                    async with contextlib.aclosing(response.aiter_lines()) as lines:  # type: ignore[type-var]
                        yield lines
                    return
            except httpx.TransportError as exc:
                raise classify_transport_error(exc) from exc
