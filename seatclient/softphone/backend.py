"""The backend CTI phone: call control through the backend's REST commands and its event stream.

The voice path itself runs on the hall's telephony (the hardphone or the platform's media); this
phone follows the call through ``SeatSession`` (which checks every command with the seat machine
first) and turns the backend's ``CallInfo`` into ``PhoneCall``s.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable

from pydantic import ValidationError

from seatclient.api.errors import BackendError
from seatclient.api.models import (
    EVENT_CALL_CONSULT,
    CallInfo,
    CallPhase,
    ConsultInfo,
    EmergencyHandoff,
    SeatState,
    SeatStatus,
    ServerEvent,
    TransferAccepted,
)
from seatclient.session import IllegalRequest, SeatSession
from seatclient.softphone.base import AbstractPhone, CallerStory, PhoneCall, PhoneCommandRefused

log = logging.getLogger(__name__)


def phone_call_from(info: CallInfo) -> PhoneCall | None:
    """Return the phone's view of a backend call, or ``None`` while it is still queued."""
    if info.phase is CallPhase.QUEUED or info.offered_at is None:
        return None
    story = None
    if info.training_story is not None:
        told = info.training_story
        story = CallerStory(told.name, told.district, told.address, told.topic, told.request_type)
    ended_at = info.ended_at
    if info.phase is CallPhase.ENDED and ended_at is None:
        ended_at = info.answered_at or info.offered_at
    return PhoneCall(
        call_id=info.call_id,
        caller_number=info.caller_number,
        number_withheld=info.number_withheld,
        queue=info.queue,
        queued_at=info.queued_at,
        offered_at=info.offered_at,
        ivr_note=info.ivr_note,
        answered_at=info.answered_at,
        held_since=info.held_since if info.phase is CallPhase.HELD else None,
        ended_at=ended_at,
        muted=info.muted,
        story=story,
    )


class BackendPhone(AbstractPhone):
    """An ``AbstractPhone`` over the backend contract, driven by one ``SeatSession``.

    The third party's leg comes from each transfer command's answer and from the ``call.consult``
    events of the seat's stream.
    """

    def __init__(self, session: SeatSession) -> None:
        super().__init__()
        self._session = session
        self._reading: set[asyncio.Task[None]] = set()
        self._read_for: str | None = None
        self._commanding = False
        session.call_changed.connect(self._on_session_call)
        session.event_received.connect(self._on_session_event)
        session.status_changed.connect(self._on_session_status)
        if session.current_call is not None:
            self._on_session_call(session.current_call)

    def _on_session_status(self, status: SeatStatus) -> None:
        """Read the third party's leg once when the seat consults but the phone has not seen it.

        That happens after a sign-in into a call in progress, or a reconnect whose missed events
        could not be replayed: the backend's state is read again, the leg has to be too.
        """
        call_id = status.call_id
        known = self.consult_leg
        if (
            status.state not in (SeatState.CONSULTING, SeatState.CONFERENCE)
            or call_id is None
            or (known is not None and known.call_id == call_id)
            or self._read_for == call_id
            or self._commanding
        ):
            return
        self._read_for = call_id
        try:
            task = asyncio.get_running_loop().create_task(self._read_consult(call_id))
        except RuntimeError:
            return
        self._reading.add(task)
        task.add_done_callback(self._reading.discard)

    async def _read_consult(self, call_id: str) -> None:
        try:
            consult = await self._session.consult_info()
        except BackendError as exc:
            log.warning("could not read the consultation of the current call: %s", exc.kind.value)
            self._read_for = None
            return
        if consult is not None and consult.call_id == call_id:
            self._apply_consult(consult)

    def _on_session_event(self, event: ServerEvent) -> None:
        if event.type != EVENT_CALL_CONSULT:
            return
        try:
            consult = ConsultInfo.model_validate(event.data)
        except ValidationError:
            return
        self._apply_consult(consult)

    async def _transfer(self, command: Awaitable[TransferAccepted]) -> None:
        # The command's own answer carries the leg: no need to read it again meanwhile.
        self._commanding = True
        try:
            accepted = await command
        except IllegalRequest as exc:
            raise PhoneCommandRefused(str(exc)) from exc
        except BackendError as exc:
            raise PhoneCommandRefused(exc.user_message()) from exc
        finally:
            self._commanding = False
        if accepted.consult is not None:
            self._apply_consult(accepted.consult)

    def _on_session_call(self, info: CallInfo | None) -> None:
        self._apply(None if info is None else phone_call_from(info))

    async def _run(self, command: Awaitable[None]) -> None:
        try:
            await command
        except IllegalRequest as exc:
            raise PhoneCommandRefused(str(exc)) from exc
        except BackendError as exc:
            raise PhoneCommandRefused(exc.user_message()) from exc

    async def answer(self) -> None:
        """Answer the ringing call through the backend."""
        await self._run(self._session.answer())

    async def hang_up(self) -> None:
        """Hang up through the backend; the seat goes to wrap-up."""
        await self._run(self._session.hang_up())

    async def hold(self) -> None:
        """Hold the caller through the backend."""
        await self._run(self._session.hold())

    async def resume(self) -> None:
        """Take the caller back through the backend."""
        await self._run(self._session.resume())

    async def set_muted(self, muted: bool) -> None:
        """Mute or unmute through the backend."""
        await self._run(self._session.set_muted(muted))

    async def send_dtmf(self, digits: str) -> None:
        """Send digits through the backend."""
        await self._run(self._session.send_dtmf(digits))
        self.dtmf_sent.emit(digits)

    async def consult(self, target_id: str) -> None:
        """Consult through the backend CTI."""
        await self._transfer(self._session.consult(target_id))

    async def cancel_consult(self) -> None:
        """End the consultation through the backend CTI."""
        await self._transfer(self._session.cancel_consult())

    async def start_conference(self) -> None:
        """Start the three-way call through the backend CTI."""
        await self._transfer(self._session.start_conference())

    async def complete_transfer(self) -> None:
        """Complete the transfer through the backend CTI."""
        await self._transfer(self._session.complete_transfer())

    async def blind_transfer(self, target_id: str) -> None:
        """Transfer without consulting through the backend CTI."""
        await self._transfer(self._session.blind_transfer(target_id))

    async def emergency_transfer(self, line: str, handoff: EmergencyHandoff) -> None:
        """Bridge to an emergency line through the backend CTI."""
        await self._transfer(self._session.emergency_transfer(line, handoff))
