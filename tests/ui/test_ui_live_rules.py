"""Live rule updates in the real seat window: a new phrase list and greeting apply without a restart."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from support.keyrings import MemoryKeyring
from support.waiting import until

from seatclient.api.models import SeatState
from seatclient.app import SeatClient, assemble
from seatclient.compliance.checks import SelfCheckItem
from seatclient.compliance.prompter import PromptStage
from seatclient.config import Settings
from seatclient.credentials import CredentialStore
from seatclient.rules import RuleBook
from seatclient.ui.order_desk import OrderDesk

NEW_PHRASE = "没门儿"
TYPED = "居民反映楼下餐馆油烟扰民，接线时说了句没门儿"
NEW_GREETING = "您好，杭州12345，{job_number}号话务员为您服务。"


@contextlib.asynccontextmanager
async def seat_window(
    profile: Path, keyring: MemoryKeyring, bundle_files: dict[str, Any] | None = None, ready: bool = True
) -> AsyncIterator[SeatClient]:
    errors: list[BaseException] = []
    client = await assemble(
        Settings(), profile, lambda: None, errors.append, credentials=CredentialStore(keyring)
    )
    assert client.embedded is not None
    await admin(client, "/mock/hall", {"calls_per_minute": 0, "calls_per_minute_per_ready_seat": 0})
    if bundle_files is not None:
        await admin(client, "/mock/config", {"files": bundle_files})
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


async def admin(client: SeatClient, path: str, body: object) -> dict[str, Any]:
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


def phrases_with_new_one() -> dict[str, Any]:
    phrases = copy.deepcopy(RuleBook().get("forbidden_phrases").data)
    phrases["categories"][0]["phrases"].append(
        {
            "id": "impatient-live",
            "text": NEW_PHRASE,
            "suggestion": "这个诉求我先帮您登记，请相关部门研究答复。",
        }
    )
    return dict(phrases)


def scripts_with_new_greeting() -> dict[str, Any]:
    scripts = copy.deepcopy(RuleBook().get("scripts").data)
    greeting = next(script for script in scripts["scripts"] if script["kind"] == "greeting")
    greeting["text_zh"] = NEW_GREETING
    return dict(scripts)


def flagged_phrases(desk: OrderDesk) -> list[str]:
    findings = desk.phrase_warning.check(desk.form.editor.payload())
    return [hit.matched_text for finding in findings for hit in finding.hits]


@pytest.mark.asyncio
async def test_new_phrase_and_greeting_apply_live_and_a_broken_list_keeps_them(
    tmp_path: Path, memory_keyring: MemoryKeyring, artifacts_dir: Path
) -> None:
    async with seat_window(tmp_path, memory_keyring) as client:
        desk = desk_of(client)
        room = client.controller.training_room
        assert room is not None
        placed = await admin(client, "/mock/calls", {"job_number": "1001", "caller_index": 0})
        await until(lambda: state(client) is SeatState.RINGING, what="ringing")
        await until(lambda: desk.prompter.prompt.stage is PromptStage.GREETING, what="the greeting")
        assert desk.scripts_panel.shown_text() == "您好，12345热线，1001号为您服务，请讲。"
        client.controller.call_panel.answer_action.trigger()
        await until(lambda: desk.order_call_id == placed["call_id"], what="the order of the call")
        description = desk.form.controls("event_description")[0]
        commit_text(description, TYPED)
        assert desk.form.editor.value("event_description") == TYPED
        assert NEW_PHRASE not in flagged_phrases(desk)
        assert room.alert.show_line(f"这个{NEW_PHRASE}", "agent") == []

        reply = await admin(
            client,
            "/mock/config",
            {"files": {"forbidden_phrases": phrases_with_new_one(), "scripts": scripts_with_new_greeting()}},
        )
        assert reply["changed"] is True and reply["notified"] == ["1001"]
        await until(lambda: client.session.rulebook.bundle_version == reply["version"], what="the new bundle")
        await until(lambda: NEW_PHRASE in flagged_phrases(desk), what="the new phrase flagged in the form")
        # The greeting is still up on the answered call: the panel shows the new one, job number filled.
        assert desk.prompter.prompt.stage is PromptStage.GREETING
        assert desk.scripts_panel.shown_text() == "您好，杭州12345，1001号话务员为您服务。"
        assert client.controller.state_bar.notice_label.text() == "已更新：服务禁语、服务话术，无需重启。"
        assert [hit.matched_text for hit in room.alert.show_line(f"这个{NEW_PHRASE}", "agent")] == [
            NEW_PHRASE
        ]
        # Nothing typed is lost, and the order still belongs to the call.
        assert desk.form.editor.value("event_description") == TYPED
        assert description.toPlainText() == TYPED
        assert desk.order_call_id == placed["call_id"]
        matcher_in_force = desk.phrase_warning.matcher

        broken = phrases_with_new_one()
        del broken["categories"][1]["phrases"][0]["suggestion"]
        broken_reply = await admin(client, "/mock/config", {"files": {"forbidden_phrases": broken}})
        await until(
            lambda: client.session.rulebook.bundle_version == broken_reply["version"],
            what="the broken bundle",
        )
        notice = client.controller.state_bar.notice_label
        await until(lambda: "仍按原规则执行" in notice.text(), what="the notice of the broken file")
        assert "forbidden_phrases" in notice.text() and "categories/1/phrases/0/suggestion" in notice.text()
        assert desk.phrase_warning.matcher is matcher_in_force
        assert NEW_PHRASE in flagged_phrases(desk)
        assert desk.form.editor.value("event_description") == TYPED

        # At wrap-up the self-check of this call is shown; what the person ticks goes into its record.
        controller = client.controller
        controller.call_panel.hang_up_action.trigger()
        await until(lambda: state(client) is SeatState.WRAP_UP, what="wrap-up")
        wrap_up = controller.call_panel.wrap_up
        await until(
            lambda: wrap_up.isVisible() and wrap_up.self_check_widget.isVisible(), what="the self-check"
        )
        greeting_box = wrap_up.self_check_boxes[SelfCheckItem.GREETING]
        greeting_box.click()
        checklist = {item.item: item.passed for item in desk.phrase_warning.self_check.checklist()}
        assert checklist[SelfCheckItem.GREETING] is True
        assert checklist[SelfCheckItem.RECORD_COMPLETE] is False
        assert desk.phrase_warning.self_check.call_id == placed["call_id"]
        await until(
            lambda: (
                wrap_up.self_check_marks[SelfCheckItem.RECORD_COMPLETE].text() == "✗ 工单记录完整并已提交"
            ),
            what="the judged points shown",
        )
        controller.window.grab().save(str(artifacts_dir / "live_rules_wrap_up.png"))


@pytest.mark.asyncio
async def test_a_broken_file_in_the_bundle_at_sign_in_is_told_and_the_local_rules_stay(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    broken = phrases_with_new_one()
    broken["mode"] = "loud"
    files = {"forbidden_phrases": broken, "scripts": scripts_with_new_greeting()}
    async with seat_window(tmp_path, memory_keyring, bundle_files=files, ready=False) as client:
        desk = desk_of(client)
        notice = client.controller.state_bar.notice_label
        await until(lambda: "仍按原规则执行" in notice.text(), what="the notice of the broken file")
        assert notice.text().startswith("已更新：服务话术，无需重启。")
        assert "forbidden_phrases:4: mode:" in notice.text()
        assert desk.phrase_warning.matcher.find(f"这个{NEW_PHRASE}") == []
        assert desk.prompter.book.get("greeting").text_zh == NEW_GREETING
