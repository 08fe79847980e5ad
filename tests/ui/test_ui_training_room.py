"""The transcript panel, the live alert fed from transcript events, and the score card."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from support.waiting import until

from seatclient.api.client import ApiClient, make_http_client
from seatclient.api.models import (
    EVENT_CALL_TRANSCRIPT,
    EVENT_TRAINING_SCORED,
    CallInfo,
    CallPhase,
    SeatState,
    SeatStatus,
    ServerEvent,
    TrainingDeductionWire,
    TrainingScoreWire,
)
from seatclient.api.training import TrainingApi
from seatclient.compliance.checks import load_default_policy
from seatclient.compliance.phrases import load_default_matcher
from seatclient.rules import RuleBook
from seatclient.session import SeatSession
from seatclient.tasks import BackgroundTasks
from seatclient.ui.score_card import ScoreCard
from seatclient.ui.training_menu import TrainingRoom
from seatclient.ui.transcript_panel import TranscriptPanel

CALL = "C20261122-00007"
AT = datetime(2026, 11, 22, 2, 30, 5, tzinfo=UTC)


def transcript_event(event_id: int, speaker: str, text: str, call_id: str = CALL) -> ServerEvent:
    data = {"call_id": call_id, "speaker": speaker, "text": text, "at": AT.isoformat()}
    return ServerEvent(id=event_id, type=EVENT_CALL_TRANSCRIPT, at=AT, data=data)


def call_info(phase: CallPhase, call_id: str = CALL) -> CallInfo:
    return CallInfo(call_id=call_id, phase=phase, queue="12345 培训", queued_at=AT)


def score(deductions: list[TrainingDeductionWire], call_id: str = CALL) -> TrainingScoreWire:
    lost = sum(d.points for d in deductions)
    return TrainingScoreWire(
        play_id="P0001",
        call_id=call_id,
        scenario_id="gas-smell-stairwell",
        title="楼道里有煤气味",
        job_number="1001",
        score=100 - lost,
        full_marks=100,
        pass_mark=85,
        passed=100 - lost >= 85,
        deductions=deductions,
        scored_at=AT,
    )


@pytest.fixture
def room(qtbot: QtBot) -> Iterator[tuple[TrainingRoom, SeatSession, QMainWindow]]:
    session = SeatSession(ApiClient(make_http_client("http://127.0.0.1:9")), RuleBook())
    errors: list[BaseException] = []
    training = TrainingRoom(
        session,
        BackgroundTasks(errors.append),
        TrainingApi(ApiClient(make_http_client("http://127.0.0.1:9"))),
        load_default_matcher(),
        load_default_policy(),
        training=True,
        shortcuts={"training.pick": "Ctrl+Alt+P", "transcript.say": "Ctrl+Alt+Y"},
    )
    window = QMainWindow()
    window.menuBar().addMenu("帮助(&H)")
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.addWidget(training.alert)
    layout.addWidget(training.panel)
    window.setCentralWidget(host)
    training.attach(window)
    qtbot.addWidget(window)
    window.resize(520, 420)
    window.show()
    qtbot.waitExposed(window)
    yield training, session, window
    training.score_card.close()
    assert errors == []


def test_transcript_lines_show_as_a_chat_and_only_the_call_takers_forbidden_phrase_alerts(
    room: tuple[TrainingRoom, SeatSession, QMainWindow], artifacts_dir: Path
) -> None:
    training, session, _ = room
    session.call_changed.emit(call_info(CallPhase.TALKING))
    training.on_event(transcript_event(1, "caller", "你们有病吧，一直不处理！"))
    assert not training.alert.isVisible()  # a caller may say anything
    training.on_event(transcript_event(2, "agent", "您好，12345热线，1001号为您服务，请讲。"))
    assert not training.alert.isVisible()
    training.on_event(transcript_event(3, "agent", "这个我也不清楚，您问别人吧。"))
    assert training.alert.isVisible()
    assert training.alert.message().startswith("刚才说的“我也不清楚”属于服务禁语（推诿）")
    panel = training.panel
    texts = [panel.lines_view.item(row).text() for row in range(panel.lines_view.count())]
    assert texts == [
        "来电人  10:30:05\n你们有病吧，一直不处理！",
        "我  10:30:05\n您好，12345热线，1001号为您服务，请讲。",
        "我  10:30:05\n这个我也不清楚，您问别人吧。",
    ]
    caller_item = panel.lines_view.item(0)
    assert caller_item.textAlignment() & Qt.AlignmentFlag.AlignLeft
    assert panel.lines_view.item(1).textAlignment() & Qt.AlignmentFlag.AlignRight
    assert caller_item.data(Qt.ItemDataRole.AccessibleTextRole) == "来电人：你们有病吧，一直不处理！"
    assert panel.latest_caller_label.text() == "来电人说：你们有病吧，一直不处理！"
    for number in range(4, 30):
        training.on_event(transcript_event(number, "caller", f"第 {number} 句：楼下那家饭店油烟很大。"))
    last = panel.lines_view.item(panel.lines_view.count() - 1)
    assert panel.lines_view.viewport().rect().intersects(panel.lines_view.visualItemRect(last))
    training.panel.grab().save(str(artifacts_dir / "transcript_panel.png"))


def test_a_new_call_starts_an_empty_transcript_and_typing_goes_to_the_backend(
    room: tuple[TrainingRoom, SeatSession, QMainWindow], qtbot: QtBot
) -> None:
    training, session, window = room
    panel = training.panel
    assert not panel.say_edit.isEnabled()  # no call yet
    session.call_changed.emit(call_info(CallPhase.RINGING))
    assert not panel.say_edit.isEnabled()
    session.call_changed.emit(call_info(CallPhase.TALKING))
    assert panel.say_edit.isEnabled() and panel.say_row.isVisible()
    said: list[tuple[str, str]] = []
    # Only what the panel asks for is checked here; sending is the room's, checked over HTTP elsewhere.
    panel.say_requested.disconnect(training._on_say_requested)
    panel.say_requested.connect(lambda call_id, text: said.append((call_id, text)))
    window.activateWindow()
    QTest.keyClick(
        window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    qtbot.waitUntil(panel.say_edit.hasFocus, timeout=2000)
    panel.say_edit.insert("请问您贵姓？")  # QTest types Latin-1 only; an input method inserts
    QTest.keyClick(panel.say_edit, Qt.Key.Key_Return)
    assert said == [(CALL, "请问您贵姓？")] and panel.say_edit.text() == ""
    training.on_event(transcript_event(1, "caller", "我姓王。"))
    session.call_changed.emit(call_info(CallPhase.TALKING, "C20261122-00008"))
    assert panel.call_id == "C20261122-00008" and panel.lines_view.count() == 0
    session.call_changed.emit(None)
    assert not panel.say_edit.isEnabled() and panel.hint_label.text() == "通话已结束，以下为本通电话的记录。"


def test_production_has_no_typing_line(qtbot: QtBot) -> None:
    panel = TranscriptPanel(training=False)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_call(CALL, talking=True)
    assert not panel.say_row.isVisible()
    assert panel.hint_label.text() == "通话中：内容由后台语音识别逐句转写。"


def test_the_score_waits_for_the_end_of_wrap_up_then_the_card_shows_each_miss(
    room: tuple[TrainingRoom, SeatSession, QMainWindow], qtbot: QtBot, artifacts_dir: Path
) -> None:
    training, session, _ = room
    shown: list[object] = []
    training.score_shown.connect(shown.append)
    session.status = SeatStatus(
        job_number="1001", seat_id="A01", state=SeatState.WRAP_UP, since=AT, call_id=CALL
    )
    misses = [
        TrainingDeductionWire(
            kind="missed_emergency",
            label="紧急情况未及时处置",
            points=40,
            message="这是需要立即处置的紧急情况，应立即转接 119；实际处置：派单",
        ),
        TrainingDeductionWire(
            kind="missing_closing",
            label="未规范结束通话",
            points=3,
            message="没有规范地结束通话；结束语：“感谢您的来电，祝您生活愉快，再见！”",
        ),
    ]
    data = score(misses).model_dump(mode="json")
    training.on_event(ServerEvent(id=9, type=EVENT_TRAINING_SCORED, at=AT, data=data))
    assert not training.score_card.isVisible() and shown == []
    ready = SeatStatus(job_number="1001", seat_id="A01", state=SeatState.READY, since=AT)
    session.status = ready
    training.on_status(ready)
    card = training.score_card
    assert card.isVisible() and len(shown) == 1
    assert card.total_label.text() == "得分 57 / 100"
    assert card.verdict_label.text() == "不及格（及格线 85 分）"
    assert [card.misses_table.item(row, 1).text() for row in range(2)] == ["-40", "-3"]
    assert card.misses_table.item(0, 2).text().endswith("应立即转接 119；实际处置：派单")
    assert card.summary() == "培训评分：57 分，不及格（及格线 85 分），扣分项 2 项"
    assert card.training_bar.text().startswith("培训模式 TRAINING")
    qtbot.waitExposed(card)
    card.grab().save(str(artifacts_dir / "score_card.png"))
    qtbot.waitUntil(card.isActiveWindow, timeout=2000)
    QTest.keyClick(card, Qt.Key.Key_Escape)
    assert not card.isVisible()
    assert training.last_score_action.isEnabled()
    training.last_score_action.trigger()
    assert card.isVisible()


def test_a_perfect_score_says_so(qtbot: QtBot) -> None:
    card = ScoreCard()
    qtbot.addWidget(card)
    card.show_score(score([]))
    assert card.total_label.text() == "得分 100 / 100"
    assert card.verdict_label.text() == "及格（及格线 85 分）"
    assert card.none_label.isVisible() and not card.misses_table.isVisible()
    assert card.close_button.accessibleName() == "关闭评分"


@pytest.mark.asyncio
async def test_a_classroom_labs_backend_turns_the_training_controls_on(qtbot: QtBot) -> None:
    # A trainee's client pointed at `seatclient-mock --lab` with --backend: not started in training
    # mode, so it asks the backend once signed in.
    session = SeatSession(ApiClient(make_http_client("http://127.0.0.1:9")), RuleBook())
    errors: list[BaseException] = []
    api = TrainingApi(ApiClient(make_http_client("http://127.0.0.1:9")))
    asked: list[bool] = []

    async def lab_backend() -> bool:
        asked.append(True)
        return True

    api.backend_is_training = lab_backend  # type: ignore[method-assign]
    room = TrainingRoom(
        session,
        BackgroundTasks(errors.append),
        api,
        load_default_matcher(),
        load_default_policy(),
        training=False,
        shortcuts={},
    )
    window = QMainWindow()
    qtbot.addWidget(window)
    room.attach(window)
    assert room.menu is not None and not room.menu.menuAction().isVisible()
    assert not room.pick_action.isEnabled() and room.panel.say_row.isHidden()
    status = SeatStatus(job_number="2001", seat_id="T01", state=SeatState.AWAY, since=AT)
    room.on_status(status)
    assert asked == []  # not signed in yet: nothing to ask
    session.sign_in_result = object()  # type: ignore[assignment]
    room.on_status(status)
    await until(lambda: room.training, what="the backend's answer")
    room.on_status(status)
    assert asked == [True]
    assert room.menu.menuAction().isVisible() and room.pick_action.isEnabled()
    assert not room.panel.say_row.isHidden()
    assert errors == []
