"""Glue between the seat window's widgets and the core: intents go in, facts come out."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QTimer

from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.events import ConnectionState
from seatclient.api.models import SeatStatus
from seatclient.compliance.checks import SelfCheckItem
from seatclient.compliance.live import reload_compliance
from seatclient.credentials import CredentialStore
from seatclient.i18n import tr
from seatclient.outbox import Outbox, PayloadKeys
from seatclient.profile_state import ProfileState
from seatclient.rules import RuleError
from seatclient.session import IllegalRequest, RulesChange, SeatSession, StateDivergence
from seatclient.softphone.backend import BackendPhone
from seatclient.softphone.base import AbstractPhone, PhoneCall, PhoneCommandRefused, PhoneState
from seatclient.softphone.transfers import emergency_handoff, load_targets_in_force, unit_target
from seatclient.tasks import BackgroundTasks
from seatclient.ui.bridge import SessionBridge
from seatclient.ui.call_panel import CallPanel, format_number
from seatclient.ui.main_window import MainWindow
from seatclient.ui.order_desk import OrderDesk
from seatclient.ui.outbox_status import OutboxStatusLabel
from seatclient.ui.repeat_caller_panel import RepeatCallerPanel
from seatclient.ui.ringer import Ringer, SoundPlayer, TrayNotifier, find_player
from seatclient.ui.sign_in_dialog import SignInDialog
from seatclient.ui.state_bar import SeatStateBar, state_label
from seatclient.ui.team_leader_window import FloorDesk
from seatclient.ui.today_orders import TodayOrdersPanel
from seatclient.ui.training_menu import TrainingRoom

AVAILABILITY_REFRESH_MS = 500

log = logging.getLogger(__name__)


class SeatController(QObject):
    """Runs the sign-in dialog and the seat window for one workstation.

    It forwards what the person asks for to ``SeatSession`` (seat requests) and the phone (call
    controls), and shows what the backend answers; it decides no rule itself (which requests are
    possible comes from the session's seat machine). Every command runs under a task key, so a
    double press of a key or button sends it once.

    Args:
        phone: the phone to control; the backend CTI phone over ``session`` by default.
        sound_player: returns what plays the ring (``None``: visual only); by default what the
            workstation has (``find_player``).
        order_desk: the order regions (form, scripts, knowledge, dispatch) and their glue; the
            window shows placeholders for them when ``None``.
        floor_desk: the team leader's board and the raise-hand button's glue; none when ``None``.
        training_room: the transcript region, the live phrase alert and, in training, the 培训
            menu and score card; none when ``None``.
    """

    def __init__(
        self,
        session: SeatSession,
        credentials: CredentialStore,
        tasks: BackgroundTasks,
        profile_state_path: Path,
        window_settings: QSettings,
        shortcuts: dict[str, str],
        language: str,
        training: bool,
        backend_url: str,
        default_seat_id: str,
        on_quit: Callable[[], None],
        phone: AbstractPhone | None = None,
        sound_player: Callable[[], SoundPlayer | None] = find_player,
        order_desk: OrderDesk | None = None,
        floor_desk: FloorDesk | None = None,
        training_room: TrainingRoom | None = None,
    ) -> None:
        super().__init__()
        self._session = session
        self._credentials = credentials
        self._tasks = tasks
        self._profile_state_path = profile_state_path
        self._language = language
        self._backend_url = backend_url
        self._default_seat_id = default_seat_id
        self._on_quit = on_quit
        backend_label = tr("SeatController", "内置培训后台") if training else backend_url
        self.bridge = SessionBridge(session, self)
        self.state_bar = SeatStateBar(session.clock.now)
        rules = session.rules
        self.phone = phone or BackendPhone(session)
        self.call_panel = CallPanel(
            session.clock.now,
            session.wrap_up_countdown,
            rules.ring_period_seconds,
            rules.answer_within_rings,
            rules.wrap_up.extension_seconds,
        )
        self.order_desk = order_desk
        desk = order_desk
        self.window = MainWindow(
            self.state_bar,
            shortcuts,
            training,
            backend_label,
            window_settings,
            call_panel=self.call_panel,
            form_region=desk.form_region if desk else None,
            focus_form=desk.focus_form if desk else None,
            scripts_panel=desk.scripts_panel if desk else None,
            knowledge_panel=desk.knowledge_panel if desk else None,
            dispatch_panel=desk.dispatch_region if desk else None,
        )
        for action in self.call_panel.apply_shortcuts(shortcuts):
            # On the window, so a key works even while the call dock is hidden or floating.
            self.window.addAction(action)
        self.outbox_status: OutboxStatusLabel | None = None
        self.today_orders: TodayOrdersPanel | None = None
        if desk is not None:
            self._add_outbox_views(desk)
            self._add_self_check(desk)
        if desk is not None and desk.repeat_callers is not None:
            self._add_repeat_callers(desk.repeat_callers)
        self.floor_desk = floor_desk
        if floor_desk is not None:
            floor_desk.attach(self.window, self.state_bar)
        self.training_room = training_room
        if training_room is not None:
            self._add_training_room(training_room)
        self.ringer = Ringer(rules.ring_period_seconds, sound_player(), parent=self)
        self.tray = TrayNotifier(self.window, self.window.windowIcon(), parent=self)
        self.call_panel.set_sound_note(self.ringer.note(), self.ringer.audible)
        self.dialog = SignInDialog(training, backend_label)
        self._signing_out = False
        self._quitting = False
        self._availability_timer = QTimer(self)
        self._availability_timer.setInterval(AVAILABILITY_REFRESH_MS)
        self._availability_timer.timeout.connect(self._refresh_available)
        self._availability_timer.start()

        self.dialog.sign_in_requested.connect(self._on_dialog_sign_in_requested)
        self.dialog.job_number_entered.connect(self._on_dialog_job_number_entered)
        self.dialog.rejected.connect(self._on_dialog_rejected)
        self.state_bar.ready_requested.connect(
            lambda: self._tasks.spawn(self._request_state("ready"), key="seat-state")
        )
        self.state_bar.away_requested.connect(
            lambda code: self._tasks.spawn(self._request_state("away", code), key="seat-state")
        )
        self.state_bar.sign_out_requested.connect(lambda: self._tasks.spawn(self._sign_out(), key="sign-out"))
        self.window.close_requested.connect(lambda: self._tasks.spawn(self._close_window(), key="sign-out"))
        self.bridge.status_changed.connect(self._on_session_status_changed)
        self.bridge.connection_changed.connect(self._on_session_connection_changed)
        self.bridge.state_diverged.connect(self._on_session_state_diverged)
        self.bridge.session_ended.connect(self._on_session_ended)
        session.notice.connect(self.state_bar.show_notice)
        session.rules_changed.connect(self._on_rules_changed)
        self.phone.call_changed.connect(self._on_phone_call_changed)
        self.phone.state_changed.connect(self._on_phone_state_changed)
        self.phone.call_offered.connect(self._on_phone_call_offered)
        self.ringer.availability_changed.connect(self.call_panel.set_sound_note)
        panel = self.call_panel
        panel.answer_requested.connect(lambda: self._call_control(self.phone.answer))
        panel.hang_up_requested.connect(lambda: self._call_control(self.phone.hang_up))
        panel.hold_toggle_requested.connect(lambda: self._call_control(self.phone.toggle_hold))
        panel.mute_toggle_requested.connect(lambda: self._call_control(self.phone.toggle_mute))
        panel.dtmf_requested.connect(lambda digits: self._call_control(lambda: self.phone.send_dtmf(digits)))
        panel.pending_away_requested.connect(
            lambda code: self._seat_command(lambda: self._session.set_pending_away(code), "seat-pending")
        )
        panel.pending_sign_out_requested.connect(
            lambda: self._seat_command(self._session.set_pending_sign_out, "seat-pending")
        )
        panel.cancel_pending_requested.connect(
            lambda: self._seat_command(self._session.cancel_pending, "seat-pending")
        )
        panel.extend_wrap_up_requested.connect(
            lambda: self._seat_command(self._session.extend_wrap_up, "wrap-up")
        )
        panel.end_wrap_up_requested.connect(lambda: self._seat_command(self._session.end_wrap_up, "wrap-up"))
        self._wire_transfers(panel)

    def _add_outbox_views(self, desk: OrderDesk) -> None:
        """The count of orders to send in the status bar and the today region, following the desk's outbox."""
        status = OutboxStatusLabel()
        today = TodayOrdersPanel(PayloadKeys.from_schema(desk.form.editor.schema), self._session.clock.now)
        self.outbox_status, self.today_orders = status, today
        # Beside the connection state: "● 已连接  待发送 3" reads as one fact about the link.
        self.window.add_status_widget(status)
        self.window.add_region(
            "today",
            tr("SeatController", "今日工单"),
            today,
            Qt.DockWidgetArea.RightDockWidgetArea,
            action_id="panel.today",
            tab_with="dispatch",
        )
        desk.outbox_changed.connect(self._on_outbox_changed)
        today.open_requested.connect(desk.reopen_rejected)
        status.activated.connect(self.show_today_orders)

    def _add_repeat_callers(self, panel: RepeatCallerPanel) -> None:
        """The caller's earlier orders beside the knowledge base; Ctrl+Shift+O brings it with its number box."""
        self.window.add_region(
            "repeat_callers",
            tr("SeatController", "历史工单"),
            panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
            action_id="panel.repeat_callers",
            tab_with="knowledge",
        )
        # On the window, so the key works while the region is behind another tab or hidden.
        self.window.addAction(panel.focus_lookup_action)
        panel.focus_lookup_action.triggered.connect(self.show_order_lookup)

    def show_order_lookup(self) -> None:
        """Bring the repeat-caller region to the front and put the cursor in its order-number box."""
        desk = self.order_desk
        if desk is None or desk.repeat_callers is None:
            return
        dock = self.window.docks["repeat_callers"]
        dock.show()
        dock.raise_()
        desk.repeat_callers.focus_order_lookup()

    def _add_training_room(self, room: TrainingRoom) -> None:
        """The transcript region, the live alert above the form, and the 培训 menu in training."""
        self.window.add_region(
            "transcript",
            tr("SeatController", "通话记录"),
            room.panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
            action_id="panel.transcript",
            tab_with="scripts",
        )
        room.attach(self.window)
        if self.order_desk is not None:
            self.order_desk.add_banner(room.alert)
            room.alert.hits_shown.connect(self.order_desk.phrase_warning.record_transcript_hits)
        self.bridge.event_received.connect(room.on_event)
        self.bridge.status_changed.connect(room.on_status)
        room.notice.connect(self.state_bar.show_notice)

    def _add_self_check(self, desk: OrderDesk) -> None:
        """The wrap-up shows the self-check of the order's call; what the person ticks goes into it."""
        wrap_up = self.call_panel.wrap_up
        wrap_up.set_self_check_source(lambda: desk.phrase_warning.self_check.checklist())
        wrap_up.self_check_confirmed.connect(
            lambda item, ticked: desk.phrase_warning.self_check.confirm(SelfCheckItem(item), ticked)
        )

    def _on_rules_changed(self, change: RulesChange) -> None:
        """Apply a new phrase list, policy or scripts from the config bundle without a restart.

        Nothing typed is touched; a broken file keeps the rules in force, and the person is told.
        """
        desk = self.order_desk
        if desk is None:
            return
        outcome = reload_compliance(desk.compliance_rules(), self._session.rulebook, change.names)
        for error in outcome.errors:
            log.error(
                "config bundle %s: refused, the rules in force stay: %s", change.version, error.describe()
            )
        if not outcome.changed and not outcome.errors:
            return
        rules = outcome.rules
        desk.set_compliance_rules(rules)
        if self.training_room is not None:
            alert = self.training_room.alert
            alert.set_matcher(rules.matcher)
            alert.set_call_taker_speakers(rules.policy.call_taker_speakers)
            alert.set_duration(rules.policy.transcript_alert_seconds)
        summary = outcome.summary()
        # Deferred: at sign-in this runs inside ``SeatSession.sign_in``, and the sign-in that follows
        # clears the notice line; a broken file must still be told.
        QTimer.singleShot(0, self.state_bar, lambda: self.state_bar.show_notice(summary))

    def _on_outbox_changed(self, outbox: Outbox | None) -> None:
        if self.outbox_status is not None:
            self.outbox_status.set_outbox(outbox)
        if self.today_orders is not None:
            self.today_orders.set_outbox(outbox)

    def show_today_orders(self) -> None:
        """Bring the today region to the front and put the focus in its list."""
        if self.today_orders is None:
            return
        dock = self.window.docks["today"]
        dock.show()
        dock.raise_()
        self.today_orders.setFocus()

    # -- transfers (consult, three-way, complete, blind, emergency) ---------------------------------

    def _wire_transfers(self, panel: CallPanel) -> None:
        """Transfer intents go to the phone; the phone's third-party leg comes back to the panel."""
        box = panel.transfer
        phone = self.phone
        phone.consult_changed.connect(panel.set_consult)
        box.consult_requested.connect(lambda target: self._call_control(lambda: phone.consult(target)))
        box.three_way_requested.connect(lambda target: self._call_control(lambda: phone.consult(target)))
        box.blind_transfer_requested.connect(
            lambda target: self._call_control(lambda: phone.blind_transfer(target))
        )
        box.conference_requested.connect(lambda: self._call_control(phone.start_conference))
        box.complete_transfer_requested.connect(lambda: self._call_control(phone.complete_transfer))
        box.cancel_consult_requested.connect(lambda: self._call_control(phone.cancel_consult))
        box.emergency_requested.connect(self._on_emergency_requested)
        desk = self.order_desk
        if desk is not None:
            desk.emergency_transfer_requested.connect(self.start_emergency_transfer)
            # Connected after the desk's own slot, so the order has been handled when this runs.
            desk.dispatch_panel.disposition_requested.connect(self._on_disposition_handled)

    def start_emergency_transfer(self, line: str) -> None:
        """Transfer the call to emergency ``line`` with the order's handoff (the dispatch panel's 紧急转警)."""
        if not self.call_panel.start_emergency_transfer(line):
            self.call_panel.show_notice(
                tr("SeatController", "当前没有可转接的通话，未转接 {line}；工单仍按紧急转警记录。").format(
                    line=line
                )
            )

    def _on_emergency_requested(self, line: str) -> None:
        call = self.phone.call
        desk = self.order_desk
        values = dict(desk.form.editor.values) if desk is not None and desk.form.isEnabled() else {}
        call_id = call.call_id if call is not None else ""
        handoff = emergency_handoff(values, call_id, call.caller_number if call is not None else "")
        # Its own key: an emergency must not be dropped as a double press of another call control.
        self._tasks.spawn(
            self._run_call_control(lambda: self.phone.emergency_transfer(line, handoff)), key="call-emergency"
        )

    def _on_disposition_handled(self, kind: str) -> None:
        """After an extra-urgent order is submitted during the call, offer the three-way call to its unit."""
        desk = self.order_desk
        if desk is None or kind != "extra_urgent" or desk.form.isEnabled():
            return
        unit = desk.dispatch_panel.chosen_unit()
        if unit is None or self.phone.call is None or self.phone.call.ended_at is not None:
            return
        self.call_panel.offer_three_way(unit_target(unit) if unit.phone else None, unit.name)

    def _load_transfer_targets(self) -> None:
        try:
            targets = load_targets_in_force(self._session.rulebook)
        except RuleError as exc:
            log.error("the transfer targets in force are unusable: %s", exc)
            self.call_panel.show_notice(
                tr("SeatController", "转接对象配置有误，暂不能转接：{problem}").format(problem=exc.describe())
            )
            return
        self.call_panel.set_transfer_targets(targets)

    def start(self) -> None:
        """Show the sign-in dialog, prefilled with what this workstation remembers."""
        state = ProfileState.load(self._profile_state_path)
        job_number = state.last_job_number
        seat_id = state.last_seat_id or self._default_seat_id
        self.dialog.set_remember_available(self._credentials.available)
        password = self._credentials.load(self._backend_url, job_number) if job_number else None
        self.dialog.prefill(job_number, seat_id, password)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def bring_to_front(self) -> None:
        """Raise whichever window the person is using (a second launch asked for it)."""
        target = self.window if self.window.isVisible() else self.dialog
        target.showNormal()
        target.raise_()
        target.activateWindow()

    def _on_dialog_job_number_entered(self, job_number: str) -> None:
        if not job_number or self.dialog.password_edit.text():
            return
        password = self._credentials.load(self._backend_url, job_number)
        if password is not None:
            self.dialog.offer_password(password)

    def _on_dialog_sign_in_requested(
        self, job_number: str, password: str, seat_id: str, remember: bool
    ) -> None:
        self._tasks.spawn(self._sign_in(job_number, password, seat_id, remember), key="sign-in")

    async def _sign_in(self, job_number: str, password: str, seat_id: str, remember: bool) -> None:
        self.dialog.set_busy(True)
        try:
            result = await self._session.sign_in(job_number, password, seat_id)
        except BackendError as exc:
            field = {
                ErrorKind.INVALID_CREDENTIALS: self.dialog.password_edit,
                ErrorKind.SEAT_TAKEN: self.dialog.seat_edit,
            }.get(exc.kind)
            self.dialog.show_error(exc.user_message(), field)
            return
        if remember:
            self._credentials.save(self._backend_url, job_number, password)
        else:
            self._credentials.forget(self._backend_url, job_number)
        ProfileState(last_job_number=job_number, last_seat_id=seat_id).save(self._profile_state_path)
        self.state_bar.set_agent(result.agent.name, result.agent.job_number, result.seat_id)
        self.state_bar.set_reasons(self._session.selectable_reasons(), self._language)
        self.call_panel.set_reasons(self._session.selectable_reasons(), self._language)
        rules = self._session.rules
        self.call_panel.set_ring_rules(rules.ring_period_seconds, rules.answer_within_rings)
        self.call_panel.set_order_required(rules.wrap_up.order_required, rules.wrap_up.extension_seconds)
        self._load_transfer_targets()
        self.ringer.set_period(rules.ring_period_seconds)
        self.state_bar.show_notice("")
        if self.order_desk is not None:
            self.order_desk.signed_in()
        if self.floor_desk is not None:
            self.floor_desk.signed_in(result)
        if self._session.status is not None:
            self._on_session_status_changed(self._session.status)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        self.dialog.set_busy(False)
        self.dialog.password_edit.clear()
        self.dialog.accept()

    def _on_dialog_rejected(self) -> None:
        if not self._session.sign_in_result:
            self._quit()

    def _flush_order(self) -> None:
        # Whatever was typed is on disk before the seat signs out or the client stops.
        if self.order_desk is not None:
            self.order_desk.flush()

    def _quit(self) -> None:
        self._flush_order()
        self._quitting = True
        self.window.allow_close()
        self.window.close()
        self.dialog.close()
        self._on_quit()

    async def _request_state(self, state: str, reason_code: str | None = None) -> None:
        try:
            await self._session.request_state(state, reason_code)
        except IllegalRequest as exc:
            self.state_bar.show_notice(str(exc))
        except BackendError as exc:
            self.state_bar.show_notice(exc.user_message())
        else:
            self.state_bar.show_notice("")

    async def _sign_out(self) -> bool:
        """Sign out; returns ``False`` when the seat machine or the backend refused (during a call)."""
        self._flush_order()
        self._signing_out = True
        try:
            await self._session.sign_out()
        except IllegalRequest as exc:
            self.state_bar.show_notice(str(exc))
            return False
        except BackendError as exc:
            log.warning("sign-out at the backend failed: %s", exc.kind.value)
            if exc.kind is ErrorKind.REJECTED:
                self.state_bar.show_notice(exc.user_message())
                return False
        finally:
            self._signing_out = False
        return True

    async def _close_window(self) -> None:
        # Closing means signing out; during a call that is refused and the window stays.
        if self._session.sign_in_result is not None and not await self._sign_out():
            return
        self._quit()

    def _call_control(self, command: Callable[[], Awaitable[None]]) -> None:
        # The command is created only when it runs, so a press ignored as a double press leaves
        # nothing half-started behind.
        self._tasks.spawn(self._run_call_control(command), key="call-control")

    async def _run_call_control(self, command: Callable[[], Awaitable[None]]) -> None:
        try:
            await command()
        except PhoneCommandRefused as exc:
            self.call_panel.show_notice(str(exc))
        else:
            self.call_panel.show_notice("")

    def _seat_command(self, command: Callable[[], Awaitable[None]], key: str) -> None:
        self._tasks.spawn(self._run_seat_command(command), key=key)

    async def _run_seat_command(self, command: Callable[[], Awaitable[None]]) -> None:
        try:
            await command()
        except IllegalRequest as exc:
            self.call_panel.show_notice(str(exc))
        except BackendError as exc:
            self.call_panel.show_notice(exc.user_message())
        else:
            self.call_panel.show_notice("")

    def _refresh_available(self) -> None:
        # Some requests open with time alone (no-early-exit wrap-up reaching its deadline).
        if self._session.sign_in_result is None:
            return
        available = self._session.available_requests()
        self.state_bar.set_available(available)
        self.call_panel.set_available(available)

    def _on_session_status_changed(self, status: SeatStatus) -> None:
        self.state_bar.set_status(status, self._session.reason_label(status.reason_code, self._language))
        pending = self._session.pending_text()
        self.state_bar.set_pending(pending)
        forced_by = status.pending_next.forced_by if status.pending_next else None
        self.call_panel.set_seat(status.state, pending, forced_by)
        available = self._session.available_requests()
        self.state_bar.set_available(available)
        self.call_panel.set_available(available)

    def _on_phone_call_changed(self, call: PhoneCall | None) -> None:
        self.call_panel.set_call(call)

    def _on_phone_state_changed(self, state: PhoneState) -> None:
        if state is PhoneState.RINGING:
            self.ringer.start()
        else:
            self.ringer.stop()
        if state is not PhoneState.IDLE:
            self.call_panel.show_notice("")

    def _on_phone_call_offered(self, call: PhoneCall) -> None:
        number = (
            tr("SeatController", "号码未显示") if call.number_withheld else format_number(call.caller_number)
        )
        self.tray.notify_ringing(
            tr("SeatController", "{number} · {queue}，请按 {key} 接听").format(
                number=number, queue=call.queue, key=self.call_panel.answer_action.shortcut().toString()
            )
        )

    def _describe(self, status: SeatStatus) -> str:
        label = state_label(status.state)
        reason = self._session.reason_label(status.reason_code, self._language)
        return f"{label} · {reason}" if reason else label

    def _on_session_connection_changed(self, state: str) -> None:
        self.window.set_connection(ConnectionState(state))

    def _on_session_state_diverged(self, divergence: StateDivergence) -> None:
        self.state_bar.show_notice(
            tr(
                "SeatController",
                "连接恢复后，后台显示本座席为「{actual}」（之前显示「{shown}」），已按后台状态更新。",
            ).format(actual=self._describe(divergence.actual), shown=self._describe(divergence.shown))
        )

    def _on_session_ended(self, reason: str) -> None:
        if self.order_desk is not None:
            self.order_desk.signed_out()
        if self.floor_desk is not None:
            self.floor_desk.signed_out()
        self.state_bar.set_available(frozenset())
        self.call_panel.set_available(frozenset())
        self.ringer.stop()
        if self._quitting:
            return
        self.start()
        if not self._signing_out:
            self.dialog.show_error(reason)
        self.window.hide()
