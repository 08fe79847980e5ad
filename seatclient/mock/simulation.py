"""A hall of N simulated call-takers for the mock backend (``seatclient-mock --seats N``).

Each simulated agent is an account (job number, name, team) signed in at a seat of the hall, with an
event stream that never drops; it works the seat through the same seat machine as a person does
(``Hall.request``), reacting to every state change of its seat:

=============  =====================================================================================
state          what the agent does next
=============  =====================================================================================
ready          waits for a call (the hall routes callers to ready seats, the longest idle first)
ringing        answers after a few seconds; now and then lets it ring out (→ away ``ring_no_answer``)
talking        talks for a drawn time (sometimes putting the caller on hold), saves the order, hangs up
held           takes the caller back after a few seconds
wrap-up        finishes the order and ends the wrap-up, sometimes going straight to a break
away           comes back (示闲) after a time drawn for the reason; now and then overstays its limit
signed out     stays out (a team leader signed it out)
=============  =====================================================================================

Callers arrive as a Poisson process sized to keep about ``occupancy`` of the hall busy, so the board
shows every state at once; a few agents raise a hand (举手求助) now and then. Seat ids follow the
floor plan's naming (``A01``, ``A02``, ...); a person signing in at a seat a simulated agent holds
takes it, and the simulated agent moves to a free seat. Everything runs on the server's loop with
``call_later`` handles, so two thousand agents cost one timer each.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import secrets
from dataclasses import dataclass, field

from seatclient.api.models import Role
from seatclient.floor.synthetic import GIVEN_NAMES, SURNAMES, TEAMS
from seatclient.mock.accounts import DemoAccount
from seatclient.mock.hall import SeatRecord
from seatclient.mock.state import MockWorld
from seatclient.seat import (
    Accepted,
    Answer,
    EndWrapUp,
    GoAway,
    GoReady,
    HangUp,
    Hold,
    OrderSaved,
    Request,
    Resume,
    SeatState,
)

log = logging.getLogger(__name__)

MIN_SEATS = 1
MAX_SEATS = 2000
"""The largest hall the mock simulates (a provincial hall has a few hundred to two thousand seats)."""

FIRST_JOB_NUMBER = 20001
"""Simulated agents get job numbers from here on, clear of the demo accounts."""

AWAY_REASONS: tuple[tuple[str, float, float], ...] = (
    ("break", 0.50, 6.0),
    ("restroom", 0.25, 4.0),
    ("meal", 0.08, 30.0),
    ("training", 0.07, 20.0),
    ("meeting", 0.05, 15.0),
    ("study", 0.05, 10.0),
)
"""(reason, share of breaks, mean minutes): what a simulated agent goes away for, and for how long."""


@dataclass(frozen=True)
class AgentTempo:
    """How fast simulated agents work; tests speed it up.

    Attributes:
        answer_seconds: answering takes this long after the first ring (uniform range).
        talk_seconds: mean talk time (an exponential draw with a floor of a fifth of it).
        wrap_up_seconds: the wrap-up takes this long (uniform range).
        hold_share: the share of calls put on hold once, for ``hold_seconds``.
        hold_seconds: how long a hold lasts (uniform range).
        no_answer_share: the share of offered calls left to ring out.
        away_share: the share of wrap-ups followed by a break.
        away_scale: away durations are the reason's mean minutes times this.
        overstay_share: the share of breaks that overstay the reason's limit (an alert on the board).
        help_per_hour: raised hands per agent per hour; a hand comes down after ``help_seconds``.
        help_seconds: how long a raised hand stays up (uniform range).
        occupancy: the share of the hall the arriving callers keep busy.
        start_seconds: agents become ready, and the morning queue arrives, over this many seconds.
    """

    answer_seconds: tuple[float, float] = (1.5, 7.0)
    talk_seconds: float = 150.0
    wrap_up_seconds: tuple[float, float] = (8.0, 45.0)
    hold_share: float = 0.1
    hold_seconds: tuple[float, float] = (5.0, 25.0)
    no_answer_share: float = 0.02
    away_share: float = 0.06
    away_scale: float = 1.0
    overstay_share: float = 0.15
    help_per_hour: float = 0.3
    help_seconds: tuple[float, float] = (40.0, 150.0)
    occupancy: float = 0.8
    start_seconds: float = 12.0

    def calls_per_second(self, seats: int) -> float:
        """The arrival rate that keeps ``occupancy`` of ``seats`` busy (Little's law)."""
        handling = self.talk_seconds + sum(self.wrap_up_seconds) / 2 + sum(self.answer_seconds) / 2
        return seats * self.occupancy / handling


def seat_id_sequence(count: int) -> list[str]:
    """``count`` distinct seat ids in the floor plan's style: ``A01``…``A40``, ``B01``…, wider areas past 1,040."""
    per_area = max(40, math.ceil(count / 26))
    width = max(2, len(str(per_area)))
    return [f"{chr(ord('A') + index // per_area)}{index % per_area + 1:0{width}d}" for index in range(count)]


@dataclass
class _Agent:
    account: DemoAccount
    timer: asyncio.TimerHandle | None = None
    held_once: bool = False
    talk_left: float = 0.0
    hand_timer: asyncio.TimerHandle | None = None


@dataclass
class SimulatedHall:
    """N simulated agents working the mock's hall; see the module text.

    Args:
        world: the mock's world (hall, floor board, accounts).
        seats: how many agents, ``MIN_SEATS`` to ``MAX_SEATS``.
        tempo: how fast they work.
        seed: the random seed (``None``: a fresh one).
    """

    world: MockWorld
    seats: int
    tempo: AgentTempo = field(default_factory=AgentTempo)
    seed: int | None = None
    agents: dict[str, _Agent] = field(default_factory=dict, init=False)
    _random: random.Random = field(init=False)
    _arrivals: asyncio.Task[None] | None = field(default=None, init=False)
    _ticks: asyncio.Task[None] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        """Create the agents' accounts (they sign in when ``start`` runs)."""
        if not MIN_SEATS <= self.seats <= MAX_SEATS:
            raise ValueError(f"seats must be {MIN_SEATS} to {MAX_SEATS}, not {self.seats}")
        self._random = random.Random(self.seed)
        for index in range(self.seats):
            job_number = str(FIRST_JOB_NUMBER + index)
            name = self._random.choice(SURNAMES) + self._random.choice(GIVEN_NAMES)
            # Nobody signs in as a simulated agent: the password is thrown away.
            account = DemoAccount(
                job_number, name, secrets.token_urlsafe(16), (Role.CALL_TAKER,), TEAMS[index % len(TEAMS)]
            )
            self.world.accounts[job_number] = account
            self.agents[job_number] = _Agent(account)

    @property
    def hall_seat_ids(self) -> dict[str, str]:
        """The seat of every simulated agent that signed in, by job number."""
        seats = self.world.hall.seats
        return {job: seats[job].seat_id for job in self.agents if job in seats}

    def start(self) -> None:
        """Sign every agent in and start the callers; call on the server's running loop."""
        hall = self.world.hall
        hall.seat_listeners.append(self._on_seat_changed)
        taken = {record.seat_id for record in hall.seats.values()}
        free = iter(seat for seat in seat_id_sequence(self.seats + len(taken)) if seat not in taken)
        for job_number in self.agents:
            hall.sign_in(job_number, next(free))
            # The simulated client's stream never drops, so the seat is never marked connection-lost.
            hall.stream_opened(job_number)
        loop = asyncio.get_running_loop()
        for job_number in self.agents:
            # Agents trickle in from "signed in, not ready": a hall does not come up in one instant.
            self._schedule(job_number, self._random.uniform(0.0, self.tempo.start_seconds), GoReady())
        # The morning queue: enough callers at opening time to fill the hall, arriving over a few
        # seconds, so the board is busy at once rather than after minutes of warming up.
        for _ in range(int(self.seats * self.tempo.occupancy)):
            loop.call_later(self._random.uniform(0.1, 1.2) * self.tempo.start_seconds, self._place_call)
        self._arrivals = loop.create_task(self._arrive(), name="simulated-callers")
        if self.tempo.help_per_hour > 0:
            self._ticks = loop.create_task(self._raise_hands(), name="simulated-hands")

    async def stop(self) -> None:
        """Stop the callers and every agent's timer."""
        for task in (self._arrivals, self._ticks):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        for agent in self.agents.values():
            for handle in (agent.timer, agent.hand_timer):
                if handle is not None:
                    handle.cancel()

    # ---------------------------------------------------------------------------- reacting

    def _on_seat_changed(self, record: SeatRecord) -> None:
        agent = self.agents.get(record.job_number)
        if agent is None:
            self._make_room_for(record)
            return
        if agent.timer is not None:
            agent.timer.cancel()
            agent.timer = None
        tempo, rng, job = self.tempo, self._random, record.job_number
        snapshot = record.snapshot
        state = snapshot.state
        if state is SeatState.RINGING:
            agent.held_once = False
            agent.talk_left = max(tempo.talk_seconds / 5, rng.expovariate(1 / tempo.talk_seconds))
            if rng.random() >= tempo.no_answer_share:
                self._schedule(job, rng.uniform(*tempo.answer_seconds), Answer())
        elif state is SeatState.TALKING:
            if not agent.held_once and rng.random() < tempo.hold_share:
                agent.held_once = True
                first_part = rng.uniform(0.2, 0.8) * agent.talk_left
                agent.talk_left -= first_part
                self._schedule(job, first_part, Hold())
            else:
                call_id = snapshot.call_id or ""
                self._schedule(job, agent.talk_left, OrderSaved(call_id), HangUp())
        elif state is SeatState.HELD:
            self._schedule(job, rng.uniform(*tempo.hold_seconds), Resume())
        elif state is SeatState.WRAP_UP:
            finish: Request = EndWrapUp()
            if snapshot.pending is None and rng.random() < tempo.away_share:
                finish = GoAway(self._pick_reason())
            self._schedule(job, rng.uniform(*tempo.wrap_up_seconds), finish)
        elif state is SeatState.AWAY and snapshot.reason != "after_sign_in":
            self._schedule(job, self._away_seconds(snapshot.reason), GoReady())

    def _pick_reason(self) -> str:
        draw = self._random.random()
        for reason, share, _ in AWAY_REASONS:
            draw -= share
            if draw < 0:
                return reason
        return AWAY_REASONS[0][0]

    def _away_seconds(self, reason: str | None) -> float:
        means = {code: minutes for code, _, minutes in AWAY_REASONS}
        if reason not in means:
            # ring_no_answer, forced, wrap_up_overrun: back after a short while.
            return self._random.uniform(20.0, 90.0) * self.tempo.away_scale
        seconds = self._random.uniform(0.5, 1.3) * means[reason] * 60
        limit = self.world.rules.reasons.get(reason)
        max_minutes = limit.max_minutes if limit is not None else None
        if max_minutes is not None:
            limit_seconds = max_minutes * 60
            if self._random.random() < self.tempo.overstay_share:
                seconds = limit_seconds * self._random.uniform(1.1, 1.6)
            else:
                seconds = min(seconds, limit_seconds * 0.95)
        return seconds * self.tempo.away_scale

    def _schedule(self, job_number: str, delay: float, *requests: Request) -> None:
        agent = self.agents[job_number]
        if agent.timer is not None:
            agent.timer.cancel()
        agent.timer = asyncio.get_running_loop().call_later(
            max(0.0, delay), lambda: self._act(job_number, requests)
        )

    def _act(self, job_number: str, requests: tuple[Request, ...]) -> None:
        self.agents[job_number].timer = None
        for request in requests:
            decision = self.world.hall.request(job_number, request)
            if not isinstance(decision, Accepted):
                # The seat moved on meanwhile (a caller hung up, a team leader forced a state):
                # the agent reacts to that state instead.
                log.debug("simulated agent %s: %s refused", job_number, type(request).__name__)
                return

    def _make_room_for(self, record: SeatRecord) -> None:
        """A person took a seat a simulated agent holds: the agent moves to a free seat."""
        if record.snapshot.state is SeatState.SIGNED_OUT:
            return
        hall = self.world.hall
        for job_number in self.agents:
            other = hall.seats.get(job_number)
            if other is None or other.seat_id != record.seat_id:
                continue
            taken = {seat.seat_id for seat in hall.seats.values()}
            candidates = seat_id_sequence(len(hall.seats) + 1)
            other.seat_id = next(seat for seat in candidates if seat not in taken)
            self.world.floor.seat_changed(other)
            return

    # ---------------------------------------------------------------------------- arrivals

    async def _arrive(self) -> None:
        rate = self.tempo.calls_per_second(self.seats)
        while True:
            await asyncio.sleep(self._random.expovariate(rate))
            self._place_call()

    def _place_call(self) -> None:
        try:
            self.world.hall.place_call()
        except Exception:
            # A broken call must not stop the callers: the board would freeze.
            log.exception("simulated caller failed")

    async def _raise_hands(self) -> None:
        rate = self.tempo.help_per_hour * self.seats / 3600
        hall, floor = self.world.hall, self.world.floor
        while True:
            await asyncio.sleep(self._random.expovariate(rate))
            job_number = self._random.choice(list(self.agents))
            record = hall.seats.get(job_number)
            if record is None or record.snapshot.state is SeatState.SIGNED_OUT:
                continue
            floor.raise_hand(record)
            agent = self.agents[job_number]
            if agent.hand_timer is not None:
                agent.hand_timer.cancel()
            agent.hand_timer = asyncio.get_running_loop().call_later(
                self._random.uniform(*self.tempo.help_seconds), floor.lower_hand, record
            )
