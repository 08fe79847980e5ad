"""Wrap-up (话后整理) policy from the rule file, and the wrap-up countdown computed from server time.

Every time here is the backend's: the deadline is stamped by the server, and the caller passes the
server's "now" (``seatclient.clock.ServerClock`` estimates it from the last server timestamp plus a
monotonic clock), so a client whose wall clock is wrong, or is changed by the user or NTP, still
counts down correctly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from seatclient.i18n import tr
from seatclient.rules import RuleError, RuleFile
from seatclient.seat._checks import RuleChecker, child_pointer
from seatclient.seat.states import SeatSnapshot, SeatState

MIN_WRAP_UP_SECONDS = 5
MAX_WRAP_UP_SECONDS = 3600


@dataclass(frozen=True)
class WrapUpPolicy:
    """How long wrap-up lasts and how an agent may shorten or lengthen it.

    Attributes:
        duration_seconds: the wrap-up time after each call, e.g. 60.
        extension_seconds: how much one extension adds; 0 when extension is not allowed.
        extension_allowed: whether an agent may extend a wrap-up, once per call.
        no_early_exit: whether an agent must wait for the deadline before leaving wrap-up
            (“不允许提前结束”).
        order_required: whether the order (工单) must be saved before the wrap-up may end, by the
            agent, by its timer or by a team leader. A hall turns it off only while no intake form
            reports saved orders (the training default until the form is wired).
    """

    duration_seconds: int
    extension_seconds: int
    extension_allowed: bool
    no_early_exit: bool
    order_required: bool = True

    @property
    def duration(self) -> timedelta:
        """The wrap-up time as a ``timedelta``."""
        return timedelta(seconds=self.duration_seconds)

    @property
    def extension(self) -> timedelta:
        """The extension as a ``timedelta``."""
        return timedelta(seconds=self.extension_seconds)

    def deadline_from(self, start: datetime) -> datetime:
        """Return the deadline of a wrap-up that starts at ``start`` (server time)."""
        return start + self.duration

    def extended_deadline(self, deadline: datetime, now: datetime) -> datetime:
        """Return the deadline after one extension granted at ``now``.

        An overrun wrap-up (deadline already past) gets the extension counted from ``now``, so an
        extension always gives the agent real time to finish the order.
        """
        return max(deadline, now) + self.extension


class WrapUpExitBlock(StrEnum):
    """Why an agent may not leave wrap-up yet."""

    order_not_saved = "order_not_saved"
    no_early_exit = "no_early_exit"


def wrap_up_exit_block(snapshot: SeatSnapshot, now: datetime, policy: WrapUpPolicy) -> WrapUpExitBlock | None:
    """Return what keeps the agent in this wrap-up at server time ``now``, or ``None`` if they may leave.

    An unsaved order blocks whenever the policy requires the order: ending the wrap-up would close
    the contact before the notes are written. In “no early exit” mode the deadline blocks too.
    """
    if policy.order_required and not snapshot.order_saved:
        return WrapUpExitBlock.order_not_saved
    deadline = snapshot.wrap_up_deadline
    if policy.no_early_exit and deadline is not None and now < deadline:
        return WrapUpExitBlock.no_early_exit
    return None


@dataclass(frozen=True)
class WrapUpCountdown:
    """What the seat window shows during wrap-up.

    Attributes:
        deadline: when the wrap-up time runs out (server time).
        remaining: time left, never negative.
        overrun: time past the deadline, never negative.
        order_saved: whether the order has been saved.
        can_extend: whether the one extension is still available.
        can_exit: whether ending the wrap-up now would be accepted.
    """

    deadline: datetime
    remaining: timedelta
    overrun: timedelta
    order_saved: bool
    can_extend: bool
    can_exit: bool

    @property
    def remaining_seconds(self) -> int:
        """Whole seconds left, rounded up so “0” is shown only when time is really up."""
        return math.ceil(self.remaining.total_seconds())

    @property
    def overrun_seconds(self) -> int:
        """Whole seconds past the deadline, rounded down."""
        return math.floor(self.overrun.total_seconds())


def wrap_up_countdown(
    snapshot: SeatSnapshot, server_now: datetime, policy: WrapUpPolicy
) -> WrapUpCountdown | None:
    """Return the countdown of the snapshot's wrap-up at ``server_now``, or ``None`` outside wrap-up."""
    deadline = snapshot.wrap_up_deadline
    if snapshot.state is not SeatState.WRAP_UP or deadline is None:
        return None
    left = deadline - server_now
    zero = timedelta(0)
    return WrapUpCountdown(
        deadline=deadline,
        remaining=max(left, zero),
        overrun=max(-left, zero),
        order_saved=snapshot.order_saved,
        can_extend=policy.extension_allowed and not snapshot.wrap_up_extended,
        can_exit=wrap_up_exit_block(snapshot, server_now, policy) is None,
    )


def wrap_up_policy_problems(rule_file: RuleFile, pointer: str = "wrap_up") -> list[RuleError]:
    """Return every problem of the wrap-up section at ``pointer`` of ``rule_file`` (empty when sound)."""
    checker = RuleChecker(rule_file)
    collect_wrap_up_policy(checker, rule_file.data, pointer)
    return checker.problems


def load_wrap_up_policy(rule_file: RuleFile, pointer: str = "wrap_up") -> WrapUpPolicy:
    """Load the wrap-up policy from the section at ``pointer`` (a top-level key) of ``rule_file``.

    Raises:
        RuleError: the first problem found, naming its key path and line.
    """
    checker = RuleChecker(rule_file)
    policy = collect_wrap_up_policy(checker, rule_file.data, pointer)
    if checker.problems or policy is None:
        raise checker.problems[0]
    return policy


def collect_wrap_up_policy(checker: RuleChecker, document: Any, pointer: str) -> WrapUpPolicy | None:
    """Check and build the wrap-up policy found at ``pointer`` of ``document``."""
    section = document.get(pointer) if isinstance(document, dict) else None
    item = checker.object(
        pointer,
        section,
        required=("duration_seconds", "extension_allowed", "no_early_exit"),
        optional=("extension_seconds", "order_required"),
    )
    if item is None:
        return None
    # A missing key was already reported by ``checker.object``; check only what is there.
    duration = (
        checker.integer(
            child_pointer(pointer, "duration_seconds"),
            item["duration_seconds"],
            MIN_WRAP_UP_SECONDS,
            MAX_WRAP_UP_SECONDS,
        )
        if "duration_seconds" in item
        else None
    )
    extension_allowed = (
        checker.boolean(child_pointer(pointer, "extension_allowed"), item["extension_allowed"])
        if "extension_allowed" in item
        else None
    )
    no_early_exit = (
        checker.boolean(child_pointer(pointer, "no_early_exit"), item["no_early_exit"])
        if "no_early_exit" in item
        else None
    )
    order_required: bool | None = True
    if "order_required" in item:
        order_required = checker.boolean(child_pointer(pointer, "order_required"), item["order_required"])
    extension: int | None = 0
    if extension_allowed and "extension_seconds" not in item:
        checker.report(
            pointer,
            tr("SeatRules", "extension_allowed 为 true 时必须写明 extension_seconds（每次延长的秒数）"),
        )
        extension = None
    elif "extension_seconds" in item:
        extension = checker.integer(
            child_pointer(pointer, "extension_seconds"),
            item.get("extension_seconds"),
            MIN_WRAP_UP_SECONDS,
            MAX_WRAP_UP_SECONDS,
        )
    if (
        duration is None
        or extension is None
        or extension_allowed is None
        or no_early_exit is None
        or order_required is None
    ):
        return None
    return WrapUpPolicy(
        duration_seconds=duration,
        extension_seconds=extension if extension_allowed else 0,
        extension_allowed=extension_allowed,
        no_early_exit=no_early_exit,
        order_required=order_required,
    )
