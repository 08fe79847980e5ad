"""Browsing counts (current articles only) and the deterministic synthetic generator."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from knowledge_samples import TODAY, make_article, open_index

from seatclient.knowledge import Article, TopicCount
from seatclient.knowledge.synthetic import synthetic_articles

ARTICLES = [
    make_article("A", "护照办理", topic=("政法", "移民和出入境管理"), organisation="出入境管理局", minutes=1),
    make_article(
        "B", "港澳通行证", topic=("政法", "移民和出入境管理"), organisation="出入境管理局", minutes=2
    ),
    make_article("C", "驾驶证换证", topic=("政法", "交通管理"), organisation="交警支队", minutes=3),
    make_article(
        "D", "公积金提取", topic=("城乡建设", "住房保障与房地产"), organisation="公积金中心", minutes=4
    ),
    make_article(
        "E", "旧护照说明", topic=("政法", "移民和出入境管理"), organisation="出入境管理局", status="withdrawn"
    ),
    make_article(
        "F",
        "过期通知",
        topic=("城乡建设", "城市建设和管理"),
        organisation="城管局",
        expires_on=date(2024, 1, 31),
    ),
]


def test_the_topic_tree_counts_current_articles_per_class_and_item(tmp_path: Path) -> None:
    with open_index(tmp_path, ARTICLES) as index:
        assert index.topic_tree(TODAY) == [
            TopicCount(
                "政法",
                3,
                (TopicCount("移民和出入境管理", 2), TopicCount("交通管理", 1)),
            ),
            TopicCount("城乡建设", 1, (TopicCount("住房保障与房地产", 1),)),
        ]
        # Before the notice expired it counted too.
        tree = {node.name: node for node in index.topic_tree(date(2024, 1, 31))}
        assert tree["城乡建设"].count == 2


def test_organisation_counts_and_browse_lists(tmp_path: Path) -> None:
    with open_index(tmp_path, ARTICLES) as index:
        assert index.organisation_counts(TODAY) == [
            TopicCount("出入境管理局", 2),
            TopicCount("交警支队", 1),
            TopicCount("公积金中心", 1),
        ]
        listed = index.browse(today=TODAY, topic_class="政法", topic_item="移民和出入境管理")
        assert [item.article_id for item in listed] == ["B", "A"]
        index.record_use("A")
        assert [item.article_id for item in index.browse(today=TODAY, organisation="出入境管理局")] == [
            "A",
            "B",
        ]
        # Used first (A), then newest: D, C, B.
        assert [item.title for item in index.browse(today=TODAY, limit=1, offset=1)] == ["公积金提取"]


def test_synthetic_bases_are_deterministic_and_valid() -> None:
    first = synthetic_articles(300, seed=7)
    again = synthetic_articles(300, seed=7)
    other = synthetic_articles(300, seed=8)
    assert [article.to_json() for article in first] == [article.to_json() for article in again]
    assert [article.title for article in first] != [article.title for article in other]
    assert len({article.id for article in first}) == 300
    for article in first[:50]:
        assert Article.model_validate(article.to_json()) == article
    withdrawn = sum(article.status.value == "withdrawn" for article in first)
    assert 0 < withdrawn < 30
