"""The pre-submit phrase warning on the intake form: warn mode lets "仍然提交" through, block mode refuses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from seatclient.compliance.checks import SELF_CHECK_PAYLOAD_KEY, CompliancePolicy, load_default_policy
from seatclient.compliance.phrases import PhraseMatcher, load_default_matcher
from seatclient.forms.calendar import SHANGHAI
from seatclient.forms.editor import OrderEditorFactory
from seatclient.rules import RuleBook
from seatclient.ui.intake_form import IntakeFormWidget
from seatclient.ui.phrase_warning import PhraseWarningPanel, hit_in_context_html

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)
FLAGGED_NOTE = "来电人情绪激动，坐席解释说这个事情不归我们管，建议其联系物业。"
FLAGGED_DESCRIPTION = "来电人反映路灯不亮。坐席回复：急什么，部门还没回复。"

VALID_HELP_REQUEST: dict[str, Any] = {
    "caller_name": "张三丰",
    "caller_phone": "13812345678",
    "address": "西湖区文三路 90 号",
    "request_type": "help",
    "occurred_at": "2026-11-23T20:00:00+08:00",
    "occurred_location": "文三路 90 号门口",
    "event_description": "文三路 90 号门口路灯不亮，晚上很暗。",
    "caller_request": "尽快修复。",
    "business_topic": {"class": "城乡建设", "item": "城市建设和管理"},
    "matter_place": {"district": "西湖区", "street": "北山街道"},
}


@pytest.fixture(scope="module")
def factory() -> OrderEditorFactory:
    return OrderEditorFactory.load_default(clock=lambda: NOW)


@pytest.fixture(scope="module")
def policy() -> CompliancePolicy:
    return load_default_policy()


@pytest.fixture(scope="module")
def warn_matcher() -> PhraseMatcher:
    return load_default_matcher()


@pytest.fixture(scope="module")
def block_matcher() -> PhraseMatcher:
    """The shipped list with the hall's mode switched to block."""
    phrases = json.loads(json.dumps(RuleBook().get("forbidden_phrases").data))
    phrases["mode"] = "block"
    book = RuleBook()
    book.apply_bundle("test", {"forbidden_phrases": phrases, "lookalikes": RuleBook().get("lookalikes").data})
    return load_default_matcher(book)


@dataclass
class Seat:
    host: QWidget
    form: IntakeFormWidget
    panel: PhraseWarningPanel
    submitted: list[dict[str, Any]]


def build_seat(
    qtbot: QtBot,
    factory: OrderEditorFactory,
    matcher: PhraseMatcher,
    policy: CompliancePolicy,
    **values: Any,
) -> Seat:
    host = QWidget()
    form = IntakeFormWidget(factory.new_order("call-1", "1001", NOW, {**VALID_HELP_REQUEST, **values}))
    panel = PhraseWarningPanel(matcher, policy)
    panel.attach_form(form)
    layout = QVBoxLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(form, 1)
    layout.addWidget(panel)
    submitted: list[dict[str, Any]] = []
    form.submit_requested.connect(submitted.append)
    qtbot.addWidget(host)
    host.resize(900, 1150)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow, timeout=2000)
    return Seat(host, form, panel, submitted)


@pytest.fixture
def warn_seat(
    qtbot: QtBot, factory: OrderEditorFactory, warn_matcher: PhraseMatcher, policy: CompliancePolicy
) -> Iterator[Seat]:
    yield build_seat(qtbot, factory, warn_matcher, policy, notes=FLAGGED_NOTE)


def notes_box(form: IntakeFormWidget) -> QPlainTextEdit:
    box = form.controls("notes")[0]
    assert isinstance(box, QPlainTextEdit)
    return box


def press_submit(qtbot: QtBot, form: IntakeFormWidget) -> None:
    target = form.controls("caller_request")[0]
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_a_clean_order_is_submitted_without_a_warning(
    qtbot: QtBot, factory: OrderEditorFactory, warn_matcher: PhraseMatcher, policy: CompliancePolicy
) -> None:
    seat = build_seat(qtbot, factory, warn_matcher, policy, notes="来电人称物业不知道维修时间。")
    press_submit(qtbot, seat.form)
    assert len(seat.submitted) == 1 and not seat.panel.isVisible()
    stored = seat.panel.finalize_payload(seat.submitted[0])
    assert stored[SELF_CHECK_PAYLOAD_KEY]["shown"] == 0
    assert stored[SELF_CHECK_PAYLOAD_KEY]["call_id"] == "call-1"


def test_warn_mode_shows_the_hit_and_submits_anyway(qtbot: QtBot, warn_seat: Seat) -> None:
    form, panel = warn_seat.form, warn_seat.panel
    press_submit(qtbot, form)
    assert warn_seat.submitted == []  # held back
    assert panel.isVisible()
    assert panel.header_label.text() == "工单文字中有 1 处服务禁语，建议修改后再提交。"
    assert len(panel.hit_labels) == 1
    shown = panel.hit_labels[0].text()
    assert shown.startswith("<b>备注</b>（推诿）：")
    assert 'text-decoration:underline; font-weight:bold;">不归我们管</span>' in shown
    assert panel.hit_labels[0].accessibleDescription() == "备注中的“不归我们管”属于服务禁语（推诿）"
    suggestion = panel.findChild(QWidget, "phraseHitSuggestion_0")
    assert suggestion is not None
    assert suggestion.text() == "建议改为：这个事项由相关部门负责，我帮您转派或告诉您具体的办理渠道。"  # type: ignore[attr-defined]
    assert panel.submit_anyway_button.isVisible() and panel.submit_anyway_button.isEnabled()
    assert QApplication.focusWidget() is panel.revise_buttons[0]  # the next key acts on the list
    assert panel.revise_buttons[0].accessibleName() == "修改备注中的“不归我们管”"

    with qtbot.waitSignal(form.submit_requested, timeout=1000):
        qtbot.mouseClick(panel.submit_anyway_button, Qt.MouseButton.LeftButton)
    assert len(warn_seat.submitted) == 1
    assert warn_seat.submitted[0]["fields"]["notes"] == FLAGGED_NOTE
    assert not panel.isVisible()
    record = panel.finalize_payload(warn_seat.submitted[0])[SELF_CHECK_PAYLOAD_KEY]
    assert (record["shown"], record["accepted"], record["ignored"]) == (1, 0, 1)
    assert record["entries"][0]["field"] == "notes" and record["entries"][0]["outcome"] == "ignored"


def test_revise_selects_the_words_and_a_fixed_text_goes_through(qtbot: QtBot, warn_seat: Seat) -> None:
    form, panel = warn_seat.form, warn_seat.panel
    press_submit(qtbot, form)
    qtbot.keyClick(panel.revise_buttons[0], Qt.Key.Key_Space)
    box = notes_box(form)
    assert QApplication.focusWidget() is box
    assert box.textCursor().selectedText() == "不归我们管"
    assert panel.isVisible()  # the list stays while the call-taker edits
    box.insertPlainText("由相关部门负责")  # typed over the selection
    assert form.editor.values["notes"] == "来电人情绪激动，坐席解释说这个事情由相关部门负责，建议其联系物业。"
    press_submit(qtbot, form)
    assert len(warn_seat.submitted) == 1 and not panel.isVisible()
    record = panel.finalize_payload(warn_seat.submitted[0])[SELF_CHECK_PAYLOAD_KEY]
    assert record["entries"][0]["revise_requested"] is True
    assert (record["accepted"], record["ignored"]) == (1, 0)


def test_submit_anyway_after_an_edit_shows_the_new_findings(qtbot: QtBot, warn_seat: Seat) -> None:
    form, panel = warn_seat.form, warn_seat.panel
    press_submit(qtbot, form)
    description = form.controls("event_description")[0]
    assert isinstance(description, QPlainTextEdit)
    description.setPlainText(FLAGGED_DESCRIPTION)  # a new phrase written after the warning
    qtbot.mouseClick(panel.submit_anyway_button, Qt.MouseButton.LeftButton)
    assert warn_seat.submitted == []
    assert panel.header_label.text() == "工单文字中有 2 处服务禁语，建议修改后再提交。"
    assert [finding.field_key for finding in panel.findings()] == ["event_description", "notes"]
    with qtbot.waitSignal(form.submit_requested, timeout=1000):
        assert panel.submit_anyway()


def test_block_mode_refuses_until_the_words_are_changed(
    qtbot: QtBot, factory: OrderEditorFactory, block_matcher: PhraseMatcher, policy: CompliancePolicy
) -> None:
    seat = build_seat(qtbot, factory, block_matcher, policy, notes=FLAGGED_NOTE)
    form, panel = seat.form, seat.panel
    press_submit(qtbot, form)
    assert seat.submitted == [] and panel.isVisible() and panel.blocking()
    assert panel.header_label.text() == "工单文字中有 1 处服务禁语，按规定必须修改后才能提交。"
    assert not panel.submit_anyway_button.isVisible()
    assert not panel.submit_anyway()
    press_submit(qtbot, form)  # asking again changes nothing
    assert seat.submitted == []
    panel.revise_buttons[0].click()
    box = notes_box(form)
    box.insertPlainText("由相关部门负责")
    press_submit(qtbot, form)
    assert len(seat.submitted) == 1 and not panel.isVisible()


def test_an_invalid_form_shows_errors_before_any_phrase_check(
    qtbot: QtBot, factory: OrderEditorFactory, warn_matcher: PhraseMatcher, policy: CompliancePolicy
) -> None:
    seat = build_seat(qtbot, factory, warn_matcher, policy, notes=FLAGGED_NOTE, caller_request="")
    press_submit(qtbot, seat.form)
    assert seat.form.error_text("caller_request") != ""
    assert not seat.panel.isVisible() and seat.submitted == []


def test_a_field_outside_the_form_is_handed_on(
    qtbot: QtBot, warn_matcher: PhraseMatcher, policy: CompliancePolicy
) -> None:
    panel = PhraseWarningPanel(warn_matcher, policy)
    qtbot.addWidget(panel)
    payload = {"call_id": "call-9", "fields": {}, "direct_answer": "这个不归我管，您去问社区吧。"}
    findings = panel.check(payload)
    panel.show_findings(payload, findings)
    assert panel.hit_labels[0].text().startswith("<b>直接答复内容</b>（推诿）：")
    with qtbot.waitSignal(panel.revise_requested, timeout=1000) as revise:
        panel.revise_buttons[0].click()
    assert revise.args == ["direct_answer", 2, 6]
    with qtbot.waitSignal(panel.submit_anyway_requested, timeout=1000) as anyway:
        assert panel.submit_anyway()
    assert anyway.args == [findings]


def test_context_is_shortened_and_escaped(warn_matcher: PhraseMatcher) -> None:
    text = "<b>" + "甲" * 20 + "不归我们管" + "乙" * 20
    (hit,) = warn_matcher.find(text)
    shown = hit_in_context_html(text, hit, context=4)
    assert shown.startswith("…甲甲甲甲<span") and shown.endswith("</span>乙乙乙乙…")
    short = "&不归我们管"
    assert hit_in_context_html(short, warn_matcher.find(short)[0]).startswith("&amp;<span")


def test_screenshot_of_the_warning(
    qtbot: QtBot,
    factory: OrderEditorFactory,
    warn_matcher: PhraseMatcher,
    policy: CompliancePolicy,
    artifacts_dir: Path,
) -> None:
    seat = build_seat(
        qtbot,
        factory,
        warn_matcher,
        policy,
        notes=FLAGGED_NOTE,
        event_description=FLAGGED_DESCRIPTION,
        caller_request="我们保证解决，请您放心。",
    )
    press_submit(qtbot, seat.form)
    assert len(seat.panel.hit_labels) == 3
    seat.panel.resize(720, seat.panel.sizeHint().height())
    qtbot.wait(50)
    path = artifacts_dir / "phrase_warning.png"
    assert seat.panel.grab().save(str(path))
    assert path.stat().st_size > 5_000
    buttons = seat.panel.findChildren(QPushButton)
    assert all(button.accessibleName() for button in buttons)


def test_live_alerts_of_the_call_go_into_the_stored_record(
    qtbot: QtBot, warn_seat: Seat, warn_matcher: PhraseMatcher
) -> None:
    panel = warn_seat.panel
    panel.begin_call("call-1")
    panel.record_transcript_hits(warn_matcher.find("急什么"))
    press_submit(qtbot, warn_seat.form)
    panel.submit_anyway()
    record = panel.finalize_payload(warn_seat.submitted[0])[SELF_CHECK_PAYLOAD_KEY]
    assert [(entry["source"], entry["outcome"]) for entry in record["entries"]] == [
        ("order", "ignored"),
        ("transcript", "spoken"),
    ]
    other_call = {**warn_seat.submitted[0], "call_id": "call-2"}
    fresh = panel.finalize_payload(other_call)[SELF_CHECK_PAYLOAD_KEY]
    assert (fresh["call_id"], fresh["shown"]) == ("call-2", 0)  # nothing of call-1 leaks into it
