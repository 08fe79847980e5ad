"""Related articles for a free sentence: terms from the synonyms and the keywords, merged searches."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from knowledge_samples import make_article

from seatclient.knowledge import load_default_synonyms
from seatclient.knowledge.service import (
    CHINA_TIME,
    KnowledgeService,
    LocalDemoFeed,
    extract_terms,
    fallback_queries,
    related_queries,
)

NOW = datetime(2025, 11, 1, 10, 0, tzinfo=CHINA_TIME)


async def synced(folder: Path) -> KnowledgeService:
    service = await KnowledgeService.open(
        folder, LocalDemoFeed(), lambda: NOW, synonyms=load_default_synonyms(), page_size=100
    )
    await service.sync()
    return service


def test_terms_are_the_known_words_longest_first_without_the_ones_inside_longer_ones() -> None:
    vocabulary = ["公积金", "住房公积金", "提取", "租房提取", "护照", "x"]
    assert extract_terms("我想问一下住房公积金怎么提取", vocabulary) == ["住房公积金", "提取"]
    assert extract_terms("租房提取公积金要什么材料", vocabulary) == ["租房提取", "公积金"]
    assert extract_terms("今天天气不错", vocabulary) == []
    # Full-width Latin and capitals are folded like the index folds them.
    assert extract_terms("ＥＴＣ怎么办理", ["etc"]) == ["etc"]
    assert extract_terms("一二三四五", ["一二", "三四", "四五", "二三"], limit=2) == ["一二", "二三"]


def test_queries_pair_the_first_three_terms_then_take_each_alone() -> None:
    assert related_queries(["住房公积金", "提取"]) == [("住房公积金", "提取"), ("住房公积金",), ("提取",)]
    assert related_queries(["a", "b", "c", "d"]) == [
        ("a", "b"),
        ("a", "c"),
        ("b", "c"),
        ("a",),
        ("b",),
        ("c",),
        ("d",),
    ]


def test_the_fallback_cuts_the_words_that_are_left_into_three_character_pieces() -> None:
    assert fallback_queries("我想问一下楼道灯坏了") == [("楼道灯",), ("道灯坏",), ("灯坏了",)]
    assert fallback_queries("请问，井盖呢？") == [("井盖呢",)]
    assert fallback_queries("您好，谢谢") == []


@pytest.mark.asyncio
async def test_a_caller_sentence_finds_the_extraction_articles_of_the_housing_fund(tmp_path: Path) -> None:
    service = await synced(tmp_path)
    try:
        # The sentence itself, as one query, finds nothing: every word would have to match.
        assert await service.search("我想问一下住房公积金怎么提取") == []
        hits = await service.related("我想问一下住房公积金怎么提取")
        assert len(hits) == 5
        for hit in hits:
            assert "提取" in hit.title and "公积金" in hit.title, hit.title
        passport = await service.related("护照过期了怎么办")
        assert {"护照丢了怎么办", "普通护照申请办理指南"} <= {hit.title for hit in passport}
        assert await service.related("") == []
        assert await service.related("今天天气不错啊") == []
    finally:
        await service.close()


@pytest.mark.asyncio
async def test_the_keyword_list_is_saved_with_its_cursor_and_reused_after_a_restart(tmp_path: Path) -> None:
    service = await synced(tmp_path)
    try:
        await service.related("住房公积金提取")
        cursor = await service.cursor()
    finally:
        await service.close()
    saved = json.loads((tmp_path / "knowledge.sqlite.keywords.json").read_text(encoding="utf-8"))
    assert saved["cursor"] == cursor
    assert "租房提取" in saved["keywords"] and "公积金" in saved["keywords"]

    reopened = await KnowledgeService.open(
        tmp_path, LocalDemoFeed(), lambda: NOW, synonyms=load_default_synonyms()
    )
    try:

        def no_browsing(**_kwargs: Any) -> Any:
            raise AssertionError("the saved keyword list should have been used")

        reopened.index.browse = no_browsing  # type: ignore[method-assign]
        hits = await reopened.related("租房提取")
        assert hits[0].title == "租房提取住房公积金办理指南"
    finally:
        await reopened.close()


@pytest.mark.asyncio
async def test_keywords_of_newly_synced_articles_are_learnt_at_once(tmp_path: Path) -> None:
    feed = LocalDemoFeed([make_article("A", "关于某事的说明", keywords=("旧词",), minutes=1)])
    service = await KnowledgeService.open(tmp_path, feed, lambda: NOW, page_size=10)
    try:
        await service.sync()
        sentence = "我想问新口径的事"
        assert await service.related(sentence) == []
        # The keyword is two characters inside a longer run: only the keyword list can find it
        # (the fallback's three-character pieces "新口径", "口径的" are not in the article).
        feed.publish(
            make_article("B", "某业务办理说明", keywords=("口径",), minutes=2, body="<p>按规定执行。</p>")
        )
        await service.sync()
        assert [hit.article_id for hit in await service.related(sentence)] == ["B"]
    finally:
        await service.close()
