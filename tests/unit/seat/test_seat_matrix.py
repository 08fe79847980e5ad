"""Every state × every request kind: the hand-checked outcome, and never an exception or an empty refusal."""

from __future__ import annotations

from dataclasses import replace

import pytest
from seat_testkit import CALL, T0, TARGET, has_chinese, seconds

from seatclient.seat import (
    Accepted,
    AnnounceStateChange,
    Answer,
    CancelConsult,
    CancelPending,
    EndWrapUp,
    ExtendWrapUp,
    GoAway,
    GoReady,
    HangUp,
    Hold,
    OrderSaved,
    PendingNext,
    RefusalCode,
    Refused,
    Request,
    Resume,
    SeatRules,
    SeatSnapshot,
    SetPending,
    SignIn,
    SignOut,
    StartConference,
    StartConsult,
    SystemReason,
    decide,
    snapshot_invariant_violations,
)

OK = "ok"
R = RefusalCode

# One representative of each request kind, in the column order of EXPECTED below.
COLUMNS: tuple[Request, ...] = (
    SignIn(),
    SignOut(),
    GoReady(),
    GoAway("break"),
    Answer(),
    HangUp(),
    Hold(),
    Resume(),
    StartConsult(TARGET),
    CancelConsult(),
    StartConference(),
    EndWrapUp(),
    ExtendWrapUp(),
    SetPending(PendingNext.go_away("meal")),
    CancelPending(),
    OrderSaved(CALL),
)

_NOT_IN = R.not_signed_in
_SIGNED = R.already_signed_in
# Rows checked by hand against the rules in the issue; each row lists COLUMNS in order.
EXPECTED: dict[str, tuple[str, ...]] = {
    "signed_out": (OK, *([_NOT_IN] * 15)),
    "away": (
        _SIGNED, OK, OK, OK, R.not_ringing, R.no_call, R.no_call, R.no_call,
        R.no_call, R.not_consulting, R.not_consulting, R.not_wrap_up, R.not_wrap_up,
        R.not_in_call, R.no_pending, R.no_call,
    ),
    "ready": (
        _SIGNED, OK, R.already, OK, R.not_ringing, R.no_call, R.no_call, R.no_call,
        R.no_call, R.not_consulting, R.not_consulting, R.not_wrap_up, R.not_wrap_up,
        R.not_in_call, R.no_pending, R.no_call,
    ),
    "ringing": (
        _SIGNED, R.on_call, R.on_call, R.on_call, OK, R.not_answered, R.not_answered, R.not_answered,
        R.not_answered, R.not_consulting, R.not_consulting, R.not_wrap_up, R.not_wrap_up,
        OK, R.no_pending, R.not_answered,
    ),
    "talking": (
        _SIGNED, R.on_call, R.on_call, R.on_call, R.not_ringing, OK, OK, R.not_held,
        OK, R.not_consulting, R.not_consulting, R.not_wrap_up, R.not_wrap_up,
        OK, R.no_pending, OK,
    ),
    "held": (
        _SIGNED, R.on_call, R.on_call, R.on_call, R.not_ringing, OK, R.already, OK,
        OK, R.not_consulting, R.not_consulting, R.not_wrap_up, R.not_wrap_up,
        OK, R.no_pending, OK,
    ),
    "consulting": (
        _SIGNED, R.on_call, R.on_call, R.on_call, R.not_ringing, R.consulting, R.wrong_state, R.not_held,
        R.wrong_state, OK, OK, R.not_wrap_up, R.not_wrap_up,
        OK, R.no_pending, OK,
    ),
    "conference": (
        _SIGNED, R.on_call, R.on_call, R.on_call, R.not_ringing, OK, R.wrong_state, R.not_held,
        R.wrong_state, OK, R.already, R.not_wrap_up, R.not_wrap_up,
        OK, R.no_pending, OK,
    ),
    "wrap_up": (
        _SIGNED, R.order_not_saved, R.order_not_saved, R.order_not_saved, R.not_ringing, R.no_call,
        R.no_call, R.no_call, R.no_call, R.not_consulting, R.not_consulting, R.order_not_saved, OK,
        OK, R.no_pending, OK,
    ),
    "wrap_up_saved": (
        _SIGNED, OK, OK, OK, R.not_ringing, R.no_call, R.no_call, R.no_call,
        R.no_call, R.not_consulting, R.not_consulting, OK, OK,
        OK, R.no_pending, OK,
    ),
}  # fmt: skip


def _cases() -> list[tuple[str, int]]:
    return [(seat, column) for seat in EXPECTED for column in range(len(COLUMNS))]


def test_the_matrix_covers_every_request_kind_and_state() -> None:
    from seatclient.seat import REQUEST_KINDS, SeatState

    assert {type(request) for request in COLUMNS} == set(REQUEST_KINDS)
    assert all(len(row) == len(COLUMNS) for row in EXPECTED.values())
    assert {seat.removesuffix("_saved") for seat in EXPECTED} == {state.value for state in SeatState}


@pytest.mark.parametrize(("seat", "column"), _cases())
def test_state_times_request(
    seats: dict[str, SeatSnapshot], rules: SeatRules, seat: str, column: int
) -> None:
    snapshot = seats[seat]
    request = COLUMNS[column]
    decision = decide(snapshot, request, T0 + seconds(1), rules)
    expected = EXPECTED[seat][column]
    if expected == OK:
        assert isinstance(decision, Accepted), decision
        assert snapshot_invariant_violations(decision.snapshot) == []
    else:
        assert isinstance(decision, Refused), decision
        assert decision.code == expected
        assert has_chinese(decision.message)
        assert "现在" in decision.message


def _variants(seats: dict[str, SeatSnapshot]) -> list[SeatSnapshot]:
    """The reachable seats plus the variants that change decisions: bookings, overrun, lost link."""
    variants = list(seats.values())
    for name in ("ringing", "talking", "held", "consulting", "conference", "wrap_up", "wrap_up_saved"):
        variants.append(replace(seats[name], pending=PendingNext.sign_out()))
        variants.append(replace(seats[name], pending=PendingNext.go_away("forced", forced_by="班长李四")))
    variants.append(replace(seats["wrap_up"], reason=SystemReason.wrap_up_overrun.value))
    variants.append(replace(seats["wrap_up"], wrap_up_extended=True))
    variants.extend(replace(seat, connection_lost=True) for seat in seats.values())
    return variants


# Well-formed requests, including ones whose parameters are wrong for any state.
ALL_REQUESTS: tuple[Request, ...] = (
    *COLUMNS,
    GoAway("ring_no_answer"),
    GoAway("no_such_reason"),
    GoAway(""),
    StartConsult(""),
    StartConsult("   "),
    SetPending(PendingNext.sign_out()),
    SetPending(PendingNext.go_away("after_sign_in")),
    SetPending(PendingNext.go_away("meal", forced_by="冒充的班长")),
    OrderSaved("another-call"),
    OrderSaved(""),
    Request(),
)


@pytest.mark.parametrize("strict", [False, True])
def test_every_request_in_every_variant_is_accepted_soundly_or_refused_in_chinese(
    seats: dict[str, SeatSnapshot], rules: SeatRules, strict_rules: SeatRules, strict: bool
) -> None:
    in_force = strict_rules if strict else rules
    decisions = 0
    for snapshot in _variants(seats):
        for request in ALL_REQUESTS:
            for later in (seconds(1), seconds(3600)):
                decision = decide(snapshot, request, T0 + later, in_force)
                decisions += 1
                if isinstance(decision, Accepted):
                    assert snapshot_invariant_violations(decision.snapshot) == [], (snapshot, request)
                    changed = decision.snapshot != snapshot
                    announcements = [e for e in decision.effects if isinstance(e, AnnounceStateChange)]
                    assert announcements == ([AnnounceStateChange(decision.snapshot)] if changed else [])
                    if changed:
                        assert decision.effects[-1] == announcements[0]
                else:
                    assert decision.message.strip() and has_chinese(decision.message), (snapshot, request)
    assert decisions == len(_variants(seats)) * len(ALL_REQUESTS) * 2


def test_a_lost_link_refuses_everything_and_says_so(seats: dict[str, SeatSnapshot], rules: SeatRules) -> None:
    for snapshot in seats.values():
        offline = replace(snapshot, connection_lost=True)
        for request in COLUMNS:
            decision = decide(offline, request, T0, rules)
            assert isinstance(decision, Refused)
            assert decision.code is RefusalCode.offline
            assert decision.message == (
                "与服务器的连接已中断，正在重新连接；恢复后以服务器的座席状态为准。现在不能进行其他座席操作。"
            )


def test_a_go_ready_refusal_while_talking_names_what_is_possible(
    seats: dict[str, SeatSnapshot], rules: SeatRules
) -> None:
    decision = decide(seats["talking"], GoReady(), T0, rules)
    assert decision == Refused(
        RefusalCode.on_call,
        "“通话中”时不能示闲；通话和话后整理结束后会自动示闲。现在可以：挂断、保持、咨询、预约下一状态、保存工单。",
    )
