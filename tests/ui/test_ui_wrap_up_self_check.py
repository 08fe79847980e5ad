"""The wrap-up self-check shown in the wrap-up panel: judged points as marks, the rest ticked, no focus taken."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from seatclient.compliance.checks import SELF_CHECK_PAYLOAD_KEY, FieldFinding, SelfCheckItem, WrapUpSelfCheck
from seatclient.compliance.phrases import load_default_matcher
from seatclient.seat import WrapUpCountdown
from seatclient.ui.wrap_up_panel import WrapUpPanel


def countdown() -> WrapUpCountdown:
    return WrapUpCountdown(
        deadline=datetime(2026, 11, 22, 9, 0, tzinfo=UTC),
        remaining=timedelta(seconds=42),
        overrun=timedelta(0),
        order_saved=False,
        can_extend=True,
        can_exit=False,
    )


def test_the_self_check_is_shown_ticked_and_stored_without_taking_the_focus(
    qtbot: QtBot, artifacts_dir: Path
) -> None:
    record = WrapUpSelfCheck("call-7")
    matcher = load_default_matcher()
    record.record_order_findings([FieldFinding("notes", "急什么", tuple(matcher.find("急什么")))])
    host = QWidget()
    layout = QVBoxLayout(host)
    typing = QLineEdit()
    panel = WrapUpPanel(countdown, 60)
    layout.addWidget(typing)
    layout.addWidget(panel)
    qtbot.addWidget(host)
    panel.self_check_confirmed.connect(lambda item, ticked: record.confirm(SelfCheckItem(item), ticked))
    assert panel.self_check_widget.isHidden()

    panel.set_self_check_source(record.checklist)
    host.resize(360, 330)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    typing.setFocus()
    qtbot.waitUntil(typing.hasFocus)
    panel.refresh()
    marks = panel.self_check_marks
    assert marks[SelfCheckItem.NO_FORBIDDEN_PHRASE].text() == "✗ 未使用服务禁语"
    assert marks[SelfCheckItem.RECORD_COMPLETE].text() == "✗ 工单记录完整并已提交"
    assert marks[SelfCheckItem.RECORD_COMPLETE].accessibleName() == "工单记录完整并已提交：未做到"
    boxes = panel.self_check_boxes
    assert [box.text() for box in boxes.values()] == ["使用规范问候语", "报出工号", "使用规范结束语"]
    assert all(box.accessibleName() == box.text() and not box.isChecked() for box in boxes.values())
    assert typing.hasFocus()

    boxes[SelfCheckItem.GREETING].click()
    boxes[SelfCheckItem.JOB_NUMBER].click()
    record.conclude([])  # the order was submitted with the words changed
    panel.refresh()
    assert marks[SelfCheckItem.NO_FORBIDDEN_PHRASE].text() == "✓ 未使用服务禁语"
    assert marks[SelfCheckItem.RECORD_COMPLETE].text() == "✓ 工单记录完整并已提交"
    assert typing.hasFocus()
    panel.grab().save(str(artifacts_dir / "wrap_up_self_check.png"))

    stored = record.attach_to({"call_id": "call-7"}, [])[SELF_CHECK_PAYLOAD_KEY]
    assert {entry["item"]: entry["passed"] for entry in stored["checklist"]} == {
        "greeting": True,
        "job_number": True,
        "no_forbidden_phrase": True,
        "record_complete": True,
        "closing": None,
    }

    # A new call's record shows its own state: the boxes follow it, without announcing a change.
    ticks: list[tuple[str, bool]] = []
    panel.self_check_confirmed.connect(lambda item, ticked: ticks.append((item, ticked)))
    fresh = WrapUpSelfCheck("call-8")
    panel.set_self_check_source(fresh.checklist)
    panel.refresh()
    assert not any(box.isChecked() for box in boxes.values())
    assert ticks == []
    assert marks[SelfCheckItem.NO_FORBIDDEN_PHRASE].text() == "✓ 未使用服务禁语"
