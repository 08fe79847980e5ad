"""Fixtures for the floor tests: a fixed server time, the shipped reason codes and a seat factory."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from seatclient.floor import FloorSeat
from seatclient.rules import RuleBook
from seatclient.seat.states import ReasonCode, SeatState

HALL_TIME = timezone(timedelta(hours=8))


@pytest.fixture
def now() -> datetime:
    """A fixed server time in the hall's zone."""
    return datetime(2026, 3, 2, 10, 0, 0, tzinfo=HALL_TIME)


@pytest.fixture(scope="session")
def reasons() -> dict[str, ReasonCode]:
    """The shipped away reasons (break 15 min, meal 45 min, restroom 10 min, training unlimited …)."""
    entries = RuleBook().get("seat_rules").data["reasons"]
    return {entry["code"]: ReasonCode(**entry) for entry in entries}


@pytest.fixture
def make_seat(now: datetime) -> Callable[..., FloorSeat]:
    """Build a ``FloorSeat``: ``make_seat("A01", SeatState.READY, seconds_ago=30, **fields)``."""

    def build(
        seat_id: str, state: SeatState = SeatState.READY, seconds_ago: float = 30, **fields: Any
    ) -> FloorSeat:
        values: dict[str, Any] = {
            "job_number": f"1{seat_id[-3:]}",
            "name": f"人员{seat_id}",
            "team": "一组",
            "since": now - timedelta(seconds=seconds_ago),
        }
        values.update(fields)
        return FloorSeat(seat_id=seat_id, state=state, **values)

    return build
