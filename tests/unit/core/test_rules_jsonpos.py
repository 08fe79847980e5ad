"""Rule files: values located by line; errors name file, line and key; layers replace whole files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seatclient.rules import RuleBook, RuleError, load_rule_file, parse_located_json

DOCUMENT = """{
  "version": 1,
  "items": [
    {"name": "小休", "minutes": 15},
    {
      "name": "用餐",
      "minutes": 45
    }
  ]
}
"""


def test_every_value_has_its_line() -> None:
    located = parse_located_json(DOCUMENT)
    assert located.value["items"][1]["name"] == "用餐"
    assert located.line_of("version") == 2
    assert located.line_of("items/0/minutes") == 4
    assert located.line_of("items/1") == 5
    assert located.line_of("items/1/minutes") == 7
    assert located.line_of("items/1/unknown") == 5


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=4), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values, st.sampled_from([None, 1, 2]))
def test_locating_never_disagrees_with_json(value: object, indent: int | None) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    located = parse_located_json(text)
    assert located.value == value
    assert located.line_of("") == 1


def test_bad_json_is_a_rule_error_with_line(tmp_path: Path) -> None:
    path = tmp_path / "reason_codes.json"
    path.write_text('{\n  "a": 1,\n  "b": \n}\n', encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_rule_file(path)
    assert caught.value.line == 4
    assert caught.value.describe().startswith(f"{path}:4")


def test_missing_file_is_a_rule_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError):
        load_rule_file(tmp_path / "absent.json")


def test_rule_file_error_points_at_the_key(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text(DOCUMENT, encoding="utf-8")
    error = load_rule_file(path).error("items/1/minutes", "太长")
    assert error.line == 7
    assert error.describe() == f"{path}:7: items/1/minutes: 太长"


def test_layers_override_whole_files(tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    hall = tmp_path / "hall"
    shipped.mkdir()
    hall.mkdir()
    (shipped / "phrases.json").write_text('{"from": "shipped"}', encoding="utf-8")
    (shipped / "scripts.json").write_text('{"from": "shipped"}', encoding="utf-8")
    (hall / "scripts.json").write_text('{"from": "hall"}', encoding="utf-8")
    book = RuleBook(shipped_dir=shipped, override_dir=hall)
    assert book.get("phrases").data == {"from": "shipped"}
    assert book.get("scripts").data == {"from": "hall"}
    book.apply_bundle("v7", {"phrases": {"from": "bundle"}})
    assert book.get("phrases").data == {"from": "bundle"}
    assert book.bundle_version == "v7"
    assert book.shipped_names() == ["phrases", "scripts"]
