"""The seat client assembled as the app does it, against the embedded backend over real HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from support.keyrings import MemoryKeyring
from support.waiting import until

from seatclient.api.models import SeatState
from seatclient.app import SeatClient, assemble
from seatclient.config import Settings
from seatclient.credentials import CredentialStore
from seatclient.mock.embedded import EmbeddedBackend


@contextlib.asynccontextmanager
async def running_seat_client(profile: Path, keyring: MemoryKeyring) -> AsyncIterator[SeatClient]:
    """The seat client as the app assembles it; shut down inside the test's own loop."""
    errors: list[BaseException] = []
    client = await assemble(
        Settings(), profile, lambda: None, errors.append, credentials=CredentialStore(keyring)
    )
    client.controller.start()
    try:
        yield client
    finally:
        await client.shutdown()
        client.controller.window.allow_close()
        client.controller.window.close()
        client.controller.dialog.close()
    assert errors == []


def backend_of(seat_client: SeatClient) -> EmbeddedBackend:
    assert seat_client.embedded is not None
    return seat_client.embedded


async def sign_in(
    seat_client: SeatClient, job_number: str = "1001", password: str = "demo1234", seat: str = "A01"
) -> None:
    dialog = seat_client.controller.dialog
    dialog.job_number_edit.setText(job_number)
    dialog.password_edit.setText(password)
    dialog.seat_edit.setText(seat)
    dialog.sign_in_button.click()


async def admin(seat_client: SeatClient, path: str, json: object | None = None) -> None:
    async with httpx.AsyncClient(base_url=backend_of(seat_client).url) as http:
        (await http.post(path, json=json)).raise_for_status()


@pytest.mark.asyncio
async def test_sign_in_opens_the_window_with_state_and_training_marker(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    async with running_seat_client(tmp_path, memory_keyring) as seat_client:
        await sign_in(seat_client)
        window = seat_client.controller.window
        await until(window.isVisible, what="the seat window")
        bar = seat_client.controller.state_bar
        assert not seat_client.controller.dialog.isVisible()
        assert "张敏" in bar.agent_label.text() and "1001" in bar.agent_label.text()
        assert bar.state_label.text() == "示忙 · 签入未就绪"
        assert window.training_banner.isVisible()
        assert window.windowTitle().startswith("【培训模式】")
        await until(lambda: "已连接" in window.connection_label.text(), what="connected")


@pytest.mark.asyncio
async def test_wrong_password_keeps_the_dialog_with_a_plain_message(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    async with running_seat_client(tmp_path, memory_keyring) as seat_client:
        await sign_in(seat_client, password="nope")
        dialog = seat_client.controller.dialog
        await until(dialog.error_label.isVisible, what="the error")
        assert dialog.error_label.text() == "工号或密码错误，请重新输入。"
        assert dialog.isVisible()
        assert not seat_client.controller.window.isVisible()
        assert dialog.sign_in_button.isEnabled()


@pytest.mark.asyncio
async def test_the_dialog_keeps_running_while_a_slow_backend_answers(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    async with running_seat_client(tmp_path, memory_keyring) as seat_client:
        await admin(
            seat_client, "/mock/failures", {"path_prefix": "/api/v1/session", "status": None, "delay": 1.5}
        )
        ticks: list[float] = []

        async def ticker() -> None:
            while True:
                ticks.append(time.monotonic())
                await asyncio.sleep(0.05)

        task = asyncio.create_task(ticker())
        started = time.monotonic()
        await sign_in(seat_client)
        await until(lambda: seat_client.controller.dialog.busy_bar.isVisible(), what="busy indicator")
        await until(seat_client.controller.window.isVisible, what="the seat window")
        task.cancel()
        waited = time.monotonic() - started
        assert waited >= 1.4
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        # The loop kept turning the whole time: no pause anywhere near the backend's delay.
        assert max(gaps) < 0.5
        assert len(ticks) >= 15


@pytest.mark.asyncio
async def test_state_bar_follows_requests_and_pushed_events(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    async with running_seat_client(tmp_path, memory_keyring) as seat_client:
        # No simulated caller may ring in the middle of this test.
        await admin(seat_client, "/mock/hall", {"calls_per_minute": 0, "calls_per_minute_per_ready_seat": 0})
        await sign_in(seat_client)
        await until(seat_client.controller.window.isVisible)
        bar = seat_client.controller.state_bar
        assert bar.ready_action.isEnabled()
        bar.ready_action.trigger()
        await until(lambda: bar.state_label.text() == "示闲（待接）", what="ready")
        assert not bar.ready_action.isEnabled()

        meal = next(a for a in bar.away_menu.actions() if a.objectName() == "awayReason_meal")
        meal.trigger()
        await until(lambda: bar.state_label.text() == "示忙 · 用餐", what="away for a meal")

        # The backend can change the state on its own (a team leader, a rule): the bar follows the event.
        status = seat_client.session.status
        assert status is not None
        forced = status.model_copy(update={"state": SeatState.READY, "reason_code": None}).model_dump(
            mode="json"
        )
        await admin(seat_client, "/mock/events", {"job_number": "1001", "type": "seat.state", "data": forced})
        await until(lambda: bar.state_label.text() == "示闲（待接）", what="the pushed state")


@pytest.mark.asyncio
async def test_connection_status_shows_reconnecting_then_connected(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    async with running_seat_client(tmp_path, memory_keyring) as seat_client:
        await sign_in(seat_client)
        window = seat_client.controller.window
        await until(lambda: "已连接" in window.connection_label.text(), what="connected")
        seen: list[str] = []
        seat_client.controller.bridge.connection_changed.connect(seen.append)
        await admin(seat_client, "/mock/streams/cut")
        await until(lambda: "reconnecting" in seen, what="reconnecting")
        await until(lambda: "已连接" in window.connection_label.text(), timeout=15, what="connected again")


@pytest.mark.asyncio
async def test_remember_stores_the_password_in_the_keyring_only(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    async with running_seat_client(tmp_path, memory_keyring) as seat_client:
        dialog = seat_client.controller.dialog
        dialog.remember_check.setChecked(True)
        await sign_in(seat_client)
        await until(seat_client.controller.window.isVisible)
        keyring = seat_client.controller._credentials._backend  # the injected MemoryKeyring
        assert "demo1234" in keyring.secrets.values()  # type: ignore[attr-defined]
        for path in tmp_path.rglob("*"):
            if path.is_file():
                assert b"demo1234" not in path.read_bytes(), path

        seat_client.controller.state_bar.sign_out_action.trigger()
        await until(dialog.isVisible, what="the sign-in dialog again")
        assert dialog.job_number_edit.text() == "1001"
        assert dialog.password_edit.text() == "demo1234"
        assert dialog.seat_edit.text() == "A01"


@pytest.mark.asyncio
async def test_sign_out_returns_to_the_dialog_and_the_backend_agrees(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    async with running_seat_client(tmp_path, memory_keyring) as seat_client:
        await sign_in(seat_client)
        await until(seat_client.controller.window.isVisible)
        seat_client.controller.state_bar.sign_out_action.trigger()
        await until(seat_client.controller.dialog.isVisible, what="the dialog")
        assert not seat_client.controller.window.isVisible()
        assert seat_client.session.status is not None
        assert seat_client.session.status.state is SeatState.SIGNED_OUT
        assert not seat_client.controller.dialog.error_label.isVisible()


@pytest.mark.asyncio
async def test_signed_out_elsewhere_brings_back_the_dialog_with_the_reason(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    async with running_seat_client(tmp_path, memory_keyring) as seat_client:
        await sign_in(seat_client)
        await until(seat_client.controller.window.isVisible)
        await admin(
            seat_client, "/mock/events", {"job_number": "1001", "type": "session.signed_out", "data": {}}
        )
        dialog = seat_client.controller.dialog
        await until(dialog.isVisible, what="the dialog")
        assert dialog.error_label.text() == "后台已将本座席签出。"
