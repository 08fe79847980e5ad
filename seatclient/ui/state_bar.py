"""The seat state bar: who is signed in, the seat's state and time in it, and the state actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from seatclient.api.models import ReasonCode, SeatState, SeatStatus
from seatclient.i18n import tr
from seatclient.seat import GoAway, GoReady, Request, SignOut


def state_label(state: SeatState) -> str:
    """The seat state as the person at the seat calls it."""
    labels = {
        SeatState.SIGNED_OUT: tr("SeatState", "已签出"),
        SeatState.AWAY: tr("SeatState", "示忙"),
        SeatState.READY: tr("SeatState", "示闲（待接）"),
        SeatState.RINGING: tr("SeatState", "振铃"),
        SeatState.TALKING: tr("SeatState", "通话中"),
        SeatState.HELD: tr("SeatState", "保持"),
        SeatState.CONSULTING: tr("SeatState", "咨询中"),
        SeatState.CONFERENCE: tr("SeatState", "三方通话"),
        SeatState.WRAP_UP: tr("SeatState", "话后整理"),
    }
    return labels[state]


STATE_COLOURS: dict[SeatState, str] = {
    SeatState.SIGNED_OUT: "#7f8c8d",
    SeatState.AWAY: "#d35400",
    SeatState.READY: "#27ae60",
    SeatState.RINGING: "#c0392b",
    SeatState.TALKING: "#2980b9",
    SeatState.HELD: "#8e44ad",
    SeatState.CONSULTING: "#16a085",
    SeatState.CONFERENCE: "#16a085",
    SeatState.WRAP_UP: "#f39c12",
}


def format_duration(delta: timedelta) -> str:
    """``mm:ss``, or ``h:mm:ss`` past an hour."""
    seconds = int(delta.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


class SeatStateBar(QWidget):
    """Shows the seat's state and forwards the person's state requests.

    Signals:
        ready_requested: the person asked for ready (示闲).
        away_requested: the person asked for away (示忙) with this reason code.
        sign_out_requested: the person asked to sign out.
        raise_hand_requested: the person asked to raise their hand (举手求助), or to lower it when up.
    """

    ready_requested = Signal()
    away_requested = Signal(str)
    sign_out_requested = Signal()
    raise_hand_requested = Signal()

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seatStateBar")
        self._now = now
        self._status: SeatStatus | None = None

        self.agent_label = QLabel()
        self.agent_label.setObjectName("agentLabel")
        self.agent_label.setAccessibleName(tr("SeatStateBar", "签入人员"))
        self.state_label = QLabel()
        self.state_label.setObjectName("seatStateLabel")
        self.state_label.setAccessibleDescription(tr("SeatStateBar", "座席状态"))
        self.state_label.setMinimumWidth(150)
        self.elapsed_label = QLabel("00:00")
        self.elapsed_label.setObjectName("timeInStateLabel")
        self.elapsed_label.setAccessibleDescription(tr("SeatStateBar", "当前状态持续时间"))
        self.pending_label = QLabel()
        self.pending_label.setObjectName("seatPendingLabel")
        self.pending_label.setAccessibleDescription(tr("SeatStateBar", "通话后的状态"))
        self.pending_label.setStyleSheet("QLabel { color: #8e44ad; font-weight: bold; }")
        self.pending_label.setVisible(False)
        self.notice_label = QLabel()
        self.notice_label.setObjectName("seatNotice")
        self.notice_label.setAccessibleDescription(tr("SeatStateBar", "座席提示"))
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet("QLabel { color: #c0392b; }")

        self.ready_action = QAction(tr("SeatStateBar", "示闲"), self)
        self.ready_action.setObjectName("actionReady")
        self.away_menu = QMenu(tr("SeatStateBar", "示忙原因"), self)
        self.away_menu.setObjectName("awayReasonMenu")
        self.away_action = QAction(tr("SeatStateBar", "示忙"), self)
        self.away_action.setObjectName("actionAway")
        self.away_action.setMenu(self.away_menu)
        self.sign_out_action = QAction(tr("SeatStateBar", "签出"), self)
        self.sign_out_action.setObjectName("actionSignOut")
        self.raise_hand_action = QAction(tr("SeatStateBar", "举手求助"), self)
        self.raise_hand_action.setObjectName("actionRaiseHand")
        self.raise_hand_action.setToolTip(tr("SeatStateBar", "请班长到座席协助；再按一次放下手"))
        self.hand_label = QLabel()
        self.hand_label.setObjectName("raisedHandLabel")
        self.hand_label.setAccessibleIdentifier("raisedHandLabel")
        self.hand_label.setAccessibleDescription(tr("SeatStateBar", "举手求助状态"))
        self.hand_label.setStyleSheet(
            "QLabel { background: #c0392b; color: white; font-weight: bold; padding: 4px 8px; border-radius: 3px; }"
        )
        self.hand_label.setVisible(False)

        self.ready_button = self._button(self.ready_action, "readyButton")
        self.away_button = self._button(self.away_action, "awayButton")
        self.away_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.sign_out_button = self._button(self.sign_out_action, "signOutButton")
        self.raise_hand_button = self._button(self.raise_hand_action, "raiseHandButton")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.agent_label)
        layout.addSpacing(12)
        layout.addWidget(self.state_label)
        layout.addWidget(self.elapsed_label)
        layout.addWidget(self.pending_label)
        layout.addWidget(self.notice_label, 1)
        layout.addWidget(self.hand_label)
        layout.addWidget(self.raise_hand_button)
        layout.addSpacing(12)
        layout.addWidget(self.ready_button)
        layout.addWidget(self.away_button)
        layout.addWidget(self.sign_out_button)

        self.ready_action.triggered.connect(self.ready_requested.emit)
        self.sign_out_action.triggered.connect(self.sign_out_requested.emit)
        self.raise_hand_action.triggered.connect(self.raise_hand_requested.emit)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._refresh_elapsed)
        self._timer.start()
        self.set_available(frozenset())
        self.set_hand_available(False)

    def _button(self, action: QAction, name: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setDefaultAction(action)
        button.setAccessibleName(action.text())
        button.setToolButtonStyle(button.toolButtonStyle().ToolButtonTextOnly)
        return button

    def set_agent(self, name: str, job_number: str, seat_id: str) -> None:
        """Show who is signed in at which seat."""
        self.agent_label.setText(
            tr("SeatStateBar", "{name}（工号 {job}）· 座席 {seat}").format(
                name=name, job=job_number, seat=seat_id
            )
        )

    def set_reasons(self, reasons: list[ReasonCode], language: str) -> None:
        """Offer the away reasons a person may pick."""
        self.away_menu.clear()
        for reason in reasons:
            label = reason.label_en if language == "en" else reason.label_zh
            action = self.away_menu.addAction(label)
            action.setObjectName(f"awayReason_{reason.code}")
            action.triggered.connect(lambda _=False, code=reason.code: self.away_requested.emit(code))

    def set_status(self, status: SeatStatus, reason_label: str) -> None:
        """Show the backend's seat state, coloured, with its reason, who forced it, and time in state."""
        self._status = status
        text = state_label(status.state)
        if reason_label:
            text = f"{text} · {reason_label}"
        if status.forced_by and status.state is not SeatState.SIGNED_OUT:
            text = tr("SeatStateBar", "{state}（班长 {by}）").format(state=text, by=status.forced_by)
        self.state_label.setText(text)
        self.state_label.setAccessibleName(text)
        colour = STATE_COLOURS[status.state]
        self.state_label.setStyleSheet(
            f"QLabel {{ background: {colour}; color: white; font-weight: bold; padding: 4px 10px; border-radius: 3px; }}"
        )
        self._refresh_elapsed()

    def set_pending(self, text: str) -> None:
        """Show the booked next state (``示忙（小休）``, ``签出``); empty hides it."""
        shown = tr("SeatStateBar", "通话后：{next}").format(next=text) if text else ""
        self.pending_label.setText(shown)
        self.pending_label.setAccessibleName(shown)
        self.pending_label.setVisible(bool(text))

    def set_available(self, requests: frozenset[type[Request]]) -> None:
        """Enable the actions the seat machine allows now."""
        self.ready_action.setEnabled(GoReady in requests)
        self.away_action.setEnabled(GoAway in requests)
        self.sign_out_action.setEnabled(SignOut in requests)

    def set_hand_available(self, available: bool) -> None:
        """Offer the raise-hand button (only while signed in and connected)."""
        self.raise_hand_action.setEnabled(available)

    def set_hand(self, raised: bool, acknowledged_by: str = "") -> None:
        """Show whether the hand is up and whether a team leader acknowledged it.

        Args:
            raised: the hand is up.
            acknowledged_by: the team leader who acknowledged it (their name), ``""`` when none yet.
        """
        text = tr("SeatStateBar", "放下手") if raised else tr("SeatStateBar", "举手求助")
        self.raise_hand_action.setText(text)
        self.raise_hand_button.setAccessibleName(text)
        if not raised:
            shown = ""
        elif acknowledged_by:
            shown = tr("SeatStateBar", "✋ 班长 {name} 已收到求助").format(name=acknowledged_by)
        else:
            shown = tr("SeatStateBar", "✋ 已举手，等待班长")
        self.hand_label.setText(shown)
        self.hand_label.setVisible(raised)

    def show_notice(self, text: str) -> None:
        """Show a short message beside the state (an illegal request, a divergence); empty hides it."""
        self.notice_label.setText(text)

    def _refresh_elapsed(self) -> None:
        if self._status is None:
            return
        self.elapsed_label.setText(format_duration(max(timedelta(0), self._now() - self._status.since)))
