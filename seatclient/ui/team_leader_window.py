"""The team leader's window (班长席) and its glue to the signed-in session; the seat's raised hand.

``TeamLeaderWindow`` shows the live seat board (tiles and table, figures, 15-minute chart, alerts,
interventions) and the seat planning calculator as two tabs. ``FloorDesk`` wires them to the core:
it keeps a ``FloorState`` live from the session's events (``seatclient.floor.live.FloorFeed``) while
a team leader is signed in, turns the board's confirmed interventions into backend calls and shows
each result, and offers the "班长席" menu action only to team leaders (the backend refuses anyone
else with a 403 too). For every signed-in person it drives the raise-hand button of the seat window.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget, QWidget

from seatclient.api.client import ApiClient
from seatclient.api.errors import BackendError
from seatclient.api.events import ConnectionState
from seatclient.api.floor import FloorClient, HandClient
from seatclient.api.models import (
    HelpRequestStatus,
    InterventionAction,
    Role,
    SeatStatus,
    ServerEvent,
    SignInResponse,
)
from seatclient.floor.alerts import AlertBook, AlertKind, AlertRules, load_default_alert_rules
from seatclient.floor.live import FloorFeed, RaisedHand
from seatclient.floor.plan import FloorPlan, load_default_floor_plan
from seatclient.floor.state import FloorState
from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError
from seatclient.session import SeatSession
from seatclient.tasks import BackgroundTasks
from seatclient.ui.main_window import connection_text
from seatclient.ui.seat_board import SeatBoardWidget
from seatclient.ui.seat_board_model import SeatBoardModel
from seatclient.ui.seat_planning import SeatPlanningWidget
from seatclient.ui.state_bar import SeatStateBar

BOARD_KEYS: dict[str, str] = {
    "forceReady": "Alt+R",
    "forceAway": "Alt+A",
    "forceSignOut": "Alt+O",
    "listen": "Alt+L",
    "whisper": "Alt+W",
    "barge": "Alt+B",
    "release": "Alt+X",
    "leaveCall": "Alt+Q",
    "acknowledgeAlert": "Alt+K",
}
"""Keys of the board's buttons (by object name), inside the team leader's window only."""

log = logging.getLogger(__name__)

OPEN_BOARD_ACTION = "panel.floor"
RAISE_HAND_ACTION = "seat.raise_hand"


class TeamLeaderWindow(QMainWindow):
    """班长席: the live seat board and the seat planning calculator, one tab each.

    Closing the window only hides it: the floor stays live while the team leader is signed in.

    Args:
        model: the board model.
        settings: where the window's geometry is kept.
        parent: the Qt parent.
    """

    def __init__(self, model: SeatBoardModel, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamLeaderWindow")
        self.setWindowTitle(tr("TeamLeaderWindow", "班长席 · 座席监控"))
        self._settings = settings
        self.board = SeatBoardWidget(model)
        self.planning = SeatPlanningWidget()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("teamLeaderTabs")
        self.tabs.setAccessibleName(tr("TeamLeaderWindow", "班长席"))
        self.tabs.addTab(self.board, tr("TeamLeaderWindow", "座席监控"))
        self.tabs.addTab(self.planning, tr("TeamLeaderWindow", "座席测算"))
        self.setCentralWidget(self.tabs)
        for name, key in BOARD_KEYS.items():
            button = self.board.findChild(QWidget, name)
            if button is not None and hasattr(button, "setShortcut"):
                button.setShortcut(QKeySequence(key))
                button.setToolTip(f"{button.accessibleName()} ({key})")
        for index, key in enumerate(("Ctrl+1", "Ctrl+2")):
            action = QAction(self)
            action.setObjectName(f"actionTeamLeaderTab{index}")
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _checked=False, tab=index: self.tabs.setCurrentIndex(tab))
            self.addAction(action)
        self.result_label = QLabel()
        self.result_label.setObjectName("interventionResult")
        self.result_label.setAccessibleIdentifier("interventionResult")
        self.result_label.setAccessibleDescription(tr("TeamLeaderWindow", "班长操作结果"))
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.result_label, 1)
        self.connection_label = QLabel()
        self.connection_label.setObjectName("teamLeaderConnection")
        self.connection_label.setAccessibleIdentifier("teamLeaderConnection")
        self.connection_label.setAccessibleDescription(tr("TeamLeaderWindow", "后台连接状态"))
        self.statusBar().addPermanentWidget(self.connection_label)
        self.set_connection(ConnectionState.CONNECTED)
        self.resize(1360, 860)
        geometry = settings.value("teamLeaderWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def set_connection(self, state: ConnectionState) -> None:
        """Show the backend link; while it is down the board says it is not live."""
        text, colour = connection_text(state)
        if state in (ConnectionState.RECONNECTING, ConnectionState.OFFLINE):
            text = tr("TeamLeaderWindow", "{state}（看板暂停更新，恢复后自动刷新）").format(state=text)
        self.connection_label.setText(f"● {text}")
        self.connection_label.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}")

    def show_result(self, text: str, ok: bool) -> None:
        """Show the outcome of the last intervention in the status bar (green done, red refused)."""
        self.result_label.setText(text)
        colour = "#1e8449" if ok else "#c0392b"
        self.result_label.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}")

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember the geometry; the desk decides whether the window goes for good."""
        self._settings.setValue("teamLeaderWindow/geometry", self.saveGeometry())
        super().closeEvent(event)


class FloorDesk(QObject):
    """The team leader's board and the seat's raised hand, wired to one signed-in session.

    Args:
        session: the seat session (events, connection, clock, rules, who signed in).
        client: the session's backend client.
        tasks: runs backend calls (a key per kind, so a double press sends once).
        rulebook: the rule files in force (floor plan, alert rules).
        shortcuts: the shortcut map (``panel.floor``, ``seat.raise_hand``).
        settings: where the team leader window's geometry is kept.
        language: ``zh_CN`` or ``en``.
        parent: the Qt parent.

    Signals:
        board_opened: the team leader window was shown.
    """

    board_opened = Signal()

    def __init__(
        self,
        session: SeatSession,
        client: ApiClient,
        tasks: BackgroundTasks,
        rulebook: RuleBook,
        shortcuts: Mapping[str, str],
        settings: QSettings,
        language: str = "zh_CN",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._tasks = tasks
        self._rulebook = rulebook
        self._shortcuts = dict(shortcuts)
        self._settings = settings
        self._language = language
        self._floor_client = FloorClient(client)
        self.hand = RaisedHand(HandClient(client))
        self.floor: FloorState | None = None
        self.feed: FloorFeed | None = None
        self.model: SeatBoardModel | None = None
        self.window: TeamLeaderWindow | None = None
        self._roles: tuple[Role, ...] = ()
        self._state_bar: SeatStateBar | None = None
        self._menu_action: QAction | None = None
        self.open_action = QAction(tr("FloorDesk", "班长席（座席监控）"), self)
        self.open_action.setObjectName("actionTeamLeaderBoard")
        self.open_action.setVisible(False)
        self.open_action.setEnabled(False)
        sequence = self._shortcuts.get(OPEN_BOARD_ACTION)
        if sequence:
            self.open_action.setShortcut(QKeySequence(sequence))
            self.open_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.open_action.triggered.connect(self.open_board)
        session.event_received.connect(self._on_session_event)
        session.connection_changed.connect(self._on_connection_changed)
        self.hand.changed.connect(self._on_hand_changed)

    # --- the seat window -----------------------------------------------------------------------

    def attach(self, window: QMainWindow, state_bar: SeatStateBar) -> None:
        """Put the board's menu action into the seat window and drive its raise-hand button."""
        self._state_bar = state_bar
        menu = QMenu(tr("FloorDesk", "班长(&L)"), window)
        menu.setObjectName("teamLeaderMenu")
        menu.addAction(self.open_action)
        bar = window.menuBar()
        actions = bar.actions()
        # Before "帮助", which stays last.
        if actions:
            bar.insertMenu(actions[-1], menu)
        else:
            bar.addMenu(menu)
        self._menu_action = menu.menuAction()
        self._menu_action.setVisible(False)
        window.addAction(self.open_action)
        hand_action = state_bar.raise_hand_action
        sequence = self._shortcuts.get(RAISE_HAND_ACTION)
        if sequence:
            hand_action.setShortcut(QKeySequence(sequence))
            hand_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            hand_action.setToolTip(f"{hand_action.toolTip()} ({sequence})")
        window.addAction(hand_action)
        seat_menu = actions[0].menu() if actions else None
        if isinstance(seat_menu, QMenu):
            seat_menu.addAction(hand_action)
        state_bar.raise_hand_requested.connect(self._on_raise_hand_requested)
        self.hand.notice.connect(state_bar.show_notice)

    @property
    def is_team_leader(self) -> bool:
        """Whether the person signed in is a team leader."""
        return Role.TEAM_LEADER in self._roles

    def signed_in(self, result: SignInResponse) -> None:
        """Someone signed in: offer the raise-hand button; for a team leader, start the live floor."""
        self._roles = tuple(result.agent.roles)
        self.hand.reset()
        if self._state_bar is not None:
            self._state_bar.set_hand_available(True)
        self._tasks.spawn(self._refresh_hand(), key="hand.refresh")
        leader = self.is_team_leader
        self.open_action.setVisible(leader)
        self.open_action.setEnabled(leader)
        if self._menu_action is not None:
            self._menu_action.setVisible(leader)
        if leader:
            self.floor = FloorState(self._floor_plan())
            self.feed = FloorFeed(self.floor, self._floor_client, self._spawn_reload)
            self.feed.failed.connect(self._on_reload_failed)
            self._tasks.spawn(self.feed.reload(), key="floor.reload")

    def signed_out(self) -> None:
        """The session ended: close the board, forget the floor, take the actions away."""
        self._roles = ()
        self.open_action.setVisible(False)
        self.open_action.setEnabled(False)
        if self._menu_action is not None:
            self._menu_action.setVisible(False)
        self.hand.reset()
        if self._state_bar is not None:
            self._state_bar.set_hand_available(False)
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.model is not None:
            self.model.detach()
            self.model.deleteLater()
            self.model = None
        self.feed = None
        self.floor = None

    def open_board(self) -> bool:
        """Show the team leader window; returns ``False`` (and shows nothing) for anyone but a team leader."""
        if not self.is_team_leader or self.floor is None:
            return False
        if self.window is None:
            rules = self._session.rules
            alerts = AlertBook(self._alert_rules(), rules.reasons, self._language)
            self.model = SeatBoardModel(
                self.floor, alerts, rules.reasons, self._session.clock.now, self._language
            )
            self.window = TeamLeaderWindow(self.model, self._settings)
            self.window.set_connection(self._session.connection)
            self._connect_board(self.window.board)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        self.board_opened.emit()
        return True

    def _floor_plan(self) -> FloorPlan:
        try:
            return load_default_floor_plan(self._rulebook)
        except RuleError as exc:
            # Seats still show, in seat-id order: a broken plan must not keep the board shut.
            log.error("the floor plan in force is unusable, seats go in seat-id order: %s", exc)
            return FloorPlan()

    def _alert_rules(self) -> AlertRules:
        try:
            return load_default_alert_rules(self._rulebook)
        except RuleError as exc:
            log.error("the floor alert rules in force are unusable, using the shipped ones: %s", exc)
            return load_default_alert_rules(RuleBook())

    # --- the board's intents -------------------------------------------------------------------

    def _connect_board(self, board: SeatBoardWidget) -> None:
        board.force_ready_requested.connect(lambda seat: self._force(seat, "ready", None))
        board.force_away_requested.connect(lambda seat, code: self._force(seat, "away", code))
        board.force_sign_out_requested.connect(lambda seat: self._force(seat, "signed_out", None))
        board.listen_requested.connect(lambda seat: self._intervene(seat, InterventionAction.LISTEN))
        board.whisper_requested.connect(lambda seat: self._intervene(seat, InterventionAction.WHISPER))
        board.barge_requested.connect(lambda seat: self._intervene(seat, InterventionAction.BARGE))
        board.release_requested.connect(lambda seat: self._intervene(seat, InterventionAction.RELEASE))
        board.leave_requested.connect(lambda seat: self._intervene(seat, InterventionAction.LEAVE))
        board.alert_acknowledged.connect(self._on_alert_acknowledged)

    def _who(self, seat_id: str) -> tuple[str, str]:
        """The job number at ``seat_id`` and how to name the seat in a message."""
        seat = self.floor.seat(seat_id) if self.floor is not None else None
        if seat is None or not seat.job_number:
            return "", tr("FloorDesk", "座席 {seat}").format(seat=seat_id)
        return seat.job_number, tr("FloorDesk", "座席 {seat}（{name}，工号 {job}）").format(
            seat=seat_id, name=seat.name, job=seat.job_number
        )

    def _force(self, seat_id: str, state: str, reason_code: str | None) -> None:
        labels = {
            "ready": tr("FloorDesk", "强制示闲"),
            "away": tr("FloorDesk", "强制示忙"),
            "signed_out": tr("FloorDesk", "强制签出"),
        }
        reason = tr("FloorDesk", "班长在座席监控看板上{action}").format(action=labels[state])

        async def run() -> str:
            job_number, who = self._who(seat_id)
            status = await self._floor_client.force_state(job_number, state, reason, reason_code)
            later = status is not None and _booked_for_later(status, state)
            text = tr("FloorDesk", "已对{who}执行“{action}”。").format(who=who, action=labels[state])
            if later:
                text += tr("FloorDesk", "座席正在通话，将在本次通话及话后整理结束后生效。")
            return text

        self._run(run, f"floor.force.{seat_id}")

    def _intervene(self, seat_id: str, action: InterventionAction) -> None:
        labels = {
            InterventionAction.LISTEN: tr("FloorDesk", "监听"),
            InterventionAction.WHISPER: tr("FloorDesk", "耳语"),
            InterventionAction.BARGE: tr("FloorDesk", "强插"),
            InterventionAction.RELEASE: tr("FloorDesk", "强拆"),
            InterventionAction.LEAVE: tr("FloorDesk", "退出通话"),
        }

        async def run() -> str:
            job_number, who = self._who(seat_id)
            result = await self._floor_client.intervene(
                job_number, action, tr("FloorDesk", "班长在座席监控看板上操作")
            )
            text = tr("FloorDesk", "已对{who}执行“{action}”（通话 {call}）。").format(
                who=who, action=labels[action], call=result.call_id
            )
            if action is InterventionAction.RELEASE:
                text += tr("FloorDesk", "座席已转入话后整理。")
            return text

        self._run(run, f"floor.intervene.{seat_id}")

    def _on_alert_acknowledged(self, alert_id: str) -> None:
        if self.model is None:
            return
        entry = next((e for e in self.model.alerts.entries() if e.alert.alert_id == alert_id), None)
        if entry is None or entry.alert.kind is not AlertKind.help_requested:
            return
        seat_id = entry.alert.seat_id

        async def run() -> str:
            job_number, who = self._who(seat_id)
            await self._floor_client.acknowledge_help(job_number)
            return tr("FloorDesk", "已确认{who}的举手求助，座席已收到通知。").format(who=who)

        self._run(run, f"floor.help.{seat_id}")

    def _run(self, command: Callable[[], Awaitable[str]], key: str) -> None:
        async def guarded() -> None:
            try:
                text = await command()
            except BackendError as exc:
                self._show_result(exc.user_message(), ok=False)
            else:
                self._show_result(text, ok=True)

        self._tasks.spawn(guarded(), key=key)

    def _show_result(self, text: str, ok: bool) -> None:
        if self.window is not None:
            self.window.show_result(text, ok)

    # --- the session ---------------------------------------------------------------------------

    def _spawn_reload(self, coroutine: Coroutine[Any, Any, None]) -> object:
        return self._tasks.spawn(coroutine, key="floor.reload")

    def _on_session_event(self, event: ServerEvent) -> None:
        if self.feed is not None:
            self.feed.on_event(event)
        self.hand.on_event(event)

    def _on_connection_changed(self, state: ConnectionState) -> None:
        if self.feed is not None:
            self.feed.on_connection(state)
        if self.window is not None:
            self.window.set_connection(state)
        if self._state_bar is not None and self._session.sign_in_result is not None:
            self._state_bar.set_hand_available(self._session.link_up)

    def _on_reload_failed(self, message: str) -> None:
        self._show_result(tr("FloorDesk", "读取大厅座席失败：{message}").format(message=message), ok=False)

    async def _refresh_hand(self) -> None:
        try:
            await self.hand.refresh()
        except BackendError:
            # The button still works; the next seat.help event brings the truth.
            return

    def _on_raise_hand_requested(self) -> None:
        self._tasks.spawn(self._toggle_hand(), key="hand.toggle")

    async def _toggle_hand(self) -> None:
        try:
            await self.hand.toggle()
        except BackendError as exc:
            if self._state_bar is not None:
                self._state_bar.show_notice(exc.user_message())

    def _on_hand_changed(self, status: HelpRequestStatus) -> None:
        if self._state_bar is not None:
            self._state_bar.set_hand(
                status.raised, status.acknowledged_by_name or status.acknowledged_by or ""
            )


def _booked_for_later(status: SeatStatus, state: str) -> bool:
    """Whether a forced state was booked for after the seat's call instead of taken now."""
    return status.state.value != state and status.pending_next is not None
