"""Glue between the seat window's widgets and the core: intents go in, facts come out."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer

from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.events import ConnectionState
from seatclient.api.models import SeatStatus
from seatclient.credentials import CredentialStore
from seatclient.i18n import tr
from seatclient.profile_state import ProfileState
from seatclient.session import IllegalRequest, SeatSession, StateDivergence
from seatclient.softphone.backend import BackendPhone
from seatclient.softphone.base import AbstractPhone, PhoneCall, PhoneCommandRefused, PhoneState
from seatclient.tasks import BackgroundTasks
from seatclient.ui.bridge import SessionBridge
from seatclient.ui.call_panel import CallPanel, format_number
from seatclient.ui.main_window import MainWindow
from seatclient.ui.order_desk import OrderDesk
from seatclient.ui.ringer import Ringer, SoundPlayer, TrayNotifier, find_player
from seatclient.ui.sign_in_dialog import SignInDialog
from seatclient.ui.state_bar import SeatStateBar, state_label

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
        self.ringer.set_period(rules.ring_period_seconds)
        self.state_bar.show_notice("")
        if self.order_desk is not None:
            self.order_desk.signed_in()
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
        self.state_bar.set_available(frozenset())
        self.call_panel.set_available(frozenset())
        self.ringer.stop()
        if self._quitting:
            return
        self.start()
        if not self._signing_out:
            self.dialog.show_error(reason)
        self.window.hide()
