"""Time-limit policies: the shipped ZJ-2025 and HZ-2020 data, look-ups and validation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from seatclient.forms.time_limits import (
    TimeLimitLookupError,
    TimeLimits,
    load_default,
    load_time_limits,
    validate_time_limits,
)
from seatclient.rules import RuleError
from seatclient.rules.rulebook import parse_rule_text

SEEDS = Path("/work/shared/seeds")


def _seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip("seed documents are not available")
    return re.sub(r"\s+", "", path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def limits() -> TimeLimits:
    return load_default()


def test_default_policy_is_zj_2025(limits: TimeLimits) -> None:
    assert limits.default_policy == "ZJ-2025"
    assert limits.policy().name == "ZJ-2025"
    assert limits.policy_names() == ["ZJ-2025", "HZ-2020"]


def test_zj_2025_classes(limits: TimeLimits) -> None:
    policy = limits.policy("ZJ-2025")
    assert [(c.code, c.label, c.label_en, c.working_days) for c in policy.classes] == [
        ("quick", "快速事项", "Quick", 3),
        ("general", "一般事项", "General", 7),
    ]
    zj = _seed("004_65cd5d7121f8c201.txt")
    for time_class in policy.classes:
        assert time_class.description.rstrip("。") in zj.replace(",", "，")


def test_hz_2020_classes(limits: TimeLimits) -> None:
    policy = limits.policy("HZ-2020")
    assert [(c.code, c.label, c.label_en, c.working_days) for c in policy.classes] == [
        ("extra_urgent", "特急件", "Extra-urgent", 1),
        ("urgent", "紧急件", "Urgent", 3),
        ("routine", "常规件", "Routine", 5),
        ("difficult", "疑难件", "Difficult", 7),
    ]
    assert [len(c.examples) for c in policy.classes] == [5, 2, 0, 0]
    extra_urgent = policy.time_class("extra_urgent")
    assert [e.category for e in extra_urgent.examples] == [
        "扬言、聚集",
        "自然灾害",
        "公共事务",
        "重特大事故",
        "民生事务求助",
    ]
    assert "窨井盖丢失" in extra_urgent.examples[3].text


def test_hz_2020_texts_come_from_table_d1(limits: TimeLimits) -> None:
    hz = _seed("000_c83076caf3f2c604.txt")
    start = hz.index("表D.1办理时限划分标准类别")
    table = hz[start : hz.index("附录E", start)]
    for time_class in limits.policy("HZ-2020").classes:
        assert f"{time_class.label}{time_class.working_days}个工作日" in table
        assert time_class.description in table
        for example in time_class.examples:
            assert example.category + example.text in table


def test_lookup_errors_name_what_is_allowed(limits: TimeLimits) -> None:
    assert limits.time_class("routine", "HZ-2020").working_days == 5
    with pytest.raises(TimeLimitLookupError, match="quick、general"):
        limits.time_class("routine")
    with pytest.raises(TimeLimitLookupError, match="ZJ-2025、HZ-2020"):
        limits.policy("BJ-2019")


BROKEN = """{
  "default_policy": "ZJ-2030",
  "policies": [
    {
      "name": "ZJ-2025",
      "title": "t",
      "source": "s",
      "classes": [
        {"code": "quick", "label": "快速事项", "label_en": "Quick", "working_days": 0, "description": "d", "examples": []},
        {"code": "quick", "label": "一般事项", "label_en": "General", "working_days": 7, "description": "d", "examples": []},
        {"code": "Slow One", "label": "慢", "label_en": "Slow", "working_days": "7", "description": "d", "examples": [{"category": "x"}]}
      ]
    }
  ]
}
"""


def test_validation_names_pointer_and_line() -> None:
    errors = validate_time_limits(parse_rule_text("time_limits", BROKEN, "hall/time_limits.json"))
    assert [(e.pointer, e.line) for e in errors] == [
        ("policies/0/classes/0/working_days", 9),
        ("policies/0/classes/1/code", 10),
        ("policies/0/classes/2/code", 11),
        ("policies/0/classes/2/working_days", 11),
        ("policies/0/classes/2/examples/0", 11),
        ("default_policy", 2),
    ]
    assert "1 到 60" in errors[0].problem


def test_load_raises_and_valid_minimal_file_loads() -> None:
    with pytest.raises(RuleError):
        load_time_limits(parse_rule_text("time_limits", BROKEN, "t.json"))
    text = (
        '{"default_policy": "P", "policies": [{"name": "P", "title": "t", "source": "s", "classes": '
        '[{"code": "x1", "label": "甲", "label_en": "A", "working_days": 2, "description": "d", "examples": []}]}]}'
    )
    loaded = load_time_limits(parse_rule_text("time_limits", text, "t.json"))
    assert loaded.time_class("x1").working_days == 2
