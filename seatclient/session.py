"""One signed-in seat: sign-in, the event stream, and the backend's truth about the seat state."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from seatclient.api.client import ApiClient
from seatclient.api.errors import BackendError
from seatclient.api.events import ConnectionState, EventStream, StreamTuning
from seatclient.api.models import (
    EVENT_RESYNC,
    EVENT_SEAT_STATE,
    EVENT_SIGNED_OUT,
    ReasonCode,
    SeatState,
    SeatStatus,
    ServerEvent,
    SignInResponse,
)
from seatclient.clock import ServerClock
from seatclient.i18n import tr
from seatclient.observable import Signal
from seatclient.rules import RuleBook

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StateDivergence:
    """The backend's state differs from what the seat showed before a reconnect."""

    shown: SeatStatus
    actual: SeatStatus


class IllegalRequest(Exception):
    """A request the seat cannot make in its current state; the message says why, in Chinese."""


class SeatSession:
    """The client side of one signed-in seat; the backend decides, this object follows.

    Requests go to the backend; the resulting state arrives as an event and only then becomes
    ``status``. After a reconnect the backend's state is read again, and a difference from what was
    shown is announced so the person is told.

    Signals:
        status_changed: the seat's ``SeatStatus`` changed.
        connection_changed: the event stream's ``ConnectionState`` changed.
        state_diverged: a ``StateDivergence`` found after a reconnect.
        session_ended: the session ended (signed out here, or ended by the backend); carries a reason.
        event_received: every other ``ServerEvent``, for the features that handle them.
    """

    def __init__(
        self,
        client: ApiClient,
        rulebook: RuleBook,
        clock: ServerClock | None = None,
        stream_tuning: StreamTuning | None = None,
    ) -> None:
        self._client = client
        self._rulebook = rulebook
        self.clock = clock or ServerClock()
        self._stream_tuning = stream_tuning or StreamTuning()
        self._stream: EventStream | None = None
        self._stream_task: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[None]] = set()
        self.sign_in_result: SignInResponse | None = None
        self.status: SeatStatus | None = None
        self.reason_codes: list[ReasonCode] = []
        self.connection = ConnectionState.CLOSED
        self.status_changed: Signal[SeatStatus] = Signal()
        self.connection_changed: Signal[ConnectionState] = Signal()
        self.state_diverged: Signal[StateDivergence] = Signal()
        self.session_ended: Signal[str] = Signal()
        self.event_received: Signal[ServerEvent] = Signal()

    @property
    def job_number(self) -> str:
        """The signed-in job number (工号)."""
        return self.sign_in_result.agent.job_number if self.sign_in_result else ""

    async def sign_in(self, job_number: str, password: str, seat_id: str) -> SignInResponse:
        """Sign in, load the seat's rules and state, and open the event stream.

        Raises:
            BackendError: the sign-in failed; ``user_message()`` says why.
        """
        result = await self._client.sign_in(job_number, password, seat_id)
        self.clock.observe(result.server_time)
        try:
            bundle = await self._client.config_bundle(self._rulebook.bundle_version)
            if bundle is not None:
                self._rulebook.apply_bundle(bundle.version, bundle.files)
            self.reason_codes = await self._client.reason_codes()
            status = await self._client.seat_state()
        except BackendError:
            # Half a sign-in is worse than none: the backend would route calls to a seat that
            # cannot show them.
            with contextlib.suppress(BackendError):
                await self._client.sign_out()
            self._client.forget_session()
            raise
        self.sign_in_result = result
        self._set_status(status)
        self._start_stream()
        return result

    def selectable_reasons(self) -> list[ReasonCode]:
        """The away reasons a person may pick."""
        return [reason for reason in self.reason_codes if reason.selectable]

    def reason_label(self, code: str | None, language: str = "zh_CN") -> str:
        """The label of a reason code in ``language``, or the code itself when unknown."""
        for reason in self.reason_codes:
            if reason.code == code:
                return reason.label_en if language == "en" else reason.label_zh
        return code or ""

    def _start_stream(self) -> None:
        stream = EventStream(self._client, self._stream_tuning)
        stream.event_received.connect(self._on_stream_event)
        stream.connection_changed.connect(self._on_stream_connection)
        stream.server_time.connect(self.clock.observe)
        stream.reconnected.connect(lambda _: self._spawn(self._resync()))
        stream.session_lost.connect(lambda error: self._end(error.user_message()))
        self._stream = stream
        self._stream_task = asyncio.create_task(stream.run(), name="event-stream")

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _on_stream_connection(self, state: ConnectionState) -> None:
        self.connection = state
        self.connection_changed.emit(state)

    def _on_stream_event(self, event: ServerEvent) -> None:
        self.clock.observe(event.at)
        if event.type == EVENT_SEAT_STATE:
            self._set_status(SeatStatus.model_validate(event.data))
        elif event.type == EVENT_SIGNED_OUT:
            self._end(tr("SeatSession", "后台已将本座席签出。"))
        elif event.type == EVENT_RESYNC:
            self._spawn(self._resync())
        else:
            self.event_received.emit(event)

    async def _resync(self) -> None:
        """Take the backend's state after a reconnect, and say so when it differs from what was shown."""
        shown = self.status
        try:
            actual = await self._client.seat_state()
        except BackendError as exc:
            log.warning("could not re-read the seat state after reconnecting: %s", exc.kind.value)
            return
        if shown is not None and (shown.state, shown.reason_code) != (actual.state, actual.reason_code):
            self.state_diverged.emit(StateDivergence(shown=shown, actual=actual))
        self._set_status(actual)

    def _set_status(self, status: SeatStatus) -> None:
        if status != self.status:
            self.status = status
            self.status_changed.emit(status)
            if status.state is SeatState.SIGNED_OUT and self.sign_in_result is not None:
                self._end(tr("SeatSession", "已签出。"))

    def available_requests(self) -> frozenset[str]:
        """The state requests that make sense now (``ready``, ``away``, ``sign_out``), for enabling buttons."""
        current = self.status.state if self.status else SeatState.SIGNED_OUT
        if self.sign_in_result is None or current is SeatState.SIGNED_OUT:
            return frozenset()
        if current is SeatState.READY:
            return frozenset({"away", "sign_out"})
        if current is SeatState.AWAY:
            return frozenset({"ready", "away", "sign_out"})
        return frozenset()

    def check_request(self, state: str, reason_code: str | None = None) -> None:
        """Refuse, with a plain reason, a state request the seat cannot make now.

        Raises:
            IllegalRequest: the request cannot be made in the current state.
        """
        current = self.status.state if self.status else SeatState.SIGNED_OUT
        if self.sign_in_result is None:
            raise IllegalRequest(tr("SeatSession", "尚未签入。"))
        if current not in (SeatState.READY, SeatState.AWAY):
            raise IllegalRequest(tr("SeatSession", "通话或话后整理中不能切换示闲/示忙。"))
        if state == "away" and reason_code not in {r.code for r in self.selectable_reasons()}:
            raise IllegalRequest(tr("SeatSession", "请选择示忙原因。"))
        if current is SeatState.READY and state == "ready":
            raise IllegalRequest(tr("SeatSession", "已经是示闲状态。"))

    async def request_state(self, state: str, reason_code: str | None = None) -> None:
        """Ask the backend for ``ready`` or ``away`` (with a reason); the result arrives as an event.

        Raises:
            IllegalRequest: refused locally before sending.
            BackendError: the backend refused or could not be reached.
        """
        self.check_request(state, reason_code)
        accepted = await self._client.request_state(state, reason_code)
        if accepted.status is not None:
            self._set_status(accepted.status)

    async def sign_out(self) -> None:
        """Sign out at the backend and close the stream.

        The backend's acceptance of the sign-out is its answer, so the seat shows signed out at once
        even though the stream closes before the matching event could arrive.
        """
        try:
            await self._client.sign_out()
            if self.status is not None:
                self.status = self.status.model_copy(
                    update={"state": SeatState.SIGNED_OUT, "reason_code": None, "since": self.clock.now()}
                )
                self.status_changed.emit(self.status)
        finally:
            await self._stop_stream()
            self._end(tr("SeatSession", "已签出。"))

    def _end(self, reason: str) -> None:
        if self.sign_in_result is None:
            return
        self.sign_in_result = None
        self._client.forget_session()
        if self._stream is not None:
            self._stream.stop()
        self.session_ended.emit(reason)

    async def _stop_stream(self) -> None:
        if self._stream is not None:
            self._stream.stop()
        if self._stream_task is not None:
            self._stream_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._stream_task
            self._stream_task = None

    async def close(self) -> None:
        """Stop every background task; used at shutdown."""
        await self._stop_stream()
        for task in list(self._background):
            task.cancel()
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)
