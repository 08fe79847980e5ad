"""Glue between the seat window's widgets and the core: intents go in, facts come out."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings

from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.events import ConnectionState
from seatclient.api.models import SeatStatus
from seatclient.credentials import CredentialStore
from seatclient.i18n import tr
from seatclient.profile_state import ProfileState
from seatclient.session import IllegalRequest, SeatSession, StateDivergence
from seatclient.tasks import BackgroundTasks
from seatclient.ui.bridge import SessionBridge
from seatclient.ui.main_window import MainWindow
from seatclient.ui.sign_in_dialog import SignInDialog
from seatclient.ui.state_bar import SeatStateBar, state_label

log = logging.getLogger(__name__)


class SeatController(QObject):
    """Runs the sign-in dialog and the seat window for one workstation.

    It forwards what the person asks for to ``SeatSession`` and shows what the backend answers;
    it decides no rule itself (which requests are possible comes from the session).
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
        self.window = MainWindow(self.state_bar, shortcuts, training, backend_label, window_settings)
        self.dialog = SignInDialog(training, backend_label)
        self._signing_out = False
        self._quitting = False

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
        self.state_bar.show_notice("")
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

    def _quit(self) -> None:
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

    async def _sign_out(self) -> None:
        self._signing_out = True
        try:
            await self._session.sign_out()
        except BackendError as exc:
            log.warning("sign-out at the backend failed: %s", exc.kind.value)
        finally:
            self._signing_out = False

    async def _close_window(self) -> None:
        if self._session.sign_in_result is not None:
            await self._sign_out()
        self._quit()

    def _on_session_status_changed(self, status: SeatStatus) -> None:
        self.state_bar.set_status(status, self._session.reason_label(status.reason_code, self._language))
        self.state_bar.set_available(self._session.available_requests())

    def _on_session_connection_changed(self, state: str) -> None:
        self.window.set_connection(ConnectionState(state))

    def _on_session_state_diverged(self, divergence: StateDivergence) -> None:
        self.state_bar.show_notice(
            tr(
                "SeatController",
                "连接恢复后，后台显示本座席为「{actual}」（之前显示「{shown}」），已按后台状态更新。",
            ).format(actual=state_label(divergence.actual.state), shown=state_label(divergence.shown.state))
        )

    def _on_session_ended(self, reason: str) -> None:
        self.state_bar.set_available(frozenset())
        if self._quitting:
            return
        self.start()
        if not self._signing_out:
            self.dialog.show_error(reason)
        self.window.hide()
