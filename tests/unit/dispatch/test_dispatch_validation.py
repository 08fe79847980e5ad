"""Validation of units.json and dispatch_catalogue.json: every problem names its key and line."""

from __future__ import annotations

import pytest

from seatclient.dispatch import (
    DispatchRule,
    Responsibility,
    Target,
    TargetKind,
    Topic,
    UnitDirectory,
    load_catalogue,
    load_units,
    validate_catalogue,
    validate_units,
)
from seatclient.dispatch.catalogue import DispatchCatalogue, Place
from seatclient.rules import RuleError
from seatclient.rules.rulebook import parse_rule_text

# One unit per line, so units/N sits on line 8 + N.
UNITS = """{
  "city": "杭州市",
  "districts": [
    {"name": "西湖区", "short_name": "西湖"},
    {"name": "桐庐县", "short_name": "桐庐"}
  ],
  "units": [
    {"id": "hz-petition", "name": "杭州市信访局", "short_name": "市信访局", "level": "municipal", "kind": "functional"},
    {"id": "hz-market", "name": "杭州市市场监督管理局", "short_name": "市市场监管局", "level": "municipal", "kind": "functional", "duties": ["食品安全"]},
    {"id": "xihu-government-office", "name": "西湖区人民政府办公室", "short_name": "西湖区政府办", "level": "district", "kind": "territorial", "district": "西湖区"},
    {"id": "xihu-market", "name": "西湖区市场监督管理局", "short_name": "西湖区市场监管局", "level": "district", "kind": "functional", "district": "西湖区", "duties": ["食品安全"], "parent": "hz-market"},
    {"id": "xihu-beishan", "name": "西湖区北山街道办事处", "short_name": "北山街道", "level": "street", "kind": "territorial", "district": "西湖区", "street": "北山街道"},
    {"id": "tonglu-government-office", "name": "桐庐县人民政府办公室", "short_name": "桐庐县政府办", "level": "district", "kind": "territorial", "district": "桐庐县"}
  ]
}
"""

# One rule per line, so rules/N sits on line 13 + N.
CATALOGUE = """{
  "reason_templates": {
    "territorial": "{class}/{matter}，属地{place} → {unit}",
    "functional": "{class}/{matter}，职能部门 → {unit}",
    "keyword_note": "（关键词：{keywords}）",
    "no_place": "未填写区县"
  },
  "fallback": {
    "district": {"target": {"pattern": "{district}人民政府办公室"}, "reason": "兜底{place} → {unit}"},
    "city": {"target": {"unit": "hz-petition"}, "reason": "全市兜底 → {unit}"}
  },
  "rules": [
    {"id": "food-safety", "matter": "食品安全", "topics": [{"class": "市场监管", "item": "食品药品"}], "keywords": ["变质"], "responsibility": "functional", "targets": [{"pattern": "{district}市场监督管理局"}, {"unit": "hz-market"}], "priority": 10},
    {"id": "neighbours", "matter": "邻里纠纷", "topics": [{"class": "政法", "item": "仲裁与调解"}], "responsibility": "territorial", "targets": [{"street_office": true}, {"pattern": "{district}人民政府办公室"}]}
  ]
}
"""

KNOWN_TOPICS = {"市场监管": ["食品药品", "市场秩序", "其他"], "政法": ["仲裁与调解", "其他"]}


def units_from(text: str) -> UnitDirectory:
    return load_units(parse_rule_text("units", text, "units.json"))


def unit_problems(text: str) -> list[RuleError]:
    directory, problems = validate_units(parse_rule_text("units", text, "units.json"))
    assert directory is None
    return problems


def catalogue_problems(
    text: str, units: str = UNITS, known: dict[str, list[str]] | None = None
) -> list[RuleError]:
    rule_file = parse_rule_text("dispatch_catalogue", text, "dispatch_catalogue.json")
    catalogue, problems = validate_catalogue(rule_file, units_from(units), known)
    assert catalogue is None
    return problems


def only(problems: list[RuleError]) -> RuleError:
    assert len(problems) == 1, [p.describe() for p in problems]
    return problems[0]


def test_the_minimal_documents_are_valid() -> None:
    directory = units_from(UNITS)
    catalogue = load_catalogue(
        parse_rule_text("dispatch_catalogue", CATALOGUE, "dispatch_catalogue.json"), directory, KNOWN_TOPICS
    )
    first = catalogue.suggest(Topic("市场监管", "食品药品"), "西湖区", "北山街道", "肉变质了")[0]
    assert first.unit.id == "xihu-market"
    assert first.reason == "市场监管/食品安全，职能部门 → 西湖区市场监督管理局（关键词：变质）"
    assert catalogue.suggest(Topic("政法", "仲裁与调解"), "西湖区", "北山", "")[0].unit.id == "xihu-beishan"


# --- units.json ---------------------------------------------------------------------------------


def test_duplicate_unit_id() -> None:
    error = only(unit_problems(UNITS.replace('"id": "xihu-market"', '"id": "hz-market"')))
    assert (error.pointer, error.line) == ("units/3/id", 11)
    assert "hz-market" in error.problem and "units/1" in error.problem
    assert error.describe().startswith("units.json:11: units/3/id: ")


def test_unknown_district_names_the_allowed_ones() -> None:
    error = only(unit_problems(UNITS.replace('"district": "西湖区"}', '"district": "江干区"}')))
    assert (error.pointer, error.line) == ("units/2/district", 10)
    assert "江干区" in error.problem and "西湖区、桐庐县" in error.problem


def test_street_unit_must_be_territorial() -> None:
    text = UNITS.replace(
        '"level": "street", "kind": "territorial"', '"level": "street", "kind": "functional"'
    )
    error = only(unit_problems(text))
    assert (error.pointer, error.line) == ("units/4/kind", 12)


def test_street_unit_needs_its_street() -> None:
    error = only(unit_problems(UNITS.replace(', "street": "北山街道"}', "}")))
    assert (error.pointer, error.line) == ("units/4", 12)
    assert "street" in error.problem


def test_municipal_unit_must_not_have_a_district() -> None:
    text = UNITS.replace(
        '"level": "municipal", "kind": "functional"}',
        '"level": "municipal", "kind": "functional", "district": "西湖区"}',
    )
    error = only(unit_problems(text))
    assert (error.pointer, error.line) == ("units/0/district", 8)


def test_unknown_level_lists_the_choices() -> None:
    error = only(
        unit_problems(
            UNITS.replace(
                '"level": "municipal", "kind": "functional"}', '"level": "city", "kind": "functional"}'
            )
        )
    )
    assert (error.pointer, error.line) == ("units/0/level", 8)
    assert "municipal、district、street、enterprise" in error.problem


def test_names_may_not_be_shared() -> None:
    error = only(
        unit_problems(UNITS.replace('"short_name": "西湖区市场监管局"', '"short_name": "市市场监管局"'))
    )
    assert (error.pointer, error.line) == ("units/3", 11)
    assert "市市场监管局" in error.problem


def test_unknown_parent_and_bad_id_and_phone_are_all_reported() -> None:
    text = (
        UNITS.replace('"parent": "hz-market"', '"parent": "hz-nothing"')
        .replace('"id": "hz-petition"', '"id": "HZ_Petition"')
        .replace('"district": "桐庐县"}', '"district": "桐庐县", "phone": "call me"}')
    )
    problems = unit_problems(text)
    assert [(p.pointer, p.line) for p in problems] == [
        ("units/0/id", 8),
        ("units/5/phone", 13),
        ("units/3/parent", 11),
    ]


def test_unknown_key_is_reported_with_the_allowed_keys() -> None:
    error = only(unit_problems(UNITS.replace('"duties": ["食品安全"]}', '"duty": ["食品安全"]}')))
    assert (error.pointer, error.line) == ("units/1/duty", 9)
    assert "duties" in error.problem


def test_district_name_needs_a_suffix() -> None:
    problems = unit_problems(
        UNITS.replace('{"name": "西湖区", "short_name": "西湖"}', '{"name": "西湖", "short_name": "西湖"}')
    )
    assert (problems[0].pointer, problems[0].line) == ("districts/0/name", 4)
    # The units of the rejected district are then reported too, each on its own line.
    assert [(p.pointer, p.line) for p in problems[1:]] == [
        ("units/2/district", 10),
        ("units/3/district", 11),
        ("units/4/district", 12),
    ]


def test_missing_top_level_key() -> None:
    error = only(unit_problems('{\n  "districts": []\n}\n'))
    assert (error.pointer, error.line) == ("", 1)
    assert "units" in error.problem


def test_load_units_raises_the_first_problem() -> None:
    with pytest.raises(RuleError) as caught:
        units_from(UNITS.replace('"id": "xihu-market"', '"id": "hz-market"'))
    assert caught.value.pointer == "units/3/id"


# --- dispatch_catalogue.json --------------------------------------------------------------------


FOOD_TARGETS = '"targets": [{"pattern": "{district}市场监督管理局"}, {"unit": "hz-market"}]'


@pytest.mark.parametrize(
    "bad_target",
    [
        '{"street_office": true}',
        '{"pattern": "{district}{street}办事处"}',
        '{"unit": "xihu-beishan"}',
        '{"pattern": "{district}人民政府办公室"}',
    ],
)
def test_functional_rule_may_not_target_a_street_or_a_government(bad_target: str) -> None:
    text = CATALOGUE.replace(FOOD_TARGETS, f'"targets": [{bad_target}, {{"unit": "hz-market"}}]')
    problems = catalogue_problems(text)
    error = next(p for p in problems if "第十三条" in p.problem)
    assert (error.pointer, error.line) == ("rules/0/targets/0", 13)


def test_unknown_unit_in_a_target() -> None:
    error = only(catalogue_problems(CATALOGUE.replace('{"unit": "hz-market"}', '{"unit": "hz-nothing"}')))
    assert (error.pointer, error.line) == ("rules/0/targets/1/unit", 13)
    assert "hz-nothing" in error.problem


def test_pattern_with_an_unknown_placeholder() -> None:
    error = only(catalogue_problems(CATALOGUE.replace("{district}市场监督管理局", "{city}市场监督管理局")))
    assert (error.pointer, error.line) == ("rules/0/targets/0/pattern", 13)
    assert "占位符 {district}、{district_short} 和 {street}" in error.problem


def test_pattern_that_never_resolves() -> None:
    error = only(catalogue_problems(CATALOGUE.replace("{district}市场监督管理局", "{district}市场监管所")))
    assert (error.pointer, error.line) == ("rules/0/targets/0/pattern", 13)


def test_targets_must_go_from_street_to_city() -> None:
    text = CATALOGUE.replace(
        '[{"street_office": true}, {"pattern": "{district}人民政府办公室"}]',
        '[{"pattern": "{district}人民政府办公室"}, {"street_office": true}]',
    )
    error = only(catalogue_problems(text))
    assert (error.pointer, error.line) == ("rules/1/targets/1", 14)


def test_target_with_two_keys() -> None:
    text = CATALOGUE.replace('{"unit": "hz-market"}', '{"unit": "hz-market", "duty": "食品安全"}')
    error = only(catalogue_problems(text))
    assert (error.pointer, error.line) == ("rules/0/targets/1", 13)
    assert "unit、pattern、street_office、duty" in error.problem


def test_topic_outside_the_index() -> None:
    text = CATALOGUE.replace('"item": "食品药品"', '"item": "食品安全"')
    error = only(catalogue_problems(text, known=KNOWN_TOPICS))
    assert (error.pointer, error.line) == ("rules/0/topics/0/item", 13)
    assert "食品安全" in error.problem


def test_template_with_an_unknown_placeholder() -> None:
    error = only(catalogue_problems(CATALOGUE.replace("职能部门 → {unit}", "职能部门 → {department}")))
    assert (error.pointer, error.line) == ("reason_templates/functional", 4)
    assert error.problem.startswith("未知的占位符“{department}”")
    assert "{unit}" in error.problem


def test_fallback_must_resolve_in_every_district() -> None:
    units = UNITS.replace(
        ',\n    {"id": "tonglu-government-office", "name": "桐庐县人民政府办公室", "short_name": "桐庐县政府办", '
        '"level": "district", "kind": "territorial", "district": "桐庐县"}',
        "",
    )
    error = only(catalogue_problems(CATALOGUE, units=units))
    assert (error.pointer, error.line) == ("fallback/district/target", 9)
    assert "桐庐县" in error.problem


def test_duplicate_rule_id_and_keywordless_requirement_and_bad_priority() -> None:
    text = (
        CATALOGUE.replace('"id": "neighbours"', '"id": "food-safety"')
        .replace(
            '"responsibility": "territorial"', '"require_keyword": true, "responsibility": "territorial"'
        )
        .replace('"priority": 10', '"priority": 500')
    )
    problems = catalogue_problems(text)
    assert [(p.pointer, p.line) for p in problems] == [
        ("rules/0/priority", 13),
        ("rules/1/require_keyword", 14),
    ]
    text = CATALOGUE.replace('"id": "neighbours"', '"id": "food-safety"')
    error = only(catalogue_problems(text))
    assert (error.pointer, error.line) == ("rules/1/id", 14)


def test_misspelt_rule_key() -> None:
    error = only(catalogue_problems(CATALOGUE.replace('"keywords": ["变质"]', '"keyword": ["变质"]')))
    assert (error.pointer, error.line) == ("rules/0/keyword", 13)


def test_resolution_guards_functional_rules_even_without_validation() -> None:
    directory = units_from(UNITS)
    probe = load_catalogue(parse_rule_text("dispatch_catalogue", CATALOGUE, "c.json"), directory)
    unchecked = DispatchCatalogue(directory, (), probe.scoring, probe.templates, probe.fallback)
    rule = DispatchRule(
        id="smuggled",
        matter="食品安全",
        topics=(Topic("市场监管", "食品药品"),),
        keywords=(),
        require_keyword=False,
        responsibility=Responsibility.FUNCTIONAL,
        targets=(
            Target(TargetKind.STREET_OFFICE),
            Target(TargetKind.PATTERN, "{district}人民政府办公室"),
            Target(TargetKind.UNIT, "hz-market"),
        ),
        priority=0,
    )
    place = unchecked.place("西湖区", "北山街道")
    assert place.street_unit is not None
    unit = unchecked.resolve(rule, place)
    assert unit is not None and unit.id == "hz-market"
    territorial = DispatchRule(**{**rule.__dict__, "responsibility": Responsibility.TERRITORIAL})
    street = unchecked.resolve(territorial, place)
    assert street is not None and street.id == "xihu-beishan"
    assert unchecked.resolve(rule, Place()) == directory.get("hz-market")
