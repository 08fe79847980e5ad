"""The backend CTI phone: call control through the backend's REST commands and its event stream.

The voice path itself runs on the hall's telephony (the hardphone or the platform's media); this
phone follows the call through ``SeatSession`` (which checks every command with the seat machine
first) and turns the backend's ``CallInfo`` into ``PhoneCall``s.
"""

from __future__ import annotations

from collections.abc import Awaitable

from seatclient.api.errors import BackendError
from seatclient.api.models import CallInfo, CallPhase
from seatclient.session import IllegalRequest, SeatSession
from seatclient.softphone.base import AbstractPhone, CallerStory, PhoneCall, PhoneCommandRefused


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
    """An ``AbstractPhone`` over the backend contract, driven by one ``SeatSession``."""

    def __init__(self, session: SeatSession) -> None:
        super().__init__()
        self._session = session
        session.call_changed.connect(self._on_session_call)
        if session.current_call is not None:
            self._on_session_call(session.current_call)

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
