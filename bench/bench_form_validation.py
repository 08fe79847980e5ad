"""Benchmark: whole-form validation of a realistic filled intake form (target: well under 2 ms).

Three ways are timed in the same run, on the same values:

- ``prepared``: one ``FormValidator`` built at start-up, validating on every change (what the UI does);
- ``cold``: the same validator with the phone-number cache emptied before each run (a new number typed);
- ``baseline``: a naive validator that reads and parses the form file, builds the checks and parses the
  phone number afresh on every validation.

Run: ``.venv/bin/python bench/bench_form_validation.py [--quick]``. The last line is
``RESULT form_validation p50_ms=... p99_ms=... target_ms=2 ...``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from seatclient.forms.schema import RULE_NAME, FormSchema, load_form_schema
from seatclient.forms.validation import FormValidator, _classify_phone
from seatclient.resources import resource_path
from seatclient.rules import RuleBook
from seatclient.rules.rulebook import parse_rule_text

TARGET_MS = 2.0
CHINA = timezone(timedelta(hours=8))
NOW = datetime(2025, 11, 22, 10, 0, tzinfo=CHINA)

# The HZ appendix E classes with a few items each, and Hangzhou districts with streets: the size of
# the lookups a real catalogue answers from.
TOPICS = {
    ("城乡建设", item)
    for item in (
        "国有土地上房屋征收与补偿",
        "城市建设和管理",
        "城乡规划",
        "住房保障与房地产",
        "建筑市场",
        "其他",
    )
} | {
    ("劳动和社会保障", item)
    for item in ("城镇职工社会保险", "工资福利", "劳动关系", "退休政策及待遇", "其他")
}
PLACES = {
    (district, street)
    for district, streets in {
        "上城区": ("湖滨街道", "清波街道", "小营街道", "望江街道", "南星街道"),
        "西湖区": ("西溪街道", "北山街道", "翠苑街道", "文新街道", "蒋村街道", "转塘街道"),
        "滨江区": ("西兴街道", "长河街道", "浦沿街道"),
    }.items()
    for street in streets
}


class SetCatalog:
    """Topic and place look-ups from in-memory sets, as the real catalogues answer them."""

    def is_valid_topic(self, class_name: str, item_name: str) -> bool:
        """Tell whether the topic is known."""
        return (class_name, item_name) in TOPICS

    def is_valid_place(self, district: str, street: str) -> bool:
        """Tell whether the place is known."""
        return (district, street) in PLACES


FILLED_FORM: dict[str, Any] = {
    "caller_name": "欧阳女士",
    "phone_withheld": False,
    "caller_phone": "0571-87654321",
    "address": "杭州市西湖区西溪街道文三路 90 号 3 幢 502 室",
    "request_type": "complaint_report",
    "confidential": True,
    "involved_party": "文三路 88 号某某餐馆",
    "occurred_at": "2025-11-21T19:30:00+08:00",
    "occurred_location": "文三路 88 号餐馆后门排烟口",
    "event_description": (
        "来电人反映，文三路 88 号某某餐馆每天傍晚起油烟直排居民楼，排烟口正对住宅窗户，"
        "气味刺鼻，已持续两个月，多次与店家沟通无果。"
    )
    * 6,
    "caller_request": "要求相关部门上门核查，督促餐馆安装油烟净化设施并改造排烟口位置。",
    "business_topic": {"class": "城乡建设", "item": "城市建设和管理"},
    "matter_place": {"district": "西湖区", "street": "西溪街道"},
    "time_limit_class": "general",
    "notes": "来电人情绪较激动，已安抚。",
}


def naive_validate(rule_text: str, values: dict[str, Any]) -> int:
    """Validate as a naive implementation would: parse the file and build every check on each call."""
    _classify_phone.cache_clear()
    schema = load_form_schema(parse_rule_text(RULE_NAME, rule_text, "intake_form.json"))
    return len(FormValidator(schema, SetCatalog()).validate(values, NOW))


def time_runs(action: Callable[[], int], runs: int, before: Callable[[], None] | None = None) -> list[float]:
    """Return the duration of each of ``runs`` calls of ``action`` in milliseconds."""
    durations: list[float] = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter_ns()
        errors = action()
        durations.append((time.perf_counter_ns() - start) / 1e6)
        if errors:
            raise AssertionError(f"the benchmark form should be valid, got {errors} errors")
    return durations


def percentile(durations: list[float], fraction: float) -> float:
    """Return the ``fraction`` percentile (nearest rank) of ``durations``."""
    ordered = sorted(durations)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    """Time the three ways and print their figures; the last line is the RESULT line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, for a smoke check")
    options = parser.parse_args()
    runs = 500 if options.quick else 20000
    baseline_runs = 50 if options.quick else 1000

    rule_text = resource_path("rules", f"{RULE_NAME}.json").read_text(encoding="utf-8")
    schema: FormSchema = load_form_schema(RuleBook().get(RULE_NAME))
    validator = FormValidator(schema, SetCatalog())

    def prepared() -> int:
        return len(validator.validate(FILLED_FORM, NOW))

    def baseline() -> int:
        return naive_validate(rule_text, FILLED_FORM)

    time_runs(prepared, min(runs, 200))  # warm-up: imports, first phone parse, allocator
    time_runs(baseline, 5)
    prepared_ms = time_runs(prepared, runs)
    cold_ms = time_runs(prepared, runs, before=_classify_phone.cache_clear)
    baseline_ms = time_runs(baseline, baseline_runs)

    rows = (("prepared", prepared_ms), ("cold phone cache", cold_ms), ("baseline (naive)", baseline_ms))
    print(
        f"form: {len(schema.fields)} fields, {len(FILLED_FORM)} filled; target {TARGET_MS} ms per validation"
    )
    # On a busy machine a run preempted for a scheduler tick (about 4 ms) shows up in the p99.
    print("load average: " + " ".join(f"{value:.2f}" for value in os.getloadavg()))
    print(f"{'way':<20}{'runs':>8}{'p50 ms':>10}{'p99 ms':>10}{'mean ms':>10}")
    for name, durations in rows:
        print(
            f"{name:<20}{len(durations):>8}{percentile(durations, 0.5):>10.4f}"
            f"{percentile(durations, 0.99):>10.4f}{statistics.fmean(durations):>10.4f}"
        )
    p50 = percentile(prepared_ms, 0.5)
    p99 = percentile(prepared_ms, 0.99)
    cold_p50 = percentile(cold_ms, 0.5)
    baseline_p50 = percentile(baseline_ms, 0.5)
    print(
        f"baseline / prepared (p50): {baseline_p50 / p50:.1f}x; cold / prepared (p50): {cold_p50 / p50:.1f}x"
    )
    print(
        f"RESULT form_validation p50_ms={p50:.4f} p99_ms={p99:.4f} target_ms={TARGET_MS:g} "
        f"cold_p50_ms={cold_p50:.4f} baseline_p50_ms={baseline_p50:.4f} "
        f"speedup_vs_baseline={baseline_p50 / p50:.1f} runs={runs}"
    )


if __name__ == "__main__":
    main()
