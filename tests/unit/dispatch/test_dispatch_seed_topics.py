"""Every business topic of the shipped dispatch catalogue is a class and item of HZ table E.1.

The table is read from the seed document itself (DB 3301/T 0328—2020, appendix E), not from a
copy in the project, so a typo in the catalogue cannot hide behind a matching typo elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from seatclient.dispatch import load_catalogue, load_default_units, validate_catalogue, validate_units
from seatclient.rules import RuleBook, RuleError

SEED_NAME = "000_c83076caf3f2c604.txt"
SEED_CANDIDATES = [
    Path("/work/shared/seeds") / SEED_NAME,
    Path(__file__).resolve().parents[3].parent / "shared" / "seeds" / SEED_NAME,
]


def parse_table_e1(text: str) -> dict[str, list[str]]:
    """Parse table E.1 into class → items.

    In the seed a class stands alone on a line with its items on the next lines, or shares its
    line with them after a space; items wrap mid-word across lines (``畜`` / ``牧养殖``) and each
    class's list ends with ``。``.
    """
    start = text.index("类别 内容", text.index("表 E.1 知识库业务主题分类索引表"))
    end = text.index("**", start)
    lines = [line.strip() for line in text[start + len("类别 内容") : end].splitlines() if line.strip()]
    table: dict[str, list[str]] = {}
    current: str | None = None
    buffer = ""
    for line in lines:
        if current is None:
            head, _, rest = line.partition(" ")
            current, buffer = head, rest
        else:
            buffer += line
        if buffer.endswith("。"):
            table[current] = buffer.removesuffix("。").split("、")
            current, buffer = None, ""
    assert current is None, f"table E.1 ended inside class {current}"
    return table


@pytest.fixture(scope="module")
def table_e1() -> dict[str, list[str]]:
    for path in SEED_CANDIDATES:
        if path.exists():
            return parse_table_e1(path.read_text(encoding="utf-8"))
    pytest.skip("the HZ seed document is not available")


def test_the_parser_reads_the_19_classes_with_their_wrapped_items(table_e1: dict[str, list[str]]) -> None:
    assert len(table_e1) == 19
    assert list(table_e1)[:3] == ["农业农村", "自然资源", "城乡建设"]
    assert all(items[-1] == "其他" for items in table_e1.values())
    assert len(table_e1["农业农村"]) == 13
    assert "畜牧养殖" in table_e1["农业农村"]
    assert "自然保护地管理" in table_e1["自然资源"]
    assert "社会治安" in table_e1["政法"]
    assert table_e1["其他"] == ["历史遗留问题", "领导事务", "表达感情", "其他"]


def test_every_catalogue_topic_is_in_table_e1(table_e1: dict[str, list[str]]) -> None:
    book = RuleBook()
    raw_rules = book.get("dispatch_catalogue").data["rules"]
    checked = 0
    for rule in raw_rules:
        for topic in rule["topics"]:
            assert topic["class"] in table_e1, (rule["id"], topic)
            if "item" in topic:
                assert topic["item"] in table_e1[topic["class"]], (rule["id"], topic)
            checked += 1
    assert checked >= 100


def test_shipped_files_validate_cleanly_against_the_seed_index(table_e1: dict[str, list[str]]) -> None:
    book = RuleBook()
    directory, unit_problems = validate_units(book.get("units"))
    assert unit_problems == []
    assert directory is not None
    catalogue, problems = validate_catalogue(book.get("dispatch_catalogue"), directory, table_e1)
    assert [problem.describe() for problem in problems] == []
    assert catalogue is not None


def test_a_catalogue_topic_missing_from_the_index_is_refused(table_e1: dict[str, list[str]]) -> None:
    book = RuleBook()
    trimmed = {name: [item for item in items if item != "城乡规划"] for name, items in table_e1.items()}
    with pytest.raises(RuleError, match="城乡规划") as caught:
        load_catalogue(book.get("dispatch_catalogue"), load_default_units(book), trimmed)
    assert caught.value.pointer.startswith("rules/0/topics/1/item")
