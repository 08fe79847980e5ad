"""A phone for widget tests: calls are offered by the test, commands take effect at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from seatclient.api.models import ConsultInfo, ConsultOutcome, ConsultPhase, EmergencyHandoff, TransferKind
from seatclient.i18n import tr
from seatclient.softphone.base import AbstractPhone, PhoneCall, PhoneCommandRefused, PhoneState

VALID_DTMF = frozenset("0123456789*#ABCD")


class FakePhone(AbstractPhone):
    """An ``AbstractPhone`` the test drives: ``offer`` a call, let the caller hang up, refuse a command.

    Transfers: ``consult`` rings the target until the test says ``target_answers`` or
    ``target_fails`` (busy, no answer); a completed, blind or emergency transfer ends the call here.

    Attributes:
        commands: every command received, in order (``answer``, ``hold``, ``dtmf:12#``,
            ``consult:specialist:hrss``, ``emergency:110`` …).
        refuse_with: when set, the next command is refused with this message.
        handoffs: every emergency handoff packet sent, in order.
    """

    def __init__(self, now: datetime | None = None) -> None:
        super().__init__()
        self.now = now or datetime.now(UTC)
        self.commands: list[str] = []
        self.refuse_with: str | None = None
        self.handoffs: list[tuple[str, EmergencyHandoff]] = []
        self._legs = 0

    def offer(
        self,
        call_id: str = "C-1",
        caller_number: str = "13957100421",
        queue: str = "12345 综合",
        waited: timedelta = timedelta(seconds=12),
        ivr_note: str = "按 1：咨询",
        number_withheld: bool = False,
    ) -> PhoneCall:
        """Offer a new call (it rings) and return it."""
        call = PhoneCall(
            call_id=call_id,
            caller_number="" if number_withheld else caller_number,
            number_withheld=number_withheld,
            queue=queue,
            queued_at=self.now - waited,
            offered_at=self.now,
            ivr_note=ivr_note,
        )
        self._apply(call)
        return call

    def caller_hangs_up(self) -> None:
        """The caller ends the call."""
        if self.call is not None and self.call.ended_at is None:
            self._apply(replace(self.call, ended_at=self.now, held_since=None))

    def clear(self) -> None:
        """Forget the call (its wrap-up ended)."""
        self._apply(None)

    def _take(self, command: str, allowed: tuple[PhoneState, ...]) -> PhoneCall:
        self.commands.append(command)
        if self.refuse_with is not None:
            message, self.refuse_with = self.refuse_with, None
            raise PhoneCommandRefused(message)
        if self.call is None or self.state not in allowed:
            raise PhoneCommandRefused(
                tr("FakePhone", "现在不能{command}（话机状态：{state}）。").format(
                    command=command, state=self.state.value
                )
            )
        return self.call

    async def answer(self) -> None:
        """Answer at once."""
        call = self._take("answer", (PhoneState.RINGING,))
        self._apply(replace(call, answered_at=self.now))

    async def hang_up(self) -> None:
        """Hang up at once."""
        call = self._take("hang_up", (PhoneState.CONNECTED, PhoneState.HELD))
        self._apply(replace(call, ended_at=self.now, held_since=None))

    async def hold(self) -> None:
        """Hold at once."""
        call = self._take("hold", (PhoneState.CONNECTED,))
        self._apply(replace(call, held_since=self.now))

    async def resume(self) -> None:
        """Resume at once."""
        call = self._take("resume", (PhoneState.HELD,))
        self._apply(replace(call, held_since=None))

    async def set_muted(self, muted: bool) -> None:
        """Mute or unmute at once."""
        call = self._take("mute" if muted else "unmute", (PhoneState.CONNECTED, PhoneState.HELD))
        self._apply(replace(call, muted=muted))

    async def send_dtmf(self, digits: str) -> None:
        """Record the digits."""
        self._take(f"dtmf:{digits}", (PhoneState.CONNECTED,))
        if not digits or not set(digits) <= VALID_DTMF:
            raise PhoneCommandRefused(tr("FakePhone", "按键只能是 0-9、*、#。"))
        self.dtmf_sent.emit(digits)

    # ---------------------------------------------------------------------------- transfers

    def _leg(self, call: PhoneCall, kind: TransferKind, target_id: str, phase: ConsultPhase) -> ConsultInfo:
        self._legs += 1
        return ConsultInfo(
            consult_id=f"F{self._legs}",
            call_id=call.call_id,
            kind=kind,
            target_id=target_id,
            target_name=target_id.split(":", 1)[-1],
            number=target_id.split(":", 1)[-1],
            phase=phase,
            started_at=self.now,
            answered_at=self.now if phase is not ConsultPhase.RINGING else None,
        )

    def _live_consult(self) -> ConsultInfo:
        if self.consult_leg is None or self.consult_leg.phase is ConsultPhase.ENDED:
            raise PhoneCommandRefused(tr("FakePhone", "当前没有进行中的咨询。"))
        return self.consult_leg

    def _hand_over(self, call: PhoneCall, leg: ConsultInfo) -> None:
        """The caller leaves with the third party: the leg ends as transferred, the call ends here."""
        self._apply_consult(
            leg.model_copy(
                update={
                    "phase": ConsultPhase.ENDED,
                    "ended_at": self.now,
                    "outcome": ConsultOutcome.TRANSFERRED,
                }
            )
        )
        self._apply(replace(call, ended_at=self.now, held_since=None))

    async def consult(self, target_id: str) -> None:
        """Hold the caller and let the target ring."""
        call = self._take(f"consult:{target_id}", (PhoneState.CONNECTED, PhoneState.HELD))
        if self.consult_leg is not None and self.consult_leg.phase is not ConsultPhase.ENDED:
            raise PhoneCommandRefused(tr("FakePhone", "一次只能咨询一方。"))
        self._apply(replace(call, held_since=call.held_since or self.now))
        self._apply_consult(self._leg(call, TransferKind.CONSULT, target_id, ConsultPhase.RINGING))

    def target_answers(self) -> None:
        """The consulted target answers."""
        leg = self._live_consult()
        self._apply_consult(leg.model_copy(update={"phase": ConsultPhase.TALKING, "answered_at": self.now}))

    def target_fails(self, outcome: ConsultOutcome = ConsultOutcome.BUSY) -> None:
        """The consulted target is busy, does not answer or hangs up: the caller is back on the line."""
        leg = self._live_consult()
        if self.call is not None:
            self._apply(replace(self.call, held_since=None))
        self._apply_consult(
            leg.model_copy(
                update={
                    "phase": ConsultPhase.ENDED,
                    "ended_at": self.now,
                    "outcome": outcome,
                    "caller_returned": True,
                }
            )
        )

    async def cancel_consult(self) -> None:
        """Drop the target and take the caller back."""
        call = self._take("cancel_consult", (PhoneState.CONNECTED, PhoneState.HELD))
        leg = self._live_consult()
        self._apply(replace(call, held_since=None))
        self._apply_consult(
            leg.model_copy(
                update={
                    "phase": ConsultPhase.ENDED,
                    "ended_at": self.now,
                    "outcome": ConsultOutcome.CANCELLED,
                }
            )
        )

    async def start_conference(self) -> None:
        """Join all three (the target must have answered)."""
        call = self._take("conference", (PhoneState.CONNECTED, PhoneState.HELD))
        leg = self._live_consult()
        if leg.phase is not ConsultPhase.TALKING:
            raise PhoneCommandRefused(tr("FakePhone", "对方尚未接听，不能转为三方通话。"))
        self._apply(replace(call, held_since=None))
        self._apply_consult(leg.model_copy(update={"phase": ConsultPhase.CONFERENCE}))

    async def complete_transfer(self) -> None:
        """Leave the caller with the answered target."""
        call = self._take("complete_transfer", (PhoneState.CONNECTED, PhoneState.HELD))
        leg = self._live_consult()
        if leg.phase is ConsultPhase.RINGING:
            raise PhoneCommandRefused(tr("FakePhone", "对方尚未接听，不能完成转接。"))
        self._hand_over(call, leg)

    async def blind_transfer(self, target_id: str) -> None:
        """Hand the caller over at once."""
        call = self._take(f"blind:{target_id}", (PhoneState.CONNECTED, PhoneState.HELD))
        self._hand_over(call, self._leg(call, TransferKind.BLIND, target_id, ConsultPhase.TALKING))

    async def emergency_transfer(self, line: str, handoff: EmergencyHandoff) -> None:
        """Bridge at once and keep the handoff."""
        call = self._take(f"emergency:{line}", (PhoneState.CONNECTED, PhoneState.HELD))
        self.handoffs.append((line, handoff))
        self._hand_over(
            call, self._leg(call, TransferKind.EMERGENCY, f"emergency:{line}", ConsultPhase.TALKING)
        )
