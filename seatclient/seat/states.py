"""Seat states, away reasons, the pending next state and the seat snapshot: plain data, no Qt, no I/O.

A seat is in exactly one ``SeatState``. While away (示忙) it carries a reason code; reasons are data
(``resources/rules/seat_rules.json``): the ones an agent may pick (小休, 用餐 …) and the system ones the
backend sets so a state explains itself (签入未就绪, 振铃未接, 班长强制, 连接中断, 话后整理超时).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from seatclient.i18n import join_list, tr
from seatclient.rules import RuleError, RuleFile
from seatclient.seat._checks import RuleChecker, child_pointer


class SeatState(StrEnum):
    """The states of a seat, spelled as on the wire."""

    SIGNED_OUT = "signed_out"
    AWAY = "away"
    READY = "ready"
    RINGING = "ringing"
    TALKING = "talking"
    HELD = "held"
    CONSULTING = "consulting"
    CONFERENCE = "conference"
    WRAP_UP = "wrap_up"


IDLE_STATES = frozenset({SeatState.SIGNED_OUT, SeatState.AWAY, SeatState.READY})
"""States with no contact: no call id, no pending next state, no wrap-up."""

CALL_STATES = frozenset({SeatState.TALKING, SeatState.HELD, SeatState.CONSULTING, SeatState.CONFERENCE})
"""States with an answered call whose voice path is up."""

CONTACT_STATES = frozenset({SeatState.RINGING, *CALL_STATES, SeatState.WRAP_UP})
"""States that belong to one call, from the first ring to the end of its wrap-up."""


def state_label(state: SeatState) -> str:
    """Return the Chinese (or translated) name of ``state`` as the seat window shows it."""
    match state:
        case SeatState.SIGNED_OUT:
            return tr("SeatState", "未签入")
        case SeatState.AWAY:
            return tr("SeatState", "示忙")
        case SeatState.READY:
            return tr("SeatState", "示闲")
        case SeatState.RINGING:
            return tr("SeatState", "振铃")
        case SeatState.TALKING:
            return tr("SeatState", "通话中")
        case SeatState.HELD:
            return tr("SeatState", "保持中")
        case SeatState.CONSULTING:
            return tr("SeatState", "咨询中")
        case SeatState.CONFERENCE:
            return tr("SeatState", "三方通话")
        case SeatState.WRAP_UP:
            return tr("SeatState", "话后整理")


class SystemReason(StrEnum):
    """Reason codes the backend sets and the machine refers to; agents can never pick them.

    Their labels and limits come from the rule file like any other reason, but they must be present
    there and marked ``"selectable": false``.
    """

    after_sign_in = "after_sign_in"
    ring_no_answer = "ring_no_answer"
    forced = "forced"
    connection_lost = "connection_lost"
    wrap_up_overrun = "wrap_up_overrun"


@dataclass(frozen=True)
class ReasonCode:
    """One reason for being away (示忙), or a system reason that explains a state.

    Attributes:
        code: the stable identifier on the wire, e.g. ``break``.
        label_zh: the Chinese label, e.g. ``小休``.
        label_en: the English label, e.g. ``Short break``.
        selectable: whether an agent may pick it; system reasons are ``False``.
        max_minutes: how long an agent may stay away for it, or ``None`` for no limit.
    """

    code: str
    label_zh: str
    label_en: str
    selectable: bool
    max_minutes: int | None = None

    @property
    def max_duration(self) -> timedelta | None:
        """The longest time away for this reason, or ``None`` for no limit."""
        return None if self.max_minutes is None else timedelta(minutes=self.max_minutes)

    def label(self, language: str = "zh_CN") -> str:
        """Return the label in ``language`` (``zh_CN`` or ``en``); any other language gets Chinese."""
        return self.label_en if language == "en" else self.label_zh


class PendingKind(StrEnum):
    """What a seat does once its current call and wrap-up end."""

    away = "away"
    sign_out = "sign_out"


@dataclass(frozen=True)
class PendingNext:
    """A next state booked for after the current call (“本次通话后小休 / 签出”).

    Build it with ``PendingNext.go_away(reason)`` or ``PendingNext.sign_out()``.

    Attributes:
        kind: away or sign out.
        reason: the away reason code; ``None`` for sign out.
        forced_by: the team leader who booked it, or ``None`` when the agent did; an agent can
            neither cancel nor replace a team leader's booking.
    """

    kind: PendingKind
    reason: str | None = None
    forced_by: str | None = None

    def __post_init__(self) -> None:
        """Reject shapes that mean nothing: away without a reason, sign out with one."""
        if self.kind is PendingKind.away and not self.reason:
            raise ValueError("a pending away state needs a reason code")
        if self.kind is PendingKind.sign_out and self.reason is not None:
            raise ValueError("a pending sign-out takes no reason code")

    @classmethod
    def go_away(cls, reason: str, forced_by: str | None = None) -> PendingNext:
        """Book “away with ``reason``” for after the call."""
        return cls(PendingKind.away, reason, forced_by)

    @classmethod
    def sign_out(cls, forced_by: str | None = None) -> PendingNext:
        """Book “sign out” for after the call."""
        return cls(PendingKind.sign_out, None, forced_by)

    @property
    def target_state(self) -> SeatState:
        """The state the seat takes when this booking is applied."""
        return SeatState.AWAY if self.kind is PendingKind.away else SeatState.SIGNED_OUT


@dataclass(frozen=True)
class SeatSnapshot:
    """Everything known about one seat at one moment; the backend's copy is the truth.

    Attributes:
        state: the seat state.
        since: when the state (or its reason) began, in server time; always timezone-aware.
        reason: the reason code: the away reason, or ``wrap_up_overrun`` in an overrun wrap-up.
        call_id: the call this seat is busy with, from the first ring to the end of its wrap-up.
        consult_target: whom the agent consults or has in a three-way call (a specialist seat …).
        pending: the next state booked for after the call and its wrap-up, if any.
        wrap_up_deadline: when the wrap-up time runs out (server time), set only in wrap-up.
        wrap_up_extended: whether this wrap-up has used its one extension.
        order_saved: whether the order (工单) of the current call has been saved.
        forced_by: the team leader who forced the current state, if one did.
        connection_lost: whether the link between the seat's client and the backend is down.
    """

    state: SeatState
    since: datetime
    reason: str | None = None
    call_id: str | None = None
    consult_target: str | None = None
    pending: PendingNext | None = None
    wrap_up_deadline: datetime | None = None
    wrap_up_extended: bool = False
    order_saved: bool = False
    forced_by: str | None = None
    connection_lost: bool = False

    def __post_init__(self) -> None:
        """Refuse naive timestamps: server and client clocks are only comparable with a zone."""
        for name in ("since", "wrap_up_deadline"):
            value = getattr(self, name)
            if value is not None and value.utcoffset() is None:
                raise ValueError(f"SeatSnapshot.{name} must be timezone-aware")

    @property
    def wrap_up_overrun(self) -> bool:
        """Whether the wrap-up time ran out before the order was saved."""
        return self.state is SeatState.WRAP_UP and self.reason == SystemReason.wrap_up_overrun

    @classmethod
    def signed_out_at(cls, since: datetime) -> SeatSnapshot:
        """Return the snapshot of a seat nobody has signed in to yet."""
        return cls(state=SeatState.SIGNED_OUT, since=since)


def snapshot_invariant_violations(snapshot: SeatSnapshot) -> list[str]:
    """Return every rule the snapshot breaks (developer-facing English); an empty list means sound.

    The machine keeps these after every request and fact; the mock backend may assert them too.
    """
    problems: list[str] = []
    state = snapshot.state
    in_contact = state in CONTACT_STATES
    if in_contact and snapshot.call_id is None:
        problems.append(f"{state} needs a call id")
    if not in_contact:
        for name in ("call_id", "pending", "wrap_up_deadline", "consult_target"):
            if getattr(snapshot, name) is not None:
                problems.append(f"{state} cannot have {name}")
        if snapshot.order_saved:
            problems.append(f"{state} cannot have order_saved")
    if state is SeatState.AWAY and not snapshot.reason:
        problems.append("away needs a reason code")
    if state not in (SeatState.AWAY, SeatState.WRAP_UP) and snapshot.reason is not None:
        problems.append(f"{state} cannot have a reason code")
    if state is SeatState.WRAP_UP:
        if snapshot.wrap_up_deadline is None:
            problems.append("wrap_up needs a deadline")
        if snapshot.reason not in (None, SystemReason.wrap_up_overrun):
            problems.append("wrap_up may only carry the wrap_up_overrun reason")
        if snapshot.wrap_up_overrun and snapshot.order_saved:
            problems.append("an overrun wrap-up cannot have its order saved")
    else:
        if snapshot.wrap_up_deadline is not None:
            problems.append("only wrap_up has a deadline")
        if snapshot.wrap_up_extended:
            problems.append("only wrap_up can be extended")
    if state in (SeatState.RINGING, SeatState.WRAP_UP) and snapshot.consult_target is not None:
        problems.append(f"{state} cannot have a consult target")
    if state in (SeatState.CONSULTING, SeatState.CONFERENCE) and not snapshot.consult_target:
        problems.append(f"{state} needs a consult target")
    if state is SeatState.RINGING and snapshot.order_saved:
        problems.append("ringing cannot have a saved order")
    return problems


MAX_AWAY_MINUTES = 24 * 60
_CODE_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,31}")


def reason_code_problems(rule_file: RuleFile, pointer: str = "reasons") -> list[RuleError]:
    """Return every problem of the reason list at ``pointer`` in ``rule_file`` (empty when sound)."""
    checker = RuleChecker(rule_file)
    collect_reason_codes(checker, rule_file.data, pointer)
    return checker.problems


def load_reason_codes(rule_file: RuleFile, pointer: str = "reasons") -> dict[str, ReasonCode]:
    """Load the reason codes at ``pointer`` in ``rule_file``, keyed by code, in file order.

    Raises:
        RuleError: the first problem found, naming its key path and line.
    """
    checker = RuleChecker(rule_file)
    reasons = collect_reason_codes(checker, rule_file.data, pointer)
    if checker.problems:
        raise checker.problems[0]
    return reasons


def collect_reason_codes(checker: RuleChecker, document: Any, pointer: str) -> dict[str, ReasonCode]:
    """Check and build the reason list found at ``pointer`` (a top-level key) of ``document``."""
    entries = document.get(pointer) if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        checker.report(
            pointer,
            tr("SeatRules", "应为非空数组，每项一个原因：code、label_zh、label_en、selectable、max_minutes"),
        )
        return {}
    reasons: dict[str, ReasonCode] = {}
    first_index: dict[str, int] = {}
    for index, entry in enumerate(entries):
        here = child_pointer(pointer, index)
        item = checker.object(
            here, entry, required=("code", "label_zh", "label_en", "selectable"), optional=("max_minutes",)
        )
        if item is None:
            continue
        code = item.get("code")
        code_ok = isinstance(code, str) and _CODE_PATTERN.fullmatch(code) is not None
        if "code" in item and not code_ok:
            checker.report(
                child_pointer(here, "code"),
                tr("SeatRules", "代码只能用小写英文字母、数字和下划线，以字母开头，最多 32 个字符"),
            )
        # A missing key was already reported by ``checker.object``; check only what is there.
        label_zh = (
            checker.text(child_pointer(here, "label_zh"), item["label_zh"]) if "label_zh" in item else None
        )
        label_en = (
            checker.text(child_pointer(here, "label_en"), item["label_en"]) if "label_en" in item else None
        )
        selectable = (
            checker.boolean(child_pointer(here, "selectable"), item["selectable"])
            if "selectable" in item
            else None
        )
        max_minutes: int | None = None
        if item.get("max_minutes") is not None:
            max_minutes = checker.integer(
                child_pointer(here, "max_minutes"), item["max_minutes"], 1, MAX_AWAY_MINUTES
            )
        if not isinstance(code, str) or not code_ok:
            continue
        if code in first_index:
            checker.report(
                child_pointer(here, "code"),
                tr("SeatRules", "代码“{code}”重复，第一次出现在 {first}").format(
                    code=code, first=child_pointer(pointer, first_index[code])
                ),
            )
            continue
        first_index[code] = index
        if code in SystemReason.__members__ and selectable:
            checker.report(
                child_pointer(here, "selectable"),
                tr("SeatRules", "“{code}”是系统原因，由系统设置，座席不能选择：selectable 应为 false").format(
                    code=code
                ),
            )
        if label_zh is None or label_en is None or selectable is None:
            continue
        reasons[code] = ReasonCode(code, label_zh, label_en, selectable, max_minutes)
    missing = [code.value for code in SystemReason if code.value not in first_index]
    if missing:
        checker.report(
            pointer,
            tr("SeatRules", "缺少系统原因：{missing}；系统原因必须齐全：{required}").format(
                missing=join_list(missing), required=join_list(code.value for code in SystemReason)
            ),
        )
    if reasons and not any(reason.selectable for reason in reasons.values()):
        checker.report(pointer, tr("SeatRules", "至少需要一个座席可选的原因（selectable 为 true）"))
    return reasons
