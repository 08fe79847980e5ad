"""The team leader's live seat board (班长监控看板): tiles, a table, the hall's figures and the alerts.

Everything shown comes from one ``SeatBoardModel``: the tile view (a ``QListView`` in icon mode drawn
by ``SeatTileDelegate``, in floor-plan order) and the table view share it through two filter proxies
(the table's also sorts). The figures strip and the 15-minute chart read ``FloorState.figures`` and the
seat counts. Interventions (force ready / away / sign out, listen, whisper, barge, release, leave) are only
buttons here: each asks for confirmation in a non-blocking dialog and then emits a ``*_requested``
signal; who may use them, and what they do, is decided elsewhere.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen, QPixmap, QStaticText
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from seatclient.floor.alerts import CALL_STATES, AlertEntry, AlertLevel
from seatclient.floor.records import (
    DEFAULT_TARGET_SECONDS,
    DEFAULT_TARGET_SHARE,
    FloorFigures,
    FloorSeat,
    IntervalFigures,
)
from seatclient.floor.state import FloorChange, FloorFilter
from seatclient.i18n import tr
from seatclient.seat.states import SeatState
from seatclient.ui.seat_board_model import (
    ACKNOWLEDGED_ALERT_COLOUR,
    ALERT_COLOURS,
    SeatBoardFilterProxy,
    SeatBoardModel,
    SeatBoardRole,
    SeatColumn,
)
from seatclient.ui.state_bar import STATE_COLOURS, format_duration, state_label

ModelIndex = QModelIndex | QPersistentModelIndex

TILE_SIZE = QSize(156, 92)
"""One seat tile; uniform, so the tile view lays out a thousand seats without measuring each."""

TILE_CACHE_SIZE = 400
"""Static tile pictures kept (about 55 KB each): more than a full-screen board shows at once."""

TICK_MILLISECONDS = 1000
"""How often durations repaint and time-based alerts are re-evaluated."""

FIGURES_DELAY_MILLISECONDS = 250
"""Figures and counts repaint at most this often, however many events arrive."""

MEETS_TARGET_COLOUR = "#27ae60"
MISSES_TARGET_COLOUR = "#c0392b"
WITHIN_TARGET_COLOUR = "#27ae60"
ANSWERED_LATE_COLOUR = "#a9dfbf"
ABANDONED_COLOUR = "#e74c3c"


def _seconds_text(seconds: float) -> str:
    return format_duration(timedelta(seconds=max(0.0, seconds)))


class SeatTileDelegate(QStyledItemDelegate):
    """Draws one seat as a tile: state band with time in state, seat and job number, name, call line.

    A seat with an unacknowledged alert gets a thick border in the alert's colour and the alert's label;
    once every alert is acknowledged the border turns thin and grey.

    Args:
        model: the board model (for the server clock and texts).
        parent: the Qt parent.
    """

    def __init__(self, model: SeatBoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._state_colours = {state: QColor(colour) for state, colour in STATE_COLOURS.items()}
        self._tints = {state: QColor(colour).lighter(185) for state, colour in STATE_COLOURS.items()}
        self._state_labels = {state: state_label(state) for state in SeatState}
        self._alert_colours = {level: QColor(colour) for level, colour in ALERT_COLOURS.items()}
        self._acknowledged = QColor(ACKNOWLEDGED_ALERT_COLOUR)
        self._white = QColor("white")
        self._ink = QColor("#1b2631")
        self._call_label = tr("SeatBoard", "通话 {time}")
        self._sign_out_label = tr("SeatBoard", "签出")
        # Everything but the two clocks is drawn once per seat record into a pixmap: a tile's Chinese
        # text costs far more to lay out than a pixmap costs to copy, and every visible tile repaints
        # once a second for its clocks.
        self._tiles: OrderedDict[str, tuple[tuple[object, ...], QPixmap]] = OrderedDict()
        self._fonts_for: QFont | None = None
        self._font_set: tuple[QFont, QFont, QFont] = (QFont(), QFont(), QFont())
        self._clock_texts: dict[tuple[str, bool], QStaticText] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        """Every tile has the same size."""
        return TILE_SIZE

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        """Draw the tile of the seat at ``index``: the cached static tile, then its clocks."""
        seat = index.data(SeatBoardRole.SEAT)
        if not isinstance(seat, FloorSeat):
            return
        outer = QRect(option.rect)
        worst = self._model.alerts.worst_for_seat(seat.seat_id)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ratio = painter.device().devicePixelRatioF()
        alert_key = None if worst is None else (worst.alert.alert_id, worst.acknowledged, worst.alert.label)
        key: tuple[object, ...] = (seat, alert_key, selected, outer.width(), outer.height(), ratio)
        cached = self._tiles.get(seat.seat_id)
        if cached is not None and cached[0] == key:
            self._tiles.move_to_end(seat.seat_id)
            pixmap = cached[1]
        else:
            pixmap = self._render_static(seat, worst, selected, outer.size(), ratio, option)
            self._tiles[seat.seat_id] = (key, pixmap)
            if len(self._tiles) > TILE_CACHE_SIZE:
                self._tiles.popitem(last=False)
        painter.drawPixmap(outer.topLeft(), pixmap)
        self._draw_clocks(painter, seat, outer, option)

    @staticmethod
    def _tile_rect(outer: QRect) -> QRect:
        return outer.adjusted(2, 2, -2, -2)

    @staticmethod
    def _band(rect: QRect) -> QRect:
        return QRect(rect.left(), rect.top(), rect.width(), 22)

    @staticmethod
    def _lines(rect: QRect) -> tuple[QRect, QRect, QRect]:
        body = rect.adjusted(6, 24, -6, -3)
        height = body.height() // 3
        first = QRect(body.left(), body.top(), body.width(), height)
        return first, first.translated(0, height), first.translated(0, 2 * height)

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        """The tile's regular, bold and small fonts, derived from the view's font once."""
        if self._fonts_for is None or self._fonts_for != option.font:
            base = QFont(option.font)
            bold = QFont(base)
            bold.setBold(True)
            small = QFont(base)
            small.setPointSizeF(max(6.0, base.pointSizeF() * 0.85))
            self._fonts_for = QFont(option.font)
            self._font_set = (base, bold, small)
            self._clock_texts.clear()
        return self._font_set

    def _clock_text(self, text: str, small: bool) -> QStaticText:
        # Clock strings repeat (a thousand seats show a few hundred distinct mm:ss values), and a
        # prepared static text draws far faster than laying the string out again every second.
        key = (text, small)
        static = self._clock_texts.get(key)
        if static is None:
            if len(self._clock_texts) > 8000:
                self._clock_texts.clear()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=self._font_set[2] if small else self._font_set[0])
            self._clock_texts[key] = static
        return static

    def _render_static(
        self,
        seat: FloorSeat,
        worst: AlertEntry | None,
        selected: bool,
        size: QSize,
        ratio: float,
        option: QStyleOptionViewItem,
    ) -> QPixmap:
        pixmap = QPixmap(size * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self._tile_rect(QRect(QPoint(0, 0), size))
        base_font, bold, small = self._fonts(option)

        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._tints[seat.state])
        painter.drawRoundedRect(QRectF(rect), 5, 5)
        band = self._band(rect)
        painter.setBrush(self._state_colours[seat.state])
        painter.drawRoundedRect(QRectF(band), 5, 5)
        painter.drawRect(QRect(band.left(), band.bottom() - 5, band.width(), 6))
        painter.setPen(self._white)
        painter.setFont(bold)
        painter.drawText(
            band.adjusted(6, 0, -6, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self._state_text(seat),
        )

        first, second, third = self._lines(rect)
        painter.setPen(self._ink)
        painter.drawText(first, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, seat.seat_id)
        painter.setFont(base_font)
        painter.drawText(first, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, seat.job_number)
        name = seat.name + (f" · {seat.team}" if seat.team else "")
        painter.drawText(
            second,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, second.width()),
        )
        painter.setFont(small)
        self._draw_alert_or_pending(painter, seat, worst, third)
        self._draw_frame(painter, worst, selected, rect, option)
        painter.end()
        return pixmap

    def _draw_clocks(
        self, painter: QPainter, seat: FloorSeat, outer: QRect, option: QStyleOptionViewItem
    ) -> None:
        now = self._model.now()
        base_font, _, small_font = self._fonts(option)
        left, top = outer.left() + 2, outer.top() + 2
        width = outer.width() - 4
        painter.setPen(self._white)
        painter.setFont(base_font)
        clock = self._clock_text(format_duration(seat.time_in_state(now)), small=False)
        size = clock.size()
        painter.drawStaticText(
            QPointF(left + width - 6 - size.width(), top + (22 - size.height()) / 2), clock
        )
        call = seat.call_duration(now)
        if call is not None:
            line = self._lines(QRect(left, top, width, outer.height() - 4))[2]
            painter.setPen(self._ink)
            painter.setFont(small_font)
            text = self._clock_text(self._call_label.format(time=format_duration(call)), small=True)
            painter.drawStaticText(
                QPointF(line.left(), line.top() + (line.height() - text.size().height()) / 2), text
            )

    def _state_text(self, seat: FloorSeat) -> str:
        text = self._state_labels[seat.state]
        reason = self._model.reason_text(seat.reason)
        return f"{text}·{reason}" if reason else text

    def _draw_alert_or_pending(
        self, painter: QPainter, seat: FloorSeat, worst: AlertEntry | None, line: QRect
    ) -> None:
        if worst is not None:
            label = worst.alert.label
            width = painter.fontMetrics().horizontalAdvance(label) + 10
            pill = QRect(line.right() - width, line.top() + 1, width, line.height() - 2)
            colour = self._acknowledged if worst.acknowledged else self._alert_colours[worst.alert.level]
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(pill), 4, 4)
            painter.setPen(self._white)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
        elif seat.pending_next is not None:
            # The tile is small: "→ 用餐" / "→ 签出"; the table and tooltip say it in full.
            pending = seat.pending_next
            target = (
                self._sign_out_label
                if pending.kind == "sign_out"
                else self._model.reason_text(pending.reason)
            )
            painter.setPen(QColor("#6c3483"))
            painter.drawText(
                line,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                painter.fontMetrics().elidedText(
                    "→" + target, Qt.TextElideMode.ElideRight, line.width() // 2
                ),
            )

    def _draw_frame(
        self,
        painter: QPainter,
        worst: AlertEntry | None,
        selected: bool,
        rect: QRect,
        option: QStyleOptionViewItem,
    ) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if worst is not None and not worst.acknowledged:
            painter.setPen(QPen(self._alert_colours[worst.alert.level], 3))
            painter.drawRoundedRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5), 5, 5)
        elif worst is not None:
            painter.setPen(QPen(self._acknowledged, 1.5, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 5, 5)
        if selected:
            highlight = QColor(option.palette.highlight().color())
            highlight.setAlpha(60)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(highlight)
            painter.drawRoundedRect(QRectF(rect), 5, 5)
            highlight.setAlpha(255)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(highlight, 2, Qt.PenStyle.DotLine))
            painter.drawRoundedRect(QRectF(rect).adjusted(-1, -1, 1, 1), 6, 6)


class FiguresStrip(QWidget):
    """The hall's live figures: queue, seats per state, today's calls, 15-second share, averages.

    Args:
        parent: the Qt parent.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("floorFigures")
        self.waiting_label = self._label("waitingFigure", tr("FloorFigures", "排队"))
        self.longest_wait_label = self._label("longestWaitFigure", tr("FloorFigures", "最长等待"))
        self.today_label = self._label("todayFigure", tr("FloorFigures", "今日呼入、接通、放弃"))
        self.service_level_label = self._label("serviceLevelFigure", tr("FloorFigures", "15 秒接通率"))
        self.averages_label = self._label("averagesFigure", tr("FloorFigures", "平均通话与话后整理"))
        self.state_labels: dict[SeatState, QLabel] = {}

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        for label in (
            self.waiting_label,
            self.longest_wait_label,
            self.today_label,
            self.service_level_label,
            self.averages_label,
        ):
            top.addWidget(label)
        top.addStretch(1)
        states = QHBoxLayout()
        states.setContentsMargins(0, 0, 0, 0)
        for state in SeatState:
            chip = self._label(f"stateCount_{state.value}", state_label(state))
            chip.setStyleSheet(
                f"QLabel {{ background: {STATE_COLOURS[state]}; color: white; border-radius: 3px;"
                " padding: 2px 8px; }"
            )
            self.state_labels[state] = chip
            states.addWidget(chip)
        states.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(top)
        layout.addLayout(states)
        self.show_counts(dict.fromkeys(SeatState, 0))
        self.show_figures(None)

    def _label(self, name: str, description: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAccessibleIdentifier(name)
        label.setAccessibleDescription(description)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def show_counts(self, counts: dict[SeatState, int]) -> None:
        """Show how many seats are in each state."""
        for state, label in self.state_labels.items():
            text = f"{state_label(state)} {counts.get(state, 0)}"
            if label.text() != text:
                label.setText(text)

    def show_figures(self, figures: FloorFigures | None) -> None:
        """Show the hall's figures; ``None`` shows dashes until the backend sent some."""
        if figures is None:
            dash = "—"
            self.waiting_label.setText(tr("FloorFigures", "排队 {count}").format(count=dash))
            self.longest_wait_label.setText(tr("FloorFigures", "最长等待 {time}").format(time=dash))
            self.today_label.setText(
                tr("FloorFigures", "今日 呼入 {offered} · 接通 {answered} · 放弃 {abandoned}").format(
                    offered=dash, answered=dash, abandoned=dash
                )
            )
            self.service_level_label.setText(
                tr("FloorFigures", "{seconds} 秒接通率 {share}（目标 {target}）").format(
                    seconds=DEFAULT_TARGET_SECONDS, share=dash, target=f"{DEFAULT_TARGET_SHARE:.0%}"
                )
            )
            self.service_level_label.setStyleSheet("")
            self.averages_label.setText(
                tr("FloorFigures", "平均通话 {talk} · 平均话后 {wrap_up}").format(talk=dash, wrap_up=dash)
            )
            return
        self.waiting_label.setText(tr("FloorFigures", "排队 {count}").format(count=figures.waiting))
        self.longest_wait_label.setText(
            tr("FloorFigures", "最长等待 {time}").format(time=_seconds_text(figures.longest_wait_seconds))
        )
        self.today_label.setText(
            tr("FloorFigures", "今日 呼入 {offered} · 接通 {answered} · 放弃 {abandoned}").format(
                offered=figures.offered_today,
                answered=figures.answered_today,
                abandoned=figures.abandoned_today,
            )
        )
        level = figures.service_level
        self.service_level_label.setText(
            tr("FloorFigures", "{seconds} 秒接通率 {share}（目标 {target}）").format(
                seconds=figures.target_seconds,
                share="—" if level is None else f"{level:.1%}",
                target=f"{figures.target_share:.0%}",
            )
        )
        meets = figures.meets_target
        colour = "" if meets is None else (MEETS_TARGET_COLOUR if meets else MISSES_TARGET_COLOUR)
        self.service_level_label.setStyleSheet(
            f"QLabel {{ color: white; background: {colour}; font-weight: bold; padding: 2px 8px;"
            " border-radius: 3px; }"
            if colour
            else ""
        )
        self.averages_label.setText(
            tr("FloorFigures", "平均通话 {talk} · 平均话后 {wrap_up}").format(
                talk=_seconds_text(figures.average_talk_seconds),
                wrap_up=_seconds_text(figures.average_wrap_up_seconds),
            )
        )


class IntervalChart(QWidget):
    """Today's 15-minute intervals as stacked bars: answered in time, answered late, abandoned.

    Drawn with ``QPainter``: QtCharts is not part of PySide6-Essentials.

    Args:
        parent: the Qt parent.
    """

    MAX_BARS = 32
    """Eight hours of intervals; older ones scroll off the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intervalChart")
        self.setAccessibleName(tr("IntervalChart", "15 分钟话务量"))
        self.setMinimumSize(260, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._intervals: tuple[IntervalFigures, ...] = ()
        self._legend = (
            (QColor(WITHIN_TARGET_COLOUR), tr("IntervalChart", "及时接通")),
            (QColor(ANSWERED_LATE_COLOUR), tr("IntervalChart", "超时接通")),
            (QColor(ABANDONED_COLOUR), tr("IntervalChart", "放弃")),
        )

    @property
    def intervals(self) -> tuple[IntervalFigures, ...]:
        """The intervals shown, oldest first."""
        return self._intervals

    def set_intervals(self, intervals: tuple[IntervalFigures, ...]) -> None:
        """Show ``intervals`` (oldest first); only the last ``MAX_BARS`` fit."""
        shown = intervals[-self.MAX_BARS :]
        if shown == self._intervals:
            return
        self._intervals = shown
        if shown:
            last = shown[-1]
            self.setAccessibleDescription(
                tr(
                    "IntervalChart", "{start} 起 15 分钟：呼入 {offered}，及时接通 {within}，放弃 {abandoned}"
                ).format(
                    start=last.start.strftime("%H:%M"),
                    offered=last.offered,
                    within=last.answered_within_target,
                    abandoned=last.abandoned,
                )
            )
        else:
            self.setAccessibleDescription(tr("IntervalChart", "暂无数据"))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the legend, the axis and one stacked bar per interval."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        text_height = metrics.height()
        legend_x = 4
        for colour, text in self._legend:
            painter.fillRect(QRect(legend_x, 4 + text_height // 4, 10, 10), colour)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(legend_x + 14, 4 + metrics.ascent(), text)
            legend_x += 14 + metrics.horizontalAdvance(text) + 12
        plot = QRect(34, 14 + text_height, self.width() - 40, self.height() - 22 - 2 * text_height)
        painter.setPen(QPen(QColor("#7f8c8d"), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        if not self._intervals or plot.width() < 10 or plot.height() < 10:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, tr("IntervalChart", "暂无数据"))
            painter.end()
            return
        peak = max(1, *(interval.offered for interval in self._intervals))
        painter.drawText(
            QRect(0, plot.top() - text_height // 2, 30, text_height), Qt.AlignmentFlag.AlignRight, str(peak)
        )
        painter.drawText(
            QRect(0, plot.bottom() - text_height // 2, 30, text_height), Qt.AlignmentFlag.AlignRight, "0"
        )
        slot = plot.width() / self.MAX_BARS
        bar_width = max(2.0, slot * 0.7)
        for position, interval in enumerate(self._intervals):
            left = plot.left() + position * slot + (slot - bar_width) / 2
            late = max(0, interval.answered - interval.answered_within_target)
            bottom = float(plot.bottom())
            for count, colour in (
                (interval.answered_within_target, self._legend[0][0]),
                (late, self._legend[1][0]),
                (interval.abandoned, self._legend[2][0]),
            ):
                height = plot.height() * count / peak
                if height > 0:
                    painter.fillRect(QRectF(left, bottom - height, bar_width, height), colour)
                bottom -= height
            if interval.start.minute == 0 or position == 0:
                painter.setPen(self.palette().windowText().color())
                label = interval.start.strftime("%H:%M")
                painter.drawText(int(left), plot.bottom() + text_height, label)
        painter.end()


class SeatBoardWidget(QWidget):
    """The team leader's board over one ``SeatBoardModel``.

    Args:
        model: the board model (floor state, alerts, reasons, server clock).
        parent: the Qt parent.

    Signals:
        force_ready_requested: (seat id) confirmed: make the seat ready (示闲).
        force_away_requested: (seat id, reason code) confirmed: make the seat away (示忙) for the reason.
        force_sign_out_requested: (seat id) confirmed: sign the seat out.
        listen_requested: (seat id) confirmed: listen to the seat's call (监听).
        whisper_requested: (seat id) confirmed: speak to the call-taker only (耳语).
        barge_requested: (seat id) confirmed: join the call (强插).
        release_requested: (seat id) confirmed: end the seat's call (强拆).
        leave_requested: (seat id) confirmed: take the team leader's own leg off the seat's call (退出通话).
        alert_acknowledged: (alert id) the team leader acknowledged an alert.
        seat_selected: (seat id, ``""`` for none) the selected seat changed.
    """

    force_ready_requested = Signal(str)
    force_away_requested = Signal(str, str)
    force_sign_out_requested = Signal(str)
    listen_requested = Signal(str)
    whisper_requested = Signal(str)
    barge_requested = Signal(str)
    release_requested = Signal(str)
    leave_requested = Signal(str)
    alert_acknowledged = Signal(str)
    seat_selected = Signal(str)

    def __init__(self, model: SeatBoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seatBoard")
        self.setAccessibleName(tr("SeatBoard", "座席监控"))
        self._model = model
        self._selected_seat: str | None = None
        self._syncing_selection = False
        self._removing_rows = 0
        self._confirmation: QMessageBox | None = None
        self._teams: list[str] = []

        self.figures_strip = FiguresStrip()
        self._build_filters()
        self._build_views()
        side = self._build_side_panel()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view_tabs)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1000, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.figures_strip)
        layout.addLayout(self._filter_row)
        layout.addWidget(splitter, 1)

        self._figures_timer = QTimer(self)
        self._figures_timer.setSingleShot(True)
        self._figures_timer.setInterval(FIGURES_DELAY_MILLISECONDS)
        self._figures_timer.timeout.connect(self.refresh_figures)
        self._tick_timer = QTimer(self)
        self._tick_timer.setInterval(TICK_MILLISECONDS)
        self._tick_timer.timeout.connect(self.tick)
        self._tick_timer.start()

        model.floor_changed.connect(self._on_floor_changed)
        self._alerts_timer = QTimer(self)
        self._alerts_timer.setSingleShot(True)
        self._alerts_timer.setInterval(FIGURES_DELAY_MILLISECONDS)
        self._alerts_timer.timeout.connect(self.refresh_alert_list)
        model.alerts_changed.connect(self._schedule_alert_list)
        self.refresh_figures()
        self.refresh_alert_list()
        self._update_interventions()

    # --- building ---------------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("stateFilter")
        self.state_filter.setAccessibleName(tr("SeatBoard", "按状态筛选"))
        self.state_filter.addItem(tr("SeatBoard", "全部状态"), "")
        for state in SeatState:
            self.state_filter.addItem(state_label(state), state.value)
        self.team_filter = QComboBox()
        self.team_filter.setObjectName("teamFilter")
        self.team_filter.setAccessibleName(tr("SeatBoard", "按班组筛选"))
        self.team_filter.addItem(tr("SeatBoard", "全部班组"), "")
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("seatSearch")
        self.search_edit.setAccessibleName(tr("SeatBoard", "查找座席"))
        self.search_edit.setPlaceholderText(tr("SeatBoard", "座席号、工号或姓名"))
        self.search_edit.setClearButtonEnabled(True)
        self.shown_label = QLabel()
        self.shown_label.setObjectName("shownSeats")
        self.shown_label.setAccessibleIdentifier("shownSeats")
        self.shown_label.setAccessibleDescription(tr("SeatBoard", "显示的座席数"))
        self._filter_row = QHBoxLayout()
        self._filter_row.addWidget(self.state_filter)
        self._filter_row.addWidget(self.team_filter)
        self._filter_row.addWidget(self.search_edit, 1)
        self._filter_row.addWidget(self.shown_label)
        self.state_filter.currentIndexChanged.connect(self._on_filter_edited)
        self.team_filter.currentIndexChanged.connect(self._on_filter_edited)
        self.search_edit.textChanged.connect(self._on_filter_edited)

    def _build_views(self) -> None:
        self.tile_proxy = SeatBoardFilterProxy(self)
        self.tile_proxy.setSourceModel(self._model)
        self.table_proxy = SeatBoardFilterProxy(self)
        self.table_proxy.setSourceModel(self._model)
        # Connected before the views get the proxies, so the board hears of a removal before the
        # views' selection models move the current seat to a neighbour.
        for proxy in (self.tile_proxy, self.table_proxy):
            proxy.rowsAboutToBeRemoved.connect(self._on_rows_about_to_be_removed)
            proxy.rowsRemoved.connect(self._on_rows_removed)

        self.tile_view = QListView()
        self.tile_view.setObjectName("seatTiles")
        self.tile_view.setAccessibleName(tr("SeatBoard", "座席图"))
        self.tile_view.setViewMode(QListView.ViewMode.IconMode)
        self.tile_view.setMovement(QListView.Movement.Static)
        self.tile_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.tile_view.setUniformItemSizes(True)
        self.tile_view.setWrapping(True)
        self.tile_view.setSpacing(4)
        self.tile_view.setGridSize(TILE_SIZE + QSize(6, 6))
        self.tile_view.setDragEnabled(False)
        self.tile_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tile_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tile_delegate = SeatTileDelegate(self._model, self.tile_view)
        self.tile_view.setItemDelegate(self.tile_delegate)
        self.tile_view.setModel(self.tile_proxy)
        self.tile_view.setModelColumn(SeatColumn.SEAT)

        self.table_view = QTableView()
        self.table_view.setObjectName("seatTable")
        self.table_view.setAccessibleName(tr("SeatBoard", "座席列表"))
        self.table_view.setModel(self.table_proxy)
        self.table_view.setSortingEnabled(True)
        self.table_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # floor-plan order until a click
        self.table_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_view.verticalHeader().setVisible(False)
        self.table_view.verticalHeader().setDefaultSectionSize(24)
        self.table_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table_view.horizontalHeader().setStretchLastSection(True)

        self.view_tabs = QTabWidget()
        self.view_tabs.setObjectName("seatBoardViews")
        self.view_tabs.addTab(self.tile_view, tr("SeatBoard", "座席图"))
        self.view_tabs.addTab(self.table_view, tr("SeatBoard", "列表"))

        tile_selection = self.tile_view.selectionModel()
        tile_selection.currentChanged.connect(self._on_tile_current_changed)
        table_selection = self.table_view.selectionModel()
        table_selection.currentChanged.connect(self._on_table_current_changed)

    def _build_side_panel(self) -> QWidget:
        self.chart = IntervalChart()
        chart_box = QGroupBox(tr("SeatBoard", "15 分钟话务量"))
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.addWidget(self.chart)

        self.alert_list = QListWidget()
        self.alert_list.setObjectName("alertList")
        self.alert_list.setAccessibleName(tr("SeatBoard", "告警列表"))
        self.alert_list.setWordWrap(True)
        self.acknowledge_button = QPushButton(tr("SeatBoard", "确认告警"))
        self.acknowledge_button.setObjectName("acknowledgeAlert")
        self.acknowledge_button.setAccessibleName(tr("SeatBoard", "确认告警"))
        self.acknowledge_button.clicked.connect(self._on_acknowledge_clicked)
        self.alert_list.currentItemChanged.connect(lambda *_: self._update_acknowledge_button())
        self.alert_list.itemDoubleClicked.connect(self._on_alert_double_clicked)
        alert_box = QGroupBox(tr("SeatBoard", "告警"))
        self.alert_box = alert_box
        alert_layout = QVBoxLayout(alert_box)
        alert_layout.addWidget(self.alert_list)
        alert_layout.addWidget(self.acknowledge_button)

        self.selected_label = QLabel()
        self.selected_label.setObjectName("selectedSeat")
        self.selected_label.setAccessibleIdentifier("selectedSeat")
        self.selected_label.setAccessibleDescription(tr("SeatBoard", "选中的座席"))
        self.force_ready_button = self._intervention_button("forceReady", tr("SeatBoard", "强制示闲"))
        self.force_away_button = QToolButton()
        self.force_away_button.setObjectName("forceAway")
        self.force_away_button.setText(tr("SeatBoard", "强制示忙"))
        self.force_away_button.setAccessibleName(tr("SeatBoard", "强制示忙"))
        self.force_away_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.force_away_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.force_away_menu = QMenu(self.force_away_button)
        self.force_away_menu.setObjectName("forceAwayReasons")
        for reason in self._model.reasons.values():
            if not reason.selectable:
                continue
            action = self.force_away_menu.addAction(reason.label(self._model.language))
            action.setObjectName(f"forceAway_{reason.code}")
            action.triggered.connect(lambda _=False, code=reason.code: self._confirm_force_away(code))
        self.force_away_button.setMenu(self.force_away_menu)
        self.force_sign_out_button = self._intervention_button("forceSignOut", tr("SeatBoard", "强制签出"))
        self.listen_button = self._intervention_button("listen", tr("SeatBoard", "监听"))
        self.whisper_button = self._intervention_button("whisper", tr("SeatBoard", "耳语"))
        self.barge_button = self._intervention_button("barge", tr("SeatBoard", "强插"))
        self.release_button = self._intervention_button("release", tr("SeatBoard", "强拆"))
        self.leave_button = self._intervention_button("leaveCall", tr("SeatBoard", "退出通话"))

        self.force_ready_button.clicked.connect(
            lambda: self._confirm(tr("SeatBoard", "强制示闲"), self.force_ready_requested.emit)
        )
        self.force_sign_out_button.clicked.connect(
            lambda: self._confirm(tr("SeatBoard", "强制签出"), self.force_sign_out_requested.emit)
        )
        self.listen_button.clicked.connect(
            lambda: self._confirm(tr("SeatBoard", "监听"), self.listen_requested.emit)
        )
        self.whisper_button.clicked.connect(
            lambda: self._confirm(tr("SeatBoard", "耳语"), self.whisper_requested.emit)
        )
        self.barge_button.clicked.connect(
            lambda: self._confirm(tr("SeatBoard", "强插"), self.barge_requested.emit)
        )
        self.release_button.clicked.connect(
            lambda: self._confirm(tr("SeatBoard", "强拆"), self.release_requested.emit)
        )
        self.leave_button.clicked.connect(
            lambda: self._confirm(tr("SeatBoard", "退出通话"), self.leave_requested.emit)
        )

        intervention_box = QGroupBox(tr("SeatBoard", "班长操作"))
        grid = QGridLayout(intervention_box)
        grid.addWidget(self.selected_label, 0, 0, 1, 4)
        grid.addWidget(self.force_ready_button, 1, 0)
        grid.addWidget(self.force_away_button, 1, 1)
        grid.addWidget(self.force_sign_out_button, 1, 2)
        grid.addWidget(self.listen_button, 2, 0)
        grid.addWidget(self.whisper_button, 2, 1)
        grid.addWidget(self.barge_button, 2, 2)
        grid.addWidget(self.release_button, 2, 3)
        grid.addWidget(self.leave_button, 3, 0)

        side = QWidget()
        side.setObjectName("seatBoardSide")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(chart_box)
        side_layout.addWidget(alert_box, 1)
        side_layout.addWidget(intervention_box)
        return side

    def _intervention_button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text)
        return button

    # --- public API -------------------------------------------------------------------------------

    @property
    def model(self) -> SeatBoardModel:
        """The board model."""
        return self._model

    @property
    def confirmation_dialog(self) -> QMessageBox | None:
        """The confirmation dialog on screen, if any."""
        return self._confirmation

    def selected_seat_id(self) -> str | None:
        """The seat the team leader selected, or ``None``."""
        return self._selected_seat

    def select_seat(self, seat_id: str) -> bool:
        """Select ``seat_id`` in both views; returns ``False`` when it is not shown."""
        row = self._model.row_of(seat_id)
        if row is None:
            return False
        source = self._model.index(row, SeatColumn.SEAT)
        tile_index = self.tile_proxy.mapFromSource(source)
        if not tile_index.isValid():
            return False
        self.tile_view.setCurrentIndex(tile_index)
        self.tile_view.scrollTo(tile_index)
        return True

    def set_floor_filter(self, floor_filter: FloorFilter) -> None:
        """Show only the seats passing ``floor_filter`` in both views."""
        self.tile_proxy.set_floor_filter(floor_filter)
        self.table_proxy.set_floor_filter(floor_filter)
        self._update_shown()

    def tick(self) -> None:
        """Once a second: repaint durations on screen and bring time-based alerts up to date."""
        self._model.refresh_alerts()
        self.tile_view.viewport().update()
        if self.table_view.isVisible():
            self.table_view.viewport().update()
        self.refresh_alert_list()

    def refresh_figures(self) -> None:
        """Show the current figures, seat counts and chart (coalesced: at most every 250 ms)."""
        floor = self._model.floor
        self.figures_strip.show_counts(floor.state_counts())
        figures = floor.figures
        self.figures_strip.show_figures(figures)
        self.chart.set_intervals(figures.intervals if figures is not None else ())
        teams = floor.teams()
        if teams != self._teams:
            self._teams = teams
            current = self.team_filter.currentData()
            self.team_filter.blockSignals(True)
            while self.team_filter.count() > 1:
                self.team_filter.removeItem(1)
            for team in teams:
                self.team_filter.addItem(team, team)
            position = self.team_filter.findData(current)
            self.team_filter.setCurrentIndex(max(0, position))
            self.team_filter.blockSignals(False)
        self._update_shown()

    def refresh_alert_list(self) -> None:
        """Show the alert book's entries, keeping the selected alert (coalesced: at most every 250 ms)."""
        self._alerts_timer.stop()
        entries = self._model.alerts.entries()
        ids = [entry.alert.alert_id for entry in entries]
        listed = [
            self.alert_list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.alert_list.count())
        ]
        if ids == listed:
            # The same alerts in the same order: only texts (minutes) or acknowledgement changed.
            for row, entry in enumerate(entries):
                self._show_alert_item(self.alert_list.item(row), entry)
        else:
            current = self.alert_list.currentItem()
            current_id = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
            self.alert_list.blockSignals(True)
            self.alert_list.clear()
            for entry in entries:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, entry.alert.alert_id)
                item.setData(Qt.ItemDataRole.UserRole + 1, entry.alert.seat_id)
                self._show_alert_item(item, entry)
                self.alert_list.addItem(item)
                if entry.alert.alert_id == current_id:
                    self.alert_list.setCurrentItem(item)
            self.alert_list.blockSignals(False)
        unacknowledged = self._model.alerts.unacknowledged_count()
        title = (
            tr("SeatBoard", "告警（未确认 {count}）").format(count=unacknowledged)
            if unacknowledged
            else tr("SeatBoard", "告警")
        )
        if self.alert_box.title() != title:
            self.alert_box.setTitle(title)
        self._update_acknowledge_button()

    def _show_alert_item(self, item: QListWidgetItem, entry: AlertEntry) -> None:
        text = f"[{entry.alert.level.label()}] {entry.alert.text}"
        if entry.acknowledged:
            text += tr("SeatBoard", "（已确认）")
        if item.text() == text:
            return
        item.setText(text)
        colour = ACKNOWLEDGED_ALERT_COLOUR if entry.acknowledged else ALERT_COLOURS[entry.alert.level]
        item.setForeground(QColor(colour))
        font = item.font()
        font.setBold(entry.alert.level is AlertLevel.critical and not entry.acknowledged)
        item.setFont(font)

    # --- reacting ---------------------------------------------------------------------------------

    def _schedule_alert_list(self) -> None:
        if not self._alerts_timer.isActive():
            self._alerts_timer.start()

    def _on_floor_changed(self, change: FloorChange) -> None:
        if not self._figures_timer.isActive():
            self._figures_timer.start()
        if self._selected_seat is not None and self._selected_seat in change.seats_changed:
            self._update_interventions()

    def _on_rows_about_to_be_removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        # A seat that leaves the view (it left the floor, or a filter hides it) is unselected, never
        # replaced by its neighbour: an intervention must land only on a seat the team leader picked.
        self._removing_rows += 1
        proxy = self.sender()
        if self._selected_seat is None or not isinstance(proxy, SeatBoardFilterProxy):
            return
        row = self._model.row_of(self._selected_seat)
        if row is None:
            return
        shown = proxy.mapFromSource(self._model.index(row, 0))
        if shown.isValid() and first <= shown.row() <= last:
            self._set_selected(None)

    def _on_rows_removed(self, *_: object) -> None:
        self._removing_rows -= 1

    def _on_filter_edited(self) -> None:
        state_value = self.state_filter.currentData()
        team = self.team_filter.currentData()
        self.set_floor_filter(
            FloorFilter(
                states=frozenset({SeatState(state_value)}) if state_value else frozenset(),
                teams=frozenset({team}) if team else frozenset(),
                text=self.search_edit.text(),
            )
        )

    def _update_shown(self) -> None:
        self.shown_label.setText(
            tr("SeatBoard", "显示 {shown} / {total} 个座席").format(
                shown=self.tile_proxy.rowCount(), total=self._model.rowCount()
            )
        )

    def _on_tile_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing_selection or self._removing_rows:
            return
        seat_id = current.data(SeatBoardRole.SEAT_ID) if current.isValid() else None
        self._set_selected(seat_id if isinstance(seat_id, str) else None, origin=self.tile_view)

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing_selection or self._removing_rows:
            return
        seat_id = current.data(SeatBoardRole.SEAT_ID) if current.isValid() else None
        self._set_selected(seat_id if isinstance(seat_id, str) else None, origin=self.table_view)

    def _set_selected(self, seat_id: str | None, origin: QAbstractItemView | None = None) -> None:
        self._selected_seat = seat_id
        self._syncing_selection = True
        try:
            for view, proxy in ((self.tile_view, self.tile_proxy), (self.table_view, self.table_proxy)):
                if view is origin:
                    continue
                row = None if seat_id is None else self._model.row_of(seat_id)
                index = QModelIndex() if row is None else proxy.mapFromSource(self._model.index(row, 0))
                selection = view.selectionModel()
                if index.isValid():
                    selection.setCurrentIndex(
                        index,
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )
                else:
                    selection.clear()
        finally:
            self._syncing_selection = False
        self._update_interventions()
        self.seat_selected.emit(seat_id or "")

    def _update_interventions(self) -> None:
        seat = self._model.floor.seat(self._selected_seat) if self._selected_seat else None
        if seat is None:
            self.selected_label.setText(tr("SeatBoard", "未选中座席"))
        elif seat.job_number:
            self.selected_label.setText(
                tr("SeatBoard", "座席 {seat} · {name}（工号 {job}）").format(
                    seat=seat.seat_id, name=seat.name, job=seat.job_number
                )
            )
        else:
            self.selected_label.setText(tr("SeatBoard", "座席 {seat}").format(seat=seat.seat_id))
        signed_in = seat is not None and seat.signed_in
        on_call = seat is not None and seat.state in CALL_STATES
        self.force_ready_button.setEnabled(
            signed_in and seat is not None and seat.state is not SeatState.READY
        )
        self.force_away_button.setEnabled(signed_in and seat is not None and seat.state is not SeatState.AWAY)
        self.force_sign_out_button.setEnabled(signed_in)
        for button in (
            self.listen_button,
            self.whisper_button,
            self.barge_button,
            self.release_button,
            self.leave_button,
        ):
            button.setEnabled(on_call)

    def _update_acknowledge_button(self) -> None:
        item = self.alert_list.currentItem()
        if item is None:
            self.acknowledge_button.setEnabled(False)
            return
        alert_id = item.data(Qt.ItemDataRole.UserRole)
        entry = next((e for e in self._model.alerts.entries() if e.alert.alert_id == alert_id), None)
        self.acknowledge_button.setEnabled(entry is not None and not entry.acknowledged)

    def _on_acknowledge_clicked(self) -> None:
        item = self.alert_list.currentItem()
        if item is None:
            return
        alert_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(alert_id, str) and self._model.acknowledge(alert_id):
            self.refresh_alert_list()  # the team leader's own action shows at once
            self.alert_acknowledged.emit(alert_id)

    def _on_alert_double_clicked(self, item: QListWidgetItem) -> None:
        seat_id = item.data(Qt.ItemDataRole.UserRole + 1)
        if isinstance(seat_id, str):
            self.select_seat(seat_id)

    # --- confirmations ----------------------------------------------------------------------------

    def _confirm_force_away(self, reason_code: str) -> None:
        label = self._model.reason_text(reason_code)
        self._confirm(
            tr("SeatBoard", "强制示忙（{reason}）").format(reason=label),
            lambda seat_id: self.force_away_requested.emit(seat_id, reason_code),
        )

    def _confirm(self, action_text: str, emit: Callable[[str], None]) -> None:
        seat = self._model.floor.seat(self._selected_seat) if self._selected_seat else None
        if seat is None:
            return
        if self._confirmation is not None:
            self._confirmation.close()
        box = QMessageBox(self)
        box.setObjectName("interventionConfirmation")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("SeatBoard", "确认班长操作"))
        who = (
            tr("SeatBoard", "座席 {seat}（{name}，工号 {job}）").format(
                seat=seat.seat_id, name=seat.name, job=seat.job_number
            )
            if seat.job_number
            else tr("SeatBoard", "座席 {seat}").format(seat=seat.seat_id)
        )
        box.setText(tr("SeatBoard", "对{who}执行“{action}”？").format(who=who, action=action_text))
        confirm = box.addButton(action_text, QMessageBox.ButtonRole.AcceptRole)
        confirm.setObjectName("confirmIntervention")
        cancel = box.addButton(tr("SeatBoard", "取消"), QMessageBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancelIntervention")
        box.setDefaultButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        seat_id = seat.seat_id

        def on_clicked(button: QAbstractButton) -> None:
            # Compare by name: the signal may hand back a different Python wrapper of the button.
            if button.objectName() == "confirmIntervention":
                emit(seat_id)

        box.buttonClicked.connect(on_clicked)
        box.finished.connect(lambda _result: self._forget_confirmation(box))
        self._confirmation = box
        box.open()

    def _forget_confirmation(self, box: QMessageBox) -> None:
        if self._confirmation is box:
            self._confirmation = None
