"""The shipped demo base: it loads, validates, is large enough and files every article under HZ table E.1."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from knowledge_samples import TODAY, make_article

from seatclient.knowledge import (
    Article,
    ArticleDataError,
    html_to_text,
    load_articles,
    load_demo_base,
    parse_articles,
)
from seatclient.knowledge.model import demo_base_path

SEED_NAME = "000_c83076caf3f2c604.txt"
SEED_CANDIDATES = [
    Path("/work/shared/seeds") / SEED_NAME,
    Path(__file__).resolve().parents[3].parent / "shared" / "seeds" / SEED_NAME,
]


def parse_table_e1(text: str) -> dict[str, list[str]]:
    """Read table E.1 (appendix E of the HZ spec) into class → items.

    A class stands alone on its line or shares it with its items after a space; items wrap across
    lines mid-word (``畜`` / ``牧养殖``) and each class's list ends with ``。``.
    """
    start = text.index("类别 内容", text.index("表 E.1 知识库业务主题分类索引表")) + len("类别 内容")
    end = text.index("**", start)
    table: dict[str, list[str]] = {}
    current: str | None = None
    buffer = ""
    for line in (line.strip() for line in text[start:end].splitlines()):
        if not line:
            continue
        if current is None:
            current, _, buffer = line.partition(" ")
        else:
            buffer += line
        if buffer.endswith("。"):
            table[current] = buffer.removesuffix("。").split("、")
            current, buffer = None, ""
    return table


@pytest.fixture(scope="module")
def table_e1() -> dict[str, list[str]]:
    for path in SEED_CANDIDATES:
        if path.exists():
            return parse_table_e1(path.read_text(encoding="utf-8"))
    pytest.skip("the HZ seed document is not available")


@pytest.fixture(scope="module")
def demo() -> list[Article]:
    return load_demo_base()


def test_the_seed_table_parses_into_19_classes(table_e1: dict[str, list[str]]) -> None:
    assert len(table_e1) == 19
    assert "畜牧养殖" in table_e1["农业农村"]
    assert "住房保障与房地产" in table_e1["城乡建设"]
    assert table_e1["其他"] == ["历史遗留问题", "领导事务", "表达感情", "其他"]


def test_the_demo_base_has_at_least_300_valid_articles(demo: list[Article]) -> None:
    assert len(demo) >= 300
    assert len({article.id for article in demo}) == len(demo)


def test_every_topic_is_a_class_and_item_of_table_e1(
    demo: list[Article], table_e1: dict[str, list[str]]
) -> None:
    wrong = [
        (article.id, article.topic.class_, article.topic.item)
        for article in demo
        if article.topic.item not in table_e1.get(article.topic.class_, [])
    ]
    assert wrong == []


def test_the_demo_covers_the_common_enquiry_areas(demo: list[Article]) -> None:
    text = " ".join(f"{article.title} {' '.join(article.keywords)}" for article in demo)
    for subject in (
        "公积金",
        "社保",
        "户口",
        "护照",
        "驾驶证",
        "地铁",
        "公交",
        "入学",
        "医保",
        "营业执照",
        "不动产",
        "人才落户",
        "居住证",
        "垃圾分类",
        "消费维权",
        "劳动仲裁",
    ):
        assert subject in text, subject
    assert len({article.organisation for article in demo}) >= 20
    assert len({(article.topic.class_, article.topic.item) for article in demo}) >= 40


def test_bodies_are_short_safe_guides(demo: list[Article]) -> None:
    for article in demo:
        text = html_to_text(article.body).replace("\n", "")
        assert 80 <= len(text) <= 300, (article.id, len(text))
        assert "<script" not in article.body and "href" not in article.body


def test_the_demo_has_expired_withdrawn_and_not_yet_effective_articles(demo: list[Article]) -> None:
    withdrawn = [article for article in demo if article.status.value == "withdrawn"]
    expired = [article for article in demo if article.expires_on is not None and article.expires_on < TODAY]
    future = [article for article in demo if article.effective_from > TODAY]
    assert len(withdrawn) >= 3
    assert len(expired) >= 3
    assert len(future) >= 1
    current = [article for article in demo if article.is_current(TODAY)]
    assert len(current) == len(demo) - len(withdrawn) - len(expired) - len(future)


def test_the_file_is_readable_json_with_two_space_indent() -> None:
    text = demo_base_path().read_text(encoding="utf-8")
    assert text.startswith('{\n  "description"')
    assert json.loads(text)["articles"][0]["id"] == "HZKB-0001"


def test_invalid_articles_are_reported_in_chinese_with_their_id(tmp_path: Path) -> None:
    good = make_article("A", "护照办理").to_json()
    with pytest.raises(ArticleDataError, match="第 2 条知识（B）无效"):
        parse_articles([good, dict(good, id="B", expires_on="2020-01-01")])
    with pytest.raises(ArticleDataError, match="重复"):
        parse_articles([good, good])
    with pytest.raises(ArticleDataError, match="updated_at"):
        parse_articles([dict(good, updated_at="2025-01-01T00:00:00")])
    with pytest.raises(ArticleDataError):
        parse_articles([dict(good, id="has space")])
    with pytest.raises(ArticleDataError):
        parse_articles([dict(good, title="   ")])
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(ArticleDataError, match="JSON"):
        load_articles(broken)
    with pytest.raises(ArticleDataError, match="不存在"):
        load_articles(tmp_path / "missing.json")


def test_currency_depends_on_status_and_dates() -> None:
    article = make_article("A", "护照办理", effective_from=date(2025, 1, 1), expires_on=date(2025, 12, 31))
    assert not article.is_current(date(2024, 12, 31))
    assert article.is_current(date(2025, 1, 1))
    assert article.is_current(date(2025, 12, 31))
    assert not article.is_current(date(2026, 1, 1))
    assert not make_article("B", "护照办理", status="withdrawn").is_current(TODAY)
    assert make_article("C", "x", keywords=(" 护照 ", "护照", "")).keywords == ("护照",)
