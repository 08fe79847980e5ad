"""A believable, reproducible floor for demos, screenshots, benchmarks and the training backend.

``synthetic_floor`` builds a busy hall (most seats on calls, some ready, some away, a few with alert
conditions) and ``synthetic_figures`` today's figures with 15-minute intervals; ``next_seat_record``
moves one seat along the call cycle (ready → ringing → talking → wrap-up → ready, with breaks), so a
stream of floor deltas can be generated. The same seed gives the same floor.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from seatclient.floor.records import INTERVAL_LENGTH, FloorFigures, FloorPending, FloorSeat, IntervalFigures
from seatclient.seat.states import SeatState

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
)
_GIVEN_NAMES_TEXT = "敏 娜 磊 晓燕 静 婷 洁 丽 芳 伟 强 军 杰 涛 明 超 秀英 桂兰 佳怡 子涵 雨轩 欣怡 浩然 思远 嘉怡 晨 悦 琳 倩 颖 慧 雪"
GIVEN_NAMES = tuple(_GIVEN_NAMES_TEXT.split(" "))
TEAMS = ("一组", "二组", "三组", "四组", "五组")

AWAY_REASONS = ("break", "meal", "training", "meeting", "restroom", "study", "after_sign_in")
"""Away reasons a synthetic seat picks (codes of the shipped ``seat_rules.json``)."""

_STATE_WEIGHTS: tuple[tuple[SeatState, int], ...] = (
    (SeatState.TALKING, 44),
    (SeatState.READY, 14),
    (SeatState.WRAP_UP, 13),
    (SeatState.AWAY, 10),
    (SeatState.RINGING, 5),
    (SeatState.HELD, 4),
    (SeatState.CONSULTING, 2),
    (SeatState.CONFERENCE, 1),
    (SeatState.SIGNED_OUT, 7),
)
_SECONDS_IN_STATE: dict[SeatState, tuple[int, int]] = {
    SeatState.RINGING: (1, 9),
    SeatState.WRAP_UP: (1, 90),
    SeatState.HELD: (5, 90),
}
"""How long a synthetic seat has been in a state, where the default 5–240 s would be implausible."""

_CALL_STATES = frozenset({SeatState.TALKING, SeatState.HELD, SeatState.CONSULTING, SeatState.CONFERENCE})


def seat_ids_for(count: int, per_area: int = 40) -> list[str]:
    """Return ``count`` seat ids: ``A01``…``A40``, ``B01``… (wider numbers once an area exceeds 99)."""
    width = max(2, len(str(per_area)))
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [f"{letters[(index // per_area) % 26]}{index % per_area + 1:0{width}d}" for index in range(count)]


def _person(rng: random.Random, index: int) -> tuple[str, str, str]:
    name = rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)
    return f"{1001 + index}", name, TEAMS[index % len(TEAMS)]


def _record_in(seat: FloorSeat, state: SeatState, since: datetime, reason: str | None = None) -> FloorSeat:
    call_started: datetime | None = None
    if state in _CALL_STATES:
        call_started = seat.call_started if seat.call_started is not None else since
    pending = seat.pending_next if state in _CALL_STATES or state is SeatState.WRAP_UP else None
    return replace(
        seat,
        state=state,
        since=since,
        reason=reason if state is SeatState.AWAY else None,
        call_started=call_started,
        pending_next=pending,
    )


def synthetic_floor(
    count: int, now: datetime, seed: int = 12345, seat_ids: Sequence[str] | None = None
) -> list[FloorSeat]:
    """Return a busy floor of ``count`` seats at server time ``now``.

    About 1 seat in 8 carries an alert condition (away past its limit, a long call, a raised hand,
    a lost connection, a long ring or wrap-up) so the board has something to show.

    Args:
        count: how many seats.
        now: the server time, timezone-aware.
        seed: the random seed; the same seed gives the same floor.
        seat_ids: the seat ids to use (default ``seat_ids_for(count)``); at least ``count`` of them.
    """
    rng = random.Random(seed)
    ids = list(seat_ids) if seat_ids is not None else seat_ids_for(count)
    states = [state for state, _ in _STATE_WEIGHTS]
    weights = [weight for _, weight in _STATE_WEIGHTS]
    seats: list[FloorSeat] = []
    for index in range(count):
        state = rng.choices(states, weights)[0]
        job_number, name, team = _person(rng, index)
        since = now - timedelta(seconds=rng.randint(*_SECONDS_IN_STATE.get(state, (5, 240))))
        seat = FloorSeat(
            seat_id=ids[index], job_number=job_number, name=name, team=team, state=state, since=since
        )
        if state is SeatState.SIGNED_OUT:
            seat = replace(seat, job_number="", name="", team="", since=now - timedelta(hours=1))
        elif state is SeatState.AWAY:
            seat = replace(
                seat, reason=rng.choice(AWAY_REASONS), since=now - timedelta(seconds=rng.randint(30, 600))
            )
        elif state in _CALL_STATES:
            seat = replace(seat, call_started=now - timedelta(seconds=rng.randint(10, 600)))
            seat = replace(seat, since=max(seat.since, seat.call_started or seat.since))
            if rng.random() < 0.12:
                seat = replace(seat, pending_next=FloorPending("away", rng.choice(("break", "meal"))))
        seats.append(_with_condition(seat, index, now))
    return seats


def _with_condition(seat: FloorSeat, index: int, now: datetime) -> FloorSeat:
    """Give every eighth seat an alert condition, cycling through the six kinds of alert."""
    if index % 8 != 7 or not seat.signed_in:
        return seat
    match (index // 8) % 6:
        case 0:
            return replace(
                seat,
                state=SeatState.READY,
                since=now - timedelta(seconds=75),
                call_started=None,
                pending_next=None,
                help_requested_at=now - timedelta(seconds=40),
            )
        case 1:
            return replace(
                seat,
                state=SeatState.AWAY,
                reason="break",
                since=now - timedelta(minutes=21),
                call_started=None,
                pending_next=None,
            )
        case 2:
            started = now - timedelta(minutes=26)
            return replace(seat, state=SeatState.TALKING, reason=None, since=started, call_started=started)
        case 3:
            return replace(
                seat,
                state=SeatState.WRAP_UP,
                reason=None,
                since=now - timedelta(seconds=190),
                call_started=None,
            )
        case 4:
            return replace(
                seat,
                state=SeatState.AWAY,
                reason="connection_lost",
                since=now - timedelta(seconds=50),
                call_started=None,
                pending_next=None,
                connection_lost=True,
            )
        case _:
            return replace(
                seat,
                state=SeatState.RINGING,
                reason=None,
                since=now - timedelta(seconds=13),
                call_started=None,
                pending_next=None,
            )


def synthetic_figures(now: datetime, seats: Sequence[FloorSeat], seed: int = 12345) -> FloorFigures:
    """Return today's figures for a hall open since 08:00 (hall time) up to ``now``."""
    rng = random.Random(seed)
    opening = now.replace(hour=8, minute=0, second=0, microsecond=0)
    intervals: list[IntervalFigures] = []
    start = opening
    while start + INTERVAL_LENGTH <= now:
        hour = start.hour + start.minute / 60
        # A morning peak around ten and an afternoon one around half past two.
        load = 60 + 55 * max(0.0, 1 - abs(hour - 10) / 2) + 40 * max(0.0, 1 - abs(hour - 14.5) / 2)
        offered = int(load * rng.uniform(0.85, 1.15))
        abandoned = int(offered * rng.uniform(0.01, 0.08))
        answered = offered - abandoned
        within = int(answered * rng.uniform(0.82, 0.99))
        intervals.append(IntervalFigures(start, offered, answered, abandoned, within))
        start += INTERVAL_LENGTH
    offered = sum(interval.offered for interval in intervals)
    ringing = sum(1 for seat in seats if seat.state is SeatState.RINGING)
    return FloorFigures(
        as_of=now,
        waiting=ringing + rng.randint(0, 6),
        longest_wait_seconds=float(rng.randint(3, 40)),
        offered_today=offered,
        answered_today=sum(interval.answered for interval in intervals),
        abandoned_today=sum(interval.abandoned for interval in intervals),
        answered_within_target_today=sum(interval.answered_within_target for interval in intervals),
        average_talk_seconds=float(rng.randint(200, 300)),
        average_wrap_up_seconds=float(rng.randint(25, 60)),
        intervals=tuple(intervals),
    )


def next_seat_record(seat: FloorSeat, now: datetime, rng: random.Random) -> FloorSeat:
    """Return the seat's next record along the call cycle at server time ``now``.

    Ready rings, ringing is answered (or missed), calls are held or end into wrap-up, wrap-up ends in
    ready (or a booked break), away seats come back; signed-out seats stay signed out.
    """
    match seat.state:
        case SeatState.READY:
            return _record_in(seat, SeatState.RINGING, now)
        case SeatState.RINGING:
            if rng.random() < 0.05:
                return _record_in(seat, SeatState.AWAY, now, reason="ring_no_answer")
            return _record_in(replace(seat, call_started=now), SeatState.TALKING, now)
        case SeatState.TALKING:
            roll = rng.random()
            if roll < 0.15:
                return _record_in(seat, SeatState.HELD, now)
            if roll < 0.2:
                return _record_in(seat, SeatState.CONSULTING, now)
            return _record_in(replace(seat, call_started=None), SeatState.WRAP_UP, now)
        case SeatState.HELD | SeatState.CONSULTING | SeatState.CONFERENCE:
            return _record_in(seat, SeatState.TALKING, now)
        case SeatState.WRAP_UP:
            if seat.pending_next is not None and seat.pending_next.reason is not None:
                return _record_in(seat, SeatState.AWAY, now, reason=seat.pending_next.reason)
            if rng.random() < 0.08:
                return _record_in(seat, SeatState.AWAY, now, reason=rng.choice(AWAY_REASONS[:2]))
            return _record_in(seat, SeatState.READY, now)
        case SeatState.AWAY:
            return _record_in(replace(seat, help_requested_at=None), SeatState.READY, now)
        case SeatState.SIGNED_OUT:
            return replace(seat, since=now)
