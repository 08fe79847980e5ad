"""The floor plan rule file: loading, board order and validation with pointers and lines."""

from __future__ import annotations

import json

import pytest

from seatclient.floor import (
    FloorArea,
    FloorPlan,
    floor_plan_problems,
    load_default_floor_plan,
    load_floor_plan,
)
from seatclient.floor.plan import natural_key
from seatclient.rules import RuleError
from seatclient.rules.rulebook import parse_rule_text


def plan_file(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def test_the_shipped_plan() -> None:
    plan = load_default_floor_plan()
    ids = list(plan.seat_ids())
    assert len(plan) == len(ids) == 4 * 40 + 8
    assert ids[:3] == ["A01", "A02", "A03"]
    assert ids[40] == "B01"
    assert ids[-1] == "E08"
    assert plan.describe("B10") == "B 区 第 2 排"
    assert plan.describe("Z99") == ""


def test_board_order_puts_unplanned_seats_last_in_natural_order() -> None:
    plan = FloorPlan([FloorArea("front", "前区", "Front", (("C2", "A1"), ("B5",)))])
    seats = ["X10", "B5", "X9", "A1", "C2", "X2", "W1"]
    assert sorted(seats, key=plan.sort_key) == ["C2", "A1", "B5", "W1", "X2", "X9", "X10"]
    position = plan.position("B5")
    assert position is not None and (position.area_index, position.row_index, position.column_index) == (
        0,
        1,
        0,
    )


def test_seats_with_the_same_natural_key_keep_distinct_keys() -> None:
    plan = FloorPlan()
    assert natural_key("A01") == natural_key("A1")
    assert plan.sort_key("A01") != plan.sort_key("A1")


def test_a_plan_refuses_a_seat_twice() -> None:
    with pytest.raises(ValueError):
        FloorPlan([FloorArea("a", "A", "A", (("A01",),)), FloorArea("b", "B", "B", (("A01",),))])


def test_a_duplicate_seat_names_both_places_and_the_line() -> None:
    text = plan_file(
        {
            "version": "1",
            "areas": [
                {"id": "area_a", "label_zh": "A 区", "label_en": "A", "rows": [["A01", "A02"]]},
                {"id": "area_b", "label_zh": "B 区", "label_en": "B", "rows": [["B01", "A02"]]},
            ],
        }
    )
    rule_file = parse_rule_text("floor_plan", text, "floor_plan.json")
    with pytest.raises(RuleError) as caught:
        load_floor_plan(rule_file)
    error = caught.value
    assert error.pointer == "areas/1/rows/0/1"
    assert "areas/0/rows/0/1" in error.problem
    lines = text.splitlines()
    second_a02 = [number for number, line in enumerate(lines, start=1) if line.strip() == '"A02"'][1]
    assert error.line == second_a02


def test_every_problem_is_reported_in_one_pass() -> None:
    text = plan_file(
        {
            "version": "1",
            "colour": "blue",
            "areas": [
                {"id": "Area A", "label_zh": "", "label_en": "A", "rows": [["A 01"], []]},
                {"id": "b", "label_zh": "B", "label_en": "B"},
                {"id": "b", "label_zh": "B", "label_en": "B", "rows": [["B01"]]},
                {"id": "c", "label_zh": "C", "label_en": "C", "rows": [["C1"] * 1 + ["C2"] * 1, "C3"]},
            ],
        }
    )
    problems = floor_plan_problems(parse_rule_text("floor_plan", text, "floor_plan.json"))
    pointers = [problem.pointer for problem in problems]
    assert pointers == [
        "colour",
        "areas/0/id",
        "areas/0/label_zh",
        "areas/0/rows/0/0",
        "areas/0/rows/1",
        "areas/1",
        "areas/2/id",
        "areas/3/rows/1",
    ]
    assert all(problem.line is not None for problem in problems)
    assert "允许的键" in problems[0].problem


def test_a_plan_that_is_not_an_object() -> None:
    problems = floor_plan_problems(parse_rule_text("floor_plan", "[]", "floor_plan.json"))
    assert [problem.pointer for problem in problems] == [""]
