"""A simulated call through the real seat window and the embedded training backend, keyboard first."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from support.keyrings import MemoryKeyring
from support.waiting import until

from seatclient.api.models import SeatState
from seatclient.app import SeatClient, assemble
from seatclient.config import Settings
from seatclient.credentials import CredentialStore


@contextlib.asynccontextmanager
async def signed_in_and_ready(profile: Path, keyring: MemoryKeyring) -> AsyncIterator[SeatClient]:
    errors: list[BaseException] = []
    client = await assemble(
        Settings(), profile, lambda: None, errors.append, credentials=CredentialStore(keyring)
    )
    assert client.embedded is not None
    await admin(client, "/mock/hall", {"calls_per_minute": 0, "calls_per_minute_per_ready_seat": 0})
    client.controller.start()
    dialog = client.controller.dialog
    dialog.job_number_edit.setText("1001")
    dialog.password_edit.setText("demo1234")
    dialog.seat_edit.setText("A01")
    dialog.sign_in_button.click()
    window = client.controller.window
    try:
        await until(window.isVisible, what="the seat window")
        window.resize(1280, 800)
        window.activateWindow()
        client.controller.state_bar.ready_action.trigger()
        await until(lambda: state(client) is SeatState.READY, what="ready")
        yield client
    finally:
        await client.shutdown()
        window.allow_close()
        window.close()
        dialog.close()
    assert errors == []


async def admin(client: SeatClient, path: str, body: object) -> dict[str, object]:
    assert client.embedded is not None
    async with httpx.AsyncClient(base_url=client.embedded.url, trust_env=False) as http:
        response = await http.post(path, json=body)
        response.raise_for_status()
        return dict(response.json()) if response.content else {}


def state(client: SeatClient) -> SeatState | None:
    return client.session.status.state if client.session.status else None


def press(client: SeatClient, key: Qt.Key) -> None:
    QTest.keyClick(client.controller.window, key)


@pytest.mark.asyncio
async def test_a_call_rings_is_answered_held_and_wrapped_up_from_the_keyboard(
    tmp_path: Path, memory_keyring: MemoryKeyring, artifacts_dir: Path
) -> None:
    async with signed_in_and_ready(tmp_path, memory_keyring) as client:
        controller = client.controller
        panel = controller.call_panel
        tasks = client.tasks
        painted: list[str] = []
        panel.ringing_painted.connect(painted.append)
        placed = await admin(client, "/mock/calls", {"job_number": "1001", "caller_index": 0})
        await until(lambda: state(client) is SeatState.RINGING, what="ringing")
        await until(lambda: painted == [placed["call_id"]], what="the ringing panel painted")
        assert panel.number_label.text() == "139 5710 0421"
        assert panel.queue_label.text() == "12345 综合"
        assert panel.ivr_label.text() == "按 1：咨询 · 社保公积金"
        assert panel.ring_label.isVisible() and panel.ring_label.text().startswith("第 1 声")
        assert controller.ringer.ringing
        assert not controller.state_bar.ready_action.isEnabled()
        controller.window.grab().save(str(artifacts_dir / "call_ringing.png"))

        press(client, Qt.Key.Key_F5)
        await until(lambda: state(client) is SeatState.TALKING, what="answered with F5")
        await until(lambda: not tasks.is_running("call-control"))
        assert not controller.ringer.ringing
        assert panel.story_box.isVisible() and "王建国" in panel.story_label.text()
        # During a call the window still fits a 1366×768 laptop screen: the columns scroll instead.
        minimum = controller.window.minimumSizeHint().expandedTo(controller.window.minimumSize())
        assert minimum.height() <= 768 and minimum.width() <= 1366, minimum
        press(client, Qt.Key.Key_F7)
        await until(lambda: state(client) is SeatState.HELD, what="held with F7")
        await until(lambda: not tasks.is_running("call-control"))
        press(client, Qt.Key.Key_F7)
        await until(lambda: state(client) is SeatState.TALKING, what="resumed with F7")
        await until(lambda: not tasks.is_running("call-control"))

        # F9 opens the reasons for "away after this call"; pick one as the person would.
        next(a for a in panel.pending_menu.actions() if a.objectName() == "pendingReason_meal").trigger()
        await until(
            lambda: controller.state_bar.pending_label.text() == "通话后：示忙（用餐）", what="pending"
        )
        assert panel.pending_label.text() == "已预约：通话后示忙（用餐）"

        press(client, Qt.Key.Key_F6)
        await until(lambda: state(client) is SeatState.WRAP_UP, what="hung up with F6")
        await until(lambda: not tasks.is_running("call-control"))
        await until(lambda: panel.wrap_up.time_label.text().startswith("剩余 00:"), what="the countdown")
        assert panel.wrap_up.order_label.text() == "工单：未保存（保存工单后才能结束话后整理）"
        assert panel.number_label.text() == "139 5710 0421"  # still there for the order
        press(client, Qt.Key.Key_F11)
        await until(
            lambda: bool(client.session.status and client.session.status.wrap_up_extended), what="F11"
        )
        await until(lambda: not tasks.is_running("wrap-up"))
        assert not panel.wrap_up.extend_action.isEnabled()
        panel.wrap_up.refresh()
        controller.window.grab().save(str(artifacts_dir / "call_wrap_up.png"))

        # The hall's rule: wrap-up cannot end before the order is saved.
        press(client, Qt.Key.Key_F10)
        await until(lambda: not tasks.is_running("wrap-up"))
        assert state(client) is SeatState.WRAP_UP
        assert client.session.status is not None
        await client.session.report_order_saved(client.session.status.call_id or "")
        await until(
            lambda: panel.wrap_up.order_label.text().startswith("工单：已保存"), what="order saved shown"
        )
        press(client, Qt.Key.Key_F10)
        await until(lambda: state(client) is SeatState.AWAY, what="ended with F10, the booked away applied")
        assert client.session.status is not None and client.session.status.reason_code == "meal"
        await until(
            lambda: "按预约转为“示忙（用餐）”" in controller.state_bar.notice_label.text(), what="notice"
        )
        assert not panel.details.isVisible()


@pytest.mark.asyncio
async def test_closing_the_window_during_a_call_is_refused_with_the_machines_message(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    async with signed_in_and_ready(tmp_path, memory_keyring) as client:
        await admin(client, "/mock/calls", {"job_number": "1001"})
        await until(lambda: state(client) is SeatState.RINGING)
        client.controller.call_panel.answer_action.trigger()
        await until(lambda: state(client) is SeatState.TALKING)
        client.controller.window.close()
        await until(
            lambda: "本次通话后签出" in client.controller.state_bar.notice_label.text(), what="refusal"
        )
        assert client.controller.window.isVisible()
        assert client.session.sign_in_result is not None
