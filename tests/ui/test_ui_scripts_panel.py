"""The scripts panel follows a call, lists steps, offers situational scripts, copies and inserts by key."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from seatclient.compliance.prompter import CallerInfo, Disposition, ScriptPrompter, Situation
from seatclient.compliance.scripts import ScriptBook, load_default_scripts
from seatclient.ui.scripts_panel import ScriptsPanel

GREETING_1001 = "您好，12345热线，1001号为您服务，请讲。"


@pytest.fixture(scope="module")
def book() -> ScriptBook:
    return load_default_scripts()


@pytest.fixture
def prompter(book: ScriptBook) -> ScriptPrompter:
    return ScriptPrompter(book, job_number="1001")


@pytest.fixture
def window(qtbot: QtBot, prompter: ScriptPrompter) -> Iterator[tuple[QWidget, ScriptsPanel, QLineEdit]]:
    """A window with a text box (where the call-taker types) and the panel beside it, as in the seat."""
    host = QWidget()
    host.setObjectName("host")
    typing_box = QLineEdit()
    typing_box.setObjectName("typingBox")
    typing_box.setAccessibleName("工单")
    panel = ScriptsPanel(prompter)
    layout = QVBoxLayout(host)
    layout.addWidget(typing_box)
    layout.addWidget(panel)
    qtbot.addWidget(host)
    host.resize(440, 560)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow, timeout=2000)
    yield host, panel, typing_box


def test_the_panel_follows_a_scripted_call(
    qtbot: QtBot,
    window: tuple[QWidget, ScriptsPanel, QLineEdit],
    prompter: ScriptPrompter,
    artifacts_dir: Path,
) -> None:
    _, panel, _ = window
    assert panel.title_label.text() == "无通话"
    assert panel.prompt_label.text() == "接通来电后在此显示问候语。"
    assert not panel.copy_button.isEnabled()

    prompter.call_ringing(CallerInfo("call-1"))
    assert panel.title_label.text() == "问候语"
    assert panel.prompt_label.text() == GREETING_1001
    assert "1001" in panel.prompt_label.text() and panel.prompt_label.isVisible()
    assert panel.copy_button.isEnabled() and panel.insert_button.isEnabled()
    assert not panel.steps_list.isVisible() and not panel.problems_label.isVisible()
    assert panel.prompt_label.font().pointSize() == 15
    qtbot.wait(30)
    path = artifacts_dir / "scripts_panel_greeting.png"
    assert panel.grab().save(str(path))
    assert path.stat().st_size > 5_000

    prompter.caller_speaking()
    assert panel.prompt_label.text() == "此环节没有固定话术；需要时从下方选择情境话术。"
    prompter.disposition_chosen(Disposition.NOT_ACCEPTED, "arbitration")
    assert panel.title_label.text() == "不予受理告知：仲裁途径"
    assert panel.shown_text() == prompter.prompt.text and "仲裁" in panel.prompt_label.text()
    prompter.call_ending()
    assert panel.title_label.text() == "结束语"
    assert panel.prompt_label.text() == "感谢您的来电，祝您生活愉快，再见！"
    prompter.call_ended()
    assert panel.title_label.text() == "无通话" and panel.shown_text() == ""


def test_missing_values_are_named_under_the_script(
    window: tuple[QWidget, ScriptsPanel, QLineEdit], prompter: ScriptPrompter
) -> None:
    _, panel, _ = window
    prompter.call_ringing(CallerInfo("call-1"))
    prompter.disposition_chosen(Disposition.DISPATCHED)
    assert "工单号【工单号】" in panel.prompt_label.text()
    assert panel.problems_label.isVisible()
    assert panel.problems_label.text() == "缺少工单号，请先填写；缺少办理时限，请先填写"
    prompter.update_values({"order_number": "HZ20261124-0042", "time_limit": "7个工作日"})
    assert not panel.problems_label.isVisible()
    assert "工单号HZ20261124-0042" in panel.prompt_label.text()


def test_copy_key_puts_the_script_on_the_clipboard_while_typing_elsewhere(
    qtbot: QtBot, window: tuple[QWidget, ScriptsPanel, QLineEdit], prompter: ScriptPrompter
) -> None:
    _, panel, typing_box = window
    QGuiApplication.clipboard().setText("something else")
    prompter.call_ringing(CallerInfo("call-1"))
    typing_box.setFocus()
    with qtbot.waitSignal(panel.copied, timeout=1000) as copied:
        qtbot.keyClick(
            typing_box, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
    assert copied.args == [GREETING_1001]
    assert QGuiApplication.clipboard().text() == GREETING_1001
    assert typing_box.text() == ""  # the key typed nothing into the box
    assert QApplication.focusWidget() is typing_box


def test_insert_key_and_button_ask_to_insert_the_script(
    qtbot: QtBot, window: tuple[QWidget, ScriptsPanel, QLineEdit], prompter: ScriptPrompter
) -> None:
    _, panel, typing_box = window
    inserted: list[str] = []
    panel.insert_requested.connect(inserted.append)
    typing_box.setFocus()
    qtbot.keyClick(
        typing_box, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert inserted == []  # nothing to insert before a call
    prompter.call_ringing(CallerInfo("call-1"))
    qtbot.keyClick(
        typing_box, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    prompter.call_ending()
    qtbot.mouseClick(panel.insert_button, Qt.MouseButton.LeftButton)
    assert inserted == [GREETING_1001, "感谢您的来电，祝您生活愉快，再见！"]


def test_steps_are_listed_and_followed(
    qtbot: QtBot, window: tuple[QWidget, ScriptsPanel, QLineEdit], prompter: ScriptPrompter
) -> None:
    _, panel, typing_box = window
    prompter.call_ringing(CallerInfo("call-1"))
    prompter.situation(Situation.SILENT_LINE)
    assert panel.title_label.text() == "无声电话（情境话术）"
    assert panel.steps_list.isVisible()
    assert panel.step_texts() == [
        "第 1 步：您好，这里是12345热线，请问有什么可以帮您？",
        "第 2 步：您好，我这边听不到您的声音，请您换个位置或调大音量后再说，好吗？",
        "第 3 步：很抱歉，一直听不到您的声音，我先挂机了。如有需要，请您再次拨打12345，再见。",
    ]
    assert panel.steps_list.currentRow() == 0
    typing_box.setFocus()
    qtbot.keyClick(
        typing_box, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert prompter.prompt.current_step == 1 and panel.steps_list.currentRow() == 1
    assert panel.prompt_label.text().startswith("您好，我这边听不到您的声音")
    assert (
        panel.note_label.isVisible() and panel.note_label.text() == "提示：第一次提示后约10秒仍无声音时使用。"
    )
    panel.steps_list.setCurrentRow(2)  # picking a row in the list
    assert prompter.prompt.current_step == 2
    assert panel.prompt_label.text().startswith("很抱歉")
    assert panel.back_button.isVisible()
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert panel.prompt_label.text() == GREETING_1001
    assert not panel.steps_list.isVisible() and not panel.back_button.isVisible()


def test_a_situational_script_is_picked_by_hand(
    qtbot: QtBot, window: tuple[QWidget, ScriptsPanel, QLineEdit], prompter: ScriptPrompter
) -> None:
    _, panel, _ = window
    prompter.call_ringing(CallerInfo("call-1"))
    combo = panel.situation_combo
    assert combo.itemText(0) == "（选择后显示）"
    assert [combo.itemText(index) for index in range(1, 6)] == [
        "安抚情绪",
        "重复来电",
        "保密承诺",
        "无声电话",
        "辱骂骚扰",
    ]
    index = combo.findText("保密承诺")
    combo.setFocus()
    combo.setCurrentIndex(index)
    combo.activated.emit(index)  # what choosing from the open list does
    assert panel.title_label.text() == "保密承诺（情境话术）"
    assert panel.prompt_label.text().startswith("请您放心，您的个人信息我们会严格保密")
    prompter.call_ending()  # the call moves on: the pick is gone and the list resets
    assert panel.prompt_label.text() == "感谢您的来电，祝您生活愉快，再见！"
    assert combo.currentIndex() == 0


def test_the_language_can_be_switched(
    window: tuple[QWidget, ScriptsPanel, QLineEdit], prompter: ScriptPrompter
) -> None:
    _, panel, _ = window
    prompter.call_ringing(CallerInfo("call-1"))
    combo = panel.language_combo
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    assert panel.prompt_label.text() == (
        "Hello, this is the 12345 hotline, operator number 1001. How may I help you?"
    )


def test_everything_is_named_for_screen_readers(window: tuple[QWidget, ScriptsPanel, QLineEdit]) -> None:
    _, panel, _ = window
    assert panel.accessibleName() == "话术"
    for widget in (
        panel.findChildren(QPushButton) + panel.findChildren(QComboBox) + panel.findChildren(QListWidget)
    ):
        assert widget.accessibleName(), widget.objectName()
    for label in (panel.prompt_label, panel.title_label, panel.problems_label, panel.note_label):
        # Changing text: described and identified, not named (a name would be read instead of the text).
        assert label.accessibleName() == ""
        assert label.accessibleDescription() and label.accessibleIdentifier()
    assert panel.prompt_label.accessibleIdentifier() == "scriptPromptText"
    assert panel.prompt_label.accessibleDescription() == "当前话术"
    labels = {
        label.text(): label.buddy() for label in panel.findChildren(QLabel) if label.buddy() is not None
    }
    assert labels == {"情境话术：": panel.situation_combo, "话术语言：": panel.language_combo}


def test_a_deleted_panel_is_no_longer_called(
    qtbot: QtBot, prompter: ScriptPrompter, caplog: pytest.LogCaptureFixture
) -> None:
    panel = ScriptsPanel(prompter)
    destroyed: list[bool] = []
    panel.destroyed.connect(lambda *_: destroyed.append(True))
    panel.deleteLater()
    qtbot.waitUntil(lambda: bool(destroyed), timeout=1000)
    with caplog.at_level(logging.ERROR):
        prompter.call_ringing(CallerInfo("call-1"))  # a still connected panel would fail, and be logged
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR] == []
    assert prompter.prompt.text == GREETING_1001
