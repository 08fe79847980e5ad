"""The team leader's seat board on a synthetic floor of 50 seats: views, figures, filters, alerts, interventions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from seatclient.floor import (
    AlertBook,
    FloorState,
    figures_to_payload,
    load_default_alert_rules,
    load_default_floor_plan,
)
from seatclient.floor.synthetic import synthetic_figures, synthetic_floor
from seatclient.rules import RuleBook
from seatclient.seat.states import ReasonCode, SeatState
from seatclient.ui.seat_board import SeatBoardWidget
from seatclient.ui.seat_board_model import SeatBoardModel, SeatBoardRole, SeatColumn

HALL_TIME = timezone(timedelta(hours=8))
START = datetime(2026, 3, 2, 10, 37, 12, tzinfo=HALL_TIME)
CALL_STATES = {SeatState.TALKING, SeatState.HELD, SeatState.CONSULTING, SeatState.CONFERENCE}


class Clock:
    """A server clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def reasons() -> dict[str, ReasonCode]:
    return {entry["code"]: ReasonCode(**entry) for entry in RuleBook().get("seat_rules").data["reasons"]}


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def floor() -> FloorState:
    floor = FloorState(load_default_floor_plan())
    seats = synthetic_floor(50, START)
    floor.replace(seats, synthetic_figures(START, seats))
    return floor


@pytest.fixture
def board(
    qtbot: QtBot, floor: FloorState, reasons: dict[str, ReasonCode], clock: Clock
) -> Iterator[SeatBoardWidget]:
    model = SeatBoardModel(floor, AlertBook(load_default_alert_rules(), reasons), reasons, clock)
    widget = SeatBoardWidget(model)
    qtbot.addWidget(widget)
    widget.resize(1400, 860)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    model.detach()


def first_seat(floor: FloorState, *states: SeatState) -> str:
    return next(seat.seat_id for seat in floor.seats() if seat.state in states and seat.job_number)


def confirm(qtbot: QtBot, board: SeatBoardWidget, button_name: str = "confirmIntervention") -> None:
    dialog = board.confirmation_dialog
    assert isinstance(dialog, QMessageBox) and dialog.isVisible()
    button = dialog.findChild(QPushButton, button_name)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: board.confirmation_dialog is None, timeout=2000)


def test_tiles_follow_the_floor_plan(board: SeatBoardWidget) -> None:
    view = board.tile_view
    assert board.tile_proxy.rowCount() == 50
    ids = [board.tile_proxy.index(row, 0).data() for row in range(5)]
    assert ids == ["A01", "A02", "A03", "A04", "A05"]
    first = view.visualRect(board.tile_proxy.index(0, 0))
    second = view.visualRect(board.tile_proxy.index(1, 0))
    assert second.left() > first.left() and second.top() == first.top()
    assert first.width() >= 150 and first.height() >= 90
    assert board.shown_label.text() == "显示 50 / 50 个座席"
    assert board.table_proxy.rowCount() == 50
    assert board.table_proxy.index(0, SeatColumn.SEAT).data() == "A01"


def test_the_figures_strip(board: SeatBoardWidget, floor: FloorState) -> None:
    figures = floor.figures
    assert figures is not None and figures.service_level is not None
    strip = board.figures_strip
    assert strip.waiting_label.text() == f"排队 {figures.waiting}"
    assert strip.today_label.text() == (
        f"今日 呼入 {figures.offered_today} · 接通 {figures.answered_today} · 放弃 {figures.abandoned_today}"
    )
    assert strip.service_level_label.text() == f"15 秒接通率 {figures.service_level:.1%}（目标 90%）"
    expected_colour = "#27ae60" if figures.service_level >= 0.9 else "#c0392b"
    assert expected_colour in strip.service_level_label.styleSheet()
    talking = floor.state_counts()[SeatState.TALKING]
    assert strip.state_labels[SeatState.TALKING].text() == f"通话中 {talking}"
    assert board.chart.intervals == figures.intervals
    assert "呼入" in board.chart.accessibleDescription()


def test_counts_follow_events_after_a_short_delay(
    qtbot: QtBot, board: SeatBoardWidget, floor: FloorState
) -> None:
    seat = floor.seat(first_seat(floor, SeatState.READY))
    assert seat is not None
    before = floor.state_counts()[SeatState.READY]
    floor.upsert([replace(seat, state=SeatState.AWAY, reason="break")])
    label = board.figures_strip.state_labels[SeatState.READY]
    qtbot.waitUntil(lambda: label.text() == f"示闲（待接） {before - 1}", timeout=2000)


def test_filters(qtbot: QtBot, board: SeatBoardWidget, floor: FloorState) -> None:
    away = [seat.seat_id for seat in floor.seats() if seat.state is SeatState.AWAY]
    board.state_filter.setCurrentIndex(board.state_filter.findData("away"))
    assert [board.tile_proxy.index(row, 0).data() for row in range(board.tile_proxy.rowCount())] == away
    assert board.table_proxy.rowCount() == len(away)
    assert board.shown_label.text() == f"显示 {len(away)} / 50 个座席"
    board.state_filter.setCurrentIndex(0)
    assert board.team_filter.count() == 1 + len(floor.teams())
    board.team_filter.setCurrentIndex(board.team_filter.findData("二组"))
    assert board.tile_proxy.rowCount() == sum(seat.team == "二组" for seat in floor.seats())
    board.team_filter.setCurrentIndex(0)
    target = floor.seats()[30]
    qtbot.keyClicks(board.search_edit, target.job_number)  # QTest types ASCII only
    assert [board.tile_proxy.index(row, 0).data() for row in range(board.tile_proxy.rowCount())] == [
        target.seat_id
    ]
    board.search_edit.setText(target.name)
    shown = {board.tile_proxy.index(row, 0).data() for row in range(board.tile_proxy.rowCount())}
    assert target.seat_id in shown and len(shown) < 50


def test_selecting_a_tile_selects_the_table_row(
    qtbot: QtBot, board: SeatBoardWidget, floor: FloorState
) -> None:
    seat_id = first_seat(floor, SeatState.TALKING)
    selected: list[str] = []
    board.seat_selected.connect(selected.append)
    row = board.model.row_of(seat_id)
    assert row is not None
    rect = board.tile_view.visualRect(board.tile_proxy.index(row, 0))
    qtbot.mouseClick(board.tile_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected == [seat_id]
    assert board.selected_seat_id() == seat_id
    assert board.table_view.currentIndex().data(SeatBoardRole.SEAT_ID) == seat_id
    assert seat_id in board.selected_label.text()
    assert board.listen_button.isEnabled() and board.barge_button.isEnabled()


def test_call_interventions_need_a_call(board: SeatBoardWidget, floor: FloorState) -> None:
    assert not board.force_ready_button.isEnabled() and not board.listen_button.isEnabled()
    assert board.select_seat(first_seat(floor, SeatState.AWAY))
    assert board.force_ready_button.isEnabled() and board.force_sign_out_button.isEnabled()
    assert not board.force_away_button.isEnabled()
    for button in (board.listen_button, board.whisper_button, board.barge_button, board.release_button):
        assert not button.isEnabled()


def test_force_ready_asks_first_without_blocking(
    qtbot: QtBot, board: SeatBoardWidget, floor: FloorState
) -> None:
    seat_id = first_seat(floor, SeatState.AWAY)
    board.select_seat(seat_id)
    requested: list[str] = []
    board.force_ready_requested.connect(requested.append)
    qtbot.mouseClick(board.force_ready_button, Qt.MouseButton.LeftButton)  # returns: open(), not exec()
    dialog = board.confirmation_dialog
    assert dialog is not None and dialog.isVisible() and requested == []
    assert seat_id in dialog.text() and "强制示闲" in dialog.text()
    confirm(qtbot, board)
    assert requested == [seat_id]


def test_cancelling_emits_nothing(qtbot: QtBot, board: SeatBoardWidget, floor: FloorState) -> None:
    board.select_seat(first_seat(floor, *CALL_STATES))
    requested: list[str] = []
    board.release_requested.connect(requested.append)
    qtbot.mouseClick(board.release_button, Qt.MouseButton.LeftButton)
    confirm(qtbot, board, "cancelIntervention")
    assert requested == []


def test_force_away_with_a_reason(qtbot: QtBot, board: SeatBoardWidget, floor: FloorState) -> None:
    seat_id = first_seat(floor, SeatState.READY)
    board.select_seat(seat_id)
    requested: list[tuple[str, str]] = []
    board.force_away_requested.connect(lambda seat, reason: requested.append((seat, reason)))
    codes = [action.objectName() for action in board.force_away_menu.actions()]
    assert "forceAway_meal" in codes and "forceAway_forced" not in codes  # system reasons are not offered
    meal = next(
        action for action in board.force_away_menu.actions() if action.objectName() == "forceAway_meal"
    )
    meal.trigger()
    assert board.confirmation_dialog is not None and "用餐" in board.confirmation_dialog.text()
    confirm(qtbot, board)
    assert requested == [(seat_id, "meal")]


@pytest.mark.parametrize("name", ["listen", "whisper", "barge", "release"])
def test_call_interventions(qtbot: QtBot, board: SeatBoardWidget, floor: FloorState, name: str) -> None:
    seat_id = first_seat(floor, SeatState.TALKING)
    board.select_seat(seat_id)
    requested: list[str] = []
    getattr(board, f"{name}_requested").connect(requested.append)
    qtbot.mouseClick(getattr(board, f"{name}_button"), Qt.MouseButton.LeftButton)
    confirm(qtbot, board)
    assert requested == [seat_id]


def test_a_seat_that_leaves_is_unselected_not_replaced_by_its_neighbour(
    board: SeatBoardWidget, floor: FloorState
) -> None:
    seat_id = first_seat(floor, SeatState.TALKING)
    board.select_seat(seat_id)
    assert board.table_view.currentIndex().data(SeatBoardRole.SEAT_ID) == seat_id
    floor.remove([seat_id])
    assert board.selected_seat_id() is None
    assert not board.tile_view.currentIndex().isValid() and not board.table_view.currentIndex().isValid()
    assert not board.listen_button.isEnabled()


def test_a_seat_hidden_by_a_filter_is_unselected(board: SeatBoardWidget, floor: FloorState) -> None:
    board.select_seat(first_seat(floor, SeatState.TALKING))
    board.state_filter.setCurrentIndex(board.state_filter.findData("away"))
    assert board.selected_seat_id() is None
    assert not board.force_sign_out_button.isEnabled()


def test_alerts_are_listed_and_acknowledged(qtbot: QtBot, board: SeatBoardWidget) -> None:
    entries = board.model.alerts.entries()
    assert board.alert_list.count() == len(entries) >= 4
    assert board.alert_box.title() == f"告警（未确认 {len(entries)}）"
    first = board.alert_list.item(0)
    assert first.text().startswith("[紧急]")
    assert not board.acknowledge_button.isEnabled()
    board.alert_list.setCurrentRow(0)
    acknowledged: list[str] = []
    board.alert_acknowledged.connect(acknowledged.append)
    qtbot.mouseClick(board.acknowledge_button, Qt.MouseButton.LeftButton)
    alert_id = entries[0].alert.alert_id
    assert acknowledged == [alert_id]
    texts = [board.alert_list.item(row).text() for row in range(board.alert_list.count())]
    assert texts[-1].endswith("（已确认）")
    assert board.alert_box.title() == f"告警（未确认 {len(entries) - 1}）"
    assert not board.acknowledge_button.isEnabled() or board.alert_list.currentRow() != len(texts) - 1


def test_double_clicking_an_alert_selects_its_seat(qtbot: QtBot, board: SeatBoardWidget) -> None:
    item = board.alert_list.item(1)
    board.alert_list.itemDoubleClicked.emit(item)
    assert board.selected_seat_id() == item.data(Qt.ItemDataRole.UserRole + 1)


def test_the_tick_raises_alerts_that_came_due(
    board: SeatBoardWidget, floor: FloorState, clock: Clock
) -> None:
    ready = floor.seat(first_seat(floor, SeatState.READY))
    assert ready is not None
    floor.upsert([replace(ready, state=SeatState.RINGING, since=clock.now)])
    count = board.alert_list.count()
    clock.now += timedelta(seconds=11)
    board.tick()
    assert board.alert_list.count() > count
    texts = [board.alert_list.item(row).text() for row in range(board.alert_list.count())]
    assert any(ready.seat_id in text and "振铃" in text for text in texts)


def test_screenshot_of_a_busy_floor(qtbot: QtBot, board: SeatBoardWidget, artifacts_dir: Path) -> None:
    board.select_seat(first_seat(board.model.floor, SeatState.TALKING))
    # One acknowledged alert, so the picture shows both kinds of highlight.
    board.model.acknowledge(board.model.alerts.entries()[-1].alert.alert_id)
    last = board.alert_list.count() - 1
    qtbot.waitUntil(lambda: board.alert_list.item(last).text().endswith("（已确认）"), timeout=2000)
    path = artifacts_dir / "seat_board.png"
    assert board.grab().save(str(path))
    assert path.stat().st_size > 50_000


def test_figures_arrive_after_the_seats(qtbot: QtBot, reasons: dict[str, ReasonCode], clock: Clock) -> None:
    floor = FloorState(load_default_floor_plan())
    seats = synthetic_floor(10, START)
    floor.replace(seats, None)
    model = SeatBoardModel(floor, AlertBook(load_default_alert_rules(), reasons), reasons, clock)
    widget = SeatBoardWidget(model)
    qtbot.addWidget(widget)
    strip = widget.figures_strip
    assert strip.waiting_label.text() == "排队 —"
    assert strip.service_level_label.text() == "15 秒接通率 —（目标 90%）"
    assert widget.chart.intervals == ()
    figures = synthetic_figures(START, seats)
    floor.apply_event("floor.figures", {"figures": figures_to_payload(figures)})
    qtbot.waitUntil(lambda: strip.waiting_label.text() == f"排队 {figures.waiting}", timeout=2000)
    assert widget.chart.intervals == figures.intervals
    model.detach()
