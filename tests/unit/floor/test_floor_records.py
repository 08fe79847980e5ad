"""The floor's wire format: seat and figures records, parsed strictly and written back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from seatclient.floor import (
    FloorPayloadError,
    FloorPending,
    FloorSeat,
    figures_to_payload,
    parse_figures,
    parse_seat,
    seat_to_payload,
)
from seatclient.seat.states import SeatState


def full_seat_payload() -> dict[str, Any]:
    return {
        "seat_id": "A01",
        "job_number": "1001",
        "name": "张敏",
        "team": "一组",
        "state": "talking",
        "reason": None,
        "since": "2026-03-02T09:58:00+08:00",
        "call_started": "2026-03-02T09:57:30+08:00",
        "pending_next": {"kind": "away", "reason": "meal", "forced_by": "9001"},
        "connection_lost": False,
        "help_requested_at": "2026-03-02T09:59:00+08:00",
        "a_field_from_a_newer_backend": 1,
    }


def figures_payload() -> dict[str, Any]:
    return {
        "as_of": "2026-03-02T10:00:05+08:00",
        "waiting": 3,
        "longest_wait_seconds": 12.5,
        "offered_today": 200,
        "answered_today": 190,
        "abandoned_today": 10,
        "answered_within_target_today": 176,
        "average_talk_seconds": 245,
        "average_wrap_up_seconds": 38.5,
        "intervals": [
            {
                "start": "2026-03-02T09:30:00+08:00",
                "offered": 80,
                "answered": 76,
                "abandoned": 4,
                "answered_within_target": 70,
            },
        ],
    }


def test_a_full_seat_record(now: datetime) -> None:
    seat = parse_seat(full_seat_payload())
    assert seat.seat_id == "A01"
    assert seat.state is SeatState.TALKING
    assert seat.since == datetime.fromisoformat("2026-03-02T09:58:00+08:00")
    assert seat.pending_next == FloorPending("away", "meal", "9001")
    assert seat.help_requested
    assert seat.signed_in
    assert seat.time_in_state(now) == timedelta(minutes=2)
    assert seat.call_duration(now) == timedelta(minutes=2, seconds=30)


def test_a_minimal_seat_record_takes_the_defaults() -> None:
    seat = parse_seat({"seat_id": "B07", "state": "signed_out", "since": "2026-03-02T08:00:00+08:00"})
    assert (seat.job_number, seat.name, seat.team, seat.reason) == ("", "", "", None)
    assert seat.call_started is None and seat.pending_next is None
    assert not seat.connection_lost and not seat.help_requested and not seat.signed_in


def test_durations_never_go_negative_under_clock_skew(
    make_seat: Callable[..., FloorSeat], now: datetime
) -> None:
    seat = make_seat("A01", SeatState.TALKING, seconds_ago=-5, call_started=now + timedelta(seconds=3))
    assert seat.time_in_state(now) == timedelta(0)
    assert seat.call_duration(now) == timedelta(0)


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"state": "dancing"}, "seat/state"),
        ({"state": None}, "seat/state"),
        ({"since": None}, "seat/since"),
        ({"since": "2026-03-02T09:58:00"}, "seat/since"),
        ({"since": "yesterday"}, "seat/since"),
        ({"seat_id": ""}, "seat/seat_id"),
        ({"connection_lost": "no"}, "seat/connection_lost"),
        ({"pending_next": {"kind": "away"}}, "seat/pending_next/reason"),
        ({"pending_next": {"kind": "sign_out", "reason": "meal"}}, "seat/pending_next/reason"),
        ({"pending_next": {"kind": "lunch"}}, "seat/pending_next/kind"),
        ({"reason": ""}, "seat/reason"),
    ],
)
def test_a_broken_seat_record_names_the_key(change: dict[str, Any], pointer: str) -> None:
    payload = full_seat_payload() | change
    with pytest.raises(FloorPayloadError) as caught:
        parse_seat(payload)
    assert caught.value.pointer == pointer


def test_a_seat_survives_the_round_trip() -> None:
    seat = parse_seat(full_seat_payload())
    assert parse_seat(seat_to_payload(seat)) == seat


def test_figures_and_the_service_level() -> None:
    figures = parse_figures(figures_payload())
    assert figures.target_seconds == 15 and figures.target_share == 0.9
    assert figures.service_level == pytest.approx(176 / 200)  # abandoned calls count against the hall
    assert figures.meets_target is False
    assert figures.intervals[0].service_level == pytest.approx(70 / 80)
    assert parse_figures(figures_to_payload(figures)) == figures


def test_figures_before_the_first_call_have_no_service_level() -> None:
    payload = figures_payload() | {"offered_today": 0, "answered_within_target_today": 0, "intervals": []}
    figures = parse_figures(payload)
    assert figures.service_level is None
    assert figures.meets_target is None


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"waiting": -1}, "figures/waiting"),
        ({"waiting": True}, "figures/waiting"),
        ({"longest_wait_seconds": float("nan")}, "figures/longest_wait_seconds"),
        ({"target_share": 1.5}, "figures/target_share"),
        ({"intervals": {}}, "figures/intervals"),
        (
            {"intervals": [{"start": "2026-03-02T09:30:00+08:00", "offered": 1}]},
            "figures/intervals/0/answered",
        ),
        ({"as_of": None}, "figures/as_of"),
    ],
)
def test_broken_figures_name_the_key(change: dict[str, Any], pointer: str) -> None:
    with pytest.raises(FloorPayloadError) as caught:
        parse_figures(figures_payload() | change)
    assert caught.value.pointer == pointer
