"""One signed-in seat: sign-in, the event stream, the backend's truth about the seat, and its commands.

The backend decides; this object follows. Before a command is sent it is checked locally with the
same seat machine the backend runs (``seatclient.seat.decide``), so an impossible request is
refused at once with the machine's own message, and the buttons offered are exactly
``allowed_requests``. The state shown is always the backend's: from the command's answer, from a
``seat.state`` event, or read again after a reconnect (and the person is told when it differs).

The intake form reports a saved order with ``report_order_saved(call_id)``; the call it belongs to
(caller number, queue, IVR note) is ``current_call``, announced through ``call_changed``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, replace
from typing import Any

from seatclient.api.client import ApiClient
from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.events import ConnectionState, EventStream, StreamTuning
from seatclient.api.models import (
    EVENT_CALL_ENDED,
    EVENT_CALL_OFFERED,
    EVENT_CALL_UPDATED,
    EVENT_CONFIG_UPDATED,
    EVENT_PENDING_APPLIED,
    EVENT_RESYNC,
    EVENT_SEAT_STATE,
    EVENT_SIGNED_OUT,
    Accepted,
    CallEndReason,
    CallInfo,
    ConsultInfo,
    EmergencyHandoff,
    PendingNextWire,
    ReasonCode,
    SeatState,
    SeatStatus,
    ServerEvent,
    SignInResponse,
    TransferAccepted,
)
from seatclient.api.transfers import TransferApi
from seatclient.clock import ServerClock
from seatclient.i18n import tr
from seatclient.observable import Signal
from seatclient.rules import RuleBook, RuleError
from seatclient.seat import (
    Answer,
    CancelPending,
    EndWrapUp,
    ExtendWrapUp,
    GoAway,
    GoReady,
    HangUp,
    Hold,
    OrderSaved,
    PendingKind,
    PendingNext,
    Refused,
    Request,
    Resume,
    SeatRules,
    SeatSnapshot,
    SetPending,
    SignOut,
    WrapUpCountdown,
    allowed_requests,
    decide,
    load_default_rules,
    pending_label,
    wrap_up_countdown,
)
from seatclient.seat.machine import RULE_FILE_NAME as SEAT_RULES_FILE
from seatclient.seat.machine import (
    BlindTransfer,
    CancelConsult,
    CompleteTransfer,
    EmergencyTransfer,
    StartConference,
    StartConsult,
    allowed_transfers,
)
from seatclient.seat.states import CALL_STATES

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StateDivergence:
    """The backend's state differs from what the seat showed before a reconnect."""

    shown: SeatStatus
    actual: SeatStatus


@dataclass(frozen=True)
class RulesChange:
    """The backend's config bundle changed rule files in force (at sign-in, live, or after a reconnect).

    Attributes:
        version: the bundle's version now in force.
        names: the rule files whose content changed (``forbidden_phrases``, ``scripts`` …).
    """

    version: str
    names: frozenset[str]


class IllegalRequest(Exception):
    """A request the seat cannot make in its current state; the message says why, in Chinese.

    Attributes:
        code: the seat machine's refusal code (``order_not_saved``, ``on_call`` …), when it has one.
    """

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


class SeatSession:
    """The client side of one signed-in seat; the backend decides, this object follows.

    Requests are checked with the seat machine, then sent; the backend's answer (and its events)
    become ``status``. After a reconnect the backend's state is read again, and a difference from
    what was shown is announced so the person is told.

    Signals:
        status_changed: the seat's ``SeatStatus`` changed.
        connection_changed: the event stream's ``ConnectionState`` changed.
        state_diverged: a ``StateDivergence`` found after a reconnect.
        session_ended: the session ended (signed out here, or ended by the backend); carries a reason.
        call_changed: the current call's ``CallInfo`` (offered, answered, held, ended), or ``None``
            when the seat has no call any more.
        notice: a short message for the person (a booked state took effect …).
        rules_changed: a ``RulesChange``: the config bundle changed rule files in force; what
            depends on them is rebuilt by its owner, which keeps its old rules when a file is broken.
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
        # One bundle fetch at a time: an older answer must never be applied over a newer one.
        self._config_lock = asyncio.Lock()
        self._rules: SeatRules | None = None
        self._status_at_outage: SeatStatus | None = None
        # Set when the person's own request is accepted after a reconnect: from then on the state
        # they see is their own doing, not something to warn them about.
        self._acted_since_reconnect = False
        self.sign_in_result: SignInResponse | None = None
        self.status: SeatStatus | None = None
        self.current_call: CallInfo | None = None
        self.reason_codes: list[ReasonCode] = []
        self.connection = ConnectionState.CLOSED
        self.status_changed: Signal[SeatStatus] = Signal()
        self.connection_changed: Signal[ConnectionState] = Signal()
        self.state_diverged: Signal[StateDivergence] = Signal()
        self.session_ended: Signal[str] = Signal()
        self.call_changed: Signal[CallInfo | None] = Signal()
        self.notice: Signal[str] = Signal()
        self.rules_changed: Signal[RulesChange] = Signal()
        self.event_received: Signal[ServerEvent] = Signal()

    # ----------------------------------------------------------------------------- state

    @property
    def job_number(self) -> str:
        """The signed-in job number (工号)."""
        return self.sign_in_result.agent.job_number if self.sign_in_result else ""

    @property
    def rulebook(self) -> RuleBook:
        """The rule files in force: the backend's config bundle over the hall's and the shipped ones."""
        return self._rulebook

    @property
    def rules(self) -> SeatRules:
        """The seat rules in force: the backend's config bundle, else the shipped file."""
        if self._rules is None:
            self._rules = self._load_rules()
        return self._rules

    def _load_rules(self) -> SeatRules:
        try:
            return load_default_rules(self._rulebook)
        except RuleError as exc:
            # The backend still enforces its rules; the client only loses its early refusals.
            log.error("the seat rules in force are unusable, using the shipped ones: %s", exc)
            return load_default_rules(RuleBook())

    @property
    def link_up(self) -> bool:
        """Whether the link to the backend is up: not lost and being re-established.

        While it is down every request is refused (the seat machine's ``offline``), because the
        seat cannot know its true state until it has read it again. The first connection after
        sign-in does not count as down: the state was just read over REST.
        """
        return self.connection not in (ConnectionState.RECONNECTING, ConnectionState.OFFLINE)

    def snapshot(self) -> SeatSnapshot | None:
        """The seat machine's view of the backend's state, flagged when the link is down."""
        if self.status is None or self.sign_in_result is None:
            return None
        try:
            snapshot = self.status.to_snapshot()
        except ValueError:
            log.warning("the backend sent a seat status the machine cannot hold")
            return None
        return replace(snapshot, connection_lost=not self.link_up)

    def available_requests(self) -> frozenset[type[Request]]:
        """The request kinds the seat machine would accept now, for enabling buttons and shortcuts."""
        snapshot = self.snapshot()
        if snapshot is None:
            return frozenset()
        now = self.clock.now()
        return frozenset(
            [*allowed_requests(snapshot, now, self.rules), *allowed_transfers(snapshot, now, self.rules)]
        )

    def wrap_up_countdown(self) -> WrapUpCountdown | None:
        """The wrap-up's remaining time (or overrun) in server time, or ``None`` outside wrap-up."""
        snapshot = self.snapshot()
        if snapshot is None:
            return None
        return wrap_up_countdown(snapshot, self.clock.now(), self.rules.wrap_up)

    def pending_text(self) -> str:
        """The booked next state as shown, e.g. ``示忙（小休）``, or ``""``."""
        pending = self.status.pending_next if self.status else None
        if pending is None:
            return ""
        try:
            return pending_label(pending.to_pending(), self.rules)
        except ValueError:
            return ""

    def selectable_reasons(self) -> list[ReasonCode]:
        """The away reasons a person may pick."""
        return [reason for reason in self.reason_codes if reason.selectable]

    def reason_label(self, code: str | None, language: str = "zh_CN") -> str:
        """The label of a reason code in ``language``, or the code itself when unknown."""
        for reason in self.reason_codes:
            if reason.code == code:
                return reason.label_en if language == "en" else reason.label_zh
        return code or ""

    # --------------------------------------------------------------------------- sign-in

    async def sign_in(self, job_number: str, password: str, seat_id: str) -> SignInResponse:
        """Sign in, load the seat's rules and state, and open the event stream.

        Raises:
            BackendError: the sign-in failed; ``user_message()`` says why.
        """
        result = await self._client.sign_in(job_number, password, seat_id)
        self.clock.observe(result.server_time)
        try:
            bundle = await self._client.config_bundle(self._rulebook.bundle_version)
            changed = self._rulebook.apply_bundle(bundle.version, bundle.files) if bundle else frozenset()
            self._rules = self._load_rules()
            self.reason_codes = await self._client.reason_codes()
            status = await self._client.seat_state()
            call = await self._client.call_info(status.call_id) if status.call_id else None
        except BackendError:
            # Half a sign-in is worse than none: the backend would route calls to a seat that
            # cannot show them.
            with contextlib.suppress(BackendError):
                await self._client.sign_out()
            self._client.forget_session()
            raise
        self.sign_in_result = result
        self.status = None
        self._set_call(call)
        self._set_status(status)
        if bundle is not None and changed:
            self.rules_changed.emit(RulesChange(bundle.version, changed))
        self._start_stream()
        return result

    def _start_stream(self) -> None:
        stream = EventStream(self._client, self._stream_tuning)
        stream.event_received.connect(self._on_stream_event)
        stream.connection_changed.connect(self._on_stream_connection)
        stream.server_time.connect(self.clock.observe)
        stream.reconnected.connect(lambda _: self._spawn(self._resync()))
        # An update announced while the link was down may be gone from the replayed events.
        stream.reconnected.connect(lambda _: self._spawn(self._refresh_config()))
        stream.session_lost.connect(lambda error: self._end(error.user_message()))
        self._stream = stream
        self._stream_task = asyncio.create_task(stream.run(), name="event-stream")

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _on_stream_connection(self, state: ConnectionState) -> None:
        was_up = self.link_up
        self.connection = state
        if was_up and not self.link_up:
            # What the person saw when the link dropped is what a divergence is measured against.
            self._status_at_outage = self.status
        if not was_up and self.link_up:
            self._acted_since_reconnect = False
        self.connection_changed.emit(state)
        if was_up != self.link_up and self.status is not None:
            # What may be done changed (nothing while the link is down): let the views re-ask.
            self.status_changed.emit(self.status)

    def _on_stream_event(self, event: ServerEvent) -> None:
        self.clock.advance(event.at)
        if event.type == EVENT_SEAT_STATE:
            self._set_status(SeatStatus.model_validate(event.data))
        elif event.type in (EVENT_CALL_OFFERED, EVENT_CALL_UPDATED, EVENT_CALL_ENDED):
            self._on_call_event(CallInfo.model_validate(event.data))
        elif event.type == EVENT_PENDING_APPLIED:
            self._on_pending_applied(event.data)
        elif event.type == EVENT_SIGNED_OUT:
            self._end(tr("SeatSession", "后台已将本座席签出。"))
        elif event.type == EVENT_RESYNC:
            self._spawn(self._resync())
        elif event.type == EVENT_CONFIG_UPDATED:
            self._spawn(self._refresh_config())
        else:
            self.event_received.emit(event)

    def _on_call_event(self, call: CallInfo) -> None:
        status_call = self.status.call_id if self.status else None
        gone = call.end_reason in (CallEndReason.RING_TIMEOUT, CallEndReason.CONNECTION_LOST)
        if gone and status_call != call.call_id:
            # The call was taken back; it must not linger in the call panel.
            if self.current_call is not None and self.current_call.call_id == call.call_id:
                self._set_call(None)
            return
        self._set_call(call)

    def _on_pending_applied(self, data: dict[str, Any]) -> None:
        try:
            pending = PendingNextWire.model_validate(data.get("pending") or {}).to_pending()
        except ValueError:
            return
        self.notice.emit(
            tr("SeatSession", "通话已结束，按预约转为“{next}”。").format(
                next=pending_label(pending, self.rules)
            )
        )

    async def refresh_config(self) -> frozenset[str]:
        """Fetch the config bundle when its version changed, apply it, and announce what changed.

        Returns:
            The rule files whose content changed (empty when the bundle is unchanged).

        Raises:
            BackendError: the bundle could not be fetched; the rules in force stay.
        """
        async with self._config_lock:
            bundle = await self._client.config_bundle(self._rulebook.bundle_version)
            if bundle is None:
                return frozenset()
            changed = self._rulebook.apply_bundle(bundle.version, bundle.files)
        if SEAT_RULES_FILE in changed:
            self._rules = self._load_rules()
        if changed:
            log.info("config bundle %s changed %s", bundle.version, ", ".join(sorted(changed)))
            self.rules_changed.emit(RulesChange(bundle.version, changed))
        return changed

    async def _refresh_config(self) -> None:
        try:
            await self.refresh_config()
        except BackendError as exc:
            # The rules in force stay; the next update or reconnect fetches the bundle again.
            log.warning("could not fetch the changed config bundle: %s", exc.kind.value)

    async def _resync(self) -> None:
        """Take the backend's state after a reconnect, and say so when it differs from what was shown."""
        shown = self._status_at_outage or self.status
        self._status_at_outage = None
        try:
            actual = await self._client.seat_state()
            call = await self._client.call_info(actual.call_id) if actual.call_id else None
        except BackendError as exc:
            log.warning("could not re-read the seat state after reconnecting: %s", exc.kind.value)
            return
        if self._acted_since_reconnect:
            # The person has already acted on the restored link; their answers are newer than
            # this read, which must neither warn them nor roll their state back.
            self._set_status(actual)
            return
        if shown is not None and _differs(shown, actual):
            self.state_diverged.emit(StateDivergence(shown=shown, actual=actual))
        self._set_call(call)
        self._set_status(actual, force=True)

    def _set_status(self, status: SeatStatus, force: bool = False) -> None:
        current = self.status
        if not force and current is not None and status.revision < current.revision:
            return  # an older state (a replayed event) arriving after a newer read
        if status == current:
            return
        self.status = status
        if status.call_id is None and self.current_call is not None:
            self._set_call(None)
        self.status_changed.emit(status)
        if status.state is SeatState.SIGNED_OUT and self.sign_in_result is not None:
            self._end(tr("SeatSession", "已签出。"))

    def _set_call(self, call: CallInfo | None) -> None:
        if call != self.current_call:
            self.current_call = call
            self.call_changed.emit(call)

    # --------------------------------------------------------------------------- commands

    def check(self, request: Request) -> None:
        """Refuse, with the seat machine's message, a request the seat cannot make now.

        Raises:
            IllegalRequest: the request cannot be made in the current state.
        """
        snapshot = self.snapshot()
        if snapshot is None:
            raise IllegalRequest(tr("SeatSession", "尚未签入。"), "not_signed_in")
        decision = decide(snapshot, request, self.clock.now(), self.rules)
        if isinstance(decision, Refused):
            raise IllegalRequest(decision.message, decision.code.value)

    def check_request(self, state: str, reason_code: str | None = None) -> None:
        """Refuse a ``ready`` or ``away`` request the seat cannot make now (see ``check``).

        Raises:
            IllegalRequest: the request cannot be made in the current state.
        """
        if state == "away" and not reason_code:
            raise IllegalRequest(tr("SeatSession", "请选择示忙原因。"), "unknown_reason")
        self.check(GoAway(reason_code or "") if state == "away" else GoReady())

    async def _send(self, request: Request, command: Callable[[], Awaitable[Accepted]]) -> Accepted:
        """Check ``request`` locally, send it, and take the backend's answer as the truth."""
        self.check(request)
        accepted = await command()
        if accepted.server_time is not None:
            self.clock.advance(accepted.server_time)
        if accepted.call is not None:
            self._set_call(accepted.call)
        if accepted.status is not None:
            self._acted_since_reconnect = True
            self._set_status(accepted.status)
        return accepted

    async def request_state(self, state: str, reason_code: str | None = None) -> None:
        """Ask the backend for ``ready`` or ``away`` (with a reason).

        Raises:
            IllegalRequest: refused locally before sending.
            BackendError: the backend refused or could not be reached.
        """
        self.check_request(state, reason_code)
        request: Request = GoAway(reason_code or "") if state == "away" else GoReady()
        await self._send(request, lambda: self._client.request_state(state, reason_code))

    async def set_pending(self, next_state: PendingNext) -> None:
        """Book “示忙（reason）” or “签出” for after this call and its wrap-up.

        Raises:
            IllegalRequest: refused locally (no call, a team leader's booking …).
            BackendError: the backend refused or could not be reached.
        """
        kind = next_state.kind.value
        await self._send(SetPending(next_state), lambda: self._client.set_pending(kind, next_state.reason))

    async def set_pending_away(self, reason_code: str) -> None:
        """Book “示忙 with ``reason_code``” for after this call (see ``set_pending``)."""
        await self.set_pending(PendingNext.go_away(reason_code))

    async def set_pending_sign_out(self) -> None:
        """Book “签出” for after this call (see ``set_pending``)."""
        await self.set_pending(PendingNext(PendingKind.sign_out))

    async def cancel_pending(self) -> None:
        """Cancel the agent's own booked next state."""
        await self._send(CancelPending(), self._client.cancel_pending)

    async def extend_wrap_up(self) -> None:
        """Extend this wrap-up once."""
        await self._send(ExtendWrapUp(), self._client.extend_wrap_up)

    async def end_wrap_up(self) -> None:
        """End the wrap-up (refused while the order is unsaved when required, or in no-early-exit mode)."""
        await self._send(EndWrapUp(), self._client.end_wrap_up)

    async def report_order_saved(self, call_id: str) -> None:
        """Tell the backend the order (工单) of ``call_id`` was saved; the intake form calls this.

        During the call this only marks the order; in wrap-up it lets the wrap-up end (an overrun
        wrap-up ends at once). Safe to call twice.

        Raises:
            IllegalRequest: not this seat's current call, or no call.
            BackendError: the backend refused or could not be reached.
        """
        await self._send(OrderSaved(call_id), lambda: self._client.call_command(call_id, "order-saved"))

    def _call_id(self) -> str:
        call_id = self.status.call_id if self.status else None
        return call_id or ""

    async def answer(self) -> None:
        """Answer the ringing call (接听)."""
        call_id = self._call_id()
        await self._send(Answer(), lambda: self._client.call_command(call_id, "answer"))

    async def hang_up(self) -> None:
        """Hang up the call (挂断); wrap-up starts."""
        call_id = self._call_id()
        await self._send(HangUp(), lambda: self._client.call_command(call_id, "hangup"))

    async def hold(self) -> None:
        """Put the caller on hold (保持)."""
        call_id = self._call_id()
        await self._send(Hold(), lambda: self._client.call_command(call_id, "hold"))

    async def resume(self) -> None:
        """Take the caller back from hold (取回)."""
        call_id = self._call_id()
        await self._send(Resume(), lambda: self._client.call_command(call_id, "resume"))

    def _check_in_call(self, action: str) -> str:
        snapshot = self.snapshot()
        if snapshot is None:
            raise IllegalRequest(tr("SeatSession", "尚未签入。"), "not_signed_in")
        if snapshot.connection_lost:
            # The machine's own wording for an offline seat.
            self.check(Hold())
        if snapshot.state not in CALL_STATES or snapshot.call_id is None:
            raise IllegalRequest(
                tr("SeatSession", "当前没有接通的通话，不能{action}。").format(action=action), "no_call"
            )
        return snapshot.call_id

    async def set_muted(self, muted: bool) -> None:
        """Mute or unmute the agent's microphone on the answered call (the seat state does not change).

        Raises:
            IllegalRequest: no answered call.
            BackendError: the backend refused or could not be reached.
        """
        action = tr("SeatSession", "静音") if muted else tr("SeatSession", "取消静音")
        call_id = self._check_in_call(action)
        accepted = await self._client.call_command(call_id, "mute" if muted else "unmute")
        if accepted.call is not None:
            self._set_call(accepted.call)

    async def send_dtmf(self, digits: str) -> None:
        """Send DTMF digits on the answered call.

        Raises:
            IllegalRequest: no answered call, or digits other than 0-9 * # A-D.
            BackendError: the backend refused or could not be reached.
        """
        call_id = self._check_in_call(tr("SeatSession", "发送按键"))
        if not digits or any(char not in "0123456789*#ABCD" for char in digits) or len(digits) > 32:
            raise IllegalRequest(tr("SeatSession", "按键只能是 0-9、*、#（最多 32 个）。"), "invalid_digits")
        accepted = await self._client.send_dtmf(call_id, digits)
        if accepted.call is not None:
            self._set_call(accepted.call)

    # ------------------------------------------------------------------- transfers

    async def consult(self, target_id: str) -> TransferAccepted:
        """Hold the caller and call ``target_id`` (咨询); the leg's progress follows as ``call.consult`` events.

        Raises:
            IllegalRequest: refused locally (no answered call, already consulting …).
            BackendError: the backend refused (unknown target, 409) or could not be reached.
        """
        call_id = self._call_id()
        return await self._send_transfer(StartConsult(target_id), lambda api: api.consult(call_id, target_id))

    async def cancel_consult(self) -> TransferAccepted:
        """Drop the consulted party (or the three-way call's third leg) and go back to the caller (结束咨询)."""
        call_id = self._call_id()
        return await self._send_transfer(CancelConsult(), lambda api: api.cancel_consult(call_id))

    async def start_conference(self) -> TransferAccepted:
        """Join the caller and the answered consulted party (三方通话)."""
        call_id = self._call_id()
        return await self._send_transfer(StartConference(), lambda api: api.conference(call_id))

    async def complete_transfer(self) -> TransferAccepted:
        """Leave the caller with the answered consulted party (完成转接); the seat goes to wrap-up."""
        call_id = self._call_id()
        return await self._send_transfer(CompleteTransfer(), lambda api: api.complete_transfer(call_id))

    async def blind_transfer(self, target_id: str) -> TransferAccepted:
        """Hand the caller to ``target_id`` without consulting (直接转接); the seat goes to wrap-up."""
        call_id = self._call_id()
        return await self._send_transfer(
            BlindTransfer(target_id), lambda api: api.blind_transfer(call_id, target_id)
        )

    async def emergency_transfer(self, line: str, handoff: EmergencyHandoff) -> TransferAccepted:
        """Bridge the caller to ``line`` (110 / 119 / 120 / 122) with the handoff packet (紧急转接)."""
        call_id = self._call_id()
        return await self._send_transfer(
            EmergencyTransfer(line), lambda api: api.emergency_transfer(call_id, line, handoff)
        )

    async def consult_info(self) -> ConsultInfo | None:
        """The third party's leg of the current call as the backend has it (after a reconnect), or ``None``."""
        call_id = self._call_id()
        return await TransferApi(self._client).consult_info(call_id) if call_id else None

    async def _send_transfer(
        self, request: Request, command: Callable[[TransferApi], Awaitable[TransferAccepted]]
    ) -> TransferAccepted:
        api = TransferApi(self._client)
        accepted = await self._send(request, lambda: command(api))
        assert isinstance(accepted, TransferAccepted)
        return accepted

    async def sign_out(self) -> None:
        """Sign out at the backend and close the stream.

        The backend's acceptance of the sign-out is its answer, so the seat shows signed out at once
        even though the stream closes before the matching event could arrive.

        Raises:
            IllegalRequest: refused locally (during a call: book “签出 after this call” instead).
            BackendError: the backend refused (the session goes on) or failed (the session ends).
        """
        if self.sign_in_result is not None and self.link_up:
            self.check(SignOut())
        try:
            await self._client.sign_out()
        except BackendError as exc:
            if exc.kind is ErrorKind.REJECTED:
                raise
            await self._stop_stream()
            self._end(tr("SeatSession", "已签出。"))
            raise
        if self.status is not None:
            self.status = self.status.model_copy(
                update={"state": SeatState.SIGNED_OUT, "reason_code": None, "since": self.clock.now()}
            )
            self.status_changed.emit(self.status)
        self._set_call(None)
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


def _differs(shown: SeatStatus, actual: SeatStatus) -> bool:
    """Whether the person would see a different seat: state, reason, call or booked next state."""

    def key(status: SeatStatus) -> tuple[Any, ...]:
        return (status.state, status.reason_code, status.call_id, status.pending_next)

    return key(shown) != key(actual)
