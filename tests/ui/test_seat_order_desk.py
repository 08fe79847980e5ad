"""The whole seat window with the embedded backend: the order follows the call, drafts survive a restart."""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtGui import QAction, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QRadioButton, QWidget
from support.keyrings import MemoryKeyring
from support.waiting import until

from seatclient.api.models import SeatState
from seatclient.app import SeatClient, assemble
from seatclient.compliance.prompter import PromptStage, Situation
from seatclient.config import DEFAULT_SHORTCUTS, Settings
from seatclient.credentials import CredentialStore
from seatclient.forms.drafts import DraftStore
from seatclient.outbox import EntryState
from seatclient.ui.dispatch_panel import DEFAULT_DISPATCH_SHORTCUTS, DispatchPanel
from seatclient.ui.dispatch_panel import Disposition as DispatchDisposition
from seatclient.ui.intake_form import IntakeFormWidget
from seatclient.ui.knowledge_panel import KNOWLEDGE_SHORTCUTS, KnowledgePanel
from seatclient.ui.order_desk import OrderDesk, disposition_fields
from seatclient.ui.scripts_panel import SCRIPTS_SHORTCUTS, ScriptsPanel
from seatclient.ui.shortcuts_help import action_label

CALLER_NUMBER = "13957100421"
"""The number of the training backend's first caller (caller_index 0)."""


@contextlib.asynccontextmanager
async def seat_window(profile: Path, keyring: MemoryKeyring, ready: bool = True) -> AsyncIterator[SeatClient]:
    errors: list[BaseException] = []
    client = await assemble(
        Settings(),
        profile,
        lambda: None,
        errors.append,
        credentials=CredentialStore(keyring),
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


def desk_of(client: SeatClient) -> OrderDesk:
    desk = client.controller.order_desk
    assert desk is not None
    return desk


def commit_text(widget: QWidget, text: str) -> None:
    """Type Chinese as an input method commits it."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def control(form: IntakeFormWidget, key: str, index: int = 0) -> Any:
    return form.controls(key)[index]


async def answered_call(client: SeatClient) -> str:
    """Place the first training caller's call, check the greeting while it rings, answer it."""
    desk = desk_of(client)
    placed = await admin(client, "/mock/calls", {"job_number": "1001", "caller_index": 0})
    call_id = str(placed["call_id"])
    await until(lambda: state(client) is SeatState.RINGING, what="ringing")
    await until(lambda: desk.prompter.prompt.stage is PromptStage.GREETING, what="the greeting")
    assert "1001" in desk.scripts_panel.shown_text()
    assert not desk.form.isEnabled()
    client.controller.call_panel.answer_action.trigger()
    await until(lambda: state(client) is SeatState.TALKING, what="answered")
    await until(lambda: desk.order_call_id == call_id, what="a new order for the call")
    return call_id


def test_the_window_shows_the_real_regions_and_every_key_is_in_the_seat_map() -> None:
    for panel_keys in (DEFAULT_DISPATCH_SHORTCUTS, KNOWLEDGE_SHORTCUTS, SCRIPTS_SHORTCUTS):
        assert {action: DEFAULT_SHORTCUTS[action] for action in panel_keys} == panel_keys
    assert DEFAULT_SHORTCUTS["panel.dispatch"] == "Alt+5"
    assert len(set(DEFAULT_SHORTCUTS.values())) == len(DEFAULT_SHORTCUTS)
    # Every action has a name in the shortcuts overlay (an unnamed one shows its id).
    assert all(action_label(action) != action for action in DEFAULT_SHORTCUTS)
    assert action_label("dispatch.not_accepted") == "不予受理"


def test_order_request_fields_follow_the_wire_names() -> None:
    assert disposition_fields("dispatch", "U1") == {"disposition": "dispatch", "unit_id": "U1"}
    assert disposition_fields("extra_urgent", "U1") == {
        "disposition": "dispatch_extra_urgent",
        "unit_id": "U1",
    }
    assert disposition_fields("direct_answer", "U1") == {"disposition": "direct_answer", "unit_id": None}
    assert disposition_fields("emergency_119", None) == {
        "disposition": "emergency_transfer",
        "emergency_line": "119",
        "unit_id": None,
    }
    with pytest.raises(ValueError):
        disposition_fields("shred", None)


@pytest.mark.asyncio
async def test_a_call_makes_an_order_saved_as_typed_answered_from_knowledge_and_dispatched(
    tmp_path: Path, memory_keyring: MemoryKeyring, artifacts_dir: Path
) -> None:
    async with seat_window(tmp_path, memory_keyring) as client:
        desk = desk_of(client)
        window = client.controller.window
        assert window.centralWidget() is desk.form_region
        assert isinstance(window.docks["scripts"].widget(), ScriptsPanel)
        assert isinstance(window.docks["knowledge"].widget(), KnowledgePanel)
        assert window.docks["dispatch"].widget() is desk.dispatch_region
        assert isinstance(desk.dispatch_region.widget(), DispatchPanel)
        assert all(
            dock.features() & QDockWidget.DockWidgetFeature.DockWidgetFloatable
            for dock in window.docks.values()
        )
        assert desk.notice == "当前没有通话：接通来电后在此记录工单。"

        call_id = await answered_call(client)
        form = desk.form
        assert form.isEnabled()
        assert form.editor.value("caller_phone") == CALLER_NUMBER
        assert form.editor.job_number == "1001"
        assert client.session.status is not None and not client.session.status.order_saved

        saved_at: list[tuple[str, float]] = []
        desk.autosave.draft_saved.connect(lambda saved_call: saved_at.append((saved_call, time.monotonic())))
        started = time.monotonic()
        commit_text(control(form, "caller_name"), "王建国")
        await until(lambda: bool(saved_at), what="a draft saved")
        assert saved_at[0][0] == call_id
        assert saved_at[0][1] - started < 1.5
        await until(
            lambda: bool(client.session.status and client.session.status.order_saved),
            what="order_saved reported",
        )
        with DraftStore(tmp_path / "drafts.sqlite3") as drafts:
            [saved] = drafts.load_for("1001")
        assert (saved.call_id, saved.values["caller_name"]) == (call_id, "王建国")

        # A disposition on an incomplete order shows what is missing and submits nothing.
        assert desk.dispatch_panel.request_disposition(DispatchDisposition.DIRECT_ANSWER)
        assert desk.notice == "工单尚未填写完整，请按提示补充后再提交。"
        assert form.error_text("event_description") != ""
        assert desk.outbox is not None and desk.outbox.entries() == []
        assert desk.prompter.prompt.stage is PromptStage.DISPOSITION

        control(form, "request_type").click()
        assert isinstance(control(form, "request_type"), QRadioButton)
        commit_text(control(form, "event_description"), "邻居在楼顶违章搭建")
        commit_text(control(form, "caller_request"), "请尽快拆除")
        commit_text(control(form, "business_topic"), "城乡建设 / 城市建设和管理")
        commit_text(control(form, "matter_place", 0), "西湖区")
        commit_text(control(form, "matter_place", 1), "北山街道")
        dispatch = desk.dispatch_panel
        await until(lambda: bool(dispatch.suggestions()), what="dispatch suggestions")
        assert [s.unit.name for s in dispatch.suggestions()][:2] == [
            "西湖区综合行政执法局",
            "西湖区北山街道办事处",
        ]
        assert desk.push.context == "邻居在楼顶违章搭建\n请尽快拆除"

        knowledge = desk.knowledge_panel
        window.docks["knowledge"].show()
        commit_text(knowledge.search_edit, "公积金")
        await until(
            lambda: knowledge.results_model.query == "公积金" and knowledge.results_model.rowCount() > 0,
            timeout=15,
            what="knowledge hits for 公积金",
        )
        first = knowledge.results_model.hits[0]
        assert "公积金" in first.title
        knowledge.open_article(first.article_id)
        await until(lambda: knowledge.article_view.article_id == first.article_id, what="the article")
        await until(knowledge.article_view.insert_answer_action.isEnabled, what="the insert action")
        knowledge.article_view.insert_answer_action.trigger()
        notes = str(form.editor.value("notes") or "")
        assert notes and notes in control(form, "notes").toPlainText()
        assert desk.notice == "已将知识答复插入“备注”。"
        window.grab().save(str(artifacts_dir / "seat_order_desk.png"))

        # Alt+5 brings the dispatch panel from behind the knowledge tab; pressed again, it hides it.
        panel_key = window.findChild(QAction, "actionPanel_dispatch")
        assert isinstance(panel_key, QAction) and panel_key.shortcut().toString() == "Alt+5"
        panel_key.trigger()
        await until(lambda: not dispatch.visibleRegion().isEmpty(), what="the dispatch panel in front")
        assert knowledge.visibleRegion().isEmpty()
        panel_key.trigger()
        assert window.docks["dispatch"].isHidden()
        panel_key.trigger()
        await until(lambda: not dispatch.visibleRegion().isEmpty(), what="the dispatch panel shown again")
        window.grab().save(str(artifacts_dir / "seat_order_desk_dispatch.png"))
        assert dispatch.choose_suggestion(1)
        assert dispatch.request_disposition(DispatchDisposition.DISPATCH)
        outbox = desk.outbox
        assert outbox is not None
        await until(
            lambda: [entry.state for entry in outbox.entries()] == [EntryState.DELIVERED],
            what="the order delivered through the outbox",
        )
        entry = outbox.entries()[0]
        assert (entry.kind, entry.idempotency_key) == ("order.create", f"order:1001:{call_id}")
        assert str(entry.ack["order_number"]).startswith("HZ")
        payload = dict(entry.payload)
        assert payload["call_id"] == call_id
        assert payload["disposition"] == "dispatch"
        assert payload["unit_id"] == dispatch.suggestions()[0].unit.id
        assert payload["knowledge_article_id"] == first.article_id
        assert payload["fields"]["caller_phone"] == "+86" + CALLER_NUMBER  # normalised for the wire
        self_check = payload["compliance_self_check"]
        # Answered during the first ring: the quality record says so, from the backend's timestamps.
        assert (self_check["answered_at_ring"], self_check["answered_within_rings"]) == (1, True)
        assert 0 <= self_check["rang_seconds"] < 5
        assert not form.isEnabled()
        assert desk.notice == "工单已提交，正在发送到后台。"
        with DraftStore(tmp_path / "drafts.sqlite3") as drafts:
            assert drafts.load_for("1001") == []
        assert desk.prompter.prompt.stage is PromptStage.DISPOSITION

        client.controller.call_panel.hang_up_action.trigger()
        await until(lambda: state(client) is SeatState.WRAP_UP, what="wrap-up")
        await until(lambda: desk.prompter.prompt.stage is PromptStage.CLOSING, what="the closing script")


@pytest.mark.asyncio
async def test_an_unsubmitted_draft_is_restored_at_the_next_sign_in(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    # As the application does: closing the first window must not end the loop the second one needs.
    quit_on_last_window_closed = QApplication.quitOnLastWindowClosed()
    QApplication.setQuitOnLastWindowClosed(False)
    try:
        await restart_with_a_draft(tmp_path, memory_keyring)
    finally:
        QApplication.setQuitOnLastWindowClosed(quit_on_last_window_closed)


async def restart_with_a_draft(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    async with seat_window(tmp_path, memory_keyring) as client:
        call_id = await answered_call(client)
        commit_text(control(desk_of(client).form, "caller_name"), "李女士")
        # The client stops before the autosave's timer: shutting down writes the draft.
    async with seat_window(tmp_path, memory_keyring, ready=False) as client:
        desk = desk_of(client)
        assert desk.notice == "已恢复未提交的工单草稿"
        assert desk.form.isEnabled()
        assert desk.order_call_id == call_id
        assert desk.form.editor.value("caller_name") == "李女士"
        assert control(desk.form, "caller_name").text() == "李女士"
        assert desk.outbox is not None and desk.outbox.entries() == []

        # The shown script goes where the cursor was in the form, though the button took the focus.
        desk.form.focus_field("address")
        desk.prompter.situation(Situation.SOOTHING)
        script = desk.scripts_panel.shown_text()
        assert script
        desk.scripts_panel.insert_button.click()
        assert desk.form.editor.value("address") == script
        assert control(desk.form, "address").text() == script
