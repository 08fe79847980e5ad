"""The simulated hall over real HTTP: routing, ring timeout and requeue, wrap-up rules, pending states."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager

import httpx
import pytest
from support.mockproc import MockServer, start_mock
from support.waiting import until

from seatclient.api.client import ApiClient, make_http_client
from seatclient.api.errors import BackendError
from seatclient.api.models import CallPhase, SeatState, SeatStatus


@pytest.fixture(scope="module")
def hall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockServer]:
    """One hall for the module (each test has its own seats), with the shortest ring timeout and
    wrap-up the rules allow, and wrap-up waiting for the order."""
    server = start_mock(
        ["--heartbeat", "0.5", "--ring-timeout", "5", "--wrap-up", "5", "--order-required"],
        tmp_path_factory.mktemp("hall"),
    )
    yield server
    server.stop()


@asynccontextmanager
async def agent(server: MockServer, job_number: str, ready: bool = True) -> AsyncIterator[ApiClient]:
    client = ApiClient(make_http_client(server.url))
    try:
        await client.sign_in(job_number, "demo1234", f"S{job_number}")
        if ready:
            await client.request_state("ready")
        yield client
    finally:
        await client.aclose()


async def state_of(client: ApiClient) -> SeatStatus:
    return await client.seat_state()


async def wait_for_state(client: ApiClient, state: SeatState, timeout: float = 10.0) -> SeatStatus:
    latest: list[SeatStatus] = []

    async def poll() -> None:
        while True:
            latest.append(await client.seat_state())
            if latest[-1].state is state:
                return
            await asyncio.sleep(0.1)

    try:
        await asyncio.wait_for(poll(), timeout)
    except TimeoutError:
        raise AssertionError(f"seat never reached {state}; last {latest[-1] if latest else None}") from None
    return latest[-1]


def place(server: MockServer, job_number: str | None = None, **extra: object) -> str:
    body: dict[str, object] = {"caller_index": 1, **extra}
    if job_number is not None:
        body["job_number"] = job_number
    return str(server.admin("/mock/calls", body).json()["call_id"])


async def refusal(command: object) -> tuple[str, str]:
    with pytest.raises(BackendError) as caught:
        await command  # type: ignore[misc]
    assert caught.value.status == 409 and caught.value.body is not None
    return caught.value.body.code, caught.value.body.message


@pytest.mark.asyncio
async def test_an_unanswered_call_sends_the_seat_away_and_rings_at_the_next_ready_seat(
    hall: MockServer,
) -> None:
    async with agent(hall, "1001") as first:
        await asyncio.sleep(0.05)
        async with agent(hall, "1002") as second:
            call_id = await asyncio.to_thread(place, hall)
            # Longest idle first: 1001 has been ready longer.
            ringing = await wait_for_state(first, SeatState.RINGING)
            assert ringing.call_id == call_id
            assert (await state_of(second)).state is SeatState.READY
            info = await first.call_info(call_id)
            assert info.caller_number == "0571-87001234" and info.ivr_note == "按 2：投诉举报"

            gone = await wait_for_state(first, SeatState.AWAY, timeout=8)
            assert gone.reason_code == "ring_no_answer" and gone.call_id is None
            again = await wait_for_state(second, SeatState.RINGING)
            assert again.call_id == call_id
            accepted = await second.call_command(call_id, "answer")
            assert accepted.status is not None and accepted.status.state is SeatState.TALKING
            assert accepted.call is not None and accepted.call.phase is CallPhase.TALKING
            # The first seat must ask for calls again; its own request is refused nowhere.
            await first.request_state("ready")


@pytest.mark.asyncio
async def test_wrap_up_waits_for_the_order_then_applies_the_booked_state(hall: MockServer) -> None:
    async with agent(hall, "1003") as client:
        call_id = await asyncio.to_thread(place, hall, "1003")
        await wait_for_state(client, SeatState.RINGING)
        code, message = await refusal(client.end_wrap_up())
        assert (code, message.split("。")[0]) == ("not_wrap_up", "当前不在话后整理")
        await client.call_command(call_id, "answer")
        booked = await client.set_pending("away", "break")
        assert booked.status is not None and booked.status.pending_next is not None
        assert booked.status.pending_next.reason_code == "break"
        wrap_up = await client.call_command(call_id, "hangup")
        assert wrap_up.status is not None and wrap_up.status.state is SeatState.WRAP_UP

        code, message = await refusal(client.end_wrap_up())
        assert code == "order_not_saved"
        assert message.startswith("工单尚未保存，话后整理不能结束：请先保存工单。")
        code, _ = await refusal(client.request_state("ready"))
        assert code == "order_not_saved"

        extended = await client.extend_wrap_up()
        assert extended.status is not None and extended.status.wrap_up_extended
        code, message = await refusal(client.extend_wrap_up())
        assert (code, message.split("。")[0]) == ("extension_used", "本次话后整理已经延长过一次，不能再延长")

        await client.call_command(call_id, "order-saved")
        done = await client.end_wrap_up()
        assert done.status is not None
        assert (done.status.state, done.status.reason_code, done.status.pending_next) == (
            SeatState.AWAY,
            "break",
            None,
        )


@pytest.mark.asyncio
async def test_an_unsaved_wrap_up_overruns_and_saving_the_order_ends_it(hall: MockServer) -> None:
    async with agent(hall, "1004") as client:
        call_id = await asyncio.to_thread(place, hall, "1004")
        await wait_for_state(client, SeatState.RINGING)
        await client.call_command(call_id, "answer")
        await client.call_command(call_id, "hangup")
        await asyncio.sleep(5.3)
        overrun = await state_of(client)
        assert overrun.state is SeatState.WRAP_UP
        assert overrun.wrap_up_overrun and overrun.reason_code == "wrap_up_overrun"
        saved = await client.call_command(call_id, "order-saved")
        assert saved.status is not None and saved.status.state is SeatState.READY


@pytest.mark.asyncio
async def test_sign_out_waits_for_the_call_and_call_controls_are_idempotent(hall: MockServer) -> None:
    async with agent(hall, "9001") as client:
        call_id = await asyncio.to_thread(place, hall, "9001")
        await wait_for_state(client, SeatState.RINGING)
        first = await client.call_command(call_id, "answer", idempotency_key="answer-1")
        again = await client.call_command(call_id, "answer", idempotency_key="answer-1")
        assert first.request_id == again.request_id

        code, message = await refusal(client.sign_out())
        assert code == "on_call" and "本次通话后签出" in message
        assert client.signed_in  # a refused sign-out keeps the session

        muted = await client.call_command(call_id, "mute")
        assert muted.call is not None and muted.call.muted
        await client.call_command(call_id, "hold")
        code, _ = await refusal(client.send_dtmf(call_id, "1"))
        assert code == "not_in_call"
        await client.call_command(call_id, "resume")
        await client.send_dtmf(call_id, "12#")
        code, _ = await refusal(client.call_command("C-other", "hangup"))
        assert code == "wrong_call"

        await client.set_pending("sign_out")
        await client.call_command(call_id, "hangup")
        await client.call_command(call_id, "order-saved")
        ended = await client.end_wrap_up()
        assert ended.status is not None and ended.status.state is SeatState.SIGNED_OUT


@pytest.mark.asyncio
async def test_a_caller_who_waits_too_long_hangs_up(hall: MockServer) -> None:
    async with agent(hall, "1004", ready=False):
        # Offered only to a seat nobody holds, the call waits in the queue until the caller gives up.
        call_id = await asyncio.to_thread(place, hall, "7777", patience_seconds=0.4)
        queued = await asyncio.to_thread(lambda: httpx.get(f"{hall.url}/mock/hall").json())
        assert call_id in queued["queue"] and queued["queue_info"]["waiting"] == 1

        def abandoned() -> bool:
            return bool(httpx.get(f"{hall.url}/mock/hall").json()["abandoned"] == 1)

        await until(abandoned, timeout=5, what="the caller to hang up")
        assert call_id not in httpx.get(f"{hall.url}/mock/hall").json()["queue"]


@pytest.mark.asyncio
async def test_callers_arrive_as_a_poisson_process(mock_server_factory: Callable[..., MockServer]) -> None:
    server = mock_server_factory("--calls-per-minute", "600", "--seed", "7", "--patience", "60")
    async with agent(server, "1001", ready=False):  # signing in starts the hall
        await asyncio.sleep(1.5)
        waiting = httpx.get(f"{server.url}/mock/hall").json()["queue_info"]["waiting"]
    # 600 a minute is 15 expected in 1.5 s; the bounds hold with overwhelming probability.
    assert 4 <= waiting <= 35
