"""The knowledge service: the local index driven from asyncio, for the seat window's knowledge panels.

Everything that touches SQLite runs in one of two worker threads (one writes: sync, use counts;
one reads: searches, articles, browse lists), so the event loop, and the call-taker's typing, never
waits on the disk. A search is tied to a *channel* (the panel's search box, the form's related
articles): a newer search on a channel cancels the older one, whose result is never returned.

Sync pulls change pages from a ``KnowledgeFeed`` (the backend over HTTP, or ``LocalDemoFeed`` for
training and tests) and commits each page with its cursor, so an interrupted sync resumes where it
stopped. Without a backend, searches answer from whatever was synced before. Qt-free.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import os
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Literal, Protocol, TypeVar

from seatclient.i18n import tr
from seatclient.knowledge.index import (
    ArticleSummary,
    CancelToken,
    KnowledgeIndex,
    SearchCancelled,
    SearchHit,
    TopicCount,
)
from seatclient.knowledge.model import Article, ArticleStatus, load_demo_base
from seatclient.knowledge.sanitize import SafeBody
from seatclient.knowledge.sync import ChangeBatch, serve_changes
from seatclient.knowledge.synonyms import SynonymTable, load_default_synonyms
from seatclient.knowledge.textkeys import fold
from seatclient.observable import Signal
from seatclient.rules import RuleBook, RuleError

log = logging.getLogger(__name__)

FeedbackKind = Literal["useful", "outdated"]
"""What a call-taker says about an article: it helped, or it is out of date."""

FEEDBACK_KINDS: tuple[FeedbackKind, ...] = ("useful", "outdated")

# Article dates are Chinese calendar days; China keeps one offset all year.
CHINA_TIME = timezone(timedelta(hours=8), "Asia/Shanghai")
INDEX_FILE_NAME = "knowledge.sqlite"
DEFAULT_PAGE_SIZE = 200
SEARCH_CHANNEL = "search"
RELATED_CHANNEL = "related"
RELATED_LIMIT = 5
# How many extracted terms, and searches, one related-articles look-up may use.
MAX_RELATED_TERMS = 4
MAX_RELATED_QUERIES = 8
_RELATED_HITS_PER_QUERY = 10
# How much a hit counts by where it matched: a title says most about what an article is for.
_PLACE_WEIGHT = {"title": 3.0, "keywords": 2.0, "body": 1.0}
_RANK_DECAY = 0.15
# Said on the phone around what matters; never useful as search terms on their own.
_FILLER_PHRASES = (
    "我想问一下",
    "我想问问",
    "想咨询一下",
    "想了解一下",
    "咨询一下",
    "了解一下",
    "问一下",
    "请问",
    "你好",
    "您好",
    "我想",
    "我要",
    "想问",
    "咨询",
    "怎么办",
    "怎么样",
    "怎么",
    "如何",
    "什么",
    "哪里",
    "可以",
    "能不能",
    "需要",
    "是否",
    "一下",
    "谢谢",
)
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_FALLBACK_WINDOW = 3
_VOCABULARY_FORMAT = 1
_BROWSE_ALL = 10_000_000

_T = TypeVar("_T")


class KnowledgeFeed(Protocol):
    """Where knowledge changes come from and feedback goes to (the backend, or a local stand-in)."""

    async def fetch_changes(self, cursor: str, page_size: int) -> ChangeBatch:
        """Return the page of changes after ``cursor`` (``""``: from the beginning)."""
        ...

    async def send_feedback(self, article_id: str, kind: FeedbackKind, note: str) -> None:
        """Tell the knowledge editors an article was useful or is outdated.

        Raises ``FeedbackRefused`` when the backend answered no for good (an unknown article);
        anything else it raises counts as "not reached", and the feedback is tried again later.
        """
        ...


class FeedbackRefused(ValueError):
    """The backend refused feedback for good (an unknown article, an unknown kind): never retried."""


class FeedbackOutcome(StrEnum):
    """What became of feedback: the backend has it, or it waits in the local queue for the link."""

    SENT = "sent"
    QUEUED = "queued"


@dataclass(frozen=True)
class FeedbackDelivery:
    """What one pass over the feedback queue did.

    Attributes:
        sent: queue places the backend took.
        refused: queue places the backend refused for good, with its reason.
        pending: how many still wait (the backend could not be reached).
    """

    sent: tuple[int, ...] = ()
    refused: dict[int, str] = field(default_factory=dict)
    pending: int = 0


@dataclass(frozen=True)
class FeedbackRecord:
    """One piece of feedback as ``LocalDemoFeed`` received it."""

    article_id: str
    kind: FeedbackKind
    note: str


class LocalDemoFeed:
    """A feed over an in-memory article list: the shipped demo base for training, or a test's articles.

    It pages exactly as the backend does (``serve_changes``). ``publish`` and ``withdraw`` change the
    list as an editor would, so a later sync picks the change up.

    Args:
        articles: the backend's articles, each in its latest version (default: the demo base).
        latency: seconds every call waits, to imitate a network.
    """

    def __init__(self, articles: Iterable[Article] | None = None, *, latency: float = 0.0) -> None:
        source = load_demo_base() if articles is None else articles
        self._articles: dict[str, Article] = {article.id: article for article in source}
        self._latency = latency
        self.requested_cursors: list[str] = []
        self.feedback: list[FeedbackRecord] = []

    @property
    def articles(self) -> tuple[Article, ...]:
        """The articles as the feed serves them now."""
        return tuple(self._articles.values())

    def publish(self, article: Article) -> None:
        """Add an article or replace the one with its id (give it a later ``updated_at``)."""
        self._articles[article.id] = article

    def withdraw(self, article_id: str, updated_at: datetime | None = None) -> Article:
        """Withdraw an article as of ``updated_at`` (default: now); returns the withdrawn version.

        Raises:
            KeyError: when the feed has no such article.
        """
        current = self._articles[article_id]
        withdrawn = current.model_copy(
            update={
                "status": ArticleStatus.WITHDRAWN,
                "version": current.version + 1,
                "updated_at": (updated_at or datetime.now(UTC)).astimezone(UTC),
            }
        )
        self._articles[article_id] = withdrawn
        return withdrawn

    async def fetch_changes(self, cursor: str, page_size: int) -> ChangeBatch:
        """Return the page after ``cursor``, as the backend's knowledge endpoint would."""
        self.requested_cursors.append(cursor)
        if self._latency:
            await asyncio.sleep(self._latency)
        return serve_changes(self._articles.values(), cursor, page_size)

    async def send_feedback(self, article_id: str, kind: FeedbackKind, note: str) -> None:
        """Keep the feedback in ``feedback``.

        Raises:
            FeedbackRefused: for an unknown article or kind (the backend answers the same).
        """
        if self._latency:
            await asyncio.sleep(self._latency)
        if kind not in FEEDBACK_KINDS:
            raise FeedbackRefused(tr("Knowledge", "未知的反馈类型：{kind}").format(kind=kind))
        if article_id not in self._articles:
            raise FeedbackRefused(tr("Knowledge", "没有编号为 {ident} 的知识").format(ident=article_id))
        self.feedback.append(FeedbackRecord(article_id, kind, note))


@dataclass(frozen=True)
class SyncProgress:
    """How far a running sync got.

    Attributes:
        pages: pages applied so far in this sync.
        changed: articles added, changed or withdrawn so far.
        has_more: whether the backend said more pages follow.
    """

    pages: int
    changed: int
    has_more: bool


@dataclass(frozen=True)
class SyncResult:
    """A finished sync.

    Attributes:
        pages: pages applied.
        changed: articles added, changed or withdrawn.
        cursor: the cursor committed last.
        current_articles: current articles in the index afterwards.
    """

    pages: int
    changed: int
    cursor: str
    current_articles: int


class KnowledgeSyncError(Exception):
    """A sync that could not finish; the pages applied before it stay, and the next sync resumes."""


@dataclass(frozen=True)
class ArticleDocument:
    """An article ready to show: its data and its body in the safe subset.

    Attributes:
        article: the stored article (dates, organisation, topic).
        body: the sanitised body, its plain text and its links.
        current: whether it may be given to a caller today.
    """

    article: Article
    body: SafeBody
    current: bool


def china_today(now: datetime) -> date:
    """Return the calendar day in China at ``now`` (an aware time), the day article dates refer to."""
    return now.astimezone(CHINA_TIME).date()


class KnowledgeService:
    """The knowledge base for the UI: sync, search, related articles, articles, use counts, feedback.

    Construct it with an open index, or use ``open`` to open (or create) the index in a profile
    folder without blocking the loop. Call ``close`` when done.

    Args:
        index: the local index (the service closes it in ``close``).
        feed: where changes come from and feedback goes.
        clock: the current time (the backend's clock), which decides what is current today.
        synonyms: the synonym table the index uses; its terms help find related articles.
        page_size: articles per sync page.
        rulebook: where the synonyms come from; when given, a newer backend config bundle in it
            replaces them before the next sync.

    Signals:
        sync_progress: a ``SyncProgress`` after every page applied.
        sync_finished: a ``SyncResult`` when a sync reached the end.
        sync_failed: the exception (a ``KnowledgeSyncError``) that stopped a sync.
    """

    def __init__(
        self,
        index: KnowledgeIndex,
        feed: KnowledgeFeed,
        clock: Callable[[], datetime],
        *,
        synonyms: SynonymTable | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        rulebook: RuleBook | None = None,
    ) -> None:
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        self._index = index
        self._feed = feed
        self._clock = clock
        self._synonyms = synonyms or SynonymTable()
        self._rulebook = rulebook
        self._synonyms_bundle = rulebook.bundle_version if rulebook is not None else None
        self._feedback_lock = asyncio.Lock()
        self._page_size = page_size
        # One writer thread keeps writes in order; one reader thread, since the index serialises
        # its reads anyway and a superseded search gives way within milliseconds of being cancelled.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="knowledge-write")
        self._reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="knowledge-read")
        self._tokens: dict[str, CancelToken] = {}
        self._sync_lock = asyncio.Lock()
        self._vocabulary_lock = asyncio.Lock()
        self._keywords: set[str] | None = None
        self._closed = False
        self.sync_progress: Signal[SyncProgress] = Signal()
        self.sync_finished: Signal[SyncResult] = Signal()
        self.sync_failed: Signal[Exception] = Signal()

    @classmethod
    async def open(
        cls,
        folder: Path,
        feed: KnowledgeFeed,
        clock: Callable[[], datetime],
        *,
        synonyms: SynonymTable | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        rulebook: RuleBook | None = None,
    ) -> KnowledgeService:
        """Open or create ``folder/knowledge.sqlite`` in a worker thread and return the service.

        ``synonyms`` defaults to ``knowledge_synonyms`` from ``rulebook`` (the hall's override
        folder and the backend's config bundle), or from the shipped rules without one.

        Raises:
            RuleError: when the synonym rule file is malformed.
            sqlite3.Error: when the index file cannot be opened.
        """

        def build() -> tuple[KnowledgeIndex, SynonymTable]:
            folder.mkdir(parents=True, exist_ok=True)
            table = synonyms if synonyms is not None else load_default_synonyms(rulebook)
            return KnowledgeIndex(folder / INDEX_FILE_NAME, table), table

        index, table = await asyncio.get_running_loop().run_in_executor(None, build)
        return cls(index, feed, clock, synonyms=table, page_size=page_size, rulebook=rulebook)

    # Plumbing ---------------------------------------------------------------------------------
    @property
    def index(self) -> KnowledgeIndex:
        """The index (for tools and tests; the UI goes through the service)."""
        return self._index

    @property
    def feed(self) -> KnowledgeFeed:
        """The feed changes come from."""
        return self._feed

    def set_feed(self, feed: KnowledgeFeed) -> None:
        """Use another feed from the next sync on (e.g. after signing in to another backend)."""
        self._feed = feed

    def today(self) -> date:
        """The day in China by the injected clock."""
        return china_today(self._clock())

    @property
    def synonyms(self) -> SynonymTable:
        """The synonym table in force."""
        return self._synonyms

    def set_synonyms(self, synonyms: SynonymTable) -> None:
        """Search with another synonym table from the next search on."""
        self._synonyms = synonyms
        self._index.set_synonyms(synonyms)

    async def follow_rulebook(self) -> bool:
        """Take the synonyms of a config bundle the rule book received since they were last read.

        Returns whether the table was replaced. A malformed file in the bundle leaves the table in
        force (and is logged with its exact place): searching must go on whatever a bundle holds.
        """
        book = self._rulebook
        if book is None or book.bundle_version == self._synonyms_bundle:
            return False
        self._synonyms_bundle = book.bundle_version
        try:
            table = await asyncio.get_running_loop().run_in_executor(None, load_default_synonyms, book)
        except RuleError as exc:
            log.error(
                "knowledge synonyms of config bundle %s unusable, kept the previous: %s",
                book.bundle_version,
                exc,
            )
            return False
        self.set_synonyms(table)
        log.info("knowledge synonyms taken from config bundle %s", book.bundle_version)
        return True

    async def _read(self, work: Callable[[], _T]) -> _T:
        return await asyncio.get_running_loop().run_in_executor(self._reader, work)

    async def _write(self, work: Callable[[], _T]) -> _T:
        return await asyncio.get_running_loop().run_in_executor(self._writer, work)

    async def close(self) -> None:
        """Cancel running searches, let the worker threads finish, then close the index."""
        if self._closed:
            return
        self._closed = True
        for token in self._tokens.values():
            token.cancel()
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, partial(self._reader.shutdown, wait=True))
        await loop.run_in_executor(None, partial(self._writer.shutdown, wait=True))
        await loop.run_in_executor(None, self._index.close)

    # Sync -------------------------------------------------------------------------------------
    @property
    def is_syncing(self) -> bool:
        """Whether a sync is under way."""
        return self._sync_lock.locked()

    async def cursor(self) -> str:
        """The cursor of the last page committed (``""`` before the first sync)."""
        return await self._write(lambda: self._index.cursor)

    async def sync(self) -> SyncResult:
        """Fetch and apply pages until the feed has no more; a second call waits for the first.

        Each page is committed with its cursor before the next is asked for, so after a failure or
        a cancellation the next sync continues from the last page committed. Emits
        ``sync_progress`` per page, then ``sync_finished`` or ``sync_failed``.

        Raises:
            KnowledgeSyncError: when the feed failed or sent a page that cannot be applied.
        """
        async with self._sync_lock:
            await self.follow_rulebook()
            pages = 0
            changed = 0
            cursor = await self.cursor()
            try:
                while True:
                    batch = await self._feed.fetch_changes(cursor, self._page_size)
                    changed += await self._write(partial(self._index.apply_changes, batch))
                    pages += 1
                    stalled = batch.has_more and batch.cursor == cursor
                    cursor = batch.cursor
                    self._learn_keywords(batch.upserts)
                    self.sync_progress.emit(SyncProgress(pages, changed, batch.has_more))
                    if stalled:
                        raise KnowledgeSyncError(
                            tr("Knowledge", "知识库同步没有进展：服务端重复返回同一位置")
                        )
                    if not batch.has_more:
                        break
            except Exception as exc:
                error = (
                    exc
                    if isinstance(exc, KnowledgeSyncError)
                    else KnowledgeSyncError(
                        tr("Knowledge", "知识库同步中断（已同步的内容仍可检索）：{reason}").format(
                            reason=str(exc) or type(exc).__name__
                        )
                    )
                )
                log.warning("knowledge sync stopped after %d pages: %s", pages, type(exc).__name__)
                self.sync_failed.emit(error)
                if error is exc:
                    raise
                raise error from exc
            today = self.today()
            current = await self._read(partial(self._index.count, today))
            await self._save_keywords(cursor)
            result = SyncResult(pages=pages, changed=changed, cursor=cursor, current_articles=current)
            self.sync_finished.emit(result)
        # The backend answered: feedback given while it could not be reached goes now.
        await self.deliver_feedback()
        return result

    async def keep_synced(self, interval: float, retry: float | None = None) -> None:
        """Sync now and then every ``interval`` seconds, forever (until cancelled).

        A failed sync (the backend unreachable) is retried after ``retry`` seconds (default: the
        interval); failures are announced through ``sync_failed`` and never raised, so this can run
        as a background task for the whole session.
        """
        while True:
            try:
                await self.sync()
                await asyncio.sleep(interval)
            except KnowledgeSyncError:
                await asyncio.sleep(interval if retry is None else retry)

    # Searching --------------------------------------------------------------------------------
    def _take_token(self, channel: str) -> CancelToken:
        token = CancelToken()
        previous = self._tokens.get(channel)
        if previous is not None:
            previous.cancel()
        self._tokens[channel] = token
        return token

    async def _run_cancellable(self, channel: str, work: Callable[[CancelToken], _T]) -> _T:
        """Run ``work(token)`` in the reader thread as the newest job of ``channel``.

        Raises:
            SearchCancelled: when a newer job on the channel started before this one's result
                was handed back (even if the work itself had finished).
        """
        token = self._take_token(channel)
        try:
            result = await self._read(partial(work, token))
        except asyncio.CancelledError:
            # The awaiting task went away; the thread must stop too, not finish for nobody.
            token.cancel()
            raise
        finally:
            if self._tokens.get(channel) is token:
                del self._tokens[channel]
        if token.cancelled:
            raise SearchCancelled(tr("Knowledge", "检索已取消"))
        return result

    async def search(
        self,
        query: str,
        *,
        limit: int = 20,
        topic_class: str | None = None,
        topic_item: str | None = None,
        organisation: str | None = None,
        channel: str = SEARCH_CHANNEL,
    ) -> list[SearchHit]:
        """Search current articles (see ``KnowledgeIndex.search``) without blocking the loop.

        Raises:
            SearchCancelled: when a newer search on ``channel`` superseded this one.
        """
        today = self.today()
        return await self._run_cancellable(
            channel,
            lambda token: self._index.search(
                query,
                today=today,
                limit=limit,
                topic_class=topic_class,
                topic_item=topic_item,
                organisation=organisation,
                cancel=token,
            ),
        )

    async def related(
        self, text: str, *, limit: int = RELATED_LIMIT, channel: str = RELATED_CHANNEL
    ) -> list[SearchHit]:
        """Return the current articles most related to a free text (what the caller said), best first.

        A search needs every word of its query, so a whole sentence finds nothing: the text is cut
        into the terms the base knows (synonym terms and article keywords, longest first), those
        are searched alone and in pairs, and the hits merged by a score that favours longer terms,
        pairs, title matches and higher ranks. Text with no known term falls back to its
        three-character pieces, counting only title and keyword matches.

        Raises:
            SearchCancelled: when newer text on ``channel`` superseded this one.
        """
        keywords = await self._vocabulary()
        vocabulary = (*itertools.chain.from_iterable(self._synonyms.groups), *keywords)
        today = self.today()
        return await self._run_cancellable(
            channel, lambda token: self._related_blocking(text, vocabulary, today, limit, token)
        )

    def _related_blocking(
        self, text: str, vocabulary: Sequence[str], today: date, limit: int, token: CancelToken
    ) -> list[SearchHit]:
        terms = extract_terms(text, vocabulary)
        fallback = not terms
        queries = related_queries(terms) if terms else fallback_queries(text)
        scores: dict[str, float] = {}
        first_hit: dict[str, SearchHit] = {}
        for query in queries[:MAX_RELATED_QUERIES]:
            hits = self._index.search(
                " ".join(query), today=today, limit=_RELATED_HITS_PER_QUERY, cancel=token
            )
            weight = float(sum(len(term) for term in query))
            for rank, hit in enumerate(hits):
                if fallback and hit.matched_in == "body":
                    continue
                gain = weight * _PLACE_WEIGHT.get(hit.matched_in, 1.0) / (1.0 + _RANK_DECAY * rank)
                scores[hit.article_id] = scores.get(hit.article_id, 0.0) + gain
                first_hit.setdefault(hit.article_id, hit)
        ranked = sorted(scores, key=lambda article_id: (-scores[article_id], article_id))
        return [first_hit[article_id] for article_id in ranked[:limit]]

    # The keyword vocabulary -----------------------------------------------------------------------
    def _vocabulary_path(self) -> Path:
        return self._index.path.with_name(self._index.path.name + ".keywords.json")

    async def _vocabulary(self) -> set[str]:
        """The article keywords of the base: from the saved file when it matches the cursor, else read."""
        async with self._vocabulary_lock:
            if self._keywords is None:
                self._keywords = await self._read(self._load_keywords_blocking)
            return self._keywords

    def _load_keywords_blocking(self) -> set[str]:
        cursor = self._index.cursor
        path = self._vocabulary_path()
        if cursor:
            with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
                saved = json.loads(path.read_text(encoding="utf-8"))
                if saved["format"] == _VOCABULARY_FORMAT and saved["cursor"] == cursor:
                    return {fold(str(word)) for word in saved["keywords"]}
        keywords: set[str] = set()
        for summary in self._index.browse(limit=_BROWSE_ALL):
            article = self._index.get_article(summary.article_id)
            if article is not None:
                keywords.update(fold(word) for word in article.keywords)
        if cursor:
            self._write_keywords_file(cursor, keywords)
        return keywords

    def _learn_keywords(self, articles: Sequence[Article]) -> None:
        # Keywords of withdrawn articles stay until the next start: a stale term costs one empty search.
        if self._keywords is not None:
            self._keywords.update(fold(word) for article in articles for word in article.keywords)

    async def _save_keywords(self, cursor: str) -> None:
        if self._keywords is None or not cursor:
            return
        snapshot = set(self._keywords)
        try:
            await self._write(partial(self._write_keywords_file, cursor, snapshot))
        except OSError as exc:
            log.warning("knowledge keyword list not saved: %s", type(exc).__name__)

    def _write_keywords_file(self, cursor: str, keywords: Collection[str]) -> None:
        path = self._vocabulary_path()
        temporary = path.with_name(path.name + ".tmp")
        document = {"format": _VOCABULARY_FORMAT, "cursor": cursor, "keywords": sorted(keywords)}
        temporary.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)

    # Articles, browsing, use and feedback ---------------------------------------------------------
    async def article(self, article_id: str) -> ArticleDocument | None:
        """Return the article and its safe body, or ``None`` when the index does not know it."""
        today = self.today()

        def load() -> ArticleDocument | None:
            article = self._index.get_article(article_id)
            body = self._index.safe_body(article_id)
            if article is None or body is None:
                return None
            return ArticleDocument(article=article, body=body, current=article.is_current(today))

        return await self._read(load)

    async def count(self) -> int:
        """The number of current articles today."""
        today = self.today()
        return await self._read(lambda: self._index.count(today))

    async def topic_tree(self) -> list[TopicCount]:
        """Current-article counts per appendix E class and item (see ``KnowledgeIndex.topic_tree``)."""
        today = self.today()
        return await self._read(lambda: self._index.topic_tree(today))

    async def organisations(self) -> list[TopicCount]:
        """Current-article counts per publishing unit."""
        today = self.today()
        return await self._read(lambda: self._index.organisation_counts(today))

    async def browse(
        self,
        *,
        topic_class: str | None = None,
        topic_item: str | None = None,
        organisation: str | None = None,
        limit: int = 200,
    ) -> list[ArticleSummary]:
        """List current articles under a topic or a unit, most used first."""
        today = self.today()
        return await self._read(
            lambda: self._index.browse(
                today=today,
                topic_class=topic_class,
                topic_item=topic_item,
                organisation=organisation,
                limit=limit,
            )
        )

    async def record_use(self, article_id: str) -> int:
        """Count one use (the answer was inserted or copied); returns the new count."""
        return await self._write(partial(self._index.record_use, article_id))

    async def send_feedback(self, article_id: str, kind: FeedbackKind, note: str = "") -> FeedbackOutcome:
        """Send feedback on an article to the knowledge editors, keeping it until the backend has it.

        The feedback is written to the profile's queue first, then the queue is delivered in order;
        when the backend cannot be reached it stays queued and goes with the next successful sync.

        Returns:
            ``SENT`` when the backend took it, ``QUEUED`` when it waits for the link.

        Raises:
            FeedbackRefused: for an unknown kind, or when the backend refused it for good.
        """
        if kind not in FEEDBACK_KINDS:
            raise FeedbackRefused(tr("Knowledge", "未知的反馈类型：{kind}").format(kind=kind))
        recorded_at = self._clock().astimezone(UTC).isoformat()
        seq = await self._write(
            partial(self._index.queue_feedback, article_id, kind, note.strip(), recorded_at)
        )
        delivery = await self.deliver_feedback()
        if seq in delivery.refused:
            raise FeedbackRefused(delivery.refused[seq])
        return FeedbackOutcome.SENT if seq in delivery.sent else FeedbackOutcome.QUEUED

    async def pending_feedback(self) -> int:
        """How much feedback waits for the backend."""
        return len(await self._write(self._index.pending_feedback))

    async def deliver_feedback(self) -> FeedbackDelivery:
        """Send the queued feedback, oldest first, until the queue is empty or the backend is unreachable.

        Feedback the backend refuses for good is dropped (and logged); anything else the feed raises
        stops the pass and leaves the rest queued. Never raises for the feed's failures.
        """
        async with self._feedback_lock:
            queue = await self._write(self._index.pending_feedback)
            sent: list[int] = []
            refused: dict[int, str] = {}
            for position, entry in enumerate(queue):
                kind: FeedbackKind = "useful" if entry.kind == "useful" else "outdated"
                try:
                    await self._feed.send_feedback(entry.article_id, kind, entry.note)
                except FeedbackRefused as exc:
                    log.warning("knowledge feedback on %s refused: %s", entry.article_id, exc)
                    refused[entry.seq] = str(exc)
                except Exception as exc:
                    log.info("knowledge feedback kept for later: %s", type(exc).__name__)
                    return FeedbackDelivery(tuple(sent), refused, len(queue) - position)
                else:
                    sent.append(entry.seq)
                await self._write(partial(self._index.drop_feedback, entry.seq))
            return FeedbackDelivery(tuple(sent), refused, 0)


def extract_terms(text: str, vocabulary: Iterable[str], limit: int = MAX_RELATED_TERMS) -> list[str]:
    """Return the known terms in ``text``, longest first, leaving out terms inside a longer one found.

    ``vocabulary`` holds folded terms (synonym terms, article keywords); one-character terms are
    ignored. ``住房公积金`` found in the text makes ``公积金`` redundant: the synonym table already
    searches one for the other.
    """
    folded = fold(text)
    found = {term for term in vocabulary if len(term) >= 2 and term in folded}
    kept = [term for term in found if not any(term != other and term in other for other in found)]
    kept.sort(key=lambda term: (-len(term), folded.find(term), term))
    return kept[:limit]


def related_queries(terms: Sequence[str]) -> list[tuple[str, ...]]:
    """Return the searches for extracted terms: pairs of the first three first, then each term alone."""
    pairs = list(itertools.combinations(terms[:3], 2))
    return [*pairs, *((term,) for term in terms)]


def fallback_queries(text: str) -> list[tuple[str, ...]]:
    """Return three-character pieces of the text's Chinese runs, filler phrases removed, for searching.

    Used when no known term occurs in the text; a run of two or three characters is taken whole.
    """
    cleaned = fold(text)
    for phrase in _FILLER_PHRASES:
        cleaned = cleaned.replace(phrase, " ")
    queries: list[tuple[str, ...]] = []
    for run in _CJK_RUN.findall(cleaned):
        if len(run) < 2:
            continue
        if len(run) <= _FALLBACK_WINDOW:
            pieces = [run]
        else:
            pieces = [
                run[start : start + _FALLBACK_WINDOW] for start in range(len(run) - _FALLBACK_WINDOW + 1)
            ]
        for piece in pieces:
            if (piece,) not in queries:
                queries.append((piece,))
    return queries[:MAX_RELATED_QUERIES]


__all__ = [
    "CHINA_TIME",
    "FEEDBACK_KINDS",
    "ArticleDocument",
    "FeedbackDelivery",
    "FeedbackKind",
    "FeedbackOutcome",
    "FeedbackRecord",
    "FeedbackRefused",
    "KnowledgeFeed",
    "KnowledgeService",
    "KnowledgeSyncError",
    "LocalDemoFeed",
    "SyncProgress",
    "SyncResult",
    "china_today",
    "extract_terms",
    "fallback_queries",
    "related_queries",
]
