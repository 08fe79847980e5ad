"""The abstract phone: a Qt-free device with a ``State`` and signals-as-callbacks (after FeelUOwn's AbstractPlayer).

A phone knows one call at a time: offered (ringing), answered (connected), held, ended. The seat
window talks to a phone only through this class, so the backend CTI phone, a SIP media endpoint
later, and the fake of the widget tests are interchangeable.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from seatclient.api.models import ConsultInfo, ConsultPhase, EmergencyHandoff
from seatclient.observable import Signal

_PHASE_ORDER = {
    ConsultPhase.RINGING: 0,
    ConsultPhase.TALKING: 1,
    ConsultPhase.CONFERENCE: 2,
    ConsultPhase.ENDED: 3,
}


class PhoneState(StrEnum):
    """Where the phone's voice path is."""

    IDLE = "idle"
    RINGING = "ringing"
    CONNECTED = "connected"
    HELD = "held"


@dataclass(frozen=True)
class CallerStory:
    """What a simulated caller says once answered (training only), for the trainee to record.

    Attributes:
        name: the name the caller gives, or ``""``.
        district: the district or county.
        address: the address, or ``""``.
        topic: the request in the caller's words.
        request_type: the request type a trainer expects.
    """

    name: str
    district: str
    address: str
    topic: str
    request_type: str


@dataclass(frozen=True)
class PhoneCall:
    """One call as the phone sees it.

    The caller number is shown to the call-taker but kept out of ``repr`` so it never reaches a log.

    Attributes:
        call_id: the backend's id of the call.
        caller_number: the calling number, ``""`` when withheld.
        number_withheld: whether the caller withheld the number.
        queue: the queue (skill) the call came through.
        queued_at: when the caller entered the queue (server time).
        offered_at: when the call started ringing here (server time).
        ivr_note: what the caller chose in the voice menu.
        answered_at: when it was answered, or ``None``.
        held_since: since when the caller is on hold, or ``None``.
        ended_at: when the voice path ended, or ``None``.
        muted: whether the agent's microphone is muted.
        story: the simulated caller's story (training), or ``None``.
    """

    call_id: str
    caller_number: str = field(repr=False)
    number_withheld: bool
    queue: str
    queued_at: datetime
    offered_at: datetime
    ivr_note: str = field(default="", repr=False)
    answered_at: datetime | None = None
    held_since: datetime | None = None
    ended_at: datetime | None = None
    muted: bool = False
    story: CallerStory | None = field(default=None, repr=False)

    @property
    def waited(self) -> timedelta:
        """How long the caller waited in the queue before it rang here."""
        return max(timedelta(0), self.offered_at - self.queued_at)

    @property
    def state(self) -> PhoneState:
        """The phone state this call puts the phone in."""
        if self.ended_at is not None:
            return PhoneState.IDLE
        if self.answered_at is None:
            return PhoneState.RINGING
        if self.held_since is not None:
            return PhoneState.HELD
        return PhoneState.CONNECTED


class PhoneCommandRefused(Exception):
    """A call control that cannot be done now; the message says why, in the user's language."""


class AbstractPhone(ABC):
    """A phone: one call at a time, commands as coroutines, facts as signals.

    Subclasses feed what happens into ``_apply``; it works out the state and emits the signals,
    so every phone announces the same facts in the same order.

    Signals:
        state_changed: the new ``PhoneState``.
        call_offered: a new call rings (``PhoneCall``).
        call_changed: the current call's details changed, or ``None`` when it was cleared.
        call_ended: the voice path of a call ended (``PhoneCall`` with ``ended_at``).
        dtmf_sent: digits were sent on the call.
        consult_changed: the third party's leg of the call (``ConsultInfo``: ringing, answered,
            three-way, busy, no answer, ended), or ``None`` when the call has none.
    """

    def __init__(self) -> None:
        self.state = PhoneState.IDLE
        self.call: PhoneCall | None = None
        self.state_changed: Signal[PhoneState] = Signal()
        self.call_offered: Signal[PhoneCall] = Signal()
        self.call_changed: Signal[PhoneCall | None] = Signal()
        self.call_ended: Signal[PhoneCall] = Signal()
        self.dtmf_sent: Signal[str] = Signal()
        self.consult_leg: ConsultInfo | None = None
        self.consult_changed: Signal[ConsultInfo | None] = Signal()

    @property
    def muted(self) -> bool:
        """Whether the agent's microphone is muted on the current call."""
        return self.call is not None and self.call.muted

    def _apply(self, call: PhoneCall | None) -> None:
        """Take the call as it is now and announce what changed."""
        previous = self.call
        if call == previous:
            return
        new_call = call is not None and (previous is None or previous.call_id != call.call_id)
        self.call = call
        if new_call and call is not None and call.ended_at is None and call.answered_at is None:
            self.call_offered.emit(call)
        self.call_changed.emit(call)
        if (
            call is not None
            and call.ended_at is not None
            and (new_call or previous is None or previous.ended_at is None)
        ):
            self.call_ended.emit(call)
        if self.consult_leg is not None and (call is None or call.call_id != self.consult_leg.call_id):
            self._apply_consult(None)
        state = PhoneState.IDLE if call is None else call.state
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state)

    def _apply_consult(self, consult: ConsultInfo | None) -> None:
        """Take the third party's leg as it is now; an older report of the same leg is ignored.

        The command's answer and the event stream both report a leg, in either order; a leg never
        goes back (ringing → answered → three-way → ended), so an earlier phase is stale.
        """
        current = self.consult_leg
        if consult == current:
            return
        if (
            consult is not None
            and current is not None
            and consult.consult_id == current.consult_id
            and _PHASE_ORDER[consult.phase] < _PHASE_ORDER[current.phase]
        ):
            return
        if consult is not None and (self.call is None or self.call.call_id != consult.call_id):
            return
        self.consult_leg = consult
        self.consult_changed.emit(consult)

    @abstractmethod
    async def answer(self) -> None:
        """Answer the ringing call.

        Raises:
            PhoneCommandRefused: nothing rings, or the backend refused.
        """

    @abstractmethod
    async def hang_up(self) -> None:
        """End the call from the agent's side.

        Raises:
            PhoneCommandRefused: no answered call, or the backend refused.
        """

    @abstractmethod
    async def hold(self) -> None:
        """Put the caller on hold.

        Raises:
            PhoneCommandRefused: no call to hold.
        """

    @abstractmethod
    async def resume(self) -> None:
        """Take the caller back from hold.

        Raises:
            PhoneCommandRefused: the call is not on hold.
        """

    @abstractmethod
    async def set_muted(self, muted: bool) -> None:
        """Mute or unmute the agent's microphone.

        Raises:
            PhoneCommandRefused: no answered call.
        """

    @abstractmethod
    async def send_dtmf(self, digits: str) -> None:
        """Send DTMF digits on the answered call.

        Raises:
            PhoneCommandRefused: no answered call, or digits other than 0-9 * # A-D.
        """

    @abstractmethod
    async def consult(self, target_id: str) -> None:
        """Hold the caller and call a transfer target (咨询).

        Raises:
            PhoneCommandRefused: no answered call, already consulting, unknown target, or refused.
        """

    @abstractmethod
    async def cancel_consult(self) -> None:
        """Drop the consulted party (or the three-way call's third leg) and go back to the caller.

        Raises:
            PhoneCommandRefused: nobody is consulted.
        """

    @abstractmethod
    async def start_conference(self) -> None:
        """Join the caller and the answered consulted party (三方通话).

        Raises:
            PhoneCommandRefused: nobody consulted, or the consulted party has not answered yet.
        """

    @abstractmethod
    async def complete_transfer(self) -> None:
        """Leave the caller with the answered consulted party (完成转接); the call leaves this seat.

        Raises:
            PhoneCommandRefused: nobody consulted, or not answered yet.
        """

    @abstractmethod
    async def blind_transfer(self, target_id: str) -> None:
        """Hand the caller to a target without consulting (直接转接); the call leaves this seat.

        Raises:
            PhoneCommandRefused: no answered call, the target is busy, or refused.
        """

    @abstractmethod
    async def emergency_transfer(self, line: str, handoff: EmergencyHandoff) -> None:
        """Bridge the caller to an emergency line with the handoff packet (紧急转接).

        Raises:
            PhoneCommandRefused: no answered call, an unknown line, or refused.
        """

    async def toggle_hold(self) -> None:
        """Hold a connected call, or resume a held one (one key, as on a hardphone)."""
        if self.state is PhoneState.HELD:
            await self.resume()
        else:
            await self.hold()

    async def toggle_mute(self) -> None:
        """Mute an unmuted call, or unmute a muted one."""
        await self.set_muted(not self.muted)
