"""Rules added for call handling: the order requirement, the ring counter, the wire form, the training callers."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from seat_testkit import CALL, T0, TO_TALKING, Walk, seconds, walk_from

from seatclient.api.models import SeatStatus
from seatclient.mock.callers import load_default_callers, training_caller_problems
from seatclient.rules import load_rule_file
from seatclient.seat import (
    Accepted,
    AnnounceStateChange,
    CloseContact,
    EndWrapUp,
    ForcedState,
    HangUp,
    PendingNext,
    Refused,
    SeatRules,
    SeatState,
    SetPending,
    WrapUpExpired,
    apply_fact_with_effects,
    decide,
    seat_rules_problems,
)

SHIPPED = Path(__file__).resolve().parents[3] / "resources" / "rules" / "seat_rules.json"


def test_without_the_order_requirement_wrap_up_ends_early_and_on_its_timer(lenient_rules: SeatRules) -> None:
    wrap_up = walk_from(lenient_rules, [*TO_TALKING, HangUp()])
    ended = decide(wrap_up, EndWrapUp(), T0 + seconds(5), lenient_rules)
    assert isinstance(ended, Accepted) and ended.snapshot.state is SeatState.READY
    expired = apply_fact_with_effects(wrap_up, WrapUpExpired(CALL), T0 + seconds(60), lenient_rules)
    assert expired.snapshot.state is SeatState.READY
    assert CloseContact(CALL, False) in expired.effects
    assert isinstance(expired.effects[-1], AnnounceStateChange)


def test_without_the_order_requirement_a_booked_state_still_applies_on_expiry(
    lenient_rules: SeatRules,
) -> None:
    booked = walk_from(lenient_rules, [*TO_TALKING, SetPending(PendingNext.go_away("meal")), HangUp()])
    expired = apply_fact_with_effects(booked, WrapUpExpired(CALL), T0 + seconds(61), lenient_rules)
    assert (expired.snapshot.state, expired.snapshot.reason) == (SeatState.AWAY, "meal")


def test_without_the_order_requirement_a_team_leader_ends_the_wrap_up_at_once(
    lenient_rules: SeatRules,
) -> None:
    wrap_up = walk_from(lenient_rules, [*TO_TALKING, HangUp()])
    forced = apply_fact_with_effects(wrap_up, ForcedState(SeatState.AWAY, None, "周静"), T0, lenient_rules)
    assert (forced.snapshot.state, forced.snapshot.reason, forced.snapshot.forced_by) == (
        SeatState.AWAY,
        "forced",
        "周静",
    )


def test_with_the_order_requirement_the_message_names_the_order(walk: Walk, rules: SeatRules) -> None:
    wrap_up = walk([*TO_TALKING, HangUp()])
    refused = decide(wrap_up, EndWrapUp(), T0, rules)
    assert isinstance(refused, Refused)
    assert refused.code.value == "order_not_saved"
    assert refused.message.startswith("工单尚未保存，话后整理不能结束")


@pytest.mark.parametrize(("elapsed", "ring"), [(0, 1), (4.9, 1), (5, 2), (14.9, 3), (15, 4), (31, 7)])
def test_the_ring_counter_counts_ring_periods(rules: SeatRules, elapsed: float, ring: int) -> None:
    assert rules.ring_count(timedelta(seconds=elapsed)) == ring


def document() -> dict[str, Any]:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def problems(tmp_path: Path, changed: dict[str, Any]) -> list[str]:
    path = tmp_path / "seat_rules.json"
    path.write_text(json.dumps(changed, ensure_ascii=False, indent=2), encoding="utf-8")
    return [f"{error.pointer}: {error.problem}" for error in seat_rules_problems(load_rule_file(path))]


def test_ring_counter_and_order_keys_are_checked(tmp_path: Path) -> None:
    bad = document()
    bad["ring_period_seconds"] = 0
    bad["answer_within_rings"] = "three"
    bad["wrap_up"]["order_required"] = "yes"
    assert problems(tmp_path, bad) == [
        "ring_period_seconds: 应为 1 到 30 之间的整数，现为 0",
        'answer_within_rings: 应为 1 到 10 之间的整数，现为 "three"',
        'wrap_up/order_required: 应为 true 或 false，现为 "yes"',
    ]
    optional = document()
    for key in ("ring_period_seconds", "answer_within_rings"):
        del optional[key]
    del optional["wrap_up"]["order_required"]
    assert problems(tmp_path, optional) == []


def test_the_wire_status_round_trips_a_snapshot(walk: Walk) -> None:
    booked = walk([*TO_TALKING, SetPending(PendingNext.go_away("break", None)), HangUp()])
    status = SeatStatus.from_snapshot("1001", "A01", booked, revision=7)
    assert status.pending_next is not None and status.pending_next.reason_code == "break"
    assert status.wrap_up_deadline == T0 + seconds(60)
    again = SeatStatus.model_validate_json(status.model_dump_json())
    assert again.to_snapshot() == booked
    assert again.revision == 7


def test_the_training_callers_load_and_are_checked(tmp_path: Path) -> None:
    callers = load_default_callers()
    assert len(callers) >= 12
    assert {caller.number_kind for caller in callers} == {"mobile", "landline", "withheld"}
    assert all(caller.number == "" for caller in callers if caller.withheld)
    path = tmp_path / "training_callers.json"
    path.write_text(
        json.dumps(
            {
                "callers": [
                    {
                        "name": "测",
                        "number_kind": "mobile",
                        "number": "0571-1",
                        "district": "西湖区",
                        "address": "",
                        "queue": "12345",
                        "ivr_note": "按 1",
                        "request_type": "闲聊",
                        "topic": "问一下",
                    }
                ]
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    found = [(error.pointer, error.line) for error in training_caller_problems(load_rule_file(path))]
    assert found == [("callers/0/request_type", 1), ("callers/0/number", 1)]
