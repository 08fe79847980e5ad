"""The mock's hall of N simulated seats, its command line, raised hands and the live feed, in process."""

from __future__ import annotations

import argparse
import asyncio
import collections
from collections.abc import Coroutine
from datetime import UTC, datetime
from typing import Any

import pytest

from seatclient.api.events import ConnectionState
from seatclient.api.models import (
    EVENT_SEAT_HELP,
    EVENT_SEAT_INTERVENTION,
    HelpRequestStatus,
    InterventionAction,
    ServerEvent,
)
from seatclient.floor.live import FloorFeed, RaisedHand, intervention_text
from seatclient.floor.state import FloorState
from seatclient.mock.cli import build_parser, seat_count
from seatclient.mock.hall import CallControlRefused
from seatclient.mock.simulation import AgentTempo, SimulatedHall, seat_id_sequence
from seatclient.mock.state import MockOptions, MockWorld
from seatclient.seat import SeatState

FAST = AgentTempo(
    answer_seconds=(0.05, 0.15),
    talk_seconds=0.6,
    wrap_up_seconds=(0.1, 0.3),
    hold_share=0.3,
    hold_seconds=(0.05, 0.1),
    no_answer_share=0.0,
    away_share=0.3,
    away_scale=0.002,
    help_per_hour=0.0,
    start_seconds=0.3,
)


def test_seat_ids_are_distinct_in_the_floor_plans_style_up_to_two_thousand() -> None:
    assert seat_id_sequence(3) == ["A01", "A02", "A03"]
    assert seat_id_sequence(42)[39:] == ["A40", "B01", "B02"]
    big = seat_id_sequence(2000)
    assert len(set(big)) == 2000
    assert big[0] == "A01" and big[76] == "A77" and big[77] == "B01" and big[-1] == "Z75"


def test_the_seat_count_is_checked_with_a_clear_message() -> None:
    assert seat_count("200") == 200
    for bad, shown in (("0", "收到 0"), ("2001", "收到 2001"), ("many", "收到“many”")):
        with pytest.raises(argparse.ArgumentTypeError, match="座席数应为 1 至 2000 之间的整数") as error:
            seat_count(bad)
        assert shown in str(error.value)
    parser = build_parser()
    assert parser.parse_args([]).seats == 0
    assert parser.parse_args(["--seats"]).seats == 50
    assert parser.parse_args(["--seats", "2000"]).seats == 2000
    with pytest.raises(ValueError, match="seats must be 1 to 2000"):
        SimulatedHall(MockWorld(MockOptions()), 0)


@pytest.mark.asyncio
async def test_simulated_agents_cycle_through_the_call_states_and_take_breaks() -> None:
    world = MockWorld(MockOptions())
    simulation = SimulatedHall(world, 30, FAST, seed=11)
    seen: collections.Counter[SeatState] = collections.Counter()
    world.hall.seat_listeners.append(lambda record: seen.update([record.snapshot.state]))
    simulation.start()
    try:
        await asyncio.sleep(3.0)
    finally:
        await simulation.stop()
    snapshot = world.floor.snapshot()
    assert len(snapshot.seats) == 30
    assert sorted(seat.seat_id for seat in snapshot.seats) == sorted(seat_id_sequence(30))
    assert {seat.name for seat in snapshot.seats} and all(seat.team for seat in snapshot.seats)
    for state in (SeatState.READY, SeatState.RINGING, SeatState.TALKING, SeatState.HELD, SeatState.WRAP_UP):
        assert seen[state] > 0, state
    assert seen[SeatState.AWAY] > 30  # 30 sign-ins plus breaks
    figures = snapshot.figures
    assert figures is not None and figures.answered_today > 20
    assert figures.offered_today >= figures.answered_today


@pytest.mark.asyncio
async def test_a_person_taking_a_simulated_seat_moves_the_agent_and_the_floor_keeps_one_record_per_seat() -> (
    None
):
    world = MockWorld(MockOptions())
    simulation = SimulatedHall(world, 5, FAST, seed=2)
    simulation.start()
    try:
        world.hall.sign_in("1001", "A03")
        snapshot = world.floor.snapshot()
    finally:
        await simulation.stop()
    seats = {seat.seat_id: seat.job_number for seat in snapshot.seats}
    assert len(snapshot.seats) == 6 and seats["A03"] == "1001"
    assert sorted(seats) == ["A01", "A02", "A03", "A04", "A05", "A06"]
    assert seats["A06"] == "20003"


@pytest.mark.asyncio
async def test_hall_legs_and_release_need_an_answered_call() -> None:
    world = MockWorld(MockOptions())
    hall = world.hall
    hall.sign_in("1001", "A01")
    with pytest.raises(CallControlRefused, match="没有接通的通话"):
        hall.join_call("1001", "9001", "周静", InterventionAction.LISTEN)
    from seatclient.seat import Answer, GoReady

    hall.request("1001", GoReady())
    call = hall.place_call(target_job="1001")
    await asyncio.sleep(0.05)
    hall.request("1001", Answer())
    joined = hall.join_call("1001", "9001", "周静", InterventionAction.WHISPER)
    assert joined is call and [leg.mode for leg in call.monitors.values()] == [InterventionAction.WHISPER]
    with pytest.raises(CallControlRefused):
        hall.join_call("1001", "9001", "周静", InterventionAction.RELEASE)
    left_call, leg = hall.leave_call("1001", "9001")
    assert left_call is call and leg.mode is InterventionAction.WHISPER and call.monitors == {}
    with pytest.raises(CallControlRefused, match="没有在该座席的通话中"):
        hall.leave_call("1001", "9001")
    hall.join_call("1001", "9001", "周静", InterventionAction.LISTEN)
    hall.release_call("1001")
    assert call.end_reason is not None and call.end_reason.value == "released"
    assert call.monitors == {}
    assert hall.status("1001").state is SeatState.WRAP_UP  # type: ignore[union-attr]


@pytest.mark.asyncio
async def test_a_raised_hand_is_on_the_floor_until_lowered_or_signed_out() -> None:
    world = MockWorld(MockOptions())
    hall, floor = world.hall, world.floor
    hall.sign_in("1001", "A01")
    record = hall.seats["1001"]
    raised = floor.raise_hand(record)
    again = floor.raise_hand(record)
    assert again.raised_at == raised.raised_at
    assert floor.seat(record).help_requested_at is not None
    acknowledged = floor.acknowledge_hand(record, "9001", "周静")
    assert acknowledged is not None and acknowledged.acknowledged_by == "9001"
    assert floor.lower_hand(record).raised is False
    assert floor.seat(record).help_requested_at is None
    assert floor.acknowledge_hand(record, "9001", "周静") is None
    floor.raise_hand(record)
    from seatclient.seat import SignOut

    hall.request("1001", SignOut())
    assert "1001" not in floor.hands
    kinds = [event.type for event in world.hub.log_for("1001").after(0) if event.type == EVENT_SEAT_HELP]
    assert len(kinds) == 5  # raised, acknowledged, lowered, raised, lowered at sign-out


class FakeFloorClient:
    """Answers ``load_into`` with a fixed snapshot and counts the calls."""

    def __init__(self) -> None:
        self.loads = 0

    async def load_into(self, floor: FloorState) -> None:
        self.loads += 1
        floor.apply_event("floor.snapshot", {"seats": [seat_payload("A01", "ready")], "figures": None})


def seat_payload(seat_id: str, state: str) -> dict[str, Any]:
    return {"seat_id": seat_id, "state": state, "since": "2026-03-02T10:00:00+08:00", "job_number": "1001"}


def event(event_type: str, data: dict[str, Any]) -> ServerEvent:
    return ServerEvent(id=1, type=event_type, at=datetime(2026, 3, 2, 2, 0, tzinfo=UTC), data=data)


@pytest.mark.asyncio
async def test_the_feed_applies_floor_events_and_reloads_after_a_reconnect_or_a_broken_payload() -> None:
    floor = FloorState()
    client = FakeFloorClient()
    spawned: list[asyncio.Future[None]] = []

    def spawn(coroutine: Coroutine[Any, Any, None]) -> object:
        future = asyncio.ensure_future(coroutine)
        spawned.append(future)
        return future

    feed = FloorFeed(floor, client, spawn)  # type: ignore[arg-type]
    feed.on_event(event("floor.seat", {"seat": seat_payload("B02", "talking")}))
    feed.on_event(event("seat.state", {"state": "ready"}))
    assert floor.seat_ids() == ["B02"] and client.loads == 0
    feed.on_event(event("floor.seat", {"seat": {"seat_id": "B03"}}))
    await asyncio.gather(*spawned)
    assert client.loads == 1 and floor.seat_ids() == ["A01"]
    feed.on_connection(ConnectionState.CONNECTED)
    feed.on_connection(ConnectionState.OFFLINE)
    feed.on_connection(ConnectionState.RECONNECTING)
    assert client.loads == 1
    feed.on_connection(ConnectionState.CONNECTED)
    await asyncio.gather(*spawned)
    assert client.loads == 2


class FakeHandClient:
    async def raise_hand(self) -> HelpRequestStatus:
        return HelpRequestStatus(raised=True, raised_at=datetime(2026, 3, 2, 2, 0, tzinfo=UTC))

    async def lower_hand(self) -> HelpRequestStatus:
        return HelpRequestStatus(raised=False)


@pytest.mark.asyncio
async def test_the_raised_hand_follows_its_events_and_tells_of_interventions() -> None:
    hand = RaisedHand(FakeHandClient())  # type: ignore[arg-type]
    changes: list[HelpRequestStatus] = []
    notices: list[str] = []
    hand.changed.connect(changes.append)
    hand.notice.connect(notices.append)
    await hand.toggle()
    assert hand.raised
    hand.on_event(
        event(
            EVENT_SEAT_HELP,
            {
                "raised": True,
                "raised_at": "2026-03-02T02:00:00Z",
                "acknowledged_by": "9001",
                "acknowledged_by_name": "周静",
            },
        )
    )
    assert hand.status.acknowledged_by_name == "周静"
    await hand.toggle()
    assert not hand.raised and [c.raised for c in changes] == [True, True, False]
    for action in ("listen", "whisper", "release", "leave"):
        hand.on_event(
            event(
                EVENT_SEAT_INTERVENTION,
                {
                    "action": action,
                    "call_id": "C1",
                    "by": "9001",
                    "by_name": "周静",
                    "reason": "恶意骚扰" if action == "release" else "",
                    "at": "2026-03-02T02:00:00Z",
                },
            )
        )
    assert notices == [
        "班长 周静（工号 9001）正在对您耳语，来电人听不到。",
        "班长 周静（工号 9001）已结束本次通话（强拆），请完成工单。原因：恶意骚扰",
        "班长 周静（工号 9001）已退出本次通话。",
    ]
    hand.on_event(event(EVENT_SEAT_INTERVENTION, {"action": "dance"}))
    assert len(notices) == 3
    assert intervention_text.__doc__


class SlowStatusHandClient(FakeHandClient):
    """Answers the status read only when told to: the read that started before the raise."""

    def __init__(self) -> None:
        self.answer = asyncio.Event()

    async def status(self) -> HelpRequestStatus:
        await self.answer.wait()
        return HelpRequestStatus(raised=False)


@pytest.mark.asyncio
async def test_a_read_started_before_the_raise_does_not_put_the_hand_down() -> None:
    client = SlowStatusHandClient()
    hand = RaisedHand(client)  # type: ignore[arg-type]
    reading = asyncio.create_task(hand.refresh())
    await asyncio.sleep(0)
    await hand.raise_hand()
    client.answer.set()
    await reading
    assert hand.raised
    # A read started after the last command is the truth.
    await hand.refresh()
    assert not hand.raised
