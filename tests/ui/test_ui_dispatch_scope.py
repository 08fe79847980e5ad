"""Acceptance scope in the dispatch panel: the not-accepted reason with its words, the link's order number."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from seatclient.compliance.prompter import CallerInfo, ScriptPrompter
from seatclient.compliance.scripts import NotAcceptedReason, load_default_scripts
from seatclient.dispatch import DispatchCatalogue, load_default
from seatclient.forms.repeat_callers import load_default_lookup_rules
from seatclient.ui.dispatch_panel import DispatchPanel, Disposition, not_accepted_words

LITIGATION_WORDS = (
    "您反映的事项已经或者依法应当通过诉讼途径解决，12345热线不予受理。"
    "您可以向有管辖权的人民法院提起诉讼，也可以拨打12348公共法律服务热线咨询。"
)
ARBITRATION_WORDS = (
    "您反映的事项依法应当通过仲裁途径解决，12345热线不予受理。劳动人事争议可以向劳动人事争议仲裁委员会申请仲裁，"
    "合同纠纷可以按照约定向仲裁委员会申请仲裁。"
)


@pytest.fixture(scope="module")
def catalogue() -> DispatchCatalogue:
    return load_default()


@pytest.fixture
def prompter() -> ScriptPrompter:
    return ScriptPrompter(load_default_scripts(), job_number="1001")


@pytest.fixture
def panel(qtbot: QtBot, catalogue: DispatchCatalogue, prompter: ScriptPrompter) -> Iterator[DispatchPanel]:
    rules = load_default_lookup_rules()
    widget = DispatchPanel(
        catalogue,
        catalogue.directory,
        reason_words=lambda reason: not_accepted_words(prompter, reason),
        order_number_check=rules.order_number_problem,
    )
    qtbot.addWidget(widget)
    widget.resize(560, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)
    yield widget


def press(qtbot: QtBot, sequence: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keySequence(target, QKeySequence(sequence))


def test_not_accepted_asks_for_the_reason_and_shows_the_words_first(
    qtbot: QtBot, panel: DispatchPanel
) -> None:
    requested: list[str] = []
    panel.disposition_requested.connect(requested.append)
    panel.picker.search_edit.setFocus()
    press(qtbot, "Ctrl+Shift+N")
    assert requested == []
    assert panel.not_accepted_box.isVisible()
    assert QApplication.focusWidget() is panel.reason_list
    assert panel.reason_list.count() == len(NotAcceptedReason) == 13
    assert panel.reason_list.item(0).text() == "1. 诉讼途径"
    assert panel.shown_reason() is NotAcceptedReason.LITIGATION
    assert panel.reason_words() == LITIGATION_WORDS

    press(qtbot, "Down")
    assert panel.shown_reason() is NotAcceptedReason.ARBITRATION
    assert panel.reason_words() == ARBITRATION_WORDS
    press(qtbot, "Return")
    assert requested == ["not_accepted"]
    assert panel.not_accepted_reason() is NotAcceptedReason.ARBITRATION
    assert not panel.not_accepted_box.isVisible()

    panel.reset()
    assert panel.not_accepted_reason() is None


def test_the_repeat_matter_words_name_the_earlier_order(
    panel: DispatchPanel, prompter: ScriptPrompter
) -> None:
    prompter.call_ringing(CallerInfo("call-1", "HZ20261118000004", "承办单位办理中"))
    panel.open_not_accepted()
    panel.choose_reason(NotAcceptedReason.REPEAT_MATTER)
    assert panel.reason_words().startswith(
        "您反映的事项与工单HZ20261118000004是同一事实、同一理由，目前承办单位办理中，按规定不再重复受理。"
    )


def test_escape_closes_the_question_and_asks_for_nothing(qtbot: QtBot, panel: DispatchPanel) -> None:
    requested: list[str] = []
    panel.disposition_requested.connect(requested.append)
    panel.request_disposition(Disposition.NOT_ACCEPTED)
    press(qtbot, "Escape")
    assert not panel.not_accepted_box.isVisible()
    assert QApplication.focusWidget() is panel.buttons[Disposition.NOT_ACCEPTED]
    assert not panel.confirm_not_accepted()  # closed: nothing to confirm
    panel.request_disposition(Disposition.LINK_EXISTING)
    press(qtbot, "Escape")
    assert not panel.link_box.isVisible()
    assert requested == []


def test_link_takes_the_offered_order_and_checks_the_format(qtbot: QtBot, panel: DispatchPanel) -> None:
    requested: list[str] = []
    panel.disposition_requested.connect(requested.append)
    panel.set_link_candidate("HZ20261118000004")
    panel.picker.search_edit.setFocus()
    press(qtbot, "Ctrl+Shift+L")
    assert panel.link_box.isVisible()
    assert QApplication.focusWidget() is panel.link_edit
    assert panel.link_edit.text() == "HZ20261118000004"
    assert panel.link_edit.selectedText() == "HZ20261118000004"  # typing replaces it

    qtbot.keyClicks(panel.link_edit, "12345")
    press(qtbot, "Return")
    assert requested == []
    assert panel.link_error() == "工单号“12345”格式不对，应形如 HZ20261122000123"
    assert panel.linked_order_number() is None
    qtbot.keyClick(panel.link_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel.link_edit, "hz2026 1118 000007")
    assert panel.link_error() == ""  # editing clears the problem
    press(qtbot, "Return")
    assert requested == ["link_existing"]
    assert panel.linked_order_number() == "HZ20261118000007"
    assert not panel.link_box.isVisible()


def test_screenshot_of_the_open_questions_nothing_clipped(
    qtbot: QtBot, panel: DispatchPanel, artifacts_dir: Path
) -> None:
    panel.open_not_accepted()
    panel.choose_reason(NotAcceptedReason.PETITION)
    QApplication.processEvents()
    assert panel.grab().save(str(artifacts_dir / "dispatch_not_accepted.png"))
    controls: list[QWidget] = [
        panel.reason_list,
        panel.reason_words_view,
        panel.confirm_not_accepted_button,
        panel.cancel_not_accepted_button,
    ]
    for control in controls:
        assert control.isVisible()
        assert control.width() >= control.sizeHint().width() or control is panel.reason_words_view
        assert panel.rect().contains(QRect(control.mapTo(panel, QPoint(0, 0)), control.size())), (
            control.objectName()
        )
    panel.open_link("HZ20261118000004")
    QApplication.processEvents()
    assert panel.grab().save(str(artifacts_dir / "dispatch_link.png"))
    assert panel.confirm_link_button.width() >= panel.confirm_link_button.sizeHint().width()
