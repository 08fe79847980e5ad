"""Fixtures for the seat state machine tests: the shipped rules and reachable seats in every state."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest
from seat_testkit import CALL, TARGET, TO_READY, TO_TALKING, Step, Walk, walk_from

from seatclient.rules import RuleBook
from seatclient.seat import (
    CallOffered,
    HangUp,
    Hold,
    OrderSaved,
    SeatRules,
    SeatSnapshot,
    SignIn,
    StartConference,
    StartConsult,
    load_default_rules,
)


@pytest.fixture(scope="session")
def rules() -> SeatRules:
    """The shipped seat rules as a hall runs them: the order required before wrap-up ends.

    60 s wrap-up, one 60 s extension, early exit allowed, sign in to away. The shipped file leaves
    ``order_required`` off for training until the intake form reports saved orders; the machine's
    protections are tested with it on, and ``lenient_rules`` covers it off.
    """
    shipped = load_default_rules(RuleBook())
    return replace(shipped, wrap_up=replace(shipped.wrap_up, order_required=True))


@pytest.fixture(scope="session")
def lenient_rules(rules: SeatRules) -> SeatRules:
    """The rules with the order not required (the training default until the form is wired)."""
    return replace(rules, wrap_up=replace(rules.wrap_up, order_required=False))


@pytest.fixture(scope="session")
def strict_rules(rules: SeatRules) -> SeatRules:
    """The shipped rules in “no early exit” mode."""
    return replace(rules, wrap_up=replace(rules.wrap_up, no_early_exit=True))


@pytest.fixture(scope="session")
def walk(rules: SeatRules) -> Walk:
    """Return ``walk(steps)`` that drives a fresh seat with the shipped rules at T0."""

    def run(steps: Sequence[Step]) -> SeatSnapshot:
        return walk_from(rules, steps)

    return run


@pytest.fixture(scope="session")
def seats(walk: Walk) -> dict[str, SeatSnapshot]:
    """One reachable seat per state (wrap-up twice: order unsaved and saved), built through the machine."""
    return {
        "signed_out": walk([]),
        "away": walk([SignIn()]),
        "ready": walk(TO_READY),
        "ringing": walk([*TO_READY, CallOffered(CALL)]),
        "talking": walk(TO_TALKING),
        "held": walk([*TO_TALKING, Hold()]),
        "consulting": walk([*TO_TALKING, StartConsult(TARGET)]),
        "conference": walk([*TO_TALKING, StartConsult(TARGET), StartConference()]),
        "wrap_up": walk([*TO_TALKING, HangUp()]),
        "wrap_up_saved": walk([*TO_TALKING, HangUp(), OrderSaved(CALL)]),
    }
