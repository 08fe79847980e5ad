"""The team leader's view of the mock hall: the floor snapshot, seat deltas and figures, from the real seats.

Every seat change the hall announces becomes a ``floor.seat`` event on the stream of every signed-in
team leader; figures follow every few seconds as ``floor.figures``; a team leader's stream starts
with a ``floor.snapshot`` (see ``seatclient.floor.state`` for the event formats). Call-takers never
receive floor events. Figures are counted from the hall's calls of today (midnight in China time):
offered calls are those that entered the queue, and the 15-minute intervals go by that time too.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from seatclient.api.models import (
    EVENT_FLOOR_FIGURES,
    EVENT_FLOOR_SEAT,
    EVENT_FLOOR_SNAPSHOT,
    EVENT_SEAT_HELP,
    CallEndReason,
    FloorFiguresWire,
    FloorIntervalWire,
    FloorSeatWire,
    FloorSnapshot,
    HelpRequestStatus,
    SeatState,
)
from seatclient.floor.records import DEFAULT_TARGET_SECONDS, DEFAULT_TARGET_SHARE, INTERVAL_LENGTH
from seatclient.mock.accounts import DemoAccount
from seatclient.mock.events import EventHub
from seatclient.mock.hall import Hall, SeatRecord, server_now
from seatclient.mock.orders import CHINA, china_day_start

log = logging.getLogger(__name__)


@dataclass
class AuditEntry:
    """One team leader's intervention, as the audit trail keeps it (who, when, whom, what, why).

    Attributes:
        action: ``force`` (a forced state, see ``state``), ``listen``, ``whisper``, ``barge``,
            ``release`` or ``acknowledge_help``.
        call_id: the call stepped into, for call interventions.
    """

    at: datetime
    by: str
    by_name: str
    job_number: str
    seat_id: str
    state: str
    reason_code: str | None
    reason: str
    applied_now: bool
    action: str = "force"
    call_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The entry as ``/mock/audit`` lists it."""
        return {
            "at": self.at.isoformat(),
            "by": self.by,
            "by_name": self.by_name,
            "action": self.action,
            "job_number": self.job_number,
            "seat_id": self.seat_id,
            "state": self.state,
            "reason_code": self.reason_code,
            "reason": self.reason,
            "call_id": self.call_id,
            "applied_now": self.applied_now,
        }


@dataclass
class FloorBoard:
    """Builds the floor from the hall and announces it to the team leaders watching.

    Args:
        hall: the simulated hall.
        hub: the agents' event logs.
        accounts: everyone the backend knows (names, teams and who is a team leader).
        watchers: the job numbers of the team leaders signed in now.
        figures_interval: seconds between ``floor.figures`` events.
    """

    hall: Hall
    hub: EventHub
    accounts: Mapping[str, DemoAccount]
    watchers: Callable[[], Iterable[str]]
    figures_interval: float = 5.0
    audit: list[AuditEntry] = field(default_factory=list)
    hands: dict[str, HelpRequestStatus] = field(default_factory=dict)
    """Raised hands (举手求助) by job number; a hand is lowered by its seat or when it signs out."""
    _ticker: asyncio.Task[None] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        """Listen to every announced seat change of the hall."""
        self.hall.seat_listeners.append(self.seat_changed)

    def seat(self, record: SeatRecord) -> FloorSeatWire:
        """The floor record of one seat."""
        snapshot = record.snapshot
        account = self.accounts.get(record.job_number)
        call = self.hall.calls.get(snapshot.call_id) if snapshot.call_id else None
        pending = snapshot.pending
        return FloorSeatWire.model_validate(
            {
                "seat_id": record.seat_id,
                "state": snapshot.state,
                "since": snapshot.since.astimezone(CHINA),
                "job_number": record.job_number,
                "name": account.name if account else "",
                "team": account.team if account else "",
                "reason": snapshot.reason,
                "call_started": call.answered_at.astimezone(CHINA)
                if call and call.answered_at and call.ended_at is None
                else None,
                "pending_next": None
                if pending is None
                else {"kind": pending.kind.value, "reason": pending.reason, "forced_by": pending.forced_by},
                "connection_lost": snapshot.connection_lost,
                "help_requested_at": self._hand_raised_at(record.job_number),
            }
        )

    def _hand_raised_at(self, job_number: str) -> datetime | None:
        hand = self.hands.get(job_number)
        if hand is None or hand.raised_at is None:
            return None
        return hand.raised_at.astimezone(CHINA)

    def figures(self, now: datetime | None = None) -> FloorFiguresWire:
        """Today's figures of the hall, with its 15-minute intervals."""
        moment = now or server_now()
        day_start = china_day_start(moment)
        target = timedelta(seconds=DEFAULT_TARGET_SECONDS)
        intervals: dict[datetime, dict[str, int]] = {}
        offered = answered = abandoned = within = 0
        talk: list[float] = []
        for call in self.hall.calls.values():
            if call.queued_at < day_start:
                continue
            offset = (call.queued_at - day_start) // INTERVAL_LENGTH
            bucket = intervals.setdefault(
                day_start + offset * INTERVAL_LENGTH,
                {"offered": 0, "answered": 0, "abandoned": 0, "answered_within_target": 0},
            )
            offered += 1
            bucket["offered"] += 1
            if call.answered_at is not None:
                answered += 1
                bucket["answered"] += 1
                if call.answered_at - call.queued_at <= target:
                    within += 1
                    bucket["answered_within_target"] += 1
                if call.ended_at is not None:
                    talk.append((call.ended_at - call.answered_at).total_seconds())
            elif call.end_reason is CallEndReason.ABANDONED:
                abandoned += 1
                bucket["abandoned"] += 1
        wrap_ups = [seconds for at, seconds in self.hall.wrap_up_durations if at >= day_start]
        queue = self.hall.queue_info()
        return FloorFiguresWire(
            as_of=moment.astimezone(CHINA),
            waiting=queue.waiting,
            longest_wait_seconds=round(queue.longest_wait_seconds, 1),
            offered_today=offered,
            answered_today=answered,
            abandoned_today=abandoned,
            answered_within_target_today=within,
            target_seconds=DEFAULT_TARGET_SECONDS,
            target_share=DEFAULT_TARGET_SHARE,
            average_talk_seconds=round(sum(talk) / len(talk), 1) if talk else 0.0,
            average_wrap_up_seconds=round(sum(wrap_ups) / len(wrap_ups), 1) if wrap_ups else 0.0,
            intervals=[
                FloorIntervalWire(start=start.astimezone(CHINA), **counts)
                for start, counts in sorted(intervals.items())
            ],
        )

    def snapshot(self) -> FloorSnapshot:
        """The whole floor: every seat that ever signed in, and the figures.

        A seat position holds one record: when two agents used the same seat, the one signed in
        wins, else the one who left it last.
        """
        holders: dict[str, SeatRecord] = {}
        for record in self.hall.seats.values():
            held = holders.get(record.seat_id)
            if held is None or _holds_seat_better(record, held):
                holders[record.seat_id] = record
        return FloorSnapshot(seats=[self.seat(record) for record in holders.values()], figures=self.figures())

    # ------------------------------------------------------------------------------ raised hands

    def hand(self, job_number: str) -> HelpRequestStatus:
        """The raised hand of ``job_number`` (``raised`` is false when none)."""
        return self.hands.get(job_number) or HelpRequestStatus(raised=False)

    def raise_hand(self, record: SeatRecord) -> HelpRequestStatus:
        """The seat raises its hand; raising it again keeps the first time (and any acknowledgement)."""
        hand = self.hands.get(record.job_number)
        if hand is None:
            hand = self.hands[record.job_number] = HelpRequestStatus(raised=True, raised_at=server_now())
            self._hand_changed(record, hand)
        return hand

    def lower_hand(self, record: SeatRecord) -> HelpRequestStatus:
        """The seat lowers its hand (helped, or raised by mistake)."""
        lowered = HelpRequestStatus(raised=False)
        if self.hands.pop(record.job_number, None) is not None:
            self._hand_changed(record, lowered)
        return lowered

    def acknowledge_hand(self, record: SeatRecord, by: str, by_name: str) -> HelpRequestStatus | None:
        """A team leader acknowledges the raised hand (the seat is told); ``None`` when no hand is up."""
        hand = self.hands.get(record.job_number)
        if hand is None:
            return None
        if hand.acknowledged_by is None:
            hand = self.hands[record.job_number] = hand.model_copy(
                update={
                    "acknowledged_by": by,
                    "acknowledged_by_name": by_name,
                    "acknowledged_at": server_now(),
                }
            )
            self._hand_changed(record, hand)
        return hand

    def _hand_changed(self, record: SeatRecord, hand: HelpRequestStatus) -> None:
        self.hub.publish_nowait(record.job_number, EVENT_SEAT_HELP, hand.model_dump(mode="json"))
        self.seat_changed(record)

    # ----------------------------------------------------------------------------- announcing

    def send_snapshot(self, job_number: str) -> None:
        """Put a ``floor.snapshot`` on one team leader's stream (on connect and after a resync)."""
        self.hub.publish_nowait(job_number, EVENT_FLOOR_SNAPSHOT, self.snapshot().model_dump(mode="json"))
        self.ensure_ticking()

    def seat_changed(self, record: SeatRecord) -> None:
        """Tell every watching team leader that a seat changed (a seat signing out lowers its hand)."""
        if record.snapshot.state is SeatState.SIGNED_OUT and record.job_number in self.hands:
            del self.hands[record.job_number]
            lowered = HelpRequestStatus(raised=False)
            self.hub.publish_nowait(record.job_number, EVENT_SEAT_HELP, lowered.model_dump(mode="json"))
        watchers = list(self.watchers())
        if not watchers:
            return
        data = {"seat": self.seat(record).model_dump(mode="json")}
        for job_number in watchers:
            self.hub.publish_nowait(job_number, EVENT_FLOOR_SEAT, data)

    def send_figures(self) -> None:
        """Send the current figures to every watching team leader."""
        watchers = list(self.watchers())
        if not watchers:
            return
        data = {"figures": self.figures().model_dump(mode="json")}
        for job_number in watchers:
            self.hub.publish_nowait(job_number, EVENT_FLOOR_FIGURES, data)

    def ensure_ticking(self) -> None:
        """Start the periodic figures, once, on the running loop."""
        if self._ticker is None or self._ticker.done():
            with contextlib.suppress(RuntimeError):
                self._ticker = asyncio.get_running_loop().create_task(self._tick(), name="floor-figures")

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(self.figures_interval)
            try:
                self.send_figures()
            except Exception:
                # A broken figure must not end the ticker: the board would silently go stale.
                log.exception("floor figures failed")


def _holds_seat_better(record: SeatRecord, other: SeatRecord) -> bool:
    """Whether ``record`` rather than ``other`` is the agent shown at their shared seat position."""
    signed_in = record.snapshot.state is not SeatState.SIGNED_OUT
    other_signed_in = other.snapshot.state is not SeatState.SIGNED_OUT
    if signed_in != other_signed_in:
        return signed_in
    return record.snapshot.since > other.snapshot.since
