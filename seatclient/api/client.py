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
    ConfigBundle,
    Health,
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
        trust_env=False,
    )


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
        """End the session at the backend and forget the tokens."""
        try:
            await self._authorized("DELETE", "/session")
        finally:
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

    async def config_bundle(self, known_version: str | None = None) -> ConfigBundle | None:
        """Fetch the rule files in force, or ``None`` when ``known_version`` is still current."""
        headers = {"If-None-Match": known_version} if known_version else {}
        response = await self._authorized("GET", "/config", headers=headers)
        if response.status_code == 304:
            return None
        return self._parse(ConfigBundle, response)

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
