"""Small hand-made articles and an index factory shared by the knowledge tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from seatclient.knowledge import Article, KnowledgeIndex, SynonymTable

TODAY = date(2025, 11, 1)
SYNONYMS = SynonymTable.from_groups(
    [["公积金", "住房公积金"], ["社保", "社会保险"], ["医保", "医疗保险"], ["驾照", "驾驶证"]]
)


def make_article(
    article_id: str,
    title: str,
    body: str = "<p>请携带身份证到窗口办理。</p>",
    *,
    keywords: tuple[str, ...] = (),
    organisation: str = "杭州市测试局",
    topic: tuple[str, str] = ("政法", "户籍证件"),
    effective_from: date = date(2024, 1, 1),
    expires_on: date | None = None,
    status: str = "published",
    minutes: int = 0,
    version: int = 1,
) -> Article:
    """Build a valid article; ``minutes`` orders ``updated_at`` for sync tests."""
    data: dict[str, Any] = {
        "id": article_id,
        "title": title,
        "body": body,
        "organisation": organisation,
        "topic": {"class": topic[0], "item": topic[1]},
        "keywords": list(keywords),
        "effective_from": effective_from.isoformat(),
        "expires_on": None if expires_on is None else expires_on.isoformat(),
        "status": status,
        "updated_at": (datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)).isoformat(),
        "version": version,
    }
    return Article.model_validate(data)


def open_index(
    tmp_path: Path, articles: list[Article] | None = None, name: str = "kb.sqlite"
) -> KnowledgeIndex:
    """Open an index file under ``tmp_path`` with the test synonyms, loaded with ``articles``."""
    index = KnowledgeIndex(tmp_path / name, SYNONYMS)
    if articles is not None:
        index.replace_all(articles)
    return index


def ids(hits: list[Any]) -> list[str]:
    """Return the article ids of search hits, in rank order."""
    return [hit.article_id for hit in hits]
