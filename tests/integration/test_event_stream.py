"""The event stream against the mock process: cut, resumed with Last-Event-ID, every event exactly once."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from support.mockproc import MockServer

from seatclient.api.client import ApiClient, make_http_client
from seatclient.api.events import ConnectionState, EventStream, StreamTuning
from seatclient.api.models import ServerEvent


async def wait_until(condition: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)


def inject(server: MockServer, job_number: str, sequence: int) -> None:
    server.admin("/mock/events", {"job_number": job_number, "type": "test.tick", "data": {"seq": sequence}})


@pytest.mark.asyncio
async def test_cut_stream_resumes_and_delivers_every_event_exactly_once(mock_server: MockServer) -> None:
    client = ApiClient(make_http_client(mock_server.url))
    await client.sign_in("1001", "demo1234", "A01")
    stream = EventStream(client, StreamTuning(idle_timeout=3, backoff_initial=1.0))
    ticks: list[int] = []
    states: list[ConnectionState] = []

    def on_event(event: ServerEvent) -> None:
        if event.type == "test.tick":
            ticks.append(event.data["seq"])

    stream.event_received.connect(on_event)
    stream.connection_changed.connect(states.append)
    task = asyncio.create_task(stream.run())
    try:
        await wait_until(lambda: stream.state is ConnectionState.CONNECTED)
        for sequence in range(1, 6):
            await asyncio.to_thread(inject, mock_server, "1001", sequence)
        await wait_until(lambda: len(ticks) == 5)

        await asyncio.to_thread(mock_server.admin, "/mock/streams/cut")
        await wait_until(lambda: stream.state is ConnectionState.RECONNECTING)
        # These happen while the client is away; the backend keeps them for the resume.
        for sequence in range(6, 11):
            await asyncio.to_thread(inject, mock_server, "1001", sequence)
        await wait_until(lambda: len(ticks) >= 10)
        await wait_until(lambda: stream.state is ConnectionState.CONNECTED)
        await asyncio.sleep(0.3)
    finally:
        stream.stop()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await client.aclose()
    assert ticks == list(range(1, 11))
    assert ConnectionState.RECONNECTING in states


@pytest.mark.asyncio
async def test_stream_replays_after_a_given_event_id(mock_server: MockServer) -> None:
    client = ApiClient(make_http_client(mock_server.url))
    await client.sign_in("1002", "demo1234", "A02")
    ids = [inject_and_id(mock_server, "1002", n) for n in range(3)]
    received: list[int] = []
    stream = EventStream(client, StreamTuning(idle_timeout=3), last_event_id=ids[0])
    stream.event_received.connect(lambda event: received.append(event.id))
    task = asyncio.create_task(stream.run())
    try:
        await wait_until(lambda: len(received) >= 2)
        await asyncio.sleep(0.2)
    finally:
        stream.stop()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await client.aclose()
    assert received == ids[1:]


def inject_and_id(server: MockServer, job_number: str, sequence: int) -> int:
    response = server.admin(
        "/mock/events", {"job_number": job_number, "type": "test.tick", "data": {"seq": sequence}}
    )
    return int(response.json()["id"])


@pytest.mark.asyncio
async def test_heartbeats_keep_an_idle_stream_open(mock_server: MockServer) -> None:
    client = ApiClient(make_http_client(mock_server.url))
    await client.sign_in("1003", "demo1234", "A03")
    stream = EventStream(client, StreamTuning(idle_timeout=1.5))
    beats: list[object] = []
    stream.server_time.connect(beats.append)
    states: list[ConnectionState] = []
    stream.connection_changed.connect(states.append)
    task = asyncio.create_task(stream.run())
    try:
        await asyncio.sleep(3.0)
    finally:
        stream.stop()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await client.aclose()
    assert len(beats) >= 3
    assert ConnectionState.RECONNECTING not in states


@pytest.mark.asyncio
async def test_stream_for_a_signed_out_session_reports_the_session_lost(mock_server: MockServer) -> None:
    client = ApiClient(make_http_client(mock_server.url))
    await client.sign_in("1004", "demo1234", "A04")
    token = client._tokens.access_token if client._tokens else ""
    httpx.delete(f"{mock_server.url}/api/v1/session", headers={"Authorization": f"Bearer {token}"})
    lost: list[object] = []
    stream = EventStream(client, StreamTuning(idle_timeout=2))
    stream.session_lost.connect(lost.append)
    await asyncio.wait_for(stream.run(), 10)
    await client.aclose()
    assert len(lost) == 1
