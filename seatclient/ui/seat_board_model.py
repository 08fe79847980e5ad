"""The team leader's seat board as a Qt item model over the Qt-free ``FloorState``.

One row per seat, in floor-plan order. A floor event touches only the rows it changed: a changed seat
is one ``dataChanged`` for its row, a seat that joins or leaves is one ``rowsInserted`` or
``rowsRemoved``; only a new floor plan resets the model. Durations (time in state, call length) are
computed when a view paints, against the server clock, so the clock ticking changes no data: views
repaint their visible part once a second instead (``SeatBoardWidget`` does).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from seatclient.floor.alerts import AlertBook, AlertEntry, AlertLevel, AlertUpdate
from seatclient.floor.plan import SortKey
from seatclient.floor.records import FloorPending, FloorSeat
from seatclient.floor.state import FloorChange, FloorFilter, FloorState
from seatclient.i18n import join_list, join_phrases, tr
from seatclient.seat.states import ReasonCode, SeatState
from seatclient.ui.state_bar import STATE_COLOURS, format_duration, state_label

ModelIndex = QModelIndex | QPersistentModelIndex

ALERT_COLOURS: dict[AlertLevel, str] = {
    AlertLevel.info: "#b7950b",
    AlertLevel.warning: "#e67e22",
    AlertLevel.critical: "#c0392b",
}
"""The highlight of a seat with an alert, by level."""

ACKNOWLEDGED_ALERT_COLOUR = "#95a5a6"
"""The highlight of a seat whose alerts were all acknowledged."""

STATE_ORDER: dict[SeatState, int] = {state: index for index, state in enumerate(SeatState)}
"""How states sort in the table: as the enum lists them."""


class SeatColumn(IntEnum):
    """The table's columns."""

    SEAT = 0
    JOB_NUMBER = 1
    NAME = 2
    TEAM = 3
    STATE = 4
    REASON = 5
    TIME_IN_STATE = 6
    CALL_DURATION = 7
    PENDING_NEXT = 8
    ALERTS = 9


class SeatBoardRole(IntEnum):
    """Roles beyond Qt's own, the same for every column of a row (except ``SORT``)."""

    SEAT = Qt.ItemDataRole.UserRole + 1
    """The ``FloorSeat`` of the row."""
    SEAT_ID = Qt.ItemDataRole.UserRole + 2
    """The seat id (str)."""
    STATE = Qt.ItemDataRole.UserRole + 3
    """The seat state's wire value (str)."""
    STATE_COLOUR = Qt.ItemDataRole.UserRole + 4
    """The state's colour (``QColor``)."""
    SORT = Qt.ItemDataRole.UserRole + 5
    """The column's sort value (int, float or str)."""
    ALERT_LEVEL = Qt.ItemDataRole.UserRole + 6
    """The most urgent alert's level value (str), ``""`` when calm."""
    ALERT_ACKNOWLEDGED = Qt.ItemDataRole.UserRole + 7
    """Whether every alert of the seat was acknowledged (bool); ``False`` when calm."""
    PENDING_TEXT = Qt.ItemDataRole.UserRole + 8
    """The booked next state in words (str), ``""`` when none."""
    REASON_TEXT = Qt.ItemDataRole.UserRole + 9
    """The reason's label (str), ``""`` when none."""


_COLUMNS = tuple(SeatColumn)
_SEAT_ROLE = int(SeatBoardRole.SEAT)
_DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE_TEXT_ROLE = int(Qt.ItemDataRole.AccessibleTextRole)
_DECORATION_ROLE = int(Qt.ItemDataRole.DecorationRole)
_BACKGROUND_ROLE = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND_ROLE = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)
_USER_ROLE = int(Qt.ItemDataRole.UserRole)


def column_title(column: SeatColumn) -> str:
    """The column's header text."""
    match column:
        case SeatColumn.SEAT:
            return tr("SeatBoard", "座席")
        case SeatColumn.JOB_NUMBER:
            return tr("SeatBoard", "工号")
        case SeatColumn.NAME:
            return tr("SeatBoard", "姓名")
        case SeatColumn.TEAM:
            return tr("SeatBoard", "班组")
        case SeatColumn.STATE:
            return tr("SeatBoard", "状态")
        case SeatColumn.REASON:
            return tr("SeatBoard", "原因")
        case SeatColumn.TIME_IN_STATE:
            return tr("SeatBoard", "状态时长")
        case SeatColumn.CALL_DURATION:
            return tr("SeatBoard", "通话时长")
        case SeatColumn.PENDING_NEXT:
            return tr("SeatBoard", "通话后")
        case SeatColumn.ALERTS:
            return tr("SeatBoard", "告警")


def _state_icon(colour: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class SeatBoardModel(QAbstractTableModel):
    """A table of the floor's seats, one row per seat in floor-plan order, kept from ``FloorState``.

    Call ``refresh_alerts`` once a second (time-based alerts come due without any event) and
    ``detach`` before dropping the model, so the floor stops calling it.

    Args:
        floor: the floor state; the model follows its ``changed`` signal.
        alerts: the alert book; re-evaluated for every changed seat.
        reasons: the away reason codes by code, for labels.
        now: the server clock.
        language: ``zh_CN`` or ``en``, for reason labels.
        parent: the Qt parent.

    Signals:
        floor_changed: (``FloorChange``) after the model applied a floor change.
        alerts_changed: the set of active alerts, or an acknowledgement, changed.
    """

    floor_changed = Signal(object)
    alerts_changed = Signal()

    def __init__(
        self,
        floor: FloorState,
        alerts: AlertBook,
        reasons: Mapping[str, ReasonCode],
        now: Callable[[], datetime],
        language: str = "zh_CN",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._floor = floor
        self._alerts = alerts
        self._reasons = dict(reasons)
        self._now = now
        self._language = language
        self._rows: list[str] = floor.seat_ids()
        self._keys: list[SortKey] = [floor.sort_key(seat_id) for seat_id in self._rows]
        self._colours = {state: QColor(STATE_COLOURS[state]) for state in SeatState}
        self._icons = {state: _state_icon(colour) for state, colour in self._colours.items()}
        self._state_labels = {state: state_label(state) for state in SeatState}
        self._alert_colours = {level: QColor(colour) for level, colour in ALERT_COLOURS.items()}
        self._acknowledged_colour = QColor(ACKNOWLEDGED_ALERT_COLOUR)
        self._white = QColor("white")
        self._titles = [column_title(column) for column in SeatColumn]
        self._attached = True
        floor.changed.connect(self._on_floor_changed)
        self._apply_alert_update(alerts.refresh(floor.seats(), now()), already_changed=set())

    @property
    def floor(self) -> FloorState:
        """The floor state the model shows."""
        return self._floor

    @property
    def alerts(self) -> AlertBook:
        """The alert book the model shows."""
        return self._alerts

    @property
    def reasons(self) -> Mapping[str, ReasonCode]:
        """The away reason codes by code."""
        return self._reasons

    @property
    def language(self) -> str:
        """The language of reason labels and alert texts."""
        return self._language

    def now(self) -> datetime:
        """The server time, as the model computes durations with it."""
        return self._now()

    def detach(self) -> None:
        """Stop following the floor state (call before the model is dropped)."""
        if self._attached:
            self._floor.changed.disconnect(self._on_floor_changed)
            self._attached = False

    # --- QAbstractItemModel ---------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        """One row per seat; a table has no children."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """The ``SeatColumn`` columns; a table has no children."""
        return 0 if parent.isValid() else len(SeatColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles; rows have no header."""
        if orientation is Qt.Orientation.Horizontal and 0 <= section < len(SeatColumn):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._titles[section]
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return self._titles[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        """Seats can be selected, never edited."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cell's value for ``role`` (see ``SeatBoardRole`` for the board's own roles)."""
        if not index.isValid():
            return None
        row = index.row()
        if row >= len(self._rows):
            return None
        seat = self._floor.seat(self._rows[row])
        if seat is None:
            return None
        # Plain integer comparisons first: views ask for these roles for every visible cell.
        if role == _SEAT_ROLE:
            return seat
        column = _COLUMNS[index.column()]
        if role == _DISPLAY_ROLE:
            return self._display(seat, column)
        if role == _ACCESSIBLE_TEXT_ROLE:
            # The tile view shows only the seat column: a screen reader hears the whole tile there.
            return self._spoken(seat) if column is SeatColumn.SEAT else self._display(seat, column)
        if role == _DECORATION_ROLE:
            return self._icons[seat.state] if column is SeatColumn.STATE else None
        if role == _BACKGROUND_ROLE:
            return self._background(seat, column)
        if role == _FOREGROUND_ROLE:
            return self._white if column is SeatColumn.STATE else None
        if role == _TOOLTIP_ROLE:
            return self._tooltip(seat)
        if role >= _USER_ROLE:
            return self._board_data(seat, column, role)
        return None

    # --- the board's API ------------------------------------------------------------------------

    def seat_at(self, row: int) -> FloorSeat | None:
        """Return the seat shown in ``row``, or ``None`` past the end."""
        if not 0 <= row < len(self._rows):
            return None
        return self._floor.seat(self._rows[row])

    def row_of(self, seat_id: str) -> int | None:
        """Return the row of ``seat_id``, or ``None`` when it is not on the board."""
        row = bisect.bisect_left(self._keys, self._floor.sort_key(seat_id))
        if row < len(self._rows) and self._rows[row] == seat_id:
            return row
        return None

    def reason_text(self, code: str | None) -> str:
        """Return the label of an away reason code (the code itself when unknown), ``""`` for none."""
        if code is None:
            return ""
        reason = self._reasons.get(code)
        return code if reason is None else reason.label(self._language)

    def pending_text(self, pending: FloorPending | None) -> str:
        """Return the booked next state in words, e.g. ``通话后示忙·用餐``; ``""`` when none."""
        if pending is None:
            return ""
        if pending.kind == "sign_out":
            text = tr("SeatBoard", "通话后签出")
        else:
            text = tr("SeatBoard", "通话后示忙·{reason}").format(reason=self.reason_text(pending.reason))
        if pending.forced_by:
            text += tr("SeatBoard", "（班长 {job}）").format(job=pending.forced_by)
        return text

    def refresh_alerts(self) -> AlertUpdate:
        """Re-evaluate every seat's alerts at the current server time; repaint only seats that changed."""
        update = self._alerts.refresh(self._floor.seats(), self._now())
        self._apply_alert_update(update, already_changed=set())
        return update

    def acknowledge(self, alert_id: str) -> bool:
        """Acknowledge ``alert_id``; returns whether an unacknowledged alert was found."""
        seat_id = self._alerts.acknowledge(alert_id)
        if seat_id is None:
            return False
        self._row_changed(seat_id)
        self.alerts_changed.emit()
        return True

    def alert_entries(self, seat_id: str) -> list[AlertEntry]:
        """Return the active alerts of ``seat_id``, most urgent first."""
        return self._alerts.for_seat(seat_id)

    # --- applying floor changes -----------------------------------------------------------------

    def _on_floor_changed(self, change: FloorChange) -> None:
        if change.reordered:
            self.beginResetModel()
            self._rows = self._floor.seat_ids()
            self._keys = [self._floor.sort_key(seat_id) for seat_id in self._rows]
            self.endResetModel()
        else:
            self._remove_rows(change.left)
            self._insert_rows(change.joined)
            for seat_id in change.updated:
                self._row_changed(seat_id)
        changed_seats = [*change.joined, *change.updated]
        if changed_seats or change.left:
            seats = [seat for seat_id in changed_seats if (seat := self._floor.seat(seat_id)) is not None]
            update = self._alerts.update_seats(seats, self._now(), removed=change.left)
            self._apply_alert_update(update, already_changed=set(changed_seats))
        self.floor_changed.emit(change)

    def _remove_rows(self, seat_ids: Iterable[str]) -> None:
        for seat_id in seat_ids:
            row = self.row_of(seat_id)
            if row is None:
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            del self._keys[row]
            self.endRemoveRows()

    def _insert_rows(self, seat_ids: Iterable[str]) -> None:
        for seat_id in seat_ids:
            key = self._floor.sort_key(seat_id)
            row = bisect.bisect_left(self._keys, key)
            if row < len(self._rows) and self._rows[row] == seat_id:
                continue
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, seat_id)
            self._keys.insert(row, key)
            self.endInsertRows()

    def _row_changed(self, seat_id: str) -> None:
        row = self.row_of(seat_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(SeatColumn) - 1))

    def _apply_alert_update(self, update: AlertUpdate, already_changed: set[str]) -> None:
        for seat_id in update.changed_seats - already_changed:
            self._row_changed(seat_id)
        if not update.empty:
            self.alerts_changed.emit()

    # --- cell values ----------------------------------------------------------------------------

    def _display(self, seat: FloorSeat, column: SeatColumn) -> str:
        match column:
            case SeatColumn.SEAT:
                return seat.seat_id
            case SeatColumn.JOB_NUMBER:
                return seat.job_number
            case SeatColumn.NAME:
                return seat.name
            case SeatColumn.TEAM:
                return seat.team
            case SeatColumn.STATE:
                return self._state_labels[seat.state]
            case SeatColumn.REASON:
                return self.reason_text(seat.reason)
            case SeatColumn.TIME_IN_STATE:
                return format_duration(seat.time_in_state(self._now()))
            case SeatColumn.CALL_DURATION:
                duration = seat.call_duration(self._now())
                return "" if duration is None else format_duration(duration)
            case SeatColumn.PENDING_NEXT:
                return self.pending_text(seat.pending_next)
            case SeatColumn.ALERTS:
                return join_list(entry.alert.label for entry in self._alerts.for_seat(seat.seat_id))

    def _spoken(self, seat: FloorSeat) -> str:
        parts = [tr("SeatBoard", "座席 {seat}").format(seat=seat.seat_id)]
        if seat.job_number:
            parts.append(tr("SeatBoard", "{name}（工号 {job}）").format(name=seat.name, job=seat.job_number))
        state = self._state_labels[seat.state]
        reason = self.reason_text(seat.reason)
        parts.append(f"{state}·{reason}" if reason else state)
        parts.append(format_duration(seat.time_in_state(self._now())))
        pending = self.pending_text(seat.pending_next)
        if pending:
            parts.append(pending)
        parts.extend(entry.alert.label for entry in self._alerts.for_seat(seat.seat_id))
        return join_phrases(parts)

    def _background(self, seat: FloorSeat, column: SeatColumn) -> QColor | None:
        if column is SeatColumn.STATE:
            return self._colours[seat.state]
        if column is SeatColumn.ALERTS:
            return self._alert_colour(seat.seat_id)
        return None

    def _alert_colour(self, seat_id: str) -> QColor | None:
        worst = self._alerts.worst_for_seat(seat_id)
        if worst is None:
            return None
        return self._acknowledged_colour if worst.acknowledged else self._alert_colours[worst.alert.level]

    def _tooltip(self, seat: FloorSeat) -> str:
        lines = [
            tr("SeatBoard", "座席 {seat}").format(seat=seat.seat_id)
            + (f" · {where}" if (where := self._floor.plan.describe(seat.seat_id, self._language)) else "")
        ]
        if seat.job_number:
            lines.append(tr("SeatBoard", "{name}（工号 {job}）").format(name=seat.name, job=seat.job_number))
        lines.extend(entry.alert.text for entry in self._alerts.for_seat(seat.seat_id))
        return "\n".join(lines)

    def _board_data(self, seat: FloorSeat, column: SeatColumn, role: int) -> Any:
        match role:
            case SeatBoardRole.SEAT:
                return seat
            case SeatBoardRole.SEAT_ID:
                return seat.seat_id
            case SeatBoardRole.STATE:
                return seat.state.value
            case SeatBoardRole.STATE_COLOUR:
                return self._colours[seat.state]
            case SeatBoardRole.SORT:
                return self._sort_value(seat, column)
            case SeatBoardRole.ALERT_LEVEL:
                worst = self._alerts.worst_for_seat(seat.seat_id)
                return "" if worst is None else worst.alert.level.value
            case SeatBoardRole.ALERT_ACKNOWLEDGED:
                entries = self._alerts.for_seat(seat.seat_id)
                return bool(entries) and all(entry.acknowledged for entry in entries)
            case SeatBoardRole.PENDING_TEXT:
                return self.pending_text(seat.pending_next)
            case SeatBoardRole.REASON_TEXT:
                return self.reason_text(seat.reason)
        return None

    def _sort_value(self, seat: FloorSeat, column: SeatColumn) -> int | float | str:
        match column:
            case SeatColumn.SEAT:
                return self.row_of(seat.seat_id) or 0
            case SeatColumn.STATE:
                return STATE_ORDER[seat.state]
            case SeatColumn.TIME_IN_STATE:
                # The earlier the state began, the longer it has lasted: sorts without the clock.
                return -seat.since.timestamp()
            case SeatColumn.CALL_DURATION:
                return -seat.call_started.timestamp() if seat.call_started else float("-inf")
            case SeatColumn.ALERTS:
                worst = self._alerts.worst_for_seat(seat.seat_id)
                return -1 if worst is None else worst.alert.level.rank
            case _:
                return str(self._display(seat, column))


class SeatBoardFilterProxy(QSortFilterProxyModel):
    """Filters the board by state, team and text, and sorts the table by the board's sort values.

    The tile view uses one without sorting (floor-plan order); the table view one that sorts.

    Args:
        parent: the Qt parent.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = FloorFilter()
        self.setSortRole(SeatBoardRole.SORT)
        self.setDynamicSortFilter(True)

    @property
    def floor_filter(self) -> FloorFilter:
        """The filter in force."""
        return self._filter

    def set_floor_filter(self, floor_filter: FloorFilter) -> None:
        """Show only the seats passing ``floor_filter``."""
        if floor_filter == self._filter:
            return
        if hasattr(self, "endFilterChange"):  # Qt ≥ 6.10; invalidateRowsFilter is deprecated there
            self.beginFilterChange()
            self._filter = floor_filter
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._filter = floor_filter
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        """Whether the seat in ``source_row`` passes the filter."""
        source = self.sourceModel()
        if not isinstance(source, SeatBoardModel):
            return True
        seat = source.seat_at(source_row)
        return seat is not None and self._filter.matches(seat)
