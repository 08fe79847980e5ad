"""The seat state machine: pure functions shared by the client (to refuse early) and the mock (the authority).

Two kinds of input change a seat:

- a ``Request`` is what the agent asks for; ``decide`` either accepts it (a new snapshot and the
  ``Effect``s the backend must carry out) or refuses it with a Chinese message naming why and what
  is possible now. It never raises for any request in any state.
- a ``Fact`` is what happened at the backend (a call was offered, the caller hung up, a team leader
  forced a state, the link dropped); ``apply_fact`` is never refused, it only describes the result.
  A fact that no longer fits (a timer of an earlier call, a duplicate) changes nothing.

Nothing here reads a clock or does I/O: the caller passes ``now`` in server time. The rules that
protect the agent's work:

- a wrap-up whose order is not saved never ends (when the rules require the order, as a hall's
  do): not by a request, not by its timer running out (it is flagged overrun instead), not by a
  team leader (whose state is booked for after it);
- a pending next state is applied exactly once, when the call and its wrap-up end, and cleared;
- a team leader's forced state never cuts a call; it becomes the pending next state.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from seatclient.i18n import join_list, tr
from seatclient.rules import RuleBook, RuleError, RuleFile
from seatclient.seat._checks import RuleChecker
from seatclient.seat.states import (
    CALL_STATES,
    CONTACT_STATES,
    IDLE_STATES,
    PendingKind,
    PendingNext,
    ReasonCode,
    SeatSnapshot,
    SeatState,
    SystemReason,
    collect_reason_codes,
    state_label,
)
from seatclient.seat.wrapup import WrapUpExitBlock, WrapUpPolicy, collect_wrap_up_policy, wrap_up_exit_block

RULE_FILE_NAME = "seat_rules"
MIN_RING_TIMEOUT_SECONDS = 5
MAX_RING_TIMEOUT_SECONDS = 120
MAX_RING_PERIOD_SECONDS = 30
MAX_TARGET_RINGS = 10


# --------------------------------------------------------------------------------------------- rules


@dataclass(frozen=True, eq=False)
class SeatRules:
    """The seat rules in force, loaded from ``seat_rules.json`` or the backend's config bundle.

    Attributes:
        reasons: every reason code by code, in file order.
        wrap_up: the wrap-up policy.
        sign_in_state: the state after signing in: ``away`` (with ``after_sign_in``) or ``ready``.
        ring_timeout_seconds: how long a call rings before the backend takes it back.
        ring_period_seconds: how long one ring lasts, for the ring counter the agent sees.
        answer_within_rings: the rings within which a call must be answered (HZ 7.1: three).
        version: the rule file's version text, for the About box and logs.
    """

    reasons: Mapping[str, ReasonCode]
    wrap_up: WrapUpPolicy
    sign_in_state: SeatState = SeatState.AWAY
    ring_timeout_seconds: int = 15
    ring_period_seconds: int = 5
    answer_within_rings: int = 3
    version: str = ""

    @property
    def ring_timeout(self) -> timedelta:
        """The ring timeout as a ``timedelta``."""
        return timedelta(seconds=self.ring_timeout_seconds)

    @property
    def answer_target(self) -> timedelta:
        """The time within which a call must be answered: the target rings times the ring period."""
        return timedelta(seconds=self.ring_period_seconds * self.answer_within_rings)

    def ring_count(self, ringing_for: timedelta) -> int:
        """Return which ring is sounding after ``ringing_for``: 1 during the first ring period."""
        return 1 + max(0, int(ringing_for.total_seconds() // self.ring_period_seconds))

    def selectable_reasons(self) -> list[ReasonCode]:
        """Return the reasons an agent may pick, in file order."""
        return [reason for reason in self.reasons.values() if reason.selectable]

    def reason_label(self, code: str | None, language: str = "zh_CN") -> str:
        """Return the label of ``code``; an unknown code (newer backend rules) is shown as it is."""
        if code is None:
            return ""
        reason = self.reasons.get(code)
        return code if reason is None else reason.label(language)

    def away_deadline(self, snapshot: SeatSnapshot) -> datetime | None:
        """Return when the snapshot's away time exceeds its reason's limit, or ``None`` without a limit."""
        if snapshot.state is not SeatState.AWAY or snapshot.reason is None:
            return None
        reason = self.reasons.get(snapshot.reason)
        limit = None if reason is None else reason.max_duration
        return None if limit is None else snapshot.since + limit


def seat_rules_problems(rule_file: RuleFile) -> list[RuleError]:
    """Return every problem of a ``seat_rules`` document, each with its key path and line."""
    checker = RuleChecker(rule_file)
    _parse_seat_rules(checker, rule_file)
    return checker.problems


def load_seat_rules(rule_file: RuleFile) -> SeatRules:
    """Load and check a ``seat_rules`` document (a file or the config bundle's copy).

    Raises:
        RuleError: the first problem found, naming its key path and line; use
            ``seat_rules_problems`` to list them all.
    """
    checker = RuleChecker(rule_file)
    rules = _parse_seat_rules(checker, rule_file)
    if checker.problems or rules is None:
        raise checker.problems[0]
    return rules


def load_default_rules(rule_book: RuleBook | None = None) -> SeatRules:
    """Load ``seat_rules`` from ``rule_book`` (default: the shipped and hall layers)."""
    return load_seat_rules((rule_book or RuleBook()).get(RULE_FILE_NAME))


def _parse_seat_rules(checker: RuleChecker, rule_file: RuleFile) -> SeatRules | None:
    """Check the whole document and build the rules when it is sound."""
    root = checker.object(
        "",
        rule_file.data,
        required=("sign_in_state", "ring_timeout_seconds", "reasons", "wrap_up"),
        optional=("version", "description", "ring_period_seconds", "answer_within_rings"),
    )
    if root is None:
        return None
    version = ""
    if "version" in root:
        version = checker.text("version", root["version"]) or ""
    if "description" in root:
        checker.text("description", root["description"], max_length=2000)
    # A missing key was already reported by ``checker.object``; check only what is there.
    sign_in = (
        checker.choice("sign_in_state", root["sign_in_state"], (SeatState.AWAY.value, SeatState.READY.value))
        if "sign_in_state" in root
        else None
    )
    ring_timeout = (
        checker.integer(
            "ring_timeout_seconds",
            root["ring_timeout_seconds"],
            MIN_RING_TIMEOUT_SECONDS,
            MAX_RING_TIMEOUT_SECONDS,
        )
        if "ring_timeout_seconds" in root
        else None
    )
    ring_period: int | None = 5
    if "ring_period_seconds" in root:
        ring_period = checker.integer(
            "ring_period_seconds", root["ring_period_seconds"], 1, MAX_RING_PERIOD_SECONDS
        )
    target_rings: int | None = 3
    if "answer_within_rings" in root:
        target_rings = checker.integer(
            "answer_within_rings", root["answer_within_rings"], 1, MAX_TARGET_RINGS
        )
    reasons = collect_reason_codes(checker, root, "reasons") if "reasons" in root else {}
    policy = collect_wrap_up_policy(checker, root, "wrap_up") if "wrap_up" in root else None
    if (
        checker.problems
        or sign_in is None
        or ring_timeout is None
        or policy is None
        or ring_period is None
        or target_rings is None
    ):
        return None
    return SeatRules(
        reasons=dict(reasons),
        wrap_up=policy,
        sign_in_state=SeatState(sign_in),
        ring_timeout_seconds=ring_timeout,
        ring_period_seconds=ring_period,
        answer_within_rings=target_rings,
        version=version,
    )


# ------------------------------------------------------------------------------------------ requests


@dataclass(frozen=True)
class Request:
    """Something the agent asks for; subclasses are the request kinds."""

    @classmethod
    def label(cls) -> str:
        """Return the Chinese name of this request kind, as a button shows it."""
        raise NotImplementedError(cls.__name__)


@dataclass(frozen=True)
class SignIn(Request):
    """Sign in to the seat (签入)."""

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "签入")


@dataclass(frozen=True)
class SignOut(Request):
    """Sign out of the seat (签出)."""

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "签出")


@dataclass(frozen=True)
class GoReady(Request):
    """Become ready for calls (示闲)."""

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "示闲")


@dataclass(frozen=True)
class GoAway(Request):
    """Become away (示忙) for a reason the agent may pick.

    Attributes:
        reason: the reason code, e.g. ``break``.
    """

    reason: str

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "示忙")


@dataclass(frozen=True)
class Answer(Request):
    """Answer the ringing call (接听)."""

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "接听")


@dataclass(frozen=True)
class HangUp(Request):
    """End the call from the agent's side (挂断); wrap-up starts."""

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "挂断")


@dataclass(frozen=True)
class Hold(Request):
    """Put the caller on hold (保持)."""

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "保持")


@dataclass(frozen=True)
class Resume(Request):
    """Take the caller back from hold (取回)."""

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "取回")


@dataclass(frozen=True)
class StartConsult(Request):
    """Consult a third party while the caller waits on hold (咨询).

    Attributes:
        target: whom to call: a specialist seat, a handling unit, a team leader.
    """

    target: str

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "咨询")


@dataclass(frozen=True)
class CancelConsult(Request):
    """Drop the consulted party and go back to the caller (结束咨询); also ends a three-way call's third leg."""

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "结束咨询")


@dataclass(frozen=True)
class StartConference(Request):
    """Join the caller and the consulted party in a three-way call (三方通话)."""

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "三方通话")


@dataclass(frozen=True)
class CompleteTransfer(Request):
    """Leave the caller with the consulted party (完成转接); the call leaves this seat for its wrap-up."""

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "完成转接")


@dataclass(frozen=True)
class BlindTransfer(Request):
    """Hand the caller to a target without consulting first (直接转接); the call leaves this seat.

    Attributes:
        target: the target's id (a specialist seat, another hotline, a unit's number).
    """

    target: str

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "直接转接")


@dataclass(frozen=True)
class EmergencyTransfer(Request):
    """Bridge the caller to an emergency line (紧急转接 110 / 119 / 120 / 122); the call leaves this seat.

    Any consulted party is dropped first: an emergency does not wait for a consultation to end.

    Attributes:
        line: the emergency line, e.g. ``110``.
    """

    line: str

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "紧急转接")


@dataclass(frozen=True)
class EndWrapUp(Request):
    """Finish wrap-up (结束话后整理); a pending next state is applied now."""

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "结束话后整理")


@dataclass(frozen=True)
class ExtendWrapUp(Request):
    """Extend the wrap-up time once (延长话后整理)."""

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "延长话后整理")


@dataclass(frozen=True)
class SetPending(Request):
    """Book the state to take after this call and its wrap-up (预约下一状态).

    Attributes:
        next_state: away with a reason, or sign out; ``forced_by`` must be empty (agents book for
            themselves only).
    """

    next_state: PendingNext

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "预约下一状态")


@dataclass(frozen=True)
class CancelPending(Request):
    """Cancel the agent's own booked next state (取消预约)."""

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "取消预约")


@dataclass(frozen=True)
class OrderSaved(Request):
    """Tell the seat that the order (工单) of a call has been saved (工单已保存).

    Attributes:
        call_id: the call the order belongs to.
    """

    call_id: str

    @classmethod
    def label(cls) -> str:
        """Return the button text."""
        return tr("SeatRequest", "保存工单")


REQUEST_KINDS: tuple[type[Request], ...] = (
    SignIn,
    SignOut,
    GoReady,
    GoAway,
    Answer,
    HangUp,
    Hold,
    Resume,
    StartConsult,
    CancelConsult,
    StartConference,
    EndWrapUp,
    ExtendWrapUp,
    SetPending,
    CancelPending,
    OrderSaved,
)
"""Every request kind, in the order a refusal lists what is possible."""

TRANSFER_REQUEST_KINDS: tuple[type[Request], ...] = (CompleteTransfer, BlindTransfer, EmergencyTransfer)
"""The requests that hand the call to someone else; ``allowed_transfers`` says which are possible.

They are kept out of ``REQUEST_KINDS`` so a refusal's list of what is possible stays short: the
transfer controls have their own region in the call panel.
"""


# --------------------------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class Fact:
    """Something that happened at the backend; never refused."""


@dataclass(frozen=True)
class CallOffered(Fact):
    """The backend offered a call to this seat; it starts ringing.

    Attributes:
        call_id: the new call.
    """

    call_id: str


@dataclass(frozen=True)
class CallerHungUp(Fact):
    """The caller ended the call (or abandoned it while it rang).

    Attributes:
        call_id: the call that ended; a different call's hang-up changes nothing.
    """

    call_id: str


@dataclass(frozen=True)
class RingTimeout(Fact):
    """The call rang until the ring timeout without being answered; the backend takes it back.

    Attributes:
        call_id: the call that was not answered.
    """

    call_id: str


@dataclass(frozen=True)
class WrapUpExpired(Fact):
    """The wrap-up timer of a call fired.

    Attributes:
        call_id: the call whose timer fired; a timer of an earlier call, or one fired before the
            (extended) deadline, changes nothing.
    """

    call_id: str


@dataclass(frozen=True)
class ConsultEnded(Fact):
    """The consulted party hung up or did not answer.

    Attributes:
        call_id: the call the consultation belonged to.
    """

    call_id: str


FORCEABLE_STATES = frozenset({SeatState.READY, SeatState.AWAY, SeatState.SIGNED_OUT})


@dataclass(frozen=True)
class ForcedState(Fact):
    """A team leader forced the seat into a state (班长强制).

    Attributes:
        state: ready, away or signed_out.
        reason: the away reason; ``None`` means the ``forced`` system reason. Only for ``away``.
        by: the team leader's job number or name, shown to the agent.
    """

    state: SeatState
    reason: str | None
    by: str

    def __post_init__(self) -> None:
        """Reject forced states that cannot exist: a seat cannot be forced into a call."""
        if self.state not in FORCEABLE_STATES:
            raise ValueError(f"a team leader can only force ready, away or signed_out, not {self.state}")
        if self.reason is not None and self.state is not SeatState.AWAY:
            raise ValueError("only a forced away state takes a reason")
        if not self.by:
            raise ValueError("a forced state must name the team leader")


@dataclass(frozen=True)
class ConnectionLost(Fact):
    """The link between the seat's client and the backend dropped (network, laptop sleep)."""


@dataclass(frozen=True)
class ConnectionRestored(Fact):
    """The link is back.

    Attributes:
        server_snapshot: the backend's snapshot fetched after reconnecting; the client takes it
            as the truth. ``None`` on the backend itself, which keeps its own snapshot.
    """

    server_snapshot: SeatSnapshot | None = None


@dataclass(frozen=True)
class StateAnnounced(Fact):
    """The backend pushed its snapshot of this seat; the client takes it as the truth.

    Attributes:
        snapshot: the backend's snapshot.
    """

    snapshot: SeatSnapshot


# ------------------------------------------------------------------------------------------- effects


@dataclass(frozen=True)
class Effect:
    """Something the backend (the mock) must do because of a transition."""


@dataclass(frozen=True)
class AnnounceStateChange(Effect):
    """Push the new snapshot to the seat's client and the team leader's floor view."""

    snapshot: SeatSnapshot


@dataclass(frozen=True)
class StartRingTimer(Effect):
    """Fire ``RingTimeout(call_id)`` at ``deadline`` unless the call is answered first."""

    call_id: str
    deadline: datetime


@dataclass(frozen=True)
class RequeueCall(Effect):
    """Put an unanswered call back in the queue for another seat."""

    call_id: str


@dataclass(frozen=True)
class AnswerCall(Effect):
    """Connect the ringing call to the agent."""

    call_id: str


@dataclass(frozen=True)
class ReleaseCall(Effect):
    """Release the caller's leg (the agent hung up)."""

    call_id: str


@dataclass(frozen=True)
class HoldCall(Effect):
    """Put the caller on hold (music on hold)."""

    call_id: str


@dataclass(frozen=True)
class ResumeCall(Effect):
    """Take the caller back from hold."""

    call_id: str


@dataclass(frozen=True)
class DialConsult(Effect):
    """Dial the consulted party while the caller is held."""

    call_id: str
    target: str


@dataclass(frozen=True)
class DropConsult(Effect):
    """Release the consulted party's leg."""

    call_id: str


@dataclass(frozen=True)
class JoinConference(Effect):
    """Bridge caller, agent and consulted party."""

    call_id: str


@dataclass(frozen=True)
class TransferCall(Effect):
    """Join the caller with the consulted party and release the agent's legs (完成转接)."""

    call_id: str


@dataclass(frozen=True)
class BlindTransferCall(Effect):
    """Hand the caller's leg to ``target`` without a consultation and release the agent."""

    call_id: str
    target: str


@dataclass(frozen=True)
class BridgeEmergency(Effect):
    """Bridge the caller to the emergency ``line`` with the handoff packet and release the agent."""

    call_id: str
    line: str


@dataclass(frozen=True)
class StartWrapUpTimer(Effect):
    """Fire ``WrapUpExpired(call_id)`` at ``deadline``, replacing any earlier timer of the call."""

    call_id: str
    deadline: datetime


@dataclass(frozen=True)
class CancelWrapUpTimer(Effect):
    """Forget the wrap-up timer of the call."""

    call_id: str


@dataclass(frozen=True)
class CloseContact(Effect):
    """The call and its wrap-up are over; close the contact record.

    Attributes:
        call_id: the call.
        order_saved: whether its order was saved (always true for an answered call).
    """

    call_id: str
    order_saved: bool


@dataclass(frozen=True)
class PendingApplied(Effect):
    """The booked next state was applied at the end of the call; tell the agent why the state changed."""

    call_id: str
    pending: PendingNext


# ------------------------------------------------------------------------------------------ decision


class RefusalCode(StrEnum):
    """Stable codes for why a request was refused (the message is for people, the code for programs)."""

    offline = "offline"
    not_signed_in = "not_signed_in"
    already_signed_in = "already_signed_in"
    already = "already"
    on_call = "on_call"
    order_not_saved = "order_not_saved"
    no_early_exit = "no_early_exit"
    pending_forced = "pending_forced"
    unknown_reason = "unknown_reason"
    reason_not_selectable = "reason_not_selectable"
    not_ringing = "not_ringing"
    not_answered = "not_answered"
    consulting = "consulting"
    no_call = "no_call"
    wrong_state = "wrong_state"
    not_held = "not_held"
    empty_target = "empty_target"
    not_consulting = "not_consulting"
    not_wrap_up = "not_wrap_up"
    extension_not_allowed = "extension_not_allowed"
    extension_used = "extension_used"
    not_in_call = "not_in_call"
    not_permitted = "not_permitted"
    no_pending = "no_pending"
    wrong_call = "wrong_call"


@dataclass(frozen=True)
class Accepted:
    """The request is allowed.

    Attributes:
        snapshot: the seat after the request.
        effects: what the backend must do, in order; ends with ``AnnounceStateChange`` when the
            snapshot changed.
    """

    snapshot: SeatSnapshot
    effects: tuple[Effect, ...] = ()


@dataclass(frozen=True)
class Refused:
    """The request is not allowed now; the seat is unchanged.

    Attributes:
        code: why, for programs.
        message: why and what is possible now, in Chinese (or the language in force).
    """

    code: RefusalCode
    message: str


Decision = Accepted | Refused


@dataclass(frozen=True)
class FactOutcome:
    """The result of a fact: the new snapshot and what the backend must do.

    Attributes:
        snapshot: the seat after the fact.
        effects: what the backend must do, in order.
    """

    snapshot: SeatSnapshot
    effects: tuple[Effect, ...] = ()


@dataclass(frozen=True)
class _Why:
    """A refusal before the list of possible requests is added."""

    code: RefusalCode
    why: str


@dataclass
class _Step:
    """Effects gathered while one transition is computed."""

    effects: list[Effect] = field(default_factory=list)

    def add(self, *effects: Effect) -> None:
        self.effects.extend(effects)

    def finish(self, before: SeatSnapshot, after: SeatSnapshot) -> tuple[Effect, ...]:
        if after != before:
            self.effects.append(AnnounceStateChange(after))
        return tuple(self.effects)


def decide(snapshot: SeatSnapshot, request: Request, now: datetime, rules: SeatRules) -> Decision:
    """Decide whether the agent may do ``request`` now; never raises for a well-formed request.

    Args:
        snapshot: the seat as last known (the backend's own copy on the backend).
        request: what the agent asks for.
        now: the current server time.
        rules: the seat rules in force.

    Returns:
        ``Accepted`` with the new snapshot and effects, or ``Refused`` with a code and a message
        that says why and lists what is possible now.

    Raises:
        ValueError: ``now`` has no time zone (a programming error, never a user's).
    """
    _require_aware(now)
    outcome = _decide_core(snapshot, request, now, rules)
    if isinstance(outcome, Accepted):
        return outcome
    return Refused(outcome.code, _with_possible(outcome.why, snapshot, now, rules))


def allowed_requests(snapshot: SeatSnapshot, now: datetime, rules: SeatRules) -> list[type[Request]]:
    """Return the request kinds that would be accepted now, e.g. to enable the seat window's buttons.

    A kind counts as allowed when at least one of its forms is (``GoAway`` with some reason).
    """
    allowed: list[type[Request]] = []
    selectable = [reason.code for reason in rules.selectable_reasons()]
    for kind in REQUEST_KINDS:
        if any(
            isinstance(_decide_core(snapshot, probe, now, rules), Accepted)
            for probe in _probes(kind, snapshot, selectable)
        ):
            allowed.append(kind)
    return allowed


def allowed_transfers(snapshot: SeatSnapshot, now: datetime, rules: SeatRules) -> list[type[Request]]:
    """Return the transfer request kinds (``TRANSFER_REQUEST_KINDS``) that would be accepted now."""
    probes: dict[type[Request], Request] = {
        CompleteTransfer: CompleteTransfer(),
        BlindTransfer: BlindTransfer("—"),
        EmergencyTransfer: EmergencyTransfer("110"),
    }
    return [
        kind
        for kind in TRANSFER_REQUEST_KINDS
        if isinstance(_decide_core(snapshot, probes[kind], now, rules), Accepted)
    ]


def apply_fact(snapshot: SeatSnapshot, fact: Fact, now: datetime, rules: SeatRules) -> SeatSnapshot:
    """Return the seat after ``fact`` happened at server time ``now``; facts are never refused."""
    return apply_fact_with_effects(snapshot, fact, now, rules).snapshot


def apply_fact_with_effects(
    snapshot: SeatSnapshot, fact: Fact, now: datetime, rules: SeatRules
) -> FactOutcome:
    """Like ``apply_fact``, also returning what the backend must do (start timers, requeue a call …).

    Raises:
        ValueError: ``now`` has no time zone (a programming error).
    """
    _require_aware(now)
    step = _Step()
    handler = _FACT_HANDLERS.get(type(fact))
    after = snapshot if handler is None else handler(snapshot, fact, now, rules, step)
    return FactOutcome(after, step.finish(snapshot, after))


def pending_label(pending: PendingNext, rules: SeatRules) -> str:
    """Return how a booked next state is shown, e.g. ``示忙（小休）`` or ``签出``."""
    if pending.kind is PendingKind.sign_out:
        return tr("SeatMachine", "签出")
    return tr("SeatMachine", "示忙（{reason}）").format(reason=rules.reason_label(pending.reason))


def describe_state(snapshot: SeatSnapshot, rules: SeatRules) -> str:
    """Return the state as the seat window shows it, with its reason: ``示忙（振铃未接）``."""
    if snapshot.reason is None:
        return state_label(snapshot.state)
    return tr("SeatMachine", "{state}（{reason}）").format(
        state=state_label(snapshot.state), reason=rules.reason_label(snapshot.reason)
    )


def _require_aware(now: datetime) -> None:
    """Refuse a naive ``now``: it cannot be compared with the server's timestamps."""
    if now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware server time")


# ------------------------------------------------------------------------------ request handlers


def _decide_core(s: SeatSnapshot, request: Request, now: datetime, rules: SeatRules) -> Accepted | _Why:
    """Decide without composing the list of possible requests (which itself probes this function)."""
    if s.connection_lost:
        return _Why(
            RefusalCode.offline,
            tr("SeatMachine", "与服务器的连接已中断，正在重新连接；恢复后以服务器的座席状态为准。"),
        )
    if s.state is SeatState.SIGNED_OUT and not isinstance(request, SignIn):
        return _not_signed_in()
    handler = _REQUEST_HANDLERS.get(type(request))
    if handler is None:
        return _Why(RefusalCode.wrong_state, tr("SeatMachine", "不认识的操作。"))
    step = _Step()
    result = handler(s, request, now, rules, step)
    if isinstance(result, _Why):
        return result
    return Accepted(result, step.finish(s, result))


_RequestHandler = Callable[[SeatSnapshot, Any, datetime, SeatRules, _Step], SeatSnapshot | _Why]
_FactHandler = Callable[[SeatSnapshot, Any, datetime, SeatRules, _Step], SeatSnapshot]


def _sign_in(s: SeatSnapshot, _: SignIn, now: datetime, rules: SeatRules, step: _Step) -> SeatSnapshot | _Why:
    if s.state is not SeatState.SIGNED_OUT:
        return _Why(RefusalCode.already_signed_in, tr("SeatMachine", "已经签入。"))
    if rules.sign_in_state is SeatState.READY:
        return _idle(SeatState.READY, now)
    return _idle(SeatState.AWAY, now, reason=SystemReason.after_sign_in.value)


def _sign_out(
    s: SeatSnapshot, _: SignOut, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot | _Why:
    if s.state in (SeatState.READY, SeatState.AWAY):
        return _idle(SeatState.SIGNED_OUT, now)
    if s.state is SeatState.WRAP_UP:
        blocked = _wrap_up_exit_refusal(s, now, rules, explicit=True)
        if blocked is not None:
            return blocked
        return _end_contact(s, now, step, SeatState.SIGNED_OUT, honour_pending=False)
    return _Why(
        RefusalCode.on_call,
        tr("SeatMachine", "“{state}”时不能签出；可以预约“本次通话后签出”。").format(
            state=state_label(s.state)
        ),
    )


def _go_ready(
    s: SeatSnapshot, _: GoReady, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot | _Why:
    if s.state is SeatState.READY:
        return _already(s, rules)
    if s.state is SeatState.AWAY:
        return _idle(SeatState.READY, now)
    if s.state is SeatState.WRAP_UP:
        blocked = _wrap_up_exit_refusal(s, now, rules, explicit=True)
        if blocked is not None:
            return blocked
        return _end_contact(s, now, step, SeatState.READY, honour_pending=False)
    return _Why(
        RefusalCode.on_call,
        tr("SeatMachine", "“{state}”时不能示闲；通话和话后整理结束后会自动示闲。").format(
            state=state_label(s.state)
        ),
    )


def _go_away(
    s: SeatSnapshot, request: GoAway, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot | _Why:
    if s.state in CALL_STATES or s.state is SeatState.RINGING:
        return _Why(
            RefusalCode.on_call,
            tr("SeatMachine", "“{state}”时不能示忙；可以预约“本次通话后示忙”。").format(
                state=state_label(s.state)
            ),
        )
    bad_reason = _reason_refusal(request.reason, rules)
    if bad_reason is not None:
        return bad_reason
    if s.state is SeatState.AWAY and s.reason == request.reason:
        return _already(s, rules)
    if s.state is SeatState.WRAP_UP:
        blocked = _wrap_up_exit_refusal(s, now, rules, explicit=True)
        if blocked is not None:
            return blocked
        return _end_contact(s, now, step, SeatState.AWAY, request.reason, honour_pending=False)
    return _idle(SeatState.AWAY, now, reason=request.reason)


def _answer(s: SeatSnapshot, _: Answer, now: datetime, rules: SeatRules, step: _Step) -> SeatSnapshot | _Why:
    if s.state is not SeatState.RINGING or s.call_id is None:
        return _Why(RefusalCode.not_ringing, tr("SeatMachine", "没有振铃中的来电，不能接听。"))
    step.add(AnswerCall(s.call_id))
    return replace(s, state=SeatState.TALKING, since=now)


def _hang_up(s: SeatSnapshot, _: HangUp, now: datetime, rules: SeatRules, step: _Step) -> SeatSnapshot | _Why:
    if s.state is SeatState.CONSULTING:
        return _Why(
            RefusalCode.consulting,
            tr("SeatMachine", "正在咨询，请先结束咨询或转为三方通话，再挂断。"),
        )
    if s.state not in (SeatState.TALKING, SeatState.HELD, SeatState.CONFERENCE) or s.call_id is None:
        return _no_call_for(s, HangUp.label())
    if s.state is SeatState.CONFERENCE:
        step.add(DropConsult(s.call_id))
    step.add(ReleaseCall(s.call_id))
    return _start_wrap_up(s, now, rules, step)


def _hold(s: SeatSnapshot, _: Hold, now: datetime, rules: SeatRules, step: _Step) -> SeatSnapshot | _Why:
    if s.state is SeatState.HELD:
        return _already(s, rules)
    if s.state in (SeatState.CONSULTING, SeatState.CONFERENCE):
        return _wrong_state(s, Hold.label())
    if s.state is not SeatState.TALKING or s.call_id is None:
        return _no_call_for(s, Hold.label())
    step.add(HoldCall(s.call_id))
    return replace(s, state=SeatState.HELD, since=now)


def _resume(s: SeatSnapshot, _: Resume, now: datetime, rules: SeatRules, step: _Step) -> SeatSnapshot | _Why:
    if s.state not in CALL_STATES:
        return _no_call_for(s, Resume.label())
    if s.state is not SeatState.HELD or s.call_id is None:
        return _Why(RefusalCode.not_held, tr("SeatMachine", "通话不在保持中，无需取回。"))
    step.add(ResumeCall(s.call_id))
    return replace(s, state=SeatState.TALKING, since=now)


def _start_consult(
    s: SeatSnapshot, request: StartConsult, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot | _Why:
    if s.state in (SeatState.CONSULTING, SeatState.CONFERENCE):
        return _Why(
            RefusalCode.wrong_state,
            tr("SeatMachine", "已经在“{state}”，一次只能咨询一方。").format(state=state_label(s.state)),
        )
    if s.state not in (SeatState.TALKING, SeatState.HELD) or s.call_id is None:
        return _no_call_for(s, StartConsult.label())
    target = request.target.strip()
    if not target:
        return _Why(RefusalCode.empty_target, tr("SeatMachine", "请选择咨询对象（专席、承办单位或班长）。"))
    if s.state is SeatState.TALKING:
        step.add(HoldCall(s.call_id))
    step.add(DialConsult(s.call_id, target))
    return replace(s, state=SeatState.CONSULTING, since=now, consult_target=target)


def _cancel_consult(
    s: SeatSnapshot, _: CancelConsult, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot | _Why:
    if s.state not in (SeatState.CONSULTING, SeatState.CONFERENCE) or s.call_id is None:
        return _Why(RefusalCode.not_consulting, tr("SeatMachine", "当前没有进行中的咨询或三方通话。"))
    step.add(DropConsult(s.call_id))
    if s.state is SeatState.CONSULTING:
        step.add(ResumeCall(s.call_id))
    return replace(s, state=SeatState.TALKING, since=now, consult_target=None)


def _start_conference(
    s: SeatSnapshot, _: StartConference, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot | _Why:
    if s.state is SeatState.CONFERENCE:
        return _already(s, rules)
    if s.state is not SeatState.CONSULTING or s.call_id is None:
        return _Why(
            RefusalCode.not_consulting,
            tr("SeatMachine", "请先发起咨询，对方接通后才能转为三方通话。"),
        )
    step.add(JoinConference(s.call_id))
    return replace(s, state=SeatState.CONFERENCE, since=now)


def _complete_transfer(
    s: SeatSnapshot, _: CompleteTransfer, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot | _Why:
    if s.state not in (SeatState.CONSULTING, SeatState.CONFERENCE) or s.call_id is None:
        return _Why(
            RefusalCode.not_consulting,
            tr("SeatMachine", "请先咨询转接对象，对方接通后才能完成转接。"),
        )
    step.add(TransferCall(s.call_id))
    return _start_wrap_up(s, now, rules, step)


def _blind_transfer(
    s: SeatSnapshot, request: BlindTransfer, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot | _Why:
    if s.state in (SeatState.CONSULTING, SeatState.CONFERENCE):
        return _Why(
            RefusalCode.wrong_state,
            tr("SeatMachine", "正在“{state}”：请完成转接，或结束咨询后再直接转接。").format(
                state=state_label(s.state)
            ),
        )
    if s.state not in (SeatState.TALKING, SeatState.HELD) or s.call_id is None:
        return _no_call_for(s, BlindTransfer.label())
    target = request.target.strip()
    if not target:
        return _Why(
            RefusalCode.empty_target, tr("SeatMachine", "请选择转接对象（专席、承办单位或其他热线）。")
        )
    step.add(BlindTransferCall(s.call_id, target))
    return _start_wrap_up(s, now, rules, step)


def _emergency_transfer(
    s: SeatSnapshot, request: EmergencyTransfer, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot | _Why:
    if s.state not in CALL_STATES or s.call_id is None:
        return _no_call_for(s, EmergencyTransfer.label())
    line = request.line.strip()
    if not line:
        return _Why(RefusalCode.empty_target, tr("SeatMachine", "请选择紧急联动线路（110、119、120、122）。"))
    if s.consult_target is not None:
        step.add(DropConsult(s.call_id))
    step.add(BridgeEmergency(s.call_id, line))
    return _start_wrap_up(s, now, rules, step)


def _end_wrap_up(
    s: SeatSnapshot, _: EndWrapUp, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot | _Why:
    if s.state is not SeatState.WRAP_UP:
        return _not_wrap_up()
    blocked = _wrap_up_exit_refusal(s, now, rules, explicit=False)
    if blocked is not None:
        return blocked
    return _end_contact(s, now, step, SeatState.READY)


def _extend_wrap_up(
    s: SeatSnapshot, _: ExtendWrapUp, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot | _Why:
    if s.state is not SeatState.WRAP_UP or s.wrap_up_deadline is None or s.call_id is None:
        return _not_wrap_up()
    if not rules.wrap_up.extension_allowed:
        return _Why(RefusalCode.extension_not_allowed, tr("SeatMachine", "本班组的话后整理不允许延长。"))
    if s.wrap_up_extended:
        return _Why(
            RefusalCode.extension_used,
            tr("SeatMachine", "本次话后整理已经延长过一次，不能再延长。"),
        )
    deadline = rules.wrap_up.extended_deadline(s.wrap_up_deadline, now)
    step.add(StartWrapUpTimer(s.call_id, deadline))
    # An extension of an overrun wrap-up ends the overrun: the agent has real time again.
    since = now if s.reason is not None else s.since
    return replace(s, wrap_up_deadline=deadline, wrap_up_extended=True, reason=None, since=since)


def _set_pending(
    s: SeatSnapshot, request: SetPending, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot | _Why:
    wanted = request.next_state
    if s.state not in CONTACT_STATES:
        return _Why(
            RefusalCode.not_in_call,
            tr("SeatMachine", "当前没有通话，可以直接示忙或签出，无需预约。"),
        )
    if wanted.forced_by is not None:
        return _Why(RefusalCode.not_permitted, tr("SeatMachine", "座席只能为自己预约，不能以班长身份预约。"))
    if s.pending is not None and s.pending.forced_by is not None:
        return _forced_pending_refusal(s.pending, rules)
    if wanted.kind is PendingKind.away and wanted.reason is not None:
        bad_reason = _reason_refusal(wanted.reason, rules)
        if bad_reason is not None:
            return bad_reason
    if s.pending == wanted:
        return _Why(
            RefusalCode.already,
            tr("SeatMachine", "已经预约了本次通话后“{next}”。").format(next=pending_label(wanted, rules)),
        )
    return replace(s, pending=wanted)


def _cancel_pending(
    s: SeatSnapshot, _: CancelPending, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot | _Why:
    if s.pending is None:
        return _Why(RefusalCode.no_pending, tr("SeatMachine", "没有预约的下一状态，无需取消。"))
    if s.pending.forced_by is not None:
        return _forced_pending_refusal(s.pending, rules)
    return replace(s, pending=None)


def _order_saved(
    s: SeatSnapshot, request: OrderSaved, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot | _Why:
    if s.state is SeatState.RINGING:
        return _Why(RefusalCode.not_answered, tr("SeatMachine", "来电尚未接听，还没有这次通话的工单。"))
    if s.state not in CALL_STATES and s.state is not SeatState.WRAP_UP:
        return _Why(
            RefusalCode.no_call,
            tr("SeatMachine", "当前没有通话，保存工单不改变座席状态。"),
        )
    if request.call_id != s.call_id:
        return _Why(
            RefusalCode.wrong_call,
            tr("SeatMachine", "工单属于通话 {order_call}，不是当前通话 {call}。").format(
                order_call=request.call_id or "—", call=s.call_id
            ),
        )
    if s.wrap_up_overrun:
        # The time ran out while the notes were being written; saving them is what ends the wrap-up.
        return _end_contact(replace(s, order_saved=True), now, step, SeatState.READY)
    return replace(s, order_saved=True)


_REQUEST_HANDLERS: dict[type[Request], _RequestHandler] = {
    SignIn: _sign_in,
    SignOut: _sign_out,
    GoReady: _go_ready,
    GoAway: _go_away,
    Answer: _answer,
    HangUp: _hang_up,
    Hold: _hold,
    Resume: _resume,
    StartConsult: _start_consult,
    CancelConsult: _cancel_consult,
    StartConference: _start_conference,
    CompleteTransfer: _complete_transfer,
    BlindTransfer: _blind_transfer,
    EmergencyTransfer: _emergency_transfer,
    EndWrapUp: _end_wrap_up,
    ExtendWrapUp: _extend_wrap_up,
    SetPending: _set_pending,
    CancelPending: _cancel_pending,
    OrderSaved: _order_saved,
}


# --------------------------------------------------------------------------------- fact handlers


def _call_offered(
    s: SeatSnapshot, fact: CallOffered, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot:
    # An offer can cross an agent's "away" on the wire; the backend's offer is what happened.
    if s.state not in (SeatState.READY, SeatState.AWAY):
        return s
    step.add(StartRingTimer(fact.call_id, now + rules.ring_timeout))
    return SeatSnapshot(
        state=SeatState.RINGING,
        since=now,
        call_id=fact.call_id,
        connection_lost=s.connection_lost,
    )


def _caller_hung_up(
    s: SeatSnapshot, fact: CallerHungUp, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot:
    if s.call_id != fact.call_id:
        return s
    if s.state is SeatState.RINGING:
        return _end_contact(s, now, step, SeatState.READY)
    if s.state not in CALL_STATES:
        return s
    if s.consult_target is not None:
        step.add(DropConsult(fact.call_id))
    return _start_wrap_up(s, now, rules, step)


def _ring_timeout(
    s: SeatSnapshot, fact: RingTimeout, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot:
    if s.state is not SeatState.RINGING or s.call_id != fact.call_id:
        return s
    step.add(RequeueCall(fact.call_id))
    return _end_contact(s, now, step, SeatState.AWAY, SystemReason.ring_no_answer.value)


def _wrap_up_expired(
    s: SeatSnapshot, fact: WrapUpExpired, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot:
    deadline = s.wrap_up_deadline
    if s.state is not SeatState.WRAP_UP or s.call_id != fact.call_id or deadline is None:
        return s
    if now < deadline or s.wrap_up_overrun:
        return s
    if _notes_safe(s, rules):
        return _end_contact(s, now, step, SeatState.READY)
    # Closing the contact now would lose the notes: keep the wrap-up, flagged so it explains itself.
    return replace(s, reason=SystemReason.wrap_up_overrun.value, since=now)


def _consult_ended(
    s: SeatSnapshot, fact: ConsultEnded, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot:
    if s.call_id != fact.call_id:
        return s
    if s.state is SeatState.CONSULTING:
        # The caller is still on hold; the agent takes them back when ready.
        return replace(s, state=SeatState.HELD, since=now, consult_target=None)
    if s.state is SeatState.CONFERENCE:
        return replace(s, state=SeatState.TALKING, since=now, consult_target=None)
    return s


def _forced_state(
    s: SeatSnapshot, fact: ForcedState, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot:
    if s.state is SeatState.SIGNED_OUT:
        # No session to put into a state; a sign-out changes nothing either.
        return s
    reason = (fact.reason or SystemReason.forced.value) if fact.state is SeatState.AWAY else None
    if s.state in IDLE_STATES:
        return _idle(fact.state, now, reason=reason, forced_by=fact.by, connection_lost=s.connection_lost)
    if s.state is SeatState.WRAP_UP and _notes_safe(s, rules):
        return _end_contact(s, now, step, fact.state, reason, forced_by=fact.by, honour_pending=False)
    # On a call, or in a wrap-up whose notes are not saved: never cut it, book the state for after.
    if fact.state is SeatState.READY:
        return replace(s, pending=None)
    if fact.state is SeatState.AWAY and reason is not None:
        return replace(s, pending=PendingNext.go_away(reason, forced_by=fact.by))
    return replace(s, pending=PendingNext.sign_out(forced_by=fact.by))


def _connection_lost(
    s: SeatSnapshot, _: ConnectionLost, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot:
    if s.connection_lost:
        return s
    lost = replace(s, connection_lost=True)
    if s.state is SeatState.READY:
        # A seat nobody can reach must not be offered calls.
        return _idle(SeatState.AWAY, now, reason=SystemReason.connection_lost.value, connection_lost=True)
    if s.state is SeatState.RINGING and s.call_id is not None:
        step.add(RequeueCall(s.call_id))
        return _end_contact(lost, now, step, SeatState.AWAY, SystemReason.connection_lost.value)
    # The voice path does not depend on the data link, and an open wrap-up keeps its notes.
    return lost


def _connection_restored(
    s: SeatSnapshot, fact: ConnectionRestored, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot:
    if fact.server_snapshot is not None:
        return replace(fact.server_snapshot, connection_lost=False)
    return replace(s, connection_lost=False)


def _state_announced(
    s: SeatSnapshot, fact: StateAnnounced, now: datetime, rules: SeatRules, step: _Step
) -> SeatSnapshot:
    # Hearing from the backend proves the link is up, whatever its snapshot says about it.
    return replace(fact.snapshot, connection_lost=False)


_FACT_HANDLERS: dict[type[Fact], _FactHandler] = {
    CallOffered: _call_offered,
    CallerHungUp: _caller_hung_up,
    RingTimeout: _ring_timeout,
    WrapUpExpired: _wrap_up_expired,
    ConsultEnded: _consult_ended,
    ForcedState: _forced_state,
    ConnectionLost: _connection_lost,
    ConnectionRestored: _connection_restored,
    StateAnnounced: _state_announced,
}


# ------------------------------------------------------------------------------------ transitions


def _notes_safe(s: SeatSnapshot, rules: SeatRules) -> bool:
    """Whether closing this contact now loses no notes: the order is saved, or not required."""
    return s.order_saved or not rules.wrap_up.order_required


def _idle(
    state: SeatState,
    now: datetime,
    reason: str | None = None,
    forced_by: str | None = None,
    connection_lost: bool = False,
) -> SeatSnapshot:
    """Return a fresh snapshot without a contact: every call field is cleared."""
    return SeatSnapshot(
        state=state, since=now, reason=reason, forced_by=forced_by, connection_lost=connection_lost
    )


def _start_wrap_up(s: SeatSnapshot, now: datetime, rules: SeatRules, step: _Step) -> SeatSnapshot:
    """Leave the call for its wrap-up; the order may already have been saved during the call."""
    deadline = rules.wrap_up.deadline_from(now)
    if s.call_id is not None:
        step.add(StartWrapUpTimer(s.call_id, deadline))
    return replace(
        s,
        state=SeatState.WRAP_UP,
        since=now,
        reason=None,
        consult_target=None,
        wrap_up_deadline=deadline,
        wrap_up_extended=False,
    )


def _end_contact(
    s: SeatSnapshot,
    now: datetime,
    step: _Step,
    default_state: SeatState,
    default_reason: str | None = None,
    forced_by: str | None = None,
    honour_pending: bool = True,
) -> SeatSnapshot:
    """End the call and its wrap-up: the one place a contact closes and a pending state is applied.

    Args:
        s: the seat in a contact state.
        now: the server time.
        step: collects the effects.
        default_state: the state to take when no pending state applies.
        default_reason: its reason code (away only).
        forced_by: the team leader who forced ``default_state``, if one did.
        honour_pending: ``False`` when an explicit choice (the agent's request, a team leader's
            force) replaces the booking.
    """
    if s.call_id is not None:
        if s.state is SeatState.WRAP_UP:
            step.add(CancelWrapUpTimer(s.call_id))
        step.add(CloseContact(s.call_id, s.order_saved))
    pending = s.pending
    if honour_pending and pending is not None:
        if s.call_id is not None:
            step.add(PendingApplied(s.call_id, pending))
        return _idle(
            pending.target_state,
            now,
            reason=pending.reason,
            forced_by=pending.forced_by,
            connection_lost=s.connection_lost,
        )
    return _idle(default_state, now, default_reason, forced_by, s.connection_lost)


# --------------------------------------------------------------------------------------- refusals


def _wrap_up_exit_refusal(s: SeatSnapshot, now: datetime, rules: SeatRules, explicit: bool) -> _Why | None:
    """Say why this wrap-up cannot end now, or ``None`` when it can.

    ``explicit`` marks a request that names its own next state (示闲, 示忙, 签出): a team leader's
    booking must not be bypassed that way, so only ``EndWrapUp`` (which applies it) is allowed.
    """
    block = wrap_up_exit_block(s, now, rules.wrap_up)
    if block is WrapUpExitBlock.order_not_saved:
        return _Why(
            RefusalCode.order_not_saved,
            tr("SeatMachine", "工单尚未保存，话后整理不能结束：请先保存工单。"),
        )
    if block is WrapUpExitBlock.no_early_exit and s.wrap_up_deadline is not None:
        left = max(0, math.ceil((s.wrap_up_deadline - now).total_seconds()))
        return _Why(
            RefusalCode.no_early_exit,
            tr("SeatMachine", "本班组的话后整理不允许提前结束，还剩 {seconds} 秒。").format(seconds=left),
        )
    if explicit and s.pending is not None and s.pending.forced_by is not None:
        return _Why(
            RefusalCode.pending_forced,
            tr("SeatMachine", "班长 {by} 已安排本次通话后“{next}”，请点“结束话后整理”。").format(
                by=s.pending.forced_by, next=pending_label(s.pending, rules)
            ),
        )
    return None


def _forced_pending_refusal(pending: PendingNext, rules: SeatRules) -> _Why:
    return _Why(
        RefusalCode.pending_forced,
        tr("SeatMachine", "班长 {by} 已安排本次通话后“{next}”，座席不能更改或取消。").format(
            by=pending.forced_by, next=pending_label(pending, rules)
        ),
    )


def _reason_refusal(code: str, rules: SeatRules) -> _Why | None:
    """Refuse a reason the agent may not pick, listing the ones they may."""
    choices = join_list(reason.label_zh for reason in rules.selectable_reasons())
    reason = rules.reasons.get(code)
    if reason is None:
        return _Why(
            RefusalCode.unknown_reason,
            tr("SeatMachine", "没有示忙原因“{code}”；可选的原因：{choices}。").format(
                code=code, choices=choices
            ),
        )
    if not reason.selectable:
        return _Why(
            RefusalCode.reason_not_selectable,
            tr("SeatMachine", "“{reason}”由系统设置，座席不能选择；可选的原因：{choices}。").format(
                reason=reason.label_zh, choices=choices
            ),
        )
    return None


def _not_signed_in() -> _Why:
    return _Why(RefusalCode.not_signed_in, tr("SeatMachine", "尚未签入，请先签入。"))


def _not_wrap_up() -> _Why:
    return _Why(RefusalCode.not_wrap_up, tr("SeatMachine", "当前不在话后整理。"))


def _already(s: SeatSnapshot, rules: SeatRules) -> _Why:
    return _Why(
        RefusalCode.already,
        tr("SeatMachine", "当前已经是“{state}”。").format(state=describe_state(s, rules)),
    )


def _wrong_state(s: SeatSnapshot, action: str) -> _Why:
    return _Why(
        RefusalCode.wrong_state,
        tr("SeatMachine", "“{state}”时不能{action}。").format(state=state_label(s.state), action=action),
    )


def _no_call_for(s: SeatSnapshot, action: str) -> _Why:
    """Refuse a call control when there is no answered call to apply it to."""
    if s.state is SeatState.RINGING:
        return _Why(
            RefusalCode.not_answered,
            tr("SeatMachine", "来电尚未接听，不能{action}。").format(action=action),
        )
    if s.state is SeatState.WRAP_UP:
        return _Why(
            RefusalCode.no_call,
            tr("SeatMachine", "通话已结束，正在话后整理，不能{action}。").format(action=action),
        )
    if s.state in CALL_STATES:
        return _wrong_state(s, action)
    return _Why(RefusalCode.no_call, tr("SeatMachine", "当前没有通话，不能{action}。").format(action=action))


def _with_possible(why: str, s: SeatSnapshot, now: datetime, rules: SeatRules) -> str:
    """Append what the agent can do now, so a refusal is never a dead end."""
    possible = allowed_requests(s, now, rules)
    if not possible:
        return tr("SeatMachine", "{why}现在不能进行其他座席操作。").format(why=why)
    return tr("SeatMachine", "{why}现在可以：{actions}。").format(
        why=why, actions=join_list(kind.label() for kind in possible)
    )


def _probes(kind: type[Request], s: SeatSnapshot, selectable: list[str]) -> Iterator[Request]:
    """Yield representative requests of ``kind`` to find out whether the kind is possible now."""
    if kind is GoAway:
        yield from (GoAway(code) for code in selectable)
    elif kind is StartConsult:
        yield StartConsult("—")
    elif kind is SetPending:
        yield SetPending(PendingNext.sign_out())
        yield from (SetPending(PendingNext.go_away(code)) for code in selectable)
    elif kind is OrderSaved:
        yield OrderSaved(s.call_id or "")
    else:
        yield kind()
