"""Team leader interventions and the raised hand against a real ``seatclient-mock`` process (with simulated seats)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import datetime

import httpx
import pytest
from support.mockproc import MockServer, start_mock
from support.waiting import until

from seatclient.api.client import ApiClient, make_http_client
from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.events import ConnectionState, EventStream, StreamTuning
from seatclient.api.floor import FloorClient, HandClient
from seatclient.api.models import CallEndReason, InterventionAction, SeatState, ServerEvent
from seatclient.floor import AlertBook, FloorState, load_default_alert_rules
from seatclient.floor.live import FloorFeed
from seatclient.rules import RuleBook
from seatclient.seat.states import ReasonCode


@pytest.fixture(scope="module")
def hall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockServer]:
    server = start_mock(
        ["--heartbeat", "0.5", "--floor-interval", "0.3", "--seats", "12", "--seed", "5"],
        tmp_path_factory.mktemp("interventions"),
    )
    yield server
    server.stop()


@asynccontextmanager
async def signed_in(server: MockServer, job_number: str, seat_id: str) -> AsyncIterator[ApiClient]:
    client = ApiClient(make_http_client(server.url))
    try:
        await client.sign_in(job_number, "demo1234", seat_id)
        yield client
    finally:
        await client.aclose()


@asynccontextmanager
async def listening(client: ApiClient) -> AsyncIterator[list[ServerEvent]]:
    events: list[ServerEvent] = []
    stream = EventStream(client, StreamTuning(idle_timeout=3, backoff_initial=0.3))
    stream.event_received.connect(events.append)
    task = asyncio.create_task(stream.run())
    try:
        yield events
    finally:
        stream.stop()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def answered_call(server: MockServer, taker: ApiClient, job_number: str) -> str:
    await taker.request_state("ready")
    call_id = str(
        server.admin("/mock/calls", {"job_number": job_number, "caller_index": 1}).json()["call_id"]
    )
    for _ in range(200):
        status = await taker.seat_state()
        if status.state is SeatState.RINGING:
            break
        await asyncio.sleep(0.05)
    await taker.call_command(call_id, "answer")
    return call_id


def audit(server: MockServer) -> list[dict[str, object]]:
    return list(httpx.get(f"{server.url}/mock/audit", timeout=5).json())


@pytest.mark.asyncio
async def test_the_simulated_seats_work_the_hall_and_the_board_follows_them_live(hall: MockServer) -> None:
    async with signed_in(hall, "9001", "Z01") as leader, listening(leader) as events:
        floor = FloorState()
        feed = FloorFeed(floor, FloorClient(leader), asyncio.ensure_future)
        await feed.reload()
        assert len(floor) == 13  # twelve simulated seats and the team leader
        simulated = [seat for seat in floor.seats() if seat.job_number.startswith("200")]
        assert sorted(seat.seat_id for seat in simulated) == [f"A{n:02d}" for n in range(1, 13)]
        assert all(seat.name and seat.team for seat in simulated)
        await until(lambda: any(e.type == "floor.seat" for e in events), what="live seat changes")
        applied = 0
        for event in list(events):
            feed.on_event(event)
            applied += event.type.startswith("floor.")
        assert applied > 0
        # Within seconds the morning queue has simulated agents ringing or talking.
        await until(
            lambda: any(e.type == "floor.seat" and e.data["seat"]["state"] == "talking" for e in events),
            timeout=25,
            what="a simulated agent talking",
        )
    counts = floor.state_counts()
    assert sum(counts.values()) == 13


@pytest.mark.asyncio
async def test_interventions_join_and_end_the_call_and_are_audited(hall: MockServer) -> None:
    async with (
        signed_in(hall, "9001", "Z01") as leader,
        signed_in(hall, "1001", "Z02") as taker,
        listening(taker) as seat_events,
    ):
        board = FloorClient(leader)
        call_id = await answered_call(hall, taker, "1001")
        listened = await board.intervene("1001", InterventionAction.LISTEN, "质检抽听")
        assert listened.call_id == call_id and listened.seat_id == "Z02"
        assert [(leg.job_number, leg.mode) for leg in listened.legs] == [("9001", InterventionAction.LISTEN)]
        barged = await board.intervene("1001", InterventionAction.BARGE, "来电人情绪激动")
        assert [(leg.job_number, leg.mode) for leg in barged.legs] == [("9001", InterventionAction.BARGE)]
        left = await board.intervene("1001", InterventionAction.LEAVE, "已安抚")
        assert left.legs == [] and left.status is not None and left.status.state is SeatState.TALKING
        with pytest.raises(BackendError) as not_on_call:
            await board.intervene("1001", InterventionAction.LEAVE)
        released = await board.intervene("1001", InterventionAction.RELEASE, "恶意骚扰")
        assert released.legs == [] and released.status is not None
        assert released.status.state is SeatState.WRAP_UP
        with pytest.raises(BackendError) as no_call:
            await board.intervene("1001", InterventionAction.WHISPER)
        await until(
            lambda: any(e.type == "call.ended" for e in seat_events), what="the seat told the call ended"
        )
        ended = next(e for e in seat_events if e.type == "call.ended")
        notices = [e.data for e in seat_events if e.type == "seat.intervention"]
    assert no_call.value.status == 409 and no_call.value.body is not None
    assert not_on_call.value.status == 409 and not_on_call.value.body is not None
    assert not_on_call.value.body.code == "not_on_call"
    assert no_call.value.body.code == "no_call"
    assert ended.data["end_reason"] == CallEndReason.RELEASED.value
    # Listening is silent; barging in and releasing are told to the call-taker, with who and why.
    assert [(n["action"], n["by"], n["by_name"], n["reason"]) for n in notices] == [
        ("barge", "9001", "周静", "来电人情绪激动"),
        ("leave", "9001", "周静", "已安抚"),
        ("release", "9001", "周静", "恶意骚扰"),
    ]
    trail = [e for e in audit(hall) if e["job_number"] == "1001"]
    assert [(e["action"], e["by"], e["call_id"], e["reason"]) for e in trail] == [
        ("listen", "9001", call_id, "质检抽听"),
        ("barge", "9001", call_id, "来电人情绪激动"),
        ("leave", "9001", call_id, "已安抚"),
        ("release", "9001", call_id, "恶意骚扰"),
    ]
    assert all(datetime.fromisoformat(str(e["at"])).tzinfo is not None for e in trail)


@pytest.mark.asyncio
async def test_a_call_taker_is_refused_every_intervention(hall: MockServer) -> None:
    async with signed_in(hall, "1003", "Z03") as taker:
        board = FloorClient(taker)
        refusals = []
        for attempt in (
            board.intervene("20001", InterventionAction.LISTEN),
            board.acknowledge_help("20001"),
            board.force_state("20001", "ready", "不该被允许"),
        ):
            with pytest.raises(BackendError) as refused:
                await attempt
            refusals.append(refused.value)
    for error in refusals:
        assert error.status == 403 and error.kind is ErrorKind.REJECTED
        assert error.body is not None and error.body.code == "forbidden"
    assert not [e for e in audit(hall) if e["job_number"] == "20001" and e["by"] == "1003"]


@pytest.mark.asyncio
async def test_a_raised_hand_reaches_the_board_as_an_alert_and_the_acknowledgement_reaches_the_seat(
    hall: MockServer,
) -> None:
    reasons = {entry["code"]: ReasonCode(**entry) for entry in RuleBook().get("seat_rules").data["reasons"]}
    async with (
        signed_in(hall, "9001", "Z01") as leader,
        listening(leader) as leader_events,
        signed_in(hall, "1004", "Z04") as taker,
        listening(taker) as seat_events,
    ):
        floor = FloorState()
        feed = FloorFeed(floor, FloorClient(leader), asyncio.ensure_future)
        await feed.reload()
        hand = HandClient(taker)
        raised = await hand.raise_hand()
        assert raised.raised and raised.raised_at is not None and raised.acknowledged_by is None

        def help_seen() -> bool:
            for event in leader_events:
                feed.on_event(event)
            leader_events.clear()
            seat = floor.seat("Z04")
            return seat is not None and seat.help_requested_at is not None

        await until(help_seen, what="the raised hand on the board")
        alerts = AlertBook(load_default_alert_rules(), reasons)
        seat = floor.seat("Z04")
        assert seat is not None
        update = alerts.update_seats([seat], seat.help_requested_at)  # type: ignore[arg-type]
        assert [(a.kind.value, a.seat_id, a.level.value) for a in update.raised] == [
            ("help_requested", "Z04", "critical")
        ]
        assert "举手求助" in update.raised[0].text and "1004" in update.raised[0].text

        acknowledged = await FloorClient(leader).acknowledge_help("1004")
        assert acknowledged.acknowledged_by == "9001" and acknowledged.acknowledged_by_name == "周静"
        await until(
            lambda: any(
                e.type == "seat.help" and e.data.get("acknowledged_by") == "9001" for e in seat_events
            ),
            what="the seat told of the acknowledgement",
        )
        lowered = await hand.lower_hand()
        assert not lowered.raised
        await until(lambda: not help_seen(), what="the hand gone from the board")
        with pytest.raises(BackendError) as nothing_to_acknowledge:
            await FloorClient(leader).acknowledge_help("1004")
    assert nothing_to_acknowledge.value.status == 409
    trail = [e for e in audit(hall) if e["job_number"] == "1004"]
    assert [(e["action"], e["by"]) for e in trail] == [("acknowledge_help", "9001")]


@pytest.mark.asyncio
async def test_the_board_reads_the_floor_again_after_a_reconnect(hall: MockServer) -> None:
    async with signed_in(hall, "9001", "Z01") as leader:
        reloads: list[None] = []
        floor = FloorState()
        feed = FloorFeed(floor, FloorClient(leader), asyncio.ensure_future)
        feed.reloaded.connect(reloads.append)
        feed.on_connection(ConnectionState.CONNECTED)
        await asyncio.sleep(0.1)
        assert reloads == [] and len(floor) == 0  # a first connection is not a reconnect
        feed.on_connection(ConnectionState.RECONNECTING)
        feed.on_connection(ConnectionState.CONNECTED)
        await until(lambda: reloads == [None], what="the reload after the reconnect")
        assert len(floor) >= 13
