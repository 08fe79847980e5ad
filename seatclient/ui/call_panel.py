"""The call panel (通话区): the offered call, its ring counter, the call controls, the next state and wrap-up.

It shows what the phone and the seat say and emits what the person asks for; which controls are
enabled comes from the seat machine (``set_available``). Every control is a ``QAction`` whose
shortcut the controller sets from the configuration, so the panel works from the keyboard alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from seatclient.api.models import ConsultInfo, ReasonCode
from seatclient.i18n import tr
from seatclient.seat import (
    Answer,
    CancelPending,
    EndWrapUp,
    ExtendWrapUp,
    HangUp,
    Hold,
    Request,
    Resume,
    SeatState,
    SetPending,
    WrapUpCountdown,
)
from seatclient.softphone.base import PhoneCall, PhoneState
from seatclient.softphone.transfers import TransferTarget, TransferTargets
from seatclient.ui.state_bar import STATE_COLOURS, format_duration, state_label
from seatclient.ui.transfer_box import TransferBox
from seatclient.ui.wrap_up_panel import WrapUpPanel

REFRESH_MS = 250


def format_number(number: str) -> str:
    """Group a mobile number as 3-4-4 so it can be read back to the caller; others stay as they are."""
    if len(number) == 11 and number.isdigit() and number.startswith("1"):
        return f"{number[:3]} {number[3:7]} {number[7:]}"
    return number


class RingBanner(QLabel):
    """The “来电振铃” banner; says when a ringing call has first been painted (for the latency bench).

    Signals:
        painted: the banner of this call id was drawn on screen for the first time.
    """

    painted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ringing_call_id: str | None = None
        self._reported: str | None = None

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw, then report the first paint of a ringing call."""
        super().paintEvent(event)
        call_id = self.ringing_call_id
        if call_id is not None and call_id != self._reported:
            self._reported = call_id
            self.painted.emit(call_id)


class CallPanel(QWidget):
    """The call region of the seat window.

    Signals:
        answer_requested: answer (接听).
        hang_up_requested: hang up (挂断).
        hold_toggle_requested: hold, or take back from hold (保持 / 取回).
        mute_toggle_requested: mute or unmute (静音 / 取消静音).
        dtmf_requested: send these DTMF digits.
        pending_away_requested: book “示忙 with this reason” for after the call.
        pending_sign_out_requested: book “签出” for after the call.
        cancel_pending_requested: cancel the booking.
        extend_wrap_up_requested: extend the wrap-up once.
        end_wrap_up_requested: end the wrap-up.
        ringing_painted: the ringing call (its id) was first painted.

    The transfer controls (consult, three-way call, complete, cancel, blind, emergency) are the
    ``transfer`` box; its signals carry those intents.
    """

    answer_requested = Signal()
    hang_up_requested = Signal()
    hold_toggle_requested = Signal()
    mute_toggle_requested = Signal()
    dtmf_requested = Signal(str)
    pending_away_requested = Signal(str)
    pending_sign_out_requested = Signal()
    cancel_pending_requested = Signal()
    extend_wrap_up_requested = Signal()
    end_wrap_up_requested = Signal()
    ringing_painted = Signal(str)

    def __init__(
        self,
        now: Callable[[], datetime],
        countdown: Callable[[], WrapUpCountdown | None],
        ring_period_seconds: int = 5,
        answer_within_rings: int = 3,
        extension_seconds: int = 60,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("callPanel")
        self.setAccessibleName(tr("CallPanel", "通话"))
        self._now = now
        self._ring_period = ring_period_seconds
        self._target_rings = answer_within_rings
        self._call: PhoneCall | None = None
        self._phone_state = PhoneState.IDLE
        self._seat_state = SeatState.SIGNED_OUT
        self._available: frozenset[type[Request]] = frozenset()

        self.banner = RingBanner()
        self.banner.setObjectName("callBanner")
        self.banner.setAccessibleDescription(tr("CallPanel", "通话状态"))
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setWordWrap(True)
        self.banner.painted.connect(self.ringing_painted.emit)

        self.number_label = QLabel()
        self.number_label.setObjectName("callerNumberLabel")
        self.number_label.setAccessibleDescription(tr("CallPanel", "来电号码"))
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.number_label.setStyleSheet("QLabel { font-size: 22px; font-weight: bold; }")
        self.queue_label = QLabel()
        self.queue_label.setObjectName("callQueueLabel")
        self.queue_label.setAccessibleDescription(tr("CallPanel", "来电队列"))
        self.waited_label = QLabel()
        self.waited_label.setObjectName("callWaitedLabel")
        self.waited_label.setAccessibleDescription(tr("CallPanel", "排队等待时间"))
        self.ivr_label = QLabel()
        self.ivr_label.setObjectName("callIvrLabel")
        self.ivr_label.setAccessibleDescription(tr("CallPanel", "语音导航记录"))
        self.ivr_label.setWordWrap(True)
        self.ring_label = QLabel()
        self.ring_label.setObjectName("ringCounterLabel")
        self.ring_label.setAccessibleDescription(tr("CallPanel", "振铃计数"))
        self.ring_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer_label = QLabel()
        self.timer_label.setObjectName("callTimerLabel")
        self.timer_label.setAccessibleDescription(tr("CallPanel", "通话时长"))

        details = QFormLayout()
        details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        details.addRow(tr("CallPanel", "来电号码"), self.number_label)
        details.addRow(tr("CallPanel", "队列"), self.queue_label)
        details.addRow(tr("CallPanel", "已等待"), self.waited_label)
        details.addRow(tr("CallPanel", "语音导航"), self.ivr_label)
        self.details = QWidget()
        self.details.setObjectName("callDetails")
        self.details.setLayout(details)

        self.answer_action = self._action(tr("CallPanel", "接听"), "actionAnswer")
        self.hang_up_action = self._action(tr("CallPanel", "挂断"), "actionHangUp")
        self.hold_action = self._action(tr("CallPanel", "保持"), "actionHold")
        self.mute_action = self._action(tr("CallPanel", "静音"), "actionMute")
        self.dtmf_action = self._action(tr("CallPanel", "按键"), "actionDtmf")
        self.answer_button = self._button(self.answer_action, "answerButton", "#27ae60")
        self.hang_up_button = self._button(self.hang_up_action, "hangUpButton", "#c0392b")
        self.hold_button = self._button(self.hold_action, "holdButton")
        self.mute_button = self._button(self.mute_action, "muteButton")
        self.dtmf_edit = QLineEdit()
        self.dtmf_edit.setObjectName("dtmfEdit")
        self.dtmf_edit.setAccessibleName(tr("CallPanel", "按键号码"))
        self.dtmf_edit.setPlaceholderText(tr("CallPanel", "按键（0-9 * #），回车发送"))
        self.dtmf_edit.setMaxLength(32)

        controls = QVBoxLayout()
        first_row = QHBoxLayout()
        first_row.addWidget(self.answer_button)
        first_row.addWidget(self.hang_up_button)
        second_row = QHBoxLayout()
        second_row.addWidget(self.hold_button)
        second_row.addWidget(self.mute_button)
        controls.addLayout(first_row)
        controls.addLayout(second_row)
        controls.addWidget(self.dtmf_edit)

        self.pending_label = QLabel()
        self.pending_label.setObjectName("pendingNextLabel")
        self.pending_label.setAccessibleDescription(tr("CallPanel", "通话后的状态"))
        self.pending_label.setWordWrap(True)
        self.pending_menu = QMenu(tr("CallPanel", "通话后示忙原因"), self)
        self.pending_menu.setObjectName("pendingAwayMenu")
        self.pending_away_action = self._action(tr("CallPanel", "通话后示忙"), "actionPendingAway")
        self.pending_away_action.setMenu(self.pending_menu)
        self.pending_sign_out_action = self._action(tr("CallPanel", "通话后签出"), "actionPendingSignOut")
        self.cancel_pending_action = self._action(tr("CallPanel", "取消预约"), "actionCancelPending")
        self.pending_away_button = self._button(self.pending_away_action, "pendingAwayButton")
        self.pending_away_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pending_sign_out_button = self._button(self.pending_sign_out_action, "pendingSignOutButton")
        self.cancel_pending_button = self._button(self.cancel_pending_action, "cancelPendingButton")
        self.pending_box = QGroupBox(tr("CallPanel", "本次通话后"))
        self.pending_box.setObjectName("pendingBox")
        pending_buttons = QHBoxLayout()
        pending_buttons.addWidget(self.pending_away_button)
        pending_buttons.addWidget(self.pending_sign_out_button)
        pending_buttons.addWidget(self.cancel_pending_button)
        pending_layout = QVBoxLayout(self.pending_box)
        pending_layout.addWidget(self.pending_label)
        pending_layout.addLayout(pending_buttons)

        self.wrap_up = WrapUpPanel(countdown, extension_seconds)
        self.wrap_up.extend_requested.connect(self.extend_wrap_up_requested.emit)
        self.wrap_up.end_requested.connect(self.end_wrap_up_requested.emit)

        self.story_box = QGroupBox(tr("CallPanel", "模拟来电人（培训）"))
        self.story_box.setObjectName("trainingStoryBox")
        self.story_label = QLabel()
        self.story_label.setObjectName("trainingStoryLabel")
        self.story_label.setAccessibleDescription(tr("CallPanel", "模拟来电人陈述"))
        self.story_label.setWordWrap(True)
        self.story_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self.story_box).addWidget(self.story_label)

        self.sound_label = QLabel()
        self.sound_label.setObjectName("ringSoundNote")
        self.sound_label.setAccessibleDescription(tr("CallPanel", "铃声提示"))
        self.sound_label.setWordWrap(True)
        self.sound_label.setStyleSheet("QLabel { color: #7f8c8d; font-size: 11px; }")
        self.notice_label = QLabel()
        self.notice_label.setObjectName("callNotice")
        self.notice_label.setAccessibleDescription(tr("CallPanel", "通话提示"))
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet("QLabel { color: #c0392b; }")
        self.transfer = TransferBox()
        self._consult: ConsultInfo | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.ring_label)
        layout.addWidget(self.details)
        layout.addWidget(self.timer_label)
        layout.addLayout(controls)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.transfer)
        layout.addWidget(self.pending_box)
        layout.addWidget(self.wrap_up)
        layout.addWidget(self.story_box)
        layout.addStretch(1)
        layout.addWidget(self.sound_label)
        self.setMinimumWidth(300)

        self.answer_action.triggered.connect(self.answer_requested.emit)
        self.hang_up_action.triggered.connect(self.hang_up_requested.emit)
        self.hold_action.triggered.connect(self.hold_toggle_requested.emit)
        self.mute_action.triggered.connect(self.mute_toggle_requested.emit)
        self.dtmf_action.triggered.connect(self._focus_dtmf)
        self.dtmf_edit.returnPressed.connect(self._send_dtmf)
        self.pending_away_action.triggered.connect(self._pop_pending_menu)
        self.pending_sign_out_action.triggered.connect(self.pending_sign_out_requested.emit)
        self.cancel_pending_action.triggered.connect(self.cancel_pending_requested.emit)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self._show()

    # ----------------------------------------------------------------------------- building

    def _action(self, text: str, name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        return action

    def _button(self, action: QAction, name: str, colour: str | None = None) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setDefaultAction(action)
        button.setAccessibleName(action.text())
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setMinimumHeight(32)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if colour is not None:
            button.setStyleSheet(
                f"QToolButton:enabled {{ background: {colour}; color: white; font-weight: bold; "
                "border-radius: 3px; padding: 4px 10px; }"
            )
        return button

    def shortcut_actions(self) -> dict[str, QAction]:
        """The panel's actions by shortcut action id (``config.DEFAULT_SHORTCUTS``)."""
        return {
            "call.answer": self.answer_action,
            "call.hang_up": self.hang_up_action,
            "call.hold": self.hold_action,
            "call.mute": self.mute_action,
            "call.dtmf": self.dtmf_action,
            "seat.pending_away": self.pending_away_action,
            "seat.pending_sign_out": self.pending_sign_out_action,
            "seat.cancel_pending": self.cancel_pending_action,
            "wrap_up.end": self.wrap_up.end_action,
            "wrap_up.extend": self.wrap_up.extend_action,
            **self.transfer.shortcut_actions(),
        }

    def apply_shortcuts(self, shortcuts: Mapping[str, str]) -> list[QAction]:
        """Give each action its key from ``shortcuts`` (application-wide); returns the actions set.

        The key is also shown on the action's button, so the keyboard path is visible.
        """
        assigned: list[QAction] = []
        for action_id, action in self.shortcut_actions().items():
            sequence = shortcuts.get(action_id)
            if not sequence:
                continue
            action.setShortcut(QKeySequence(sequence))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.setToolTip(f"{action.text()}（{sequence}）")
            assigned.append(action)
        self._label_buttons()
        return assigned

    def _label_buttons(self) -> None:
        for button in self.findChildren(QToolButton):
            action = button.defaultAction()
            if action is None:
                continue
            key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setText(f"{action.text()} {key}" if key else action.text())
            button.setAccessibleName(action.text())

    def set_reasons(self, reasons: list[ReasonCode], language: str) -> None:
        """Offer the away reasons for “示忙 after this call”."""
        self.pending_menu.clear()
        for reason in reasons:
            label = reason.label_en if language == "en" else reason.label_zh
            action = self.pending_menu.addAction(label)
            action.setObjectName(f"pendingReason_{reason.code}")
            action.triggered.connect(lambda _=False, code=reason.code: self.pending_away_requested.emit(code))

    def set_ring_rules(self, period_seconds: int, answer_within_rings: int) -> None:
        """Follow the ring period and the rings-to-answer target of the rules in force."""
        self._ring_period = max(1, period_seconds)
        self._target_rings = max(1, answer_within_rings)

    # ------------------------------------------------------------------------------ inputs

    def set_call(self, call: PhoneCall | None) -> None:
        """Show this call (or none)."""
        self._call = call
        self._phone_state = PhoneState.IDLE if call is None else call.state
        self._show()

    def set_seat(self, state: SeatState, pending_text: str, pending_forced_by: str | None) -> None:
        """Show the seat's state and its booked next state."""
        self._seat_state = state
        if pending_text and pending_forced_by:
            text = tr("CallPanel", "已预约：通话后{next}（班长 {by} 安排）").format(
                next=pending_text, by=pending_forced_by
            )
        elif pending_text:
            text = tr("CallPanel", "已预约：通话后{next}").format(next=pending_text)
        else:
            text = tr("CallPanel", "未预约：通话和话后整理结束后自动示闲")
        self.pending_label.setText(text)
        self.pending_label.setAccessibleName(text)
        self._show()

    def set_available(self, available: frozenset[type[Request]]) -> None:
        """Enable the controls the seat machine allows now."""
        self._available = available
        self.transfer.set_available(available)
        self._enable()

    def set_transfer_targets(self, targets: TransferTargets) -> None:
        """Offer these transfer targets and emergency lines."""
        self.transfer.set_targets(targets)

    def set_consult(self, consult: ConsultInfo | None) -> None:
        """Show the third party's leg of the call (ringing, answered, three-way, busy …), or none."""
        self._consult = consult
        self.transfer.set_consult(consult)
        self._show()

    def start_emergency_transfer(self, line: str) -> bool:
        """Ask for the emergency transfer to ``line`` (110 …), as the emergency key's menu does.

        The dispatch panel's emergency disposition calls this too, so both paths send the same
        handoff. Returns whether it was asked for (a call to transfer, a configured line).
        """
        return self.transfer.start_emergency_transfer(line)

    def offer_three_way(self, target: TransferTarget | None, unit_name: str) -> None:
        """Offer the three-way call to an extra-urgent order's unit (HZ 6.3.2); ``None``: it has no number."""
        self.transfer.offer_three_way(target, unit_name)

    def set_order_required(self, required: bool, extension_seconds: int) -> None:
        """Follow the wrap-up rules in force."""
        self.wrap_up.set_order_required(required)
        self.wrap_up.set_extension_seconds(extension_seconds)
        self._label_buttons()

    def set_sound_note(self, text: str, audible: bool) -> None:
        """Say whether the ring is heard or only seen."""
        self.sound_label.setText(text)
        self.sound_label.setAccessibleName(text)
        colour = "#7f8c8d" if audible else "#d35400"
        self.sound_label.setStyleSheet(f"QLabel {{ color: {colour}; font-size: 11px; }}")

    def show_notice(self, text: str) -> None:
        """Show a refusal or a hint under the controls; empty hides it."""
        self.notice_label.setText(text)
        self.notice_label.setAccessibleName(text)
        self.notice_label.setVisible(bool(text))

    def _focus_dtmf(self) -> None:
        if self.dtmf_edit.isEnabled():
            self.dtmf_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.dtmf_edit.selectAll()

    def _send_dtmf(self) -> None:
        digits = self.dtmf_edit.text().strip().upper()
        if digits:
            self.dtmf_requested.emit(digits)
            self.dtmf_edit.clear()

    def _pop_pending_menu(self) -> None:
        if self.pending_away_action.isEnabled():
            button = self.pending_away_button
            self.pending_menu.popup(button.mapToGlobal(button.rect().bottomLeft()))

    # ----------------------------------------------------------------------------- display

    def _enable(self) -> None:
        kinds = self._available
        connected = self._phone_state in (PhoneState.CONNECTED, PhoneState.HELD)
        self.answer_action.setEnabled(Answer in kinds)
        self.hang_up_action.setEnabled(HangUp in kinds)
        held = self._phone_state is PhoneState.HELD
        self.hold_action.setText(tr("CallPanel", "取回") if held else tr("CallPanel", "保持"))
        self.hold_action.setEnabled((Resume if held else Hold) in kinds)
        muted = self._call is not None and self._call.muted
        self.mute_action.setText(tr("CallPanel", "取消静音") if muted else tr("CallPanel", "静音"))
        self.mute_action.setEnabled(connected and self._call is not None and self._call.ended_at is None)
        dtmf_possible = self._phone_state is PhoneState.CONNECTED
        self.dtmf_action.setEnabled(dtmf_possible)
        self.dtmf_edit.setEnabled(dtmf_possible)
        self.pending_away_action.setEnabled(SetPending in kinds and not self.pending_menu.isEmpty())
        self.pending_sign_out_action.setEnabled(SetPending in kinds)
        self.cancel_pending_action.setEnabled(CancelPending in kinds)
        self.wrap_up.set_actions_enabled(ExtendWrapUp in kinds, EndWrapUp in kinds)
        self._label_buttons()

    def _show(self) -> None:
        call = self._call
        seat = self._seat_state
        ringing = call is not None and self._phone_state is PhoneState.RINGING
        self.banner.ringing_call_id = call.call_id if ringing and call is not None else None
        if ringing:
            title = tr("CallPanel", "来电振铃 · 请接听")
            colour = STATE_COLOURS[SeatState.RINGING]
        elif call is not None or seat in (SeatState.TALKING, SeatState.HELD, SeatState.WRAP_UP):
            title = state_label(seat) if seat is not SeatState.READY else tr("CallPanel", "通话已结束")
            colour = STATE_COLOURS.get(seat, "#7f8c8d")
        else:
            title = (
                tr("CallPanel", "当前没有通话")
                if seat is not SeatState.READY
                else tr("CallPanel", "示闲：等待来电")
            )
            colour = "#95a5a6" if seat is not SeatState.READY else STATE_COLOURS[SeatState.READY]
        self.banner.setText(title)
        self.banner.setAccessibleName(title)
        self.banner.setStyleSheet(
            f"QLabel {{ background: {colour}; color: white; font-size: 16px; font-weight: bold; "
            "padding: 8px; border-radius: 4px; }"
        )
        self.details.setVisible(call is not None)
        if call is not None:
            number = (
                tr("CallPanel", "号码未显示")
                if call.number_withheld or not call.caller_number
                else format_number(call.caller_number)
            )
            self.number_label.setText(number)
            self.number_label.setAccessibleName(number)
            self.queue_label.setText(call.queue)
            self.queue_label.setAccessibleName(call.queue)
            self.waited_label.setText(format_duration(call.waited))
            self.ivr_label.setText(call.ivr_note or tr("CallPanel", "（无）"))
            self.ivr_label.setAccessibleName(self.ivr_label.text())
        story = call.story if call is not None and self._phone_state is not PhoneState.RINGING else None
        self.story_box.setVisible(story is not None)
        if story is not None:
            who = story.name or tr("CallPanel", "（不愿留姓名）")
            where = "".join(part for part in (story.district, story.address) if part)
            self.story_label.setText(
                tr("CallPanel", "{who} · {where}\n“{topic}”\n（参考诉求类型：{kind}）").format(
                    who=who, where=where, topic=story.topic, kind=story.request_type
                )
            )
        in_contact = seat in (
            SeatState.RINGING,
            SeatState.TALKING,
            SeatState.HELD,
            SeatState.CONSULTING,
            SeatState.CONFERENCE,
            SeatState.WRAP_UP,
        )
        self.pending_box.setVisible(in_contact)
        on_call = seat in (SeatState.TALKING, SeatState.HELD, SeatState.CONSULTING, SeatState.CONFERENCE)
        # After the call the box stays while it has something to say (transferred, caller hung up).
        self.transfer.setVisible(on_call or (seat is SeatState.WRAP_UP and self._consult is not None))
        self.transfer.set_call_active(on_call)
        if not in_contact:
            self.transfer.clear_offer()
        self.wrap_up.setVisible(seat is SeatState.WRAP_UP)
        self._enable()
        self.refresh()

    def refresh(self) -> None:
        """Redraw the counters from server time (ring count, call and hold time, wrap-up)."""
        call = self._call
        now = self._now()
        if call is not None and self._phone_state is PhoneState.RINGING:
            ringing_for = max(timedelta(0), now - call.offered_at)
            ring = 1 + int(ringing_for.total_seconds() // self._ring_period)
            text = tr("CallPanel", "第 {ring} 声 · {target} 声内接听").format(
                ring=ring, target=self._target_rings
            )
            if ring > self._target_rings:
                colour, weight = "#c0392b", "bold"
                text = tr("CallPanel", "第 {ring} 声 · 已超过 {target} 声，请立即接听").format(
                    ring=ring, target=self._target_rings
                )
            elif ring == self._target_rings:
                colour, weight = "#d35400", "bold"
            else:
                colour, weight = "#2c3e50", "normal"
            self.ring_label.setText(text)
            self.ring_label.setAccessibleName(text)
            self.ring_label.setProperty("overTarget", ring > self._target_rings)
            self.ring_label.setStyleSheet(
                f"QLabel {{ color: {colour}; font-weight: {weight}; font-size: 15px; "
                f"border: 2px solid {colour}; border-radius: 4px; padding: 4px; }}"
            )
            self.ring_label.setVisible(True)
        else:
            self.ring_label.setVisible(False)
        if call is not None and call.answered_at is not None:
            end = call.ended_at or now
            talk = format_duration(max(timedelta(0), end - call.answered_at))
            text = tr("CallPanel", "通话 {time}").format(time=talk)
            if call.held_since is not None and call.ended_at is None:
                held = format_duration(max(timedelta(0), now - call.held_since))
                text = tr("CallPanel", "{talk} · 保持 {held}").format(talk=text, held=held)
            if call.muted:
                text = tr("CallPanel", "{text} · 已静音").format(text=text)
            self.timer_label.setText(text)
            self.timer_label.setAccessibleName(text)
            self.timer_label.setVisible(True)
        else:
            self.timer_label.setVisible(False)
        if self._seat_state is SeatState.WRAP_UP:
            self.wrap_up.refresh()

    @property
    def ring_over_target(self) -> bool:
        """Whether the ring counter shows the call past the rings-to-answer target."""
        return bool(self.ring_label.property("overTarget")) and self.ring_label.isVisible()
