"""The "today" region (今日工单): the call-taker's orders of today with their delivery state, live.

The rows come from ``seatclient.outbox.today.TodayList``, fed by the outbox's announcements, so a
row changes as its order is sent, delivered, refused or retried. A refused order is opened again
in the form (``open_requested``) by a double click, Enter, or the "修改并重新提交" button.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from seatclient.i18n import tr
from seatclient.outbox import DeliveryState, Outbox, OutboxEntry, PayloadKeys, TodayList, TodayOrder

_ATTENTION = QColor("#c0392b")
_WAITING = QColor("#7d5a00")
_DONE = QColor("#1e7b34")

AnyIndex = QModelIndex | QPersistentModelIndex


def _headers() -> list[str]:
    return [
        tr("TodayOrders", "工单号"),
        tr("TodayOrders", "发送状态"),
        tr("TodayOrders", "来电人"),
        tr("TodayOrders", "处理方式"),
        tr("TodayOrders", "办结时限"),
        tr("TodayOrders", "业务分类"),
    ]


# The delivery state comes second and the topic last: in a narrow dock what is cut off is the
# topic, never whether the order arrived.
COLUMN_NUMBER, COLUMN_STATE, COLUMN_CALLER, COLUMN_DISPOSITION, COLUMN_DUE, COLUMN_TOPIC = range(6)

_COLUMN_SAMPLES = {
    COLUMN_NUMBER: "HZ20261122000123",
    COLUMN_CALLER: "欧阳娜娜娜",
    COLUMN_DISPOSITION: "关联已有工单",
    COLUMN_DUE: "办结时限",
    COLUMN_STATE: "被退回，待修改",
    COLUMN_TOPIC: "城乡建设 / 城市建设和管理",
}
"""The widest text each fixed-width column usually shows."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


class TodayOrdersModel(QAbstractTableModel):
    """A table over ``TodayList``: one row per order, newest first; one row updated per outbox change.

    Args:
        keys: where the caller and the topic are in a payload.
        now: the current time (aware), which says when today began.
        parent: the Qt parent.
    """

    def __init__(
        self,
        keys: PayloadKeys | None = None,
        now: Callable[[], datetime] = _utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._list = TodayList(keys=keys, now=now)
        self._headers = _headers()

    @property
    def today(self) -> TodayList:
        """The rows."""
        return self._list

    def load(self, entries: list[OutboxEntry]) -> None:
        """Show the orders of ``entries`` (enqueue order), replacing every row."""
        self.beginResetModel()
        self._list.load(entries)
        self.endResetModel()

    def apply(self, entry: OutboxEntry) -> None:
        """Take one entry the outbox announced (``Outbox.entry_changed``)."""
        if self._list.would_insert(entry):
            # A new order goes on top: the view is told before the list changes under it.
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._list.apply(entry)
            self.endInsertRows()
            return
        change = self._list.apply(entry)
        if change is not None:
            self.dataChanged.emit(self.index(change.row, 0), self.index(change.row, self.columnCount() - 1))

    def order(self, row: int) -> TodayOrder:
        """The order shown in ``row``."""
        return self._list.row(row)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """The number of orders (a table has no children)."""
        return 0 if parent.isValid() else len(self._list)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Number, caller, topic, disposition, due date, delivery state."""
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """The column titles."""
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """What a cell shows: its text, a tooltip with the problem, the state's colour."""
        if not index.isValid() or index.row() >= len(self._list):
            return None
        order = self._list.row(index.row())
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cell_text(order, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(order)
        if role == Qt.ItemDataRole.ForegroundRole and column in (COLUMN_STATE, COLUMN_NUMBER):
            if order.needs_attention or order.state is DeliveryState.RETRYING:
                return QBrush(_ATTENTION)
            if order.state is DeliveryState.DELIVERED:
                return QBrush(_DONE)
            return QBrush(_WAITING)
        return None

    @staticmethod
    def _cell_text(order: TodayOrder, column: int) -> str:
        if column == COLUMN_NUMBER:
            return order.order_number or tr("TodayOrders", "（待编号）")
        if column == COLUMN_CALLER:
            return order.caller
        if column == COLUMN_TOPIC:
            return order.topic
        if column == COLUMN_DISPOSITION:
            return order.disposition
        if column == COLUMN_DUE:
            return order.due_text()
        return order.state_text()

    @staticmethod
    def _tooltip(order: TodayOrder) -> str:
        lines = [order.state_text()]
        if order.topic:
            lines.append(tr("TodayOrders", "业务分类：{topic}").format(topic=order.topic))
        if order.unit_name:
            lines.append(tr("TodayOrders", "承办单位：{unit}").format(unit=order.unit_name))
        if order.problem:
            lines.append(order.problem)
        if order.needs_attention and order.state is DeliveryState.REJECTED:
            lines.append(tr("TodayOrders", "双击或按回车打开工单，修改后重新提交。"))
        return "\n".join(lines)


class _OrdersTable(QTableView):
    """The table; Enter opens the selected order like a double click."""

    activated_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter or Return opens the current row."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class TodayOrdersPanel(QWidget):
    """The today region: the table, a line saying what is outstanding, and "修改并重新提交".

    Args:
        keys: where the caller and the topic are in a payload.
        now: the current time (aware).
        parent: the Qt parent.

    Signals:
        open_requested: (entry id) the person asked to correct this refused order.
    """

    open_requested = Signal(int)

    def __init__(
        self,
        keys: PayloadKeys | None = None,
        now: Callable[[], datetime] = _utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("todayOrders")
        self.setAccessibleName(tr("TodayOrders", "今日工单"))
        self._outbox: Outbox | None = None
        self.model = TodayOrdersModel(keys, now, self)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("todayOrdersSummary")
        self.summary_label.setAccessibleName(tr("TodayOrders", "今日工单概况"))
        self.summary_label.setWordWrap(True)

        self.table = _OrdersTable()
        self.table.setObjectName("todayOrdersTable")
        self.table.setAccessibleName(tr("TodayOrders", "今日工单列表"))
        self.table.setAccessibleDescription(
            tr("TodayOrders", "上下键选择工单，回车打开被退回的工单修改后重新提交")
        )
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        # Fixed widths from the font, not "resize to contents": that reads every row on every
        # change, which makes flushing a thousand queued orders quadratic.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.table.fontMetrics()
        for column, sample in _COLUMN_SAMPLES.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.activated_row.connect(self._open_row)

        self.open_button = QPushButton(tr("TodayOrders", "修改并重新提交"))
        self.open_button.setObjectName("todayOrdersOpen")
        self.open_button.setAccessibleName(tr("TodayOrders", "打开被退回的工单修改"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_current)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(lambda current, _previous: self._update_button())
        self.model.modelReset.connect(self._refresh)
        self.model.rowsInserted.connect(self._refresh)
        self.model.dataChanged.connect(self._refresh)

        buttons = QHBoxLayout()
        buttons.addWidget(self.summary_label, 1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)
        self._refresh()

    def set_outbox(self, outbox: Outbox | None) -> None:
        """Follow ``outbox`` (the signed-in person's orders), or show none when ``None``."""
        if self._outbox is not None:
            self._outbox.entry_changed.disconnect(self.model.apply)
        self._outbox = outbox
        self.model.load(outbox.entries() if outbox is not None else [])
        if outbox is not None:
            outbox.entry_changed.connect(self.model.apply)

    def select_entry(self, entry_id: int) -> bool:
        """Select the row of the order whose newest revision is ``entry_id``; ``False`` when it is not listed."""
        row = self.model.today.find(entry_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True

    def _current_order(self) -> TodayOrder | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.order(index.row())

    def _update_button(self) -> None:
        order = self._current_order()
        self.open_button.setEnabled(order is not None and order.state is DeliveryState.REJECTED)

    def _refresh(self) -> None:
        today = self.model.today
        refused = today.attention_count()
        text = tr("TodayOrders", "今日 {total} 张：已送达 {delivered}，待发送 {pending}").format(
            total=len(today), delivered=today.count(DeliveryState.DELIVERED), pending=today.pending_count()
        )
        if refused:
            text += tr("TodayOrders", "，待处理 {count}").format(count=refused)
        self.summary_label.setText(text)
        style = f"QLabel {{ color: {_ATTENTION.name() if refused else '#1f4e79'}; }}"
        if style != self.summary_label.styleSheet():
            self.summary_label.setStyleSheet(style)
        self._update_button()

    def _open_current(self) -> None:
        order = self._current_order()
        if order is not None:
            self._open_row(self.table.currentIndex().row())

    def _open_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        order = self.model.order(row)
        if order.state is DeliveryState.REJECTED:
            self.open_requested.emit(order.entry_id)
