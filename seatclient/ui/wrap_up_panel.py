"""The wrap-up (话后整理) part of the call panel: time left or overrun, the order's state, extend and end.

It also shows the short self-check of the call (greeting, job number, no forbidden phrase, record
complete, closing): the points the client judged itself as marks, the others as boxes the call-taker
ticks. What it shows is stored with the order when the order is submitted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from seatclient.compliance.checks import SELF_CONFIRMED_ITEMS, ChecklistItem, SelfCheckItem, self_check_label
from seatclient.i18n import tr
from seatclient.seat import WrapUpCountdown
from seatclient.ui.state_bar import format_duration


class WrapUpPanel(QGroupBox):
    """Shows the wrap-up countdown from server time and offers “extend once” and “end wrap-up”.

    What may be done comes from the seat machine (through ``set_available``); this widget only
    shows it. The countdown is read from ``countdown`` (the session's, in server time) on every
    ``refresh``.

    Signals:
        extend_requested: the person asked to extend the wrap-up.
        end_requested: the person asked to end the wrap-up.
        self_check_confirmed: (``SelfCheckItem`` value, ticked) the person ticked or unticked a point
            of the self-check.
    """

    extend_requested = Signal()
    end_requested = Signal()
    self_check_confirmed = Signal(str, bool)

    def __init__(
        self,
        countdown: Callable[[], WrapUpCountdown | None],
        extension_seconds: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("WrapUpPanel", "话后整理"), parent)
        self.setObjectName("wrapUpPanel")
        self.setAccessibleName(tr("WrapUpPanel", "话后整理"))
        self._countdown = countdown
        self._order_required = True

        self.time_label = QLabel()
        self.time_label.setObjectName("wrapUpTimeLabel")
        self.time_label.setAccessibleDescription(tr("WrapUpPanel", "话后整理剩余时间"))
        self.time_label.setStyleSheet("QLabel { font-size: 18px; font-weight: bold; }")
        self.order_label = QLabel()
        self.order_label.setObjectName("wrapUpOrderLabel")
        self.order_label.setAccessibleDescription(tr("WrapUpPanel", "工单保存状态"))
        self.order_label.setWordWrap(True)

        self.extend_action = QAction(self)
        self.extend_action.setObjectName("actionExtendWrapUp")
        self.set_extension_seconds(extension_seconds)
        self.end_action = QAction(tr("WrapUpPanel", "结束话后整理"), self)
        self.end_action.setObjectName("actionEndWrapUp")
        self.extend_button = _button(self.extend_action, "extendWrapUpButton")
        self.end_button = _button(self.end_action, "endWrapUpButton")

        self._self_check_source: Callable[[], Sequence[ChecklistItem]] | None = None
        self.self_check_widget = QWidget()
        self.self_check_widget.setObjectName("wrapUpSelfCheck")
        self.self_check_widget.setAccessibleName(tr("WrapUpPanel", "话后自查"))
        self.self_check_title = QLabel(tr("WrapUpPanel", "话后自查（随工单保存）："))
        self.self_check_title.setObjectName("wrapUpSelfCheckTitle")
        self.self_check_marks: dict[SelfCheckItem, QLabel] = {}
        self.self_check_boxes: dict[SelfCheckItem, QCheckBox] = {}
        checks = QVBoxLayout(self.self_check_widget)
        checks.setContentsMargins(0, 2, 0, 0)
        checks.setSpacing(1)
        checks.addWidget(self.self_check_title)
        for item in SelfCheckItem:
            if item in SELF_CONFIRMED_ITEMS:
                box = QCheckBox(self_check_label(item))
                box.setObjectName(f"selfCheck_{item.value}")
                box.setAccessibleName(self_check_label(item))
                box.setAccessibleDescription(tr("WrapUpPanel", "做到了就勾选"))
                box.toggled.connect(
                    lambda ticked, item=item: self.self_check_confirmed.emit(item.value, ticked)
                )
                self.self_check_boxes[item] = box
                checks.addWidget(box)
            else:
                mark = QLabel()
                mark.setObjectName(f"selfCheck_{item.value}")
                self.self_check_marks[item] = mark
                checks.addWidget(mark)
        self.self_check_widget.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.extend_button)
        buttons.addWidget(self.end_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.time_label)
        layout.addWidget(self.order_label)
        layout.addWidget(self.self_check_widget)
        layout.addLayout(buttons)

        self.extend_action.triggered.connect(self.extend_requested.emit)
        self.end_action.triggered.connect(self.end_requested.emit)
        self.set_actions_enabled(can_extend=False, can_end=False)

    def set_extension_seconds(self, seconds: int) -> None:
        """Name the extension on its button (“延长 60 秒”)."""
        self.extend_action.setText(tr("WrapUpPanel", "延长 {seconds} 秒").format(seconds=seconds))

    def set_order_required(self, required: bool) -> None:
        """Whether the rules keep the wrap-up open until the order is saved."""
        self._order_required = required

    def set_self_check_source(self, source: Callable[[], Sequence[ChecklistItem]] | None) -> None:
        """Show the self-check ``source`` returns on every refresh; hidden when ``None``."""
        self._self_check_source = source
        self.self_check_widget.setVisible(source is not None)

    def show_self_check(self, items: Sequence[ChecklistItem]) -> None:
        """Show ``items``: marks for the points the client judged, boxes for the ones the person ticks.

        Boxes are updated without signals and never take the focus: the person may be typing the order.
        """
        for entry in items:
            box = self.self_check_boxes.get(entry.item)
            if box is not None:
                if box.isChecked() != bool(entry.passed):
                    box.blockSignals(True)
                    box.setChecked(bool(entry.passed))
                    box.blockSignals(False)
                continue
            mark = self.self_check_marks.get(entry.item)
            if mark is None:
                continue
            if entry.passed:
                text = tr("WrapUpPanel", "✓ {label}").format(label=entry.label)
                spoken = tr("WrapUpPanel", "{label}：已做到").format(label=entry.label)
                colour = "#1e8449"
            else:
                text = tr("WrapUpPanel", "✗ {label}").format(label=entry.label)
                spoken = tr("WrapUpPanel", "{label}：未做到").format(label=entry.label)
                colour = "#c0392b"
            mark.setText(text)
            mark.setAccessibleName(spoken)
            mark.setStyleSheet(f"QLabel {{ color: {colour}; }}")

    def set_actions_enabled(self, can_extend: bool, can_end: bool) -> None:
        """Enable what the seat machine allows now."""
        self.extend_action.setEnabled(can_extend)
        self.end_action.setEnabled(can_end)

    def refresh(self) -> None:
        """Redraw the countdown (called every tick while in wrap-up)."""
        countdown = self._countdown()
        if countdown is None:
            self.time_label.setText("")
            self.order_label.setText("")
            return
        if countdown.overrun_seconds > 0 or countdown.remaining_seconds == 0:
            text = tr("WrapUpPanel", "已超时 {time}").format(time=format_duration(countdown.overrun))
            colour = "#c0392b"
        else:
            text = tr("WrapUpPanel", "剩余 {time}").format(time=format_duration(countdown.remaining))
            colour = "#d35400" if countdown.remaining_seconds <= 10 else "#2c3e50"
        self.time_label.setText(text)
        self.time_label.setAccessibleName(text)
        self.time_label.setStyleSheet(f"QLabel {{ font-size: 18px; font-weight: bold; color: {colour}; }}")
        if countdown.order_saved:
            order = tr("WrapUpPanel", "工单：已保存")
        elif self._order_required:
            order = tr("WrapUpPanel", "工单：未保存（保存工单后才能结束话后整理）")
        else:
            order = tr("WrapUpPanel", "工单：未保存")
        self.order_label.setText(order)
        self.order_label.setAccessibleName(order)
        if self._self_check_source is not None:
            self.show_self_check(self._self_check_source())


def _button(action: QAction, name: str) -> QToolButton:
    button = QToolButton()
    button.setObjectName(name)
    button.setDefaultAction(action)
    button.setAccessibleName(action.text())
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setMinimumHeight(30)
    return button
