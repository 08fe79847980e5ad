"""The knowledge service: sync by pages (full, interrupted and resumed, withdrawals), searches that a
newer one cancels, offline use, the injected clock, use counts and feedback."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from knowledge_samples import make_article

from seatclient.knowledge import (
    ChangeBatch,
    SearchCancelled,
    load_default_synonyms,
    load_demo_base,
    serve_changes,
)
from seatclient.knowledge.service import (
    CHINA_TIME,
    FeedbackOutcome,
    KnowledgeService,
    KnowledgeSyncError,
    LocalDemoFeed,
    SyncProgress,
    SyncResult,
    china_today,
)

NOW = datetime(2025, 11, 1, 10, 0, tzinfo=CHINA_TIME)
DEMO_TOTAL = 312
DEMO_PUBLISHED = 308
# Current on 2025-11-01: 308 published minus four expired and one not yet in force (HZKB-0225, 2030).
DEMO_CURRENT = 303


class FlakyFeed:
    """A feed that fails on chosen fetch numbers (1-based), as a dropped connection would."""

    def __init__(self, inner: LocalDemoFeed, fail_on: set[int], error: Exception | None = None) -> None:
        self.inner = inner
        self.fail_on = fail_on
        self.error = error or ConnectionError("网络不可达")
        self.fetches = 0

    async def fetch_changes(self, cursor: str, page_size: int) -> ChangeBatch:
        self.fetches += 1
        if self.fetches in self.fail_on:
            raise self.error
        return await self.inner.fetch_changes(cursor, page_size)

    async def send_feedback(self, article_id: str, kind: Any, note: str) -> None:
        raise self.error


class OfflineFeed:
    """A backend that cannot be reached at all."""

    def __init__(self) -> None:
        self.fetches = 0

    async def fetch_changes(self, cursor: str, page_size: int) -> ChangeBatch:
        self.fetches += 1
        raise OSError("connection refused")

    async def send_feedback(self, article_id: str, kind: Any, note: str) -> None:
        raise OSError("connection refused")


@contextlib.asynccontextmanager
async def opened(
    folder: Path, feed: Any, clock: Callable[[], datetime] = lambda: NOW, page_size: int = 50
) -> AsyncIterator[KnowledgeService]:
    service = await KnowledgeService.open(
        folder, feed, clock, synonyms=load_default_synonyms(), page_size=page_size
    )
    try:
        yield service
    finally:
        await service.close()


def titles(hits: list[Any]) -> list[str]:
    return [hit.title for hit in hits]


@pytest.mark.asyncio
async def test_a_full_sync_pages_through_the_demo_base_and_reports_progress(tmp_path: Path) -> None:
    feed = LocalDemoFeed()
    progress: list[SyncProgress] = []
    finished: list[SyncResult] = []
    async with opened(tmp_path, feed) as service:
        service.sync_progress.connect(progress.append)
        service.sync_finished.connect(finished.append)
        assert await service.cursor() == ""
        result = await service.sync()
        # 312 articles in pages of 50: six full pages and one of 12; the four withdrawn ones were
        # never stored, so only the published count as changes.
        assert result.pages == 7
        assert result.changed == DEMO_PUBLISHED
        assert result.current_articles == DEMO_CURRENT == await service.count()
        assert finished == [result]
        assert [(step.pages, step.has_more) for step in progress] == [(n, n < 7) for n in range(1, 8)]
        assert progress[-1].changed == DEMO_PUBLISHED
        # Each page was asked for from the cursor of the page before.
        assert feed.requested_cursors[0] == ""
        assert len(set(feed.requested_cursors)) == 7
        assert await service.cursor() == result.cursor
        hits = await service.search("公积金")
        assert hits and all("公积金" in hit.title or "公积金" in hit.keywords for hit in hits[:5])
        # A second sync finds nothing new: one empty page.
        again = await service.sync()
        assert (again.pages, again.changed, again.cursor) == (1, 0, result.cursor)


@pytest.mark.asyncio
async def test_an_interrupted_sync_keeps_its_pages_and_resumes_from_the_stored_cursor(tmp_path: Path) -> None:
    demo = LocalDemoFeed()
    feed = FlakyFeed(demo, fail_on={3})
    failures: list[Exception] = []
    async with opened(tmp_path, feed) as service:
        service.sync_failed.connect(failures.append)
        with pytest.raises(KnowledgeSyncError) as raised:
            await service.sync()
        assert "网络不可达" in str(raised.value)
        assert failures == [raised.value]
        committed = await service.cursor()
        # Two pages of 50 were committed before the third fetch failed.
        first = serve_changes(demo.articles, "", 50)
        second = serve_changes(demo.articles, first.cursor, 50)
        assert committed == second.cursor
        stored = [*first.upserts, *second.upserts]
        assert await service.count() == sum(article.is_current(NOW.date()) for article in stored)
        demo.requested_cursors.clear()
        result = await service.sync()
        assert demo.requested_cursors[0] == committed
        assert result.pages == 5
        assert result.current_articles == DEMO_CURRENT
    # The same file, reopened, holds the complete base: nothing was lost or applied twice.
    async with opened(tmp_path, LocalDemoFeed()) as reopened:
        assert await reopened.count() == DEMO_CURRENT
        assert await reopened.cursor() == result.cursor


@pytest.mark.asyncio
async def test_a_cancelled_sync_resumes_after_the_last_page_it_applied(tmp_path: Path) -> None:
    demo = LocalDemoFeed(latency=0.05)
    async with opened(tmp_path, demo) as service:
        applied = asyncio.Event()
        service.sync_progress.connect(lambda step: applied.set() if step.pages == 2 else None)
        task = asyncio.ensure_future(service.sync())
        await asyncio.wait_for(applied.wait(), 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        committed = await service.cursor()
        assert committed in demo.requested_cursors[1:]
        assert not service.is_syncing
        demo.requested_cursors.clear()
        result = await service.sync()
        assert demo.requested_cursors[0] == committed
        assert result.current_articles == DEMO_CURRENT


@pytest.mark.asyncio
async def test_a_withdrawn_article_disappears_after_the_next_sync(tmp_path: Path) -> None:
    feed = LocalDemoFeed()
    async with opened(tmp_path, feed) as service:
        await service.sync()
        before = await service.search("租房提取")
        assert "HZKB-0001" in [hit.article_id for hit in before]
        feed.withdraw("HZKB-0001", datetime(2025, 11, 1, 9, 0, tzinfo=CHINA_TIME))
        result = await service.sync()
        assert (result.pages, result.changed) == (1, 1)
        assert result.current_articles == DEMO_CURRENT - 1
        after = await service.search("租房提取")
        assert "HZKB-0001" not in [hit.article_id for hit in after]
        document = await service.article("HZKB-0001")
        assert document is not None
        assert document.current is False
        assert document.article.status.value == "withdrawn"


@pytest.mark.asyncio
async def test_a_feed_that_repeats_its_position_is_an_error_not_a_endless_loop(tmp_path: Path) -> None:
    class StuckFeed(LocalDemoFeed):
        async def fetch_changes(self, cursor: str, page_size: int) -> ChangeBatch:
            return ChangeBatch(cursor=cursor, has_more=True)

    async with opened(tmp_path, StuckFeed([])) as service:
        with pytest.raises(KnowledgeSyncError, match="没有进展"):
            await service.sync()


def gate_search(
    service: KnowledgeService, slow_query: str, *, search_first: bool
) -> tuple[threading.Event, threading.Event]:
    """Make the index's search for ``slow_query`` wait for a gate, before or after really searching."""
    entered, gate = threading.Event(), threading.Event()
    original = service.index.search

    def search(query: str, **kwargs: Any) -> Any:
        if query != slow_query:
            return original(query, **kwargs)
        if search_first:
            hits = original(query, **kwargs)
            entered.set()
            gate.wait(5)
            return hits
        entered.set()
        gate.wait(5)
        return original(query, **kwargs)

    service.index.search = search  # type: ignore[method-assign]
    return entered, gate


@pytest.mark.asyncio
@pytest.mark.parametrize("search_first", [False, True], ids=["cancelled-before", "finished-but-superseded"])
async def test_a_newer_search_supersedes_the_older_whose_result_is_never_returned(
    tmp_path: Path, search_first: bool
) -> None:
    async with opened(tmp_path, LocalDemoFeed()) as service:
        await service.sync()
        entered, gate = gate_search(service, "护照", search_first=search_first)
        older = asyncio.ensure_future(service.search("护照"))
        await asyncio.get_running_loop().run_in_executor(None, entered.wait, 5)
        newer = asyncio.ensure_future(service.search("公积金"))
        await asyncio.sleep(0.05)
        gate.set()
        with pytest.raises(SearchCancelled):
            await older
        hits = await newer
        assert hits and all("护照" not in hit.title for hit in hits)


@pytest.mark.asyncio
async def test_searches_on_different_channels_do_not_cancel_each_other(tmp_path: Path) -> None:
    async with opened(tmp_path, LocalDemoFeed()) as service:
        await service.sync()
        entered, gate = gate_search(service, "护照", search_first=False)
        panel = asyncio.ensure_future(service.search("护照"))
        await asyncio.get_running_loop().run_in_executor(None, entered.wait, 5)
        related = asyncio.ensure_future(service.related("护照过期了怎么办"))
        gate.set()
        assert "护照丢了怎么办" in titles(await panel)
        assert "护照丢了怎么办" in titles(await related)


@pytest.mark.asyncio
async def test_cancelling_the_waiting_task_stops_the_search_in_its_thread(tmp_path: Path) -> None:
    async with opened(tmp_path, LocalDemoFeed()) as service:
        await service.sync()
        tokens: list[Any] = []
        entered, gate = threading.Event(), threading.Event()
        original = service.index.search

        def search(query: str, **kwargs: Any) -> Any:
            tokens.append(kwargs["cancel"])
            entered.set()
            gate.wait(5)
            return original(query, **kwargs)

        service.index.search = search  # type: ignore[method-assign]
        task = asyncio.ensure_future(service.search("护照"))
        await asyncio.get_running_loop().run_in_executor(None, entered.wait, 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert tokens[0].cancelled
        gate.set()


@pytest.mark.asyncio
async def test_offline_the_search_answers_from_what_was_synced_before(tmp_path: Path) -> None:
    failures: list[Exception] = []
    async with opened(tmp_path, OfflineFeed()) as service:
        service.sync_failed.connect(failures.append)
        with pytest.raises(KnowledgeSyncError):
            await service.sync()
        assert await service.search("护照") == []
        assert len(failures) == 1 and "已同步的内容仍可检索" in str(failures[0])
        service.set_feed(LocalDemoFeed())
        await service.sync()
        service.set_feed(OfflineFeed())
        with pytest.raises(KnowledgeSyncError):
            await service.sync()
        assert "护照丢了怎么办" in titles(await service.search("护照"))
        # Feedback is not lost offline: it waits in the profile for the link.
        assert await service.send_feedback("HZKB-0087", "useful") is FeedbackOutcome.QUEUED
        assert await service.pending_feedback() == 1


@pytest.mark.asyncio
async def test_keep_synced_retries_while_offline_and_never_raises(tmp_path: Path) -> None:
    offline = OfflineFeed()
    finished: list[SyncResult] = []
    async with opened(tmp_path, offline) as service:
        service.sync_finished.connect(finished.append)
        task = asyncio.ensure_future(service.keep_synced(interval=60, retry=0.02))
        for _ in range(200):
            if offline.fetches >= 3:
                break
            await asyncio.sleep(0.01)
        assert offline.fetches >= 3 and not task.done()
        service.set_feed(LocalDemoFeed())
        for _ in range(500):
            if finished:
                break
            await asyncio.sleep(0.01)
        assert finished and finished[0].current_articles == DEMO_CURRENT
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


@pytest.mark.asyncio
async def test_today_comes_from_the_injected_clock_in_china_time(tmp_path: Path) -> None:
    now = [NOW]
    async with opened(tmp_path, LocalDemoFeed(), clock=lambda: now[0]) as service:
        await service.sync()
        assert "HZKB-0225" not in [hit.article_id for hit in await service.search("新版办事指南")]
        # 2029-12-31 16:30 UTC is already 2030-01-01 in Hangzhou, the day the article comes into force.
        now[0] = datetime.fromisoformat("2029-12-31T16:30:00+00:00")
        assert service.today().isoformat() == "2030-01-01"
        assert "HZKB-0225" in [hit.article_id for hit in await service.search("新版办事指南")]
    assert china_today(datetime.fromisoformat("2025-10-31T15:59:00+00:00")).isoformat() == "2025-10-31"
    assert china_today(datetime.fromisoformat("2025-10-31T16:00:00+00:00")).isoformat() == "2025-11-01"


@pytest.mark.asyncio
async def test_articles_browse_use_counts_and_feedback(tmp_path: Path) -> None:
    feed = LocalDemoFeed()
    async with opened(tmp_path, feed) as service:
        await service.sync()
        document = await service.article("HZKB-0001")
        assert document is not None and document.current
        assert document.article.organisation == "杭州住房公积金管理中心"
        assert "12329" in document.body.text and "<b>" in document.body.html
        assert await service.article("NO-SUCH") is None
        tree = await service.topic_tree()
        assert sum(node.count for node in tree) == DEMO_CURRENT
        units = await service.organisations()
        unit_total = next(node.count for node in units if node.name == "杭州住房公积金管理中心")
        listed = await service.browse(organisation="杭州住房公积金管理中心")
        assert len(listed) == unit_total and all(s.organisation == "杭州住房公积金管理中心" for s in listed)
        assert await service.record_use("HZKB-0001") == 1
        assert await service.record_use("HZKB-0001") == 2
        assert service.index.use_count("HZKB-0001") == 2
        await service.send_feedback("HZKB-0001", "outdated", "  额度已调整  ")
        await service.send_feedback("HZKB-0002", "useful")
        assert [(f.article_id, f.kind, f.note) for f in feed.feedback] == [
            ("HZKB-0001", "outdated", "额度已调整"),
            ("HZKB-0002", "useful", ""),
        ]
        with pytest.raises(ValueError, match="反馈类型"):
            await service.send_feedback("HZKB-0001", "bad")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="NO-SUCH"):
            await service.send_feedback("NO-SUCH", "useful")


@pytest.mark.asyncio
async def test_the_feed_serves_published_withdrawn_and_new_articles(tmp_path: Path) -> None:
    feed = LocalDemoFeed([make_article("A", "护照办理", minutes=1)])
    async with opened(tmp_path, feed) as service:
        await service.sync()
        feed.publish(make_article("B", "驾驶证换证", minutes=2))
        feed.publish(make_article("A", "护照办理（新版）", minutes=3, version=2))
        result = await service.sync()
        assert (result.changed, result.current_articles) == (2, 2)
        assert titles(await service.search("护照")) == ["护照办理（新版）"]
    assert len(load_demo_base()) == DEMO_TOTAL == len(LocalDemoFeed().articles)
