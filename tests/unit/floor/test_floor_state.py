"""FloorState: snapshots and deltas, only real changes reported, floor-plan order, counts and filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from seatclient.floor import (
    FloorArea,
    FloorChange,
    FloorFilter,
    FloorPayloadError,
    FloorPlan,
    FloorSeat,
    FloorState,
    parse_figures,
    seat_to_payload,
)
from seatclient.seat.states import SeatState

PLAN = FloorPlan([FloorArea("front", "前区", "Front", (("A03", "A01"), ("A02",)))])


def figures_payload(now: datetime, waiting: int = 2) -> dict[str, Any]:
    return {
        "as_of": now.isoformat(), "waiting": waiting, "longest_wait_seconds": 4, "offered_today": 10,
        "answered_today": 9, "abandoned_today": 1, "answered_within_target_today": 8,
        "average_talk_seconds": 200, "average_wrap_up_seconds": 30,
    }  # fmt: skip


@pytest.fixture
def floor() -> FloorState:
    return FloorState(PLAN)


@pytest.fixture
def changes(floor: FloorState) -> list[FloorChange]:
    received: list[FloorChange] = []
    floor.changed.connect(received.append)
    return received


def snapshot(seats: list[FloorSeat], figures: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"seats": [seat_to_payload(seat) for seat in seats], "figures": figures}


def test_a_snapshot_fills_the_floor_in_plan_order(
    floor: FloorState, changes: list[FloorChange], make_seat: Callable[..., FloorSeat], now: datetime
) -> None:
    seats = [make_seat("Z1"), make_seat("A02", SeatState.TALKING), make_seat("A01"), make_seat("A03")]
    change = floor.apply_event("floor.snapshot", snapshot(seats, figures_payload(now)))
    assert change == FloorChange(joined=("A03", "A01", "A02", "Z1"), figures_changed=True)
    assert changes == [change]
    assert floor.seat_ids() == ["A03", "A01", "A02", "Z1"]
    assert len(floor) == 4 and "A02" in floor and "B1" not in floor
    counts = floor.state_counts()
    assert counts[SeatState.READY] == 3 and counts[SeatState.TALKING] == 1 and counts[SeatState.AWAY] == 0
    assert floor.figures is not None and floor.figures.waiting == 2


def test_a_delta_that_changes_nothing_is_not_announced(
    floor: FloorState, changes: list[FloorChange], make_seat: Callable[..., FloorSeat]
) -> None:
    seat = make_seat("A01")
    floor.apply_event("floor.seat", {"seat": seat_to_payload(seat)})
    again = floor.apply_event("floor.seat", {"seat": seat_to_payload(seat)})
    assert again is not None and again.empty
    assert len(changes) == 1


def test_a_changed_seat_is_an_update_and_moves_the_counts(
    floor: FloorState, changes: list[FloorChange], make_seat: Callable[..., FloorSeat], now: datetime
) -> None:
    floor.replace([make_seat("A01"), make_seat("A02")], None)
    talking = make_seat("A02", SeatState.TALKING, seconds_ago=0, call_started=now)
    change = floor.apply_event("floor.seat", {"seat": seat_to_payload(talking)})
    assert change == FloorChange(updated=("A02",))
    assert floor.seat("A02") == talking
    assert floor.state_counts()[SeatState.READY] == 1
    assert floor.state_counts()[SeatState.TALKING] == 1


def test_several_seats_in_one_event(floor: FloorState, make_seat: Callable[..., FloorSeat]) -> None:
    floor.replace([make_seat("A01")], None)
    change = floor.apply_event(
        "floor.seats",
        {
            "seats": [
                seat_to_payload(make_seat("A02")),
                seat_to_payload(make_seat("A01", SeatState.AWAY, reason="meal")),
            ]
        },
    )
    assert change == FloorChange(joined=("A02",), updated=("A01",))


def test_a_seat_leaves(
    floor: FloorState, changes: list[FloorChange], make_seat: Callable[..., FloorSeat]
) -> None:
    floor.replace([make_seat("A01"), make_seat("A02", SeatState.AWAY, reason="break")], None)
    change = floor.apply_event("floor.seat_left", {"seat_id": "A02"})
    assert change == FloorChange(left=("A02",))
    assert floor.seat_ids() == ["A01"]
    assert floor.state_counts()[SeatState.AWAY] == 0
    assert floor.apply_event("floor.seat_left", {"seat_id": "A02"}) == FloorChange()
    assert len(changes) == 2


def test_a_later_snapshot_reports_only_the_difference(
    floor: FloorState, make_seat: Callable[..., FloorSeat], now: datetime
) -> None:
    floor.replace([make_seat("A01"), make_seat("A02"), make_seat("A03")], parse_figures(figures_payload(now)))
    change = floor.apply_event(
        "floor.snapshot",
        snapshot(
            [make_seat("A01"), make_seat("A03", SeatState.WRAP_UP), make_seat("B9")],
            figures_payload(now),
        ),
    )
    assert change == FloorChange(joined=("B9",), left=("A02",), updated=("A03",), figures_changed=False)
    assert floor.seat_ids() == ["A03", "A01", "B9"]


def test_figures_event(floor: FloorState, changes: list[FloorChange], now: datetime) -> None:
    assert floor.figures is None
    change = floor.apply_event("floor.figures", {"figures": figures_payload(now, waiting=7)})
    assert change == FloorChange(figures_changed=True)
    assert floor.figures is not None and floor.figures.waiting == 7
    assert floor.apply_event("floor.figures", {"figures": figures_payload(now, waiting=7)}) == FloorChange()
    assert len(changes) == 1


def test_other_events_are_not_the_floors_business(floor: FloorState) -> None:
    assert floor.apply_event("seat.status", {"state": "ready"}) is None


@pytest.mark.parametrize(
    ("event_type", "data", "pointer"),
    [
        ("floor.snapshot", {"seats": {}}, "seats"),
        ("floor.seat", {}, "seat"),
        ("floor.seats", {"seats": [{"seat_id": "A09", "state": "ready"}]}, "seats/0/since"),
        ("floor.seat_left", {"seat_id": 3}, "seat_id"),
        ("floor.figures", {"figures": {"as_of": "2026-03-02T10:00:00+08:00"}}, "figures/waiting"),
    ],
)
def test_a_broken_event_leaves_the_floor_as_it_was(
    floor: FloorState,
    make_seat: Callable[..., FloorSeat],
    event_type: str,
    data: dict[str, Any],
    pointer: str,
) -> None:
    floor.replace([make_seat("A01")], None)
    before = floor.seats()
    with pytest.raises(FloorPayloadError) as caught:
        floor.apply_event(event_type, data)
    assert caught.value.pointer == pointer
    assert floor.seats() == before


def test_a_snapshot_with_a_seat_twice_is_refused(
    floor: FloorState, make_seat: Callable[..., FloorSeat]
) -> None:
    with pytest.raises(FloorPayloadError):
        floor.apply_event("floor.snapshot", snapshot([make_seat("A01"), make_seat("A01")]))
    assert len(floor) == 0


def test_filters(floor: FloorState, make_seat: Callable[..., FloorSeat]) -> None:
    floor.replace(
        [
            make_seat("A01", name="张敏", team="一组"),
            make_seat("A02", SeatState.TALKING, name="李娜", team="二组", job_number="1002"),
            make_seat("A03", SeatState.AWAY, reason="meal", name="王磊", team="二组"),
        ],
        None,
    )

    def ids(floor_filter: FloorFilter) -> list[str]:
        return [seat.seat_id for seat in floor.filtered(floor_filter)]

    assert ids(FloorFilter()) == ["A03", "A01", "A02"]
    assert ids(FloorFilter(states=frozenset({SeatState.TALKING, SeatState.AWAY}))) == ["A03", "A02"]
    assert ids(FloorFilter(teams=frozenset({"二组"}))) == ["A03", "A02"]
    assert ids(FloorFilter(text="李")) == ["A02"]
    assert ids(FloorFilter(text=" 1002 ")) == ["A02"]
    assert ids(FloorFilter(text="a01")) == ["A01"]
    assert ids(FloorFilter(teams=frozenset({"二组"}), text="王")) == ["A03"]
    assert floor.teams() == ["一组", "二组"]


def test_a_new_plan_reorders_the_floor(
    floor: FloorState, changes: list[FloorChange], make_seat: Callable[..., FloorSeat]
) -> None:
    floor.replace([make_seat("A01"), make_seat("A02"), make_seat("A03")], None)
    change = floor.set_plan(FloorPlan())
    assert change.reordered
    assert floor.seat_ids() == ["A01", "A02", "A03"]
    floor.remove(["A02"])
    assert floor.seat_ids() == ["A01", "A03"]


def test_many_joins_and_leaves_keep_the_order_consistent(make_seat: Callable[..., FloorSeat]) -> None:
    floor = FloorState()
    ids = [f"S{number}" for number in range(60)]
    floor.upsert(make_seat(seat_id) for seat_id in reversed(ids))
    floor.remove(ids[::3])
    floor.upsert([replace(make_seat("S3"), name="回来")])
    expected = sorted({*ids} - set(ids[::3]) | {"S3"}, key=lambda seat_id: int(seat_id[1:]))
    assert floor.seat_ids() == expected
    assert sum(floor.state_counts().values()) == len(expected)
