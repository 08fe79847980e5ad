"""The mock CTI's third parties: consult, three-way call, complete and blind transfer, emergency transfer.

Every command goes through the seat machine (``Hall.request``), so an illegal one is a 409 with the
machine's Chinese message; the machine's effects for the third party's leg (``DialConsult``,
``DropConsult``, ``JoinConference``, ``TransferCall``, ``BlindTransferCall``, ``BridgeEmergency``) are
carried out here through ``Hall.effect_listeners``. The leg is announced on the seat's stream as
``call.consult`` (``ConsultInfo``) at every change.

The simulated third party behaves as the trainer (or a test) set it per target: it answers after a
delay, is busy, or does not answer within ``consult_ring_seconds``. When it is busy, does not
answer or hangs up during a consultation, the backend takes the caller back to the call-taker
(the leg says ``caller_returned``). When the caller hangs up during a consultation the third
party's leg ends with the call, and the seat goes to wrap-up as after any hang-up.

Routes (``/api/v1``): ``POST /calls/{id}/consult`` ``{target_id}``, ``POST /calls/{id}/consult/cancel``,
``POST /calls/{id}/conference``, ``POST /calls/{id}/transfer/complete``, ``POST /calls/{id}/transfer/blind``
``{target_id}``, ``POST /calls/{id}/emergency`` ``{line, handoff}``, ``GET /calls/{id}/consult``.
Admin: ``POST /mock/transfers/targets`` (a target's behaviour), ``POST /mock/calls/{id}/consult/hangup``
(the third party hangs up), ``GET /mock/emergency/handoffs``, ``GET /mock/transfers/audit``.

# No ``from __future__ import annotations``: FastAPI reads the endpoints' annotations at run time.
"""

import asyncio
import itertools
import logging
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from seatclient.api.models import (
    API_PREFIX,
    EVENT_CALL_CONSULT,
    CallEndReason,
    ConsultInfo,
    ConsultOutcome,
    ConsultPhase,
    ConsultRequest,
    EmergencyHandoff,
    EmergencyRequest,
    ErrorBody,
    SeatState,
    TransferAccepted,
    TransferKind,
)
from seatclient.dispatch.units import UNITS_RULE_NAME, UnitDirectory, load_units
from seatclient.mock.hall import CallControlRefused, Hall, SeatRecord
from seatclient.mock.server import ApiError, session_resolver
from seatclient.mock.state import MockWorld, Session
from seatclient.rules import RuleError
from seatclient.seat import Accepted as MachineAccepted
from seatclient.seat import (
    CallerHungUp,
    CancelConsult,
    ConsultEnded,
    DialConsult,
    DropConsult,
    Effect,
    Fact,
    JoinConference,
    Refused,
    Resume,
    StartConference,
    StartConsult,
)
from seatclient.seat import Request as SeatRequest
from seatclient.seat.machine import (
    BlindTransfer,
    BlindTransferCall,
    BridgeEmergency,
    CompleteTransfer,
    EmergencyTransfer,
    TransferCall,
)
from seatclient.softphone.transfers import (
    RULE_FILE_NAME,
    TransferTarget,
    TransferTargets,
    load_transfer_targets,
    resolve_target,
)

log = logging.getLogger(__name__)

DEFAULT_ANSWER_DELAY = 2.0
"""Seconds a simulated third party takes to answer, unless a trainer set otherwise."""

BehaviourMode = Literal["answer", "busy", "no_answer"]


@dataclass
class TargetBehaviour:
    """How a simulated third party responds to a call.

    Attributes:
        mode: ``answer`` after ``delay``; ``busy`` after ``delay``; ``no_answer``: rings until
            ``ring_seconds`` (default: the rule file's ``consult_ring_seconds``).
        delay: seconds until it answers or reports busy.
        ring_seconds: how long it rings unanswered (``no_answer``), or ``None`` for the rules' time.
    """

    mode: BehaviourMode = "answer"
    delay: float = DEFAULT_ANSWER_DELAY
    ring_seconds: float | None = None


class TargetBehaviourRequest(BaseModel):
    """Set how a target responds (trainers and tests); ``target_id`` ``*`` sets the default of all."""

    target_id: str = "*"
    mode: BehaviourMode = "answer"
    delay: float = Field(default=DEFAULT_ANSWER_DELAY, ge=0.0, le=60.0)
    ring_seconds: float | None = Field(default=None, ge=0.0, le=120.0)


@dataclass
class _Leg:
    """The third party's leg of one call at one seat."""

    job_number: str
    info: ConsultInfo
    timer: asyncio.TimerHandle | None = None


@dataclass
class _Prepared:
    """What a route knows before the machine's effects run: the target and the handoff."""

    kind: TransferKind
    target: TransferTarget
    handoff: EmergencyHandoff | None = None


@dataclass
class TransferDesk:
    """The third parties of the hall's calls; see the module text.

    Attributes:
        hall: the simulated hall whose effects this carries out.
        targets: the transfer targets in force, with the units that have a number.
        directory: the unit directory, for ``unit:<id>`` targets.
        behaviours: how each target responds, by target id.
        default_behaviour: how any other target responds.
        handoffs: every emergency handoff packet, in order (``GET /mock/emergency/handoffs``).
        audit: every transfer command and outcome, in order (``GET /mock/transfers/audit``).
    """

    hall: Hall
    targets: TransferTargets
    directory: UnitDirectory | None = None
    behaviours: dict[str, TargetBehaviour] = field(default_factory=dict)
    default_behaviour: TargetBehaviour = field(default_factory=TargetBehaviour)
    handoffs: list[dict[str, Any]] = field(default_factory=list)
    audit: list[dict[str, Any]] = field(default_factory=list)
    _legs: dict[str, _Leg] = field(default_factory=dict)
    _prepared: dict[str, _Prepared] = field(default_factory=dict)
    _drop_outcome: dict[str, ConsultOutcome] = field(default_factory=dict)
    _numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        """Listen to the hall's effects."""
        self.hall.effect_listeners.append(self._on_effect)

    # -------------------------------------------------------------------------- looking up

    def resolve(self, target_id: str) -> TransferTarget | None:
        """The target ``target_id`` names, or ``None``."""
        return resolve_target(target_id, self.targets, self.directory)

    def behaviour(self, target_id: str) -> TargetBehaviour:
        """How ``target_id`` responds now."""
        return self.behaviours.get(target_id, self.default_behaviour)

    def leg(self, call_id: str) -> ConsultInfo | None:
        """The third party's leg of ``call_id`` as last announced, or ``None``."""
        found = self._legs.get(call_id)
        return None if found is None else found.info

    def prepare(self, call_id: str, kind: TransferKind, target: TransferTarget, **extra: Any) -> None:
        """Remember the target (and handoff) of the request about to go through the machine."""
        self._prepared[call_id] = _Prepared(kind, target, extra.get("handoff"))

    def forget_prepared(self, call_id: str) -> None:
        """Drop what ``prepare`` remembered (the machine refused)."""
        self._prepared.pop(call_id, None)

    def drop_as(self, call_id: str, outcome: ConsultOutcome | None) -> None:
        """Say why the next ``DropConsult`` of ``call_id`` happens (the route knows, the effect does not).

        ``None`` forgets it again, once the request went through (or was refused).
        """
        if outcome is None:
            self._drop_outcome.pop(call_id, None)
        else:
            self._drop_outcome[call_id] = outcome

    def record(
        self, job_number: str, call_id: str, action: str, target: TransferTarget | None, **extra: Any
    ) -> None:
        """Append one entry to the transfer audit trail."""
        self.audit.append(
            {
                "at": datetime.now(UTC).isoformat(),
                "job_number": job_number,
                "call_id": call_id,
                "action": action,
                "target_id": target.id if target else None,
                "target_name": target.name if target else None,
                "number": target.number if target else None,
                **extra,
            }
        )

    # ----------------------------------------------------------------------------- effects

    def _on_effect(self, record: SeatRecord, effect: Effect, fact: Fact | None) -> None:
        if isinstance(effect, DialConsult):
            self._dial(record, effect.call_id, TransferKind.CONSULT, effect.target)
        elif isinstance(effect, DropConsult):
            outcome = self._drop_outcome.pop(effect.call_id, None)
            if isinstance(fact, CallerHungUp):
                outcome = ConsultOutcome.CALLER_HUNG_UP
            elif outcome is None:
                # Only hanging up a three-way call drops the leg while the seat goes to wrap-up.
                outcome = (
                    ConsultOutcome.AGENT_HUNG_UP
                    if record.snapshot.state is SeatState.WRAP_UP
                    else ConsultOutcome.CANCELLED
                )
            leg = self._legs.get(effect.call_id)
            self._end_leg(effect.call_id, outcome)
            if outcome in (ConsultOutcome.CALLER_HUNG_UP, ConsultOutcome.AGENT_HUNG_UP) and leg is not None:
                # No route asked for this end of the leg: the trail must still show it.
                self.record(
                    record.job_number, effect.call_id, "consult_ended", self.resolve(leg.info.target_id),
                    outcome=outcome.value,
                )  # fmt: skip
        elif isinstance(effect, JoinConference):
            self._update(effect.call_id, phase=ConsultPhase.CONFERENCE)
        elif isinstance(effect, TransferCall):
            self._end_leg(effect.call_id, ConsultOutcome.TRANSFERRED)
            self.hall.end_call(effect.call_id, CallEndReason.TRANSFERRED)
        elif isinstance(effect, BlindTransferCall):
            self._dial(record, effect.call_id, TransferKind.BLIND, effect.target, answered=True)
            self._end_leg(effect.call_id, ConsultOutcome.TRANSFERRED)
            self.hall.end_call(effect.call_id, CallEndReason.TRANSFERRED)
        elif isinstance(effect, BridgeEmergency):
            self._bridge(record, effect.call_id, effect.line)
            self.hall.end_call(effect.call_id, CallEndReason.TRANSFERRED)
        else:
            log.debug("effect without a simulation: %s", type(effect).__name__)

    def _dial(
        self, record: SeatRecord, call_id: str, kind: TransferKind, target_id: str, answered: bool = False
    ) -> None:
        prepared = self._prepared.pop(call_id, None)
        target = prepared.target if prepared is not None else self.resolve(target_id)
        now = datetime.now(UTC)
        info = ConsultInfo(
            consult_id=f"X{next(self._numbers):05d}",
            call_id=call_id,
            kind=kind,
            target_id=target_id,
            target_name=target.name if target else target_id,
            number=target.number if target else "",
            phase=ConsultPhase.TALKING if answered else ConsultPhase.RINGING,
            started_at=now,
            answered_at=now if answered else None,
        )
        self._cancel(call_id)
        leg = self._legs[call_id] = _Leg(record.job_number, info)
        self._publish(leg)
        if answered:
            return
        behaviour = self.behaviour(target_id)
        consult_id = info.consult_id
        if behaviour.mode == "answer":
            delay = behaviour.delay
            callback: Callable[[], None] = lambda: self._target_answers(call_id, consult_id)  # noqa: E731
        elif behaviour.mode == "busy":
            delay = behaviour.delay
            callback = lambda: self._leg_fails(call_id, consult_id, ConsultOutcome.BUSY)  # noqa: E731
        else:
            ring = behaviour.ring_seconds
            delay = float(self.targets.consult_ring_seconds) if ring is None else ring
            callback = lambda: self._leg_fails(call_id, consult_id, ConsultOutcome.NO_ANSWER)  # noqa: E731
        leg.timer = asyncio.get_running_loop().call_later(delay, callback)

    def _bridge(self, record: SeatRecord, call_id: str, line: str) -> None:
        prepared = self._prepared.pop(call_id, None)
        target = prepared.target if prepared is not None else self.targets.emergency_line(line)
        handoff = (prepared.handoff if prepared is not None else None) or EmergencyHandoff()
        now = datetime.now(UTC)
        self._cancel(call_id)
        info = ConsultInfo(
            consult_id=f"X{next(self._numbers):05d}",
            call_id=call_id,
            kind=TransferKind.EMERGENCY,
            target_id=f"emergency:{line}",
            target_name=target.name if target else line,
            number=target.number if target else line,
            phase=ConsultPhase.ENDED,
            started_at=now,
            answered_at=now,
            ended_at=now,
            outcome=ConsultOutcome.TRANSFERRED,
        )
        leg = self._legs[call_id] = _Leg(record.job_number, info)
        call = self.hall.calls.get(call_id)
        self.handoffs.append(
            {
                "at": now.isoformat(),
                "job_number": record.job_number,
                "seat_id": record.seat_id,
                "call_id": call_id,
                "line": line,
                "bridge": info.number,
                "caller_number": call.caller.number if call is not None else "",
                "handoff": handoff.model_dump(mode="json"),
            }
        )
        self._publish(leg)

    def _target_answers(self, call_id: str, consult_id: str) -> None:
        leg = self._current(call_id, consult_id)
        if leg is None or leg.info.phase is not ConsultPhase.RINGING:
            return
        leg.timer = None
        self._update(call_id, phase=ConsultPhase.TALKING, answered_at=datetime.now(UTC))

    def _leg_fails(self, call_id: str, consult_id: str, outcome: ConsultOutcome) -> None:
        """The third party is busy, does not answer or hangs up: the caller goes back to the call-taker."""
        leg = self._current(call_id, consult_id)
        if leg is None or leg.info.phase is ConsultPhase.ENDED:
            return
        leg.timer = None
        job_number = leg.job_number
        self.hall.apply_fact(job_number, ConsultEnded(call_id))
        returned = False
        seat = self.hall.seats.get(job_number)
        if seat is not None and seat.snapshot.call_id == call_id and seat.snapshot.state is SeatState.HELD:
            # The seat machine leaves the caller held; the switch takes them back to the call-taker.
            returned = isinstance(self.hall.request(job_number, Resume()), MachineAccepted)
        elif (
            seat is not None and seat.snapshot.call_id == call_id and seat.snapshot.state is SeatState.TALKING
        ):
            returned = True
        self._end_leg(call_id, outcome, caller_returned=returned)
        self.record(
            job_number, call_id, "consult_ended", None, outcome=outcome.value, target_id=leg.info.target_id
        )

    def target_hangs_up(self, call_id: str) -> bool:
        """The third party of ``call_id`` hangs up (trainers and tests); returns whether there was one."""
        leg = self._legs.get(call_id)
        if leg is None or leg.info.phase is ConsultPhase.ENDED:
            return False
        if leg.info.phase is ConsultPhase.RINGING:
            self._leg_fails(call_id, leg.info.consult_id, ConsultOutcome.NO_ANSWER)
        else:
            self._leg_fails(call_id, leg.info.consult_id, ConsultOutcome.TARGET_HUNG_UP)
        return True

    def _current(self, call_id: str, consult_id: str) -> _Leg | None:
        leg = self._legs.get(call_id)
        return leg if leg is not None and leg.info.consult_id == consult_id else None

    def _end_leg(self, call_id: str, outcome: ConsultOutcome, caller_returned: bool = False) -> None:
        leg = self._legs.get(call_id)
        if leg is None or leg.info.phase is ConsultPhase.ENDED:
            return
        self._cancel(call_id)
        self._update(
            call_id,
            phase=ConsultPhase.ENDED,
            ended_at=datetime.now(UTC),
            outcome=outcome,
            caller_returned=caller_returned,
        )

    def _update(self, call_id: str, **changes: Any) -> None:
        leg = self._legs.get(call_id)
        if leg is None:
            return
        leg.info = leg.info.model_copy(update=changes)
        self._publish(leg)

    def _cancel(self, call_id: str) -> None:
        leg = self._legs.get(call_id)
        if leg is not None and leg.timer is not None:
            leg.timer.cancel()
            leg.timer = None

    def _publish(self, leg: _Leg) -> None:
        self.hall.hub.publish_nowait(leg.job_number, EVENT_CALL_CONSULT, leg.info.model_dump(mode="json"))


def build_transfer_desk(world: MockWorld) -> TransferDesk:
    """Build the desk from the world's rule files: the targets, plus the units that have a number."""
    targets = load_transfer_targets(world.rulebook.get(RULE_FILE_NAME))
    directory: UnitDirectory | None
    try:
        directory = load_units(world.rulebook.get(UNITS_RULE_NAME))
    except RuleError as exc:
        log.error("the unit directory is unusable, units cannot be consulted: %s", exc)
        directory = None
    if directory is not None:
        targets = targets.with_units(directory.units)
    return TransferDesk(world.hall, targets, directory)


def install_transfer_routes(app: FastAPI, world: MockWorld) -> None:
    """Add the consult, three-way, transfer and emergency routes to the mock ``app``.

    The desk is ``app.state.transfer_desk``, so tests and trainers can look inside.
    """
    SignedIn = Annotated[Session, Depends(session_resolver(world))]  # noqa: N806 - a type alias
    hall = world.hall
    desk = build_transfer_desk(world)
    app.state.transfer_desk = desk
    refusals: dict[int | str, dict[str, Any]] = {
        404: {"model": ErrorBody},
        409: {"model": ErrorBody},
        422: {"model": ErrorBody},
    }

    async def idempotent(
        session: Session, key: str | None, compute: Callable[[], Awaitable[TransferAccepted]]
    ) -> JSONResponse:
        """Answer a repeated ``Idempotency-Key`` with the first reply (a refusal too) instead of acting twice."""
        ident = (session.account.job_number, f"transfer:{key}")
        if key and ident in world.idempotent_replies:
            status, content = world.idempotent_replies[ident]
            return JSONResponse(status_code=status, content=content)
        try:
            reply = await compute()
        except ApiError as exc:
            if key and exc.status != 401:
                world.idempotent_replies[ident] = (exc.status, exc.body.model_dump(mode="json"))
            raise
        content = reply.model_dump(mode="json")
        if key:
            world.idempotent_replies[ident] = (202, content)
        return JSONResponse(status_code=202, content=content)

    def current_call(session: Session, call_id: str) -> None:
        try:
            hall.current_call(session.account.job_number, call_id)
        except CallControlRefused as exc:
            raise ApiError(409, exc.code, exc.message) from exc

    def target_of(target_id: str) -> TransferTarget:
        target = desk.resolve(target_id.strip())
        if target is None or target.kind.value == "emergency":
            raise ApiError(
                422,
                "unknown_target",
                f"没有转接对象“{target_id}”；请从专席、其他热线或有联系电话的承办单位中选择",
                {"target_id": "不是可转接的对象"},
            )
        return target

    def perform(session: Session, call_id: str, request: SeatRequest) -> TransferAccepted:
        decision = hall.request(session.account.job_number, request)
        if isinstance(decision, Refused):
            desk.forget_prepared(call_id)
            raise ApiError(409, decision.code.value, decision.message)
        return accepted(session, call_id)

    def accepted(session: Session, call_id: str) -> TransferAccepted:
        return TransferAccepted(
            request_id=str(uuid.uuid4()),
            status=hall.status(session.account.job_number),
            call=hall.call_info(call_id),
            consult=desk.leg(call_id),
            server_time=datetime.now(UTC),
        )

    def require_answered(session: Session, call_id: str, action: str) -> None:
        record = hall.seats.get(session.account.job_number)
        leg = desk.leg(call_id)
        if (
            record is not None
            and record.snapshot.state is SeatState.CONSULTING
            and leg is not None
            and leg.phase is ConsultPhase.RINGING
        ):
            raise ApiError(
                409,
                "consult_not_answered",
                f"{leg.target_name} 尚未接听，不能{action}；可以等待对方接听，或结束咨询回到来电人。",
            )

    def post(path: str, summary: str) -> Callable[[Any], Any]:
        return app.post(
            f"{API_PREFIX}/calls/{{call_id}}/{path}",
            status_code=202,
            response_model=TransferAccepted,
            responses=refusals,
            summary=summary,
            name=f"call_{path.replace('/', '_')}",
        )

    @post("consult", "Consult a third party while the caller is held (咨询)")
    async def consult(
        call_id: str,
        body: ConsultRequest,
        session: SignedIn,
        idempotency_key: Annotated[str | None, Header()] = None,
    ) -> JSONResponse:
        async def compute() -> TransferAccepted:
            target = target_of(body.target_id)
            current_call(session, call_id)
            desk.prepare(call_id, TransferKind.CONSULT, target)
            reply = perform(session, call_id, StartConsult(target.id))
            desk.record(session.account.job_number, call_id, "consult", target)
            return reply

        return await idempotent(session, idempotency_key, compute)

    @post("consult/cancel", "Drop the third party and go back to the caller (结束咨询)")
    async def cancel_consult(
        call_id: str, session: SignedIn, idempotency_key: Annotated[str | None, Header()] = None
    ) -> JSONResponse:
        async def compute() -> TransferAccepted:
            current_call(session, call_id)
            desk.drop_as(call_id, ConsultOutcome.CANCELLED)
            try:
                reply = perform(session, call_id, CancelConsult())
            finally:
                desk.drop_as(call_id, None)
            desk.record(session.account.job_number, call_id, "cancel_consult", None)
            return reply

        return await idempotent(session, idempotency_key, compute)

    @post("conference", "Join the caller and the third party (三方通话)")
    async def conference(
        call_id: str, session: SignedIn, idempotency_key: Annotated[str | None, Header()] = None
    ) -> JSONResponse:
        async def compute() -> TransferAccepted:
            current_call(session, call_id)
            require_answered(session, call_id, "转为三方通话")
            reply = perform(session, call_id, StartConference())
            desk.record(session.account.job_number, call_id, "conference", None)
            return reply

        return await idempotent(session, idempotency_key, compute)

    @post("transfer/complete", "Leave the caller with the third party (完成转接)")
    async def complete_transfer(
        call_id: str, session: SignedIn, idempotency_key: Annotated[str | None, Header()] = None
    ) -> JSONResponse:
        async def compute() -> TransferAccepted:
            current_call(session, call_id)
            require_answered(session, call_id, "完成转接")
            leg = desk.leg(call_id)
            reply = perform(session, call_id, CompleteTransfer())
            target = desk.resolve(leg.target_id) if leg is not None else None
            desk.record(session.account.job_number, call_id, "complete_transfer", target)
            return reply

        return await idempotent(session, idempotency_key, compute)

    @post("transfer/blind", "Hand the caller to a target without consulting (直接转接)")
    async def blind_transfer(
        call_id: str,
        body: ConsultRequest,
        session: SignedIn,
        idempotency_key: Annotated[str | None, Header()] = None,
    ) -> JSONResponse:
        async def compute() -> TransferAccepted:
            target = target_of(body.target_id)
            current_call(session, call_id)
            mode = desk.behaviour(target.id).mode
            if mode != "answer":
                desk.record(session.account.job_number, call_id, "blind_transfer", target, outcome=mode)
                why = "忙" if mode == "busy" else "无人接听"
                raise ApiError(409, f"target_{mode}", f"{target.name} {why}，未能转接；来电人仍在与您通话。")
            desk.prepare(call_id, TransferKind.BLIND, target)
            reply = perform(session, call_id, BlindTransfer(target.id))
            desk.record(session.account.job_number, call_id, "blind_transfer", target, outcome="transferred")
            return reply

        return await idempotent(session, idempotency_key, compute)

    @post("emergency", "Bridge the caller to 110 / 119 / 120 / 122 with a handoff (紧急转接)")
    async def emergency_transfer(
        call_id: str,
        body: EmergencyRequest,
        session: SignedIn,
        idempotency_key: Annotated[str | None, Header()] = None,
    ) -> JSONResponse:
        async def compute() -> TransferAccepted:
            target = desk.targets.emergency_line(body.line)
            if target is None:
                lines = "、".join(desk.targets.emergency_lines)
                raise ApiError(
                    422,
                    "unknown_line",
                    f"没有紧急联动线路 {body.line}；可选：{lines}",
                    {"line": f"应为 {lines} 之一"},
                )
            current_call(session, call_id)
            desk.prepare(call_id, TransferKind.EMERGENCY, target, handoff=body.handoff)
            desk.drop_as(call_id, ConsultOutcome.CANCELLED)
            try:
                reply = perform(session, call_id, EmergencyTransfer(body.line))
            finally:
                desk.drop_as(call_id, None)
            desk.record(session.account.job_number, call_id, "emergency_transfer", target, line=body.line)
            return reply

        return await idempotent(session, idempotency_key, compute)

    @app.get(
        f"{API_PREFIX}/calls/{{call_id}}/consult",
        response_model=ConsultInfo,
        responses={404: {"model": ErrorBody}},
    )
    async def consult_info(call_id: str, session: SignedIn) -> ConsultInfo:
        """The third party's leg of this seat's call, to restore the panel after a reconnect."""
        call = hall.calls.get(call_id)
        leg = desk.leg(call_id)
        if call is None or leg is None or call.job_number != session.account.job_number:
            raise ApiError(404, "no_consult", f"通话 {call_id} 没有咨询或转接")
        return leg

    if not world.options.admin:
        return

    @app.post("/mock/transfers/targets", status_code=204, tags=["mock"])
    async def set_behaviour(body: TargetBehaviourRequest) -> Response:
        behaviour = TargetBehaviour(body.mode, body.delay, body.ring_seconds)
        if body.target_id == "*":
            desk.default_behaviour = behaviour
            desk.behaviours.clear()
        elif desk.resolve(body.target_id) is None:
            raise ApiError(404, "unknown_target", f"没有转接对象 {body.target_id}")
        else:
            desk.behaviours[body.target_id] = behaviour
        return Response(status_code=204)

    @app.post("/mock/calls/{call_id}/consult/hangup", status_code=204, tags=["mock"])
    async def target_hangs_up(call_id: str) -> Response:
        if not desk.target_hangs_up(call_id):
            raise ApiError(404, "no_consult", f"通话 {call_id} 没有进行中的咨询")
        return Response(status_code=204)

    @app.get("/mock/emergency/handoffs", tags=["mock"])
    async def emergency_handoffs() -> list[dict[str, Any]]:
        return desk.handoffs

    @app.get("/mock/transfers/audit", tags=["mock"])
    async def transfer_audit() -> list[dict[str, Any]]:
        return desk.audit
