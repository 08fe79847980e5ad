"""Feedback that outlives an offline seat (queued in the profile, delivered in order, refusals dropped),
the HTTP feed's reading of refusals, and synonyms that follow the rule book and its config bundle."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from knowledge_samples import make_article

from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.knowledge_feed import HttpKnowledgeFeed
from seatclient.api.models import ErrorBody
from seatclient.knowledge import ChangeBatch
from seatclient.knowledge.service import (
    CHINA_TIME,
    FeedbackOutcome,
    FeedbackRefused,
    KnowledgeService,
    LocalDemoFeed,
)
from seatclient.rules import RuleBook

NOW = datetime(2025, 11, 1, 10, 0, tzinfo=CHINA_TIME)
DEED = make_article("T-DEED", "不动产权证书补办", keywords=("不动产",))


class SwitchableFeed(LocalDemoFeed):
    """A demo feed whose feedback endpoint can be unreachable, or refuse chosen articles."""

    def __init__(self, articles: Any = None) -> None:
        super().__init__(articles)
        self.reachable = False
        self.refuse: set[str] = set()
        self.fail_after: int | None = None
        self.attempts = 0

    async def send_feedback(self, article_id: str, kind: Any, note: str) -> None:
        self.attempts += 1
        if not self.reachable or (self.fail_after is not None and len(self.feedback) >= self.fail_after):
            raise ConnectionError("网络不可达")
        if article_id in self.refuse:
            raise FeedbackRefused(f"知识库中没有编号为 {article_id} 的知识")
        await super().send_feedback(article_id, kind, note)


@contextlib.asynccontextmanager
async def opened(
    folder: Path, feed: Any, rulebook: RuleBook | None = None
) -> AsyncIterator[KnowledgeService]:
    service = await KnowledgeService.open(folder, feed, lambda: NOW, rulebook=rulebook)
    try:
        yield service
    finally:
        await service.close()


def sent(feed: LocalDemoFeed) -> list[tuple[str, str, str]]:
    return [(record.article_id, record.kind, record.note) for record in feed.feedback]


@pytest.mark.asyncio
async def test_offline_feedback_survives_a_restart_and_goes_in_order_with_the_next_sync(
    tmp_path: Path,
) -> None:
    feed = SwitchableFeed()
    async with opened(tmp_path, feed) as service:
        assert await service.send_feedback("HZKB-0001", "outdated", " 额度已调整 ") is FeedbackOutcome.QUEUED
        assert await service.send_feedback("HZKB-0002", "useful") is FeedbackOutcome.QUEUED
        assert await service.pending_feedback() == 2
        assert feed.feedback == []
    # The client was closed while offline; the queue is in the profile's index file.
    feed.reachable = True
    async with opened(tmp_path, feed) as service:
        assert await service.pending_feedback() == 2
        await service.sync()
        assert sent(feed) == [("HZKB-0001", "outdated", "额度已调整"), ("HZKB-0002", "useful", "")]
        assert await service.pending_feedback() == 0
        # Online, new feedback goes at once.
        assert await service.send_feedback("HZKB-0003", "useful") is FeedbackOutcome.SENT
        assert sent(feed)[-1] == ("HZKB-0003", "useful", "")


@pytest.mark.asyncio
async def test_a_pass_stops_at_the_first_unreachable_send_and_drops_refusals(tmp_path: Path) -> None:
    feed = SwitchableFeed()
    async with opened(tmp_path, feed) as service:
        for article_id in ("HZKB-0001", "NO-SUCH", "HZKB-0002", "HZKB-0003"):
            await service.send_feedback(article_id, "useful")
        feed.reachable = True
        feed.refuse = {"NO-SUCH"}
        feed.fail_after = 2
        delivery = await service.deliver_feedback()
        # Sent 0001, dropped the refused one, sent 0002, then the link went: 0003 waits.
        assert [record.article_id for record in feed.feedback] == ["HZKB-0001", "HZKB-0002"]
        assert len(delivery.sent) == 2 and list(delivery.refused.values()) == [
            "知识库中没有编号为 NO-SUCH 的知识"
        ]
        assert delivery.pending == 1
        assert await service.pending_feedback() == 1
        feed.fail_after = None
        assert (await service.deliver_feedback()).pending == 0
        assert [record.article_id for record in feed.feedback] == ["HZKB-0001", "HZKB-0002", "HZKB-0003"]


@pytest.mark.asyncio
async def test_feedback_the_backend_refuses_is_said_and_not_kept(tmp_path: Path) -> None:
    feed = SwitchableFeed()
    feed.reachable = True
    async with opened(tmp_path, feed) as service:
        with pytest.raises(FeedbackRefused, match="NO-SUCH"):
            await service.send_feedback("NO-SUCH", "useful")
        with pytest.raises(FeedbackRefused, match="反馈类型"):
            await service.send_feedback("HZKB-0001", "bad")  # type: ignore[arg-type]
        assert await service.pending_feedback() == 0


class FakeClient:
    """Stands in for ``ApiClient``: the feedback call raises what it is told to."""

    def __init__(self, error: BaseException | None) -> None:
        self.error = error
        self.calls: list[tuple[str, str, str]] = []

    async def knowledge_feedback(self, article_id: str, kind: str, note: str = "") -> None:
        self.calls.append((article_id, kind, note))
        if self.error is not None:
            raise self.error

    async def knowledge_changes(self, cursor: str, page_size: int) -> dict[str, Any]:
        return ChangeBatch(cursor=cursor).model_dump(mode="json")


@pytest.mark.asyncio
async def test_the_http_feed_tells_a_refusal_from_an_unreachable_backend() -> None:
    unknown = BackendError(ErrorKind.REJECTED, 404, ErrorBody(code="unknown_article", message="没有这条知识"))
    feed = HttpKnowledgeFeed(FakeClient(unknown))  # type: ignore[arg-type]
    with pytest.raises(FeedbackRefused) as refused:
        await feed.send_feedback("X", "useful", "")
    assert refused.value.__cause__ is unknown
    for error in (
        BackendError(ErrorKind.REJECTED, 429, ErrorBody(code="rate_limited", message="请稍后")),
        BackendError(ErrorKind.UNREACHABLE),
        BackendError(ErrorKind.SERVER_ERROR, 503),
    ):
        feed = HttpKnowledgeFeed(FakeClient(error))  # type: ignore[arg-type]
        with pytest.raises(BackendError) as raised:
            await feed.send_feedback("X", "useful", "")
        assert raised.value is error and not isinstance(raised.value, FeedbackRefused)
    client = FakeClient(None)
    await HttpKnowledgeFeed(client).send_feedback("HZKB-0001", "outdated", "过时")  # type: ignore[arg-type]
    assert client.calls == [("HZKB-0001", "outdated", "过时")]


def synonym_document(*groups: list[str]) -> dict[str, Any]:
    return {"description": "测试", "groups": [{"terms": terms} for terms in groups]}


@pytest.mark.asyncio
async def test_synonyms_come_from_the_hall_folder_and_then_from_the_config_bundle(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    override = tmp_path / "rules"
    override.mkdir()
    (override / "knowledge_synonyms.json").write_text(
        json.dumps(synonym_document(["房本", "不动产权证书"]), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    book = RuleBook(override_dir=override)
    feed = LocalDemoFeed([DEED])
    async with opened(tmp_path / "kb", feed, rulebook=book) as service:
        await service.sync()
        assert [hit.article_id for hit in await service.search("房本")] == ["T-DEED"]
        assert await service.search("红本") == []

        # Signing in brings the backend's bundle; the next sync takes its synonyms.
        book.apply_bundle("2025-11-01", {"knowledge_synonyms": synonym_document(["红本", "不动产权证书"])})
        await service.sync()
        assert [hit.article_id for hit in await service.search("红本")] == ["T-DEED"]
        assert await service.search("房本") == []

        # A broken bundle file keeps the table in force, and says exactly where the mistake is.
        book.apply_bundle("2025-11-02", {"knowledge_synonyms": {"groups": [{"terms": ["红本"]}]}})
        with caplog.at_level(logging.ERROR, logger="seatclient.knowledge.service"):
            await service.sync()
        assert [hit.article_id for hit in await service.search("红本")] == ["T-DEED"]
        assert any("groups/0/terms" in record.getMessage() for record in caplog.records)
