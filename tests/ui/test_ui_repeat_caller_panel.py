"""The repeat-caller panel: earlier orders when a call rings, linking, withheld and offline callers, progress by number."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from support.waiting import until

from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.models import (
    CallInfo,
    CallPhase,
    OrderDetail,
    OrderDisposition,
    OrderProgress,
    OrderStatus,
    OrderSummary,
)
from seatclient.forms.repeat_callers import RepeatCallerLookup, load_default_lookup_rules
from seatclient.tasks import BackgroundTasks
from seatclient.ui.repeat_caller_panel import RepeatCallerPanel

NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
TODAY = date(2026, 11, 22)
CALLER = "13957100421"


def summary(number: str, status: OrderStatus, days_ago: int, **changes: object) -> OrderSummary:
    values: dict[str, object] = {
        "order_number": number,
        "registered_at": NOW - timedelta(days=days_ago),
        "status": status,
        "status_label": {OrderStatus.IN_PROGRESS: "承办单位办理中", OrderStatus.CLOSED: "已办结"}[status],
        "disposition": OrderDisposition.DISPATCH,
        "topic": "劳动和社会保障 / 养老保险",
        "summary": "咨询养老金调整什么时候到账",
        "unit_name": "西湖区人力资源和社会保障局",
        "due": TODAY + timedelta(days=3) if status is OrderStatus.IN_PROGRESS else None,
    }
    values.update(changes)
    return OrderSummary.model_validate(values)


HISTORY = [
    summary("HZ20261020000001", OrderStatus.CLOSED, 33),
    summary("HZ20261118000004", OrderStatus.IN_PROGRESS, 4),
    summary("HZ20261101000002", OrderStatus.IN_PROGRESS, 21, due=date(2026, 11, 12)),
]


class FakeBackend:
    def __init__(self) -> None:
        self.by_phone: dict[str, list[OrderSummary]] = {CALLER: list(HISTORY)}
        self.asked: list[str] = []
        self.error: BackendError | None = None
        self.gates: dict[str, asyncio.Event] = {}

    async def orders_for_phone(self, phone: str) -> list[OrderSummary]:
        self.asked.append(phone)
        gate = self.gates.get(phone)
        if gate is not None:
            await gate.wait()
        if self.error is not None:
            raise self.error
        return list(self.by_phone.get(phone, []))

    async def order_detail(self, order_number: str) -> OrderDetail | None:
        self.asked.append(order_number)
        found = next((each for each in HISTORY if each.order_number == order_number), None)
        if found is None:
            return None
        return OrderDetail(
            **found.model_dump(),
            district="西湖区",
            progress=[
                OrderProgress(at=found.registered_at, status=OrderStatus.DISPATCHED, status_label="已派单"),
                OrderProgress(
                    at=datetime(2026, 11, 19, 1, 30, tzinfo=UTC),
                    status=OrderStatus.IN_PROGRESS,
                    status_label="承办单位办理中",
                    note="已电话联系来电人，正在核实社保缴费记录",
                ),
            ],
        )


def call(call_id: str, number: str = CALLER, phase: CallPhase = CallPhase.RINGING) -> CallInfo:
    return CallInfo(
        call_id=call_id,
        phase=phase,
        caller_number=number,
        number_withheld=not number,
        queue="12345",
        queued_at=NOW,
    )


@contextlib.asynccontextmanager
async def shown_panel(qtbot: QtBot) -> AsyncIterator[tuple[RepeatCallerPanel, FakeBackend]]:
    errors: list[BaseException] = []
    backend = FakeBackend()
    tasks = BackgroundTasks(errors.append)
    panel = RepeatCallerPanel(RepeatCallerLookup(backend, load_default_lookup_rules()), tasks, lambda: TODAY)
    qtbot.addWidget(panel)
    panel.resize(620, 640)
    panel.show()
    panel.activateWindow()
    await until(panel.isActiveWindow, what="the panel window active")
    try:
        yield panel, backend
    finally:
        await tasks.cancel_all()
    assert errors == []


def rows(panel: RepeatCallerPanel) -> list[list[str]]:
    model = panel.model
    return [[str(model.index(row, column).data()) for column in range(5)] for row in range(model.rowCount())]


@pytest.mark.asyncio
async def test_a_ringing_caller_s_orders_are_listed_open_first_and_can_be_linked(
    qtbot: QtBot, artifacts_dir: Path
) -> None:
    async with shown_panel(qtbot) as (panel, backend):
        histories: list[object] = []
        panel.history_changed.connect(histories.append)
        panel.follow_call(call("c1"))
        await until(lambda: panel.history is not None, what="the caller's history")
        assert backend.asked == [CALLER]
        assert rows(panel) == [
            ["HZ20261118000004", "办理中", "承办单位办理中", "2026-11-25", "劳动和社会保障 / 养老保险"],
            [
                "HZ20261101000002",
                "办理中",
                "承办单位办理中",
                "2026-11-12（已超期）",
                "劳动和社会保障 / 养老保险",
            ],
            ["HZ20261020000001", "已结束", "已办结", "—", "劳动和社会保障 / 养老保险"],
        ]
        assert panel.header_text() == (
            "来电 13957100421：历史工单 3 张，其中办理中 2 张。同一事项请关联原工单，不要重复建单。"
        )
        model = panel.model
        assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
        assert model.index(2, 0).data(Qt.ItemDataRole.FontRole) is None
        assert (
            model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
            == "劳动和社会保障 / 养老保险\n咨询养老金调整什么时候到账"
        )
        assert panel.script_button.isEnabled() and panel.link_button.isEnabled()
        ModelTester(qtbot).check(model)

        # The same call again (answered) is not looked up twice.
        panel.follow_call(call("c1", phase=CallPhase.TALKING))
        assert backend.asked == [CALLER]

        links: list[str] = []
        panel.link_requested.connect(links.append)
        assert panel.selected_order() is not None
        assert panel.selected_order().order_number == "HZ20261118000004"  # type: ignore[union-attr]
        panel.table.setFocus()
        qtbot.keyClick(panel.table, Qt.Key.Key_Down)
        panel.link_button.click()
        assert links == ["HZ20261101000002"]
        panel.grab().save(str(artifacts_dir / "repeat_caller_panel.png"))

        # The call ended: the list stays for the wrap-up; sign-out clears it.
        panel.follow_call(None)
        assert panel.model.rowCount() == 3
        panel.clear()
        assert panel.model.rowCount() == 0 and panel.history is None
        assert histories[-1] is None


@pytest.mark.asyncio
async def test_a_withheld_number_is_said_and_not_looked_up(qtbot: QtBot) -> None:
    async with shown_panel(qtbot) as (panel, backend):
        panel.follow_call(call("c1", number=""))
        assert panel.header_text() == (
            "来电号码未显示，无法按号码查询历史工单；如来电人报出工单号，可在下方查询。"
        )
        await asyncio.sleep(0.05)
        assert backend.asked == []
        assert not panel.link_button.isEnabled()


@pytest.mark.asyncio
async def test_a_new_ring_supersedes_the_lookup_of_the_previous_caller(qtbot: QtBot) -> None:
    async with shown_panel(qtbot) as (panel, backend):
        backend.by_phone["13800001111"] = [summary("HZ20261119000009", OrderStatus.CLOSED, 3)]
        backend.gates[CALLER] = asyncio.Event()
        panel.follow_call(call("c1"))
        await until(lambda: backend.asked == [CALLER], what="the first look-up asked")
        panel.follow_call(call("c2", number="13800001111"))
        await until(lambda: panel.history is not None, what="the second caller's history")
        backend.gates[CALLER].set()
        await asyncio.sleep(0.1)
        assert [row[0] for row in rows(panel)] == ["HZ20261119000009"]
        assert panel.header_text() == "来电 13800001111：历史工单 1 张，其中办理中 0 张。"
        assert not panel.script_button.isEnabled()


@pytest.mark.asyncio
async def test_offline_the_number_is_kept_and_looked_up_again_when_the_link_is_back(qtbot: QtBot) -> None:
    async with shown_panel(qtbot) as (panel, backend):
        backend.error = BackendError(ErrorKind.UNREACHABLE)
        panel.follow_call(call("c1"))
        await until(lambda: panel.retry_button.isVisible(), what="the retry button")
        assert panel.header_text() == (
            "无法连接到服务器。请检查网络，或联系大厅信息技术人员。已记下来电号码，连接恢复后自动重新查询。"
        )
        assert panel.history is None
        backend.error = None
        panel.connection_restored()
        await until(lambda: panel.history is not None, what="the history after reconnecting")
        assert backend.asked == [CALLER, CALLER]
        assert panel.model.rowCount() == 3
        assert not panel.retry_button.isVisible()
        panel.connection_restored()  # nothing failed: nothing asked again
        await asyncio.sleep(0.05)
        assert backend.asked == [CALLER, CALLER]


@pytest.mark.asyncio
async def test_how_is_my_matter_going_by_order_number(qtbot: QtBot) -> None:
    async with shown_panel(qtbot) as (panel, backend):
        panel.table.setFocus()
        qtbot.keySequence(panel.table, QKeySequence("Ctrl+Shift+O"))
        assert QApplication.focusWidget() is panel.number_edit
        qtbot.keyClicks(panel.number_edit, "hz20261118000004")
        qtbot.keyClick(panel.number_edit, Qt.Key.Key_Return)
        await until(lambda: panel.report is not None, what="the order's progress")
        assert panel.report_text() == "\n".join(
            [
                "工单 HZ20261118000004（2026-11-18 登记）",
                "状态：承办单位办理中",
                "承办单位：西湖区人力资源和社会保障局",
                "办结时限：2026-11-25",
                "业务分类：劳动和社会保障 / 养老保险",
                "最新进展：2026-11-19 09:30 承办单位办理中，已电话联系来电人，正在核实社保缴费记录",
            ]
        )
        assert not panel.link_report_button.isVisible()  # no call to link

        panel.lookup_order("HZ2026")
        await until(lambda: "格式不对" in panel.report_text(), what="the format problem")
        assert panel.report_text() == "工单号“HZ2026”格式不对，应形如 HZ20261122000123"
        assert panel.report is None
        panel.lookup_order("HZ20261118000099")
        await until(lambda: "没有工单" in panel.report_text(), what="the unknown order")
        assert backend.asked == ["HZ20261118000004", "HZ20261118000099"]


@pytest.mark.asyncio
async def test_a_row_shows_its_progress_and_the_looked_up_order_can_be_linked(qtbot: QtBot) -> None:
    async with shown_panel(qtbot) as (panel, _backend):
        panel.follow_call(call("c1"))
        await until(lambda: panel.model.rowCount() == 3, what="the list")
        panel.table.setFocus()
        panel.table.setCurrentIndex(panel.model.index(1, 0))
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
        await until(lambda: panel.report is not None, what="the row's progress")
        assert panel.number_edit.text() == "HZ20261101000002"
        assert panel.link_report_button.isVisible()
        links: list[str] = []
        panel.link_requested.connect(links.append)
        panel.link_report_button.click()
        assert links == ["HZ20261101000002"]


@pytest.mark.asyncio
async def test_confidential_earlier_orders_are_masked_in_the_list_and_header(qtbot: QtBot) -> None:
    async with shown_panel(qtbot) as (panel, backend):
        backend.by_phone[CALLER] = [
            summary(
                "HZ20261118000004",
                OrderStatus.IN_PROGRESS,
                4,
                summary="请打 13957100421 找我，别告诉单位我的身份",
                confidential=True,
            )
        ]
        panel.follow_call(call("c1"))
        await until(lambda: panel.history is not None, what="the history")
        assert panel.header_text().startswith("来电 139****0421：")
        tip = panel.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
        assert tip == "劳动和社会保障 / 养老保险\n请打 139****0421 找我，别告诉单位我的身份"
        shown = " ".join(cell for row in rows(panel) for cell in row) + panel.header_text()
        assert CALLER not in shown
