"""A phone for widget tests: calls are offered by the test, commands take effect at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from seatclient.i18n import tr
from seatclient.softphone.base import AbstractPhone, PhoneCall, PhoneCommandRefused, PhoneState

VALID_DTMF = frozenset("0123456789*#ABCD")


class FakePhone(AbstractPhone):
    """An ``AbstractPhone`` the test drives: ``offer`` a call, let the caller hang up, refuse a command.

    Attributes:
        commands: every command received, in order (``answer``, ``hold``, ``dtmf:12#`` …).
        refuse_with: when set, the next command is refused with this message.
    """

    def __init__(self, now: datetime | None = None) -> None:
        super().__init__()
        self.now = now or datetime.now(UTC)
        self.commands: list[str] = []
        self.refuse_with: str | None = None

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
