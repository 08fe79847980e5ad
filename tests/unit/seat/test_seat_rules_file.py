"""Loading and checking seat_rules.json: the shipped file, and errors that name key path and line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from seatclient.rules import RuleBook, RuleError, load_rule_file
from seatclient.seat import (
    ReasonCode,
    SeatState,
    WrapUpPolicy,
    load_default_rules,
    load_seat_rules,
    seat_rules_problems,
)
from seatclient.seat.states import load_reason_codes
from seatclient.seat.wrapup import load_wrap_up_policy

SHIPPED = Path(__file__).resolve().parents[3] / "resources" / "rules" / "seat_rules.json"


def shipped_document() -> dict[str, Any]:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "seat_rules.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def problems_of(tmp_path: Path, document: Any) -> list[RuleError]:
    return seat_rules_problems(load_rule_file(write(tmp_path, document)))


def test_the_shipped_rules_load() -> None:
    rules = load_default_rules(RuleBook())
    assert [reason.label_zh for reason in rules.selectable_reasons()] == [
        "小休",
        "用餐",
        "培训",
        "会议",
        "如厕",
        "学习",
    ]
    assert rules.reasons["break"] == ReasonCode("break", "小休", "Short break", True, 15)
    assert rules.reasons["meal"].max_minutes == 45
    assert rules.reasons["restroom"].max_minutes == 10
    assert rules.reasons["training"].max_duration is None
    assert rules.reasons["ring_no_answer"].label("en") == "Ring not answered"
    assert not rules.reasons["forced"].selectable
    assert rules.wrap_up == WrapUpPolicy(
        60, 60, extension_allowed=True, no_early_exit=False, order_required=True
    )
    assert rules.sign_in_state is SeatState.AWAY
    assert rules.ring_timeout_seconds == 15
    assert (rules.ring_period_seconds, rules.answer_within_rings) == (5, 3)
    assert rules.answer_target.total_seconds() == 15
    assert rules.version == "2026-01-01"
    assert rules.reason_label("no_such_code") == "no_such_code"


def test_the_shipped_file_is_two_space_indented_utf8() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    assert '\n  "reasons": [\n    {"code": "break"' in text
    assert seat_rules_problems(load_rule_file(SHIPPED)) == []


def test_a_hand_written_file_reports_key_and_line(tmp_path: Path) -> None:
    text = """{
  "sign_in_state": "away",
  "ring_timeout_seconds": 15,
  "reasons": [
    {"code": "break", "label_zh": "小休", "label_en": "Break", "selectable": true},
    {"code": "after_sign_in", "label_zh": "签入未就绪", "label_en": "Not ready", "selectable": false},
    {"code": "ring_no_answer", "label_zh": "振铃未接", "label_en": "No answer", "selectable": false},
    {"code": "forced", "label_zh": "班长强制", "label_en": "Forced", "selectable": true},
    {"code": "connection_lost", "label_zh": "连接中断", "label_en": "Lost", "selectable": false},
    {"code": "wrap_up_overrun", "label_zh": "超时", "label_en": "Overrun", "selectable": false}
  ],
  "wrap_up": {
    "duration_seconds": 60,
    "extension_allowed": false,
    "no_early_exit": "no"
  }
}
"""
    path = tmp_path / "seat_rules.json"
    path.write_text(text, encoding="utf-8")
    rule_file = load_rule_file(path)
    problems = seat_rules_problems(rule_file)
    assert [(problem.pointer, problem.line) for problem in problems] == [
        ("reasons/3/selectable", 8),
        ("wrap_up/no_early_exit", 15),
    ]
    assert problems[0].describe() == (
        f"{path}:8: reasons/3/selectable: “forced”是系统原因，由系统设置，座席不能选择：selectable 应为 false"
    )
    assert problems[1].problem == '应为 true 或 false，现为 "no"'
    with pytest.raises(RuleError) as raised:
        load_seat_rules(rule_file)
    assert raised.value.pointer == "reasons/3/selectable"


def _last_line_with(path: Path, needle: str) -> int:
    numbers = [
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if needle in line
    ]
    assert numbers, needle
    return numbers[-1]


@pytest.mark.parametrize(
    ("change", "pointer", "needle", "words"),
    [
        (lambda d: d["reasons"][3].__setitem__("max_minutes", 0), "reasons/3/max_minutes", '"max_minutes": 0', "1 到 1440"),
        (lambda d: d["reasons"][0].__setitem__("code", "Break"), "reasons/0/code", '"code": "Break"', "小写英文字母"),
        (lambda d: d["reasons"][4].__setitem__("code", "break"), "reasons/4/code", '"code": "break"', "第一次出现在 reasons/0"),
        (lambda d: d["reasons"][1].__setitem__("label_zh", " "), "reasons/1/label_zh", '"label_zh": " "', "非空文字"),
        (lambda d: d["reasons"][2].__setitem__("selectable", "yes"), "reasons/2/selectable", '"selectable": "yes"', "true 或 false"),
        (lambda d: d["reasons"][2].__setitem__("colour", "red"), "reasons/2/colour", '"colour"', "未知的键“colour”"),
        (lambda d: d["reasons"][2].pop("label_en"), "reasons/2", None, "缺少必填的键“label_en”"),
        (lambda d: d["reasons"].pop(8), "reasons", '"reasons"', "缺少系统原因：forced；"),
        (lambda d: d["wrap_up"].__setitem__("duration_seconds", "60"), "wrap_up/duration_seconds", '"duration_seconds"', "5 到 3600"),
        (lambda d: d["wrap_up"].__setitem__("duration_seconds", 3), "wrap_up/duration_seconds", '"duration_seconds"', "现为 3"),
        (lambda d: d["wrap_up"].pop("extension_seconds"), "wrap_up", '"wrap_up"', "必须写明 extension_seconds"),
        (lambda d: d.__setitem__("sign_in_state", "busy"), "sign_in_state", '"sign_in_state"', '"away"、"ready"'),
        (lambda d: d.__setitem__("ring_timeout_seconds", 500), "ring_timeout_seconds", '"ring_timeout_seconds"', "5 到 120"),
        (lambda d: d.__setitem__("wrapup", {}), "wrapup", '"wrapup"', "允许的键：sign_in_state"),
        (lambda d: d.pop("wrap_up"), "", None, "缺少必填的键“wrap_up”"),
        (lambda d: d["wrap_up"].pop("duration_seconds"), "wrap_up", '"wrap_up"', "缺少必填的键“duration_seconds”"),
        (lambda d: d.pop("sign_in_state"), "", None, "缺少必填的键“sign_in_state”"),
        (lambda d: d.__setitem__("reasons", []), "reasons", '"reasons"', "非空数组"),
    ],
)  # fmt: skip
def test_each_mistake_is_reported_at_its_key_and_line(
    tmp_path: Path, change: Any, pointer: str, needle: str | None, words: str
) -> None:
    document = shipped_document()
    change(document)
    path = write(tmp_path, document)
    problems = seat_rules_problems(load_rule_file(path))
    assert len(problems) == 1, [problem.describe() for problem in problems]
    problem = problems[0]
    assert problem.pointer == pointer
    assert words in problem.problem
    if needle is not None:
        assert problem.line == _last_line_with(path, needle)
    assert problem.source == str(path)


def test_no_selectable_reason_at_all_is_an_error(tmp_path: Path) -> None:
    document = shipped_document()
    document["reasons"] = [reason for reason in document["reasons"] if not reason["selectable"]]
    problems = problems_of(tmp_path, document)
    assert [problem.problem for problem in problems] == ["至少需要一个座席可选的原因（selectable 为 true）"]


def test_every_problem_is_listed_in_one_pass(tmp_path: Path) -> None:
    document = shipped_document()
    document["reasons"][0]["max_minutes"] = -1
    document["wrap_up"]["no_early_exit"] = 1
    document["ring_timeout_seconds"] = True
    pointers = [problem.pointer for problem in problems_of(tmp_path, document)]
    assert pointers == ["ring_timeout_seconds", "reasons/0/max_minutes", "wrap_up/no_early_exit"]


def test_a_document_that_is_not_an_object(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, ["reasons"])
    assert [(problem.pointer, problem.line) for problem in problems] == [("", 1)]
    assert "应为对象" in problems[0].problem


def test_the_config_bundle_replaces_the_file_and_is_checked_too() -> None:
    book = RuleBook()
    document = shipped_document()
    document["wrap_up"]["no_early_exit"] = True
    book.apply_bundle("2026-11-01", {"seat_rules": document})
    assert load_default_rules(book).wrap_up.no_early_exit
    document["wrap_up"]["duration_seconds"] = 0
    book.apply_bundle("2026-11-02", {"seat_rules": document})
    with pytest.raises(RuleError) as raised:
        load_default_rules(book)
    assert raised.value.pointer == "wrap_up/duration_seconds"
    # A bundle arrives as data: its lines are those of the document written with a 2-space indent.
    written = json.dumps(document, ensure_ascii=False, indent=2).split("\n")
    assert raised.value.line == 1 + next(
        i for i, text in enumerate(written) if '"duration_seconds": 0' in text
    )
    assert "配置包 2026-11-02" in raised.value.source


def test_sections_load_on_their_own() -> None:
    rule_file = load_rule_file(SHIPPED)
    assert list(load_reason_codes(rule_file))[:2] == ["break", "meal"]
    assert load_wrap_up_policy(rule_file).extension_seconds == 60
