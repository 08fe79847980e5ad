"""The call panel's transfer box with the fake phone, and a consult and an emergency through the real window."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from support.keyrings import MemoryKeyring
from support.waiting import until

from seatclient.api.models import ConsultOutcome, ConsultPhase, SeatState
from seatclient.app import SeatClient, assemble
from seatclient.config import DEFAULT_SHORTCUTS, Settings
from seatclient.credentials import CredentialStore
from seatclient.dispatch.units import load_default_units
from seatclient.rules import RuleBook
from seatclient.seat import CancelConsult, HangUp, Hold, StartConference, StartConsult
from seatclient.seat.machine import BlindTransfer, CompleteTransfer, EmergencyTransfer
from seatclient.softphone.fake import FakePhone
from seatclient.softphone.transfers import load_targets_in_force, unit_target
from seatclient.ui.call_panel import CallPanel

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
ON_CALL = frozenset({HangUp, Hold, StartConsult, BlindTransfer, EmergencyTransfer})
CONSULTING = frozenset({CancelConsult, StartConference, CompleteTransfer, EmergencyTransfer})


@pytest.fixture
def panel(qtbot: QtBot) -> tuple[CallPanel, FakePhone]:
    widget = CallPanel(lambda: T0, lambda: None)
    qtbot.addWidget(widget)
    phone = FakePhone(T0)
    phone.call_changed.connect(widget.set_call)
    phone.consult_changed.connect(widget.set_consult)
    widget.set_transfer_targets(load_targets_in_force(RuleBook()))
    widget.apply_shortcuts(DEFAULT_SHORTCUTS)
    widget.resize(360, 900)
    widget.show()
    return widget, phone


def record(widget: CallPanel) -> list[str]:
    box = widget.transfer
    seen: list[str] = []
    box.consult_requested.connect(lambda target: seen.append(f"consult:{target}"))
    box.blind_transfer_requested.connect(lambda target: seen.append(f"blind:{target}"))
    box.conference_requested.connect(lambda: seen.append("conference"))
    box.complete_transfer_requested.connect(lambda: seen.append("complete"))
    box.cancel_consult_requested.connect(lambda: seen.append("cancel"))
    box.emergency_requested.connect(lambda line: seen.append(f"emergency:{line}"))
    box.three_way_requested.connect(lambda target: seen.append(f"three_way:{target}"))
    return seen


@pytest.mark.asyncio
async def test_pick_a_target_by_pinyin_consult_it_and_follow_the_leg(
    panel: tuple[CallPanel, FakePhone], artifacts_dir: Path
) -> None:
    widget, phone = panel
    box = widget.transfer
    seen = record(widget)
    assert not box.isVisible()
    phone.offer()
    await phone.answer()
    widget.set_seat(SeatState.TALKING, "", None)
    widget.set_available(ON_CALL)
    assert box.isVisible() and not box.status_label.isVisible()
    assert box.consult_button.text() == "咨询 Ctrl+T"
    assert box.emergency_button.text() == "紧急转接 F12"
    assert not box.conference_action.isEnabled() and not box.complete_action.isEnabled()

    box.search_edit.setText("gjj")
    assert box.target_list.currentItem() is not None
    assert box.target_list.currentItem().text() == "专席 · 公积金专席（8102）"
    QTest.keyClick(box.search_edit, Qt.Key.Key_Down)
    assert box.selected_target() is not None and box.selected_target().id == "hotline:12329"  # type: ignore[union-attr]
    QTest.keyClick(box.search_edit, Qt.Key.Key_Up)
    QTest.keyClick(box.search_edit, Qt.Key.Key_Return)
    assert seen == ["consult:specialist:provident-fund"]

    await phone.consult("specialist:provident-fund")
    widget.set_seat(SeatState.CONSULTING, "", None)
    widget.set_available(CONSULTING)
    assert box.status_label.text() == "正在呼叫 provident-fund，来电人保持中…"
    assert not box.conference_action.isEnabled() and not box.complete_action.isEnabled()
    assert box.cancel_action.isEnabled()
    phone.target_answers()
    assert box.conference_action.isEnabled() and box.complete_action.isEnabled()
    box.conference_action.trigger()
    box.complete_action.trigger()
    box.cancel_action.trigger()
    assert seen[1:] == ["conference", "complete", "cancel"]
    await asyncio.sleep(0.05)  # let the layout follow the new texts before the picture
    widget.grab().save(str(artifacts_dir / "call_transfer_consult.png"))

    phone.target_fails(ConsultOutcome.BUSY)
    widget.set_seat(SeatState.TALKING, "", None)
    widget.set_available(ON_CALL)
    assert box.status_label.text() == "provident-fund 忙，已回到来电人。"
    assert "#c0392b" in box.status_label.styleSheet()


@pytest.mark.asyncio
async def test_the_emergency_key_offers_the_lines_and_the_dispatch_path_asks_the_same(
    panel: tuple[CallPanel, FakePhone],
) -> None:
    widget, phone = panel
    box = widget.transfer
    seen = record(widget)
    phone.offer()
    await phone.answer()
    widget.set_seat(SeatState.TALKING, "", None)
    assert not widget.start_emergency_transfer("110")  # the machine does not allow it yet
    widget.set_available(ON_CALL)
    names = [action.text() for action in box.emergency_menu.actions()]
    assert names == ["&1  110 公安报警", "&2  119 火警", "&3  120 医疗急救", "&4  122 交通事故报警"]
    box.emergency_action.trigger()
    assert box.emergency_menu.isVisible()
    next(a for a in box.emergency_menu.actions() if a.objectName() == "emergencyLine_119").trigger()
    box.emergency_menu.close()
    assert widget.start_emergency_transfer("120")
    assert not widget.start_emergency_transfer("999")
    assert seen == ["emergency:119", "emergency:120"]


@pytest.mark.asyncio
async def test_an_extra_urgent_order_offers_the_three_way_call_with_its_unit(
    panel: tuple[CallPanel, FakePhone],
) -> None:
    widget, phone = panel
    box = widget.transfer
    seen = record(widget)
    phone.offer()
    await phone.answer()
    widget.set_seat(SeatState.TALKING, "", None)
    widget.set_available(ON_CALL)
    directory = load_default_units()
    water = unit_target(directory.get("hz-water"))
    widget.offer_three_way(water, water.name)
    assert box.offer_label.text() == f"特急件：请与 {water.name}（96390）三方通话，督促立即处置。"
    assert box.offer_button.isVisible()
    box.offer_action.trigger()
    assert seen == [f"three_way:{water.id}"] and not box.offer_button.isVisible()
    await phone.consult(water.id)
    phone.target_answers()
    # Answered: the three-way call follows without another key.
    assert seen == [f"three_way:{water.id}", "conference"]
    assert phone.consult_leg is not None and phone.consult_leg.phase is ConsultPhase.TALKING

    widget.offer_three_way(None, "西湖区综合行政执法局")
    assert (
        box.offer_label.text()
        == "特急件：西湖区综合行政执法局 在单位目录中没有联系电话，请从转接对象中选择。"
    )
    assert not box.offer_button.isVisible()
    widget.set_seat(SeatState.READY, "", None)
    assert not box.offer_label.isVisible()


# ------------------------------------------------------------------------- the real window


@contextlib.asynccontextmanager
async def on_a_call(profile: Path, keyring: MemoryKeyring) -> AsyncIterator[SeatClient]:
    errors: list[BaseException] = []
    client = await assemble(
        Settings(), profile, lambda: None, errors.append, credentials=CredentialStore(keyring)
    )
    assert client.embedded is not None
    await post(client, "/mock/hall", {"calls_per_minute": 0, "calls_per_minute_per_ready_seat": 0})
    controller = client.controller
    controller.start()
    dialog = controller.dialog
    dialog.job_number_edit.setText("1001")
    dialog.password_edit.setText("demo1234")
    dialog.seat_edit.setText("A01")
    dialog.sign_in_button.click()
    window = controller.window
    try:
        await until(window.isVisible, what="the seat window")
        window.resize(1280, 860)
        window.activateWindow()
        controller.state_bar.ready_action.trigger()
        await until(lambda: state(client) is SeatState.READY, what="ready")
        await post(client, "/mock/calls", {"job_number": "1001", "caller_index": 0})
        await until(lambda: state(client) is SeatState.RINGING, what="ringing")
        controller.call_panel.answer_action.trigger()
        await until(lambda: state(client) is SeatState.TALKING, what="answered")
        yield client
    finally:
        await client.shutdown()
        window.allow_close()
        window.close()
        dialog.close()
    assert errors == []


async def post(client: SeatClient, path: str, body: object) -> Any:
    assert client.embedded is not None
    async with httpx.AsyncClient(base_url=client.embedded.url, trust_env=False) as http:
        response = await http.post(path, json=body)
        response.raise_for_status()
        return response.json() if response.content else None


async def get(client: SeatClient, path: str) -> Any:
    assert client.embedded is not None
    async with httpx.AsyncClient(base_url=client.embedded.url, trust_env=False) as http:
        response = await http.get(path)
        response.raise_for_status()
        return response.json()


def state(client: SeatClient) -> SeatState | None:
    return client.session.status.state if client.session.status else None


@pytest.mark.asyncio
async def test_a_busy_specialist_and_then_the_emergency_key_through_the_seat_window(
    tmp_path: Path, memory_keyring: MemoryKeyring, artifacts_dir: Path
) -> None:
    async with on_a_call(tmp_path, memory_keyring) as client:
        controller = client.controller
        box = controller.call_panel.transfer
        await post(
            client, "/mock/transfers/targets", {"target_id": "specialist:hrss", "mode": "busy", "delay": 0.3}
        )
        await until(lambda: box.consult_action.isEnabled(), what="consult allowed")
        box.consult_action.trigger()  # Ctrl+T: into the search
        box.search_edit.setText("社保")
        QTest.keyClick(box.search_edit, Qt.Key.Key_Return)
        await until(lambda: state(client) is SeatState.CONSULTING, what="consulting")
        await until(
            lambda: box.status_label.text() == "人力社保专席 忙，已回到来电人。", what="the busy notice"
        )
        await until(lambda: state(client) is SeatState.TALKING, what="back with the caller")
        controller.window.grab().save(str(artifacts_dir / "call_transfer_busy.png"))

        call_id = client.session.status.call_id if client.session.status else ""
        desk = controller.order_desk
        assert desk is not None
        desk.form.editor.set_value("event_description", "路口两车相撞，有人受伤")
        await until(lambda: box.emergency_action.isEnabled(), what="emergency allowed")
        QTest.keyClick(controller.window, Qt.Key.Key_F12)
        await until(box.emergency_menu.isVisible, what="the emergency lines")
        QTest.keyClick(box.emergency_menu, Qt.Key.Key_4)
        await until(lambda: state(client) is SeatState.WRAP_UP, what="transferred to 122")
        await until(
            lambda: box.status_label.text() == "已紧急转接 122 交通事故报警，交接信息已发送。", what="told"
        )
        handoffs = [h for h in await get(client, "/mock/emergency/handoffs") if h["call_id"] == call_id]
        assert [
            (h["line"], h["bridge"], h["handoff"]["summary"], h["handoff"]["order_id"]) for h in handoffs
        ] == [("122", "9122", "路口两车相撞，有人受伤", call_id)]
        assert handoffs[0]["handoff"]["callback_number"] == "13957100421"
        controller.window.grab().save(str(artifacts_dir / "call_transfer_emergency.png"))


@pytest.mark.asyncio
async def test_an_extra_urgent_dispatch_offers_the_units_three_way_call_in_the_same_flow(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    async with on_a_call(tmp_path, memory_keyring) as client:
        controller = client.controller
        box = controller.call_panel.transfer
        desk = controller.order_desk
        assert desk is not None
        await post(
            client, "/mock/transfers/targets", {"target_id": "unit:hz-water", "mode": "answer", "delay": 0.2}
        )
        assert desk.dispatch_panel.choose_unit("hz-water")
        # As after the order went out with 特急: the form is closed for this call.
        desk.form.setEnabled(False)
        desk.dispatch_panel.disposition_requested.emit("extra_urgent")
        assert (
            box.offer_label.text() == "特急件：请与 杭州市水务集团有限公司（96390）三方通话，督促立即处置。"
        )
        box.offer_action.trigger()
        await until(lambda: state(client) is SeatState.CONSULTING, what="calling the unit")
        # The unit answers and the three-way call follows by itself.
        await until(lambda: state(client) is SeatState.CONFERENCE, what="the three-way call")
        assert client.session.status is not None and client.session.status.consult_target == "unit:hz-water"
        await until(
            lambda: box.status_label.text() == "三方通话中：来电人、杭州市水务集团有限公司 和您", what="told"
        )
