"""The status-bar count and the today list follow the outbox as it delivers, fails and is refused."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from support.waiting import until

from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.models import ErrorBody
from seatclient.outbox import DeliveryState, Outbox, OutboxStatus, OutboxStore, PauseReason, RetryPolicy
from seatclient.ui.outbox_status import OutboxStatusLabel
from seatclient.ui.today_orders import COLUMN_NUMBER, COLUMN_STATE, TodayOrdersPanel


class SwitchableBackend:
    """An order sender whose backend is down until ``up`` is set; idempotent per key like the real one."""

    def __init__(self) -> None:
        self.up = False
        self.effects: list[str] = []
        self.replies: dict[str, dict[str, Any]] = {}

    async def submit(self, kind: str, payload: Mapping[str, Any], idempotency_key: str) -> Mapping[str, Any]:
        await asyncio.sleep(0)
        if not self.up:
            raise BackendError(ErrorKind.UNREACHABLE)
        if payload["fields"].get("caller_phone") == "bad":
            raise BackendError(
                ErrorKind.REJECTED,
                422,
                ErrorBody(
                    code="invalid_order", message="工单内容有误", fields={"fields.caller_phone": "号码无效"}
                ),
            )
        if idempotency_key not in self.replies:
            self.effects.append(idempotency_key)
            self.replies[idempotency_key] = {
                "order_number": f"HZ20260302{len(self.effects):06d}",
                "due": "2026-03-11",
                "unit_name": "西湖区综合行政执法局",
            }
        return self.replies[idempotency_key]


def order(call: str, phone: str = "+8613957100421") -> dict[str, Any]:
    return {
        "call_id": call,
        "fields": {
            "caller_name": "王建国",
            "caller_phone": phone,
            "business_topic": {"class": "城乡建设", "item": "城市建设和管理"},
        },
        "confidential": False,
        "disposition": "dispatch",
        "unit_id": "xihu-law-enforcement",
    }


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OutboxStore]:
    with OutboxStore(tmp_path / "outbox.sqlite3") as opened:
        yield opened


def test_the_count_reads_and_colours_as_the_status_says(qtbot: QtBot) -> None:
    label = OutboxStatusLabel()
    qtbot.addWidget(label)
    assert (label.text(), label.alarming) == ("待发送 0", False)
    assert label.toolTip() == "所有已提交的工单均已送达后台。"
    label.set_status(OutboxStatus(pending=3))
    assert (label.text(), label.alarming) == ("待发送 3", False)
    assert label.accessibleName() == "工单发送状态：待发送 3"
    retry_at = datetime(2026, 3, 2, 2, 32, 5, tzinfo=UTC)
    label.set_status(OutboxStatus(pending=3, retry_at=retry_at, last_error_kind="unreachable"))
    assert label.alarming and "#c0392b" in label.styleSheet()
    assert (
        label.toolTip() == f"待发送 3 条（无法连接服务器，{retry_at.astimezone().strftime('%H:%M:%S')} 重试）"
    )
    label.set_status(OutboxStatus(pending=1, paused=PauseReason.SESSION_EXPIRED))
    assert label.alarming
    label.set_status(OutboxStatus(pending=0, rejected=1, failed=2))
    assert (label.text(), label.alarming) == ("待发送 0 · 退回 1 · 失败 2", True)
    assert label.toolTip().endswith("被退回的工单请在“今日工单”中打开，按提示修改后重新提交。")
    with qtbot.waitSignal(label.activated):
        QTest.mouseClick(label, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(label.activated):
        QTest.keyClick(label, Qt.Key.Key_Return)


@pytest.mark.asyncio
async def test_orders_queued_while_the_backend_is_down_are_each_delivered_once_when_it_is_back(
    qtbot: QtBot, store: OutboxStore
) -> None:
    backend = SwitchableBackend()
    outbox = Outbox(store, backend, "1001", policy=RetryPolicy(base_delay=0.02, max_delay=0.05))
    label = OutboxStatusLabel()
    panel = TodayOrdersPanel()
    qtbot.addWidget(label)
    qtbot.addWidget(panel)
    label.set_outbox(outbox)
    panel.set_outbox(outbox)
    runner = asyncio.create_task(outbox.run())
    try:
        entries = [
            outbox.enqueue_revision("order.create", order(f"c{n}"), f"order:1001:c{n}") for n in range(3)
        ]
        assert label.text() == "待发送 3"
        model = panel.model
        assert model.rowCount() == 3
        assert [model.order(row).call_id for row in range(3)] == ["c2", "c1", "c0"]  # newest first
        await until(lambda: label.alarming, what="the count turning red while sending fails")
        await until(
            lambda: any(model.order(row).state is DeliveryState.RETRYING for row in range(3)),
            what="a row waiting for its retry",
        )
        retrying = next(
            model.order(row) for row in range(3) if model.order(row).state is DeliveryState.RETRYING
        )
        row = panel.model.today.find(retrying.entry_id)
        assert row is not None
        assert str(model.index(row, COLUMN_STATE).data()).endswith(" 重试")
        assert model.index(row, COLUMN_NUMBER).data() == "（待编号）"
        assert backend.effects == []

        backend.up = True
        outbox.wake()
        await asyncio.wait_for(outbox.drained(), 5)
        assert label.text() == "待发送 0" and not label.alarming
        assert sorted(backend.effects) == sorted(entry.idempotency_key for entry in entries)
        assert [model.index(row, COLUMN_STATE).data() for row in range(3)] == ["已送达"] * 3
        numbers = {model.index(row, COLUMN_NUMBER).data() for row in range(3)}
        assert numbers == {"HZ20260302000001", "HZ20260302000002", "HZ20260302000003"}
        assert panel.summary_label.text() == "今日 3 张：已送达 3，待发送 0"

        # A refused order: red, and Enter on its row asks to open it in the form.
        refused = outbox.enqueue_revision("order.create", order("c3", "bad"), "order:1001:c3")
        await asyncio.wait_for(outbox.drained(), 5)
        assert (label.text(), label.alarming) == ("待发送 0 · 退回 1", True)
        assert model.index(0, COLUMN_STATE).data() == "被退回，待修改"
        assert "号码无效" in str(model.index(0, COLUMN_STATE).data(Qt.ItemDataRole.ToolTipRole))
        assert panel.summary_label.text() == "今日 4 张：已送达 3，待发送 0，待处理 1"
        assert panel.select_entry(refused.id)
        assert panel.open_button.isEnabled()
        panel.table.setFocus()
        with qtbot.waitSignal(panel.open_requested) as opened:
            QTest.keyClick(panel.table, Qt.Key.Key_Return)
        assert opened.args == [refused.id]
        assert panel.select_entry(entries[0].id)
        assert not panel.open_button.isEnabled()  # a delivered order has nothing to correct

        # The correction takes the refused row's place and clears the red.
        corrected = outbox.enqueue_revision("order.create", order("c3"), "order:1001:c3")
        await asyncio.wait_for(outbox.drained(), 5)
        assert model.rowCount() == 4
        assert (model.order(0).entry_id, model.order(0).revision) == (corrected.id, 2)
        assert model.index(0, COLUMN_STATE).data() == "已送达"
        assert (label.text(), label.alarming) == ("待发送 0", False)
        assert len(backend.effects) == 4
    finally:
        runner.cancel()
        await asyncio.gather(runner, return_exceptions=True)
        label.set_outbox(None)
        panel.set_outbox(None)
    assert panel.model.rowCount() == 0 and label.text() == "待发送 0"
