"""The seat planning calculator: HZ appendix B's formula beside Erlang C for the same busy hour.

The formula balances the busy hour's work against the seats' time; Erlang C says how long callers
then wait. Shown side by side, a team leader sees how far the simple formula is from the 15-second
target (HZ 6.2): how many seats Erlang C asks for, and what the formula's seat count would achieve.
All numbers come from ``seatclient.floor.planning``; this widget only reads inputs and shows results.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from seatclient.floor.planning import (
    FormulaInputs,
    StaffingComparison,
    StaffingResult,
    compare_staffing,
    staffing_table,
    traffic_erlangs,
)
from seatclient.floor.records import DEFAULT_TARGET_SECONDS, DEFAULT_TARGET_SHARE
from seatclient.i18n import tr

EXAMPLE_POPULATION_TEN_THOUSANDS = 1036.0
"""HZ appendix B example: Hangzhou's resident population in 2019, 10.36 million."""

NEIGHBOURS = 3
"""How many staffing levels on either side of Erlang C's answer the table shows."""

MAX_TRAFFIC_ERLANGS = 20_000.0
"""Beyond this the load is not a hall's (and the Erlang search would take seconds)."""

GOOD_COLOUR = "#27ae60"
BAD_COLOUR = "#c0392b"


def _percent(share: float, decimals: int = 1) -> str:
    return f"{share * 100:.{decimals}f}%"


def _seconds(value: float) -> str:
    return "∞" if math.isinf(value) else f"{value:.1f}"


class SeatPlanningWidget(QWidget):
    """The calculator: formula inputs and result on the left, Erlang C for the same load on the right.

    Args:
        parent: the Qt parent.

    Signals:
        comparison_changed: (``StaffingComparison`` or ``None`` when the inputs cannot be computed)
            after every recalculation.
    """

    comparison_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seatPlanning")
        self.setAccessibleName(tr("SeatPlanning", "座席规模测算"))
        self._comparison: StaffingComparison | None = None

        self.population_spin = self._double(
            "population",
            tr("SeatPlanning", "目标服务人口（万人）"),
            0,
            100_000,
            1,
            EXAMPLE_POPULATION_TEN_THOUSANDS,
        )
        self.call_rate_spin = self._double(
            "dailyCallRate", tr("SeatPlanning", "日拨打率上限（%）"), 0, 100, 3, 0.15
        )
        self.busy_hour_spin = self._double(
            "busyHourShare", tr("SeatPlanning", "忙时集中率（%）"), 0, 100, 1, 15
        )
        self.call_seconds_spin = self._integer(
            "meanCallSeconds", tr("SeatPlanning", "平均通话时长（秒）"), 1, 3600, 300
        )
        self.utilisation_spin = self._double(
            "utilisation", tr("SeatPlanning", "座席利用率（%）"), 1, 100, 1, 80
        )
        self.wrap_up_spin = self._integer(
            "wrapUpSeconds", tr("SeatPlanning", "话后整理时长（秒）"), 0, 1800, 0
        )
        self.target_share_spin = self._double(
            "targetShare", tr("SeatPlanning", "目标接通率（%）"), 50, 99.9, 1, DEFAULT_TARGET_SHARE * 100
        )
        self.target_seconds_spin = self._integer(
            "targetSeconds", tr("SeatPlanning", "目标接通时间（秒）"), 0, 600, DEFAULT_TARGET_SECONDS
        )

        self.busy_hour_calls_label = self._result_label("busyHourCalls", tr("SeatPlanning", "忙时话务量"))
        self.formula_label = self._result_label("formulaWorking", tr("SeatPlanning", "公式计算过程"))
        self.formula_label.setWordWrap(True)
        self.formula_seats_label = self._result_label("formulaSeats", tr("SeatPlanning", "公式座席数"))
        self.traffic_label = self._result_label("trafficErlangs", tr("SeatPlanning", "话务强度"))
        self.required_label = self._result_label("erlangSeats", tr("SeatPlanning", "Erlang C 所需座席"))
        self.required_detail_label = self._result_label(
            "erlangDetail", tr("SeatPlanning", "Erlang C 服务水平")
        )
        self.required_detail_label.setWordWrap(True)
        self.at_formula_label = self._result_label(
            "formulaServiceLevel", tr("SeatPlanning", "公式座席数的服务水平")
        )
        self.at_formula_label.setWordWrap(True)
        self.verdict_label = self._result_label("planningVerdict", tr("SeatPlanning", "结论"))
        self.verdict_label.setWordWrap(True)

        for label in (self.formula_seats_label, self.required_label):
            font = label.font()
            font.setPointSizeF(font.pointSizeF() * 1.6)
            font.setBold(True)
            label.setFont(font)

        formula_box = QGroupBox(tr("SeatPlanning", "规范公式（DB 3301/T 0328—2020 附录 B）"))
        formula_form = QFormLayout(formula_box)
        formula_form.addRow(tr("SeatPlanning", "目标服务人口（万人）"), self.population_spin)
        formula_form.addRow(tr("SeatPlanning", "日拨打率上限（%）"), self.call_rate_spin)
        formula_form.addRow(tr("SeatPlanning", "忙时集中率（%）"), self.busy_hour_spin)
        formula_form.addRow(tr("SeatPlanning", "平均通话时长（秒）"), self.call_seconds_spin)
        formula_form.addRow(tr("SeatPlanning", "座席利用率（%）"), self.utilisation_spin)
        formula_form.addRow(
            QLabel(
                tr("SeatPlanning", "座席数 = 人口 × 日拨打率 × 忙时集中率 × 平均通话时长 ÷ (3600 × 利用率)")
            )
        )
        formula_form.addRow(tr("SeatPlanning", "忙时话务量"), self.busy_hour_calls_label)
        formula_form.addRow(self.formula_label)
        formula_form.addRow(tr("SeatPlanning", "公式座席数"), self.formula_seats_label)
        note = QLabel(
            tr(
                "SeatPlanning",
                "公式只按忙时工作量和座席利用率折算座席，不考虑来电的随机波动和排队等待；"
                "右侧的 Erlang C 按同一忙时话务量计算达到接通率目标所需的座席，"
                "以及按公式配置时来电人的等待情况。",
            )
        )
        note.setObjectName("planningNote")
        note.setWordWrap(True)
        note.setStyleSheet("QLabel { color: #566573; }")
        formula_form.addRow(note)

        erlang_box = QGroupBox(tr("SeatPlanning", "Erlang C（同一忙时话务量）"))
        erlang_form = QFormLayout(erlang_box)
        erlang_form.addRow(tr("SeatPlanning", "话后整理时长（秒）"), self.wrap_up_spin)
        erlang_form.addRow(tr("SeatPlanning", "目标接通率（%）"), self.target_share_spin)
        erlang_form.addRow(tr("SeatPlanning", "目标接通时间（秒）"), self.target_seconds_spin)
        erlang_form.addRow(tr("SeatPlanning", "话务强度"), self.traffic_label)
        erlang_form.addRow(tr("SeatPlanning", "所需座席"), self.required_label)
        erlang_form.addRow(self.required_detail_label)
        erlang_form.addRow(self.at_formula_label)

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("staffingTable")
        self.table.setAccessibleName(tr("SeatPlanning", "座席数与服务水平"))
        self.table.setHorizontalHeaderLabels(
            [
                tr("SeatPlanning", "座席数"),
                tr("SeatPlanning", "排队概率"),
                tr("SeatPlanning", "目标时间内接通率"),
                tr("SeatPlanning", "平均应答（秒）"),
                tr("SeatPlanning", "座席占用率"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        erlang_form.addRow(self.table)

        columns = QHBoxLayout()
        columns.addWidget(formula_box, 1)
        columns.addWidget(erlang_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.verdict_label)

        for spin in (
            self.population_spin,
            self.call_rate_spin,
            self.busy_hour_spin,
            self.utilisation_spin,
            self.target_share_spin,
        ):
            spin.valueChanged.connect(self.recalculate)
        for integer_spin in (self.call_seconds_spin, self.wrap_up_spin, self.target_seconds_spin):
            integer_spin.valueChanged.connect(self.recalculate)
        self.recalculate()

    def _double(
        self, name: str, label: str, minimum: float, maximum: float, decimals: int, value: float
    ) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setAccessibleName(label)
        spin.setDecimals(decimals)
        spin.setRange(minimum, maximum)
        spin.setValue(value)
        spin.setKeyboardTracking(False)
        return spin

    def _integer(self, name: str, label: str, minimum: int, maximum: int, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setAccessibleName(label)
        spin.setRange(minimum, maximum)
        spin.setValue(value)
        spin.setKeyboardTracking(False)
        return spin

    def _result_label(self, name: str, description: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAccessibleIdentifier(name)
        label.setAccessibleDescription(description)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    @property
    def comparison(self) -> StaffingComparison | None:
        """The latest result, or ``None`` when the inputs cannot be computed."""
        return self._comparison

    def inputs(self) -> FormulaInputs:
        """The formula inputs as entered (percentages turned into shares)."""
        return FormulaInputs(
            population=self.population_spin.value() * 10_000,
            daily_call_rate=self.call_rate_spin.value() / 100,
            busy_hour_share=self.busy_hour_spin.value() / 100,
            mean_call_seconds=float(self.call_seconds_spin.value()),
            utilisation=self.utilisation_spin.value() / 100,
        )

    def recalculate(self) -> None:
        """Compute both sizings from the inputs and show them."""
        inputs = self.inputs()
        handling = inputs.mean_call_seconds + self.wrap_up_spin.value()
        if traffic_erlangs(inputs.busy_hour_calls, handling) > MAX_TRAFFIC_ERLANGS:
            self._show_unavailable(
                tr("SeatPlanning", "话务量超出可计算范围（超过 {limit} Erl），请检查输入").format(
                    limit=int(MAX_TRAFFIC_ERLANGS)
                )
            )
            return
        comparison = compare_staffing(
            inputs,
            wrap_up_seconds=float(self.wrap_up_spin.value()),
            target_share=self.target_share_spin.value() / 100,
            target_seconds=float(self.target_seconds_spin.value()),
        )
        self._comparison = comparison
        self._show(inputs, comparison)
        self.comparison_changed.emit(comparison)

    def _show_unavailable(self, message: str) -> None:
        self._comparison = None
        for label in (
            self.busy_hour_calls_label,
            self.formula_label,
            self.formula_seats_label,
            self.traffic_label,
            self.required_label,
            self.required_detail_label,
            self.at_formula_label,
        ):
            label.setText("—")
        self.table.setRowCount(0)
        self.verdict_label.setText(message)
        self.verdict_label.setStyleSheet(f"QLabel {{ color: {BAD_COLOUR}; }}")
        self.comparison_changed.emit(None)

    def _show(self, inputs: FormulaInputs, comparison: StaffingComparison) -> None:
        formula = comparison.formula
        required = comparison.required
        target_seconds = self.target_seconds_spin.value()
        self.busy_hour_calls_label.setText(
            tr("SeatPlanning", "{calls} 次/小时").format(calls=f"{formula.busy_hour_calls:,.0f}")
        )
        self.formula_label.setText(
            tr(
                "SeatPlanning",
                "{population} 万 × {rate} × {share} × {seconds} 秒 ÷ (3600 × {utilisation}) = {exact}",
            ).format(
                population=f"{self.population_spin.value():g}",
                rate=f"{self.call_rate_spin.value():g}%",
                share=f"{self.busy_hour_spin.value():g}%",
                seconds=self.call_seconds_spin.value(),
                utilisation=f"{self.utilisation_spin.value():g}%",
                exact=f"{formula.exact_seats:,.2f}",
            )
        )
        self.formula_seats_label.setText(tr("SeatPlanning", "{seats} 个").format(seats=formula.seats))
        self.traffic_label.setText(
            tr("SeatPlanning", "{erlangs} Erl（每次 {handling} 秒）").format(
                erlangs=f"{required.traffic_erlangs:,.2f}", handling=f"{comparison.handling_seconds:g}"
            )
        )
        self.required_label.setText(tr("SeatPlanning", "{seats} 个").format(seats=required.agents))
        self.required_detail_label.setText(
            tr(
                "SeatPlanning",
                "排队概率 {wait}，{seconds} 秒内接通 {level}，平均应答 {speed} 秒，占用率 {occupancy}",
            ).format(
                wait=_percent(required.probability_wait),
                seconds=target_seconds,
                level=_percent(required.service_level),
                speed=_seconds(required.average_speed_of_answer),
                occupancy=_percent(required.occupancy),
            )
        )
        at_formula = comparison.at_formula_seats
        if at_formula is None:
            self.at_formula_label.setText("")
        elif at_formula.overloaded:
            self.at_formula_label.setText(
                tr("SeatPlanning", "按公式的 {seats} 个座席：话务量超过座席能力，排队会无限增长").format(
                    seats=at_formula.agents
                )
            )
        else:
            self.at_formula_label.setText(
                tr(
                    "SeatPlanning",
                    "按公式的 {seats} 个座席：{seconds} 秒内接通 {level}，平均应答 {speed} 秒，占用率 {occupancy}",
                ).format(
                    seats=at_formula.agents,
                    seconds=target_seconds,
                    level=_percent(at_formula.service_level, 2),
                    speed=_seconds(at_formula.average_speed_of_answer),
                    occupancy=_percent(at_formula.occupancy),
                )
            )
        self._fill_table(comparison)
        self._show_verdict(comparison)

    def _fill_table(self, comparison: StaffingComparison) -> None:
        required = comparison.required
        counts = {
            count
            for count in range(required.agents - NEIGHBOURS, required.agents + NEIGHBOURS + 1)
            if count >= 1
        }
        counts.add(comparison.formula.seats)
        counts.discard(0)
        results = staffing_table(
            counts,
            comparison.formula.busy_hour_calls,
            comparison.handling_seconds,
            self.target_seconds_spin.value(),
        )
        self.table.setRowCount(len(results))
        for row, result in enumerate(results):
            self._fill_row(row, result, comparison)

    def _fill_row(self, row: int, result: StaffingResult, comparison: StaffingComparison) -> None:
        seats_text = str(result.agents)
        if result.agents == comparison.required.agents:
            seats_text += tr("SeatPlanning", "（所需）")
        if result.agents == comparison.formula.seats:
            seats_text += tr("SeatPlanning", "（公式）")
        values = (
            seats_text,
            _percent(result.probability_wait),
            _percent(result.service_level),
            _seconds(result.average_speed_of_answer),
            _percent(result.occupancy),
        )
        meets = result.service_level >= comparison.target_share
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if column == 2:
                item.setForeground(QColor(GOOD_COLOUR if meets else BAD_COLOUR))
            if result.agents == comparison.required.agents:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, column, item)

    def _show_verdict(self, comparison: StaffingComparison) -> None:
        difference = comparison.difference
        target = _percent(comparison.target_share, 0)
        seconds = self.target_seconds_spin.value()
        if difference > 0:
            text = tr(
                "SeatPlanning",
                "规范公式比 Erlang C 多 {count} 个座席：按公式配置可达到 {seconds} 秒内接通 {target} 的目标。",
            ).format(count=difference, seconds=seconds, target=target)
        elif difference < 0:
            text = tr(
                "SeatPlanning",
                "规范公式比 Erlang C 少 {count} 个座席：按公式配置达不到 {seconds} 秒内接通 {target} 的目标。",
            ).format(count=-difference, seconds=seconds, target=target)
        else:
            text = tr("SeatPlanning", "规范公式与 Erlang C 所需座席数相同。")
        colour = GOOD_COLOUR if comparison.formula_meets_target else BAD_COLOUR
        self.verdict_label.setText(text)
        self.verdict_label.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}")
