"""Wire models of the backend contract, shared by the client and the mock backend.

The mock publishes them as ``/openapi.json``; a snapshot lives in ``resources/api/openapi.json`` and a
test fails when the two drift, so a change to the contract is always a deliberate one.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from seatclient.seat.states import PendingKind, PendingNext, SeatSnapshot, SeatState

API_PREFIX = "/api/v1"

# ``SeatState`` is the seat machine's enum: one state vocabulary for the wire, the mock and the client.


class WireModel(BaseModel):
    """Base of every wire model: unknown fields are ignored so an older client survives a newer backend."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Role(StrEnum):
    """What a signed-in person may do; a call-taker is a contractor and gets no more than their role."""

    CALL_TAKER = "call_taker"
    TEAM_LEADER = "team_leader"


class ErrorBody(WireModel):
    """The body of every 4xx/5xx answer: a stable machine code, a message, and per-field problems."""

    code: str
    message: str
    fields: dict[str, str] = Field(default_factory=dict)


class SignInRequest(WireModel):
    """Sign in with the job number (工号), password and the seat (workstation position)."""

    job_number: str = Field(min_length=1, max_length=16)
    password: str = Field(min_length=1, max_length=128)
    seat_id: str = Field(min_length=1, max_length=32)
    client_version: str = ""


class Agent(WireModel):
    """The person signed in."""

    job_number: str
    name: str
    roles: list[Role]
    team: str = ""


class TokenPair(WireModel):
    """Access and refresh tokens; the access token is short-lived, the refresh token rotates on use."""

    access_token: str
    refresh_token: str
    expires_in: int = Field(description="access token lifetime in seconds")


class SignInResponse(TokenPair):
    """What a successful sign-in returns."""

    agent: Agent
    seat_id: str
    hall_id: str
    server_time: datetime


class RefreshRequest(WireModel):
    """Exchange a refresh token for a new token pair."""

    refresh_token: str


class ReasonCode(WireModel):
    """A reason for being away (示忙); system reasons are set by the backend, never picked by a person."""

    code: str
    label_zh: str
    label_en: str
    selectable: bool = True
    max_minutes: int | None = None


class PendingNextWire(WireModel):
    """A next state booked for after the current call and its wrap-up (“本次通话后小休 / 签出”)."""

    kind: PendingKind
    reason_code: str | None = Field(default=None, description="the away reason; none for sign_out")
    forced_by: str | None = Field(default=None, description="the team leader who booked it, if one did")

    @classmethod
    def from_pending(cls, pending: PendingNext) -> PendingNextWire:
        """Build the wire form of the seat machine's ``PendingNext``."""
        return cls(kind=pending.kind, reason_code=pending.reason, forced_by=pending.forced_by)

    def to_pending(self) -> PendingNext:
        """Return the seat machine's ``PendingNext``.

        Raises:
            ValueError: the shape means nothing (away without a reason, sign out with one).
        """
        return PendingNext(self.kind, self.reason_code, self.forced_by)


class SeatStatus(WireModel):
    """The backend's truth about one seat: everything the seat window must show.

    ``revision`` increases with every change of the seat at the backend, so a client that gets an
    older status after a newer one (a replayed event racing a fresh read) keeps the newer.
    """

    job_number: str
    seat_id: str
    state: SeatState
    reason_code: str | None = Field(default=None, description="the away reason, or wrap_up_overrun")
    since: datetime = Field(description="when the state (or its reason) began, server time")
    call_id: str | None = Field(
        default=None, description="the call, from the first ring to the end of wrap-up"
    )
    consult_target: str | None = None
    pending_next: PendingNextWire | None = None
    wrap_up_deadline: datetime | None = None
    wrap_up_extended: bool = False
    wrap_up_overrun: bool = Field(default=False, description="the wrap-up time ran out, order not saved")
    order_saved: bool = False
    forced_by: str | None = None
    connection_lost: bool = Field(default=False, description="the backend lost this seat's event stream")
    revision: int = 0

    @classmethod
    def from_snapshot(
        cls, job_number: str, seat_id: str, snapshot: SeatSnapshot, revision: int = 0
    ) -> SeatStatus:
        """Build the wire form of a seat machine snapshot."""
        return cls(
            job_number=job_number,
            seat_id=seat_id,
            state=snapshot.state,
            reason_code=snapshot.reason,
            since=snapshot.since,
            call_id=snapshot.call_id,
            consult_target=snapshot.consult_target,
            pending_next=None if snapshot.pending is None else PendingNextWire.from_pending(snapshot.pending),
            wrap_up_deadline=snapshot.wrap_up_deadline,
            wrap_up_extended=snapshot.wrap_up_extended,
            wrap_up_overrun=snapshot.wrap_up_overrun,
            order_saved=snapshot.order_saved,
            forced_by=snapshot.forced_by,
            connection_lost=snapshot.connection_lost,
            revision=revision,
        )

    def to_snapshot(self) -> SeatSnapshot:
        """Return the seat machine's snapshot of this status (for local pre-checks and countdowns).

        Raises:
            ValueError: the status breaks the snapshot's own rules (naive time, bad pending shape).
        """
        return SeatSnapshot(
            state=self.state,
            since=self.since,
            reason=self.reason_code,
            call_id=self.call_id,
            consult_target=self.consult_target,
            pending=None if self.pending_next is None else self.pending_next.to_pending(),
            wrap_up_deadline=self.wrap_up_deadline,
            wrap_up_extended=self.wrap_up_extended,
            order_saved=self.order_saved,
            forced_by=self.forced_by,
            connection_lost=self.connection_lost,
        )


class StateChangeRequest(WireModel):
    """Ask the backend for a new seat state (示闲 / 示忙 with a reason / 签出).

    From wrap-up this also ends the wrap-up, replacing any booked next state; the backend's seat
    machine refuses with 409 and its message when the state cannot be taken now.
    """

    state: Literal["ready", "away", "signed_out"]
    reason_code: str | None = None


class PendingRequest(WireModel):
    """Book the state to take after the current call and its wrap-up."""

    kind: PendingKind
    reason_code: str | None = Field(default=None, description="required for away, absent for sign_out")


class DtmfRequest(WireModel):
    """Digits to send to the caller's leg (an extension, a menu choice)."""

    digits: str = Field(min_length=1, max_length=32, pattern=r"^[0-9*#A-D]+$")


class CallPhase(StrEnum):
    """Where a call is, from the queue to its end."""

    QUEUED = "queued"
    RINGING = "ringing"
    TALKING = "talking"
    HELD = "held"
    ENDED = "ended"


class CallEndReason(StrEnum):
    """Why a call ended at this seat."""

    AGENT_HUNG_UP = "agent_hung_up"
    CALLER_HUNG_UP = "caller_hung_up"
    RING_TIMEOUT = "ring_timeout"
    CONNECTION_LOST = "connection_lost"
    ABANDONED = "abandoned"
    RELEASED = "released"
    """A team leader ended the call (强拆)."""
    TRANSFERRED = "transferred"
    """The caller was handed to someone else (完成转接, 直接转接, 紧急转接); the seat's part is over."""


class TrainingCallerStory(WireModel):
    """What a simulated caller says once answered (training backend only), so there is something to record."""

    name: str
    district: str
    address: str = ""
    topic: str = Field(description="the request in one or two sentences, in the caller's words")
    request_type: str = Field(description="the expected 诉求类型: 咨询, 求助, 投诉举报 or 意见建议")


class CallInfo(WireModel):
    """One call as the seat sees it: who calls, from which queue, how long they waited, what the IVR noted.

    The caller number is shown to the call-taker (they may need to call back) but never logged.
    """

    call_id: str
    phase: CallPhase
    caller_number: str = Field(default="", description="empty when the number is withheld")
    number_withheld: bool = False
    queue: str = Field(description="the queue (skill) the call came through")
    queued_at: datetime = Field(description="when the caller entered the queue")
    offered_at: datetime | None = Field(default=None, description="when it started ringing at this seat")
    answered_at: datetime | None = None
    held_since: datetime | None = None
    ended_at: datetime | None = None
    end_reason: CallEndReason | None = None
    muted: bool = False
    ivr_note: str = ""
    ring_deadline: datetime | None = None
    training_story: TrainingCallerStory | None = None


class QueueInfo(WireModel):
    """The hall's queue, for the seat window and later the floor view."""

    waiting: int
    longest_wait_seconds: float
    ready_seats: int
    server_time: datetime


class Accepted(WireModel):
    """A command the backend accepted; its outcome also follows on the event stream."""

    request_id: str
    status: SeatStatus | None = None
    call: CallInfo | None = None
    server_time: datetime | None = None


class ConfigBundle(WireModel):
    """The rule files in force at the backend, versioned so clients fetch only on change."""

    version: str
    files: dict[str, Any]


class ServerEvent(WireModel):
    """One event of the server-sent event stream.

    ``id`` increases strictly per stream owner; a client resumes with ``Last-Event-ID`` and the backend
    replays every later event, so a reconnect loses nothing and a client drops ids it has already seen.
    """

    id: int
    type: str
    at: datetime
    data: dict[str, Any] = Field(default_factory=dict)


class Health(WireModel):
    """What ``/api/v1/health`` answers."""

    status: Literal["ok"] = "ok"
    server_time: datetime
    version: str
    training: bool


EVENT_SEAT_STATE = "seat.state"
"""data: ``SeatStatus``."""
EVENT_PENDING_APPLIED = "seat.pending_applied"
"""data: ``{"call_id": str, "pending": PendingNextWire}``: the booked state took effect."""
EVENT_CALL_OFFERED = "call.offered"
"""data: ``CallInfo``: a call rings at this seat (sent just before the ``seat.state`` of ringing)."""
EVENT_CALL_UPDATED = "call.updated"
"""data: ``CallInfo``: answered, held, resumed, muted or unmuted."""
EVENT_CALL_ENDED = "call.ended"
"""data: ``CallInfo`` with ``end_reason``: the voice path ended (wrap-up may go on)."""
EVENT_RESYNC = "stream.resync"
EVENT_SIGNED_OUT = "session.signed_out"


# ----------------------------------------------------------------------------------------- orders


class OrderDisposition(StrEnum):
    """What the call-taker decided for the matter (HZ 6.3, ZJ art. 11-14)."""

    DIRECT_ANSWER = "direct_answer"
    DISPATCH = "dispatch"
    DISPATCH_EXTRA_URGENT = "dispatch_extra_urgent"
    NOT_ACCEPTED = "not_accepted"
    EMERGENCY_TRANSFER = "emergency_transfer"
    LINK_EXISTING = "link_existing"


class OrderStatus(StrEnum):
    """Where an order is on its way from registration to its close (what a repeat caller asks about)."""

    REGISTERED = "registered"
    DISPATCHED = "dispatched"
    IN_PROGRESS = "in_progress"
    REPLIED = "replied"
    CLOSED = "closed"
    NOT_ACCEPTED = "not_accepted"
    TRANSFERRED = "transferred"
    LINKED = "linked"


class OrderRequest(WireModel):
    """An order as the client submits it: ``OrderDraft.to_payload`` plus the call-taker's disposition.

    Parts are checked by the backend, which answers a 422 ``ErrorBody`` naming every field in
    Chinese (``fields.caller_name``, ``unit_id``, ...), so the types here stay permissive.
    """

    form: str = ""
    form_version: int | None = None
    call_id: str = ""
    job_number: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    fields: dict[str, Any] = Field(default_factory=dict, description="field key → value, as normalised")
    confidential: bool = False
    protected_fields: list[str] = Field(
        default_factory=list, description="fields withheld from the handling unit when confidential"
    )
    disposition: str = Field(default="", description="an OrderDisposition value")
    unit_id: str | None = Field(default=None, description="the handling unit (dispatch dispositions only)")
    linked_order_number: str | None = Field(default=None, description="the existing order (link_existing)")
    not_accepted_reason: str | None = Field(default=None, description="why not accepted (not_accepted)")
    emergency_line: str | None = Field(default=None, description="110, 119, 120 or 122 (emergency_transfer)")
    knowledge_article_id: str | None = Field(default=None, description="the article answered from")


class OrderAck(WireModel):
    """What the backend answers to a created order (201); a repeated key gets the same answer."""

    order_id: str
    order_number: str = Field(description="the number the caller is told, e.g. HZ20261122000123")
    status: OrderStatus
    status_label: str
    disposition: OrderDisposition
    registered_at: datetime
    due: date | None = Field(default=None, description="the last working day allowed (dispatched orders)")
    due_deadline: datetime | None = None
    time_limit_class: str | None = None
    unit_id: str | None = None
    unit_name: str | None = None
    linked_order_number: str | None = None
    confidential: bool = False


class OrderProgress(WireModel):
    """One step of an order's history."""

    at: datetime
    status: OrderStatus
    status_label: str
    note: str = ""


class OrderSummary(WireModel):
    """An earlier order of a caller, as a repeat-caller look-up lists it."""

    order_number: str
    registered_at: datetime
    status: OrderStatus
    status_label: str
    disposition: OrderDisposition
    request_type: str = ""
    topic: str = Field(default="", description="the business topic as 类别 / 内容")
    summary: str = Field(default="", description="the caller's request, shortened")
    unit_name: str | None = None
    due: date | None = None
    confidential: bool = False


class OrderList(WireModel):
    """A caller's earlier orders, newest first."""

    orders: list[OrderSummary]


class OrderDetail(OrderSummary):
    """One order in full, to tell a caller how their matter is going."""

    due_deadline: datetime | None = None
    district: str = ""
    reply: str = Field(default="", description="the handling unit's answer, once replied")
    progress: list[OrderProgress] = Field(default_factory=list)


# -------------------------------------------------------------------------------------- knowledge


class KnowledgeFeedbackRequest(WireModel):
    """A call-taker's word on an article: it helped, or it is out of date."""

    kind: Literal["useful", "outdated"]
    note: str = Field(default="", max_length=500)


# ------------------------------------------------------------------------------------------ floor


class FloorPendingWire(WireModel):
    """A seat's booked next state on the floor (see ``seatclient.floor.records``)."""

    kind: Literal["away", "sign_out"]
    reason: str | None = None
    forced_by: str | None = None


class FloorSeatWire(WireModel):
    """One seat of the floor; the format of ``seatclient.floor.records``."""

    seat_id: str
    state: SeatState
    since: datetime
    job_number: str = ""
    name: str = ""
    team: str = ""
    reason: str | None = None
    call_started: datetime | None = None
    pending_next: FloorPendingWire | None = None
    connection_lost: bool = False
    help_requested_at: datetime | None = None


class FloorIntervalWire(WireModel):
    """The calls of one 15-minute interval (by the time callers entered the queue)."""

    start: datetime
    offered: int
    answered: int
    abandoned: int
    answered_within_target: int


class FloorFiguresWire(WireModel):
    """The hall's figures for today; the format of ``seatclient.floor.records``."""

    as_of: datetime
    waiting: int
    longest_wait_seconds: float
    offered_today: int
    answered_today: int
    abandoned_today: int
    answered_within_target_today: int
    target_seconds: int = 15
    target_share: float = 0.9
    average_talk_seconds: float
    average_wrap_up_seconds: float
    intervals: list[FloorIntervalWire] = Field(default_factory=list)


class FloorSnapshot(WireModel):
    """The whole floor: what ``GET /floor`` answers and ``floor.snapshot`` carries."""

    seats: list[FloorSeatWire]
    figures: FloorFiguresWire | None = None


class ForceSeatRequest(WireModel):
    """A team leader forces a seat's state (班长强制示闲 / 示忙 / 签出), after its current call if any."""

    state: Literal["ready", "away", "signed_out"]
    reason_code: str | None = Field(default=None, description="the away reason; none means 'forced'")
    reason: str = Field(min_length=1, max_length=200, description="why, kept in the audit trail")


EVENT_FLOOR_SNAPSHOT = "floor.snapshot"
"""data: ``FloorSnapshot`` (team leaders only): sent on every (re)connect and resync."""
EVENT_FLOOR_SEAT = "floor.seat"
"""data: ``{"seat": FloorSeatWire}`` (team leaders only): one seat changed."""
EVENT_FLOOR_FIGURES = "floor.figures"
"""data: ``{"figures": FloorFiguresWire}`` (team leaders only): sent every few seconds."""


# ------------------------------------------------------------ team leader interventions, raise hand


class InterventionAction(StrEnum):
    """A team leader stepping into a seat's call through the backend CTI."""

    LISTEN = "listen"
    """监听: hear the call; neither the caller nor the call-taker hears the team leader."""
    WHISPER = "whisper"
    """耳语: speak to the call-taker only; the caller does not hear it."""
    BARGE = "barge"
    """强插: join the call; everyone hears everyone."""
    RELEASE = "release"
    """强拆: end the call; the seat goes to wrap-up and is told who ended it."""
    LEAVE = "leave"
    """退出: the team leader's leg leaves the call (after listening, whispering or barging in)."""


class InterventionRequest(WireModel):
    """A team leader's intervention in the current call of one seat."""

    action: InterventionAction
    reason: str = Field(default="", max_length=200, description="why, kept in the audit trail")


class MonitorLeg(WireModel):
    """A team leader's leg on a call: listening, whispering or barged in."""

    job_number: str
    name: str = ""
    mode: InterventionAction
    since: datetime


class InterventionResult(WireModel):
    """What the backend did: the call's team leader legs now, and the seat's status."""

    request_id: str
    action: InterventionAction
    job_number: str
    seat_id: str
    call_id: str
    legs: list[MonitorLeg] = Field(default_factory=list, description="team leader legs still on the call")
    status: SeatStatus | None = None
    server_time: datetime


class SeatInterventionNotice(WireModel):
    """What a call-taker is told when a team leader whispers, barges in or ends the call (not listening)."""

    action: InterventionAction
    call_id: str
    by: str = Field(description="the team leader's job number")
    by_name: str = ""
    reason: str = ""
    at: datetime


class HelpRequestStatus(WireModel):
    """A call-taker's raised hand (举手求助) as the backend holds it."""

    raised: bool
    raised_at: datetime | None = None
    acknowledged_by: str | None = Field(default=None, description="the team leader who acknowledged it")
    acknowledged_by_name: str = ""
    acknowledged_at: datetime | None = None


EVENT_SEAT_INTERVENTION = "seat.intervention"
"""data: ``SeatInterventionNotice``: a team leader whispers, barged in or ended this seat's call."""
EVENT_SEAT_HELP = "seat.help"
"""data: ``HelpRequestStatus``: this seat's raised hand changed (raised, acknowledged, lowered)."""


# --------------------------------------------------------------------- training and transcripts (h5)


class TranscriptSpeaker(StrEnum):
    """Who said a transcript line: the caller, or the call-taker (the agent)."""

    CALLER = "caller"
    AGENT = "agent"


class TranscriptLine(WireModel):
    """One line of a call's transcript: the backend's speech recognition, or in training the scenario.

    In production the agent side comes from the backend's speech recognition; in training the
    trainee types what they say (``POST /calls/{call_id}/say``) and the scenario's caller answers.
    """

    call_id: str
    speaker: TranscriptSpeaker
    text: str = Field(min_length=1, max_length=2000)
    at: datetime = Field(description="when it was said, server time")


class SayRequest(WireModel):
    """What a trainee says to the caller (training backends only)."""

    text: str = Field(min_length=1, max_length=2000)


class TrainingScenarioSummary(WireModel):
    """A scenario as a trainee picks it: the catch is not given away."""

    id: str
    title: str
    difficulty: str = Field(description="easy, medium or hard")
    difficulty_label: str


class TrainingScenarioList(WireModel):
    """The scenarios a training backend can play."""

    scenarios: list[TrainingScenarioSummary]


class PlayScenarioRequest(WireModel):
    """Start a scenario at the trainee's seat.

    ``speed`` runs the caller's timeline faster (a trainer's demo, tests): lines come and the caller
    gives up ``speed`` times sooner. ``reply_delay_seconds`` is how long the caller takes to answer.
    """

    speed: float = Field(default=1.0, ge=1.0, le=50.0)
    reply_delay_seconds: float = Field(default=1.5, ge=0.0, le=10.0)


class PlayStarted(WireModel):
    """A scenario call placed for the trainee's seat: it rings as soon as the seat is ready."""

    play_id: str
    call_id: str
    scenario_id: str
    title: str


class TrainingDeductionWire(WireModel):
    """One mistake of a scored training call and what it cost."""

    kind: str
    label: str
    points: int
    message: str = Field(description="what went wrong and what was expected, in Chinese")


class TrainingScoreWire(WireModel):
    """The score of one training call (``training.scored``), against the quality checklist."""

    play_id: str
    call_id: str
    scenario_id: str
    title: str
    job_number: str
    score: int
    full_marks: int
    pass_mark: int
    passed: bool
    deductions: list[TrainingDeductionWire] = Field(default_factory=list)
    scored_at: datetime


EVENT_CALL_TRANSCRIPT = "call.transcript"
"""data: ``TranscriptLine``: a line of the current call's transcript (caller or agent side)."""
EVENT_TRAINING_SCORED = "training.scored"
"""data: ``TrainingScoreWire``: a trainee's scenario call was scored (training backends only)."""


# ------------------------------------------------ transfers: consult, three-way, blind, emergency (h2)


class TransferKind(StrEnum):
    """How the call-taker hands the caller on."""

    CONSULT = "consult"
    """咨询 first (the caller on hold), then three-way (三方通话), complete, or back to the caller."""
    BLIND = "blind"
    """直接转接: the caller goes to the target without a consultation."""
    EMERGENCY = "emergency"
    """紧急转接: bridged to 110 / 119 / 120 / 122 with a handoff packet."""


class ConsultPhase(StrEnum):
    """Where the consulted party's leg is."""

    RINGING = "ringing"
    TALKING = "talking"
    CONFERENCE = "conference"
    ENDED = "ended"


class ConsultOutcome(StrEnum):
    """Why a consulted party's leg ended."""

    CANCELLED = "cancelled"
    """The call-taker went back to the caller (结束咨询)."""
    BUSY = "busy"
    NO_ANSWER = "no_answer"
    TARGET_HUNG_UP = "target_hung_up"
    CALLER_HUNG_UP = "caller_hung_up"
    AGENT_HUNG_UP = "agent_hung_up"
    """The call-taker hung up the three-way call: every leg ended."""
    TRANSFERRED = "transferred"
    """The caller stays with the target (完成转接, 直接转接, 紧急转接)."""


class ConsultInfo(WireModel):
    """The third party of the current call (a specialist seat, a unit, another hotline, an emergency line)."""

    consult_id: str
    call_id: str
    kind: TransferKind
    target_id: str = Field(description="specialist:<id>, hotline:<id>, unit:<unit id> or emergency:<line>")
    target_name: str
    number: str = Field(description="the number or bridge dialled")
    phase: ConsultPhase
    started_at: datetime
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    outcome: ConsultOutcome | None = None
    caller_returned: bool = Field(
        default=False, description="the caller was taken back to the call-taker when the leg ended"
    )


class ConsultRequest(WireModel):
    """Whom to consult or transfer to: a target id from ``transfer_targets`` or ``unit:<unit id>``."""

    target_id: str = Field(min_length=1, max_length=80)


class EmergencyHandoff(WireModel):
    """What the emergency line is told with the bridged call (HZ 5, ZJ art. 11)."""

    summary: str = Field(default="", max_length=2000, description="what happened, from the order")
    address: str = Field(default="", max_length=300, description="where, as the caller said it")
    callback_number: str = Field(default="", max_length=32, description="the caller's number")
    order_id: str = Field(default="", max_length=80, description="the order (or call) it belongs to")


class EmergencyRequest(WireModel):
    """Bridge the call to an emergency line with a handoff packet."""

    line: str = Field(pattern=r"^[0-9]{3,8}$", description="110, 119, 120 or 122 (the lines in force)")
    handoff: EmergencyHandoff = Field(default_factory=EmergencyHandoff)


class TransferAccepted(Accepted):
    """A transfer command the backend accepted, with the third party's leg as it is now."""

    consult: ConsultInfo | None = None


EVENT_CALL_CONSULT = "call.consult"
"""data: ``ConsultInfo``: the third party's leg rang, answered, joined, was busy, did not answer or ended."""


# --- live rule updates (config.updated) ----------------------------------------------------------

EVENT_CONFIG_UPDATED = "config.updated"
"""data: ``ConfigUpdated``: the backend's config bundle changed; fetch it (``GET /config``) and apply it."""


class ConfigUpdated(WireModel):
    """The backend's config bundle changed: its new version (the ``ETag`` of ``GET /config``)."""

    version: str = Field(min_length=1, max_length=80)
