"""The seat machine's transfer rules and the phones' third-party leg (fake phone, stale reports)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from seatclient.api.models import ConsultOutcome, ConsultPhase, EmergencyHandoff, TransferKind
from seatclient.rules import RuleBook
from seatclient.seat import (
    Accepted,
    AnnounceStateChange,
    Answer,
    CallerHungUp,
    CallOffered,
    ConsultEnded,
    DialConsult,
    DropConsult,
    GoReady,
    HoldCall,
    RefusalCode,
    Refused,
    SeatRules,
    SeatSnapshot,
    SeatState,
    SignIn,
    StartConference,
    StartConsult,
    StartWrapUpTimer,
    apply_fact,
    decide,
    load_default_rules,
)
from seatclient.seat.machine import (
    BlindTransfer,
    BlindTransferCall,
    BridgeEmergency,
    CompleteTransfer,
    EmergencyTransfer,
    TransferCall,
    allowed_transfers,
)
from seatclient.softphone.base import PhoneCommandRefused, PhoneState
from seatclient.softphone.fake import FakePhone

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
CALL = "C-1"


@pytest.fixture(scope="module")
def rules() -> SeatRules:
    return load_default_rules(RuleBook())


def accepted(decision: object) -> Accepted:
    assert isinstance(decision, Accepted), decision
    return decision


def talking(rules: SeatRules) -> SeatSnapshot:
    seat = accepted(decide(SeatSnapshot.signed_out_at(T0), SignIn(), T0, rules)).snapshot
    seat = accepted(decide(seat, GoReady(), T0, rules)).snapshot
    seat = apply_fact(seat, CallOffered(CALL), T0, rules)
    return accepted(decide(seat, Answer(), T0 + timedelta(seconds=3), rules)).snapshot


def consulting(rules: SeatRules) -> SeatSnapshot:
    return accepted(
        decide(talking(rules), StartConsult("specialist:hrss"), T0 + timedelta(seconds=9), rules)
    ).snapshot


def test_consulting_holds_the_caller_and_dials_the_target(rules: SeatRules) -> None:
    decision = accepted(decide(talking(rules), StartConsult("specialist:hrss"), T0, rules))
    assert decision.effects[:2] == (HoldCall(CALL), DialConsult(CALL, "specialist:hrss"))
    assert decision.snapshot.state is SeatState.CONSULTING
    assert decision.snapshot.consult_target == "specialist:hrss"


def test_completing_a_transfer_leaves_the_caller_with_the_target_and_starts_wrap_up(rules: SeatRules) -> None:
    now = T0 + timedelta(seconds=30)
    for seat in (
        consulting(rules),
        accepted(decide(consulting(rules), StartConference(), now, rules)).snapshot,
    ):
        decision = accepted(decide(seat, CompleteTransfer(), now, rules))
        after = decision.snapshot
        assert after.state is SeatState.WRAP_UP and after.consult_target is None and after.call_id == CALL
        assert after.wrap_up_deadline == now + timedelta(seconds=rules.wrap_up.duration_seconds)
        assert decision.effects == (
            TransferCall(CALL),
            StartWrapUpTimer(CALL, after.wrap_up_deadline),
            AnnounceStateChange(after),
        )


def test_completing_without_a_consultation_is_refused_with_what_to_do(rules: SeatRules) -> None:
    refused = decide(talking(rules), CompleteTransfer(), T0, rules)
    assert isinstance(refused, Refused) and refused.code is RefusalCode.not_consulting
    assert refused.message.startswith("请先咨询转接对象，对方接通后才能完成转接。现在可以：")


def test_blind_transfer_only_from_an_answered_call_without_a_consultation(rules: SeatRules) -> None:
    decision = accepted(decide(talking(rules), BlindTransfer("hotline:12315"), T0, rules))
    assert decision.snapshot.state is SeatState.WRAP_UP
    assert decision.effects[0] == BlindTransferCall(CALL, "hotline:12315")
    while_consulting = decide(consulting(rules), BlindTransfer("hotline:12315"), T0, rules)
    assert isinstance(while_consulting, Refused)
    assert while_consulting.message.startswith("正在“咨询中”：请完成转接，或结束咨询后再直接转接。")
    empty = decide(talking(rules), BlindTransfer("  "), T0, rules)
    assert isinstance(empty, Refused) and empty.code is RefusalCode.empty_target
    ringing = apply_fact(
        accepted(decide(SeatSnapshot.signed_out_at(T0), SignIn(), T0, rules)).snapshot,
        CallOffered(CALL),
        T0,
        rules,
    )
    not_answered = decide(ringing, BlindTransfer("hotline:12315"), T0, rules)
    assert isinstance(not_answered, Refused) and not_answered.code is RefusalCode.not_answered


def test_an_emergency_drops_a_consultation_and_bridges_at_once(rules: SeatRules) -> None:
    decision = accepted(decide(consulting(rules), EmergencyTransfer("120"), T0, rules))
    assert decision.effects[:2] == (DropConsult(CALL), BridgeEmergency(CALL, "120"))
    assert decision.snapshot.state is SeatState.WRAP_UP
    held = replace(talking(rules), state=SeatState.HELD)
    assert accepted(decide(held, EmergencyTransfer("110"), T0, rules)).effects[0] == BridgeEmergency(
        CALL, "110"
    )
    wrap_up = decision.snapshot
    again = decide(wrap_up, EmergencyTransfer("110"), T0, rules)
    assert isinstance(again, Refused)
    assert again.message.startswith("通话已结束，正在话后整理，不能紧急转接。")


def test_allowed_transfers_follow_the_seat(rules: SeatRules) -> None:
    names = lambda seat: [kind.__name__ for kind in allowed_transfers(seat, T0, rules)]  # noqa: E731
    assert names(talking(rules)) == ["BlindTransfer", "EmergencyTransfer"]
    assert names(consulting(rules)) == ["CompleteTransfer", "EmergencyTransfer"]
    assert names(SeatSnapshot.signed_out_at(T0)) == []
    assert names(replace(consulting(rules), connection_lost=True)) == []


def test_a_failed_consultation_leaves_the_caller_held_and_a_caller_hang_up_drops_it(rules: SeatRules) -> None:
    held = apply_fact(consulting(rules), ConsultEnded(CALL), T0, rules)
    assert held.state is SeatState.HELD and held.consult_target is None
    hung_up = apply_fact(consulting(rules), CallerHungUp(CALL), T0, rules)
    assert hung_up.state is SeatState.WRAP_UP and hung_up.consult_target is None


@pytest.mark.asyncio
async def test_the_fake_phone_walks_a_consultation_to_a_three_way_call_and_a_transfer() -> None:
    phone = FakePhone(T0)
    legs: list[tuple[ConsultPhase, ConsultOutcome | None]] = []
    phone.consult_changed.connect(
        lambda leg: legs.append((leg.phase, leg.outcome) if leg else (ConsultPhase.ENDED, None))
    )
    phone.offer()
    await phone.answer()
    await phone.consult("specialist:hrss")
    assert phone.state is PhoneState.HELD
    with pytest.raises(PhoneCommandRefused, match="对方尚未接听"):
        await phone.start_conference()
    phone.target_answers()
    await phone.start_conference()
    assert phone.state is PhoneState.CONNECTED
    await phone.complete_transfer()
    assert phone.state is PhoneState.IDLE
    assert legs == [
        (ConsultPhase.RINGING, None),
        (ConsultPhase.TALKING, None),
        (ConsultPhase.CONFERENCE, None),
        (ConsultPhase.ENDED, ConsultOutcome.TRANSFERRED),
    ]
    phone.clear()
    assert phone.consult_leg is None and legs[-1] == (ConsultPhase.ENDED, None)
    assert phone.commands == [
        "answer",
        "consult:specialist:hrss",
        "conference",
        "conference",
        "complete_transfer",
    ]


@pytest.mark.asyncio
async def test_a_busy_target_brings_the_caller_back_and_an_emergency_keeps_its_handoff() -> None:
    phone = FakePhone(T0)
    phone.offer()
    await phone.answer()
    await phone.consult("specialist:legal")
    phone.target_fails(ConsultOutcome.BUSY)
    assert phone.state is PhoneState.CONNECTED
    assert phone.consult_leg is not None and phone.consult_leg.caller_returned
    handoff = EmergencyHandoff(summary="有人晕倒", callback_number="13957100421", order_id="C-1")
    await phone.emergency_transfer("120", handoff)
    assert phone.handoffs == [("120", handoff)]
    assert phone.consult_leg is not None and phone.consult_leg.kind is TransferKind.EMERGENCY
    assert phone.call is not None and phone.call.ended_at == T0


@pytest.mark.asyncio
async def test_an_older_report_of_the_same_leg_never_rolls_it_back() -> None:
    phone = FakePhone(T0)
    phone.offer()
    await phone.answer()
    await phone.consult("specialist:hrss")
    phone.target_answers()
    answered = phone.consult_leg
    assert answered is not None
    # The command's answer (ringing) arriving after the stream's "answered" event is stale.
    phone._apply_consult(answered.model_copy(update={"phase": ConsultPhase.RINGING}))
    assert phone.consult_leg == answered
    # A leg of another call is not this phone's.
    phone._apply_consult(answered.model_copy(update={"call_id": "C-other", "consult_id": "X9"}))
    assert phone.consult_leg == answered
