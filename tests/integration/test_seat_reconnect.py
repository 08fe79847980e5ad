"""After a network drop the seat takes the backend's true state, and says so when it differs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import pytest
from support.mockproc import MockServer
from support.waiting import until

from seatclient.api.client import ApiClient, make_http_client
from seatclient.api.events import StreamTuning
from seatclient.api.models import CallPhase, SeatState
from seatclient.rules import RuleBook
from seatclient.session import IllegalRequest, SeatSession, StateDivergence

TUNING = StreamTuning(idle_timeout=3.0, backoff_initial=0.2, backoff_max=0.4, offline_after=50)


@asynccontextmanager
async def seat(
    server: MockServer, job_number: str
) -> AsyncIterator[tuple[SeatSession, list[StateDivergence]]]:
    session = SeatSession(ApiClient(make_http_client(server.url)), RuleBook(), stream_tuning=TUNING)
    diverged: list[StateDivergence] = []
    session.state_diverged.connect(diverged.append)
    await session.sign_in(job_number, "demo1234", f"S{job_number}")
    try:
        await until(lambda: session.connection.value == "connected", what="the stream")
        await session.request_state("ready")
        yield session, diverged
    finally:
        await session.close()
        await session._client.aclose()


def state(session: SeatSession) -> SeatState | None:
    return session.status.state if session.status else None


def place(server: MockServer, job_number: str) -> str:
    return str(server.admin("/mock/calls", {"job_number": job_number, "caller_index": 0}).json()["call_id"])


@pytest.mark.asyncio
async def test_a_drop_while_ringing_talking_and_in_wrap_up_ends_in_the_backends_state(
    mock_server_factory: Callable[..., MockServer],
) -> None:
    server = mock_server_factory(
        "--heartbeat", "0.5", "--ring-timeout", "5", "--wrap-up", "5", "--order-not-required"
    )
    async with (
        seat(server, "1001") as (ringing, ringing_diverged),
        seat(server, "1002") as (talking, talking_diverged),
        seat(server, "1003") as (wrapping, wrapping_diverged),
    ):
        ring_call = await asyncio.to_thread(place, server, "1001")
        talk_call = await asyncio.to_thread(place, server, "1002")
        wrap_call = await asyncio.to_thread(place, server, "1003")
        await until(lambda: state(ringing) is SeatState.RINGING and state(talking) is SeatState.RINGING)
        await until(lambda: state(wrapping) is SeatState.RINGING)
        await talking.answer()
        await wrapping.answer()
        await wrapping.hang_up()
        assert state(wrapping) is SeatState.WRAP_UP

        await asyncio.to_thread(server.admin, "/mock/streams/cut", {"block_seconds": 6})
        await until(lambda: not ringing.link_up and not talking.link_up and not wrapping.link_up)
        # While the link is down nothing may be asked: the seat cannot know its true state.
        with pytest.raises(IllegalRequest) as caught:
            await talking.hold()
        assert caught.value.code == "offline"
        # Late in the drop, so this wrap-up is still open when the link returns.
        await asyncio.sleep(3.5)
        await asyncio.to_thread(server.admin, f"/mock/calls/{talk_call}/hangup")

        await until(lambda: ringing.link_up and talking.link_up and wrapping.link_up, timeout=12)
        await until(lambda: bool(ringing_diverged and talking_diverged and wrapping_diverged), timeout=5)

    # The ring timed out during the drop: away, the call taken back and gone from the panel.
    assert ringing.status is not None and ringing.status.reason_code == "ring_no_answer"
    assert ringing.status.state is SeatState.AWAY and ringing.current_call is None
    assert ringing_diverged[0].shown.call_id == ring_call
    # The caller hung up during the drop: wrap-up, and the ended call is still shown.
    assert talking.status is not None and talking.status.state is SeatState.WRAP_UP
    assert talking.current_call is not None and talking.current_call.phase is CallPhase.ENDED
    assert talking_diverged[0].shown.state is SeatState.TALKING
    # The wrap-up time ran out during the drop (order not required here): ready again.
    assert wrapping.status is not None and wrapping.status.state is SeatState.READY
    assert wrapping_diverged[0].shown.call_id == wrap_call


@pytest.mark.asyncio
async def test_a_seat_gone_longer_than_the_grace_is_taken_away_and_told_on_return(
    mock_server_factory: Callable[..., MockServer],
) -> None:
    server = mock_server_factory("--heartbeat", "0.5", "--connection-grace", "1")
    async with seat(server, "1004") as (session, diverged):
        assert state(session) is SeatState.READY
        await asyncio.to_thread(server.admin, "/mock/streams/cut", {"block_seconds": 2.5})
        await until(lambda: not session.link_up)
        await until(lambda: session.link_up, timeout=10)
        await until(lambda: bool(diverged), timeout=5)
        assert session.status is not None
        assert (session.status.state, session.status.reason_code) == (SeatState.AWAY, "connection_lost")
        assert not session.status.connection_lost  # restored once the stream came back
        assert diverged[0].shown.state is SeatState.READY
        await session.request_state("ready")
        assert state(session) is SeatState.READY


@pytest.mark.asyncio
async def test_a_stream_cut_mid_call_keeps_the_call_and_later_events_arrive(mock_server: MockServer) -> None:
    async with seat(mock_server, "9001") as (session, diverged):
        call_id = await asyncio.to_thread(place, mock_server, "9001")
        await until(lambda: state(session) is SeatState.RINGING)
        await session.answer()
        await asyncio.to_thread(mock_server.admin, "/mock/streams/cut")
        await until(lambda: not session.link_up)
        await until(lambda: session.link_up, timeout=10)
        await session.hold()
        await session.resume()
        await asyncio.to_thread(mock_server.admin, f"/mock/calls/{call_id}/hangup")
        await until(lambda: state(session) is SeatState.WRAP_UP, what="the caller's hang-up")
        assert diverged == []
