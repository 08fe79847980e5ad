"""Date-times as call-takers type them, and how stored values are shown back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from seatclient.forms.calendar import SHANGHAI
from seatclient.forms.editor import format_datetime_value, parse_datetime_input, to_beijing

NOW = datetime(2025, 11, 22, 10, 7, 42, tzinfo=SHANGHAI)  # a Saturday morning in Hangzhou


def at(day: int, hour: int, minute: int = 0, month: int = 11, year: int = 2025) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2025-11-21 20:00", at(21, 20)),
        ("2025-11-21T20:00:00+08:00", at(21, 20)),
        ("2025-11-21T12:00:00Z", at(21, 20)),  # UTC noon is 20:00 in Hangzhou
        ("2025/11/21 20:00", at(21, 20)),
        ("2025.11.21 8:05", at(21, 8, 5)),
        ("2025年11月21日20时30分", at(21, 20, 30)),
        ("11-21 20:00", at(21, 20)),
        ("11月21日", at(21, 0)),
        ("11月21号 晚上8点", at(21, 20)),
        ("20:00", at(22, 20)),
        ("８：３０", at(22, 8, 30)),  # full-width, as a Chinese input method types it
        ("8点半", at(22, 8, 30)),
        ("下午3点", at(22, 15)),
        ("中午12点", at(22, 12)),
        ("中午1点", at(22, 13)),
        ("凌晨12点", at(22, 0)),
        ("今天", at(22, 0)),
        ("昨天 20:30", at(21, 20, 30)),
        ("昨天晚上8点", at(21, 20)),
        ("前天上午9点15分", at(20, 9, 15)),
        ("大前天", at(19, 0)),
        ("现在", at(22, 10, 7)),
        ("刚才", at(22, 10, 7)),
    ],
)
def test_typed_datetimes(typed: str, expected: datetime) -> None:
    assert parse_datetime_input(typed, NOW) == expected


@pytest.mark.parametrize(
    "typed",
    ["", "  ", "上周", "20", "晚上", "13-40 20:00", "2025-02-30", "25:00", "8点61分", "昨天 abc"],
)
def test_unreadable_datetimes(typed: str) -> None:
    assert parse_datetime_input(typed, NOW) is None


def test_relative_days_follow_beijing_time_not_the_server_zone() -> None:
    # 17:30 UTC on 21 November is already 01:30 on 22 November in Hangzhou.
    utc_now = datetime(2025, 11, 21, 17, 30, tzinfo=UTC)
    assert parse_datetime_input("昨天 20:00", utc_now) == at(21, 20)
    assert parse_datetime_input("20:00", datetime(2025, 11, 22, 1, 30)) == at(22, 20)  # naive = Beijing


def test_month_boundaries() -> None:
    assert parse_datetime_input("昨天 9:00", at(1, 8, month=12)) == at(30, 9, month=11)
    assert parse_datetime_input("前天", at(1, 8, month=1, year=2026)) == at(30, 0, month=12, year=2025)


def test_display_of_stored_values() -> None:
    assert format_datetime_value("2025-11-21T12:00:00+00:00") == "2025-11-21 20:00"
    assert format_datetime_value(at(21, 20)) == "2025-11-21 20:00"
    assert format_datetime_value("2025-11-21 20:00") == "2025-11-21 20:00"  # naive ISO stays as is
    assert format_datetime_value("上周") == ""
    assert format_datetime_value(None) == ""


def test_to_beijing() -> None:
    assert to_beijing(datetime(2025, 1, 1, 0, 0, tzinfo=UTC)) == datetime(2025, 1, 1, 8, 0, tzinfo=SHANGHAI)
    assert to_beijing(datetime(2025, 1, 1, 8, 0)).utcoffset() == timedelta(hours=8)
    plus_one = timezone(timedelta(hours=1))
    assert to_beijing(datetime(2025, 1, 1, 1, 0, tzinfo=plus_one)).hour == 8
