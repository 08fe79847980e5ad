"""The synthetic floor used by demos, screenshots and the board benchmark is sound and reproducible."""

from __future__ import annotations

import random
from datetime import datetime

from seatclient.floor import AlertBook, AlertKind, load_default_alert_rules, parse_seat, seat_to_payload
from seatclient.floor.synthetic import next_seat_record, seat_ids_for, synthetic_figures, synthetic_floor
from seatclient.seat.states import ReasonCode, SeatState

CALL_STATES = {SeatState.TALKING, SeatState.HELD, SeatState.CONSULTING, SeatState.CONFERENCE}


def test_seat_ids() -> None:
    assert seat_ids_for(3) == ["A01", "A02", "A03"]
    assert seat_ids_for(42)[40:] == ["B01", "B02"]
    assert len(set(seat_ids_for(1000))) == 1000


def test_the_same_seed_gives_the_same_floor(now: datetime) -> None:
    assert synthetic_floor(50, now, seed=7) == synthetic_floor(50, now, seed=7)
    assert synthetic_floor(50, now, seed=7) != synthetic_floor(50, now, seed=8)


def test_a_busy_floor_with_every_kind_of_alert(now: datetime, reasons: dict[str, ReasonCode]) -> None:
    seats = synthetic_floor(100, now)
    assert all(parse_seat(seat_to_payload(seat)) == seat for seat in seats)
    assert all((seat.call_started is not None) == (seat.state in CALL_STATES) for seat in seats)
    talking = sum(seat.state is SeatState.TALKING for seat in seats)
    assert talking > 25  # busy: the largest group is on calls
    book = AlertBook(load_default_alert_rules(), reasons)
    book.refresh(seats, now)
    assert {entry.alert.kind for entry in book.entries()} == set(AlertKind)


def test_figures_add_up(now: datetime) -> None:
    seats = synthetic_floor(20, now)
    figures = synthetic_figures(now, seats)
    assert figures.intervals[0].start.hour == 8 and figures.intervals[-1].start.minute == 45  # 08:00 … 09:45
    assert figures.offered_today == figures.answered_today + figures.abandoned_today
    assert figures.answered_within_target_today <= figures.answered_today


def test_the_call_cycle_keeps_records_sound(now: datetime) -> None:
    rng = random.Random(1)
    seats = synthetic_floor(40, now)
    for step in range(1, 400):
        index = rng.randrange(len(seats))
        seat = next_seat_record(seats[index], now, rng)
        seats[index] = seat
        assert parse_seat(seat_to_payload(seat)) == seat
        assert (seat.call_started is not None) == (seat.state in CALL_STATES), step
        assert (seat.reason is not None) == (seat.state is SeatState.AWAY), step
    assert {seat.state for seat in seats} >= {SeatState.READY, SeatState.TALKING, SeatState.WRAP_UP}
