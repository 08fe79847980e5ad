"""The wrap-up policy and countdown in server time, and the server clock that survives wall-clock changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from seat_testkit import CALL, T0, TO_TALKING, Walk, seconds

from seatclient.clock import ServerClock
from seatclient.seat import (
    HangUp,
    OrderSaved,
    SeatRules,
    WrapUpCountdown,
    WrapUpExitBlock,
    WrapUpPolicy,
    wrap_up_countdown,
    wrap_up_exit_block,
)

POLICY = WrapUpPolicy(duration_seconds=60, extension_seconds=30, extension_allowed=True, no_early_exit=False)


def test_deadlines() -> None:
    assert POLICY.deadline_from(T0) == T0 + seconds(60)
    assert POLICY.extended_deadline(T0 + seconds(60), now=T0 + seconds(10)) == T0 + seconds(90)
    # Extending after the deadline passed gives the full extension from now.
    assert POLICY.extended_deadline(T0 + seconds(60), now=T0 + seconds(100)) == T0 + seconds(130)


def test_countdown_before_the_deadline(walk: Walk) -> None:
    wrap_up = walk([*TO_TALKING, HangUp()])
    countdown = wrap_up_countdown(wrap_up, T0 + seconds(20.4), POLICY)
    assert countdown == WrapUpCountdown(
        deadline=T0 + seconds(60),
        remaining=seconds(39.6),
        overrun=timedelta(0),
        order_saved=False,
        can_extend=True,
        can_exit=False,
    )
    assert countdown.remaining_seconds == 40
    assert countdown.overrun_seconds == 0


def test_countdown_after_the_deadline(walk: Walk) -> None:
    saved = walk([*TO_TALKING, HangUp(), OrderSaved(CALL)])
    countdown = wrap_up_countdown(replace(saved, wrap_up_extended=True), T0 + seconds(75.8), POLICY)
    assert countdown is not None
    assert (countdown.remaining_seconds, countdown.overrun_seconds) == (0, 15)
    assert not countdown.can_extend
    assert countdown.can_exit


def test_no_countdown_outside_wrap_up(walk: Walk) -> None:
    assert wrap_up_countdown(walk(TO_TALKING), T0, POLICY) is None


def test_exit_blocks(walk: Walk) -> None:
    unsaved = walk([*TO_TALKING, HangUp()])
    saved = walk([*TO_TALKING, HangUp(), OrderSaved(CALL)])
    strict = replace(POLICY, no_early_exit=True)
    assert wrap_up_exit_block(unsaved, T0 + seconds(3600), POLICY) is WrapUpExitBlock.order_not_saved
    assert wrap_up_exit_block(unsaved, T0 + seconds(3600), strict) is WrapUpExitBlock.order_not_saved
    assert wrap_up_exit_block(saved, T0 + seconds(1), POLICY) is None
    assert wrap_up_exit_block(saved, T0 + seconds(59), strict) is WrapUpExitBlock.no_early_exit
    assert wrap_up_exit_block(saved, T0 + seconds(60), strict) is None


def test_the_machine_and_the_countdown_agree(walk: Walk, strict_rules: SeatRules) -> None:
    saved = walk([*TO_TALKING, HangUp(), OrderSaved(CALL)])
    for offset in (0, 30, 59.9, 60, 61):
        countdown = wrap_up_countdown(saved, T0 + seconds(offset), strict_rules.wrap_up)
        assert countdown is not None
        assert countdown.can_exit == (offset >= 60)


class FakeTicker:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


def test_server_clock_counts_from_the_last_server_timestamp() -> None:
    ticker = FakeTicker()
    clock = ServerClock(ticker)
    assert not clock.synced
    clock.observe(T0)
    ticker.value += 42.5
    assert clock.synced
    assert clock.now() == T0 + seconds(42.5)
    # A fresh server timestamp wins over the running estimate (the server's clock is the truth).
    clock.observe(T0 + seconds(40))
    ticker.value += 1
    assert clock.now() == T0 + seconds(41)


def test_server_clock_ignores_the_wall_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    ticker = FakeTicker()
    clock = ServerClock(ticker)
    clock.observe(T0)

    class Skewed(datetime):
        @classmethod
        def now(cls, tz: object = None) -> Skewed:
            return cls(1999, 1, 1, tzinfo=UTC)

    monkeypatch.setattr("seatclient.clock.datetime", Skewed)
    ticker.value += 5
    assert clock.now() == T0 + seconds(5)


def test_server_clock_before_any_sync_falls_back_to_utc_now() -> None:
    before = datetime.now(UTC)
    estimate = ServerClock(FakeTicker()).now()
    assert estimate.utcoffset() == timedelta(0)
    assert before <= estimate <= datetime.now(UTC)


def test_server_clock_refuses_naive_timestamps() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        ServerClock(FakeTicker()).observe(datetime(2026, 3, 2, 9, 0))


def test_a_replayed_old_timestamp_never_moves_the_clock_back() -> None:
    ticker = FakeTicker()
    clock = ServerClock(ticker)
    clock.advance(T0)
    ticker.value += 30
    clock.advance(T0 + seconds(2))  # an event replayed after a reconnect
    assert clock.now() == T0 + seconds(30)
    clock.advance(T0 + seconds(31))
    ticker.value += 1
    assert clock.now() == T0 + seconds(32)


def test_a_laptop_sleep_counts_because_the_ticker_includes_suspend() -> None:
    ticker = FakeTicker()
    clock = ServerClock(ticker)
    clock.observe(T0)
    ticker.value += 3600  # CLOCK_BOOTTIME keeps counting through a suspend
    assert clock.elapsed_since(T0 + seconds(600)) == seconds(3000)


def test_the_default_ticker_runs() -> None:
    clock = ServerClock()
    clock.observe(T0)
    assert T0 <= clock.now() < T0 + seconds(5)
