"""The live phrase alert: shown for the call-taker's words only, gone after a while, never taking the focus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from seatclient.compliance.checks import WrapUpSelfCheck, load_default_policy
from seatclient.compliance.phrases import PhraseMatcher, load_default_matcher
from seatclient.ui.transcript_alert import TranscriptAlert

SHOWN_FOR_SECONDS = 0.3


@pytest.fixture(scope="module")
def matcher() -> PhraseMatcher:
    return load_default_matcher()


@pytest.fixture
def seat(qtbot: QtBot, matcher: PhraseMatcher) -> Iterator[tuple[QWidget, TranscriptAlert, QLineEdit]]:
    host = QWidget()
    typing_box = QLineEdit()
    typing_box.setAccessibleName("事由")
    alert = TranscriptAlert(matcher, ("agent",), SHOWN_FOR_SECONDS)
    layout = QVBoxLayout(host)
    layout.addWidget(alert)
    layout.addWidget(typing_box)
    qtbot.addWidget(host)
    host.resize(520, 160)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow, timeout=2000)
    typing_box.setFocus()
    qtbot.waitUntil(typing_box.hasFocus, timeout=1000)
    yield host, alert, typing_box


def test_the_alert_shows_and_hides_without_taking_the_focus(
    qtbot: QtBot, seat: tuple[QWidget, TranscriptAlert, QLineEdit]
) -> None:
    host, alert, typing_box = seat
    assert not alert.isVisible()
    qtbot.keyClicks(typing_box, "ab")
    hits = alert.show_line("这个我也不清楚，您问别人吧。", "agent")
    assert [hit.phrase_id for hit in hits] == ["shirking-02"]
    assert alert.isVisible()
    assert alert.message() == (
        "刚才说的“我也不清楚”属于服务禁语（推诿），可以说：这个问题我帮您查询或登记，请相关部门给您准确答复。"
    )
    assert alert.accessibleDescription() == alert.message()
    assert QApplication.focusWidget() is typing_box and host.isActiveWindow()
    qtbot.keyClicks(typing_box, "c")  # typing goes on into the form
    assert typing_box.text() == "abc"
    qtbot.waitUntil(lambda: not alert.isVisible(), timeout=int(SHOWN_FOR_SECONDS * 1000) + 1500)
    assert QApplication.focusWidget() is typing_box


def test_only_the_call_takers_lines_alert(seat: tuple[QWidget, TranscriptAlert, QLineEdit]) -> None:
    _, alert, _ = seat
    assert alert.show_line("你们有病吧，一直不处理！", "caller") == []
    assert not alert.isVisible() and alert.message() == ""
    assert alert.show_line("您好，请讲。", "agent") == []
    assert not alert.isVisible()


def test_several_hits_in_a_line_and_a_new_line_replaces_the_banner(
    qtbot: QtBot, seat: tuple[QWidget, TranscriptAlert, QLineEdit]
) -> None:
    _, alert, _ = seat
    alert.set_duration(5)
    alert.show_line("急什么，这个不归我们管。", "agent")
    assert alert.message().startswith("刚才说的“急什么”属于服务禁语（不耐烦）")
    assert alert.message().endswith("（这句话共 2 处）")
    alert.show_line("我们保证解决。", "agent")
    assert alert.message().startswith("刚才说的“保证解决”属于服务禁语（不当承诺）")
    assert alert.duration_ms == 5000
    qtbot.mouseClick(alert.close_button, Qt.MouseButton.LeftButton)
    assert not alert.isVisible()


def test_nothing_in_the_alert_takes_the_focus(seat: tuple[QWidget, TranscriptAlert, QLineEdit]) -> None:
    _, alert, _ = seat
    assert alert.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert alert.close_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert alert.close_button.accessibleName() == "关闭提醒"
    assert alert.message_label.accessibleName() == ""
    assert alert.message_label.accessibleIdentifier() == "transcriptAlertText"


def test_shown_hits_feed_the_wrap_up_self_check(
    seat: tuple[QWidget, TranscriptAlert, QLineEdit],
) -> None:
    _, alert, _ = seat
    record = WrapUpSelfCheck("call-1")
    alert.hits_shown.connect(record.record_transcript_hits)
    alert.show_line("急什么", "agent")
    alert.show_line("急什么，我在查", "agent")
    alert.show_line("急什么", "caller")
    (entry,) = record.entries()
    assert (entry.phrase_id, entry.times_shown, entry.outcome.value) == ("impatient-01", 2, "spoken")


def test_the_policy_gives_speakers_and_duration(qtbot: QtBot, matcher: PhraseMatcher) -> None:
    policy = load_default_policy()
    alert = TranscriptAlert(matcher, policy.call_taker_speakers, policy.transcript_alert_seconds)
    qtbot.addWidget(alert)
    assert alert.duration_ms == 6000
    assert alert.show_line("急什么", "agent") != []
