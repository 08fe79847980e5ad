"""The abstract phone's facts, the fake phone, and the backend phone's mapping of the wire's calls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from seatclient.api.models import CallEndReason, CallInfo, CallPhase, TrainingCallerStory
from seatclient.softphone.backend import phone_call_from
from seatclient.softphone.base import PhoneCall, PhoneCommandRefused, PhoneState
from seatclient.softphone.fake import FakePhone

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def recorder(phone: FakePhone) -> list[str]:
    seen: list[str] = []
    phone.state_changed.connect(lambda state: seen.append(f"state:{state.value}"))
    phone.call_offered.connect(lambda call: seen.append(f"offered:{call.call_id}"))
    phone.call_ended.connect(lambda call: seen.append(f"ended:{call.call_id}"))
    phone.dtmf_sent.connect(lambda digits: seen.append(f"dtmf:{digits}"))
    return seen


@pytest.mark.asyncio
async def test_a_call_from_ring_to_hang_up_announces_each_fact_once() -> None:
    phone = FakePhone(T0)
    seen = recorder(phone)
    call = phone.offer("C-7", waited=timedelta(seconds=40))
    assert call.waited == timedelta(seconds=40)
    assert phone.state is PhoneState.RINGING
    await phone.answer()
    await phone.toggle_hold()
    assert phone.state is PhoneState.HELD
    await phone.toggle_hold()
    await phone.toggle_mute()
    assert phone.muted
    await phone.send_dtmf("12#")
    await phone.hang_up()
    assert seen == [
        "offered:C-7",
        "state:ringing",
        "state:connected",
        "state:held",
        "state:connected",
        "dtmf:12#",
        "ended:C-7",
        "state:idle",
    ]
    assert phone.commands == ["answer", "hold", "resume", "mute", "dtmf:12#", "hang_up"]
    # The ended call stays for the wrap-up until it is cleared.
    assert phone.call is not None and phone.call.ended_at == T0
    phone.clear()
    assert phone.call is None


@pytest.mark.asyncio
async def test_commands_that_do_not_fit_are_refused_and_change_nothing() -> None:
    phone = FakePhone(T0)
    with pytest.raises(PhoneCommandRefused):
        await phone.answer()
    phone.offer()
    with pytest.raises(PhoneCommandRefused):
        await phone.hold()
    with pytest.raises(PhoneCommandRefused):
        await phone.send_dtmf("1")
    assert phone.state is PhoneState.RINGING
    phone.refuse_with = "后台拒绝"
    with pytest.raises(PhoneCommandRefused, match="后台拒绝"):
        await phone.answer()
    await phone.answer()
    with pytest.raises(PhoneCommandRefused):
        await phone.send_dtmf("12x")


def test_a_caller_hanging_up_while_it_rings_ends_it_without_an_answer() -> None:
    phone = FakePhone(T0)
    seen = recorder(phone)
    phone.offer("C-9")
    phone.caller_hangs_up()
    assert seen == ["offered:C-9", "state:ringing", "ended:C-9", "state:idle"]


def test_the_caller_number_never_reaches_a_log() -> None:
    call = PhoneCall("C-1", "13957100421", False, "12345 综合", T0, T0, ivr_note="按 1")
    assert "13957100421" not in repr(call)
    assert "C-1" in repr(call)


def info(**changes: object) -> CallInfo:
    base: dict[str, object] = {
        "call_id": "C-2",
        "phase": CallPhase.RINGING,
        "caller_number": "0571-87001234",
        "queue": "12345 城建交通",
        "queued_at": T0,
        "offered_at": T0 + timedelta(seconds=25),
        "ivr_note": "按 3：城建交通",
    }
    base.update(changes)
    return CallInfo.model_validate(base)


def test_backend_calls_map_to_phone_calls_in_every_phase() -> None:
    assert phone_call_from(info(phase=CallPhase.QUEUED, offered_at=None)) is None
    ringing = phone_call_from(info())
    assert ringing is not None and ringing.state is PhoneState.RINGING
    assert ringing.waited == timedelta(seconds=25)
    assert ringing.caller_number == "0571-87001234" and ringing.queue == "12345 城建交通"
    answered = T0 + timedelta(seconds=30)
    talking = phone_call_from(info(phase=CallPhase.TALKING, answered_at=answered))
    assert talking is not None and talking.state is PhoneState.CONNECTED
    held = phone_call_from(info(phase=CallPhase.HELD, answered_at=answered, held_since=answered))
    assert held is not None and held.state is PhoneState.HELD
    story = TrainingCallerStory(name="王建国", district="西湖区", topic="问养老金", request_type="咨询")
    ended = phone_call_from(
        info(
            phase=CallPhase.ENDED,
            answered_at=answered,
            end_reason=CallEndReason.AGENT_HUNG_UP,
            training_story=story,
        )
    )
    assert ended is not None and ended.state is PhoneState.IDLE and ended.ended_at == answered
    assert ended.story is not None and ended.story.name == "王建国"
