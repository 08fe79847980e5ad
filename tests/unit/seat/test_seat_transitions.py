"""The specific rules of the seat machine, each checked with hand-computed snapshots and effects."""

from __future__ import annotations

from dataclasses import replace

import pytest
from seat_testkit import CALL, T0, TARGET, TO_READY, TO_TALKING, Walk, seconds, walk_from

from seatclient.seat import (
    Accepted,
    AnnounceStateChange,
    Answer,
    AnswerCall,
    CallerHungUp,
    CallOffered,
    CancelConsult,
    CancelPending,
    CancelWrapUpTimer,
    CloseContact,
    ConnectionLost,
    ConnectionRestored,
    ConsultEnded,
    DialConsult,
    DropConsult,
    EndWrapUp,
    ExtendWrapUp,
    ForcedState,
    GoAway,
    GoReady,
    HangUp,
    HoldCall,
    OrderSaved,
    PendingApplied,
    PendingKind,
    PendingNext,
    RefusalCode,
    Refused,
    ReleaseCall,
    RequeueCall,
    RingTimeout,
    SeatRules,
    SeatSnapshot,
    SeatState,
    SetPending,
    SignIn,
    SignOut,
    StartConsult,
    StartRingTimer,
    StartWrapUpTimer,
    StateAnnounced,
    WrapUpExpired,
    allowed_requests,
    apply_fact,
    apply_fact_with_effects,
    decide,
    describe_state,
    pending_label,
)

LEADER = "班长王芳"


def accepted(decision: object) -> Accepted:
    assert isinstance(decision, Accepted), decision
    return decision


def refused(decision: object) -> Refused:
    assert isinstance(decision, Refused), decision
    return decision


# ------------------------------------------------------------------------------------------ sign in


def test_sign_in_leaves_the_seat_away_with_the_after_sign_in_reason(rules: SeatRules) -> None:
    decision = accepted(decide(SeatSnapshot.signed_out_at(T0), SignIn(), T0 + seconds(5), rules))
    expected = SeatSnapshot(state=SeatState.AWAY, since=T0 + seconds(5), reason="after_sign_in")
    assert decision.snapshot == expected
    assert decision.effects == (AnnounceStateChange(expected),)
    assert describe_state(expected, rules) == "示忙（签入未就绪）"


def test_a_hall_may_sign_agents_in_straight_to_ready(rules: SeatRules) -> None:
    ready_rules = replace(rules, sign_in_state=SeatState.READY)
    decision = accepted(decide(SeatSnapshot.signed_out_at(T0), SignIn(), T0, ready_rules))
    assert decision.snapshot == SeatSnapshot(state=SeatState.READY, since=T0)


# --------------------------------------------------------------------------------------- away / ready


def test_away_reasons_are_changed_in_place_and_restart_the_clock(walk: Walk, rules: SeatRules) -> None:
    away = walk([*TO_READY, GoAway("break")])
    later = accepted(decide(away, GoAway("meal"), T0 + seconds(300), rules)).snapshot
    assert (later.state, later.reason, later.since) == (SeatState.AWAY, "meal", T0 + seconds(300))
    same = refused(decide(later, GoAway("meal"), T0 + seconds(301), rules))
    assert same.code is RefusalCode.already
    assert same.message.startswith("当前已经是“示忙（用餐）”。")


def test_system_and_unknown_reasons_are_refused_with_the_choices(walk: Walk, rules: SeatRules) -> None:
    ready = walk(TO_READY)
    system = refused(decide(ready, GoAway("ring_no_answer"), T0, rules))
    assert system.code is RefusalCode.reason_not_selectable
    assert system.message.startswith(
        "“振铃未接”由系统设置，座席不能选择；可选的原因：小休、用餐、培训、会议、如厕、学习。"
    )
    unknown = refused(decide(ready, GoAway("nap"), T0, rules))
    assert unknown.code is RefusalCode.unknown_reason
    assert "“nap”" in unknown.message


def test_away_limit_comes_from_the_reason(walk: Walk, rules: SeatRules) -> None:
    on_break = walk([*TO_READY, GoAway("break")])
    assert rules.away_deadline(on_break) == T0 + seconds(15 * 60)
    in_training = walk([*TO_READY, GoAway("training")])
    assert rules.away_deadline(in_training) is None
    assert rules.away_deadline(walk(TO_READY)) is None


# --------------------------------------------------------------------------------------------- calls


def test_an_offer_rings_and_arms_the_ring_timer(walk: Walk, rules: SeatRules) -> None:
    outcome = apply_fact_with_effects(walk(TO_READY), CallOffered(CALL), T0 + seconds(2), rules)
    ringing = SeatSnapshot(state=SeatState.RINGING, since=T0 + seconds(2), call_id=CALL)
    assert outcome.snapshot == ringing
    assert outcome.effects == (StartRingTimer(CALL, T0 + seconds(17)), AnnounceStateChange(ringing))


def test_answer_connects_the_ringing_call(walk: Walk, rules: SeatRules) -> None:
    decision = accepted(decide(walk([*TO_READY, CallOffered(CALL)]), Answer(), T0 + seconds(3), rules))
    assert decision.snapshot == SeatSnapshot(state=SeatState.TALKING, since=T0 + seconds(3), call_id=CALL)
    assert decision.effects[0] == AnswerCall(CALL)


def test_ring_timeout_puts_the_seat_away_with_ring_no_answer_and_requeues(
    walk: Walk, rules: SeatRules
) -> None:
    ringing = walk([*TO_READY, CallOffered(CALL)])
    outcome = apply_fact_with_effects(ringing, RingTimeout(CALL), T0 + seconds(15), rules)
    away = SeatSnapshot(state=SeatState.AWAY, since=T0 + seconds(15), reason="ring_no_answer")
    assert outcome.snapshot == away
    assert outcome.effects == (
        RequeueCall(CALL),
        CloseContact(CALL, order_saved=False),
        AnnounceStateChange(away),
    )
    assert describe_state(away, rules) == "示忙（振铃未接）"


def test_timers_and_hang_ups_of_other_calls_change_nothing(walk: Walk, rules: SeatRules) -> None:
    talking = walk(TO_TALKING)
    assert apply_fact(talking, RingTimeout(CALL), T0 + seconds(60), rules) == talking
    for stale in (CallerHungUp("c0"), WrapUpExpired("c0"), RingTimeout("c0"), ConsultEnded("c0")):
        assert apply_fact(talking, stale, T0 + seconds(60), rules) == talking
    second_offer = apply_fact_with_effects(talking, CallOffered("c2"), T0, rules)
    assert second_offer.snapshot == talking
    assert second_offer.effects == ()


def test_an_offer_that_crossed_going_away_still_rings(walk: Walk, rules: SeatRules) -> None:
    away = walk([*TO_READY, GoAway("break")])
    assert apply_fact(away, CallOffered(CALL), T0, rules).state is SeatState.RINGING
    assert apply_fact(walk([]), CallOffered(CALL), T0, rules) == walk([])


def test_consult_holds_the_caller_then_conference_or_cancel(walk: Walk, rules: SeatRules) -> None:
    talking = walk(TO_TALKING)
    consulting = accepted(decide(talking, StartConsult(f" {TARGET} "), T0, rules))
    assert consulting.snapshot.consult_target == TARGET
    assert consulting.effects[:2] == (HoldCall(CALL), DialConsult(CALL, TARGET))
    empty = refused(decide(talking, StartConsult("  "), T0, rules))
    assert empty.code is RefusalCode.empty_target
    back = accepted(decide(consulting.snapshot, CancelConsult(), T0, rules)).snapshot
    assert (back.state, back.consult_target) == (SeatState.TALKING, None)


def test_a_consult_that_ends_leaves_the_caller_held(walk: Walk, rules: SeatRules) -> None:
    consulting = walk([*TO_TALKING, StartConsult(TARGET)])
    held = apply_fact(consulting, ConsultEnded(CALL), T0 + seconds(9), rules)
    assert (held.state, held.consult_target, held.since) == (SeatState.HELD, None, T0 + seconds(9))


def test_hang_up_starts_wrap_up_with_a_deadline(walk: Walk, rules: SeatRules) -> None:
    talking = walk(TO_TALKING)
    decision = accepted(decide(talking, HangUp(), T0 + seconds(100), rules))
    wrap_up = SeatSnapshot(
        state=SeatState.WRAP_UP, since=T0 + seconds(100), call_id=CALL, wrap_up_deadline=T0 + seconds(160)
    )
    assert decision.snapshot == wrap_up
    assert decision.effects == (
        ReleaseCall(CALL),
        StartWrapUpTimer(CALL, T0 + seconds(160)),
        AnnounceStateChange(wrap_up),
    )


def test_a_caller_hanging_up_during_a_consult_drops_the_consult_leg(walk: Walk, rules: SeatRules) -> None:
    consulting = walk([*TO_TALKING, StartConsult(TARGET)])
    outcome = apply_fact_with_effects(consulting, CallerHungUp(CALL), T0 + seconds(30), rules)
    assert outcome.snapshot.state is SeatState.WRAP_UP
    assert outcome.snapshot.consult_target is None
    assert outcome.effects[:2] == (DropConsult(CALL), StartWrapUpTimer(CALL, T0 + seconds(90)))


def test_a_caller_who_abandons_while_ringing_leaves_the_seat_ready(walk: Walk, rules: SeatRules) -> None:
    ringing = walk([*TO_READY, CallOffered(CALL)])
    assert apply_fact(ringing, CallerHungUp(CALL), T0 + seconds(4), rules) == SeatSnapshot(
        state=SeatState.READY, since=T0 + seconds(4)
    )


def test_the_order_saved_during_the_call_carries_into_wrap_up(walk: Walk, rules: SeatRules) -> None:
    wrap_up = walk([*TO_TALKING, OrderSaved(CALL), HangUp()])
    assert wrap_up.order_saved
    assert accepted(decide(wrap_up, EndWrapUp(), T0, rules)).snapshot.state is SeatState.READY


def test_an_order_of_another_call_is_refused(walk: Walk, rules: SeatRules) -> None:
    decision = refused(decide(walk(TO_TALKING), OrderSaved("c9"), T0, rules))
    assert decision.code is RefusalCode.wrong_call
    assert decision.message.startswith("工单属于通话 c9，不是当前通话 c1。")


def test_sign_out_during_a_call_is_refused_and_offers_a_booking(walk: Walk, rules: SeatRules) -> None:
    decision = refused(decide(walk(TO_TALKING), SignOut(), T0, rules))
    assert decision.code is RefusalCode.on_call
    assert decision.message.startswith("“通话中”时不能签出；可以预约“本次通话后签出”。")
    assert "预约下一状态" in decision.message


# ------------------------------------------------------------------------------------------- wrap-up


def test_end_wrap_up_is_refused_until_the_order_is_saved(walk: Walk, rules: SeatRules) -> None:
    wrap_up = walk([*TO_TALKING, HangUp()])
    decision = refused(decide(wrap_up, EndWrapUp(), T0 + seconds(10), rules))
    assert decision.code is RefusalCode.order_not_saved
    assert decision.message == (
        "工单尚未保存，话后整理不能结束：请先保存工单。现在可以：延长话后整理、预约下一状态、保存工单。"
    )
    for leave in (GoReady(), GoAway("break"), SignOut()):
        assert refused(decide(wrap_up, leave, T0, rules)).code is RefusalCode.order_not_saved


def test_end_wrap_up_closes_the_contact_once_the_order_is_saved(walk: Walk, rules: SeatRules) -> None:
    saved = walk([*TO_TALKING, HangUp(), OrderSaved(CALL)])
    decision = accepted(decide(saved, EndWrapUp(), T0 + seconds(20), rules))
    ready = SeatSnapshot(state=SeatState.READY, since=T0 + seconds(20))
    assert decision.snapshot == ready
    assert decision.effects == (CancelWrapUpTimer(CALL), CloseContact(CALL, True), AnnounceStateChange(ready))


def test_no_early_exit_mode_keeps_the_agent_until_the_deadline(walk: Walk, strict_rules: SeatRules) -> None:
    saved = walk([*TO_TALKING, HangUp(), OrderSaved(CALL)])
    early = refused(decide(saved, EndWrapUp(), T0 + seconds(15.5), strict_rules))
    assert early.code is RefusalCode.no_early_exit
    assert early.message.startswith("本班组的话后整理不允许提前结束，还剩 45 秒。")
    assert refused(decide(saved, GoReady(), T0 + seconds(59), strict_rules)).code is RefusalCode.no_early_exit
    on_time = accepted(decide(saved, EndWrapUp(), T0 + seconds(60), strict_rules))
    assert on_time.snapshot.state is SeatState.READY


def test_wrap_up_expiry_with_the_order_saved_makes_the_seat_ready(walk: Walk, rules: SeatRules) -> None:
    saved = walk([*TO_TALKING, HangUp(), OrderSaved(CALL)])
    outcome = apply_fact_with_effects(saved, WrapUpExpired(CALL), T0 + seconds(60), rules)
    assert outcome.snapshot == SeatSnapshot(state=SeatState.READY, since=T0 + seconds(60))
    assert CloseContact(CALL, True) in outcome.effects


def test_wrap_up_expiry_without_the_order_never_closes_the_contact(walk: Walk, rules: SeatRules) -> None:
    wrap_up = walk([*TO_TALKING, HangUp()])
    outcome = apply_fact_with_effects(wrap_up, WrapUpExpired(CALL), T0 + seconds(61), rules)
    overrun = replace(wrap_up, reason="wrap_up_overrun", since=T0 + seconds(61))
    assert outcome.snapshot == overrun
    assert outcome.snapshot.wrap_up_overrun
    assert outcome.effects == (AnnounceStateChange(overrun),)
    assert describe_state(overrun, rules) == "话后整理（话后整理超时，工单未保存）"
    # A second expiry (a retried timer) changes nothing.
    assert apply_fact(overrun, WrapUpExpired(CALL), T0 + seconds(70), rules) == overrun
    finished = accepted(decide(overrun, OrderSaved(CALL), T0 + seconds(75), rules))
    assert finished.snapshot == SeatSnapshot(state=SeatState.READY, since=T0 + seconds(75))
    assert CloseContact(CALL, True) in finished.effects


def test_an_expiry_before_the_deadline_is_a_stale_timer(walk: Walk, rules: SeatRules) -> None:
    wrap_up = walk([*TO_TALKING, HangUp()])
    extended = accepted(decide(wrap_up, ExtendWrapUp(), T0 + seconds(30), rules)).snapshot
    assert extended.wrap_up_deadline == T0 + seconds(120)
    assert apply_fact(extended, WrapUpExpired(CALL), T0 + seconds(60), rules) == extended


def test_wrap_up_can_be_extended_once(walk: Walk, rules: SeatRules) -> None:
    wrap_up = walk([*TO_TALKING, HangUp()])
    first = accepted(decide(wrap_up, ExtendWrapUp(), T0 + seconds(10), rules))
    assert first.snapshot.wrap_up_deadline == T0 + seconds(120)
    assert first.snapshot.wrap_up_extended
    assert first.effects[0] == StartWrapUpTimer(CALL, T0 + seconds(120))
    second = refused(decide(first.snapshot, ExtendWrapUp(), T0 + seconds(11), rules))
    assert second.code is RefusalCode.extension_used
    assert second.message.startswith("本次话后整理已经延长过一次，不能再延长。")


def test_extending_an_overrun_wrap_up_counts_from_now(walk: Walk, rules: SeatRules) -> None:
    overrun = apply_fact(walk([*TO_TALKING, HangUp()]), WrapUpExpired(CALL), T0 + seconds(60), rules)
    extended = accepted(decide(overrun, ExtendWrapUp(), T0 + seconds(90), rules)).snapshot
    assert extended.wrap_up_deadline == T0 + seconds(150)
    assert extended.reason is None
    assert not extended.wrap_up_overrun


def test_a_hall_may_forbid_extensions(walk: Walk, rules: SeatRules) -> None:
    no_extension = replace(
        rules, wrap_up=replace(rules.wrap_up, extension_allowed=False, extension_seconds=0)
    )
    wrap_up = walk_from(no_extension, [*TO_TALKING, HangUp()])
    assert (
        refused(decide(wrap_up, ExtendWrapUp(), T0, no_extension)).code is RefusalCode.extension_not_allowed
    )


# ------------------------------------------------------------------------------------- pending next


def test_a_booked_away_is_applied_exactly_once_at_the_end_of_wrap_up(walk: Walk, rules: SeatRules) -> None:
    booking = PendingNext.go_away("meal")
    talking = accepted(decide(walk(TO_TALKING), SetPending(booking), T0, rules)).snapshot
    assert talking.pending == booking
    assert pending_label(booking, rules) == "示忙（用餐）"
    # Hanging up does not apply it: the wrap-up comes first.
    wrap_up = accepted(decide(talking, HangUp(), T0 + seconds(50), rules)).snapshot
    assert (wrap_up.state, wrap_up.pending) == (SeatState.WRAP_UP, booking)
    saved = accepted(decide(wrap_up, OrderSaved(CALL), T0 + seconds(70), rules)).snapshot
    assert (saved.state, saved.pending) == (SeatState.WRAP_UP, booking)
    ended = accepted(decide(saved, EndWrapUp(), T0 + seconds(80), rules))
    meal = SeatSnapshot(state=SeatState.AWAY, since=T0 + seconds(80), reason="meal")
    assert ended.snapshot == meal
    assert [e for e in ended.effects if isinstance(e, PendingApplied)] == [PendingApplied(CALL, booking)]
    # The next call ends in ready: the booking was used up.
    next_call = walk_from(rules, [GoReady(), CallOffered("c2"), Answer(), OrderSaved("c2"), HangUp()], meal)
    assert next_call.pending is None
    assert accepted(decide(next_call, EndWrapUp(), T0, rules)).snapshot.state is SeatState.READY


def test_a_booked_sign_out_applies_when_the_wrap_up_expires(walk: Walk, rules: SeatRules) -> None:
    wrap_up = walk([*TO_TALKING, SetPending(PendingNext.sign_out()), OrderSaved(CALL), HangUp()])
    outcome = apply_fact_with_effects(wrap_up, WrapUpExpired(CALL), T0 + seconds(60), rules)
    assert outcome.snapshot == SeatSnapshot(state=SeatState.SIGNED_OUT, since=T0 + seconds(60))
    assert PendingApplied(CALL, PendingNext.sign_out()) in outcome.effects


def test_a_booking_can_be_cancelled_and_then_nothing_is_applied(walk: Walk, rules: SeatRules) -> None:
    booked = walk([*TO_TALKING, SetPending(PendingNext.go_away("break"))])
    cancelled = accepted(decide(booked, CancelPending(), T0, rules)).snapshot
    assert cancelled.pending is None
    ended = walk_from(rules, [OrderSaved(CALL), HangUp(), EndWrapUp()], cancelled)
    assert ended == SeatSnapshot(state=SeatState.READY, since=T0)


def test_a_booking_is_applied_when_the_ring_times_out(walk: Walk, rules: SeatRules) -> None:
    ringing = walk([*TO_READY, CallOffered(CALL), SetPending(PendingNext.go_away("break"))])
    outcome = apply_fact_with_effects(ringing, RingTimeout(CALL), T0 + seconds(15), rules)
    assert outcome.snapshot == SeatSnapshot(state=SeatState.AWAY, since=T0 + seconds(15), reason="break")
    assert RequeueCall(CALL) in outcome.effects


def test_outside_a_call_a_booking_is_refused_as_pointless(walk: Walk, rules: SeatRules) -> None:
    decision = refused(decide(walk(TO_READY), SetPending(PendingNext.sign_out()), T0, rules))
    assert decision.code is RefusalCode.not_in_call
    assert decision.message.startswith("当前没有通话，可以直接示忙或签出，无需预约。")


def test_an_agent_cannot_book_in_a_team_leaders_name(walk: Walk, rules: SeatRules) -> None:
    request = SetPending(PendingNext.sign_out(forced_by=LEADER))
    assert refused(decide(walk(TO_TALKING), request, T0, rules)).code is RefusalCode.not_permitted


def test_pending_next_needs_a_sound_shape() -> None:
    with pytest.raises(ValueError, match="needs a reason"):
        PendingNext(PendingKind.away)
    with pytest.raises(ValueError, match="takes no reason"):
        PendingNext(PendingKind.sign_out, reason="break")


# ------------------------------------------------------------------------------------- team leader


def test_a_forced_state_on_an_idle_seat_applies_at_once(walk: Walk, rules: SeatRules) -> None:
    forced = apply_fact(walk(TO_READY), ForcedState(SeatState.AWAY, None, LEADER), T0 + seconds(5), rules)
    assert forced == SeatSnapshot(
        state=SeatState.AWAY, since=T0 + seconds(5), reason="forced", forced_by=LEADER
    )
    assert describe_state(forced, rules) == "示忙（班长强制）"
    # The agent may still go ready afterwards; the force is not a lock.
    assert accepted(decide(forced, GoReady(), T0 + seconds(6), rules)).snapshot.forced_by is None


def test_a_forced_state_during_a_call_is_booked_for_after_it(walk: Walk, rules: SeatRules) -> None:
    talking = walk([*TO_TALKING, SetPending(PendingNext.go_away("break"))])
    forced = apply_fact(talking, ForcedState(SeatState.SIGNED_OUT, None, LEADER), T0 + seconds(5), rules)
    assert (forced.state, forced.since, forced.call_id) == (SeatState.TALKING, T0, CALL)
    assert forced.pending == PendingNext.sign_out(forced_by=LEADER)
    cancel = refused(decide(forced, CancelPending(), T0, rules))
    assert cancel.code is RefusalCode.pending_forced
    assert cancel.message.startswith("班长 班长王芳 已安排本次通话后“签出”，座席不能更改或取消。")
    replace_booking = refused(decide(forced, SetPending(PendingNext.go_away("meal")), T0, rules))
    assert replace_booking.code is RefusalCode.pending_forced


def test_a_forced_booking_cannot_be_dodged_by_going_ready(walk: Walk, rules: SeatRules) -> None:
    talking = walk(TO_TALKING)
    forced = apply_fact(talking, ForcedState(SeatState.AWAY, "meeting", LEADER), T0, rules)
    saved = walk_from(rules, [OrderSaved(CALL), HangUp()], forced)
    dodge = refused(decide(saved, GoReady(), T0, rules))
    assert dodge.code is RefusalCode.pending_forced
    assert dodge.message.startswith("班长 班长王芳 已安排本次通话后“示忙（会议）”，请点“结束话后整理”。")
    ended = accepted(decide(saved, EndWrapUp(), T0 + seconds(1), rules)).snapshot
    assert ended == SeatSnapshot(
        state=SeatState.AWAY, since=T0 + seconds(1), reason="meeting", forced_by=LEADER
    )


def test_a_forced_state_never_ends_an_unsaved_wrap_up(walk: Walk, rules: SeatRules) -> None:
    wrap_up = walk([*TO_TALKING, HangUp()])
    forced = apply_fact(wrap_up, ForcedState(SeatState.SIGNED_OUT, None, LEADER), T0 + seconds(5), rules)
    assert forced.state is SeatState.WRAP_UP
    assert forced.pending == PendingNext.sign_out(forced_by=LEADER)
    finished = walk_from(rules, [OrderSaved(CALL), EndWrapUp()], forced)
    assert finished == SeatSnapshot(state=SeatState.SIGNED_OUT, since=T0, forced_by=LEADER)


def test_a_forced_state_ends_a_saved_wrap_up_at_once(walk: Walk, rules: SeatRules) -> None:
    saved = walk([*TO_TALKING, HangUp(), OrderSaved(CALL), SetPending(PendingNext.go_away("break"))])
    outcome = apply_fact_with_effects(
        saved, ForcedState(SeatState.READY, None, LEADER), T0 + seconds(8), rules
    )
    assert outcome.snapshot == SeatSnapshot(state=SeatState.READY, since=T0 + seconds(8), forced_by=LEADER)
    assert CloseContact(CALL, True) in outcome.effects
    assert not any(isinstance(effect, PendingApplied) for effect in outcome.effects)


def test_forced_ready_during_a_call_clears_the_booking(walk: Walk, rules: SeatRules) -> None:
    booked = walk([*TO_TALKING, SetPending(PendingNext.go_away("break"))])
    forced = apply_fact(booked, ForcedState(SeatState.READY, None, LEADER), T0, rules)
    assert (forced.state, forced.pending) == (SeatState.TALKING, None)


def test_forced_states_must_be_forceable() -> None:
    with pytest.raises(ValueError, match="only force"):
        ForcedState(SeatState.TALKING, None, LEADER)
    with pytest.raises(ValueError, match="only a forced away"):
        ForcedState(SeatState.READY, "break", LEADER)
    with pytest.raises(ValueError, match="name the team leader"):
        ForcedState(SeatState.AWAY, None, "")


def test_a_force_on_a_signed_out_seat_changes_nothing(walk: Walk, rules: SeatRules) -> None:
    assert apply_fact(walk([]), ForcedState(SeatState.READY, None, LEADER), T0, rules) == walk([])


# -------------------------------------------------------------------------------------- the link


def test_a_lost_link_takes_a_ready_seat_out_of_routing(walk: Walk, rules: SeatRules) -> None:
    lost = apply_fact(walk(TO_READY), ConnectionLost(), T0 + seconds(3), rules)
    assert lost == SeatSnapshot(
        state=SeatState.AWAY, since=T0 + seconds(3), reason="connection_lost", connection_lost=True
    )
    assert describe_state(lost, rules) == "示忙（连接中断）"
    back = apply_fact(lost, ConnectionRestored(), T0 + seconds(40), rules)
    assert (back.state, back.reason, back.connection_lost) == (SeatState.AWAY, "connection_lost", False)
    assert accepted(decide(back, GoReady(), T0 + seconds(41), rules)).snapshot.state is SeatState.READY


def test_a_lost_link_does_not_cut_a_call_or_a_wrap_up(walk: Walk, rules: SeatRules) -> None:
    for steps in (TO_TALKING, (*TO_TALKING, HangUp())):
        before = walk(steps)
        lost = apply_fact(before, ConnectionLost(), T0 + seconds(3), rules)
        assert lost == replace(before, connection_lost=True)


def test_a_lost_link_while_ringing_requeues_the_call(walk: Walk, rules: SeatRules) -> None:
    outcome = apply_fact_with_effects(walk([*TO_READY, CallOffered(CALL)]), ConnectionLost(), T0, rules)
    assert outcome.snapshot.reason == "connection_lost"
    assert RequeueCall(CALL) in outcome.effects


def test_after_a_reconnect_the_client_takes_the_backends_state(walk: Walk, rules: SeatRules) -> None:
    local = apply_fact(walk(TO_TALKING), ConnectionLost(), T0, rules)
    server = SeatSnapshot(
        state=SeatState.AWAY, since=T0 + seconds(30), reason="ring_no_answer", connection_lost=True
    )
    assert apply_fact(local, ConnectionRestored(server), T0 + seconds(31), rules) == replace(
        server, connection_lost=False
    )
    pushed = SeatSnapshot(state=SeatState.READY, since=T0 + seconds(40))
    assert apply_fact(local, StateAnnounced(pushed), T0 + seconds(41), rules) == pushed


# ---------------------------------------------------------------------------------- what is possible


def test_allowed_requests_drive_the_buttons(seats: dict[str, SeatSnapshot], rules: SeatRules) -> None:
    names = {seat: [kind.__name__ for kind in allowed_requests(s, T0, rules)] for seat, s in seats.items()}
    assert names["signed_out"] == ["SignIn"]
    assert names["ready"] == ["SignOut", "GoAway"]
    assert names["away"] == ["SignOut", "GoReady", "GoAway"]
    assert names["ringing"] == ["Answer", "SetPending"]
    assert names["consulting"] == ["CancelConsult", "StartConference", "SetPending", "OrderSaved"]
    assert names["wrap_up"] == ["ExtendWrapUp", "SetPending", "OrderSaved"]
    assert names["wrap_up_saved"] == [
        "SignOut", "GoReady", "GoAway", "EndWrapUp", "ExtendWrapUp", "SetPending", "OrderSaved",
    ]  # fmt: skip


def test_saving_the_order_again_is_harmless(walk: Walk, rules: SeatRules) -> None:
    saved = walk([*TO_TALKING, OrderSaved(CALL)])
    again = accepted(decide(saved, OrderSaved(CALL), T0 + seconds(5), rules))
    assert again.snapshot == saved
    assert again.effects == ()


def test_a_naive_now_is_a_programming_error(rules: SeatRules) -> None:
    naive = T0.replace(tzinfo=None)
    with pytest.raises(ValueError, match="timezone-aware"):
        decide(SeatSnapshot.signed_out_at(T0), SignIn(), naive, rules)
    with pytest.raises(ValueError, match="timezone-aware"):
        apply_fact(SeatSnapshot.signed_out_at(T0), ConnectionLost(), naive, rules)
    with pytest.raises(ValueError, match="timezone-aware"):
        SeatSnapshot.signed_out_at(naive)
