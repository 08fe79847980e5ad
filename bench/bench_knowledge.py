"""Benchmark of the knowledge index: build time and query latency on a large synthetic base.

Run: ``.venv/bin/python bench/bench_knowledge.py`` (100,000 articles), ``--quick`` (10,000) or
``--size N``. Queries are cut from the titles of current articles, as a call-taker types them:
1, 2, 3 and 5 characters, and pinyin initials of 2 to 4 characters. The baseline, measured in the
same run on the same data, is a plain ``LIKE '%q%'`` scan over titles, keywords and bodies (and,
for initials, over a column of title initials). When the ``tantivy`` package is installed (it is an
optional benchmark extra, not a dependency of the client: ``pip install tantivy``), the same queries
also run on a Tantivy index of the same articles, printed beside. Targets: build <= 60 s, p95 <= 20 ms.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from seatclient.knowledge import Article, KnowledgeIndex, html_to_text, load_default_synonyms  # noqa: E402
from seatclient.knowledge.synthetic import synthetic_articles  # noqa: E402
from seatclient.knowledge.textkeys import syllables  # noqa: E402

TODAY = date(2025, 11, 1)
LIMIT = 20
BUILD_TARGET_S = 60.0
P95_TARGET_MS = 20.0
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Return the ``fraction`` percentile (nearest rank) of ``samples``."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered)) - 1))
    return ordered[rank]


def make_queries(articles: Sequence[Article], rng: random.Random, count: int) -> dict[str, list[str]]:
    """Cut ``count`` queries of each kind from titles of current articles."""
    current = [article for article in articles if article.is_current(TODAY)]
    queries: dict[str, list[str]] = {"1char": [], "2char": [], "3char": [], "5char": [], "initials": []}
    for length, kind in ((1, "1char"), (2, "2char"), (3, "3char"), (5, "5char")):
        while len(queries[kind]) < count:
            title = rng.choice(current).title
            if len(title) < length:
                continue
            start = rng.randrange(len(title) - length + 1)
            queries[kind].append(title[start : start + length])
    while len(queries["initials"]) < count:
        runs = _CJK_RUN.findall(rng.choice(current).title)
        if not runs:
            continue
        run = rng.choice(runs)
        length = min(len(run), rng.randint(2, 4))
        start = rng.randrange(len(run) - length + 1)
        queries["initials"].append(
            "".join(syllable[0] for syllable in syllables(run[start : start + length]))
        )
    return queries


def time_queries(search: Callable[[str], object], queries: Sequence[str]) -> list[float]:
    """Return the latency of each query in milliseconds."""
    latencies: list[float] = []
    for query in queries:
        started = time.perf_counter()
        search(query)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def _initials_of(text: str) -> str:
    return " ".join("".join(syllable[0] for syllable in syllables(run)) for run in _CJK_RUN.findall(text))


class LikeBaseline:
    """The obvious implementation: a ``LIKE '%q%'`` scan of the same articles, in the same file."""

    def __init__(self, path: Path, articles: Sequence[Article]) -> None:
        self.connection = sqlite3.connect(path)
        self.connection.execute(
            "CREATE TABLE plain (id TEXT, title TEXT, keywords TEXT, body TEXT, initials TEXT, "
            "keyword_initials TEXT, status TEXT, effective_from TEXT, expires_on TEXT)"
        )
        rows = []
        for article in articles:
            initials = _initials_of(article.title)
            keyword_initials = " ".join(_initials_of(keyword) for keyword in article.keywords)
            rows.append(
                (
                    article.id,
                    article.title,
                    "、".join(article.keywords),
                    article.body,
                    initials,
                    keyword_initials,
                    article.status.value,
                    article.effective_from.isoformat(),
                    None if article.expires_on is None else article.expires_on.isoformat(),
                )
            )
        self.connection.executemany("INSERT INTO plain VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.connection.commit()
        self.current = "status = 'published' AND effective_from <= :today AND (expires_on IS NULL OR expires_on >= :today)"

    def search(self, query: str) -> list[str]:
        """Title matches first, then keywords, then bodies, like the index (but by scanning)."""
        pattern = f"%{query}%"
        sql = (
            f"SELECT id FROM plain WHERE {self.current} AND (title LIKE :p OR keywords LIKE :p OR body LIKE :p) "
            "ORDER BY (title LIKE :p) DESC, (keywords LIKE :p) DESC LIMIT :limit"
        )
        return [
            row[0]
            for row in self.connection.execute(
                sql, {"p": pattern, "today": TODAY.isoformat(), "limit": LIMIT}
            )
        ]

    def search_initials(self, query: str) -> list[str]:
        """Initials matched in title initials first, then keyword initials, like the index."""
        sql = (
            f"SELECT id FROM plain WHERE {self.current} AND (initials LIKE :p OR keyword_initials LIKE :p) "
            "ORDER BY (initials LIKE :p) DESC LIMIT :limit"
        )
        return [
            row[0]
            for row in self.connection.execute(
                sql, {"p": f"%{query}%", "today": TODAY.isoformat(), "limit": LIMIT}
            )
        ]


class TantivyBaseline:
    """Tantivy, a Rust full-text engine, over the same articles (only when ``tantivy`` is installed).

    Its tokenizers know no Chinese words, so Chinese fields are cut into 1- to 3-character n-grams
    (the usual way to find substrings with it) and initials into 1- to 4-letter n-grams; a query
    longer than three characters must contain each of its 3-character pieces. It is given the
    easier job: only the articles current on the benchmark day are indexed, so it never filters by
    date, and its hits are ids only (no snippet). Title matches weigh 3, keyword matches 2.

    Args:
        folder: an empty folder for the index.
        articles: the synthetic base.
    """

    def __init__(self, folder: Path, articles: Sequence[Article]) -> None:
        import tantivy

        self._tantivy = tantivy
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        for name in ("title", "keywords", "body"):
            builder.add_text_field(name, tokenizer_name="cjk_ngram")
        for name in ("initials", "keyword_initials"):
            builder.add_text_field(name, tokenizer_name="initials_ngram")
        self.schema = builder.build()
        folder.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=str(folder))
        self.index.register_tokenizer(
            "cjk_ngram",
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(1, 3, False))
            .filter(tantivy.Filter.lowercase())
            .build(),
        )
        self.index.register_tokenizer(
            "initials_ngram", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(1, 4, False)).build()
        )
        started = time.perf_counter()
        writer = self.index.writer(heap_size=256_000_000)
        for article in articles:
            if not article.is_current(TODAY):
                continue
            document = tantivy.Document()
            document.add_text("id", article.id)
            document.add_text("title", article.title)
            document.add_text("keywords", "、".join(article.keywords))
            document.add_text("body", html_to_text(article.body))
            document.add_text("initials", _initials_of(article.title))
            document.add_text("keyword_initials", " ".join(_initials_of(word) for word in article.keywords))
            writer.add_document(document)
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.build_s = time.perf_counter() - started
        self.searcher = self.index.searcher()

    def _field_query(self, field: str, query: str) -> object:
        tantivy = self._tantivy
        text = query.lower()
        pieces = [text] if len(text) <= 3 else [text[start : start + 3] for start in range(len(text) - 2)]
        terms = [tantivy.Query.term_query(self.schema, field, piece) for piece in dict.fromkeys(pieces)]
        if len(terms) == 1:
            return terms[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, term) for term in terms])

    def _run(self, weighted: Sequence[tuple[str, float]], query: str) -> list[str]:
        tantivy = self._tantivy
        combined = tantivy.Query.disjunction_max_query(
            [tantivy.Query.boost_query(self._field_query(field, query), weight) for field, weight in weighted]
        )
        hits = self.searcher.search(combined, LIMIT).hits
        return [str(self.searcher.doc(address)["id"][0]) for _score, address in hits]

    def search(self, query: str) -> list[str]:
        """Title, keyword and body matches, titles first."""
        return self._run((("title", 3.0), ("keywords", 2.0), ("body", 1.0)), query)

    def search_initials(self, query: str) -> list[str]:
        """Initials in titles, then in keywords."""
        return self._run((("initials", 3.0), ("keyword_initials", 2.0)), query)


def open_tantivy(folder: Path, articles: Sequence[Article]) -> TantivyBaseline | None:
    """The Tantivy baseline, or ``None`` (said on the output) when the package is not installed."""
    try:
        import tantivy  # noqa: F401
    except ImportError:
        print("tantivy is not installed: its baseline is skipped (pip install tantivy to add it)")
        return None
    baseline = TantivyBaseline(folder, articles)
    print(f"tantivy build: {baseline.build_s:.1f} s (current articles only, n-gram tokenizer)")
    return baseline


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print figures, ratios and the RESULT line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="articles in the synthetic base")
    parser.add_argument("--quick", action="store_true", help="10,000 articles and fewer queries")
    parser.add_argument("--queries", type=int, default=300, help="queries of each kind")
    parser.add_argument("--baseline-queries", type=int, default=40, help="baseline queries of each kind")
    parser.add_argument("--seed", type=int, default=12345)
    args = parser.parse_args(argv)
    size = 10_000 if args.quick else args.size
    query_count = min(args.queries, 150) if args.quick else args.queries
    rng = random.Random(args.seed)

    started = time.perf_counter()
    articles = synthetic_articles(size, seed=args.seed)
    print(f"generated {size} synthetic articles in {time.perf_counter() - started:.1f} s")

    with tempfile.TemporaryDirectory(prefix="bench_knowledge_") as folder:
        index_path = Path(folder) / "knowledge.sqlite"
        index = KnowledgeIndex(index_path, load_default_synonyms())
        started = time.perf_counter()
        index.replace_all(articles)
        build_s = time.perf_counter() - started
        size_mb = sum(path.stat().st_size for path in Path(folder).glob("knowledge.sqlite*")) / 1e6
        print(
            f"index build: {build_s:.1f} s for {size} articles ({size_mb:.0f} MB on disk), target <= {BUILD_TARGET_S:.0f} s"
        )

        # A working base has articles call-takers use again and again.
        for article in rng.sample(articles, min(300, len(articles))):
            for _ in range(rng.randint(1, 5)):
                index.record_use(article.id)

        queries = make_queries(articles, rng, query_count)
        for query in queries["2char"][:20]:
            index.search(query, today=TODAY, limit=LIMIT)

        baseline = LikeBaseline(Path(folder) / "baseline.sqlite", articles)
        engine = open_tantivy(Path(folder) / "tantivy", articles)
        results: dict[str, float] = {"build_s": build_s}
        if engine is not None:
            results["tantivy_build_s"] = engine.build_s
        print()
        print(
            f"{'query':<10}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'LIKE p50':>10}{'LIKE p95':>10}{'p95 ratio':>11}"
            + (f"{'tantivy p50':>13}{'tantivy p95':>13}" if engine is not None else "")
        )
        for kind, batch in queries.items():
            ours = time_queries(lambda query: index.search(query, today=TODAY, limit=LIMIT), batch)
            scan = baseline.search_initials if kind == "initials" else baseline.search
            theirs = time_queries(scan, batch[: args.baseline_queries])
            p50, p95 = percentile(ours, 0.5), percentile(ours, 0.95)
            base50, base95 = percentile(theirs, 0.5), percentile(theirs, 0.95)
            ratio = base95 / p95 if p95 else float("inf")
            line = f"{kind:<10}{p50:>9.2f}{p95:>9.2f}{max(ours):>9.2f}{base50:>10.2f}{base95:>10.2f}{ratio:>10.1f}x"
            if engine is not None:
                other = engine.search_initials if kind == "initials" else engine.search
                engine_times = time_queries(other, batch)
                engine50, engine95 = percentile(engine_times, 0.5), percentile(engine_times, 0.95)
                line += f"{engine50:>13.2f}{engine95:>13.2f}"
                results[f"tantivy_p95_{kind}_ms"] = engine95
            print(line)
            results[f"p50_{kind}_ms"] = p50
            results[f"p95_{kind}_ms"] = p95
            results[f"like_p95_{kind}_ms"] = base95
            results[f"speedup_{kind}"] = ratio
        index.close()
        baseline.connection.close()

    worst_p95 = max(value for key, value in results.items() if key.startswith("p95_"))
    build_ok = build_s <= BUILD_TARGET_S
    latency_ok = worst_p95 <= P95_TARGET_MS
    print()
    print(
        f"build target {'met' if build_ok else 'MISSED'}; worst p95 {worst_p95:.2f} ms, target {'met' if latency_ok else 'MISSED'}"
    )
    print(
        f"mean speed-up over LIKE at p95: {statistics.fmean(v for k, v in results.items() if k.startswith('speedup_')):.1f}x"
    )
    fields = " ".join(
        f"{key}={value:.2f}"
        for key, value in results.items()
        if key in ("build_s", "tantivy_build_s")
        or key.startswith(("p95_", "p50_", "speedup_", "tantivy_p95_"))
    )
    print(
        f"RESULT knowledge size={size} {fields} db_mb={size_mb:.0f} targets_met={int(build_ok and latency_ok)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
