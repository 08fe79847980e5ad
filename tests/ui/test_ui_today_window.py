"""The seat window on the embedded backend: a refused order comes back to its form, is corrected and delivered."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtGui import QAction, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from support.keyrings import MemoryKeyring
from support.waiting import until

from seatclient.api.models import SeatState
from seatclient.app import SeatClient, assemble
from seatclient.config import Settings
from seatclient.credentials import CredentialStore
from seatclient.forms.drafts import DraftStore
from seatclient.outbox import DeliveryState, EntryState
from seatclient.ui.dispatch_panel import Disposition as DispatchDisposition
from seatclient.ui.order_desk import OrderDesk
from seatclient.ui.today_orders import COLUMN_DUE, COLUMN_NUMBER, COLUMN_STATE


@contextlib.asynccontextmanager
async def seat_window(profile: Path, keyring: MemoryKeyring) -> AsyncIterator[SeatClient]:
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
    dialog.seat_edit.setText("A07")
    dialog.sign_in_button.click()
    window = client.controller.window
    try:
        await until(window.isVisible, what="the seat window")
        window.resize(1440, 900)
        client.controller.state_bar.ready_action.trigger()
        await until(lambda: state(client) is SeatState.READY, what="ready")
        yield client
    finally:
        await client.shutdown()
        window.allow_close()
        window.close()
        dialog.close()
    assert errors == []


async def admin(client: SeatClient, path: str, body: object) -> None:
    assert client.embedded is not None
    async with httpx.AsyncClient(base_url=client.embedded.url, trust_env=False) as http:
        (await http.post(path, json=body)).raise_for_status()


async def mock_orders(client: SeatClient) -> list[str]:
    assert client.embedded is not None
    async with httpx.AsyncClient(base_url=client.embedded.url, trust_env=False) as http:
        return list((await http.get("/mock/orders")).json()["order_numbers"])


def state(client: SeatClient) -> SeatState | None:
    return client.session.status.state if client.session.status else None


def commit_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def control(desk: OrderDesk, key: str, index: int = 0) -> Any:
    return desk.form.controls(key)[index]


@pytest.mark.asyncio
async def test_a_refused_order_reopens_with_errors_beside_its_fields_and_its_correction_is_delivered(
    tmp_path: Path, memory_keyring: MemoryKeyring, artifacts_dir: Path
) -> None:
    async with seat_window(tmp_path, memory_keyring) as client:
        controller = client.controller
        desk = controller.order_desk
        status = controller.outbox_status
        today = controller.today_orders
        assert desk is not None and status is not None and today is not None
        window = controller.window
        assert status.text() == "待发送 0" and not status.alarming
        today_key = window.findChild(QAction, "actionPanel_today")
        assert isinstance(today_key, QAction) and today_key.shortcut().toString() == "Alt+7"
        assert window.docks["today"].widget() is today
        before = await mock_orders(client)

        await admin(client, "/mock/calls", {"job_number": "1001", "caller_index": 0})
        await until(lambda: state(client) is SeatState.RINGING, what="ringing")
        controller.call_panel.answer_action.trigger()
        await until(lambda: state(client) is SeatState.TALKING, what="answered")
        call_id = client.session.status.call_id if client.session.status else None
        await until(lambda: desk.order_call_id == call_id, what="the order of the call")

        control(desk, "request_type").click()
        commit_text(control(desk, "caller_name"), "王建国")
        commit_text(control(desk, "event_description"), "邻居在楼顶违章搭建")
        commit_text(control(desk, "caller_request"), "请尽快拆除")
        commit_text(control(desk, "business_topic"), "城乡建设 / 城市建设和管理")
        commit_text(control(desk, "matter_place", 0), "西湖区")
        commit_text(control(desk, "matter_place", 1), "北山街道")
        dispatch = desk.dispatch_panel
        await until(lambda: bool(dispatch.suggestions()), what="dispatch suggestions")
        assert dispatch.choose_suggestion(1)
        unit_id = dispatch.suggestions()[0].unit.id

        # The backend refuses one form field and one thing outside the form.
        await admin(
            client,
            "/mock/failures",
            {
                "path_prefix": "/api/v1/orders",
                "status": 422,
                "fields": {
                    "fields.event_description": "事由过于简略，请写明时间和经过",
                    "unit_id": "该单位暂停接单",
                },
            },
        )
        assert dispatch.request_disposition(DispatchDisposition.DISPATCH)
        outbox = desk.outbox
        assert outbox is not None
        await until(
            lambda: [entry.state for entry in outbox.entries()] == [EntryState.REJECTED],
            what="the order refused",
        )
        await until(lambda: desk.form.isEnabled(), what="the refused order back in the form")
        form = desk.form
        assert desk.order_call_id == call_id
        assert form.editor.value("caller_name") == "王建国"  # nothing typed is lost
        assert form.editor.value("event_description") == "邻居在楼顶违章搭建"
        error = form.error_label("event_description")
        assert error.text() == "事由过于简略，请写明时间和经过" and not error.isHidden()
        assert control(desk, "event_description").accessibleDescription() == "事由过于简略，请写明时间和经过"
        assert desk.notice.startswith("工单被后台退回：工单内容不完整或有误。")
        assert desk.notice.endswith("其他问题：承办单位：该单位暂停接单")
        assert dispatch.chosen_unit() is not None and dispatch.chosen_unit().id == unit_id  # type: ignore[union-attr]
        assert (status.text(), status.alarming) == ("待发送 0 · 退回 1", True)
        assert today.model.index(0, COLUMN_STATE).data() == "被退回，待修改"
        # The corrected draft is open again: it survives a crash while being corrected.
        with DraftStore(tmp_path / "drafts.sqlite3") as drafts:
            assert [draft.call_id for draft in drafts.load_for("1001")] == [call_id]
        controller.show_today_orders()
        window.grab().save(str(artifacts_dir / "today_refused_order.png"))

        commit_text(control(desk, "event_description"), "，昨天上午开始在楼顶搭建阳光房")
        assert error.isHidden() and desk.server_errors.shown == {}
        # Opening it from the today list again keeps the correction typed so far.
        assert today.select_entry(outbox.entries()[0].id)
        assert today.open_button.isEnabled()
        today.open_button.click()
        assert "楼顶搭建阳光房" in str(form.editor.value("event_description"))

        # The backend is busy once and says when to come back; the correction waits, then goes.
        await admin(
            client, "/mock/failures", {"path_prefix": "/api/v1/orders", "status": 503, "retry_after": 1}
        )
        assert dispatch.request_disposition(DispatchDisposition.DISPATCH)
        await until(
            lambda: status.alarming and status.status.pending == 1, what="the busy backend in the count"
        )
        await until(
            lambda: today.model.order(0).state is DeliveryState.RETRYING, what="the row waiting to retry"
        )
        await until(
            lambda: (
                [entry.state for entry in outbox.entries()] == [EntryState.REJECTED, EntryState.DELIVERED]
            ),
            timeout=15,
            what="the correction delivered",
        )
        corrected = outbox.entries()[1]
        assert corrected.idempotency_key == f"order:1001:{call_id}#r2"
        assert "楼顶搭建阳光房" in corrected.payload["fields"]["event_description"]
        assert (status.text(), status.alarming) == ("待发送 0", False)
        number = str(corrected.ack["order_number"]) if corrected.ack else ""
        assert today.model.rowCount() == 1
        assert today.model.index(0, COLUMN_NUMBER).data() == number
        assert today.model.index(0, COLUMN_STATE).data() == "已送达"
        assert today.model.index(0, COLUMN_DUE).data() != ""
        assert await mock_orders(client) == sorted([*before, number])
        window.grab().save(str(artifacts_dir / "today_delivered_order.png"))
