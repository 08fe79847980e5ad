"""Random sequences of requests and facts keep the machine's promises (hypothesis).

The invariants asserted after every step:

1. no exception; a refusal leaves the seat unchanged and says why in Chinese;
2. every snapshot is sound (``snapshot_invariant_violations`` is empty);
3. a wrap-up whose order is not saved never leaves wrap-up, except in the very step that saves it;
4. a contact closes (``CloseContact``) with its order saved whenever the call was answered;
5. a pending next state is applied at most once per call, only when the contact ends, and the
   seat then is exactly what was booked; a contact that ends with a booking applies it, unless an
   explicit choice replaced it (the agent's 示闲 / 示忙 / 签出, a team leader's force);
6. a booking disappears without being applied only through CancelPending, an explicit choice, or
   a team leader's force;
7. a wrap-up is extended at most once per call, and its timer always matches the snapshot;
8. the call id never changes in the middle of a contact; a state change restamps ``since``;
9. ``AnnounceStateChange(new)`` is the last effect exactly when the snapshot changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from seat_testkit import T0, has_chinese

from seatclient.seat import (
    CONTACT_STATES,
    Accepted,
    AnnounceStateChange,
    Answer,
    CallerHungUp,
    CallOffered,
    CancelConsult,
    CancelPending,
    CloseContact,
    ConnectionLost,
    ConnectionRestored,
    ConsultEnded,
    Effect,
    EndWrapUp,
    ExtendWrapUp,
    Fact,
    ForcedState,
    GoAway,
    GoReady,
    HangUp,
    Hold,
    OrderSaved,
    PendingApplied,
    PendingNext,
    Refused,
    Request,
    Resume,
    RingTimeout,
    SeatRules,
    SeatSnapshot,
    SeatState,
    SetPending,
    SignIn,
    SignOut,
    StartConference,
    StartConsult,
    StartWrapUpTimer,
    WrapUpExpired,
    apply_fact_with_effects,
    decide,
    snapshot_invariant_violations,
)

REASONS = ("break", "meal", "meeting", "ring_no_answer", "no_such_reason")
LEADERS = ("班长王芳", "班长李四")
EXPLICIT_EXITS = (GoReady, GoAway, SignOut)


EventMaker = Callable[[str, str], Request | Fact]
"""Builds an event from the current call id and the id the next offered call gets."""


def _current(make: Callable[[str], Request | Fact]) -> EventMaker:
    return lambda current, following: make(current)


def _always(event: Request | Fact) -> EventMaker:
    return lambda current, following: event


def _stale(make: Callable[[str], Request | Fact]) -> EventMaker:
    return lambda current, following: make("stale")


def _offer(current: str, following: str) -> Request | Fact:
    return CallOffered(following)


def _makers() -> list[EventMaker]:
    """Every event template: requests and facts that fit, or deliberately do not fit, the seat."""
    fixed: list[Request | Fact] = [
        SignIn(), SignOut(), GoReady(), Answer(), HangUp(), Hold(), Resume(), CancelConsult(),
        StartConference(), EndWrapUp(), ExtendWrapUp(), CancelPending(),
        StartConsult("公积金专席"), StartConsult(""),
        SetPending(PendingNext.sign_out()), ConnectionLost(), ConnectionRestored(),
        *(GoAway(reason) for reason in REASONS),
        *(SetPending(PendingNext.go_away(reason)) for reason in REASONS),
        *(ForcedState(SeatState.AWAY, reason, leader) for reason in (None, "meeting") for leader in LEADERS),
        *(ForcedState(state, None, leader) for state in (SeatState.READY, SeatState.SIGNED_OUT) for leader in LEADERS),
    ]  # fmt: skip
    makers: list[EventMaker] = [_always(event) for event in fixed]
    for call_event in (OrderSaved, CallerHungUp, RingTimeout, WrapUpExpired, ConsultEnded):
        # The current call twice as often as a stale one, and the story-moving facts twice again.
        weight = 4 if call_event in (CallerHungUp, WrapUpExpired) else 2
        makers += [_current(call_event)] * weight
        makers.append(_stale(call_event))
    makers += [_offer] * 6
    return makers


MAKERS = _makers()


# The likely next events in each state, so random walks reach deep states (consult, overrun,
# bookings in wrap-up) instead of signing out and in again.
STORY: dict[SeatState, list[EventMaker]] = {
    SeatState.SIGNED_OUT: [_always(SignIn())],
    SeatState.AWAY: [_always(GoReady()), _always(GoReady()), _always(GoAway("meal"))],
    SeatState.READY: [_offer],
    SeatState.RINGING: [
        _always(Answer()), _always(Answer()), _current(RingTimeout), _current(CallerHungUp),
        _always(SetPending(PendingNext.go_away("break"))),
    ],
    SeatState.TALKING: [
        _always(HangUp()), _always(Hold()), _always(StartConsult("公积金专席")), _current(OrderSaved),
        _current(CallerHungUp), _always(SetPending(PendingNext.sign_out())),
        _always(ForcedState(SeatState.AWAY, None, LEADERS[0])),
    ],
    SeatState.HELD: [_always(Resume()), _always(HangUp()), _always(StartConsult("法律咨询专席"))],
    SeatState.CONSULTING: [_always(StartConference()), _always(CancelConsult()), _current(ConsultEnded)],
    SeatState.CONFERENCE: [_always(HangUp()), _always(CancelConsult()), _current(ConsultEnded)],
    SeatState.WRAP_UP: [
        _current(OrderSaved), _always(EndWrapUp()), _current(WrapUpExpired), _current(WrapUpExpired),
        _always(ExtendWrapUp()), _always(GoReady()), _always(GoAway("break")), _always(SignOut()),
        _always(SetPending(PendingNext.go_away("meal"))), _always(CancelPending()),
        _always(ForcedState(SeatState.SIGNED_OUT, None, LEADERS[1])),
    ],
}  # fmt: skip
STORY_STRATEGIES = {state: st.sampled_from(makers) for state, makers in STORY.items()}
ANY_EVENT = st.sampled_from(MAKERS)


def _draw_event(data: Any, snapshot: SeatSnapshot, following: str) -> Request | Fact:
    """Draw the story's next step two times in three, anything at all otherwise."""
    if snapshot.connection_lost and data.draw(st.booleans(), label="reconnect"):
        return ConnectionRestored()
    story = data.draw(st.integers(min_value=0, max_value=2), label="story") > 0
    make = data.draw(STORY_STRATEGIES[snapshot.state] if story else ANY_EVENT, label="event")
    return make(snapshot.call_id or "none", following)


class Ledger:
    """What happened to each call so far, for the invariants that span steps."""

    def __init__(self) -> None:
        self.pending_applied: Counter[str] = Counter()
        self.extensions: Counter[str] = Counter()
        self.answered: set[str] = set()


def _check_step(
    before: SeatSnapshot,
    event: Request | Fact,
    after: SeatSnapshot,
    effects: tuple[Effect, ...],
    now: datetime,
    ledger: Ledger,
) -> None:
    assert snapshot_invariant_violations(after) == [], (before, event, after)

    # 9. announcements
    changed = after != before
    announcements = [effect for effect in effects if isinstance(effect, AnnounceStateChange)]
    assert announcements == ([AnnounceStateChange(after)] if changed else [])
    if changed:
        assert effects[-1] == AnnounceStateChange(after)

    # 8. call ids and timestamps
    if before.call_id is not None and after.call_id is not None:
        assert before.call_id == after.call_id, "a contact swapped its call"
    if after.state is not before.state:
        assert after.since == now
    if after.state is SeatState.TALKING and after.call_id is not None:
        ledger.answered.add(after.call_id)

    # 3. an unsaved wrap-up is never left
    if before.state is SeatState.WRAP_UP and not before.order_saved and after.state is not SeatState.WRAP_UP:
        assert isinstance(event, OrderSaved) and event.call_id == before.call_id, (before, event, after)

    # 4. contacts close with their order
    for effect in effects:
        if isinstance(effect, CloseContact):
            assert effect.call_id == before.call_id
            assert after.state not in CONTACT_STATES
            if effect.call_id in ledger.answered:
                assert effect.order_saved, "an answered call closed without its order"

    # 5. pending next states
    applied = [effect for effect in effects if isinstance(effect, PendingApplied)]
    assert len(applied) <= 1
    if applied:
        booking = applied[0].pending
        assert before.pending == booking
        assert before.call_id == applied[0].call_id
        ledger.pending_applied[applied[0].call_id] += 1
        assert ledger.pending_applied[applied[0].call_id] == 1, "a booking was applied twice for one call"
        assert after.state is booking.target_state
        assert after.reason == booking.reason
        assert after.forced_by == booking.forced_by
        assert after.pending is None
    contact_ended = before.state in CONTACT_STATES and after.state not in CONTACT_STATES
    explicit = isinstance(event, (*EXPLICIT_EXITS, ForcedState))
    if contact_ended and before.pending is not None and not explicit:
        assert applied, "a contact ended without applying its booking"
    if applied:
        assert contact_ended, "a booking was applied before the contact ended"

    # 6. a booking vanishes only for a reason
    if before.pending is not None and after.pending is None and not applied:
        assert isinstance(event, (CancelPending, *EXPLICIT_EXITS, ForcedState)), (before, event, after)
    if isinstance(event, CancelPending) and before.pending is not None and before.pending.forced_by:
        assert after.pending == before.pending, "an agent cancelled a team leader's booking"

    # 7. extensions and wrap-up timers
    if isinstance(event, ExtendWrapUp) and after != before and after.call_id is not None:
        ledger.extensions[after.call_id] += 1
        assert ledger.extensions[after.call_id] == 1
    for effect in effects:
        if isinstance(effect, StartWrapUpTimer):
            assert after.state is SeatState.WRAP_UP
            assert effect.deadline == after.wrap_up_deadline


RULE_VARIANTS = ("shipped", "strict", "no_extension", "sign_in_ready")


def _rules_variant(rules: SeatRules, name: str) -> SeatRules:
    if name == "strict":
        return replace(rules, wrap_up=replace(rules.wrap_up, no_early_exit=True))
    if name == "no_extension":
        return replace(rules, wrap_up=replace(rules.wrap_up, extension_allowed=False, extension_seconds=0))
    if name == "sign_in_ready":
        return replace(rules, sign_in_state=SeatState.READY)
    return rules


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_sequences_keep_the_invariants(rules: SeatRules, data: Any) -> None:
    in_force = _rules_variant(rules, data.draw(st.sampled_from(RULE_VARIANTS), label="rules"))
    snapshot = SeatSnapshot.signed_out_at(T0)
    now = T0
    ledger = Ledger()
    calls = 0
    for _ in range(data.draw(st.integers(min_value=1, max_value=50), label="length")):
        now += timedelta(seconds=data.draw(st.sampled_from((0, 1, 5, 30, 59, 61, 200))))
        event = _draw_event(data, snapshot, f"c{calls + 1}")
        if isinstance(event, CallOffered):
            calls += 1
        if isinstance(event, Request):
            decision = decide(snapshot, event, now, in_force)
            if isinstance(decision, Refused):
                assert decision.message.strip() and has_chinese(decision.message)
                continue
            assert isinstance(decision, Accepted)
            after, effects = decision.snapshot, decision.effects
        else:
            outcome = apply_fact_with_effects(snapshot, event, now, in_force)
            after, effects = outcome.snapshot, outcome.effects
        _check_step(snapshot, event, after, effects, now, ledger)
        snapshot = after


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_booked_state_is_applied_once_whatever_happens_during_the_call(rules: SeatRules, data: Any) -> None:
    """Book during the call, let anything but an explicit exit happen, and the booking lands once."""
    snapshot = SeatSnapshot(state=SeatState.TALKING, since=T0, call_id="c1")
    booking = data.draw(st.sampled_from((PendingNext.sign_out(), PendingNext.go_away("meal"))))
    decision = decide(snapshot, SetPending(booking), T0, rules)
    assert isinstance(decision, Accepted)
    snapshot = decision.snapshot
    now = T0
    middle = st.sampled_from([
        Hold(), Resume(), StartConsult("公积金专席"), StartConference(), CancelConsult(), ExtendWrapUp(),
        ConsultEnded("c1"), CallerHungUp("c1"), HangUp(), WrapUpExpired("c1"), OrderSaved("c1"),
        ConnectionLost(), ConnectionRestored(), CallerHungUp("stale"), WrapUpExpired("stale"),
    ])  # fmt: skip
    applied = 0
    for event in data.draw(st.lists(middle, max_size=25)):
        now += timedelta(seconds=30)
        if isinstance(event, Request):
            result = decide(snapshot, event, now, rules)
            if isinstance(result, Refused):
                continue
            after, effects = result.snapshot, result.effects
        else:
            outcome = apply_fact_with_effects(snapshot, event, now, rules)
            after, effects = outcome.snapshot, outcome.effects
        applied += sum(isinstance(effect, PendingApplied) for effect in effects)
        snapshot = after
        if snapshot.state not in CONTACT_STATES:
            break
    # Finish the contact the ordinary way if the sequence did not.
    for finish in (CancelConsult(), Resume(), HangUp(), OrderSaved("c1")):
        if snapshot.state in CONTACT_STATES and snapshot.connection_lost is False:
            result = decide(snapshot, finish, now, rules)
            if isinstance(result, Accepted):
                applied += sum(isinstance(effect, PendingApplied) for effect in result.effects)
                snapshot = result.snapshot
    if snapshot.state is SeatState.WRAP_UP and not snapshot.connection_lost:
        now = max(now, snapshot.wrap_up_deadline or now)
        outcome = apply_fact_with_effects(snapshot, WrapUpExpired("c1"), now, rules)
        applied += sum(isinstance(effect, PendingApplied) for effect in outcome.effects)
        snapshot = outcome.snapshot
    if snapshot.state not in CONTACT_STATES:
        assert applied == 1
        assert snapshot.state is booking.target_state
        assert snapshot.reason == booking.reason
    else:
        assert applied == 0
        assert snapshot.connection_lost
