"""Benchmark of the forbidden-phrase matcher (seatclient.compliance.phrases).

Prints precision and recall on the test corpus, then times checking a 2,000-character text against
500 phrases (the shipped list padded with synthetic phrases) and compares it with two baselines
measured in the same run over the same phrases:

- naive: fold the text, then ``phrase in text`` for every phrase;
- regex: fold the text, then one compiled alternation of all phrases.

Neither baseline maps hits back to the original text, honours exceptions or boundaries, so they
do less work than the matcher; they are the floor a simple implementation would start from.

Run: ``.venv/bin/python bench/bench_phrases.py [--quick]``. The last line is
``RESULT phrases precision=... recall=... p50_ms=... p99_ms=... baseline_ratio=...`` where
baseline_ratio is the naive baseline's p50 divided by the matcher's p50 (above 1: the matcher is
faster).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from seatclient.compliance.normalize import Normalizer, load_default_lookalikes
from seatclient.compliance.phrases import Phrase, PhraseMatcher, load_phrase_rules
from seatclient.rules import RuleBook

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "unit" / "compliance"
TEXT_LENGTH = 2000
PHRASE_COUNT = 500
# Characters common in call-takers' speech, so synthetic phrases share prefixes with real text.
SYNTHETIC_ALPHABET = "我你您他们的是不了在有这个那就也都说要会没到去找办管问知道事情部门处理时候现在可以"


def read_corpus(name: str) -> list[str]:
    """Return the sentences of a corpus file (comments and blank lines skipped, labels dropped)."""
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return [line.partition("\t")[0] for line in lines if line.strip() and not line.startswith("#")]


def percentile(samples: list[float], fraction: float) -> float:
    """Return the ``fraction`` quantile of ``samples`` (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_calls(function: Callable[[], object], runs: int) -> list[float]:
    """Call ``function`` ``runs`` times after a warm-up and return each duration in milliseconds."""
    for _ in range(max(5, runs // 20)):
        function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def build_text(rng: random.Random) -> str:
    """A 2,000-character call-taker text: ordinary sentences with a few forbidden ones mixed in."""
    clean = read_corpus("corpus_clean.txt")
    flagged = read_corpus("corpus_flagged.txt")
    parts: list[str] = []
    while sum(map(len, parts)) < TEXT_LENGTH:
        parts.append(rng.choice(flagged) if rng.random() < 0.05 else rng.choice(clean))
    return "".join(parts)[:TEXT_LENGTH]


def main() -> None:
    """Run the benchmark and print its figures, the RESULT line last."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer timing runs")
    args = parser.parse_args()
    runs = 300 if args.quick else 3000
    rng = random.Random(20251101)

    build_start = time.perf_counter()
    normalizer = Normalizer(load_default_lookalikes())
    rules = load_phrase_rules(RuleBook().get("forbidden_phrases"), normalizer)
    matcher = PhraseMatcher(rules, normalizer)
    build_ms = (time.perf_counter() - build_start) * 1000

    flagged = read_corpus("corpus_flagged.txt")
    clean = read_corpus("corpus_clean.txt")
    true_positives = sum(1 for text in flagged if matcher.find(text))
    false_positives = sum(1 for text in clean if matcher.find(text))
    recall = true_positives / len(flagged)
    precision = true_positives / max(1, true_positives + false_positives)
    print(f"corpus: {len(flagged)} flagged, {len(clean)} clean sentences")
    print(f"  recall    {recall:.4f}  ({true_positives}/{len(flagged)})")
    print(f"  precision {precision:.4f}  ({false_positives} false positives)")
    print(f"shipped list: {len(rules.phrases)} phrases; matcher built in {build_ms:.0f} ms")

    synthetic: list[Phrase] = []
    known = {normalizer.canonical(phrase.text) for phrase in rules.phrases}
    while len(rules.phrases) + len(synthetic) < PHRASE_COUNT:
        text = "".join(rng.choices(SYNTHETIC_ALPHABET, k=rng.randint(3, 5)))
        if text not in known:
            known.add(text)
            synthetic.append(Phrase(f"synthetic-{len(synthetic)}", "rude", text, "（合成）"))
    padded_rules = replace(rules, phrases=rules.phrases + tuple(synthetic))
    padded = PhraseMatcher(padded_rules, normalizer)
    canonical_phrases = [normalizer.canonical(phrase.text) for phrase in padded_rules.phrases]
    alternation = re.compile(
        "|".join(re.escape(text) for text in sorted(canonical_phrases, key=len, reverse=True))
    )

    text = build_text(rng)
    hits = padded.find(text)
    folded = normalizer.canonical(text)
    print(
        f"timed text: {len(text)} characters, {len(padded_rules.phrases)} phrases "
        f"({padded.pattern_count} patterns with exceptions and boundary words), {len(hits)} hits"
    )

    def naive() -> list[str]:
        folded_text = normalizer.canonical(text)
        return [phrase for phrase in canonical_phrases if phrase in folded_text]

    def naive_loop_only() -> list[str]:
        return [phrase for phrase in canonical_phrases if phrase in folded]

    def regex() -> list[str]:
        return alternation.findall(normalizer.canonical(text))

    results = {
        "matcher": time_calls(lambda: padded.find(text), runs),
        "naive (fold + phrase in text)": time_calls(naive, runs),
        "naive loop only (pre-folded)": time_calls(naive_loop_only, runs),
        "regex alternation (fold + findall)": time_calls(regex, runs),
    }
    print(f"{'':38} {'p50 ms':>8} {'p99 ms':>8} {'mean ms':>8}")
    for name, samples in results.items():
        print(
            f"{name:38} {percentile(samples, 0.5):8.3f} {percentile(samples, 0.99):8.3f} "
            f"{statistics.fmean(samples):8.3f}"
        )
    p50 = percentile(results["matcher"], 0.5)
    p99 = percentile(results["matcher"], 0.99)
    naive_ratio = percentile(results["naive (fold + phrase in text)"], 0.5) / p50
    regex_ratio = percentile(results["regex alternation (fold + findall)"], 0.5) / p50
    print(f"matcher vs naive: {naive_ratio:.2f}x, vs regex: {regex_ratio:.2f}x (above 1: matcher faster)")
    print(f"target p50 < 1 ms: {'met' if p50 < 1 else 'NOT met'}")
    print(
        f"RESULT phrases precision={precision:.4f} recall={recall:.4f} p50_ms={p50:.3f} "
        f"p99_ms={p99:.3f} baseline_ratio={naive_ratio:.2f} regex_ratio={regex_ratio:.2f}"
    )


if __name__ == "__main__":
    main()
