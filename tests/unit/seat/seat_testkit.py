"""Shared constants and helpers of the seat machine tests (a uniquely named module, importable from tests)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from seatclient.seat import (
    Accepted,
    Answer,
    CallOffered,
    Fact,
    GoReady,
    Request,
    SeatRules,
    SeatSnapshot,
    SignIn,
    apply_fact,
    decide,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
CALL = "c1"
TARGET = "公积金专席"

Step = Request | Fact
Walk = Callable[[Sequence[Step]], SeatSnapshot]


def walk_from(rules: SeatRules, steps: Sequence[Step], start: SeatSnapshot | None = None) -> SeatSnapshot:
    """Drive a seat through ``steps`` at time T0, failing the test if any request is refused."""
    snapshot = start or SeatSnapshot.signed_out_at(T0)
    for step in steps:
        if isinstance(step, Request):
            decision = decide(snapshot, step, T0, rules)
            assert isinstance(decision, Accepted), (step, decision)
            snapshot = decision.snapshot
        else:
            snapshot = apply_fact(snapshot, step, T0, rules)
    return snapshot


TO_READY: tuple[Step, ...] = (SignIn(), GoReady())
TO_TALKING: tuple[Step, ...] = (*TO_READY, CallOffered(CALL), Answer())


def seconds(value: float) -> timedelta:
    """Shorthand for a ``timedelta`` of ``value`` seconds."""
    return timedelta(seconds=value)


def has_chinese(text: str) -> bool:
    """Whether ``text`` contains at least one CJK ideograph."""
    return any("\u4e00" <= char <= "\u9fff" for char in text)
