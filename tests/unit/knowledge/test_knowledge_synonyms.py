"""The synonym rule file: structure checks that name the key at fault, and query expansion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seatclient.knowledge import SynonymTable, load_default_synonyms, load_synonyms
from seatclient.rules import RuleBook, RuleError
from seatclient.rules.rulebook import parse_rule_text


def rule(document: object) -> object:
    return parse_rule_text(
        "knowledge_synonyms", json.dumps(document, ensure_ascii=False, indent=2), "test.json"
    )


def test_the_shipped_file_loads() -> None:
    table = load_default_synonyms()
    assert ("公积金", "住房公积金") in table.groups
    assert table.expand("社保") == ["社会保险"]


def test_expansion_of_whole_terms_and_parts() -> None:
    table = SynonymTable.from_groups(
        [["社保", "社会保险"], ["公积金", "住房公积金"], ["医保", "医疗保险", "基本医疗保险"]]
    )
    assert table.expand("社会保险") == ["社保"]
    assert table.expand("社保转移") == ["社会保险转移"]
    # 住房公积金 contains 公积金: whatever it matches, 公积金 already matches.
    assert table.expand("公积金") == []
    assert table.expand("住房公积金") == ["公积金"]
    assert table.expand("住房公积金提取") == ["公积金提取"]
    assert table.expand("医保") == ["医疗保险"]
    assert table.expand("护照") == []
    assert table.expand("ＳＨＥＢＡＯ") == []


@pytest.mark.parametrize(
    ("document", "pointer", "words"),
    [
        ([], "", "JSON 对象"),
        ({"groups": {}}, "groups", "数组"),
        ({"groups": [], "extra": 1}, "extra", "description、groups"),
        ({"groups": [["社保", "社会保险"]]}, "groups/0", "对象"),
        ({"groups": [{"terms": ["社保"]}]}, "groups/0/terms", "至少含两个词"),
        ({"groups": [{"terms": ["社保", ""]}]}, "groups/0/terms/1", "非空"),
        ({"groups": [{"terms": ["社保", "社会 保险"]}]}, "groups/0/terms/1", "不含空格"),
        ({"groups": [{"terms": ["社保", 3]}]}, "groups/0/terms/1", "非空文字"),
        ({"groups": [{"terms": ["社保", "社会保险"], "weight": 2}]}, "groups/0/weight", "terms、note"),
        ({"groups": [{"terms": ["社保", "社会保险"], "note": 2}]}, "groups/0/note", "文字"),
        (
            {"groups": [{"terms": ["社保", "社会保险"]}, {"terms": ["医保", "社保"]}]},
            "groups/1/terms/1",
            "groups/0/terms/0",
        ),
    ],
)
def test_mistakes_are_reported_with_their_pointer_and_line(
    document: object, pointer: str, words: str
) -> None:
    with pytest.raises(RuleError) as caught:
        load_synonyms(rule(document))  # type: ignore[arg-type]
    assert caught.value.pointer == pointer
    assert words in caught.value.problem
    assert caught.value.line is not None


def test_a_hall_override_replaces_the_shipped_file(tmp_path: Path) -> None:
    (tmp_path / "knowledge_synonyms.json").write_text(
        json.dumps({"groups": [{"terms": ["的士", "出租车"]}]}, ensure_ascii=False), encoding="utf-8"
    )
    table = load_default_synonyms(RuleBook(override_dir=tmp_path))
    assert table.groups == (("的士", "出租车"),)
