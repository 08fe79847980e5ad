"""The seat planning calculator: HZ appendix B's example beside Erlang C, recomputed as inputs change."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from seatclient.floor.planning import StaffingComparison
from seatclient.ui.seat_planning import SeatPlanningWidget


@pytest.fixture
def planner(qtbot: QtBot) -> SeatPlanningWidget:
    widget = SeatPlanningWidget()
    qtbot.addWidget(widget)
    widget.resize(1200, 620)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def table_rows(planner: SeatPlanningWidget) -> list[list[str]]:
    table = planner.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_the_standards_example_opens_the_calculator(planner: SeatPlanningWidget) -> None:
    assert planner.busy_hour_calls_label.text() == "2,331 次/小时"
    assert planner.formula_label.text() == "1036 万 × 0.15% × 15% × 300 秒 ÷ (3600 × 80%) = 242.81"
    assert planner.formula_seats_label.text() == "243 个"
    assert planner.traffic_label.text() == "194.25 Erl（每次 300 秒）"
    assert planner.required_label.text() == "210 个"
    assert planner.required_detail_label.text().startswith(
        "排队概率 18.6%，15 秒内接通 91.5%，平均应答 3.5 秒"
    )
    assert planner.verdict_label.text().startswith("规范公式比 Erlang C 多 33 个座席")
    rows = table_rows(planner)
    assert [row[0] for row in rows] == [
        "207",
        "208",
        "209",
        "210（所需）",
        "211",
        "212",
        "213",
        "243（公式）",
    ]
    assert rows[2][2] == "89.9%" and rows[3][2] == "91.5%"


def test_the_upper_busy_hour_share_of_the_example(qtbot: QtBot, planner: SeatPlanningWidget) -> None:
    results: list[StaffingComparison | None] = []
    planner.comparison_changed.connect(results.append)
    planner.busy_hour_spin.setValue(18)
    assert planner.formula_seats_label.text() == "292 个"
    assert planner.required_label.text() == "249 个"
    comparison = results[-1]
    assert comparison is not None and comparison.difference == 43


def test_wrap_up_time_can_make_the_formula_fall_short(planner: SeatPlanningWidget) -> None:
    planner.wrap_up_spin.setValue(60)
    comparison = planner.comparison
    assert comparison is not None
    assert comparison.handling_seconds == 360
    assert comparison.difference < 0
    assert planner.verdict_label.text().startswith("规范公式比 Erlang C 少")
    assert "#c0392b" in planner.verdict_label.styleSheet()
    assert planner.at_formula_label.text().startswith("按公式的 243 个座席：15 秒内接通")


def test_an_overloaded_formula_is_said_so(planner: SeatPlanningWidget) -> None:
    planner.utilisation_spin.setValue(100)
    planner.wrap_up_spin.setValue(120)  # 2,331 calls of 420 s = 271.95 erlangs on the formula's 195 seats
    assert "排队会无限增长" in planner.at_formula_label.text()


def test_a_load_beyond_any_hall_is_refused_not_computed(planner: SeatPlanningWidget) -> None:
    planner.population_spin.setValue(100_000)
    planner.call_rate_spin.setValue(100)
    assert planner.comparison is None
    assert planner.required_label.text() == "—"
    assert "超出可计算范围" in planner.verdict_label.text()
    assert planner.table.rowCount() == 0


def test_typing_a_value(qtbot: QtBot, planner: SeatPlanningWidget) -> None:
    spin = planner.call_seconds_spin
    spin.selectAll()
    qtbot.keyClicks(spin, "240")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert planner.formula_seats_label.text() == "195 个"  # 2,331 × 240 ÷ 2,880 = 194.25


def test_inputs_are_named_for_screen_readers(planner: SeatPlanningWidget) -> None:
    assert planner.population_spin.accessibleName() == "目标服务人口（万人）"
    assert planner.target_seconds_spin.accessibleName() == "目标接通时间（秒）"


def test_screenshot(qtbot: QtBot, planner: SeatPlanningWidget, artifacts_dir: Path) -> None:
    qtbot.wait(20)
    path = artifacts_dir / "seat_planning.png"
    assert planner.grab().save(str(path))
    assert path.stat().st_size > 20_000
