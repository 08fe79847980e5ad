"""A connection the server closes just as a request goes out: reads are repeated, plain writes are not."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from seatclient.api.client import KEEPALIVE_SECONDS, ApiClient, make_http_client
from seatclient.api.errors import BackendError, ErrorKind

HEALTH = {"status": "ok", "server_time": "2026-11-22T08:00:00Z", "version": "1", "training": True}


def dropping_first_request(seen: list[str]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        if len(seen) == 1:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        return httpx.Response(200, json=HEALTH)

    return httpx.MockTransport(handle)


def client_over(transport: httpx.MockTransport) -> ApiClient:
    return ApiClient(httpx.AsyncClient(base_url="http://backend.test", transport=transport))


def test_a_read_on_a_closing_connection_is_sent_once_more() -> None:
    seen: list[str] = []
    client = client_over(dropping_first_request(seen))

    async def scenario() -> None:
        health = await client.health()
        assert health.training is True
        await client.aclose()

    asyncio.run(scenario())
    assert seen == ["GET", "GET"]


@pytest.mark.parametrize(
    ("headers", "expected"), [({}, ["POST"]), ({"Idempotency-Key": "k1"}, ["POST", "POST"])]
)
def test_a_write_is_repeated_only_with_an_idempotency_key(
    headers: dict[str, str], expected: list[str]
) -> None:
    seen: list[str] = []
    client = client_over(dropping_first_request(seen))

    async def scenario() -> None:
        try:
            await client._send("POST", "/orders", headers=headers, json={})
        except BackendError as exc:
            assert exc.kind is ErrorKind.UNREACHABLE
        await client.aclose()

    asyncio.run(scenario())
    assert seen == expected


def test_idle_connections_are_dropped_before_the_server_drops_them() -> None:
    http = make_http_client("http://backend.test")
    try:
        assert KEEPALIVE_SECONDS < 5.0
        pool = http._transport._pool  # type: ignore[attr-defined]
        assert pool._keepalive_expiry == KEEPALIVE_SECONDS
    finally:
        asyncio.run(http.aclose())
