"""The simulated hall of the mock backend: seats driven by the seat machine, callers, a queue and timers.

The hall is the authority the client follows. Every agent request goes through
``seatclient.seat.decide``; everything that happens (a call offered, the caller hanging up, a ring
or wrap-up timer firing, a team leader forcing a state, an event stream gone for too long) goes
through ``apply_fact_with_effects``; and the machine's effects are carried out here: real asyncio
timers, the queue, and announcements on each agent's event stream.

Callers arrive as a Poisson process, wait in one queue, and are offered to ready seats only, the
longest idle first. A call left ringing until the ring timeout is taken back and requeued (the
seat goes away with ``ring_no_answer``); a caller who waits past their patience hangs up.

Everything runs on the server's event loop and every method here is synchronous, so a transition
and its announcements can never be interleaved with another one.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import math
import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from seatclient.api.models import (
    EVENT_CALL_ENDED,
    EVENT_CALL_OFFERED,
    EVENT_CALL_UPDATED,
    EVENT_PENDING_APPLIED,
    EVENT_SEAT_STATE,
    CallEndReason,
    CallInfo,
    CallPhase,
    InterventionAction,
    MonitorLeg,
    PendingNextWire,
    QueueInfo,
    SeatStatus,
    TrainingCallerStory,
)
from seatclient.mock.callers import TrainingCaller
from seatclient.mock.events import EventHub
from seatclient.seat import (
    Accepted,
    AnnounceStateChange,
    AnswerCall,
    CallerHungUp,
    CallOffered,
    CancelWrapUpTimer,
    CloseContact,
    ConnectionLost,
    ConnectionRestored,
    Decision,
    Effect,
    Fact,
    HoldCall,
    PendingApplied,
    ReleaseCall,
    Request,
    RequeueCall,
    ResumeCall,
    RingTimeout,
    SeatRules,
    SeatSnapshot,
    SeatState,
    SignIn,
    SignOut,
    StartRingTimer,
    StartWrapUpTimer,
    WrapUpExpired,
    apply_fact_with_effects,
    decide,
)
from seatclient.seat.states import CONTACT_STATES

log = logging.getLogger(__name__)

ARRIVAL_TICK_SECONDS = 0.1
IDLE_ARRIVAL_TICK_SECONDS = 0.5


def server_now() -> datetime:
    """The mock backend's clock: the wall clock in UTC."""
    return datetime.now(UTC)


@dataclass
class HallTuning:
    """How the simulated hall behaves; the trainer's lab and tests set these.

    Attributes:
        calls_per_minute: callers arriving per minute for the whole hall (a Poisson process).
        calls_per_minute_per_ready_seat: callers arriving per minute for each ready seat, added to
            the hall's rate; the embedded training backend uses this so a trainee gets a call every
            half minute or so while ready, whatever else happens.
        patience_seconds: how long a caller waits (in the queue and ringing) before hanging up.
        patience_spread: the patience of each caller is drawn from ``patience × (1 ± spread)``.
        connection_grace_seconds: how long a seat's event stream may be gone before the seat is
            marked ``connection_lost`` (a ready seat then goes away).
        seed: the random seed, for reproducible drills and tests; ``None`` for a fresh one.
    """

    calls_per_minute: float = 0.0
    calls_per_minute_per_ready_seat: float = 0.0
    patience_seconds: float = 120.0
    patience_spread: float = 0.5
    connection_grace_seconds: float = 20.0
    seed: int | None = None


@dataclass
class SeatRecord:
    """One agent's seat at the backend.

    Attributes:
        job_number: the agent.
        seat_id: the workstation position.
        snapshot: the seat machine's snapshot: the truth.
        revision: increases with every announced change.
        open_streams: event streams of this agent now open.
        lost_timer: fires ``ConnectionLost`` when no stream came back within the grace.
    """

    job_number: str
    seat_id: str
    snapshot: SeatSnapshot
    revision: int = 0
    open_streams: int = 0
    lost_timer: asyncio.TimerHandle | None = None

    def status(self) -> SeatStatus:
        """The wire form of this seat."""
        return SeatStatus.from_snapshot(self.job_number, self.seat_id, self.snapshot, self.revision)


@dataclass
class SimulatedCall:
    """One caller's call, from the queue to its end."""

    call_id: str
    caller: TrainingCaller
    queued_at: datetime
    patience_seconds: float
    phase: CallPhase = CallPhase.QUEUED
    job_number: str | None = None
    target_job: str | None = None
    offered_at: datetime | None = None
    ring_deadline: datetime | None = None
    answered_at: datetime | None = None
    held_since: datetime | None = None
    ended_at: datetime | None = None
    end_reason: CallEndReason | None = None
    muted: bool = False
    dtmf_sent: str = ""
    offers: int = 0
    monitors: dict[str, MonitorLeg] = field(default_factory=dict)
    """Team leaders on the call (listen, whisper, barge) by job number; emptied when it ends."""
    scripted: bool = False
    """A training scenario's call: the caller speaks through the transcript, so no story is sent."""

    def info(self, training: bool) -> CallInfo:
        """The wire form of this call as its seat sees it."""
        caller = self.caller
        story = None
        if training and not self.scripted:
            story = TrainingCallerStory(
                name=caller.name,
                district=caller.district,
                address=caller.address,
                topic=caller.topic,
                request_type=caller.request_type,
            )
        return CallInfo(
            call_id=self.call_id,
            phase=self.phase,
            caller_number=caller.number,
            number_withheld=caller.withheld,
            queue=caller.queue,
            queued_at=self.queued_at,
            offered_at=self.offered_at,
            answered_at=self.answered_at,
            held_since=self.held_since,
            ended_at=self.ended_at,
            end_reason=self.end_reason,
            muted=self.muted,
            ivr_note=caller.ivr_note,
            ring_deadline=self.ring_deadline,
            training_story=story,
        )


class CallControlRefused(Exception):
    """A call control that does not fit the seat's call; carries a stable code and a Chinese message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Hall:
    """The simulated hall: the seats, the callers, the queue and the timers; see the module text.

    Args:
        rules: the seat rules in force (the same document the config bundle hands to clients).
        callers: the simulated callers to draw from.
        hub: the event logs of the agents' streams.
        tuning: arrival rate, patience and the connection grace.
        training: whether calls carry the simulated caller's story.
    """

    def __init__(
        self,
        rules: SeatRules,
        callers: list[TrainingCaller],
        hub: EventHub,
        tuning: HallTuning,
        training: bool = True,
    ) -> None:
        if not callers:
            raise ValueError("the hall needs at least one simulated caller")
        self.rules = rules
        self.callers = callers
        self.hub = hub
        self.tuning = tuning
        self.training = training
        self.seats: dict[str, SeatRecord] = {}
        self.calls: dict[str, SimulatedCall] = {}
        self.queue: deque[str] = deque()
        self.abandoned = 0
        self.seat_listeners: list[Callable[[SeatRecord], None]] = []
        """Called after every announced seat change (the team leaders' floor listens)."""
        self.effect_listeners: list[Callable[[SeatRecord, Effect, Fact | None], None]] = []
        """Carry out the effects the hall does not simulate itself (the third party of a transfer)."""
        self.wrap_up_durations: list[tuple[datetime, float]] = []
        """(when it ended, seconds) of every wrap-up, for the floor's figures."""
        self._random = random.Random(tuning.seed)
        self._call_numbers = itertools.count(1)
        self._timers: dict[tuple[str, str], asyncio.TimerHandle] = {}
        self._route_scheduled = False
        self._arrivals: asyncio.Task[None] | None = None

    # ------------------------------------------------------------------------------- seats

    def status(self, job_number: str) -> SeatStatus | None:
        """The seat of ``job_number``, or ``None`` when it never signed in."""
        record = self.seats.get(job_number)
        return None if record is None else record.status()

    def sign_in(self, job_number: str, seat_id: str) -> SeatStatus:
        """Sign an agent in at ``seat_id``.

        A seat still in a call (a client that crashed and came back) keeps its call: the client
        takes that state. An idle seat starts afresh in the sign-in state of the rules.
        """
        self._ensure_arrivals()
        now = server_now()
        record = self.seats.get(job_number)
        if record is None:
            record = self.seats[job_number] = SeatRecord(job_number, seat_id, SeatSnapshot.signed_out_at(now))
        record.seat_id = seat_id
        if record.snapshot.state in CONTACT_STATES:
            self._watch_connection(record)
            return record.status()
        fresh = decide(SeatSnapshot.signed_out_at(now), SignIn(), now, self.rules)
        assert isinstance(fresh, Accepted)
        self._transition(record, fresh.snapshot, (AnnounceStateChange(fresh.snapshot),))
        self._watch_connection(record)
        return record.status()

    def request(self, job_number: str, request: Request) -> Decision:
        """Decide an agent's request with the seat machine and carry out its effects."""
        record = self.seats[job_number]
        now = server_now()
        decision = decide(record.snapshot, request, now, self.rules)
        if isinstance(decision, Accepted):
            self._transition(record, decision.snapshot, decision.effects)
            if isinstance(request, SignOut):
                self._cancel_timer(job_number, "lost")
        return decision

    def apply_fact(self, job_number: str, fact: Fact, now: datetime | None = None) -> None:
        """Apply something that happened to a seat and carry out the effects."""
        record = self.seats.get(job_number)
        if record is None:
            return
        outcome = apply_fact_with_effects(record.snapshot, fact, now or server_now(), self.rules)
        self._transition(record, outcome.snapshot, outcome.effects, fact)

    def stream_opened(self, job_number: str) -> None:
        """An event stream of the agent opened: the seat is reachable (again)."""
        record = self.seats.get(job_number)
        if record is None:
            return
        record.open_streams += 1
        self._cancel_timer(job_number, "lost")
        if record.snapshot.connection_lost:
            self.apply_fact(job_number, ConnectionRestored())

    def stream_closed(self, job_number: str) -> None:
        """An event stream of the agent ended; with none left, the grace period starts."""
        record = self.seats.get(job_number)
        if record is None:
            return
        record.open_streams = max(0, record.open_streams - 1)
        self._watch_connection(record)

    def _watch_connection(self, record: SeatRecord) -> None:
        if record.open_streams > 0 or record.snapshot.state is SeatState.SIGNED_OUT:
            return
        job_number = record.job_number
        self._set_timer(
            job_number,
            "lost",
            self.tuning.connection_grace_seconds,
            lambda: self._connection_timed_out(job_number),
        )

    def _connection_timed_out(self, job_number: str) -> None:
        record = self.seats.get(job_number)
        if record is None or record.open_streams > 0 or record.snapshot.state is SeatState.SIGNED_OUT:
            return
        log.info("seat %s lost its event stream", job_number)
        self.apply_fact(job_number, ConnectionLost())

    # ------------------------------------------------------------------------------- calls

    def place_call(
        self,
        caller_index: int | None = None,
        target_job: str | None = None,
        patience_seconds: float | None = None,
        scripted_caller: TrainingCaller | None = None,
    ) -> SimulatedCall:
        """A caller dials in: the call joins the queue and is routed as soon as a seat is ready.

        Args:
            caller_index: which simulated caller (default: one at random).
            target_job: offer the call to this agent only (trainers and tests).
            patience_seconds: how long this caller waits (default: drawn from the tuning).
            scripted_caller: a training scenario's caller instead of a simulated one; the call
                carries no story, as the scenario speaks through the transcript.
        """
        self._ensure_arrivals()
        now = server_now()
        if scripted_caller is not None:
            caller = scripted_caller
        elif caller_index is None:
            caller = self._random.choice(self.callers)
        else:
            caller = self.callers[caller_index % len(self.callers)]
        if patience_seconds is None:
            spread = self.tuning.patience_spread
            patience_seconds = self.tuning.patience_seconds * self._random.uniform(1 - spread, 1 + spread)
        call_id = f"C{now:%Y%m%d}-{next(self._call_numbers):05d}"
        scripted = scripted_caller is not None
        call = SimulatedCall(call_id, caller, now, patience_seconds, target_job=target_job, scripted=scripted)
        self.calls[call_id] = call
        self.queue.append(call_id)
        self._set_timer(call_id, "patience", patience_seconds, lambda: self._caller_gives_up(call_id))
        self._schedule_route()
        return call

    def call_info(self, call_id: str) -> CallInfo | None:
        """The call as its seat sees it, or ``None`` for an unknown call."""
        call = self.calls.get(call_id)
        return None if call is None else call.info(self.training)

    def caller_hangs_up(self, call_id: str, reason: CallEndReason = CallEndReason.CALLER_HUNG_UP) -> bool:
        """The caller ends the call wherever it is; returns whether there was a call to end."""
        call = self.calls.get(call_id)
        if call is None or call.phase is CallPhase.ENDED:
            return False
        if call.phase is CallPhase.QUEUED:
            with contextlib.suppress(ValueError):
                self.queue.remove(call_id)
            self._end_call(call, CallEndReason.ABANDONED)
            self.abandoned += 1
            return True
        job_number = call.job_number
        if call.phase is CallPhase.RINGING:
            reason = CallEndReason.ABANDONED
            self.abandoned += 1
        self._end_call(call, reason)
        if job_number is not None:
            self.apply_fact(job_number, CallerHungUp(call_id))
        return True

    def _caller_gives_up(self, call_id: str) -> None:
        call = self.calls.get(call_id)
        if call is not None and call.phase in (CallPhase.QUEUED, CallPhase.RINGING):
            self.caller_hangs_up(call_id, CallEndReason.ABANDONED)

    def current_call(self, job_number: str, call_id: str) -> SimulatedCall:
        """The seat's current call, checked against the call the client named.

        Raises:
            CallControlRefused: the seat has no call, or a different one.
        """
        record = self.seats.get(job_number)
        current = record.snapshot.call_id if record else None
        if current is None:
            raise CallControlRefused("no_call", "当前没有通话。")
        if current != call_id:
            raise CallControlRefused(
                "wrong_call", f"通话 {call_id} 不是本座席当前的通话（当前通话 {current}）。"
            )
        return self.calls[current]

    def set_muted(self, job_number: str, call_id: str, muted: bool) -> CallInfo:
        """Mute or unmute the agent's microphone on the answered call.

        Raises:
            CallControlRefused: no answered call, or the call has ended.
        """
        call = self.current_call(job_number, call_id)
        if call.phase not in (CallPhase.TALKING, CallPhase.HELD):
            raise CallControlRefused("not_in_call", "通话未接通或已结束，不能静音。")
        if call.muted != muted:
            call.muted = muted
            self._publish_call(call, EVENT_CALL_UPDATED)
        return call.info(self.training)

    def send_dtmf(self, job_number: str, call_id: str, digits: str) -> CallInfo:
        """Send DTMF digits on the answered call (an extension, a menu choice).

        Raises:
            CallControlRefused: no answered call, or the call has ended.
        """
        call = self.current_call(job_number, call_id)
        if call.phase is not CallPhase.TALKING:
            raise CallControlRefused("not_in_call", "只有通话中才能发送按键（保持时请先取回）。")
        call.dtmf_sent += digits
        return call.info(self.training)

    def join_call(
        self, job_number: str, leader: str, leader_name: str, mode: InterventionAction
    ) -> SimulatedCall:
        """A team leader joins the seat's answered call as a third leg: listen, whisper or barge.

        A leader already on the call changes mode (listening, then barging in).

        Raises:
            CallControlRefused: the seat has no answered call, or ``mode`` is not a leg's mode.
        """
        if mode not in (InterventionAction.LISTEN, InterventionAction.WHISPER, InterventionAction.BARGE):
            raise CallControlRefused("invalid_mode", "只能以监听、耳语或强插的方式加入通话。")
        call = self._answered_call(job_number)
        call.monitors[leader] = MonitorLeg(job_number=leader, name=leader_name, mode=mode, since=server_now())
        return call

    def leave_call(self, job_number: str, leader: str) -> tuple[SimulatedCall, MonitorLeg]:
        """A team leader's leg leaves the seat's answered call; the call goes on. Returns the call and the leg.

        Raises:
            CallControlRefused: the seat has no answered call, or the team leader is not on it.
        """
        call = self._answered_call(job_number)
        leg = call.monitors.pop(leader, None)
        if leg is None:
            raise CallControlRefused("not_on_call", "您没有在该座席的通话中。")
        return call, leg

    def release_call(self, job_number: str) -> SimulatedCall:
        """A team leader ends the seat's answered call (强拆); the seat goes to wrap-up.

        Raises:
            CallControlRefused: the seat has no answered call.
        """
        call = self._answered_call(job_number)
        self.caller_hangs_up(call.call_id, CallEndReason.RELEASED)
        return call

    def _answered_call(self, job_number: str) -> SimulatedCall:
        record = self.seats.get(job_number)
        call_id = record.snapshot.call_id if record is not None else None
        call = self.calls.get(call_id) if call_id else None
        if call is None or call.phase not in (CallPhase.TALKING, CallPhase.HELD):
            raise CallControlRefused("no_call", f"工号 {job_number} 当前没有接通的通话。")
        return call

    def queue_info(self) -> QueueInfo:
        """The number of callers waiting, the longest wait, and the ready seats."""
        now = server_now()
        waits = [(now - self.calls[call_id].queued_at).total_seconds() for call_id in self.queue]
        return QueueInfo(
            waiting=len(waits),
            longest_wait_seconds=max(waits, default=0.0),
            ready_seats=len(self._ready_seats()),
            server_time=now,
        )

    # ----------------------------------------------------------------------------- routing

    def _ready_seats(self) -> list[SeatRecord]:
        return [
            record
            for record in self.seats.values()
            if record.snapshot.state is SeatState.READY and not record.snapshot.connection_lost
        ]

    def _schedule_route(self) -> None:
        if self._route_scheduled:
            return
        self._route_scheduled = True
        try:
            asyncio.get_running_loop().call_soon(self._route)
        except RuntimeError:
            self._route_scheduled = False

    def _route(self) -> None:
        """Offer waiting calls, oldest first, to ready seats, the longest idle first."""
        self._route_scheduled = False
        while self.queue:
            ready = self._ready_seats()
            offered = False
            for call_id in list(self.queue):
                call = self.calls[call_id]
                candidates = [r for r in ready if call.target_job in (None, r.job_number)]
                if not candidates:
                    continue
                seat = min(candidates, key=lambda record: record.snapshot.since)
                self.queue.remove(call_id)
                self._offer(call, seat)
                offered = True
                break
            if not offered:
                return

    def _offer(self, call: SimulatedCall, record: SeatRecord) -> None:
        now = server_now()
        call.phase = CallPhase.RINGING
        call.job_number = record.job_number
        call.offered_at = now
        call.ring_deadline = now + self.rules.ring_timeout
        call.offers += 1
        # The call's details go first, so the client knows who rings when the state says ringing.
        self._publish_call(call, EVENT_CALL_OFFERED)
        self.apply_fact(record.job_number, CallOffered(call.call_id), now)

    # -------------------------------------------------------------------------- transitions

    def _transition(
        self,
        record: SeatRecord,
        snapshot: SeatSnapshot,
        effects: tuple[Effect, ...],
        fact: Fact | None = None,
    ) -> None:
        was_ready = record.snapshot.state is SeatState.READY
        if record.snapshot.state is SeatState.WRAP_UP and snapshot.state is not SeatState.WRAP_UP:
            ended = server_now()
            self.wrap_up_durations.append((ended, max(0.0, (ended - record.snapshot.since).total_seconds())))
        record.snapshot = snapshot
        for effect in effects:
            self._carry_out(record, effect, fact)
        if any(isinstance(effect, AnnounceStateChange) for effect in effects):
            # After every effect, so the floor sees the call answered along with the talking state.
            for listener in self.seat_listeners:
                listener(record)
        if snapshot.state is SeatState.READY and not was_ready:
            self._schedule_route()

    def _carry_out(self, record: SeatRecord, effect: Effect, fact: Fact | None) -> None:
        job_number = record.job_number
        if isinstance(effect, AnnounceStateChange):
            record.revision += 1
            self.hub.publish_nowait(job_number, EVENT_SEAT_STATE, record.status().model_dump(mode="json"))
        elif isinstance(effect, StartRingTimer):
            call_id = effect.call_id
            self._set_timer(
                call_id,
                "ring",
                self._delay_until(effect.deadline),
                lambda: self.apply_fact(job_number, RingTimeout(call_id), self._not_before(effect.deadline)),
            )
        elif isinstance(effect, RequeueCall):
            self._requeue(effect.call_id, fact)
        elif isinstance(effect, AnswerCall):
            self._cancel_timer(effect.call_id, "ring")
            self._cancel_timer(effect.call_id, "patience")
            call = self.calls[effect.call_id]
            call.phase = CallPhase.TALKING
            call.answered_at = server_now()
            call.ring_deadline = None
            self._publish_call(call, EVENT_CALL_UPDATED)
        elif isinstance(effect, HoldCall):
            call = self.calls[effect.call_id]
            call.phase, call.held_since = CallPhase.HELD, server_now()
            self._publish_call(call, EVENT_CALL_UPDATED)
        elif isinstance(effect, ResumeCall):
            call = self.calls[effect.call_id]
            call.phase, call.held_since = CallPhase.TALKING, None
            self._publish_call(call, EVENT_CALL_UPDATED)
        elif isinstance(effect, ReleaseCall):
            self._end_call(self.calls[effect.call_id], CallEndReason.AGENT_HUNG_UP)
        elif isinstance(effect, StartWrapUpTimer):
            call_id = effect.call_id
            self._set_timer(
                call_id,
                "wrap_up",
                self._delay_until(effect.deadline),
                lambda: self.apply_fact(
                    job_number, WrapUpExpired(call_id), self._not_before(effect.deadline)
                ),
            )
        elif isinstance(effect, CancelWrapUpTimer):
            self._cancel_timer(effect.call_id, "wrap_up")
        elif isinstance(effect, CloseContact):
            for kind in ("ring", "wrap_up", "patience"):
                self._cancel_timer(effect.call_id, kind)
            closed = self.calls.get(effect.call_id)
            if closed is not None and closed.phase is not CallPhase.ENDED:
                self._end_call(closed, CallEndReason.CALLER_HUNG_UP)
        elif isinstance(effect, PendingApplied):
            self.hub.publish_nowait(
                job_number,
                EVENT_PENDING_APPLIED,
                {
                    "call_id": effect.call_id,
                    "pending": PendingNextWire.from_pending(effect.pending).model_dump(mode="json"),
                },
            )
        elif self.effect_listeners:
            # Consultation and transfer legs are simulated by mock.transfers.
            for listener in self.effect_listeners:
                listener(record, effect, fact)
        else:
            log.debug("effect without a simulation: %s", type(effect).__name__)

    def end_call(self, call_id: str, reason: CallEndReason) -> None:
        """End a call's voice path at its seat (a transfer handed the caller on); unknown calls are ignored."""
        call = self.calls.get(call_id)
        if call is not None and call.phase is not CallPhase.ENDED:
            self._end_call(call, reason)

    def _requeue(self, call_id: str, fact: Fact | None) -> None:
        call = self.calls.get(call_id)
        if call is None or call.phase is CallPhase.ENDED:
            return
        self._cancel_timer(call_id, "ring")
        job_number = call.job_number
        reason = (
            CallEndReason.CONNECTION_LOST if isinstance(fact, ConnectionLost) else CallEndReason.RING_TIMEOUT
        )
        if job_number is not None:
            # The seat learns its call is gone; the caller goes on waiting, first in the queue.
            left = replace(call, phase=CallPhase.ENDED, ended_at=server_now(), end_reason=reason)
            self.hub.publish_nowait(
                job_number, EVENT_CALL_ENDED, left.info(self.training).model_dump(mode="json")
            )
        call.phase = CallPhase.QUEUED
        call.job_number = None
        call.offered_at = None
        call.ring_deadline = None
        self.queue.appendleft(call_id)
        self._schedule_route()

    def _end_call(self, call: SimulatedCall, reason: CallEndReason) -> None:
        call.phase = CallPhase.ENDED
        call.ended_at = server_now()
        call.end_reason = reason
        call.held_since = None
        call.ring_deadline = None
        call.monitors.clear()
        for kind in ("ring", "patience"):
            self._cancel_timer(call.call_id, kind)
        self._publish_call(call, EVENT_CALL_ENDED)

    def _publish_call(self, call: SimulatedCall, event_type: str) -> None:
        if call.job_number is not None:
            self.hub.publish_nowait(
                call.job_number, event_type, call.info(self.training).model_dump(mode="json")
            )

    # ------------------------------------------------------------------------------ timers

    @staticmethod
    def _delay_until(deadline: datetime) -> float:
        return max(0.0, (deadline - server_now()).total_seconds())

    @staticmethod
    def _not_before(deadline: datetime) -> datetime:
        # The loop's timer and the wall clock differ by a hair; a timer never fires "early".
        return max(server_now(), deadline)

    def _set_timer(self, owner: str, kind: str, delay: float, callback: Callable[[], None]) -> None:
        self._cancel_timer(owner, kind)
        key = (owner, kind)

        def fire() -> None:
            self._timers.pop(key, None)
            callback()

        self._timers[key] = asyncio.get_running_loop().call_later(delay, fire)

    def _cancel_timer(self, owner: str, kind: str) -> None:
        handle = self._timers.pop((owner, kind), None)
        if handle is not None:
            handle.cancel()

    def pending_timers(self) -> list[tuple[str, str]]:
        """The timers armed now, as ``(call id or job number, kind)``; for tests and the admin view."""
        return sorted(self._timers)

    # ---------------------------------------------------------------------------- arrivals

    def arrival_rate_per_second(self) -> float:
        """The current Poisson rate of arriving callers."""
        per_minute = self.tuning.calls_per_minute + self.tuning.calls_per_minute_per_ready_seat * len(
            self._ready_seats()
        )
        return max(0.0, per_minute) / 60.0

    def _ensure_arrivals(self) -> None:
        if self._arrivals is None or self._arrivals.done():
            with contextlib.suppress(RuntimeError):
                self._arrivals = asyncio.get_running_loop().create_task(self._arrive(), name="hall-arrivals")

    async def _arrive(self) -> None:
        """Draw arrivals in small time steps (thinning), so the rate may follow the ready seats."""
        while True:
            rate = self.arrival_rate_per_second()
            tick = ARRIVAL_TICK_SECONDS if rate > 0 else IDLE_ARRIVAL_TICK_SECONDS
            await asyncio.sleep(tick)
            if rate > 0 and self._random.random() < 1.0 - math.exp(-rate * tick):
                self.place_call()

    def describe(self) -> dict[str, Any]:
        """A summary for the trainer's admin view."""
        return {
            "seats": {job: record.status().model_dump(mode="json") for job, record in self.seats.items()},
            "queue": list(self.queue),
            "abandoned": self.abandoned,
            "timers": [f"{owner}:{kind}" for owner, kind in self.pending_timers()],
        }


def patched_seat_rules(
    data: dict[str, Any], ring_timeout: int | None, wrap_up_seconds: int | None, order_required: bool | None
) -> dict[str, Any]:
    """Return the ``seat_rules`` document with a trainer's overrides, so the bundle says what the hall does."""
    patched = {**data}
    if ring_timeout is not None:
        patched["ring_timeout_seconds"] = ring_timeout
    wrap_up = dict(patched.get("wrap_up") or {})
    if wrap_up_seconds is not None:
        wrap_up["duration_seconds"] = wrap_up_seconds
    if order_required is not None:
        wrap_up["order_required"] = order_required
    patched["wrap_up"] = wrap_up
    return patched
