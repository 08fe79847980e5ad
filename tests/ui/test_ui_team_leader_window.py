"""The team leader's window in the real app on the embedded backend: role, live board, interventions, raised hand."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton
from support.keyrings import MemoryKeyring
from support.waiting import until

from seatclient.api.client import ApiClient, make_http_client
from seatclient.api.floor import HandClient
from seatclient.api.models import SeatState
from seatclient.app import SeatClient, assemble
from seatclient.config import Settings
from seatclient.credentials import CredentialStore
from seatclient.ui.team_leader_window import TeamLeaderWindow


@contextlib.asynccontextmanager
async def app_signed_in(profile: Path, keyring: MemoryKeyring, job_number: str) -> AsyncIterator[SeatClient]:
    errors: list[BaseException] = []
    client = await assemble(
        Settings(), profile, lambda: None, errors.append, credentials=CredentialStore(keyring)
    )
    assert client.embedded is not None
    await admin(client, "/mock/hall", {"calls_per_minute": 0, "calls_per_minute_per_ready_seat": 0})
    client.controller.start()
    dialog = client.controller.dialog
    dialog.job_number_edit.setText(job_number)
    dialog.password_edit.setText("demo1234")
    dialog.seat_edit.setText("A05")
    dialog.sign_in_button.click()
    window = client.controller.window
    try:
        await until(window.isVisible, what="the seat window")
        yield client
    finally:
        desk = client.controller.floor_desk
        await client.shutdown()
        if desk is not None and desk.window is not None:
            desk.window.close()
        window.allow_close()
        window.close()
        dialog.close()
    assert errors == []


@contextlib.asynccontextmanager
async def other_seat(client: SeatClient, job_number: str, seat_id: str) -> AsyncIterator[ApiClient]:
    assert client.embedded is not None
    other = ApiClient(make_http_client(client.embedded.url))
    try:
        await other.sign_in(job_number, "demo1234", seat_id)
        yield other
    finally:
        with contextlib.suppress(Exception):
            await other.sign_out()
        await other.aclose()


async def admin(client: SeatClient, path: str, body: object | None = None) -> object:
    assert client.embedded is not None
    async with httpx.AsyncClient(base_url=client.embedded.url, trust_env=False) as http:
        response = await (http.post(path, json=body) if body is not None else http.get(path))
        response.raise_for_status()
        return response.json() if response.content else {}


async def confirm(window: TeamLeaderWindow, button_name: str) -> None:
    board = window.board
    button = board.findChild(QPushButton, button_name)
    assert button is not None
    button.click()
    await until(lambda: board.confirmation_dialog is not None, what="the confirmation")
    dialog = board.confirmation_dialog
    assert isinstance(dialog, QMessageBox)
    assert "A06" in dialog.text() and "李娜" in dialog.text()
    next(b for b in dialog.buttons() if b.objectName() == "confirmIntervention").click()


@pytest.mark.asyncio
async def test_a_team_leader_opens_the_board_steps_into_a_call_and_acknowledges_a_raised_hand(
    tmp_path: Path, memory_keyring: MemoryKeyring, artifacts_dir: Path
) -> None:
    async with (
        app_signed_in(tmp_path, memory_keyring, "9001") as client,
        other_seat(client, "1002", "A06") as taker,
    ):
        desk = client.controller.floor_desk
        assert desk is not None and desk.is_team_leader
        assert desk.open_action.isVisible() and desk.open_action.isEnabled()
        assert desk.open_action.shortcut().toString() == "Ctrl+Shift+B"
        menus = [
            action.text() for action in client.controller.window.menuBar().actions() if action.isVisible()
        ]
        assert "班长(&L)" in menus and menus[-1] == "帮助(&H)"

        await taker.request_state("ready")
        placed = await admin(client, "/mock/calls", {"job_number": "1002", "caller_index": 0})
        assert isinstance(placed, dict)
        await until(
            lambda: desk.floor is not None and desk.floor.seat("A06") is not None, what="A06 on the floor"
        )
        await until(lambda: desk.floor.seat("A06").state is SeatState.RINGING, what="ringing on the floor")  # type: ignore[union-attr]
        await taker.call_command(str(placed["call_id"]), "answer")

        desk.open_action.trigger()
        window = desk.window
        assert window is not None and window.isVisible() and desk.model is not None
        window.resize(1400, 860)
        board = window.board
        assert board.listen_button.shortcut().toString() == "Alt+L"
        assert board.release_button.shortcut().toString() == "Alt+X"
        assert board.acknowledge_button.shortcut().toString() == "Alt+K"
        await until(lambda: desk.model.row_of("A06") is not None, what="A06 on the board")
        await until(lambda: desk.floor.seat("A06").state is SeatState.TALKING, what="talking, live")  # type: ignore[union-attr]
        assert board.select_seat("A06")
        await until(lambda: board.listen_button.isEnabled(), what="the call interventions enabled")

        await confirm(window, "listen")
        await until(lambda: "监听" in window.result_label.text(), what="the listen result")
        assert window.result_label.text().startswith("已对座席 A06（李娜，工号 1002）执行“监听”")
        await confirm(window, "leaveCall")
        await until(lambda: "退出通话" in window.result_label.text(), what="the leave result")
        assert window.connection_label.text() == "● 已连接"

        await confirm(window, "release")
        await until(lambda: "强拆" in window.result_label.text(), what="the release result")
        await until(lambda: desk.floor.seat("A06").state is SeatState.WRAP_UP, what="wrap-up, live")  # type: ignore[union-attr]
        audit = await admin(client, "/mock/audit")
        assert isinstance(audit, list)
        assert [(e["action"], e["by"], e["job_number"], e["call_id"]) for e in audit] == [
            ("listen", "9001", "1002", placed["call_id"]),
            ("leave", "9001", "1002", placed["call_id"]),
            ("release", "9001", "1002", placed["call_id"]),
        ]

        # The call-taker raises a hand: the board lists a critical help alert; acknowledging it tells the seat.
        hand = HandClient(taker)
        assert (await hand.raise_hand()).raised
        await until(
            lambda: any(e.alert.kind.value == "help_requested" for e in desk.model.alerts.entries()),
            what="the help alert",
        )
        board.refresh_alert_list()
        row = next(
            row for row in range(board.alert_list.count()) if "举手求助" in board.alert_list.item(row).text()
        )
        board.alert_list.setCurrentRow(row)
        assert board.acknowledge_button.isEnabled()
        board.refresh_figures()
        window.grab().save(str(artifacts_dir / "team_leader_window.png"))
        board.acknowledge_button.click()
        await until(lambda: "举手求助" in window.result_label.text(), what="the acknowledgement result")
        status = await hand.status()
        assert status.raised and status.acknowledged_by == "9001" and status.acknowledged_by_name == "周静"

        window.tabs.setCurrentIndex(1)
        assert window.tabs.currentWidget() is window.planning


@pytest.mark.asyncio
async def test_a_call_taker_has_no_board_and_raises_a_hand_from_the_state_bar(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    async with app_signed_in(tmp_path, memory_keyring, "1001") as client:
        desk = client.controller.floor_desk
        assert desk is not None and not desk.is_team_leader
        assert not desk.open_action.isVisible() and not desk.open_action.isEnabled()
        menus = [
            action.text() for action in client.controller.window.menuBar().actions() if action.isVisible()
        ]
        assert "班长(&L)" not in menus
        assert desk.open_board() is False and desk.window is None and desk.floor is None

        bar = client.controller.state_bar
        assert bar.raise_hand_action.isEnabled()
        assert bar.raise_hand_action.shortcut().toString() == "Ctrl+Shift+A"
        bar.raise_hand_button.click()
        await until(lambda: bar.hand_label.isVisible(), what="the hand shown up")
        assert bar.hand_label.text() == "✋ 已举手，等待班长"
        assert bar.raise_hand_action.text() == "放下手"
        # The backend's seat.help event can show the hand before the raise request has returned;
        # a press while it is under way is a double press and ignored, so wait as a person would.
        await until(lambda: not client.tasks.is_running("hand.toggle"), what="the raise request done")
        bar.raise_hand_action.trigger()
        await until(lambda: not bar.hand_label.isVisible(), what="the hand lowered")
        assert bar.raise_hand_action.text() == "举手求助"
