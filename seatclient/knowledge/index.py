"""The offline knowledge index a call-taker searches while the caller waits (HZ 6.3.1, HZ 9, ZJ art. 23).

One SQLite file (WAL) holds the articles (``articles``: dates, status, topic, use count;
``article_text``: title, keywords, body) and four contentless FTS5 tables built from them:

- ``kb_short_tri`` (title, keywords): ``trigram``, any substring of three characters or more;
- ``kb_short_uni`` (title, keywords): ``unicode61`` over the text written one character per token
  (``社 保 卡``), so a one- or two-character query is a token or a two-token phrase, which the
  trigram tokenizer cannot answer;
- ``kb_all_tri`` (title, keywords and body in one column): ``trigram``; a one- or two-character
  query reaches it through its vocabulary (``kb_all_vocab``: the trigrams starting with it);
- ``kb_pinyin`` (title, keywords): pinyin tokens from every syllable onwards, full (``gongjijin``)
  and initials (``gjj``), searched as prefixes with prefix indexes.

A search runs stages in rank order: title, then title or keywords, then anywhere (text before
pinyin within the first two) and stops once ``limit`` hits are found, so a one-character query is
usually answered from the small title index alone. Within a stage, articles the call-takers used
(``record_use``; held in memory, see ``usage``) come first by use count, then the other matches by
BM25 among the newest few hundred (which bounds the work of a query matching half the base).
Withdrawn articles are taken out of the full-text tables; effective and expiry dates are checked
against the ``today`` the caller gives.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pypinyin import __version__ as pypinyin_version

from seatclient.i18n import tr
from seatclient.knowledge.model import Article, ArticleStatus, utc_stamp
from seatclient.knowledge.sanitize import SafeBody, index_text, sanitize_body
from seatclient.knowledge.sync import ChangeBatch
from seatclient.knowledge.synonyms import SynonymTable
from seatclient.knowledge.textkeys import (
    FILLER,
    Span,
    char_stream,
    find_all,
    fold,
    merge_spans,
    phrase_query,
    pinyin_query_key,
    pinyin_span,
    pinyin_tokens,
    quote_fts,
)
from seatclient.knowledge.usage import MAX_USED_ARTICLES, UsedArticle

_USED_SELECT = (
    "SELECT a.doc_id, a.use_count, a.status, a.effective_from, a.expires_on, a.topic_class, a.topic_item, "
    "a.organisation, t.title, t.keywords, t.body FROM articles AS a JOIN article_text AS t ON t.doc_id = a.doc_id"
)

# Bump when what goes into the full-text indexes changes (folding, tokens): an index file of an
# older format has its full-text tables rebuilt from ``articles`` when it is opened.
INDEX_FORMAT = "4"
DEFAULT_LIMIT = 20
MAX_LIMIT = 200
MAX_QUERY_TERMS = 6
MAX_TERM_LENGTH = 40
SNIPPET_CHARS = 72
_OPENING_MARKS = frozenset("“‘（《【「『〔([{ \t\n")
# The progress handler runs every this many SQLite virtual-machine steps to check for cancellation.
_PROGRESS_STEPS = 2000
# A stage that matches more articles than this ranks the newest this many (plus all used ones);
# one- and two-character queries, typed first while the list still narrows, rank fewer.
STAGE_CANDIDATES = 200
_SHORT_QUERY_CANDIDATES = {1: 150}
# Body hits rank last and BM25 over long texts costs most: fewer of them are scored.
_BODY_CANDIDATES = 150
# Page cache per connection (KiB, as SQLite's negative cache_size) and memory-mapped reading: a
# search touches the same hot postings again and again, which should not go through read(2).
_CACHE_KIB = 65536
_MMAP_BYTES = 512 * 1024 * 1024
_WORD_SEPARATORS = re.compile(r"[\s\"'“”‘’，。、,;；:：?？!！()（）《》【】]+")
_T = TypeVar("_T")
_BODY_DEFERRED = "<body>"
_VOCABULARY_TERMS = 300
_KEYWORD_SEPARATOR = "\u3001"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    doc_id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    expires_on TEXT,
    use_count INTEGER NOT NULL DEFAULT 0,
    topic_class TEXT NOT NULL,
    topic_item TEXT NOT NULL,
    organisation TEXT NOT NULL,
    kind TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS article_text (
    doc_id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    keywords TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pending_feedback (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    note TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_topic ON articles (topic_class, topic_item);
CREATE INDEX IF NOT EXISTS articles_organisation ON articles (organisation);
CREATE INDEX IF NOT EXISTS articles_used ON articles (use_count) WHERE use_count > 0;
CREATE VIRTUAL TABLE IF NOT EXISTS kb_short_tri USING fts5 (title, keywords, content='', tokenize='trigram');
CREATE VIRTUAL TABLE IF NOT EXISTS kb_all_tri USING fts5 (text, content='', tokenize='trigram');
CREATE VIRTUAL TABLE IF NOT EXISTS kb_short_uni USING fts5 (title, keywords, content='', tokenize='unicode61');
CREATE VIRTUAL TABLE IF NOT EXISTS kb_all_vocab USING fts5vocab (kb_all_tri, 'row');
CREATE VIRTUAL TABLE IF NOT EXISTS kb_pinyin USING fts5 (
    title, keywords, content='', tokenize='unicode61', prefix='2 3', detail='column'
);
"""
_FTS_TABLES = ("kb_short_tri", "kb_all_tri", "kb_short_uni", "kb_pinyin")
_CURRENT = "a.status = 'published' AND a.effective_from <= :today AND (a.expires_on IS NULL OR a.expires_on >= :today)"


class SearchCancelled(Exception):
    """Raised by ``KnowledgeIndex.search`` when the caller cancelled it (a newer keystroke)."""


class SyncDataError(ValueError):
    """A change batch that cannot be applied; nothing of it was written."""


class CancelToken:
    """A flag a caller sets to stop a running search, e.g. when the call-taker types on.

    Thread-safe: a search may run in a worker thread while the UI thread cancels it.
    """

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the search holding this token to stop as soon as it can."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Whether ``cancel`` was called."""
        return self._event.is_set()


@dataclass(frozen=True)
class SearchHit:
    """One search result, with what to highlight.

    Attributes:
        article_id: the article's id, for ``get_article`` and ``record_use``.
        title: the title as published.
        title_spans: stretches of ``title`` that matched.
        snippet: a one-line excerpt of the body around the first match (or its start).
        snippet_spans: stretches of ``snippet`` that matched.
        organisation: the publishing unit.
        topic_class: the appendix E class.
        topic_item: the appendix E item.
        matched_in: ``"title"``, ``"keywords"`` or ``"body"``: the best place the query was found.
        via: ``"text"`` (the words typed or their synonyms) or ``"pinyin"``.
        keywords: the article's keywords.
        score: the ranking score within its stage (lower ranks higher).
    """

    article_id: str
    title: str
    title_spans: tuple[Span, ...]
    snippet: str
    snippet_spans: tuple[Span, ...]
    organisation: str
    topic_class: str
    topic_item: str
    matched_in: str
    via: str
    keywords: tuple[str, ...] = ()
    score: float = 0.0

    def marked_title(self, open_mark: str = "【", close_mark: str = "】", *, escape: bool = False) -> str:
        """Return the title with every matched stretch wrapped in the marks (see ``mark_spans``)."""
        return mark_spans(self.title, self.title_spans, open_mark, close_mark, escape=escape)

    def marked_snippet(self, open_mark: str = "【", close_mark: str = "】", *, escape: bool = False) -> str:
        """Return the snippet with every matched stretch wrapped in the marks (see ``mark_spans``)."""
        return mark_spans(self.snippet, self.snippet_spans, open_mark, close_mark, escape=escape)


def mark_spans(
    text: str, spans: Sequence[Span], open_mark: str, close_mark: str, *, escape: bool = False
) -> str:
    """Return ``text`` with each span wrapped in ``open_mark``…``close_mark`` (e.g. ``<b>``…``</b>``).

    With ``escape``, the text (not the marks) is HTML-escaped, for a rich-text label: titles and
    snippets are plain text and may contain ``<`` or ``&``.
    """

    def clean(piece: str) -> str:
        return html.escape(piece, quote=False) if escape else piece

    pieces: list[str] = []
    position = 0
    for span in merge_spans(spans):
        pieces.append(clean(text[position : span.start]))
        pieces.append(open_mark + clean(text[span.start : span.end]) + close_mark)
        position = span.end
    pieces.append(clean(text[position:]))
    return "".join(pieces)


@dataclass(frozen=True)
class TopicCount:
    """A node of the browse tree: a class or an item, with its number of current articles.

    Attributes:
        name: the class or item name.
        count: current articles under it.
        children: the items of a class (empty for an item).
    """

    name: str
    count: int
    children: tuple[TopicCount, ...] = ()


@dataclass(frozen=True)
class ArticleSummary:
    """A line of a browse list: enough to show and open an article."""

    article_id: str
    title: str
    organisation: str
    topic_class: str
    topic_item: str
    updated_at: str


@dataclass(frozen=True)
class _Stage:
    table: str
    expression: str
    matched_in: str
    via: str
    weights: tuple[float, ...] = ()
    candidates: int = STAGE_CANDIDATES
    scored: bool = True


@dataclass
class _Query:
    """A parsed query: the terms typed (folded), each with its synonym variants."""

    terms: list[list[str]] = field(default_factory=list)
    pinyin_key: str | None = None

    @property
    def all_variants(self) -> list[str]:
        return [variant for variants in self.terms for variant in variants]


@dataclass(frozen=True)
class _Filters:
    topic_class: str | None
    topic_item: str | None
    organisation: str | None

    def admit(self, entry: UsedArticle) -> bool:
        return (
            (self.topic_class is None or entry.topic_class == self.topic_class)
            and (self.topic_item is None or entry.topic_item == self.topic_item)
            and (self.organisation is None or entry.organisation == self.organisation)
        )


@dataclass(frozen=True)
class PendingFeedback:
    """Feedback on an article kept until the backend takes it.

    Attributes:
        seq: its place in the queue (delivered in this order).
        article_id: the article.
        kind: ``useful`` or ``outdated``.
        note: what the call-taker added.
        recorded_at: when it was given (ISO time).
    """

    seq: int
    article_id: str
    kind: str
    note: str
    recorded_at: str


class KnowledgeIndex:
    """The knowledge base on disk: sync, search, browse and use counts.

    The index keeps two connections to the same WAL file: searches read on one while a sync writes
    on the other, so a long sync never blocks a search. Each connection is used under its own lock,
    so the object can be shared by the UI thread and a sync worker.

    Args:
        path: the SQLite file (created when missing).
        synonyms: the synonym table, e.g. ``load_default_synonyms()``; none when omitted.
    """

    def __init__(self, path: Path | str, synonyms: SynonymTable | None = None) -> None:
        self._path = Path(path)
        self._synonyms = synonyms or SynonymTable()
        self._write_lock = threading.RLock()
        self._read_lock = threading.Lock()
        self._used_lock = threading.Lock()
        self._used: list[UsedArticle] | None = None
        self._writer = self._connect()
        with self._write_lock:
            self._writer.execute("PRAGMA journal_mode=WAL")
            self._writer.executescript(_SCHEMA)
            if self._meta("index_format") != _index_format():
                self._rebuild_fulltext()
        self._reader = self._connect()

    def _connect(self) -> sqlite3.Connection:
        # Autocommit mode: transactions are opened explicitly, so a batch is one transaction.
        connection = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA busy_timeout=5000")
        connection.execute(f"PRAGMA cache_size=-{_CACHE_KIB}")
        connection.execute(f"PRAGMA mmap_size={_MMAP_BYTES}")
        connection.execute("PRAGMA temp_store=MEMORY")
        connection.row_factory = sqlite3.Row
        return connection

    @property
    def path(self) -> Path:
        """The index file."""
        return self._path

    @property
    def synonyms(self) -> SynonymTable:
        """The synonym table searches expand their terms with."""
        return self._synonyms

    def set_synonyms(self, synonyms: SynonymTable) -> None:
        """Search with another synonym table from the next search on (the index itself is unchanged)."""
        # Synonyms only expand queries, so nothing stored depends on them; one assignment is atomic.
        self._synonyms = synonyms

    def close(self) -> None:
        """Close both connections; the object is unusable afterwards."""
        with self._read_lock:
            self._reader.close()
        with self._write_lock:
            self._writer.close()

    def __enter__(self) -> KnowledgeIndex:
        """Return the index, for ``with KnowledgeIndex(path) as index:``."""
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Close the index."""
        self.close()

    # Writing ------------------------------------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._write_lock:
            self._writer.execute("BEGIN IMMEDIATE")
            try:
                yield self._writer
            except BaseException:
                self._writer.execute("ROLLBACK")
                raise
            self._writer.execute("COMMIT")

    def _meta(self, key: str) -> str | None:
        row = self._writer.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @staticmethod
    def _set_meta(connection: sqlite3.Connection, key: str, value: str) -> None:
        connection.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @property
    def cursor(self) -> str:
        """The sync cursor of the last batch committed (``""`` before the first sync)."""
        with self._write_lock:
            return self._meta("sync_cursor") or ""

    def replace_all(self, articles: Iterable[Article], cursor: str = "") -> int:
        """Replace the whole base with ``articles`` in one transaction (first sync, demo base, bench).

        Use counts of articles that stay are kept. Returns the number of articles stored.
        """
        stored = 0
        with self._transaction() as connection:
            counts = {
                str(row[0]): int(row[1])
                for row in connection.execute(
                    "SELECT article_id, use_count FROM articles WHERE use_count > 0"
                )
            }
            connection.execute("DELETE FROM articles")
            connection.execute("DELETE FROM article_text")
            _clear_fulltext(connection)
            next_id = 1
            for chunk in _chunks(articles, _BULK_CHUNK):
                rows = [
                    _ArticleRow.from_article(article, counts.get(article.id, 0), next_id + offset)
                    for offset, article in enumerate(chunk)
                ]
                next_id += len(rows)
                _insert_rows(connection, rows)
                stored += len(rows)
            self._set_meta(connection, "sync_cursor", cursor)
        with self._used_lock:
            self._used = None
        self.optimize()
        return stored

    def apply_changes(self, batch: ChangeBatch | Mapping[str, Any]) -> int:
        """Apply one sync batch ``{"cursor", "upserts", "withdrawn"}`` in a single transaction.

        Either the whole batch and its cursor are committed, or nothing is: after an interruption
        the next sync starts again from ``cursor``, the last one committed. Upserts older than the
        stored version are skipped, so a batch applied twice changes nothing. Returns the number of
        articles changed.

        Raises:
            SyncDataError: when the batch is malformed (nothing is written).
        """
        parsed = _parse_batch(batch)
        changed = 0
        with self._transaction() as connection:
            for article in parsed.upserts:
                changed += self._upsert(connection, article)
            for article_id in parsed.withdrawn:
                changed += self._withdraw(connection, article_id)
            self._set_meta(connection, "sync_cursor", parsed.cursor)
            self._refresh_used(
                connection, [article.id for article in parsed.upserts] + list(parsed.withdrawn)
            )
        return changed

    def _upsert(self, connection: sqlite3.Connection, article: Article) -> int:
        existing = connection.execute(
            "SELECT doc_id, version, use_count FROM articles WHERE article_id = ?", (article.id,)
        ).fetchone()
        use_count = 0
        doc_id: int | None = None
        if existing is not None:
            if int(existing["version"]) > article.version:
                return 0
            doc_id = int(existing["doc_id"])
            use_count = int(existing["use_count"])
            _remove_fulltext(connection, doc_id)
            connection.execute("DELETE FROM articles WHERE doc_id = ?", (doc_id,))
            connection.execute("DELETE FROM article_text WHERE doc_id = ?", (doc_id,))
        else:
            last = connection.execute("SELECT max(doc_id) FROM articles").fetchone()[0]
            doc_id = int(last or 0) + 1
        _insert_rows(connection, [_ArticleRow.from_article(article, use_count, doc_id)])
        return 1

    def _withdraw(self, connection: sqlite3.Connection, article_id: str) -> int:
        existing = connection.execute(
            "SELECT doc_id, status FROM articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        if existing is None or existing["status"] == ArticleStatus.WITHDRAWN.value:
            return 0
        _remove_fulltext(connection, int(existing["doc_id"]))
        connection.execute(
            "UPDATE articles SET status = ? WHERE doc_id = ?",
            (ArticleStatus.WITHDRAWN.value, existing["doc_id"]),
        )
        return 1

    def _rebuild_fulltext(self) -> None:
        with self._transaction() as connection:
            _clear_fulltext(connection)
            rows = connection.execute(
                "SELECT t.doc_id, t.title, t.keywords, t.body FROM article_text AS t "
                "JOIN articles AS a ON a.doc_id = t.doc_id WHERE a.status = 'published'"
            )
            for chunk in _chunks(rows, _BULK_CHUNK):
                _add_fulltext(connection, [(int(row["doc_id"]), _fulltext_of(row)) for row in chunk])
            self._set_meta(connection, "index_format", _index_format())

    def optimize(self) -> None:
        """Merge the full-text segments (after a large load) so searches read one b-tree each.

        Also folds the write-ahead log back into the file, which a large load leaves as big as
        the base itself.
        """
        with self._write_lock:
            for table in _FTS_TABLES:
                self._writer.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
            self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def record_use(self, article_id: str) -> int:
        """Count one use of an article (the call-taker opened or quoted it); returns the new count.

        Often-used articles rank higher within the same match stage.
        """
        with self._transaction() as connection:
            row = connection.execute(
                "SELECT use_count FROM articles WHERE article_id = ?", (article_id,)
            ).fetchone()
            if row is None:
                return 0
            count = int(row[0]) + 1
            connection.execute("UPDATE articles SET use_count = ? WHERE article_id = ?", (count, article_id))
            self._refresh_used(connection, [article_id])
        return count

    # Feedback waiting for the backend ----------------------------------------------------------------
    def queue_feedback(self, article_id: str, kind: str, note: str, recorded_at: str) -> int:
        """Keep one piece of feedback until the backend took it; returns its place in the queue."""
        with self._transaction() as connection:
            cursor = connection.execute(
                "INSERT INTO pending_feedback (article_id, kind, note, recorded_at) VALUES (?, ?, ?, ?)",
                (article_id, kind, note, recorded_at),
            )
            return int(cursor.lastrowid or 0)

    def pending_feedback(self) -> list[PendingFeedback]:
        """The feedback not yet taken by the backend, oldest first."""
        with self._write_lock:
            rows = self._writer.execute(
                "SELECT seq, article_id, kind, note, recorded_at FROM pending_feedback ORDER BY seq"
            ).fetchall()
        return [
            PendingFeedback(int(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4])) for row in rows
        ]

    def drop_feedback(self, seq: int) -> None:
        """Forget queued feedback (the backend took it, or refused it for good)."""
        with self._transaction() as connection:
            connection.execute("DELETE FROM pending_feedback WHERE seq = ?", (seq,))

    def _load_used(self, connection: sqlite3.Connection) -> list[UsedArticle]:
        rows = connection.execute(
            f"{_USED_SELECT} WHERE a.use_count > 0 ORDER BY a.use_count DESC, a.doc_id DESC LIMIT ?",
            (MAX_USED_ARTICLES,),
        ).fetchall()
        return [UsedArticle.from_row(tuple(row)) for row in rows]

    def _refresh_used(self, connection: sqlite3.Connection, article_ids: Sequence[str]) -> None:
        """Bring the in-memory used articles up to date for a few changed articles."""
        with self._used_lock:
            if self._used is None:
                return
            marks = ", ".join("?" for _ in article_ids)
            fresh = {
                int(row[0]): UsedArticle.from_row(tuple(row))
                for row in connection.execute(
                    f"{_USED_SELECT} WHERE a.use_count > 0 AND a.article_id IN ({marks})", list(article_ids)
                )
            }
            changed_ids = {
                int(row[0])
                for row in connection.execute(
                    f"SELECT doc_id FROM articles WHERE article_id IN ({marks})", list(article_ids)
                )
            }
            kept = [entry for entry in self._used if entry.doc_id not in changed_ids]
            merged = sorted([*kept, *fresh.values()], key=lambda entry: (-entry.use_count, -entry.doc_id))
            self._used = merged[:MAX_USED_ARTICLES]

    def _used_articles(self) -> list[UsedArticle]:
        with self._used_lock:
            if self._used is None:
                self._used = self._load_used(self._reader)
            return self._used

    # Reading ------------------------------------------------------------------------------------
    def get_article(self, article_id: str) -> Article | None:
        """Return the stored article (current or not), or ``None`` when unknown."""
        with self._read_lock:
            row = self._reader.execute(
                "SELECT * FROM articles AS a JOIN article_text AS t ON t.doc_id = a.doc_id WHERE a.article_id = ?",
                (article_id,),
            ).fetchone()
        return None if row is None else _article_of(row)

    def safe_body(self, article_id: str) -> SafeBody | None:
        """Return the article body in the safe HTML subset, with its links, or ``None`` when unknown."""
        with self._read_lock:
            row = self._reader.execute(
                "SELECT t.body FROM articles AS a JOIN article_text AS t ON t.doc_id = a.doc_id "
                "WHERE a.article_id = ?",
                (article_id,),
            ).fetchone()
        return None if row is None else sanitize_body(str(row[0]))

    def use_count(self, article_id: str) -> int:
        """Return how often ``record_use`` was called for the article."""
        with self._read_lock:
            row = self._reader.execute(
                "SELECT use_count FROM articles WHERE article_id = ?", (article_id,)
            ).fetchone()
        return 0 if row is None else int(row[0])

    def count(self, today: date | None = None) -> int:
        """Return the number of current articles on ``today`` (default: the local date)."""
        with self._read_lock:
            row = self._reader.execute(
                f"SELECT count(*) FROM articles AS a WHERE {_CURRENT}", {"today": _day(today)}
            ).fetchone()
        return int(row[0])

    def search(
        self,
        query: str,
        *,
        today: date | None = None,
        limit: int = DEFAULT_LIMIT,
        topic_class: str | None = None,
        topic_item: str | None = None,
        organisation: str | None = None,
        cancel: CancelToken | None = None,
    ) -> list[SearchHit]:
        """Find current articles for what a hurried call-taker typed.

        Handles any length (one character, two, three or more), several words (all must match),
        full pinyin and initials (``gongjijin``, ``gjj``) and the synonyms of the table. Ranking:
        title matches, then keyword matches, then body matches; text before pinyin; within that,
        BM25 scaled by the use boost. A stage matching very many articles ranks the newest
        ``STAGE_CANDIDATES`` of them plus every article ever used, which keeps a one-character
        query fast on a large base.

        Args:
            query: what was typed; blank gives no hits.
            today: the date that decides expiry (default: the local date).
            limit: at most this many hits (1 to 200).
            topic_class: only this appendix E class.
            topic_item: only this appendix E item.
            organisation: only this publishing unit.
            cancel: a token the caller may cancel from another thread.

        Raises:
            SearchCancelled: when ``cancel`` was cancelled before the search finished.
        """
        limit = max(1, min(limit, MAX_LIMIT))
        parsed = self._parse_query(query)
        if not parsed.terms:
            return []
        filters = _Filters(topic_class, topic_item, organisation)
        found: dict[int, tuple[_Stage, float]] = {}
        today_text = _day(today)
        with self._read_lock, self._cancellable(cancel):
            try:
                used_current = [
                    entry
                    for entry in self._used_articles()
                    if entry.is_current(today_text) and filters.admit(entry)
                ]
                for stage in _stages(parsed):
                    if len(found) >= limit:
                        break
                    if stage.expression == _BODY_DEFERRED:
                        expression = self._body_expression(parsed)
                        if expression is None:
                            continue
                        stage = replace(stage, expression=expression)
                    used = [
                        hit for hit in self._used_hits(stage, parsed, used_current) if hit[0] not in found
                    ]
                    fetched = []
                    if len(found) + len(used) < limit:
                        fetched = self._run_stage(stage, filters, today_text, limit + len(found))
                    for doc_id, score in [*used, *fetched]:
                        if len(found) >= limit:
                            break
                        found.setdefault(doc_id, (stage, score))
                hits = self._build_hits(found, parsed)
            except sqlite3.OperationalError as exc:
                if cancel is not None and cancel.cancelled:
                    raise SearchCancelled(tr("Knowledge", "检索已取消")) from exc
                raise
        return hits

    @contextmanager
    def _cancellable(self, cancel: CancelToken | None) -> Iterator[None]:
        if cancel is None:
            yield
            return
        if cancel.cancelled:
            raise SearchCancelled(tr("Knowledge", "检索已取消"))
        # A true result from the handler makes SQLite abort the running statement ("interrupted").
        self._reader.set_progress_handler(lambda: cancel.cancelled, _PROGRESS_STEPS)
        try:
            yield
        finally:
            self._reader.set_progress_handler(None, 0)

    def _parse_query(self, query: str) -> _Query:
        parsed = _Query(pinyin_key=pinyin_query_key(query))
        # Spaces and punctuation separate words: "护照，签证" is two words that must both match.
        for word in [word for word in _WORD_SEPARATORS.split(fold(query)) if word][:MAX_QUERY_TERMS]:
            term = word[:MAX_TERM_LENGTH]
            if term:
                parsed.terms.append([term, *self._synonyms.expand(term)])
        return parsed

    def _body_expression(self, parsed: _Query) -> str | None:
        """Return the trigram expression for the body stage, or ``None`` when no body can match.

        A term of three characters or more is a trigram phrase. A shorter one is spelled as the
        trigrams that start with it, read from the index vocabulary (at most ``_VOCABULARY_TERMS``,
        the rest are left out: such a term in so many distinct contexts hardly narrows anything).
        """
        groups: list[str] = []
        for variants in parsed.terms:
            alternatives: list[str] = []
            for variant in variants:
                if len(variant) >= 3:
                    alternatives.append(quote_fts(variant))
                    continue
                upper = variant[:-1] + chr(ord(variant[-1]) + 1)
                rows = self._reader.execute(
                    "SELECT term FROM kb_all_vocab WHERE term >= ? AND term < ? LIMIT ?",
                    (variant, upper, _VOCABULARY_TERMS),
                ).fetchall()
                alternatives.extend(quote_fts(str(row[0])) for row in rows)
            if not alternatives:
                return None
            groups.append("(" + " OR ".join(dict.fromkeys(alternatives)) + ")")
        return " AND ".join(groups)

    @staticmethod
    def _used_hits(
        stage: _Stage, parsed: _Query, candidates: Sequence[UsedArticle]
    ) -> list[tuple[int, float]]:
        """Return the used articles matching ``stage``, most used first (score: minus the use count)."""
        hits: list[tuple[int, float]] = []
        for entry in candidates:
            if stage.via == "pinyin":
                matched = parsed.pinyin_key is not None and entry.matches_pinyin(
                    stage.matched_in, parsed.pinyin_key
                )
            else:
                matched = entry.matches_text(stage.matched_in, parsed.terms)
            if matched:
                hits.append((entry.doc_id, float(-entry.use_count)))
        return hits

    def _run_stage(self, stage: _Stage, filters: _Filters, today: str, fetch: int) -> list[tuple[int, float]]:
        table = stage.table
        # BM25 says little over pinyin suffix tokens (each is rare) or a vocabulary expansion
        # (hundreds of alternatives, slow to score): recency orders those hits.
        weights = "".join(f", {weight}" for weight in stage.weights)
        rank = f"bm25({table}{weights})" if stage.scored else "0.0"
        conditions = [_CURRENT]
        parameters: dict[str, object] = {
            "expression": stage.expression,
            "today": today,
            "fetch": fetch,
            "candidates": stage.candidates,
        }
        for column, value in (
            ("topic_class", filters.topic_class),
            ("topic_item", filters.topic_item),
            ("organisation", filters.organisation),
        ):
            if value is not None:
                conditions.append(f"a.{column} = :{column}")
                parameters[column] = value
        where = " AND ".join(conditions)
        # The full-text index walks rowids downwards (newest first) and stops after ``candidates``
        # current matches; only those are scored. Used articles came before, from memory.
        sql = f"""
            SELECT doc_id, score FROM (
                SELECT a.doc_id AS doc_id, {rank} AS score
                FROM {table} AS f JOIN articles AS a ON a.doc_id = f.rowid
                WHERE {table} MATCH :expression AND {where}
                ORDER BY f.rowid DESC LIMIT :candidates
            )
            ORDER BY score, doc_id DESC LIMIT :fetch
        """
        rows = self._reader.execute(sql, parameters).fetchall()
        return [(int(row[0]), float(row[1])) for row in rows]

    def _build_hits(self, found: Mapping[int, tuple[_Stage, float]], parsed: _Query) -> list[SearchHit]:
        if not found:
            return []
        marks = ", ".join("?" for _ in found)
        rows = {
            int(row["doc_id"]): row
            for row in self._reader.execute(
                "SELECT a.doc_id, a.article_id, t.title, t.keywords, t.body, a.organisation, a.topic_class, "
                f"a.topic_item FROM articles AS a JOIN article_text AS t ON t.doc_id = a.doc_id "
                f"WHERE a.doc_id IN ({marks})",
                list(found),
            )
        }
        hits: list[SearchHit] = []
        for doc_id, (stage, score) in found.items():
            row = rows[doc_id]
            title = str(row["title"])
            body = index_text(str(row["body"])).replace("\n", " ")
            if stage.via == "pinyin" and parsed.pinyin_key is not None:
                span = pinyin_span(title, parsed.pinyin_key)
                title_spans = [] if span is None else [span]
            else:
                title_spans = _text_spans(title, parsed.all_variants)
            snippet, snippet_spans = _snippet(body, parsed.all_variants)
            hits.append(
                SearchHit(
                    article_id=str(row["article_id"]),
                    title=title,
                    title_spans=tuple(title_spans),
                    snippet=snippet,
                    snippet_spans=tuple(snippet_spans),
                    organisation=str(row["organisation"]),
                    topic_class=str(row["topic_class"]),
                    topic_item=str(row["topic_item"]),
                    matched_in=stage.matched_in,
                    via=stage.via,
                    keywords=tuple(json.loads(row["keywords"])),
                    score=score,
                )
            )
        return hits

    # Browsing -----------------------------------------------------------------------------------
    def topic_tree(self, today: date | None = None) -> list[TopicCount]:
        """Return current-article counts per appendix E class and item, classes by count, then name."""
        with self._read_lock:
            rows = self._reader.execute(
                f"SELECT a.topic_class, a.topic_item, count(*) FROM articles AS a WHERE {_CURRENT} "
                "GROUP BY a.topic_class, a.topic_item",
                {"today": _day(today)},
            ).fetchall()
        items: dict[str, list[TopicCount]] = {}
        for topic_class, topic_item, number in rows:
            items.setdefault(str(topic_class), []).append(TopicCount(str(topic_item), int(number)))
        tree = [
            TopicCount(
                name, sum(child.count for child in children), tuple(sorted(children, key=_count_order))
            )
            for name, children in items.items()
        ]
        return sorted(tree, key=_count_order)

    def organisation_counts(self, today: date | None = None) -> list[TopicCount]:
        """Return current-article counts per publishing unit, by count, then name."""
        with self._read_lock:
            rows = self._reader.execute(
                f"SELECT a.organisation, count(*) FROM articles AS a WHERE {_CURRENT} GROUP BY a.organisation",
                {"today": _day(today)},
            ).fetchall()
        return sorted((TopicCount(str(name), int(number)) for name, number in rows), key=_count_order)

    def browse(
        self,
        *,
        today: date | None = None,
        topic_class: str | None = None,
        topic_item: str | None = None,
        organisation: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[ArticleSummary]:
        """List current articles under a tree node, most used first, then newest."""
        sql = [
            "SELECT a.article_id, t.title, a.organisation, a.topic_class, a.topic_item, a.updated_at "
            f"FROM articles AS a JOIN article_text AS t ON t.doc_id = a.doc_id WHERE {_CURRENT}"
        ]
        parameters: dict[str, object] = {"today": _day(today), "limit": limit, "offset": offset}
        for column, value in (
            ("topic_class", topic_class),
            ("topic_item", topic_item),
            ("organisation", organisation),
        ):
            if value is not None:
                sql.append(f"AND a.{column} = :{column}")
                parameters[column] = value
        sql.append("ORDER BY a.use_count DESC, a.updated_at DESC, a.article_id LIMIT :limit OFFSET :offset")
        with self._read_lock:
            rows = self._reader.execute(" ".join(sql), parameters).fetchall()
        return [ArticleSummary(*(str(value) for value in row)) for row in rows]


@dataclass(frozen=True)
class _ArticleRow:
    """An article as stored in ``articles``, with the text its full-text rows are made from."""

    doc_id: int
    article_id: str
    title: str
    keywords: tuple[str, ...]
    body: str
    body_text: str
    organisation: str
    topic_class: str
    topic_item: str
    kind: str
    effective_from: str
    expires_on: str | None
    status: str
    updated_at: str
    version: int
    use_count: int

    @classmethod
    def from_article(cls, article: Article, use_count: int, doc_id: int) -> _ArticleRow:
        return cls(
            doc_id=doc_id,
            article_id=article.id,
            title=article.title,
            keywords=article.keywords,
            body=article.body,
            body_text=index_text(article.body),
            organisation=article.organisation,
            topic_class=article.topic.class_,
            topic_item=article.topic.item,
            kind=article.kind.value,
            effective_from=article.effective_from.isoformat(),
            expires_on=None if article.expires_on is None else article.expires_on.isoformat(),
            status=article.status.value,
            updated_at=utc_stamp(article.updated_at),
            version=article.version,
            use_count=use_count,
        )

    def values(self) -> tuple[object, ...]:
        return (
            self.doc_id,
            self.article_id,
            self.status,
            self.effective_from,
            self.expires_on,
            self.use_count,
            self.topic_class,
            self.topic_item,
            self.organisation,
            self.kind,
            self.updated_at,
            self.version,
        )

    def text_values(self) -> tuple[object, ...]:
        return (self.doc_id, self.title, json.dumps(list(self.keywords), ensure_ascii=False), self.body)

    def fulltext(self) -> dict[str, tuple[str, ...]]:
        return _fulltext_rows(self.title, self.keywords, self.body_text)


_INSERT_ARTICLE = """
    INSERT INTO articles (doc_id, article_id, status, effective_from, expires_on, use_count, topic_class,
        topic_item, organisation, kind, updated_at, version)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_INSERT_TEXT = "INSERT INTO article_text (doc_id, title, keywords, body) VALUES (?, ?, ?, ?)"
_BULK_CHUNK = 2000


def _fulltext_rows(title: str, keywords: Sequence[str], body_text: str) -> dict[str, tuple[str, ...]]:
    folded_title = fold(title)
    folded_keywords = fold(_KEYWORD_SEPARATOR.join(keywords))
    return {
        "kb_short_tri": (folded_title, folded_keywords),
        # Everything in one column lets a query of several words match across fields; fillers keep
        # words of different fields apart and make the last characters the start of a trigram, so
        # the vocabulary lookup of a one- or two-character query finds them too.
        "kb_all_tri": (FILLER.join((folded_title, folded_keywords, fold(body_text), FILLER)),),
        "kb_short_uni": (char_stream(folded_title), char_stream(folded_keywords)),
        "kb_pinyin": (
            " ".join(pinyin_tokens(title)),
            " ".join(token for keyword in keywords for token in _keyword_pinyin(keyword)),
        ),
    }


def _fulltext_of(row: sqlite3.Row) -> dict[str, tuple[str, ...]]:
    return _fulltext_rows(str(row["title"]), json.loads(row["keywords"]), index_text(str(row["body"])))


def _add_fulltext(
    connection: sqlite3.Connection, rows: Sequence[tuple[int, Mapping[str, tuple[str, ...]]]]
) -> None:
    for table in _FTS_TABLES:
        columns = _columns(table)
        marks = ", ".join("?" for _ in columns)
        connection.executemany(
            f"INSERT INTO {table} (rowid, {', '.join(columns)}) VALUES (?, {marks})",
            [(doc_id, *texts[table]) for doc_id, texts in rows],
        )


def _remove_fulltext(connection: sqlite3.Connection, doc_id: int) -> None:
    row = connection.execute(
        "SELECT a.status, t.title, t.keywords, t.body FROM articles AS a "
        "JOIN article_text AS t ON t.doc_id = a.doc_id WHERE a.doc_id = ?",
        (doc_id,),
    ).fetchone()
    if row is None or row["status"] != ArticleStatus.PUBLISHED.value:
        return
    for table, values in _fulltext_of(row).items():
        columns = ", ".join(_columns(table))
        marks = ", ".join("?" for _ in values)
        # A contentless FTS5 row is removed by repeating the exact values it was indexed with;
        # they are recomputed from ``articles`` (the index format pins how they are computed).
        connection.execute(
            f"INSERT INTO {table} ({table}, rowid, {columns}) VALUES ('delete', ?, {marks})",
            (doc_id, *values),
        )


def _clear_fulltext(connection: sqlite3.Connection) -> None:
    for table in _FTS_TABLES:
        connection.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")


def _insert_rows(connection: sqlite3.Connection, rows: Sequence[_ArticleRow]) -> None:
    connection.executemany(_INSERT_ARTICLE, [row.values() for row in rows])
    connection.executemany(_INSERT_TEXT, [row.text_values() for row in rows])
    published = [row for row in rows if row.status == ArticleStatus.PUBLISHED.value]
    _add_fulltext(connection, [(row.doc_id, row.fulltext()) for row in published])


def _article_of(row: sqlite3.Row) -> Article:
    return Article.model_validate(
        {
            "id": row["article_id"],
            "title": row["title"],
            "body": row["body"],
            "organisation": row["organisation"],
            "topic": {"class": row["topic_class"], "item": row["topic_item"]},
            "keywords": json.loads(row["keywords"]),
            "kind": row["kind"],
            "effective_from": row["effective_from"],
            "expires_on": row["expires_on"],
            "status": row["status"],
            "updated_at": row["updated_at"],
            "version": row["version"],
        }
    )


def _chunks(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    chunk: list[_T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _index_format() -> str:
    # Pinyin tokens depend on pypinyin's dictionaries: a new pypinyin means a rebuild, never a
    # contentless delete with values that differ from those indexed.
    return f"{INDEX_FORMAT}/pypinyin-{pypinyin_version}"


_keyword_pinyin_cache: dict[str, list[str]] = {}


def _keyword_pinyin(keyword: str) -> list[str]:
    # Keywords repeat across thousands of articles; a bounded cache saves most pinyin work.
    tokens = _keyword_pinyin_cache.get(keyword)
    if tokens is None:
        tokens = pinyin_tokens(keyword)
        if len(_keyword_pinyin_cache) < 50000:
            _keyword_pinyin_cache[keyword] = tokens
    return tokens


def _columns(table: str) -> tuple[str, ...]:
    return ("text",) if table == "kb_all_tri" else ("title", "keywords")


def _day(today: date | None) -> str:
    return (today or date.today()).isoformat()


def _count_order(node: TopicCount) -> tuple[int, str]:
    return (-node.count, node.name)


def _text_expression(variants: Sequence[str], tokenizer: str, column: str | None) -> str:
    if tokenizer == "tri":
        alternatives = [quote_fts(variant) for variant in variants]
    else:
        alternatives = [phrase_query(variant.replace('"', "")) for variant in variants]
    joined = " OR ".join(alternatives)
    prefix = f"{{{column}}} : " if column else ""
    return f"{prefix}({joined})"


def _stages(parsed: _Query) -> list[_Stage]:
    """Return the search stages in rank order for a parsed query."""
    variants = parsed.all_variants
    # The trigram index answers only when every alternative has three characters or more.
    tokenizer = "tri" if all(len(variant) >= 3 for variant in variants) else "uni"
    short_table = f"kb_short_{tokenizer}"
    title_expression = " AND ".join(_text_expression(term, tokenizer, "title") for term in parsed.terms)
    any_expression = " AND ".join(_text_expression(term, tokenizer, None) for term in parsed.terms)
    shortest = min(len(variant) for variant in variants)
    text_candidates = _SHORT_QUERY_CANDIDATES.get(shortest, STAGE_CANDIDATES)
    key = parsed.pinyin_key
    pinyin_candidates = STAGE_CANDIDATES
    stages = [_Stage(short_table, title_expression, "title", "text", (1.0, 0.0), text_candidates)]
    if key is not None:
        stages.append(
            _Stage("kb_pinyin", f"{{title}} : {key}*", "title", "pinyin", (), pinyin_candidates, scored=False)
        )
    stages.append(_Stage(short_table, any_expression, "keywords", "text", (1.0, 1.0), text_candidates))
    if key is not None:
        stages.append(
            _Stage("kb_pinyin", f"{key}*", "keywords", "pinyin", (), pinyin_candidates, scored=False)
        )
    stages.append(
        _Stage("kb_all_tri", _BODY_DEFERRED, "body", "text", (), _BODY_CANDIDATES, scored=shortest >= 3)
    )
    return stages


def _text_spans(text: str, variants: Sequence[str]) -> list[Span]:
    folded = fold(text)
    return merge_spans([span for variant in variants for span in find_all(folded, variant)])


def _snippet(body: str, variants: Sequence[str]) -> tuple[str, list[Span]]:
    spans = _text_spans(body, variants)
    start = max(0, spans[0].start - SNIPPET_CHARS // 4) if spans else 0
    end = min(len(body), start + SNIPPET_CHARS)
    if end < len(body):
        # A cut right after an opening quote or bracket reads as a broken sentence: cut before it.
        while end > start and body[end - 1] in _OPENING_MARKS:
            end -= 1
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(body) else ""
    shift = len(prefix) - start
    inside = [
        Span(max(span.start, start) + shift, min(span.end, end) + shift)
        for span in spans
        if span.end > start and span.start < end
    ]
    return prefix + body[start:end] + suffix, inside


def _parse_batch(batch: ChangeBatch | Mapping[str, Any]) -> ChangeBatch:
    if isinstance(batch, ChangeBatch):
        return batch
    try:
        return ChangeBatch.model_validate(batch)
    except ValueError as exc:
        raise SyncDataError(tr("Knowledge", "知识库同步数据格式错误：{reason}").format(reason=exc)) from exc


__all__ = [
    "DEFAULT_LIMIT",
    "ArticleSummary",
    "CancelToken",
    "KnowledgeIndex",
    "PendingFeedback",
    "SearchCancelled",
    "SearchHit",
    "SyncDataError",
    "TopicCount",
    "mark_spans",
]
