"""What the team leader's board knows about one seat and about the hall: plain data, no Qt, no I/O.

The backend describes the floor with JSON objects inside its server-sent events (see
``seatclient.floor.state`` for the event types). This module defines those objects and parses them;
a malformed payload raises ``FloorPayloadError`` naming the offending key, because it is a contract
breach by the backend, not something a person at the workstation can fix.

Seat record (every time carries its zone offset; optional keys may be left out)::

    {
      "seat_id": "A01",                        required: the physical seat
      "state": "talking",                      required: a SeatState value
      "since": "2026-03-02T09:15:00+08:00",    required: when the state (or its reason) began
      "job_number": "1001",                    "" (default) when nobody is signed in
      "name": "张敏",
      "team": "一组",                          "" (default) when the seat belongs to no team
      "reason": null,                          the away reason code (or wrap_up_overrun), else null
      "call_started": null,                    when the caller was connected; null outside a call
      "pending_next": null,                    or {"kind": "away", "reason": "meal", "forced_by": "9001"}
                                               or {"kind": "sign_out", "forced_by": null}
      "connection_lost": false,                whether the seat's client lost its link to the backend
      "help_requested_at": null                when the call-taker raised a hand (举手), else null
    }

Figures record (counts are for today, since midnight in the hall)::

    {
      "as_of": "2026-03-02T10:00:05+08:00",    required
      "waiting": 3,                            calls queued now
      "longest_wait_seconds": 12.5,            the oldest queued call's wait, 0 when none
      "offered_today": 1234,                   calls that reached the queue
      "answered_today": 1180,                  answered by a person
      "abandoned_today": 54,                   hung up while queued
      "answered_within_target_today": 1090,    answered within target_seconds
      "target_seconds": 15,                    optional, default 15 (HZ 6.2)
      "target_share": 0.9,                     optional, default 0.9 (HZ 6.2)
      "average_talk_seconds": 245.0,
      "average_wrap_up_seconds": 38.0,
      "intervals": [                           optional: today's 15-minute intervals, oldest first
        {"start": "2026-03-02T09:45:00+08:00", "offered": 80, "answered": 76, "abandoned": 4,
         "answered_within_target": 70}
      ]
    }

Unknown keys are ignored, so a newer backend may add fields without breaking older clients. The
number of seats per state is not sent: ``FloorState`` counts it from the seats, so the two never
disagree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from seatclient.seat.states import SeatState

PENDING_KINDS = ("away", "sign_out")
"""The kinds of a booked next state, spelled as on the wire."""

DEFAULT_TARGET_SECONDS = 15
"""HZ 6.2: a call counts as answered in time when a person answers within 15 seconds."""

DEFAULT_TARGET_SHARE = 0.9
"""HZ 6.2: 90 % of calls should be answered within the target time."""

_STATE_VALUES = frozenset(member.value for member in SeatState)

INTERVAL_LENGTH = timedelta(minutes=15)
"""The length of one history interval of the figures."""


class FloorPayloadError(ValueError):
    """A floor event payload that breaks the documented format (a backend contract breach).

    Attributes:
        pointer: where in the payload, such as ``seats/3/since``.
        problem: what is wrong, in English for the log.
    """

    def __init__(self, pointer: str, problem: str) -> None:
        self.pointer = pointer
        self.problem = problem
        super().__init__(f"{pointer or '<payload>'}: {problem}")


@dataclass(frozen=True, slots=True)
class FloorPending:
    """A next state booked for after a seat's current call (“本次通话后示忙 / 签出”).

    Attributes:
        kind: ``away`` or ``sign_out``.
        reason: the away reason code; ``None`` for sign out.
        forced_by: the job number of the team leader who booked it, or ``None`` when the agent did.
    """

    kind: str
    reason: str | None = None
    forced_by: str | None = None


@dataclass(frozen=True, slots=True)
class FloorSeat:
    """One seat of the floor as the team leader sees it.

    Attributes:
        seat_id: the physical seat, e.g. ``A01``.
        job_number: the signed-in person's job number (工号), ``""`` when nobody is signed in.
        name: the signed-in person's name.
        team: the team (班组) the person belongs to, ``""`` when none.
        state: the seat state.
        since: when the state (or its reason) began, in server time, timezone-aware.
        reason: the away reason code (or ``wrap_up_overrun`` in wrap-up), else ``None``.
        call_started: when the caller was connected, ``None`` outside a call.
        pending_next: the next state booked for after the call, if any.
        connection_lost: whether the seat's client lost its link to the backend.
        help_requested_at: when the call-taker raised a hand (举手), ``None`` when not raised.
    """

    seat_id: str
    job_number: str
    name: str
    team: str
    state: SeatState
    since: datetime
    reason: str | None = None
    call_started: datetime | None = None
    pending_next: FloorPending | None = None
    connection_lost: bool = False
    help_requested_at: datetime | None = None

    @property
    def help_requested(self) -> bool:
        """Whether the call-taker's hand is up."""
        return self.help_requested_at is not None

    @property
    def signed_in(self) -> bool:
        """Whether somebody is signed in at this seat."""
        return self.state is not SeatState.SIGNED_OUT

    def time_in_state(self, now: datetime) -> timedelta:
        """How long the seat has been in its state at ``now`` (never negative under clock skew)."""
        return max(timedelta(0), now - self.since)

    def call_duration(self, now: datetime) -> timedelta | None:
        """How long the current call has lasted at ``now``, or ``None`` outside a call."""
        if self.call_started is None:
            return None
        return max(timedelta(0), now - self.call_started)


@dataclass(frozen=True, slots=True)
class IntervalFigures:
    """The calls of one 15-minute interval.

    Attributes:
        start: the interval's first instant, timezone-aware.
        offered: calls that reached the queue in it.
        answered: calls answered by a person.
        abandoned: calls given up while queued.
        answered_within_target: calls answered within the target time.
    """

    start: datetime
    offered: int
    answered: int
    abandoned: int
    answered_within_target: int

    @property
    def service_level(self) -> float | None:
        """The share of offered calls answered within the target, ``None`` with no calls."""
        return self.answered_within_target / self.offered if self.offered else None


@dataclass(frozen=True, slots=True)
class FloorFigures:
    """The hall's live figures.

    Attributes:
        as_of: when the backend computed them.
        waiting: calls queued now.
        longest_wait_seconds: how long the oldest queued call has waited.
        offered_today: calls that reached the queue today.
        answered_today: calls a person answered today.
        abandoned_today: calls given up while queued today.
        answered_within_target_today: calls answered within ``target_seconds`` today.
        target_seconds: the answer-time target (15 s).
        target_share: the share of calls that should meet it (0.9).
        average_talk_seconds: today's mean talk time.
        average_wrap_up_seconds: today's mean wrap-up time.
        intervals: today's 15-minute intervals, oldest first.
    """

    as_of: datetime
    waiting: int
    longest_wait_seconds: float
    offered_today: int
    answered_today: int
    abandoned_today: int
    answered_within_target_today: int
    average_talk_seconds: float
    average_wrap_up_seconds: float
    target_seconds: int = DEFAULT_TARGET_SECONDS
    target_share: float = DEFAULT_TARGET_SHARE
    intervals: tuple[IntervalFigures, ...] = ()

    @property
    def service_level(self) -> float | None:
        """Today's share of offered calls answered within the target, ``None`` before the first call.

        Offered calls are the denominator, so an abandoned call counts against the hall, as the
        HZ 6.2 target (“90 % of calls answered by a person within 15 s”) reads.
        """
        if not self.offered_today:
            return None
        return self.answered_within_target_today / self.offered_today

    @property
    def meets_target(self) -> bool | None:
        """Whether today's service level reaches the target share, ``None`` before the first call."""
        level = self.service_level
        return None if level is None else level >= self.target_share


def _optional_time(payload: Mapping[str, Any], key: str, pointer: str) -> datetime | None:
    value = payload.get(key)
    here = f"{pointer}/{key}" if pointer else key
    if value is None:
        return None
    if not isinstance(value, str):
        raise FloorPayloadError(here, "expected an ISO 8601 timestamp string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise FloorPayloadError(here, f"not an ISO 8601 timestamp: {value!r}") from exc
    if parsed.utcoffset() is None:
        raise FloorPayloadError(here, "the timestamp needs a zone offset")
    return parsed


def _required_time(payload: Mapping[str, Any], key: str, pointer: str) -> datetime:
    parsed = _optional_time(payload, key, pointer)
    if parsed is None:
        raise FloorPayloadError(f"{pointer}/{key}" if pointer else key, "a timestamp is required")
    return parsed


def _text(payload: Mapping[str, Any], key: str, pointer: str, required: bool = False) -> str:
    value = payload.get(key)
    here = f"{pointer}/{key}" if pointer else key
    if value is None:
        if required:
            raise FloorPayloadError(here, "a non-empty string is required")
        return ""
    if not isinstance(value, str) or (required and not value):
        raise FloorPayloadError(here, "expected a string")
    return value


def _optional_text(payload: Mapping[str, Any], key: str, pointer: str) -> str | None:
    value = payload.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise FloorPayloadError(f"{pointer}/{key}" if pointer else key, "expected a non-empty string or null")
    return value


def _count(payload: Mapping[str, Any], key: str, pointer: str, default: int | None = None) -> int:
    value = payload.get(key, default)
    here = f"{pointer}/{key}" if pointer else key
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FloorPayloadError(here, "expected a whole number ≥ 0")
    return value


def _number(payload: Mapping[str, Any], key: str, pointer: str, default: float | None = None) -> float:
    value = payload.get(key, default)
    here = f"{pointer}/{key}" if pointer else key
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise FloorPayloadError(here, "expected a finite number ≥ 0")
    return float(value)


def _object(value: Any, pointer: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise FloorPayloadError(pointer, "expected an object")
    return value


def parse_pending(value: Any, pointer: str) -> FloorPending | None:
    """Parse a ``pending_next`` value: ``null`` or ``{"kind", "reason", "forced_by"}``.

    Raises:
        FloorPayloadError: the value breaks the format.
    """
    if value is None:
        return None
    payload = _object(value, pointer)
    kind = payload.get("kind")
    if kind not in PENDING_KINDS:
        raise FloorPayloadError(f"{pointer}/kind", f"expected one of {', '.join(PENDING_KINDS)}")
    reason = _optional_text(payload, "reason", pointer)
    if kind == "away" and reason is None:
        raise FloorPayloadError(f"{pointer}/reason", "a pending away state needs a reason code")
    if kind == "sign_out" and reason is not None:
        raise FloorPayloadError(f"{pointer}/reason", "a pending sign-out takes no reason code")
    return FloorPending(kind=kind, reason=reason, forced_by=_optional_text(payload, "forced_by", pointer))


def parse_seat(value: Any, pointer: str = "seat") -> FloorSeat:
    """Parse one seat record (see the module documentation).

    Raises:
        FloorPayloadError: the record breaks the format.
    """
    payload = _object(value, pointer)
    raw_state = payload.get("state")
    if not isinstance(raw_state, str) or raw_state not in _STATE_VALUES:
        allowed = ", ".join(member.value for member in SeatState)
        raise FloorPayloadError(f"{pointer}/state", f"expected one of {allowed}")
    state = SeatState(raw_state)
    connection_lost = payload.get("connection_lost", False)
    if not isinstance(connection_lost, bool):
        raise FloorPayloadError(f"{pointer}/connection_lost", "expected true or false")
    return FloorSeat(
        seat_id=_text(payload, "seat_id", pointer, required=True),
        job_number=_text(payload, "job_number", pointer),
        name=_text(payload, "name", pointer),
        team=_text(payload, "team", pointer),
        state=state,
        since=_required_time(payload, "since", pointer),
        reason=_optional_text(payload, "reason", pointer),
        call_started=_optional_time(payload, "call_started", pointer),
        pending_next=parse_pending(payload.get("pending_next"), f"{pointer}/pending_next"),
        connection_lost=connection_lost,
        help_requested_at=_optional_time(payload, "help_requested_at", pointer),
    )


def parse_interval(value: Any, pointer: str) -> IntervalFigures:
    """Parse one 15-minute interval of the figures.

    Raises:
        FloorPayloadError: the record breaks the format.
    """
    payload = _object(value, pointer)
    return IntervalFigures(
        start=_required_time(payload, "start", pointer),
        offered=_count(payload, "offered", pointer),
        answered=_count(payload, "answered", pointer),
        abandoned=_count(payload, "abandoned", pointer),
        answered_within_target=_count(payload, "answered_within_target", pointer),
    )


def parse_figures(value: Any, pointer: str = "figures") -> FloorFigures:
    """Parse the hall's figures (see the module documentation).

    Raises:
        FloorPayloadError: the record breaks the format.
    """
    payload = _object(value, pointer)
    share = _number(payload, "target_share", pointer, DEFAULT_TARGET_SHARE)
    if not 0 < share <= 1:
        raise FloorPayloadError(f"{pointer}/target_share", "expected a share in (0, 1]")
    raw_intervals = payload.get("intervals", [])
    if not isinstance(raw_intervals, list):
        raise FloorPayloadError(f"{pointer}/intervals", "expected an array")
    intervals = tuple(
        parse_interval(item, f"{pointer}/intervals/{index}") for index, item in enumerate(raw_intervals)
    )
    return FloorFigures(
        as_of=_required_time(payload, "as_of", pointer),
        waiting=_count(payload, "waiting", pointer),
        longest_wait_seconds=_number(payload, "longest_wait_seconds", pointer),
        offered_today=_count(payload, "offered_today", pointer),
        answered_today=_count(payload, "answered_today", pointer),
        abandoned_today=_count(payload, "abandoned_today", pointer),
        answered_within_target_today=_count(payload, "answered_within_target_today", pointer),
        average_talk_seconds=_number(payload, "average_talk_seconds", pointer),
        average_wrap_up_seconds=_number(payload, "average_wrap_up_seconds", pointer),
        target_seconds=_count(payload, "target_seconds", pointer, DEFAULT_TARGET_SECONDS),
        target_share=share,
        intervals=intervals,
    )


def seat_to_payload(seat: FloorSeat) -> dict[str, Any]:
    """Return the wire form of ``seat``: what the backend (or the mock) sends for it."""
    pending = seat.pending_next
    return {
        "seat_id": seat.seat_id,
        "job_number": seat.job_number,
        "name": seat.name,
        "team": seat.team,
        "state": seat.state.value,
        "since": seat.since.isoformat(),
        "reason": seat.reason,
        "call_started": None if seat.call_started is None else seat.call_started.isoformat(),
        "pending_next": None
        if pending is None
        else {"kind": pending.kind, "reason": pending.reason, "forced_by": pending.forced_by},
        "connection_lost": seat.connection_lost,
        "help_requested_at": None if seat.help_requested_at is None else seat.help_requested_at.isoformat(),
    }


def figures_to_payload(figures: FloorFigures) -> dict[str, Any]:
    """Return the wire form of ``figures``."""
    return {
        "as_of": figures.as_of.isoformat(),
        "waiting": figures.waiting,
        "longest_wait_seconds": figures.longest_wait_seconds,
        "offered_today": figures.offered_today,
        "answered_today": figures.answered_today,
        "abandoned_today": figures.abandoned_today,
        "answered_within_target_today": figures.answered_within_target_today,
        "target_seconds": figures.target_seconds,
        "target_share": figures.target_share,
        "average_talk_seconds": figures.average_talk_seconds,
        "average_wrap_up_seconds": figures.average_wrap_up_seconds,
        "intervals": [
            {
                "start": interval.start.isoformat(),
                "offered": interval.offered,
                "answered": interval.answered,
                "abandoned": interval.abandoned,
                "answered_within_target": interval.answered_within_target,
            }
            for interval in figures.intervals
        ],
    }
