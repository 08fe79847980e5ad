"""The repeat-caller panel (历史工单): a ringing caller's earlier orders, and "how is my matter going".

When a call rings the panel looks the caller's number up at the backend (``RepeatCallerLookup``) and
lists the earlier orders, open ones first, with status and due date (ZJ art. 12: the same matter is
not accepted twice, so the call-taker must see it). "Link this call" asks for the disposition
关联已有工单 with the chosen order instead of a duplicate; the repeat-caller script can be offered.
The number box below (Ctrl+Shift+O) looks one order up by number for a caller asking how their
matter is going (HZ 4.3): status, handling unit, due date and the latest step.

A withheld number is said so and not looked up. When the backend cannot be reached the panel says
so, keeps the number, and looks again once the link is back (or on 重试). Confidential orders come
masked from the core; the panel shows what it is given. It decides nothing: the look-ups are the
core's, the link and the script are asked for through signals.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from seatclient.api.models import CallInfo, CallPhase
from seatclient.forms.calendar import SHANGHAI
from seatclient.forms.repeat_callers import (
    CallerHistory,
    EarlierOrder,
    LookupFailed,
    OrderProgressReport,
    RepeatCallerLookup,
)
from seatclient.i18n import tr
from seatclient.tasks import BackgroundTasks

REPEAT_CALLER_SHORTCUTS: dict[str, str] = {
    "panel.repeat_callers": "Alt+6",
    "order.lookup": "Ctrl+Shift+O",
}
"""Action id → default key; ``panel.repeat_callers`` is the window's region key, ``order.lookup`` the panel's."""

_LOOKING_UP_PHASES = (CallPhase.RINGING, CallPhase.TALKING, CallPhase.HELD)
_ORDER_ROLE = Qt.ItemDataRole.UserRole
_OPEN_COLOUR = QColor("#1f4e79")
_OVERDUE_COLOUR = QColor("#c0392b")


def _day(moment: datetime) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d")


def _minute(moment: datetime) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


class EarlierOrdersModel(QAbstractTableModel):
    """The caller's earlier orders as a table: number, open or closed, status, due date, topic.

    Open orders are bold; an open order past its due date shows the date in red. The tooltip of a
    row is its topic and the caller's request as the core gives it (masked when confidential).

    Args:
        today: the hall's date now (for "past its due date").
        parent: the Qt parent.
    """

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._orders: list[EarlierOrder] = []
        self._headers = (
            tr("RepeatCallerPanel", "工单号"),
            tr("RepeatCallerPanel", "办理"),
            tr("RepeatCallerPanel", "状态"),
            tr("RepeatCallerPanel", "办结时限"),
            tr("RepeatCallerPanel", "业务分类"),
        )

    def set_orders(self, orders: tuple[EarlierOrder, ...] | list[EarlierOrder]) -> None:
        """Show ``orders`` in the order given."""
        self.beginResetModel()
        self._orders = list(orders)
        self.endResetModel()

    def orders(self) -> list[EarlierOrder]:
        """The orders shown."""
        return list(self._orders)

    def order_at(self, row: int) -> EarlierOrder | None:
        """The order in ``row``, if any."""
        return self._orders[row] if 0 <= row < len(self._orders) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """One row per order (a table: no children)."""
        return 0 if parent.isValid() else len(self._orders)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Number, open or closed, status, due date, topic."""
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The column titles."""
        horizontal = orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        if horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Texts, the order number (``UserRole``), bold open rows, red overdue dates and the request as tooltip."""
        order = self.order_at(index.row()) if index.isValid() else None
        if order is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(order, column)
        if role == _ORDER_ROLE:
            return order.order_number
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole row in a narrow column: the topic (the last, widest column) and the request.
            return "\n".join(part for part in (order.topic, order.summary) if part) or None
        if role == Qt.ItemDataRole.FontRole and order.is_open:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 3 and order.overdue(self._today()):
                return QBrush(_OVERDUE_COLOUR)
            if column == 1 and order.is_open:
                return QBrush(_OPEN_COLOUR)
        return None

    def _text(self, order: EarlierOrder, column: int) -> str:
        if column == 0:
            return order.order_number
        if column == 1:
            return tr("RepeatCallerPanel", "办理中") if order.is_open else tr("RepeatCallerPanel", "已结束")
        if column == 2:
            return order.status_label
        if column == 3:
            if order.due is None:
                return "—"
            if order.overdue(self._today()):
                return tr("RepeatCallerPanel", "{date}（已超期）").format(date=order.due.isoformat())
            return order.due.isoformat()
        return order.topic or "—"


class RepeatCallerPanel(QWidget):
    """The caller's earlier orders while a call rings or is talked, and a look-up by order number.

    Args:
        lookup: the core's look-ups (by phone, by number; one of each at a time).
        tasks: where the look-ups run.
        today: the hall's date now.
        shortcuts: action id → key (``order.lookup`` focuses the number box).
        parent: the parent widget.

    Signals:
        link_requested: (order number) link the current call to this earlier order (关联已有工单).
        repeat_script_requested: the call-taker wants the repeat-caller script shown.
        history_changed: (``CallerHistory`` or ``None``) the caller's earlier orders arrived, or were cleared.
    """

    link_requested = Signal(str)
    repeat_script_requested = Signal()
    history_changed = Signal(object)

    def __init__(
        self,
        lookup: RepeatCallerLookup,
        tasks: BackgroundTasks,
        today: Callable[[], date],
        shortcuts: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("repeatCallerPanel")
        self.setAccessibleName(tr("RepeatCallerPanel", "历史工单"))
        self._lookup = lookup
        self._tasks = tasks
        self._keys = {**REPEAT_CALLER_SHORTCUTS, **(shortcuts or {})}
        self._call_id: str | None = None
        self._phone = ""
        self._history: CallerHistory | None = None
        self._report: OrderProgressReport | None = None
        self._retry_pending = False

        # -- the caller's orders --
        self.caller_box = QGroupBox(tr("RepeatCallerPanel", "来电人的历史工单"))
        self.caller_box.setObjectName("callerHistoryBox")
        self.caller_box.setAccessibleName(tr("RepeatCallerPanel", "来电人的历史工单"))
        self.header_label = QLabel()
        self.header_label.setObjectName("callerHistoryHeader")
        self.header_label.setAccessibleIdentifier("callerHistoryHeader")
        self.header_label.setAccessibleDescription(tr("RepeatCallerPanel", "历史工单查询结果"))
        self.header_label.setWordWrap(True)
        self.retry_button = QPushButton(tr("RepeatCallerPanel", "重试"))
        self.retry_button.setObjectName("repeatCallerRetry")
        self.retry_button.setAccessibleName(tr("RepeatCallerPanel", "重新查询历史工单"))
        self.retry_button.setAutoDefault(False)
        self.retry_button.hide()
        header_row = QHBoxLayout()
        header_row.addWidget(self.header_label, 1)
        header_row.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)

        self.model = EarlierOrdersModel(today, self)
        self.table = QTableView()
        self.table.setObjectName("earlierOrders")
        self.table.setAccessibleName(tr("RepeatCallerPanel", "历史工单列表"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 4 + header.height())
        self.table.activated.connect(self._on_row_activated)

        self.link_button = QPushButton(tr("RepeatCallerPanel", "本次来电关联到所选工单"))
        self.link_button.setObjectName("linkToEarlierOrder")
        self.link_button.setAccessibleName(tr("RepeatCallerPanel", "本次来电关联到所选工单"))
        self.link_button.setToolTip(
            tr("RepeatCallerPanel", "同一事项不重复建单：以“关联已有工单”办理本次来电（ZJ 第十二条）")
        )
        self.link_button.setAutoDefault(False)
        self.link_button.clicked.connect(self.request_link_to_selected)
        self.script_button = QPushButton(tr("RepeatCallerPanel", "重复来电话术"))
        self.script_button.setObjectName("repeatCallerScript")
        self.script_button.setAccessibleName(tr("RepeatCallerPanel", "显示重复来电话术"))
        self.script_button.setAutoDefault(False)
        self.script_button.clicked.connect(self.repeat_script_requested)
        caller_buttons = QHBoxLayout()
        caller_buttons.addWidget(self.link_button, 1)
        caller_buttons.addWidget(self.script_button)
        caller_layout = QVBoxLayout(self.caller_box)
        caller_layout.setSpacing(6)
        caller_layout.addLayout(header_row)
        caller_layout.addWidget(self.table, 1)
        caller_layout.addLayout(caller_buttons)

        # -- one order by number --
        key = self._keys.get("order.lookup", "")
        key_text = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) if key else ""
        self.order_box = QGroupBox(
            tr("RepeatCallerPanel", "查询办理进度（{key}）").format(key=key_text)
            if key_text
            else tr("RepeatCallerPanel", "查询办理进度")
        )
        self.order_box.setObjectName("orderLookupBox")
        self.order_box.setAccessibleName(tr("RepeatCallerPanel", "查询办理进度"))
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("orderLookupNumber")
        self.number_edit.setAccessibleName(tr("RepeatCallerPanel", "工单号"))
        self.number_edit.setPlaceholderText(
            tr("RepeatCallerPanel", "工单号，如 {example}").format(example=lookup.rules.order_number_example)
        )
        self.number_edit.returnPressed.connect(self._on_number_entered)
        self.lookup_button = QPushButton(tr("RepeatCallerPanel", "查询（Enter）"))
        self.lookup_button.setObjectName("orderLookupButton")
        self.lookup_button.setAccessibleName(tr("RepeatCallerPanel", "查询工单"))
        self.lookup_button.setAutoDefault(False)
        self.lookup_button.clicked.connect(self._on_number_entered)
        number_row = QHBoxLayout()
        number_row.addWidget(self.number_edit, 1)
        number_row.addWidget(self.lookup_button)
        self.report_label = QLabel()
        self.report_label.setObjectName("orderLookupResult")
        self.report_label.setAccessibleIdentifier("orderLookupResult")
        self.report_label.setAccessibleDescription(tr("RepeatCallerPanel", "工单办理进度"))
        self.report_label.setWordWrap(True)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.link_report_button = QPushButton(tr("RepeatCallerPanel", "本次来电关联到此工单"))
        self.link_report_button.setObjectName("linkToLookedUpOrder")
        self.link_report_button.setAccessibleName(tr("RepeatCallerPanel", "本次来电关联到查询的工单"))
        self.link_report_button.setAutoDefault(False)
        self.link_report_button.clicked.connect(self._on_link_report_clicked)
        self.link_report_button.hide()
        order_layout = QVBoxLayout(self.order_box)
        order_layout.setSpacing(6)
        order_layout.addLayout(number_row)
        order_layout.addWidget(self.report_label)
        order_layout.addWidget(self.link_report_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(8)
        layout.addWidget(self.caller_box, 1)
        layout.addWidget(self.order_box)

        self.focus_lookup_action = QAction(tr("RepeatCallerPanel", "按工单号查询办理进度"), self)
        self.focus_lookup_action.setObjectName("actionOrderLookup")
        if key:
            self.focus_lookup_action.setShortcut(QKeySequence(key))
        self.focus_lookup_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.focus_lookup_action.triggered.connect(self.focus_order_lookup)
        self.addAction(self.focus_lookup_action)
        self.retry_button.clicked.connect(self.retry)

        QWidget.setTabOrder(self.table, self.link_button)
        QWidget.setTabOrder(self.link_button, self.script_button)
        QWidget.setTabOrder(self.script_button, self.number_edit)
        QWidget.setTabOrder(self.number_edit, self.lookup_button)
        QWidget.setTabOrder(self.lookup_button, self.link_report_button)
        self._show_idle()

    # -- what is shown -----------------------------------------------------------------------------

    @property
    def history(self) -> CallerHistory | None:
        """The caller's earlier orders shown, ``None`` when none were looked up (or the look-up failed)."""
        return self._history

    @property
    def call_id(self) -> str | None:
        """The call whose caller was looked up last (kept after the call ends), ``None`` before any."""
        return self._call_id

    @property
    def report(self) -> OrderProgressReport | None:
        """The order looked up by number, if any."""
        return self._report

    def header_text(self) -> str:
        """What the panel says about the caller's look-up."""
        return self.header_label.text()

    def report_text(self) -> str:
        """What the panel shows for the order looked up by number (plain text)."""
        return self.report_label.text()

    def selected_order(self) -> EarlierOrder | None:
        """The earlier order selected in the list, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.order_at(rows[0].row()) if rows else None

    def _say(self, text: str, warning: bool = False) -> None:
        self.header_label.setText(text)
        self.header_label.setStyleSheet("QLabel { color: #922b21; }" if warning else "")

    def _show_idle(self) -> None:
        self._say(tr("RepeatCallerPanel", "来电振铃时自动按号码查询来电人的历史工单。"))
        self._show_orders(None)

    def _show_orders(self, history: CallerHistory | None) -> None:
        self._history = history
        self.model.set_orders(history.orders if history is not None else [])
        has_orders = history is not None and bool(history.orders)
        self.link_button.setEnabled(has_orders and self._call_id is not None)
        self.script_button.setEnabled(history is not None and bool(history.open_orders))
        if has_orders:
            self.table.selectRow(0)
        self.history_changed.emit(history)

    # -- following the call ------------------------------------------------------------------------

    def follow_call(self, call: CallInfo | None) -> None:
        """Look up a new call's caller when it rings (or is found talking); keep the list after it ends."""
        if call is None or call.phase not in _LOOKING_UP_PHASES or call.call_id == self._call_id:
            return
        self._call_id = call.call_id
        self._retry_pending = False
        self.retry_button.hide()
        if call.number_withheld or not call.caller_number.strip():
            self._lookup.cancel()
            self._phone = ""
            self._show_orders(None)
            self._say(
                tr(
                    "RepeatCallerPanel",
                    "来电号码未显示，无法按号码查询历史工单；如来电人报出工单号，可在下方查询。",
                )
            )
            return
        self._phone = call.caller_number
        self._start_caller_lookup()

    def clear(self) -> None:
        """Forget the caller and the order looked up (sign-out)."""
        self._lookup.cancel()
        self._call_id = None
        self._phone = ""
        self._retry_pending = False
        self._report = None
        self.retry_button.hide()
        self.number_edit.clear()
        self.report_label.clear()
        self.link_report_button.hide()
        self._show_idle()

    def retry(self) -> None:
        """Look the caller up again (after the backend could not be reached)."""
        if self._phone and self._call_id is not None:
            self._start_caller_lookup()

    def connection_restored(self) -> None:
        """The link to the backend is back: repeat a look-up that failed for want of it."""
        if self._retry_pending:
            self.retry()

    def _start_caller_lookup(self) -> None:
        self._retry_pending = False
        self.retry_button.hide()
        self._show_orders(None)
        self._say(tr("RepeatCallerPanel", "正在查询来电人的历史工单……"))
        task = self._lookup.start_caller_lookup(self._phone)
        self._tasks.spawn(
            self._show_caller(self._call_id, task), key="repeat-callers.caller", if_running="cancel"
        )

    async def _show_caller(self, call_id: str | None, task: asyncio.Task[CallerHistory]) -> None:
        try:
            history = await task
        except LookupFailed as failed:
            if call_id != self._call_id:
                return
            self._retry_pending = failed.retryable
            self.retry_button.setVisible(failed.retryable)
            message = failed.message
            if failed.retryable:
                message = tr("RepeatCallerPanel", "{problem}已记下来电号码，连接恢复后自动重新查询。").format(
                    problem=failed.message
                )
            self._say(message, warning=True)
            return
        if call_id != self._call_id:
            return
        self._show_orders(history)
        if not history.orders:
            self._say(
                tr("RepeatCallerPanel", "来电 {caller}：没有历史工单。").format(caller=history.caller_label)
            )
            return
        text = tr("RepeatCallerPanel", "来电 {caller}：历史工单 {total} 张，其中办理中 {open} 张。").format(
            caller=history.caller_label, total=history.total, open=len(history.open_orders)
        )
        if history.total > len(history.orders):
            text += tr("RepeatCallerPanel", "（列出最近 {shown} 张）").format(shown=len(history.orders))
        if history.open_orders:
            text += tr("RepeatCallerPanel", "同一事项请关联原工单，不要重复建单。")
        self._say(text, warning=bool(history.open_orders))

    # -- linking -----------------------------------------------------------------------------------

    def request_link_to_selected(self) -> bool:
        """Ask to link the current call to the selected earlier order; ``False`` when none is selected."""
        order = self.selected_order()
        if order is None or self._call_id is None:
            return False
        self.link_requested.emit(order.order_number)
        return True

    def _on_link_report_clicked(self) -> None:
        if self._report is not None and self._call_id is not None:
            self.link_requested.emit(self._report.order.order_number)

    def _on_row_activated(self, index: QModelIndex) -> None:
        # Enter or a double click on a row shows that order's progress below.
        order = self.model.order_at(index.row())
        if order is not None:
            self.lookup_order(order.order_number)

    # -- by order number ---------------------------------------------------------------------------

    def focus_order_lookup(self) -> None:
        """Put the cursor in the order-number box, its text selected (Ctrl+Shift+O)."""
        self.number_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.number_edit.selectAll()

    def lookup_order(self, text: str) -> None:
        """Look the order numbered ``text`` up and show its progress (the number box shows it)."""
        self.number_edit.setText(text)
        self._on_number_entered()

    def _on_number_entered(self) -> None:
        text = self.number_edit.text()
        self._report = None
        self.link_report_button.hide()
        self.report_label.setStyleSheet("")
        self.report_label.setText(tr("RepeatCallerPanel", "正在查询……"))
        task = self._lookup.start_order_lookup(text)
        self._tasks.spawn(self._show_report(task), key="repeat-callers.order", if_running="cancel")

    async def _show_report(self, task: asyncio.Task[OrderProgressReport]) -> None:
        try:
            report = await task
        except LookupFailed as failed:
            self.report_label.setStyleSheet("QLabel { color: #922b21; }")
            self.report_label.setText(failed.message)
            return
        self._report = report
        self.report_label.setText(self._describe(report))
        self.link_report_button.setVisible(self._call_id is not None)

    def _describe(self, report: OrderProgressReport) -> str:
        order = report.order
        lines = [
            tr("RepeatCallerPanel", "工单 {number}（{registered} 登记）").format(
                number=order.order_number, registered=_day(order.registered_at)
            ),
            tr("RepeatCallerPanel", "状态：{status}").format(status=order.status_label),
            tr("RepeatCallerPanel", "承办单位：{unit}").format(unit=order.unit_name or "—"),
            tr("RepeatCallerPanel", "办结时限：{due}").format(
                due=order.due.isoformat() if order.due else "—"
            ),
        ]
        if order.topic:
            lines.append(tr("RepeatCallerPanel", "业务分类：{topic}").format(topic=order.topic))
        latest = report.latest
        if latest is not None:
            step = tr("RepeatCallerPanel", "最新进展：{at} {status}").format(
                at=_minute(latest.at), status=latest.status_label
            )
            if latest.note:
                step += tr("RepeatCallerPanel", "，{note}").format(note=latest.note)
            lines.append(step)
        if report.reply:
            lines.append(tr("RepeatCallerPanel", "答复：{reply}").format(reply=report.reply))
        return "\n".join(lines)
