"""The knowledge base article (知识条目) as the client stores, syncs and shows it (HZ 9, ZJ art. 23).

An article is filed under a two-level business topic of HZ appendix E (table E.1) and under the
organisation (发布单位) that published it; it is current from ``effective_from`` until its optional
``expires_on`` and while its status is ``published``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from seatclient.i18n import tr
from seatclient.resources import resource_path


class ArticleStatus(StrEnum):
    """Whether an article may be used to answer callers."""

    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class ArticleKind(StrEnum):
    """What sort of knowledge an article is (HZ 9.1: policies, guides, Q&A, notices, official answers)."""

    POLICY = "policy"
    GUIDE = "guide"
    QA = "qa"
    NOTICE = "notice"
    OFFICIAL_ANSWER = "official_answer"
    WARNING = "warning"


class Topic(BaseModel):
    """A business topic of HZ appendix E: a first-level class (类别) and a second-level item (内容).

    Attributes:
        class_: the first-level class, e.g. ``劳动和社会保障`` (``"class"`` in JSON).
        item: the second-level item, e.g. ``城镇职工社会保险``.
    """

    model_config = ConfigDict(frozen=True, populate_by_name=True, extra="forbid")

    class_: str = Field(alias="class", min_length=1, max_length=40)
    item: str = Field(min_length=1, max_length=40)


class Article(BaseModel):
    """One knowledge base article.

    Attributes:
        id: the backend's stable identifier (letters, digits, ``.``, ``_``, ``-``).
        title: the headline call-takers scan.
        body: the text in a restricted HTML subset; shown only after ``sanitize_html``.
        organisation: the publishing unit (发布单位), e.g. ``杭州住房公积金管理中心``.
        topic: the appendix E topic.
        keywords: words the publisher chose for finding the article.
        kind: policy, guide, Q&A, notice, official answer or warning.
        effective_from: first day the article applies.
        expires_on: last day it applies, or ``None`` when open-ended.
        status: published or withdrawn.
        updated_at: when the backend last changed it (timezone-aware).
        version: the backend's revision number, increasing with every change.
    """

    model_config = ConfigDict(frozen=True, populate_by_name=True, extra="forbid")

    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(max_length=20000)
    organisation: str = Field(min_length=1, max_length=100)
    topic: Topic
    keywords: tuple[str, ...] = ()
    kind: ArticleKind = ArticleKind.GUIDE
    effective_from: date
    expires_on: date | None = None
    status: ArticleStatus = ArticleStatus.PUBLISHED
    updated_at: datetime
    version: int = Field(ge=1)

    @field_validator("title", "organisation")
    @classmethod
    def _strip_text(cls, value: str) -> str:
        stripped = value.strip()
        if not stripped:
            raise ValueError("must not be blank")
        return stripped

    @field_validator("keywords")
    @classmethod
    def _clean_keywords(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        cleaned: list[str] = []
        for keyword in value:
            word = keyword.strip()
            if word and word not in cleaned:
                cleaned.append(word)
        return tuple(cleaned)

    @field_validator("updated_at")
    @classmethod
    def _require_timezone(cls, value: datetime) -> datetime:
        # A naive time cannot be ordered against the backend's cursor, which is in UTC.
        if value.tzinfo is None:
            raise ValueError("updated_at needs a timezone, e.g. 2025-03-01T08:00:00+08:00")
        return value.astimezone(UTC)

    @model_validator(mode="after")
    def _check_dates(self) -> Article:
        if self.expires_on is not None and self.expires_on < self.effective_from:
            raise ValueError("expires_on is before effective_from")
        return self

    def is_current(self, today: date) -> bool:
        """Return whether the article may be given to a caller on ``today``."""
        if self.status is not ArticleStatus.PUBLISHED:
            return False
        if self.effective_from > today:
            return False
        return self.expires_on is None or self.expires_on >= today

    def to_json(self) -> dict[str, Any]:
        """Return the article as the JSON object the backend and the demo base use."""
        return self.model_dump(mode="json", by_alias=True)


def utc_stamp(moment: datetime) -> str:
    """Return ``moment`` as a fixed-width UTC text that sorts in time order (``2025-03-01T00:00:00.000000Z``)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class ArticleDataError(ValueError):
    """An article list that cannot be read; the message is Chinese and names the article."""


def parse_articles(raw: Iterable[Any]) -> list[Article]:
    """Validate JSON objects as articles, naming the first bad one (position and id) in Chinese.

    Raises:
        ArticleDataError: when an entry is not a valid article or an id appears twice.
    """
    articles: list[Article] = []
    seen: set[str] = set()
    for position, entry in enumerate(raw):
        try:
            article = Article.model_validate(entry)
        except ValidationError as exc:
            ident = entry.get("id", "?") if isinstance(entry, dict) else "?"
            first = exc.errors()[0]
            where = "/".join(str(part) for part in first["loc"])
            raise ArticleDataError(
                tr("Knowledge", "第 {position} 条知识（{ident}）无效：{where}：{problem}").format(
                    position=position + 1, ident=ident, where=where, problem=first["msg"]
                )
            ) from exc
        if article.id in seen:
            raise ArticleDataError(tr("Knowledge", "知识编号 {ident} 重复出现").format(ident=article.id))
        seen.add(article.id)
        articles.append(article)
    return articles


def load_articles(path: Path) -> list[Article]:
    """Read a JSON file holding ``{"articles": [...]}`` (or a bare list) and validate every article.

    Raises:
        ArticleDataError: when the file is missing, is not JSON or holds an invalid article.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ArticleDataError(tr("Knowledge", "知识库文件不存在：{path}").format(path=path)) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArticleDataError(
            tr("Knowledge", "知识库文件不是合法的 UTF-8 JSON：{path}").format(path=path)
        ) from exc
    entries: Sequence[Any]
    if isinstance(document, dict) and isinstance(document.get("articles"), list):
        entries = document["articles"]
    elif isinstance(document, list):
        entries = document
    else:
        raise ArticleDataError(
            tr("Knowledge", '知识库文件应为对象 {{"articles": [...]}} 或数组：{path}').format(path=path)
        )
    return parse_articles(entries)


def demo_base_path() -> Path:
    """Return the path of the shipped demo base (training mode and the mock backend use it)."""
    return resource_path("knowledge", "demo_base.json")


def load_demo_base() -> list[Article]:
    """Load and validate the shipped demo knowledge base."""
    return load_articles(demo_base_path())
