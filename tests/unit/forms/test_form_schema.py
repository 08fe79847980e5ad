"""Loading the intake form from ``resources/rules/intake_form.json`` and reporting broken form files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from seatclient.forms.schema import (
    FieldType,
    FormSchema,
    MaskKind,
    load_default,
    load_form_schema,
    schema_problems,
)
from seatclient.resources import resource_path
from seatclient.rules import RuleError, RuleFile, load_rule_file

SHIPPED = resource_path("rules", "intake_form.json")


def shipped_data() -> dict[str, Any]:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def field_of(data: dict[str, Any], key: str) -> dict[str, Any]:
    for section in data["sections"]:
        for field in section["fields"]:
            if field["key"] == key:
                return field
    raise KeyError(key)


def write_form(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "intake_form.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def last_line_containing(path: Path, needle: str) -> int:
    """The 1-based line of the last line of ``path`` containing ``needle`` (the mutated fields come last)."""
    lines = [
        number
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in text
    ]
    assert lines, f"{needle!r} not in {path}"
    return lines[-1]


@pytest.fixture(scope="module")
def schema() -> FormSchema:
    return load_default()


def test_shipped_form_has_the_hz_7_2_fields_in_order(schema: FormSchema) -> None:
    assert schema.form_id == "hz_intake"
    assert schema.keys == (
        "caller_name",
        "phone_withheld",
        "caller_phone",
        "phone_withheld_reason",
        "address",
        "request_type",
        "confidential",
        "involved_party",
        "occurred_at",
        "occurred_location",
        "event_description",
        "caller_request",
        "business_topic",
        "matter_place",
        "time_limit_class",
        "notes",
    )
    assert [section.key for section in schema.sections] == ["caller", "content", "classification"]
    assert schema_problems(load_rule_file(SHIPPED)) == []


def test_shipped_field_details(schema: FormSchema) -> None:
    request_type = schema.field("request_type")
    assert request_type.type is FieldType.CHOICE
    assert [(option.value, option.label.zh_CN) for option in request_type.options] == [
        ("enquiry", "咨询"),
        ("help", "求助"),
        ("complaint_report", "投诉举报"),
        ("suggestion", "意见建议"),
    ]
    assert request_type.label.text("en") == "Request type"
    phone = schema.field("caller_phone")
    assert (phone.type, phone.local_area_code, phone.default_region, phone.max_length) == (
        FieldType.PHONE,
        "0571",
        "CN",
        20,
    )
    assert schema.field("occurred_at").not_future is True
    assert schema.field("business_topic").type is FieldType.TOPIC
    assert schema.field("matter_place").type is FieldType.PLACE
    assert schema.field("time_limit_class").option_values == {"quick", "general"}
    assert schema.confidential_field == "confidential"
    assert schema.protected_fields() == ("caller_name", "caller_phone", "address")
    assert schema.field("caller_name").confidential_mask is MaskKind.NAME
    assert schema.defaults() == {
        "phone_withheld": False,
        "confidential": False,
        "time_limit_class": "general",
    }


def required_for(schema: FormSchema, values: dict[str, Any]) -> set[str]:
    effective = schema.effective_values(values)
    return {spec.key for spec in schema.fields if schema.is_required(spec, effective)}


def test_place_of_the_matter_is_required_by_request_type_or_topic(schema: FormSchema) -> None:
    enquiry = {"request_type": "enquiry"}
    assert "matter_place" not in required_for(schema, enquiry)
    assert "matter_place" in required_for(schema, {"request_type": "complaint_report"})
    assert "matter_place" in required_for(schema, {"request_type": "help"})
    assert "matter_place" not in required_for(schema, {"request_type": "suggestion"})
    # A place-bound topic class makes it required even for an enquiry.
    assert "matter_place" in required_for(
        schema, {**enquiry, "business_topic": {"class": "城乡建设", "item": "城市建设和管理"}}
    )
    assert "matter_place" not in required_for(
        schema, {**enquiry, "business_topic": {"class": "劳动和社会保障", "item": "工资福利"}}
    )
    # Within 政法 only some items are place-bound.
    assert "matter_place" in required_for(
        schema, {**enquiry, "business_topic": {"class": "政法", "item": "社会治安"}}
    )
    assert "matter_place" not in required_for(
        schema, {**enquiry, "business_topic": {"class": "政法", "item": "户籍证件"}}
    )


def test_withheld_number_switches_phone_and_reason(schema: FormSchema) -> None:
    assert schema.hidden_fields({}) == {"phone_withheld_reason"}
    assert schema.hidden_fields({"phone_withheld": True}) == {"caller_phone"}
    assert {"caller_phone"} <= required_for(schema, {"phone_withheld": False})
    withheld = required_for(schema, {"phone_withheld": True})
    assert "phone_withheld_reason" in withheld
    assert "caller_phone" not in withheld


def test_hand_written_file_reports_file_line_pointer_and_field_key(tmp_path: Path) -> None:
    path = tmp_path / "intake_form.json"
    path.write_text(
        "{\n"  # 1
        '  "form": "small",\n'  # 2
        '  "version": 1,\n'  # 3
        '  "title": {"zh_CN": "小表单"},\n'  # 4
        '  "confidential_field": "secret",\n'  # 5
        '  "sections": [\n'  # 6
        "    {\n"  # 7
        '      "key": "only",\n'  # 8
        '      "title": {"zh_CN": "唯一"},\n'  # 9
        '      "fields": [\n'  # 10
        '        {"key": "secret", "type": "bool", "label": {"zh_CN": "保密"}},\n'  # 11
        '        {"key": "name", "type": "text", "label": {"zh_CN": "姓名"},\n'  # 12
        '         "max_length": 0}\n'  # 13
        "      ]\n"
        "    }\n"
        "  ]\n"
        "}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError) as caught:
        load_form_schema(load_rule_file(path))
    error = caught.value
    assert error.source == str(path)
    assert error.line == 13
    assert error.pointer == "sections/0/fields/1/max_length"
    assert "name" in error.problem and "max_length" in error.problem
    assert error.describe().startswith(f"{path}:13: sections/0/fields/1/max_length: ")


Mutation = Callable[[dict[str, Any]], None]


def _unknown_type(data: dict[str, Any]) -> None:
    field_of(data, "notes")["type"] = "richtext"


def _duplicate_key(data: dict[str, Any]) -> None:
    field_of(data, "notes")["key"] = "address"


def _unknown_condition_field(data: dict[str, Any]) -> None:
    field_of(data, "involved_party")["required_if"] = {"field": "request_kind", "equals": "complaint_report"}


def _bad_max_length(data: dict[str, Any]) -> None:
    field_of(data, "occurred_location")["max_length"] = -5


def _text_max_length(data: dict[str, Any]) -> None:
    field_of(data, "occurred_location")["max_length"] = "200"


def _condition_value_not_an_option(data: dict[str, Any]) -> None:
    field_of(data, "involved_party")["required_if"] = {"field": "request_type", "equals": "complaint"}


def _misspelt_attribute(data: dict[str, Any]) -> None:
    field_of(data, "caller_request")["requried"] = True


def _part_on_plain_field(data: dict[str, Any]) -> None:
    field_of(data, "notes")["visible_if"] = {"field": "request_type", "part": "class", "equals": "x"}


def _self_reference(data: dict[str, Any]) -> None:
    field_of(data, "notes")["visible_if"] = {"field": "notes", "filled": True}


def _mask_on_wrong_type(data: dict[str, Any]) -> None:
    field_of(data, "request_type")["confidential_mask"] = "name"


def _default_not_an_option(data: dict[str, Any]) -> None:
    field_of(data, "time_limit_class")["default"] = "urgent"


def _bad_area_code(data: dict[str, Any]) -> None:
    field_of(data, "caller_phone")["local_area_code"] = "571"


def _missing_chinese_label(data: dict[str, Any]) -> None:
    field_of(data, "notes")["label"] = {"en": "Notes"}


def _bad_topic_operand(data: dict[str, Any]) -> None:
    field_of(data, "notes")["visible_if"] = {"field": "business_topic", "in": [{"class": "政法"}]}


@pytest.mark.parametrize(
    ("mutate", "needle", "offset", "pointer_tail", "field_key"),
    [
        (_unknown_type, '"richtext"', 0, "type", "notes"),
        (_duplicate_key, '"key": "address"', 0, "key", "address"),
        (_unknown_condition_field, '"request_kind"', 0, "required_if/field", "involved_party"),
        (_bad_max_length, "-5", 0, "max_length", "occurred_location"),
        (_text_max_length, '"max_length": "200"', 0, "max_length", "occurred_location"),
        (_condition_value_not_an_option, '"complaint"', 0, "required_if/equals", "involved_party"),
        (_misspelt_attribute, '"requried"', 0, "requried", "caller_request"),
        (_part_on_plain_field, '"part": "class"', 0, "visible_if/part", "notes"),
        (_self_reference, '"field": "notes"', 0, "visible_if/field", "notes"),
        (_default_not_an_option, '"urgent"', 0, "default", "time_limit_class"),
        (_bad_area_code, '"571"', 0, "local_area_code", "caller_phone"),
        # A missing key is reported at its parent object, which json.dumps opens on the line before.
        (_missing_chinese_label, '"en": "Notes"', -1, "label/zh_CN", "notes"),
        (_bad_topic_operand, '"class": "政法"', -1, "visible_if/in/0", "notes"),
    ],
)
def test_broken_form_names_file_field_key_and_line(
    tmp_path: Path, mutate: Mutation, needle: str, offset: int, pointer_tail: str, field_key: str
) -> None:
    data = shipped_data()
    mutate(data)
    path = write_form(tmp_path, data)
    rule_file = load_rule_file(path)
    with pytest.raises(RuleError) as caught:
        load_form_schema(rule_file)
    error = caught.value
    assert error.source == str(path)
    assert error.pointer.startswith("sections/") and error.pointer.endswith(pointer_tail)
    assert f"字段 {field_key}" in error.problem
    assert error.line == last_line_containing(path, needle) + offset
    assert schema_problems(rule_file)[0].describe() == error.describe()


def test_mask_on_wrong_type_points_at_the_request_type_field(tmp_path: Path) -> None:
    data = shipped_data()
    _mask_on_wrong_type(data)
    path = write_form(tmp_path, data)
    problems = schema_problems(load_rule_file(path))
    assert len(problems) == 1
    request_type_index = [field["key"] for field in data["sections"][0]["fields"]].index("request_type")
    assert problems[0].pointer == f"sections/0/fields/{request_type_index}/confidential_mask"
    assert "text" in problems[0].problem  # names the type that is allowed
    lines = path.read_text(encoding="utf-8").splitlines()
    anchor = lines.index('          "key": "request_type",')
    mask_line = next(n for n in range(anchor, len(lines)) if '"confidential_mask"' in lines[n]) + 1
    assert problems[0].line == mask_line


def test_visibility_cycle_is_refused(tmp_path: Path) -> None:
    data = shipped_data()
    field_of(data, "notes")["visible_if"] = {"field": "occurred_location", "filled": True}
    field_of(data, "occurred_location")["visible_if"] = {"field": "notes", "filled": True}
    problems = schema_problems(load_rule_file(write_form(tmp_path, data)))
    assert len(problems) == 1
    assert "循环" in problems[0].problem
    assert "occurred_location → notes → occurred_location" in problems[0].problem


def test_schema_problems_lists_every_problem_in_one_file(tmp_path: Path) -> None:
    data = shipped_data()
    _unknown_type(data)
    _bad_max_length(data)
    _unknown_condition_field(data)
    data["confidential_field"] = "caller_name"
    problems = schema_problems(load_rule_file(write_form(tmp_path, data)))
    described = sorted(problem.pointer.rpartition("/")[2] for problem in problems)
    assert described == ["confidential_field", "field", "max_length", "type"]
    assert all(problem.line is not None for problem in problems)


def test_invalid_json_is_a_rule_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "intake_form.json"
    path.write_text('{\n  "form": "x",\n  "version": 1,,\n}\n', encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_form_schema(load_rule_file(path))
    assert caught.value.line == 3
    assert caught.value.source == str(path)


def test_top_level_must_be_an_object(tmp_path: Path) -> None:
    path = tmp_path / "intake_form.json"
    path.write_text("[1, 2]\n", encoding="utf-8")
    problems = schema_problems(load_rule_file(path))
    assert len(problems) == 1 and problems[0].pointer == ""


def test_summary_fields_must_name_short_fields(tmp_path: Path) -> None:
    data = shipped_data()
    data["summary_fields"] = ["request_type", "event_description", "no_such_field"]
    problems = schema_problems(load_rule_file(write_form(tmp_path, data)))
    assert [problem.pointer for problem in problems] == ["summary_fields/1", "summary_fields/2"]


JUNK_VALUES: list[Any] = [
    0,
    -1,
    "x",
    "",
    [],
    {},
    True,
    [1],
    {"a": 1},
    {"field": "x"},
    {"any": []},
    {"not": {}},
]
FIELD_ATTRIBUTES = [
    "key",
    "type",
    "label",
    "required",
    "required_if",
    "visible_if",
    "max_length",
    "help",
    "placeholder",
    "options",
    "default",
    "not_future",
    "future_tolerance_minutes",
    "default_region",
    "local_area_code",
    "confidential_mask",
]


@pytest.mark.parametrize("field_key", ["caller_phone", "request_type", "matter_place"])
def test_junk_in_any_attribute_is_reported_never_a_crash(field_key: str) -> None:
    """A hall's typo must end in a RuleError (or be harmless), never in an exception from the loader."""
    reported = 0
    for attribute in FIELD_ATTRIBUTES:
        for junk in JUNK_VALUES:
            data = shipped_data()
            field_of(data, field_key)[attribute] = junk
            problems = schema_problems(RuleFile("intake_form", data, "bundle"))
            if problems:
                reported += 1
                assert all(isinstance(problem, RuleError) for problem in problems)
                assert all(problem.source == "bundle" for problem in problems)
            else:
                load_form_schema(RuleFile("intake_form", data, "bundle"))
    # Almost every junk value is an error; the few accepted are e.g. "x" as a default of nothing.
    assert reported >= len(FIELD_ATTRIBUTES) * len(JUNK_VALUES) * 3 // 4
