"""The training backend's scenario player: a scenario's call rings, its caller talks, the run is scored.

A trainee starts a scenario (``POST /api/v1/training/scenarios/{id}/play``, ``random`` for any). The
:class:`TrainingDirector` places the scenario's caller in the hall for that trainee's seat only; the
call rings as soon as the seat is ready. The caller gives up ``abandon_after_seconds`` after the
first ring. Once answered, the caller's lines go out as ``call.transcript`` events on their timing
(the clock stops while the caller is on hold); what the trainee says (``POST /calls/{id}/say``) is
echoed as an agent line and, when it holds one of the scenario's keywords, the caller answers.

When the call has ended and its order arrived (or the seat left the call without one), the run is
scored with :mod:`seatclient.training.scoring` from what the hall and the order book saw: when the
call rang and was answered, the trainee's first line (the greeting), their last (the closing),
everything in between, the order's fields and its disposition. The score goes to the trainee as a
``training.scored`` event and stays for the trainer's lab view (:mod:`seatclient.mock.lab`).

A backend that is not a training backend (``MockOptions.training`` false) refuses every scenario
command with a 403 ``training_disabled``.

# No ``from __future__ import annotations``: FastAPI reads the endpoints' annotations at run time.
"""

import asyncio
import contextlib
import itertools
import logging
import random
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as day_time
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Response
from pydantic import BaseModel

from seatclient.api.models import (
    API_PREFIX,
    EVENT_CALL_TRANSCRIPT,
    EVENT_TRAINING_SCORED,
    CallEndReason,
    CallPhase,
    ErrorBody,
    OrderAck,
    OrderDisposition,
    OrderProgress,
    OrderRequest,
    OrderStatus,
    PlayScenarioRequest,
    PlayStarted,
    SayRequest,
    TrainingDeductionWire,
    TrainingScenarioList,
    TrainingScenarioSummary,
    TrainingScoreWire,
    TranscriptLine,
    TranscriptSpeaker,
)
from seatclient.compliance.scripts import NotAcceptedReason
from seatclient.mock.callers import TrainingCaller
from seatclient.mock.hall import CallControlRefused, SimulatedCall
from seatclient.mock.orders import REQUEST_TYPE_VALUES, STATUS_LABELS, StoredOrder, phone_key
from seatclient.mock.server import ApiError, session_resolver
from seatclient.mock.state import MockWorld, Session
from seatclient.training.scenarios import (
    Disposition,
    Scenario,
    ScenarioReferences,
    difficulty_label,
    load_scenarios,
)
from seatclient.training.scoring import CallRecord, Scorer, ScoreReport, load_default_scorer

log = logging.getLogger(__name__)

RANDOM_SCENARIO = "random"
"""The scenario id that picks any scenario."""

TICK_SECONDS = 0.1
"""How often the director moves the callers' timelines on."""

SCORING_GRACE_SECONDS = 3.0
"""How long after the seat leaves a call its order may still arrive (the outbox is asynchronous)."""

SCORING_GIVE_UP_SECONDS = 600.0
"""How long after a call ends it is scored even though the seat has not left it."""

NEVER_GIVES_UP_SECONDS = 24 * 3600.0
"""The hall's patience for a scenario call: the director hangs up for the caller instead."""

SCENARIO_QUEUE = "12345 培训"
"""The queue a scenario call comes through."""

CALLS_WITHOUT_ORDER_REASON = NotAcceptedReason.NO_CONCRETE_REQUEST.value
"""A call ended without an order is, for scoring, one not accepted for want of a concrete request."""

_REQUEST_TYPE_LABELS = {code: label for label, code in REQUEST_TYPE_VALUES.items()}
"""The intake form's request-type codes as the hall's callers name them (``complaint_report`` → 投诉举报)."""


class PlayStatus(StrEnum):
    """Where a scenario run is."""

    WAITING = "waiting"
    RINGING = "ringing"
    TALKING = "talking"
    ENDED = "ended"
    SCORED = "scored"


PLAY_STATUS_LABELS = {
    PlayStatus.WAITING: "等待示闲",
    PlayStatus.RINGING: "振铃中",
    PlayStatus.TALKING: "通话中",
    PlayStatus.ENDED: "待评分",
    PlayStatus.SCORED: "已评分",
}
"""How the trainer's view names each status (the backend's data, in Chinese)."""


@dataclass
class ScenarioPlay:
    """One run of a scenario by one trainee.

    Attributes:
        play_id: the run's id.
        scenario: what is played.
        job_number: the trainee.
        trainee_name: the trainee's name, for the trainer's view.
        call_id: the hall's call.
        speed: how much faster than real time the caller's timeline runs.
        reply_delay_seconds: how long the caller takes to answer a question.
        started_at: when the run was started (server time).
        first_offered_at: when the call first rang at the seat.
        talk_seconds: how far the caller's timeline has got, in scenario seconds.
        agent_lines: what the trainee said, in order.
        transcript: every line of the call, both sides.
        order: the order submitted for the call.
        order_number: its number.
        left_call_at: when the seat was first seen without the call (monotonic seconds).
        ended_at: when the call was first seen ended (monotonic seconds).
        record: the call record that was scored.
        report: the score.
        scored_at: when it was scored.
    """

    play_id: str
    scenario: Scenario
    job_number: str
    trainee_name: str
    call_id: str
    speed: float
    reply_delay_seconds: float
    started_at: datetime
    first_offered_at: datetime | None = None
    talk_seconds: float = 0.0
    last_tick: float | None = None
    agent_lines: list[str] = field(default_factory=list)
    transcript: list[TranscriptLine] = field(default_factory=list)
    order: OrderRequest | None = None
    order_number: str | None = None
    left_call_at: float | None = None
    ended_at: float | None = None
    record: CallRecord | None = None
    report: ScoreReport | None = None
    scored_at: datetime | None = None

    @property
    def status(self) -> PlayStatus:
        """Where the run is now (from what the director has seen)."""
        if self.report is not None:
            return PlayStatus.SCORED
        if self.ended_at is not None:
            return PlayStatus.ENDED
        if self.last_tick is not None:
            return PlayStatus.TALKING
        if self.first_offered_at is not None:
            return PlayStatus.RINGING
        return PlayStatus.WAITING


def scenario_caller(scenario: Scenario) -> TrainingCaller:
    """The hall's caller for a scenario: its number (or a withheld one) and where it lives."""
    caller = scenario.caller
    withheld = caller.number is None
    number = "" if withheld else str(caller.number)
    kind = "withheld" if withheld else ("landline" if number.startswith("0") else "mobile")
    return TrainingCaller(
        name=caller.name or "",
        number_kind=kind,
        number=number,
        district=caller.district,
        address=caller.address,
        queue=SCENARIO_QUEUE,
        ivr_note="",
        request_type=_REQUEST_TYPE_LABELS.get(scenario.expected.request_type or "", "咨询"),
        topic="",
    )


class TrainingDirector:
    """Plays scenarios in the mock's hall and scores the runs; see the module text.

    Args:
        world: the mock backend's state (hall, events, orders, rule book).
        scenarios: the scenarios to play (loaded from the shipped folder on first use when ``None``).
        scorer: the scorer (built from the world's rule book on first use when ``None``).
    """

    def __init__(
        self, world: MockWorld, scenarios: list[Scenario] | None = None, scorer: Scorer | None = None
    ) -> None:
        self.world = world
        self._scenarios = {scenario.id: scenario for scenario in scenarios} if scenarios else None
        self._scorer = scorer
        self._loading = asyncio.Lock()
        self.plays: list[ScenarioPlay] = []
        self._by_call: dict[str, ScenarioPlay] = {}
        self._orders_seen = 0
        self._random = random.Random(world.options.hall.seed)
        self._ticker: asyncio.Task[None] | None = None
        self._replies: set[asyncio.TimerHandle] = set()
        self._play_numbers = itertools.count(1)

    # -------------------------------------------------------------------------- scenarios

    async def scenarios(self) -> dict[str, Scenario]:
        """The scenarios by id, loaded (in a worker thread, it takes about a second) on first use."""
        async with self._loading:
            if self._scenarios is None or self._scorer is None:
                book = self.world.rulebook
                if self._scenarios is None:
                    references = await asyncio.to_thread(ScenarioReferences.load, book)
                    loaded = await asyncio.to_thread(load_scenarios, None, references)
                    self._scenarios = {scenario.id: scenario for scenario in loaded}
                if self._scorer is None:
                    self._scorer = await asyncio.to_thread(load_default_scorer, book)
            return self._scenarios

    @property
    def scorer(self) -> Scorer:
        """The scorer (after :meth:`scenarios` has loaded it)."""
        if self._scorer is None:
            raise RuntimeError("the scorer is loaded by TrainingDirector.scenarios() first")
        return self._scorer

    # ------------------------------------------------------------------------------ plays

    def active_play_of(self, job_number: str) -> ScenarioPlay | None:
        """The trainee's run not yet scored, if any."""
        for play in reversed(self.plays):
            if play.job_number == job_number and play.report is None:
                return play
        return None

    def play_of_call(self, call_id: str) -> ScenarioPlay | None:
        """The run a call belongs to, if it is a scenario call."""
        return self._by_call.get(call_id)

    def start(
        self, scenario: Scenario, job_number: str, trainee_name: str, request: PlayScenarioRequest
    ) -> ScenarioPlay:
        """Place the scenario's call for ``job_number``'s seat; it rings once the seat is ready."""
        self._seed_history(scenario)
        call = self.world.hall.place_call(
            target_job=job_number,
            patience_seconds=NEVER_GIVES_UP_SECONDS,
            scripted_caller=scenario_caller(scenario),
        )
        play = ScenarioPlay(
            play_id=f"P{next(self._play_numbers):04d}-{uuid.uuid4().hex[:6]}",
            scenario=scenario,
            job_number=job_number,
            trainee_name=trainee_name,
            call_id=call.call_id,
            speed=request.speed,
            reply_delay_seconds=request.reply_delay_seconds,
            started_at=datetime.now(UTC),
        )
        self.plays.append(play)
        self._by_call[call.call_id] = play
        self._ensure_ticker()
        return play

    def never_rang(self, play: ScenarioPlay) -> bool:
        """Whether the run's call is still waiting for the seat to be ready, never offered."""
        call = self.world.hall.calls.get(play.call_id)
        return call is not None and call.phase is CallPhase.QUEUED and call.offers == 0

    def withdraw(self, play: ScenarioPlay) -> None:
        """Take back a run whose call never rang (the seat was never ready): the caller hangs up unheard."""
        self.world.hall.caller_hangs_up(play.call_id)
        self._by_call.pop(play.call_id, None)
        if play in self.plays:
            self.plays.remove(play)

    def pick(self, scenarios: Mapping[str, Scenario], scenario_id: str) -> Scenario | None:
        """The scenario ``scenario_id``, any one for ``random``, ``None`` when unknown."""
        if scenario_id == RANDOM_SCENARIO:
            return self._random.choice(sorted(scenarios.values(), key=lambda each: each.id))
        return scenarios.get(scenario_id)

    def _seed_history(self, scenario: Scenario) -> None:
        """Register the caller's earlier orders, so a repeat-caller look-up and a link find them."""
        orders = self.world.orders
        caller_number = scenario.caller.number
        for earlier in scenario.history:
            if earlier.number in orders.orders:
                continue
            closed = "办结" in earlier.status
            status = OrderStatus.CLOSED if closed else OrderStatus.IN_PROGRESS
            registered = datetime.combine(earlier.registered, day_time(9, 0), tzinfo=UTC)
            request = OrderRequest(
                form=orders.schema.form_id,
                call_id=f"history-{earlier.number}",
                job_number="1001",
                fields={
                    "caller_name": scenario.caller.name or "来电人",
                    "caller_phone": caller_number or "",
                    "topic": earlier.topic.to_json(),
                    "event_description": earlier.summary,
                    "caller_request": earlier.summary,
                },
                disposition=OrderDisposition.DISPATCH.value,
            )
            ack = OrderAck(
                order_id=str(uuid.uuid4()),
                order_number=earlier.number,
                status=status,
                status_label=earlier.status,
                disposition=OrderDisposition.DISPATCH,
                registered_at=registered,
            )
            orders.orders[earlier.number] = StoredOrder(
                ack=ack,
                request=request,
                caller_phone_key=phone_key(caller_number or ""),
                district=scenario.caller.district,
                progress=[
                    OrderProgress(
                        at=registered,
                        status=OrderStatus.DISPATCHED,
                        status_label=STATUS_LABELS[OrderStatus.DISPATCHED],
                    ),
                    OrderProgress(
                        at=registered + timedelta(hours=2), status=status, status_label=earlier.status
                    ),
                ],
            )

    # ------------------------------------------------------------------------- transcript

    def publish_line(self, call: SimulatedCall, speaker: TranscriptSpeaker, text: str) -> TranscriptLine:
        """Send one transcript line to the call's seat and keep it with the run.

        Raises:
            CallControlRefused: the call is at no seat.
        """
        if call.job_number is None:
            raise CallControlRefused("not_in_call", f"通话 {call.call_id} 没有接通到座席。")
        line = TranscriptLine(call_id=call.call_id, speaker=speaker, text=text, at=datetime.now(UTC))
        self.world.hub.publish_nowait(call.job_number, EVENT_CALL_TRANSCRIPT, line.model_dump(mode="json"))
        play = self._by_call.get(call.call_id)
        if play is not None:
            play.transcript.append(line)
            if speaker is TranscriptSpeaker.AGENT:
                play.agent_lines.append(text)
        return line

    def agent_said(self, call: SimulatedCall, text: str) -> TranscriptLine:
        """Record what the call-taker said; a scenario's caller answers a question it has an answer to."""
        line = self.publish_line(call, TranscriptSpeaker.AGENT, text)
        play = self._by_call.get(call.call_id)
        if play is not None:
            answer = play.scenario.reply_to(text)
            if answer is not None:
                self._reply_later(call, answer.text, play.reply_delay_seconds)
        return line

    def _reply_later(self, call: SimulatedCall, text: str, delay: float) -> None:
        loop = asyncio.get_running_loop()

        def reply() -> None:
            self._replies.discard(handle)
            if call.phase in (CallPhase.TALKING, CallPhase.HELD):
                self.publish_line(call, TranscriptSpeaker.CALLER, text)

        handle = loop.call_later(delay, reply)
        self._replies.add(handle)

    # ------------------------------------------------------------------------------ ticks

    def _ensure_ticker(self) -> None:
        if self._ticker is None or self._ticker.done():
            self._ticker = asyncio.get_running_loop().create_task(self._run(), name="training-director")

    async def _run(self) -> None:
        while any(play.report is None for play in self.plays):
            try:
                self.tick(time.monotonic())
            except Exception:
                # One broken run must not stop the others from being played and scored.
                log.exception("training director tick failed")
            await asyncio.sleep(TICK_SECONDS)

    def tick(self, now: float) -> None:
        """Move every unscored run on: caller lines, a caller giving up, orders arriving, scoring."""
        self._collect_orders()
        for play in list(self.plays):
            if play.report is None:
                self._advance(play, now)

    def _collect_orders(self) -> None:
        orders = list(self.world.orders.orders.values())
        for stored in orders[self._orders_seen :]:
            play = self._by_call.get(stored.request.call_id)
            if play is not None and play.order is None:
                play.order = stored.request
                play.order_number = stored.ack.order_number
        self._orders_seen = len(orders)

    def _advance(self, play: ScenarioPlay, now: float) -> None:
        hall = self.world.hall
        call = hall.calls.get(play.call_id)
        if call is None:
            return
        if call.offered_at is not None and play.first_offered_at is None:
            play.first_offered_at = call.offered_at
        if call.phase in (CallPhase.QUEUED, CallPhase.RINGING) and play.first_offered_at is not None:
            waited = (datetime.now(UTC) - play.first_offered_at).total_seconds()
            if waited * play.speed >= play.scenario.abandon_after_seconds:
                hall.caller_hangs_up(call.call_id, CallEndReason.ABANDONED)
        if call.phase is CallPhase.TALKING:
            # Lines due in (played_through, talk_seconds]: each is said once, however the ticks fall.
            played_through = play.talk_seconds if play.last_tick is not None else -1.0
            if play.last_tick is not None:
                play.talk_seconds += (now - play.last_tick) * play.speed
            play.last_tick = now
            for line in play.scenario.lines:
                if played_through < line.at_seconds <= play.talk_seconds:
                    self.publish_line(call, TranscriptSpeaker.CALLER, line.text)
        elif call.phase is CallPhase.HELD:
            # The caller hears the hold music: their timeline waits.
            play.last_tick = now if play.last_tick is not None else None
        if call.phase is CallPhase.ENDED:
            self._after_call(play, call, now)

    def _after_call(self, play: ScenarioPlay, call: SimulatedCall, now: float) -> None:
        if play.ended_at is None:
            play.ended_at = now
        if call.answered_at is None:
            self.score(play, call)
            return
        record = self.world.hall.seats.get(play.job_number)
        on_call = record is not None and record.snapshot.call_id == play.call_id
        if not on_call and play.left_call_at is None:
            play.left_call_at = now
        order_came = play.order is not None
        seat_moved_on = play.left_call_at is not None and now - play.left_call_at >= SCORING_GRACE_SECONDS
        if order_came or seat_moved_on or now - play.ended_at >= SCORING_GIVE_UP_SECONDS:
            self.score(play, call)

    # ---------------------------------------------------------------------------- scoring

    def call_record(self, play: ScenarioPlay, call: SimulatedCall) -> CallRecord:
        """What the hall and the order book saw of the run, as the scorer reads it."""
        lines = play.agent_lines
        order = play.order
        disposition: Disposition | None = None
        not_accepted = emergency = linked = None
        units: tuple[str, ...] = ()
        if order is not None:
            with contextlib.suppress(ValueError):
                disposition = Disposition(order.disposition)
            units = (order.unit_id,) if order.unit_id else ()
            not_accepted = order.not_accepted_reason
            emergency = order.emergency_line
            linked = order.linked_order_number
        elif call.answered_at is not None:
            disposition = Disposition.NOT_ACCEPTED
            not_accepted = CALLS_WITHOUT_ORDER_REASON
        return CallRecord(
            scenario_id=play.scenario.id,
            job_number=play.job_number,
            offered_at=play.first_offered_at or call.queued_at,
            answered_at=call.answered_at,
            greeting=lines[0] if lines else "",
            said=tuple(lines[1:-1]),
            closing=lines[-1] if len(lines) >= 2 else "",
            order=None if order is None else dict(order.fields),
            disposition=disposition,
            units=units,
            not_accepted_reason=not_accepted,
            emergency_line=emergency,
            linked_order=linked,
        )

    def score(self, play: ScenarioPlay, call: SimulatedCall) -> ScoreReport:
        """Score the run and tell the trainee (``training.scored``)."""
        record = self.call_record(play, call)
        report = self.scorer.score(play.scenario, record)
        play.record, play.report, play.scored_at = record, report, datetime.now(UTC)
        self.world.hub.publish_nowait(
            play.job_number, EVENT_TRAINING_SCORED, score_wire(play).model_dump(mode="json")
        )
        return report


def score_wire(play: ScenarioPlay) -> TrainingScoreWire:
    """The wire form of a scored run."""
    report = play.report
    if report is None or play.scored_at is None:
        raise ValueError(f"run {play.play_id} is not scored yet")
    return TrainingScoreWire(
        play_id=play.play_id,
        call_id=play.call_id,
        scenario_id=play.scenario.id,
        title=play.scenario.title,
        job_number=play.job_number,
        score=report.score,
        full_marks=report.full_marks,
        pass_mark=report.pass_mark,
        passed=report.passed,
        deductions=[
            TrainingDeductionWire(
                kind=deduction.kind.value,
                label=deduction.label,
                points=deduction.points,
                message=deduction.message,
            )
            for deduction in report.deductions
        ],
        scored_at=play.scored_at,
    )


class InjectedTranscriptLine(BaseModel):
    """A transcript line for a call, as a trainer or a test scripts it (``/mock/calls/{id}/transcript``)."""

    speaker: TranscriptSpeaker
    text: str


def _refuse_unless_training(world: MockWorld) -> None:
    if not world.options.training:
        raise ApiError(403, "training_disabled", "本后台不是培训后台，不接受培训场景和培训通话命令")


def install_training_routes(app: FastAPI, world: MockWorld) -> TrainingDirector:
    """Add the training routes (scenarios, play, say, transcript injection) and the lab pages to ``app``.

    The director is kept as ``app.state.training``.
    """
    from seatclient.mock.lab import install_lab_routes

    director = TrainingDirector(world)
    app.state.training = director
    SignedIn = Annotated[Session, Depends(session_resolver(world))]  # noqa: N806 - a type alias
    refusals: dict[int | str, dict[str, Any]] = {
        403: {"model": ErrorBody},
        404: {"model": ErrorBody},
        409: {"model": ErrorBody},
    }

    @app.get(
        f"{API_PREFIX}/training/scenarios",
        response_model=TrainingScenarioList,
        responses={403: {"model": ErrorBody}},
        tags=["training"],
    )
    async def list_scenarios(_: SignedIn) -> TrainingScenarioList:
        """The scenarios this training backend plays (403 ``training_disabled`` elsewhere)."""
        _refuse_unless_training(world)
        scenarios = await director.scenarios()
        return TrainingScenarioList(
            scenarios=[
                TrainingScenarioSummary(
                    id=scenario.id,
                    title=scenario.title,
                    difficulty=scenario.difficulty.value,
                    difficulty_label=difficulty_label(scenario.difficulty),
                )
                for scenario in sorted(scenarios.values(), key=lambda each: (each.difficulty.value, each.id))
            ]
        )

    @app.post(
        f"{API_PREFIX}/training/scenarios/{{scenario_id}}/play",
        status_code=201,
        response_model=PlayStarted,
        responses=refusals,
        tags=["training"],
    )
    async def play_scenario(
        scenario_id: str, session: SignedIn, body: PlayScenarioRequest | None = None
    ) -> PlayStarted:
        """Start a scenario (``random`` for any) at the trainee's seat; the call rings once the seat is ready."""
        _refuse_unless_training(world)
        scenarios = await director.scenarios()
        scenario = director.pick(scenarios, scenario_id)
        if scenario is None:
            raise ApiError(404, "unknown_scenario", f"没有培训场景 {scenario_id}")
        job_number = session.account.job_number
        running = director.active_play_of(job_number)
        if running is not None and director.never_rang(running):
            # Never rang: the trainee changed their mind before going ready.
            director.withdraw(running)
            running = None
        if running is not None:
            raise ApiError(
                409,
                "play_in_progress",
                f"场景“{running.scenario.title}”还没有结束评分，请先完成这通电话",
            )
        play = director.start(scenario, job_number, session.account.name, body or PlayScenarioRequest())
        return PlayStarted(
            play_id=play.play_id, call_id=play.call_id, scenario_id=scenario.id, title=scenario.title
        )

    @app.post(
        f"{API_PREFIX}/calls/{{call_id}}/say",
        status_code=201,
        response_model=TranscriptLine,
        responses=refusals,
        tags=["training"],
    )
    async def say(call_id: str, body: SayRequest, session: SignedIn) -> TranscriptLine:
        """What the trainee says to the caller (training only: in production speech recognition hears it)."""
        _refuse_unless_training(world)
        try:
            call = world.hall.current_call(session.account.job_number, call_id)
        except CallControlRefused as exc:
            raise ApiError(409, exc.code, exc.message) from exc
        if call.phase is not CallPhase.TALKING:
            raise ApiError(409, "not_in_call", "只有通话中才能对来电人说话（保持时请先取回）")
        return director.agent_said(call, body.text.strip() or body.text)

    if world.options.admin:

        @app.post(
            "/mock/calls/{call_id}/transcript", status_code=201, response_model=TranscriptLine, tags=["mock"]
        )
        async def inject_transcript(call_id: str, body: InjectedTranscriptLine) -> TranscriptLine:
            call = world.hall.calls.get(call_id)
            if call is None or call.phase is CallPhase.ENDED:
                raise ApiError(404, "unknown_call", f"没有进行中的通话 {call_id}")
            try:
                if body.speaker is TranscriptSpeaker.AGENT:
                    return director.agent_said(call, body.text)
                return director.publish_line(call, body.speaker, body.text)
            except CallControlRefused as exc:
                raise ApiError(409, exc.code, exc.message) from exc

        @app.delete("/mock/training/plays", status_code=204, tags=["mock"])
        async def forget_plays() -> Response:
            """Forget every run (a new class starts)."""
            director.plays.clear()
            return Response(status_code=204)

    install_lab_routes(app, director)
    return director
