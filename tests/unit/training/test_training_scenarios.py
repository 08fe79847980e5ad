"""Training scenarios: every shipped file loads, together they cover the standard, broken files are named."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from seatclient.compliance.scripts import EmergencyLine, NotAcceptedReason
from seatclient.rules import RuleError, load_rule_file
from seatclient.training.scenarios import (
    AppendixDKind,
    CallerManner,
    Disposition,
    FactKind,
    Scenario,
    ScenarioReferences,
    Trap,
    check_scenarios,
    coverage_report,
    default_scenario_dir,
    load_scenario,
    load_scenarios,
    scenario_files,
    validate_scenario,
)

SHIPPED = scenario_files()

APPENDIX_E_CLASSES = [
    "农业农村",
    "自然资源",
    "城乡建设",
    "劳动和社会保障",
    "卫生健康",
    "教育",
    "经济管理",
    "市场监管",
    "交通运输",
    "民政与应急",
    "政法",
    "军队事务",
    "文体旅游",
    "科技与信息产业",
    "生态环境",
    "党务政务",
    "组织人事",
    "纪检监察",
    "其他",
]

# Table D.1: the example rows of 特急件 and 紧急件, and the two classes without rows.
APPENDIX_D_KINDS = [
    "extra_urgent/扬言、聚集",
    "extra_urgent/自然灾害",
    "extra_urgent/公共事务",
    "extra_urgent/重特大事故",
    "extra_urgent/民生事务求助",
    "urgent/公共事务",
    "urgent/民生事务求助",
    "routine",
    "difficult",
]


@pytest.fixture(scope="module")
def refs() -> ScenarioReferences:
    return ScenarioReferences.load()


@pytest.fixture(scope="module")
def scenarios(refs: ScenarioReferences) -> list[Scenario]:
    return load_scenarios(references=refs)


def _by_id(scenarios: list[Scenario], scenario_id: str) -> Scenario:
    return next(scenario for scenario in scenarios if scenario.id == scenario_id)


# --- the shipped files ----------------------------------------------------------------------------


def test_at_least_thirty_scenarios_ship() -> None:
    assert len(SHIPPED) >= 30
    assert all(path.parent == default_scenario_dir() for path in SHIPPED)


@pytest.mark.parametrize("path", SHIPPED, ids=[path.stem for path in SHIPPED])
def test_every_shipped_scenario_loads(path: Path, refs: ScenarioReferences) -> None:
    rule_file = load_rule_file(path)
    assert validate_scenario(rule_file, refs) == []
    scenario = load_scenario(rule_file, refs)
    assert scenario.id == path.stem
    assert scenario.title
    if scenario.caller.manner is not CallerManner.SILENT:
        assert scenario.lines, "a speaking caller must say something"
    # Shipped files are written the way hall staff read them: UTF-8, 2-space indent, real characters.
    text = path.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_shipped_folder_has_no_problems(refs: ScenarioReferences) -> None:
    assert check_scenarios(references=refs) == []


def test_coverage_is_complete(scenarios: list[Scenario], refs: ScenarioReferences) -> None:
    report = coverage_report(scenarios, refs)
    assert [entry.key for entry in report.topic_classes] == APPENDIX_E_CLASSES
    assert all(entry.covered for entry in report.topic_classes), report.missing()
    assert {entry.key for entry in report.dispositions} == {d.value for d in Disposition}
    assert all(entry.covered for entry in report.dispositions), report.missing()
    assert [entry.key for entry in report.appendix_d_kinds] == APPENDIX_D_KINDS
    assert all(entry.covered for entry in report.appendix_d_kinds), report.missing()
    assert all(entry.covered for entry in report.traps), report.missing()
    assert all(entry.covered for entry in report.emergency_lines), report.missing()
    assert all(entry.covered for entry in report.manners), report.missing()
    assert report.complete
    assert set(report.missing()) <= {"not_accepted_reasons"}


def test_the_traps_the_standard_cares_about_are_where_expected(scenarios: list[Scenario]) -> None:
    gas = _by_id(scenarios, "gas-smell-stairwell")
    assert Trap.HIDDEN_EMERGENCY in gas.traps
    assert gas.expected.disposition is Disposition.EMERGENCY_TRANSFER
    assert gas.expected.emergency_line is EmergencyLine.FIRE

    secret = _by_id(scenarios, "rooftop-illegal-building")
    assert secret.expected.confidential and Trap.CONFIDENTIALITY in secret.traps

    repeat = _by_id(scenarios, "repeat-parking-same-complaint")
    assert repeat.expected.not_accepted_reason is NotAcceptedReason.REPEAT_MATTER
    assert repeat.expected.linked_order == repeat.history[0].number == "HZ20260227000266"
    assert repeat.history[0].status == "办理中"

    court = _by_id(scenarios, "court-judgment-unenforced")
    assert court.expected.not_accepted_reason is NotAcceptedReason.LEGISLATURE_COURTS_PROCURATORATES
    military = _by_id(scenarios, "military-range-noise")
    assert military.expected.not_accepted_reason is NotAcceptedReason.MILITARY

    silent = _by_id(scenarios, "silent-line")
    assert silent.lines == () and not silent.expected.order_expected
    assert silent.expected.scripts == ("silent_line-1", "silent_line-2", "silent_line-3")

    abusive = _by_id(scenarios, "abusive-garbage-uncollected")
    assert abusive.caller.manner is CallerManner.ABUSIVE
    assert "abusive_caller-1" in abusive.expected.scripts

    knowledge = _by_id(scenarios, "housing-fund-rent")
    assert knowledge.expected.disposition is Disposition.DIRECT_ANSWER
    assert knowledge.expected.knowledge_articles == ("HZKB-0001",)


def test_a_scenario_reads_as_written(scenarios: list[Scenario]) -> None:
    manhole = _by_id(scenarios, "manhole-cover-missing")
    assert manhole.caller.name == "陈志强"
    assert manhole.caller.callback_number == "18868100937"
    assert manhole.caller.accepted_names() == ("陈志强", "陈先生")
    assert manhole.abandon_after_seconds == 35
    assert manhole.expected.units == ("yuhang-law-enforcement",)
    assert dict(manhole.expected.time_limits) == {"ZJ-2025": "quick", "HZ-2020": "extra_urgent"}
    assert manhole.expected.appendix_d_kind == AppendixDKind("extra_urgent", "重特大事故")
    assert manhole.expected.facts[FactKind.WHERE] == ("五常大道", "联胜路")

    withheld = _by_id(scenarios, "night-piling-withheld")
    assert withheld.caller.withheld and withheld.caller.callback_number is None
    assert withheld.caller.name is None and withheld.caller.accepted_names() == ()


def test_lines_play_once_across_ticks(scenarios: list[Scenario]) -> None:
    gas = _by_id(scenarios, "gas-smell-stairwell")
    played = [line.at_seconds for start in range(0, 40, 3) for line in gas.lines_between(start, start + 3)]
    assert played == [2, 12, 24]
    assert [line.at_seconds for line in gas.lines_between(2, 12)] == [2]
    assert gas.lines_between(25, 60) == ()


def test_caller_answers_by_keyword(scenarios: list[Scenario]) -> None:
    gas = _by_id(scenarios, "gas-smell-stairwell")
    answer = gas.reply_to("请问具体地址在哪里？")
    assert answer is not None and answer.text.startswith("拱墅区米市巷街道夹城巷小区")
    safety = gas.reply_to("请您不要开关电器，马上开窗")
    assert safety is not None and "不碰开关" in safety.text
    assert gas.reply_to("好的") is None


# --- broken files ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (default_scenario_dir() / "rooftop-illegal-building.json").read_text(encoding="utf-8")
    )
    return data


def _write(folder: Path, document: dict[str, Any], name: str = "rooftop-illegal-building") -> Path:
    path = folder / f"{name}.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def _only_error(path: Path, refs: ScenarioReferences) -> RuleError:
    problems = validate_scenario(load_rule_file(path), refs)
    assert len(problems) == 1, [problem.describe() for problem in problems]
    with pytest.raises(RuleError) as raised:
        load_scenario(load_rule_file(path), refs)
    assert raised.value.describe() == problems[0].describe()
    return problems[0]


def test_hand_written_file_names_file_key_and_line(tmp_path: Path, refs: ScenarioReferences) -> None:
    # Line 11 holds the bad item; the line numbers below are counted by hand.
    text = """{
  "id": "tiny",
  "title": "小场景",
  "difficulty": "easy",
  "caller": {"name": "王芳", "title": "女士", "number": "13957100421", "district": "西湖区", "manner": "calm"},
  "abandon_after_seconds": 30,
  "lines": [{"at": 1, "text": "你好，我想问个事。"}],
  "expected": {
    "disposition": "direct_answer",
    "request_type": "enquiry",
    "topic": {"class": "教育",
              "item": "入学报名"},
    "confidential": false,
    "facts": {"what": ["入学"], "ask": ["咨询"]},
    "answer_points": [["浙里办"]]
  }
}
"""
    path = tmp_path / "tiny.json"
    path.write_text(text, encoding="utf-8")
    error = _only_error(path, refs)
    assert error.source == str(path)
    assert error.pointer == "expected/topic/item"
    assert error.line == 12
    assert error.describe().startswith(
        f"{path}:12: expected/topic/item: “入学报名”不是“教育”的二级条目，可用：教育体制、"
    )


@pytest.mark.parametrize(
    ("change", "pointer", "needle", "problem"),
    [
        (
            lambda d: d["expected"]["topic"].update({"class": "城建"}),
            "expected/topic/class",
            '"class": "城建"',
            "业务主题一级类别“城建”不在 taxonomy.json 中，可用：农业农村、",
        ),
        (
            lambda d: d["expected"]["place"].update({"street": "文新街道x"}),
            "expected/place/street",
            '"street": "文新街道x"',
            "“文新街道x”不是西湖区的街道（镇、乡），可用：北山街道、",
        ),
        (
            lambda d: d["caller"].update({"district": "江干区"}),
            "caller/district",
            '"district": "江干区"',
            "区县（市）“江干区”不在 places.json 中，可用：上城区、",
        ),
        (
            lambda d: d["expected"].update({"units": ["xihu-law-enforcement", "xihu-urban-management"]}),
            "expected/units/1",
            '"xihu-urban-management"',
            "承办单位“xihu-urban-management”不在 units.json 中",
        ),
        (
            lambda d: d["expected"].update({"units": ["binjiang-law-enforcement"]}),
            "expected/units/0",
            '"binjiang-law-enforcement"',
            "承办单位“滨江区综合行政执法局”属于滨江区，与事项所在地西湖区不符",
        ),
        (
            lambda d: d["expected"]["time_limit"].update({"HZ-2020": "slow"}),
            "expected/time_limit/HZ-2020",
            '"HZ-2020": "slow"',
            "“slow”不是政策 HZ-2020 的类别，可用：extra_urgent、urgent、routine、difficult",
        ),
        (
            lambda d: d["expected"].update({"request_type": "complaint"}),
            "expected/request_type",
            '"request_type": "complaint"',
            "诉求分类“complaint”不是受理工单的选项，允许：enquiry、help、complaint_report、suggestion",
        ),
        (
            lambda d: d["expected"].update({"disposition": "transfer"}),
            "expected/disposition",
            '"disposition": "transfer"',
            "“transfer”不是允许的值，允许：direct_answer、dispatch、dispatch_extra_urgent、not_accepted、"
            "emergency_transfer、link_existing",
        ),
        (
            lambda d: d["expected"].update({"scripts": ["calm_down"]}),
            "expected/scripts/0",
            '"calm_down"',
            "话术“calm_down”不在 scripts.json 中，可用：",
        ),
        (
            lambda d: d["expected"].update({"emergency_line": "119"}),
            "expected/emergency_line",
            '"emergency_line": "119"',
            "只有转接紧急热线才写 emergency_line",
        ),
        (
            lambda d: d["expected"]["time_limit"].update({"HZ-2020": "urgent"}),
            "expected/time_limit",
            '"time_limit": {',
            "紧急件须在 appendix_d 中写明附录 D 的事项辨识，可用：公共事务、民生事务求助",
        ),
        (
            lambda d: d["expected"].update({"confidential": False}),
            "traps/0",
            '"confidentiality"',
            "要求保密的场景，expected/confidential 应为 true",
        ),
        (
            lambda d: d["lines"][1].update({"at": 1}),
            "lines/1/at",
            '"at": 1,',
            "台词时间应按先后排列：1 秒早于上一句的 2 秒",
        ),
        (
            lambda d: d["caller"].update({"number": "12345"}),
            "caller/number",
            '"number": "12345"',
            "“12345”不是有效的手机号或带区号的固定电话",
        ),
        (
            lambda d: d["caller"].update({"mood": "calm"}),
            "caller/mood",
            '"mood": "calm"',
            "不认识的键“mood”，允许的键：name、title、number、district、manner、contact_number、address",
        ),
    ],
    ids=[
        "topic-class",
        "street",
        "caller-district",
        "unknown-unit",
        "unit-elsewhere",
        "time-class",
        "request-type",
        "disposition",
        "script",
        "line-without-transfer",
        "appendix-d-missing",
        "trap-inconsistent",
        "lines-order",
        "phone",
        "unknown-key",
    ],
)
def test_broken_scenario_names_file_pointer_and_line(
    tmp_path: Path,
    refs: ScenarioReferences,
    base_document: dict[str, Any],
    change: Any,
    pointer: str,
    needle: str,
    problem: str,
) -> None:
    document = copy.deepcopy(base_document)
    change(document)
    path = _write(tmp_path, document)
    error = _only_error(path, refs)
    assert error.source == str(path)
    assert error.pointer == pointer
    assert error.line == _line_of(path, needle)
    assert error.problem.startswith(problem), error.problem


def test_id_must_match_file_name(
    tmp_path: Path, refs: ScenarioReferences, base_document: dict[str, Any]
) -> None:
    path = _write(tmp_path, base_document, name="rooftop-2")
    error = _only_error(path, refs)
    assert (error.pointer, error.line) == ("id", 2)
    assert error.problem == "场景编号“rooftop-illegal-building”应与文件名“rooftop-2.json”一致"


def test_bad_json_names_the_line(tmp_path: Path, refs: ScenarioReferences) -> None:
    path = tmp_path / "broken.json"
    path.write_text(
        '{\n  "id": "broken",\n  "title": "坏文件"\n  "difficulty": "easy"\n}\n', encoding="utf-8"
    )
    problems = check_scenarios(tmp_path, refs)
    assert len(problems) == 1
    assert problems[0].source == str(path)
    assert problems[0].line == 4
    assert problems[0].problem.startswith("不是合法的 JSON")


def test_dispatch_needs_units_and_time_limit(
    tmp_path: Path, refs: ScenarioReferences, base_document: dict[str, Any]
) -> None:
    document = copy.deepcopy(base_document)
    del document["expected"]["units"]
    del document["expected"]["time_limit"]
    path = _write(tmp_path, document)
    problems = validate_scenario(load_rule_file(path), refs)
    assert [(problem.pointer, problem.line, problem.problem) for problem in problems] == [
        ("expected", _line_of(path, '"expected": {'), "处置方式为“派单”时须写 units（可接受的承办单位）"),
        ("expected", _line_of(path, '"expected": {'), "处置方式为“派单”时须写 time_limit（办理时限类别）"),
    ]
