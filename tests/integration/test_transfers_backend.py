"""Consult, three-way call, transfers and the emergency handoff against the mock backend as a real process."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from support.mockproc import MockServer, start_mock
from support.waiting import until

from seatclient.api.client import ApiClient, make_http_client
from seatclient.api.errors import BackendError
from seatclient.api.events import StreamTuning
from seatclient.api.models import (
    CallEndReason,
    CallPhase,
    ConsultInfo,
    ConsultOutcome,
    ConsultPhase,
    EmergencyHandoff,
    SeatState,
    TransferKind,
)
from seatclient.api.transfers import TransferApi
from seatclient.rules import RuleBook
from seatclient.session import SeatSession
from seatclient.softphone.backend import BackendPhone
from seatclient.softphone.base import PhoneCommandRefused
from seatclient.softphone.transfers import describe_consult

TUNING = StreamTuning(idle_timeout=3.0, backoff_initial=0.2, backoff_max=0.4, offline_after=50)
HRSS = "specialist:hrss"
LEGAL = "specialist:legal"


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockServer]:
    """One backend for the module; each test leaves its seat signed out."""
    server = start_mock(["--heartbeat", "0.5", "--order-not-required"], tmp_path_factory.mktemp("transfers"))
    yield server
    server.stop()


def behave(
    server: MockServer, target_id: str, mode: str, delay: float = 0.2, ring: float | None = None
) -> None:
    server.admin(
        "/mock/transfers/targets",
        {"target_id": target_id, "mode": mode, "delay": delay, "ring_seconds": ring},
    )


def admin_get(server: MockServer, path: str) -> Any:
    response = httpx.get(f"{server.url}{path}", timeout=5)
    response.raise_for_status()
    return response.json()


@asynccontextmanager
async def seat_on_call(
    server: MockServer, job_number: str
) -> AsyncIterator[tuple[SeatSession, BackendPhone]]:
    """A signed-in seat with an answered call, driven through ``SeatSession`` and ``BackendPhone``."""
    session = SeatSession(ApiClient(make_http_client(server.url)), RuleBook(), stream_tuning=TUNING)
    phone = BackendPhone(session)
    await session.sign_in(job_number, "demo1234", f"T{job_number}")
    try:
        await until(lambda: session.connection.value == "connected", what="the stream")
        await session.request_state("ready")
        await asyncio.to_thread(server.admin, "/mock/calls", {"job_number": job_number, "caller_index": 0})
        await until(lambda: state(session) is SeatState.RINGING, what="ringing")
        await phone.answer()
        assert state(session) is SeatState.TALKING
        yield session, phone
    finally:
        if session.sign_in_result is not None:
            if state(session) is SeatState.CONSULTING:
                await session.cancel_consult()
            if state(session) in (SeatState.TALKING, SeatState.HELD, SeatState.CONFERENCE):
                await session.hang_up()
            if state(session) is SeatState.WRAP_UP:
                await session.end_wrap_up()
            await session.sign_out()
        await session.close()
        await session._client.aclose()


def state(session: SeatSession) -> SeatState | None:
    return session.status.state if session.status else None


def leg(phone: BackendPhone) -> ConsultInfo:
    assert phone.consult_leg is not None
    return phone.consult_leg


@pytest.mark.asyncio
async def test_consult_then_three_way_then_the_call_taker_leaves_the_caller_with_the_specialist(
    backend: MockServer,
) -> None:
    behave(backend, HRSS, "answer", delay=0.3)
    async with seat_on_call(backend, "1001") as (session, phone):
        await phone.consult(HRSS)
        assert state(session) is SeatState.CONSULTING
        assert session.status is not None and session.status.consult_target == HRSS
        assert leg(phone).phase is ConsultPhase.RINGING and leg(phone).target_name == "人力社保专席"
        assert session.current_call is not None and session.current_call.phase is CallPhase.HELD
        # Not answered yet: the backend refuses the three-way call and says what to do.
        with pytest.raises(PhoneCommandRefused, match="人力社保专席 尚未接听，不能转为三方通话"):
            await phone.start_conference()

        await until(lambda: leg(phone).phase is ConsultPhase.TALKING, what="the specialist answering")
        await phone.start_conference()
        assert state(session) is SeatState.CONFERENCE
        assert leg(phone).phase is ConsultPhase.CONFERENCE
        assert describe_consult(leg(phone)) == "三方通话中：来电人、人力社保专席 和您"

        await phone.complete_transfer()
        assert state(session) is SeatState.WRAP_UP
        await until(lambda: leg(phone).outcome is ConsultOutcome.TRANSFERRED, what="the leg handed over")
        await until(
            lambda: (
                session.current_call is not None
                and session.current_call.end_reason is CallEndReason.TRANSFERRED
            ),
            what="the call leaving the seat",
        )
        call_id = session.current_call.call_id if session.current_call else ""
    audit = admin_get(backend, "/mock/transfers/audit")
    actions = [entry["action"] for entry in audit if entry["call_id"] == call_id]
    assert actions == ["consult", "conference", "complete_transfer"]
    assert audit[-1]["target_id"] == HRSS and audit[-1]["number"] == "8101"


@pytest.mark.asyncio
async def test_a_busy_specialist_returns_the_caller_to_the_call_taker_and_says_so(
    backend: MockServer,
) -> None:
    behave(backend, LEGAL, "busy", delay=0.2)
    try:
        async with seat_on_call(backend, "1002") as (session, phone):
            await phone.consult(LEGAL)
            await until(lambda: leg(phone).phase is ConsultPhase.ENDED, what="the busy signal")
            assert leg(phone).outcome is ConsultOutcome.BUSY and leg(phone).caller_returned
            await until(lambda: state(session) is SeatState.TALKING, what="back with the caller")
            assert describe_consult(leg(phone)) == "法律咨询专席 忙，已回到来电人。"
            assert session.current_call is not None and session.current_call.phase is CallPhase.TALKING
            # The seat can consult again at once.
            behave(backend, LEGAL, "answer", delay=5)
            await phone.consult(LEGAL)
            assert state(session) is SeatState.CONSULTING
            await phone.cancel_consult()
            assert state(session) is SeatState.TALKING
            assert leg(phone).outcome is ConsultOutcome.CANCELLED
    finally:
        behave(backend, LEGAL, "answer")


@pytest.mark.asyncio
async def test_no_answer_after_the_ring_time_returns_the_caller(backend: MockServer) -> None:
    behave(backend, "hotline:12315", "no_answer", ring=0.5)
    async with seat_on_call(backend, "1003") as (session, phone):
        await phone.consult("hotline:12315")
        await asyncio.sleep(0.2)
        assert leg(phone).phase is ConsultPhase.RINGING
        await until(lambda: leg(phone).outcome is ConsultOutcome.NO_ANSWER, what="no answer")
        await until(lambda: state(session) is SeatState.TALKING, what="back with the caller")
        assert describe_consult(leg(phone)) == "12315 市场监管投诉举报热线 无人接听，已回到来电人。"


@pytest.mark.asyncio
async def test_a_cancelled_consult_goes_back_to_the_caller(backend: MockServer) -> None:
    behave(backend, HRSS, "answer", delay=0.1)
    async with seat_on_call(backend, "1004") as (session, phone):
        await phone.consult(HRSS)
        await until(lambda: leg(phone).phase is ConsultPhase.TALKING, what="answered")
        await phone.cancel_consult()
        assert state(session) is SeatState.TALKING
        assert leg(phone).outcome is ConsultOutcome.CANCELLED and leg(phone).ended_at is not None
        assert describe_consult(leg(phone)) == "已结束咨询 人力社保专席，回到来电人。"
        # Nothing to cancel any more: refused locally with the seat machine's words.
        with pytest.raises(PhoneCommandRefused, match="当前没有进行中的咨询或三方通话"):
            await phone.cancel_consult()


@pytest.mark.asyncio
async def test_the_caller_hanging_up_during_a_consult_ends_the_consult_and_starts_wrap_up(
    backend: MockServer,
) -> None:
    behave(backend, HRSS, "answer", delay=0.1)
    async with seat_on_call(backend, "1001") as (session, phone):
        await phone.consult(HRSS)
        await until(lambda: leg(phone).phase is ConsultPhase.TALKING, what="answered")
        call_id = leg(phone).call_id
        await asyncio.to_thread(backend.admin, f"/mock/calls/{call_id}/hangup")
        await until(lambda: state(session) is SeatState.WRAP_UP, what="wrap-up")
        await until(lambda: leg(phone).outcome is ConsultOutcome.CALLER_HUNG_UP, what="the leg ended")
        assert describe_consult(leg(phone)) == "来电人已挂断，与 人力社保专席 的咨询已结束。"
        assert session.current_call is not None
        assert session.current_call.end_reason is CallEndReason.CALLER_HUNG_UP


@pytest.mark.asyncio
async def test_emergency_transfer_bridges_with_the_handoff_recorded(backend: MockServer) -> None:
    async with seat_on_call(backend, "1002") as (session, phone):
        call_id = session.current_call.call_id if session.current_call else ""
        behave(backend, HRSS, "answer", delay=5)
        await phone.consult(HRSS)
        handoff = EmergencyHandoff(
            summary="小区 3 幢楼道起火，有浓烟", address="西湖区文三路 100 号", callback_number="13957100421",
            order_id=call_id,
        )  # fmt: skip
        # An emergency does not wait for the consultation: it is dropped and the caller bridged.
        await phone.emergency_transfer("119", handoff)
        assert state(session) is SeatState.WRAP_UP
        assert leg(phone).kind is TransferKind.EMERGENCY and leg(phone).number == "9119"
        assert describe_consult(leg(phone)) == "已紧急转接 119 火警，交接信息已发送。"
        with pytest.raises(PhoneCommandRefused, match="通话已结束，正在话后整理，不能紧急转接"):
            await phone.emergency_transfer("110", handoff)
    handoffs = [h for h in admin_get(backend, "/mock/emergency/handoffs") if h["call_id"] == call_id]
    assert handoffs == [
        {
            "at": handoffs[0]["at"],
            "job_number": "1002",
            "seat_id": "T1002",
            "call_id": call_id,
            "line": "119",
            "bridge": "9119",
            "caller_number": handoffs[0]["caller_number"],
            "handoff": {
                "summary": "小区 3 幢楼道起火，有浓烟",
                "address": "西湖区文三路 100 号",
                "callback_number": "13957100421",
                "order_id": call_id,
            },
        }
    ]
    actions = [e["action"] for e in admin_get(backend, "/mock/transfers/audit") if e["call_id"] == call_id]
    assert actions == ["consult", "emergency_transfer"]


@pytest.mark.asyncio
async def test_blind_transfer_to_a_unit_number_and_the_refusals(backend: MockServer) -> None:
    async with seat_on_call(backend, "1003") as (session, phone):
        api = TransferApi(session._client)
        call_id = session.current_call.call_id if session.current_call else ""
        with pytest.raises(BackendError) as unknown:
            await api.blind_transfer(call_id, "unit:xihu-law-enforcement")
        assert unknown.value.status == 422 and unknown.value.body is not None
        assert unknown.value.body.code == "unknown_target"
        behave(backend, "unit:hz-provident-fund", "busy")
        with pytest.raises(PhoneCommandRefused, match="杭州住房公积金管理中心 忙，未能转接"):
            await phone.blind_transfer("unit:hz-provident-fund")
        assert state(session) is SeatState.TALKING
        behave(backend, "unit:hz-provident-fund", "answer")
        await phone.blind_transfer("unit:hz-provident-fund")
        assert state(session) is SeatState.WRAP_UP
        assert leg(phone).kind is TransferKind.BLIND and leg(phone).number == "12329"
        assert describe_consult(leg(phone)) == "已转接给 杭州住房公积金管理中心。"
    audit = [e for e in admin_get(backend, "/mock/transfers/audit") if e["call_id"] == call_id]
    assert [(e["action"], e.get("outcome")) for e in audit] == [
        ("blind_transfer", "busy"),
        ("blind_transfer", "transferred"),
    ]


@pytest.mark.asyncio
async def test_a_repeated_idempotency_key_dials_once(backend: MockServer) -> None:
    behave(backend, HRSS, "answer", delay=5)
    async with seat_on_call(backend, "1004") as (session, _phone):
        api = TransferApi(session._client)
        call_id = session.current_call.call_id if session.current_call else ""
        first = await api.consult(call_id, HRSS, idempotency_key="consult-once")
        again = await api.consult(call_id, HRSS, idempotency_key="consult-once")
        assert again == first and first.consult is not None
        with pytest.raises(BackendError) as second:
            await api.consult(call_id, HRSS)
        assert second.value.status == 409 and second.value.body is not None
        assert second.value.body.message.startswith("已经在“咨询中”，一次只能咨询一方。")
        await session.cancel_consult()
    audit = [e for e in admin_get(backend, "/mock/transfers/audit") if e["call_id"] == call_id]
    assert [e["action"] for e in audit] == ["consult", "cancel_consult"]


@pytest.mark.asyncio
async def test_a_client_signing_in_again_during_a_consult_reads_the_leg(backend: MockServer) -> None:
    behave(backend, HRSS, "answer", delay=0.1)
    async with seat_on_call(backend, "1003") as (session, phone):
        await phone.consult(HRSS)
        await until(lambda: leg(phone).phase is ConsultPhase.TALKING, what="answered")
        # The workstation's client crashed and starts again: a new session on the same seat.
        again = SeatSession(ApiClient(make_http_client(backend.url)), RuleBook(), stream_tuning=TUNING)
        second_phone = BackendPhone(again)
        try:
            await again.sign_in("1003", "demo1234", "T1003")
            assert state(again) is SeatState.CONSULTING
            await until(lambda: second_phone.consult_leg is not None, what="the leg read again")
            assert second_phone.consult_leg == leg(phone)
            await second_phone.cancel_consult()
            assert state(again) is SeatState.TALKING
            await again.hang_up()
            await again.end_wrap_up()
            await again.sign_out()
        finally:
            await again.close()
            await again._client.aclose()
        # The first client's session was replaced by the second: its stream is refused and it ends.
        await until(lambda: session.sign_in_result is None, what="the replaced session ending")
