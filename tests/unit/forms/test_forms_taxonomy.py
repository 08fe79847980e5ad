"""The business-topic taxonomy: the shipped table E.1 and the loader's validation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from seatclient.forms.taxonomy import TopicRef, load_default, load_taxonomy, validate_taxonomy
from seatclient.rules import RuleError
from seatclient.rules.rulebook import parse_rule_text

SEED = Path("/work/shared/seeds/000_c83076caf3f2c604.txt")
REPO_SEED = Path(__file__).resolve().parents[3].parent / "shared" / "seeds" / SEED.name


def _seed_table_e1() -> str:
    """Return table E.1's body from the seed with all whitespace (line breaks, page gaps) removed."""
    path = SEED if SEED.exists() else REPO_SEED
    if not path.exists():
        pytest.skip("the HZ seed document is not available")
    text = path.read_text(encoding="utf-8")
    start = text.index("类别 内容", text.index("表 E.1"))
    end = text.index("**", start)
    return re.sub(r"\s+", "", text[start + len("类别 内容") : end])


def test_shipped_taxonomy_has_the_19_classes_in_document_order() -> None:
    taxonomy = load_default()
    assert [c.name for c in taxonomy.classes] == [
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
    assert [c.code for c in taxonomy.classes] == [f"E{n:02d}" for n in range(1, 20)]
    assert taxonomy.version == "HZ-2020-E.1"


def test_every_shipped_name_occurs_in_the_seed_table() -> None:
    table = _seed_table_e1()
    taxonomy = load_default()
    for topic_class in taxonomy.classes:
        assert topic_class.name in table
        for item in topic_class.items:
            assert item.name in table, item.name


def test_shipped_taxonomy_spells_out_table_e1_exactly() -> None:
    # Rebuilding the table's text from the data proves nothing is missing, added or reordered.
    taxonomy = load_default()
    rebuilt = "".join(c.name + "、".join(item.name for item in c.items) + "。" for c in taxonomy.classes)
    assert rebuilt == _seed_table_e1()


def test_spot_checks_of_items_split_across_lines_in_the_seed() -> None:
    taxonomy = load_default()
    assert taxonomy.is_valid("农业农村", "畜牧养殖")
    assert taxonomy.is_valid("自然资源", "自然保护地管理")
    assert taxonomy.is_valid("城乡建设", "住房保障与房地产")
    assert taxonomy.is_valid("政法", "社会治安")
    assert taxonomy.is_valid("民政与应急", "慈善事业促进和社会工作")
    assert [item.name for item in taxonomy.class_named("文体旅游").items] == [  # type: ignore[union-attr]
        "文化管理",
        "文物管理",
        "体育",
        "旅游管理",
        "其他",
    ]
    assert sum(len(c.items) for c in taxonomy.classes) == 156
    assert all(c.items[-1].name == "其他" for c in taxonomy.classes)


def test_lookup_and_is_valid() -> None:
    taxonomy = load_default()
    item = taxonomy.lookup("交通运输", "出租车管理")
    assert item is not None and item.code == "E09-04"
    assert taxonomy.lookup("交通运输", "医患纠纷") is None
    assert taxonomy.lookup("不存在", "其他") is None
    assert not taxonomy.is_valid("卫生健康", "出租车管理")
    assert taxonomy.by_code("E05-03") == TopicRef("卫生健康", "医患纠纷")
    assert taxonomy.by_code("E99-01") is None


def test_topic_ref_json_round_trip() -> None:
    topic = TopicRef("政法", "行政复议")
    assert topic.to_json() == {"class": "政法", "item": "行政复议"}
    assert TopicRef.from_json({"class": "政法", "item": "行政复议"}) == topic
    assert topic.label() == "政法 / 行政复议"
    with pytest.raises(ValueError):
        TopicRef.from_json({"class": "政法"})


def test_search_by_pinyin_initials_full_pinyin_and_chinese() -> None:
    taxonomy = load_default()
    assert taxonomy.search("czc")[0] == TopicRef("交通运输", "出租车管理")
    assert taxonomy.search("chuzuche")[0] == TopicRef("交通运输", "出租车管理")
    assert taxonomy.search("医患")[0] == TopicRef("卫生健康", "医患纠纷")
    assert taxonomy.search("xzfy")[0] == TopicRef("政法", "行政复议")
    assert taxonomy.search("行政复议") == [TopicRef("政法", "行政复议")]


def test_search_by_class_name_finds_all_its_items() -> None:
    taxonomy = load_default()
    results = taxonomy.search("教育 /", limit=None)
    education = taxonomy.class_named("教育")
    assert education is not None
    assert set(results) == {TopicRef("教育", item.name) for item in education.items}
    # Items whose own name starts with the query rank first, shorter (then earlier) ones first.
    assert results[:3] == [
        TopicRef("教育", "教育体制"),
        TopicRef("教育", "教育收费"),
        TopicRef("教育", "教育行政管理"),
    ]


def test_search_limit_and_other_items() -> None:
    taxonomy = load_default()
    others = taxonomy.search("其他", limit=None)
    assert others[:19] == [TopicRef(c.name, "其他") for c in taxonomy.classes]
    assert len(taxonomy.search("其他", limit=5)) == 5
    assert taxonomy.search("   ") == []


BROKEN = """{
  "version": "test",
  "classes": [
    {
      "code": "E01",
      "name": "城乡建设",
      "items": [
        {"code": "E01-01", "name": "城乡规划"},
        {"code": "E01-02", "name": "城乡规划"}
      ]
    },
    {
      "code": "E02",
      "name": "教育",
      "items": []
    },
    {
      "code": "E03",
      "items": [{"code": "E03-01", "name": "其他", "nmae": "x"}]
    },
    {
      "code": "E04",
      "name": "城乡建设",
      "items": [{"code": "E01-01", "name": " 其他"}]
    }
  ]
}
"""


def _line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    position = -1
    for _ in range(occurrence):
        position = text.index(fragment, position + 1)
    return text.count("\n", 0, position) + 1


def test_validation_names_pointer_and_line_of_every_problem() -> None:
    rule_file = parse_rule_text("taxonomy", BROKEN, "hall/taxonomy.json")
    errors = validate_taxonomy(rule_file)
    found = {(error.pointer, error.line) for error in errors}
    assert ("classes/0/items/1/name", _line_of(BROKEN, '"E01-02"')) in found  # duplicate item name
    assert ("classes/1/items", _line_of(BROKEN, '"items": []')) in found  # empty items
    assert ("classes/2", _line_of(BROKEN, '"code": "E03"') - 1) in found  # missing name
    assert ("classes/2/items/0/nmae", _line_of(BROKEN, '"nmae"')) in found  # unknown key
    assert ("classes/3/name", _line_of(BROKEN, '"name": "城乡建设"', 2)) in found  # duplicate class
    assert ("classes/3/items/0/code", _line_of(BROKEN, '"name": " 其他"')) in found  # duplicate code
    assert ("classes/3/items/0/name", _line_of(BROKEN, '"name": " 其他"')) in found  # edge spaces
    assert len(errors) == 7
    described = errors[0].describe()
    assert described.startswith(f"hall/taxonomy.json:{errors[0].line}: {errors[0].pointer}: ")


def test_load_raises_the_first_problem() -> None:
    rule_file = parse_rule_text("taxonomy", BROKEN, "hall/taxonomy.json")
    with pytest.raises(RuleError) as raised:
        load_taxonomy(rule_file)
    assert raised.value.pointer == "classes/0/items/1/name"


@pytest.mark.parametrize(
    ("text", "pointer"),
    [
        ("[]", ""),
        ('{"version": "x"}', ""),
        ('{"version": "x", "classes": []}', "classes"),
        ('{"version": "x", "classes": {}}', "classes"),
        (
            '{"version": 3, "classes": [{"code": "E01", "name": "a", "items": [{"code": "E01-01", "name": "b"}]}]}',
            "version",
        ),
        ('{"version": "x", "classes": ["城乡建设"]}', "classes/0"),
    ],
)
def test_structural_problems(text: str, pointer: str) -> None:
    errors = validate_taxonomy(parse_rule_text("taxonomy", text, "t.json"))
    assert [error.pointer for error in errors] == [pointer]
    assert errors[0].line == 1
