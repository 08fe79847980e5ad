"""The seat window on the embedded backend: repeat callers, acceptance scope, drafts and the answer insert.

Each disposition's payload is checked on the mock's record of the order (``GET /mock/orders/{number}``).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from support.keyrings import MemoryKeyring
from support.waiting import until

from seatclient.api.models import SeatState
from seatclient.app import SeatClient, assemble
from seatclient.compliance.prompter import PromptStage, Situation
from seatclient.compliance.scripts import NotAcceptedReason
from seatclient.config import Settings
from seatclient.credentials import CredentialStore
from seatclient.forms.drafts import DraftStore
from seatclient.forms.order import OrderDraft
from seatclient.forms.schema import load_default
from seatclient.outbox import EntryState
from seatclient.ui.dispatch_panel import Disposition
from seatclient.ui.order_desk import OrderDesk, disposition_fields
from seatclient.ui.repeat_caller_panel import RepeatCallerPanel

FIRST_CALLER = "13957100421"
"""王建国 (caller_index 0): the training backend seeds one open and one closed earlier order."""


@contextlib.asynccontextmanager
async def seat_window(profile: Path, keyring: MemoryKeyring, ready: bool = True) -> AsyncIterator[SeatClient]:
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
        window.resize(1440, 900)
        window.activateWindow()
        if ready:
            client.controller.state_bar.ready_action.trigger()
            await until(lambda: seat_state(client) is SeatState.READY, what="ready")
        yield client
    finally:
        # The related-articles list waits for the typing to rest before it searches; a search
        # started by that timer after the knowledge base closed would fail, so none is left pending.
        desk_of(client).push.set_context("")
        await client.shutdown()
        window.allow_close()
        window.close()
        dialog.close()
    assert errors == []


async def admin(client: SeatClient, path: str, body: object | None = None) -> Any:
    assert client.embedded is not None
    async with httpx.AsyncClient(base_url=client.embedded.url, trust_env=False) as http:
        response = await (http.post(path, json=body) if body is not None else http.get(path))
        response.raise_for_status()
        return response.json() if response.content else {}


def seat_state(client: SeatClient) -> SeatState | None:
    return client.session.status.state if client.session.status else None


def desk_of(client: SeatClient) -> OrderDesk:
    desk = client.controller.order_desk
    assert desk is not None
    return desk


def panel_of(client: SeatClient) -> RepeatCallerPanel:
    panel = desk_of(client).repeat_callers
    assert panel is not None
    return panel


def commit_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


async def ring(client: SeatClient, caller_index: int) -> str:
    placed = await admin(client, "/mock/calls", {"job_number": "1001", "caller_index": caller_index})
    await until(lambda: seat_state(client) is SeatState.RINGING, what="ringing")
    return str(placed["call_id"])


async def answer(client: SeatClient, call_id: str) -> None:
    client.controller.call_panel.answer_action.trigger()
    await until(lambda: desk_of(client).order_call_id == call_id, what="a new order for the call")


def fill_required(desk: OrderDesk) -> None:
    form = desk.form
    commit_text(form.controls("caller_name")[0], "王建国")
    form.controls("request_type")[0].click()
    commit_text(form.controls("event_description")[0], "上月反映的养老金问题至今没有答复")
    commit_text(form.controls("caller_request")[0], "希望尽快处理")
    commit_text(form.controls("business_topic")[0], "劳动和社会保障 / 退休政策及待遇")


async def delivered_record(client: SeatClient) -> dict[str, Any]:
    outbox = desk_of(client).outbox
    assert outbox is not None
    await until(
        lambda: [entry.state for entry in outbox.entries()] == [EntryState.DELIVERED],
        what="the order delivered",
    )
    number = str(outbox.entries()[0].ack["order_number"])
    return dict(await admin(client, f"/mock/orders/{number}"))


@pytest.mark.asyncio
async def test_a_repeat_caller_s_open_order_is_shown_while_ringing_and_the_call_linked_to_it(
    tmp_path: Path, memory_keyring: MemoryKeyring, artifacts_dir: Path
) -> None:
    async with seat_window(tmp_path, memory_keyring) as client:
        desk, panel, window = desk_of(client), panel_of(client), client.controller.window
        assert window.docks["repeat_callers"].widget() is panel
        assert (
            window.tabifiedDockWidgets(window.docks["knowledge"]).count(window.docks["repeat_callers"]) == 1
        )
        call_id = await ring(client, 0)
        await until(lambda: panel.history is not None, what="the caller's earlier orders while ringing")
        history = panel.history
        assert history is not None
        assert [order.is_open for order in history.orders] == [True, False]
        open_number = history.orders[0].order_number
        assert panel.header_text() == (
            f"来电 {FIRST_CALLER}：历史工单 2 张，其中办理中 1 张。同一事项请关联原工单，不要重复建单。"
        )
        # The greeting is up; the prompter now knows the earlier order for the repeat-caller script.
        assert desk.prompter.prompt.stage is PromptStage.GREETING
        assert desk.prompter.caller is not None
        assert desk.prompter.caller.earlier_order_number == open_number

        await answer(client, call_id)
        panel.script_button.click()
        assert desk.prompter.prompt.title == "重复来电"
        assert open_number in desk.scripts_panel.shown_text()
        desk.prompter.dismiss_situation()

        # Alt+6 brings the region forward; Ctrl+Shift+O puts the cursor in its number box.
        key = window.findChild(type(panel.focus_lookup_action), "actionPanel_repeat_callers")
        assert key is not None and key.shortcut() == QKeySequence("Alt+6")
        client.controller.show_order_lookup()
        await until(lambda: QApplication.focusWidget() is panel.number_edit, what="the number box focused")
        window.grab().save(str(artifacts_dir / "seat_repeat_callers.png"))

        fill_required(desk)
        panel.table.selectRow(0)
        assert panel.request_link_to_selected()
        record = await delivered_record(client)
        assert record["request"]["disposition"] == "link_existing"
        assert record["request"]["linked_order_number"] == open_number
        assert record["request"]["not_accepted_reason"] is None
        assert record["ack"]["status"] == "linked"
        assert record["ack"]["linked_order_number"] == open_number


@pytest.mark.asyncio
async def test_not_accepted_with_its_reason_and_an_answer_inserted_where_the_form_was_scrolled(
    tmp_path: Path, memory_keyring: MemoryKeyring, qtbot: QtBot
) -> None:
    async with seat_window(tmp_path, memory_keyring) as client:
        desk = desk_of(client)
        await answer(client, await ring(client, 0))
        fill_required(desk)

        # Inserting a knowledge answer keeps the form where it was scrolled and the cursor where it was.
        form = desk.form
        # The related articles take more room: the form scrolls.
        desk.form_splitter.setSizes([320, 330])
        scroll = form.scroll_area.verticalScrollBar()
        await until(lambda: scroll.maximum() > 200, what="a form taller than its region")
        place = form.controls("matter_place")[0]
        form.focus_field("matter_place")
        scroll.setValue(scroll.maximum() - 40)
        scrolled = scroll.value()
        assert scrolled > 0 and QApplication.focusWidget() is place
        changes = await client.client.knowledge_changes("", 1)
        article_id = str(changes["upserts"][0]["id"])
        assert desk.insert_answer(article_id, "养老金调整后次月发放。")
        assert scroll.value() == scrolled
        assert QApplication.focusWidget() is place
        assert "养老金调整后次月发放。" in form.controls("notes")[0].toPlainText()
        desk.prompter.situation(Situation.SOOTHING)  # something else shown: the disposition replaces it

        dispatch = desk.dispatch_panel
        dispatch.request_disposition(Disposition.NOT_ACCEPTED)
        assert dispatch.not_accepted_box.isVisible()
        dispatch.choose_reason(NotAcceptedReason.PETITION)
        assert dispatch.reason_words().startswith("您反映的事项应当通过信访渠道解决，12345热线不予受理。")
        qtbot.keyClick(dispatch.reason_list, Qt.Key.Key_Return)  # confirms the selected reason
        record = await delivered_record(client)
        assert record["request"]["disposition"] == "not_accepted"
        assert record["request"]["not_accepted_reason"] == "petition"
        assert record["request"]["knowledge_article_id"] == article_id
        assert record["ack"]["status"] == "not_accepted"
        assert desk.prompter.prompt.title == "不予受理告知：信访途径"
        assert desk.scripts_panel.shown_text() == dispatch.reason_words()


@pytest.mark.asyncio
async def test_an_emergency_is_recorded_at_once_and_the_line_handed_to_the_transfer(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    async with seat_window(tmp_path, memory_keyring) as client:
        desk = desk_of(client)
        lines: list[str] = []
        desk.emergency_transfer_requested.connect(lines.append)
        await answer(client, await ring(client, 2))
        assert desk.form.editor.errors()  # nothing typed yet: still recorded
        titles: list[str] = []
        desk.prompter.prompt_changed.connect(lambda prompt: titles.append(prompt.title))
        desk.dispatch_panel.emergency_actions[Disposition.EMERGENCY_119].trigger()
        assert lines == ["119"]
        record = await delivered_record(client)
        assert record["request"]["disposition"] == "emergency_transfer"
        assert record["request"]["emergency_line"] == "119"
        assert record["ack"]["status"] == "transferred"
        assert titles[0] == "紧急转接：119 火警"


@pytest.mark.asyncio
async def test_a_withheld_caller_is_not_looked_up(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    async with seat_window(tmp_path, memory_keyring) as client:
        panel = panel_of(client)
        await ring(client, 3)
        await until(lambda: "号码未显示" in panel.header_text(), what="the withheld notice")
        assert panel.history is None and panel.model.rowCount() == 0


@pytest.mark.asyncio
async def test_the_newest_draft_is_restored_and_the_others_offered(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    schema = load_default()
    start = datetime(2026, 11, 21, 1, 0, tzinfo=UTC)
    drafts = [
        ("call-old", {"caller_name": "赵明华", "event_description": "路灯不亮"}, False, 0),
        ("call-secret", {"caller_name": "欧阳娜娜", "caller_phone": "13800002222"}, True, 1),
        ("call-new", {"caller_name": "李秀英", "event_description": "噪音扰民"}, False, 2),
    ]
    with DraftStore(tmp_path / "drafts.sqlite3") as store:
        for call_id, values, confidential, hours in drafts:
            moment = start + timedelta(hours=hours)
            store.save(
                OrderDraft.start(schema, call_id, "1001", {**values, "confidential": confidential}, moment)
            )
        store.save(OrderDraft.start(schema, "call-other-person", "2002", {"caller_name": "钱七"}, start))
    async with seat_window(tmp_path, memory_keyring, ready=False) as client:
        desk = desk_of(client)
        assert desk.order_call_id == "call-new"
        assert desk.notice == (
            "已恢复最新的未提交工单草稿；另有 2 份未提交草稿，可在右侧“其他未提交草稿”中打开。"
        )
        button = desk.other_drafts
        assert button.isVisible() and button.text() == "其他未提交草稿（2）"
        assert button.call_ids() == ["call-secret", "call-old"]
        entries = button.entries()
        assert entries[0].startswith("&1  欧阳**")  # a confidential draft is masked in the list
        assert "13800002222" not in " ".join(entries)
        assert entries[1].startswith("&2  赵明华")

        button.drafts_menu.actions()[1].trigger()
        assert desk.order_call_id == "call-old"
        assert desk.form.editor.value("caller_name") == "赵明华"
        assert desk.notice == "已打开未提交的工单草稿"
        assert button.call_ids() == ["call-new", "call-secret"]


def test_the_payload_carries_the_reason_or_the_linked_order_only_with_its_disposition() -> None:
    assert disposition_fields("not_accepted", "U1", not_accepted_reason="petition") == {
        "disposition": "not_accepted",
        "unit_id": None,
        "not_accepted_reason": "petition",
    }
    assert disposition_fields("link_existing", None, linked_order_number="HZ20261118000004") == {
        "disposition": "link_existing",
        "unit_id": None,
        "linked_order_number": "HZ20261118000004",
    }
    # A reason or link chosen earlier in the call does not ride along with another disposition.
    assert disposition_fields(
        "dispatch", "U1", not_accepted_reason="petition", linked_order_number="HZ20261118000004"
    ) == {"disposition": "dispatch", "unit_id": "U1"}
