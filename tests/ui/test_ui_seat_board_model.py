"""The seat board model: a sound Qt item model that repaints only the rows a floor event changed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QIcon
from pytestqt.modeltest import ModelTester

from seatclient.floor import (
    AlertBook,
    FloorFilter,
    FloorSeat,
    FloorState,
    load_default_alert_rules,
    load_default_floor_plan,
    seat_to_payload,
)
from seatclient.floor.records import FloorPending
from seatclient.floor.synthetic import synthetic_floor
from seatclient.rules import RuleBook
from seatclient.seat.states import ReasonCode, SeatState
from seatclient.ui.seat_board_model import SeatBoardFilterProxy, SeatBoardModel, SeatBoardRole, SeatColumn

HALL_TIME = timezone(timedelta(hours=8))
START = datetime(2026, 3, 2, 10, 0, 0, tzinfo=HALL_TIME)


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
    floor.replace(synthetic_floor(50, START), None)
    return floor


@pytest.fixture
def model(floor: FloorState, reasons: dict[str, ReasonCode], clock: Clock) -> Iterator[SeatBoardModel]:
    book = AlertBook(load_default_alert_rules(), reasons)
    board_model = SeatBoardModel(floor, book, reasons, clock)
    yield board_model
    board_model.detach()


class RowSignals:
    """Records which rows the model reported changed, inserted or removed."""

    def __init__(self, model: SeatBoardModel) -> None:
        self.changed: list[tuple[int, int, int, int]] = []
        self.inserted: list[tuple[int, int]] = []
        self.removed: list[tuple[int, int]] = []
        self.resets = 0
        model.dataChanged.connect(
            lambda top, bottom, _roles=(): self.changed.append(
                (top.row(), bottom.row(), top.column(), bottom.column())
            )
        )
        model.rowsInserted.connect(lambda _parent, first, last: self.inserted.append((first, last)))
        model.rowsRemoved.connect(lambda _parent, first, last: self.removed.append((first, last)))
        model.modelReset.connect(self._reset)

    def _reset(self) -> None:
        self.resets += 1


def test_the_model_passes_the_model_tester(qtmodeltester: ModelTester, model: SeatBoardModel) -> None:
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 50
    assert model.columnCount() == len(SeatColumn)


def test_the_filter_proxy_passes_the_model_tester_while_the_floor_changes(
    qtmodeltester: ModelTester, model: SeatBoardModel, floor: FloorState, clock: Clock
) -> None:
    proxy = SeatBoardFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(SeatColumn.STATE)
    proxy.set_floor_filter(FloorFilter(teams=frozenset({"二组"})))
    qtmodeltester.check(proxy, force_py=True)
    seats = floor.seats()
    # The tester stays connected: joins, leaves and state changes must keep the proxy consistent.
    floor.upsert([replace(seats[0], team="二组", state=SeatState.RINGING, call_started=None)])
    floor.remove([seats[1].seat_id, seats[6].seat_id])
    floor.upsert([replace(seats[2], seat_id="Z01", team="二组")])
    proxy.set_floor_filter(FloorFilter(states=frozenset({SeatState.TALKING})))
    clock.now += timedelta(minutes=30)
    model.refresh_alerts()
    qtmodeltester.check(proxy, force_py=True)


def test_one_changed_seat_is_one_changed_row(model: SeatBoardModel, floor: FloorState, clock: Clock) -> None:
    signals = RowSignals(model)
    seat = floor.seats()[10]
    changed = replace(seat, state=SeatState.WRAP_UP, since=clock.now, call_started=None, reason=None)
    floor.apply_event("floor.seat", {"seat": seat_to_payload(changed)})
    row = model.row_of(seat.seat_id)
    assert row == 10
    assert signals.changed == [(10, 10, 0, len(SeatColumn) - 1)]
    assert signals.inserted == signals.removed == [] and signals.resets == 0
    assert model.index(10, SeatColumn.STATE).data() == "话后整理"


def test_an_unchanged_delta_touches_no_row(model: SeatBoardModel, floor: FloorState) -> None:
    signals = RowSignals(model)
    seat = floor.seats()[3]
    floor.apply_event("floor.seat", {"seat": seat_to_payload(seat)})
    assert signals.changed == []


def test_a_join_and_a_leave_insert_and_remove_one_row_in_plan_order(
    model: SeatBoardModel, floor: FloorState, clock: Clock
) -> None:
    signals = RowSignals(model)
    template = floor.seats()[0]
    # B11 sits between B10 and B12 on the plan: row 50 of the 50 seats A01…A40, B01…B10 is its place.
    floor.apply_event("floor.seat", {"seat": seat_to_payload(replace(template, seat_id="B11"))})
    assert signals.inserted == [(50, 50)]
    floor.apply_event("floor.seat", {"seat": seat_to_payload(replace(template, seat_id="A05", name="新人"))})
    assert signals.changed[-1][:2] == (4, 4)
    floor.apply_event("floor.seat_left", {"seat_id": "A02"})
    assert signals.removed == [(1, 1)]
    assert model.rowCount() == 50
    assert [model.index(row, 0).data() for row in range(3)] == ["A01", "A03", "A04"]
    assert model.row_of("A02") is None and model.row_of("B11") == 49
    assert signals.resets == 0


def test_a_snapshot_after_a_reconnect_touches_only_the_difference(
    model: SeatBoardModel, floor: FloorState
) -> None:
    signals = RowSignals(model)
    seats = floor.seats()
    seats[5] = replace(seats[5], name="改名")
    del seats[7]
    floor.apply_event("floor.snapshot", {"seats": [seat_to_payload(seat) for seat in seats], "figures": None})
    assert signals.removed == [(7, 7)]
    assert [change[:2] for change in signals.changed] == [(5, 5)]
    assert signals.resets == 0


def test_a_new_plan_resets_the_model(model: SeatBoardModel, floor: FloorState) -> None:
    signals = RowSignals(model)
    floor.set_plan(load_default_floor_plan())
    assert signals.resets == 1
    assert model.rowCount() == 50


def test_a_time_based_alert_repaints_only_its_seat(
    model: SeatBoardModel, floor: FloorState, clock: Clock
) -> None:
    # Everyone else ready, so nothing but the ringing seat can come due.
    calm = [
        replace(seat, state=SeatState.READY, reason=None, call_started=None, pending_next=None,
                connection_lost=False, help_requested_at=None)
        for seat in floor.seats()
    ]  # fmt: skip
    ringing = replace(calm[20], state=SeatState.RINGING, since=clock.now)
    floor.replace([*calm[:20], ringing, *calm[21:]], None)
    assert model.alerts.entries() == []
    signals = RowSignals(model)
    alerts_changed: list[bool] = []
    model.alerts_changed.connect(lambda: alerts_changed.append(True))
    clock.now += timedelta(seconds=5)
    model.refresh_alerts()
    assert signals.changed == [] and alerts_changed == []
    clock.now += timedelta(seconds=6)
    model.refresh_alerts()
    row = model.row_of(ringing.seat_id)
    assert [change[:2] for change in signals.changed] == [(row, row)]
    assert alerts_changed == [True]
    assert row is not None
    assert model.index(row, SeatColumn.ALERTS).data() == "振铃未接"
    assert model.index(row, 0).data(SeatBoardRole.ALERT_LEVEL) == "warning"
    assert model.index(row, 0).data(SeatBoardRole.ALERT_ACKNOWLEDGED) is False


def test_a_raised_hand_shows_with_the_event_not_a_second_later(
    model: SeatBoardModel, floor: FloorState
) -> None:
    signals = RowSignals(model)
    seat = next(seat for seat in floor.seats() if not model.alert_entries(seat.seat_id))
    floor.upsert([replace(seat, help_requested_at=START)])
    row = model.row_of(seat.seat_id)
    assert [change[:2] for change in signals.changed] == [(row, row)]  # one emission for seat and alert
    assert model.index(row, SeatColumn.ALERTS).data() == "举手求助"


def test_acknowledging_repaints_one_row(model: SeatBoardModel, floor: FloorState) -> None:
    entry = model.alerts.entries()[0]
    signals = RowSignals(model)
    assert model.acknowledge(entry.alert.alert_id)
    assert not model.acknowledge(entry.alert.alert_id)
    row = model.row_of(entry.alert.seat_id)
    assert [change[:2] for change in signals.changed] == [(row, row)]
    assert model.index(row, SeatColumn.ALERTS).data(Qt.ItemDataRole.BackgroundRole) == QColor("#95a5a6")


def test_cell_values_and_roles(model: SeatBoardModel, floor: FloorState, clock: Clock) -> None:
    seat = FloorSeat(
        seat_id="A01",
        job_number="1001",
        name="张敏",
        team="一组",
        state=SeatState.TALKING,
        since=START - timedelta(seconds=65),
        call_started=START - timedelta(minutes=3, seconds=5),
        pending_next=FloorPending("away", "meal", forced_by="9001"),
    )
    floor.upsert([seat])
    row = model.row_of("A01")
    assert row == 0

    def cell(column: SeatColumn, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.index(0, column).data(role)

    assert [cell(column) for column in SeatColumn][:5] == ["A01", "1001", "张敏", "一组", "通话中"]
    assert cell(SeatColumn.TIME_IN_STATE) == "01:05"
    assert cell(SeatColumn.CALL_DURATION) == "03:05"
    assert cell(SeatColumn.PENDING_NEXT) == "通话后示忙·用餐（班长 9001）"
    assert cell(SeatColumn.REASON) == ""
    assert cell(SeatColumn.STATE, Qt.ItemDataRole.BackgroundRole) == QColor("#2980b9")
    assert isinstance(cell(SeatColumn.STATE, Qt.ItemDataRole.DecorationRole), QIcon)
    assert cell(SeatColumn.SEAT, SeatBoardRole.STATE_COLOUR) == QColor("#2980b9")
    assert cell(SeatColumn.SEAT, SeatBoardRole.STATE) == "talking"
    assert cell(SeatColumn.SEAT, SeatBoardRole.SEAT) == seat
    assert "A 区 第 1 排" in str(cell(SeatColumn.NAME, Qt.ItemDataRole.ToolTipRole))
    assert cell(SeatColumn.SEAT, Qt.ItemDataRole.AccessibleTextRole) == (
        "座席 A01，张敏（工号 1001），通话中，01:05，通话后示忙·用餐（班长 9001）"
    )
    clock.now += timedelta(seconds=10)  # durations follow the clock without any model signal
    assert cell(SeatColumn.TIME_IN_STATE) == "01:15"
    away = replace(seat, state=SeatState.AWAY, reason="meal", call_started=None, pending_next=None)
    floor.upsert([away])
    assert cell(SeatColumn.REASON) == "用餐"
    assert cell(SeatColumn.CALL_DURATION) == ""
    assert model.headerData(SeatColumn.NAME, Qt.Orientation.Horizontal) == "姓名"
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.data(QModelIndex()) is None


def test_the_proxy_filters_by_state_team_and_text(model: SeatBoardModel, floor: FloorState) -> None:
    proxy = SeatBoardFilterProxy()
    proxy.setSourceModel(model)

    def shown() -> list[str]:
        return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]

    talking = [seat.seat_id for seat in floor.seats() if seat.state is SeatState.TALKING]
    proxy.set_floor_filter(FloorFilter(states=frozenset({SeatState.TALKING})))
    assert shown() == talking
    team = [seat.seat_id for seat in floor.seats() if seat.team == "三组"]
    proxy.set_floor_filter(FloorFilter(teams=frozenset({"三组"})))
    assert shown() == team
    someone = floor.seats()[12]
    proxy.set_floor_filter(FloorFilter(text=someone.job_number))
    assert shown() == [someone.seat_id]
    # A seat that stops matching leaves the proxy on its own delta.
    proxy.set_floor_filter(FloorFilter(states=frozenset({SeatState.TALKING})))
    first = floor.seat(talking[0])
    assert first is not None
    floor.upsert([replace(first, state=SeatState.WRAP_UP, call_started=None)])
    assert shown() == talking[1:]


def test_the_proxy_sorts_by_state_and_time_in_state(model: SeatBoardModel, floor: FloorState) -> None:
    proxy = SeatBoardFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(SeatColumn.STATE)
    order = list(SeatState)
    states = [SeatState(proxy.index(row, 0).data(SeatBoardRole.STATE)) for row in range(proxy.rowCount())]
    assert [order.index(state) for state in states] == sorted(order.index(state) for state in states)
    proxy.sort(SeatColumn.TIME_IN_STATE, Qt.SortOrder.DescendingOrder)
    sinces = [proxy.index(row, 0).data(SeatBoardRole.SEAT).since for row in range(proxy.rowCount())]
    assert sinces == sorted(sinces)  # the longest in its state first
