"""Working days and due dates, hand-checked around real holidays, make-up days and beyond the data."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import chinese_calendar
import pytest

from seatclient.forms.calendar import (
    SHANGHAI,
    DueDate,
    DueDateCalculator,
    HolidayData,
    WorkingDayCalendar,
    load_default_calculator,
    load_default_calendar,
    load_holidays,
    registration_date,
    validate_holidays,
)
from seatclient.forms.time_limits import TimeLimitLookupError
from seatclient.rules import RuleBook, RuleError
from seatclient.rules.rulebook import parse_rule_text

# chinese-calendar 1.11 knows 2004-2026; a newer one may know 2027, which the hand-checked
# "beyond the data" cases below assume is unknown.
PACKAGE_KNOWS_2027 = any(day.year == 2027 for day in chinese_calendar.holidays)
needs_unknown_2027 = pytest.mark.skipif(PACKAGE_KNOWS_2027, reason="installed chinese-calendar knows 2027")


@pytest.fixture(scope="module")
def calculator() -> DueDateCalculator:
    return load_default_calculator()


def _due(
    calculator: DueDateCalculator, registered: datetime | date, code: str, policy: str | None = None
) -> date:
    return calculator.due(registered, code, policy).due_date


def test_shipped_holiday_data_matches_the_official_calendar() -> None:
    data_only = WorkingDayCalendar(load_holidays(RuleBook().get("holidays")), use_builtin=False)
    for year in (2025, 2026):
        assert data_only.is_year_known(year)
        day = date(year, 1, 1)
        while day.year == year:
            assert data_only.is_working_day(day) == chinese_calendar.is_workday(day), day
            day += timedelta(days=1)
    assert not data_only.is_year_known(2027)  # 2027 is not invented


def test_day_status_names() -> None:
    cal = load_default_calendar()
    assert cal.day_status(date(2025, 10, 6)) == (False, True, "国庆节、中秋节")
    assert cal.day_status(date(2025, 10, 11)) == (True, True, "国庆节、中秋节调休上班")
    assert cal.day_status(date(2026, 2, 14)) == (True, True, "春节调休上班")
    assert cal.day_status(date(2026, 3, 3)) == (True, True, "")
    assert cal.day_status(date(2024, 10, 1)) == (False, True, "国庆节")  # from chinese-calendar


@needs_unknown_2027
def test_day_status_beyond_the_data_is_a_guess() -> None:
    assert load_default_calendar().day_status(date(2027, 10, 1)) == (True, False, "")  # a Friday


# --- 2025 National Day and Mid-autumn: Oct 1-8 off, Sun Sep 28 and Sat Oct 11 worked ---


def test_quick_registered_friday_before_national_day_counts_the_sunday_make_up(
    calculator: DueDateCalculator,
) -> None:
    # Sat 27 off; Sun 28 (make-up) 1; Mon 29 2; Tue 30 3.
    assert _due(calculator, datetime(2025, 9, 26, 10, 0), "quick") == date(2025, 9, 30)


def test_quick_registered_on_the_eve_ends_on_the_make_up_saturday(calculator: DueDateCalculator) -> None:
    # Oct 1-8 off; Thu 9 1; Fri 10 2; Sat 11 (make-up) 3.
    due = calculator.due(datetime(2025, 9, 30, 9, 0), "quick")
    assert due == DueDate(
        due_date=date(2025, 10, 11),
        deadline=datetime(2025, 10, 11, 23, 59, 59, tzinfo=SHANGHAI),
        working_days=3,
        provisional=False,
        policy="ZJ-2025",
        class_code="quick",
    )
    assert due.deadline.isoformat() == "2025-10-11T23:59:59+08:00"


def test_general_registered_on_a_holiday(calculator: DueDateCalculator) -> None:
    # Oct 9, 10, 11, 13, 14, 15, 16.
    assert _due(calculator, datetime(2025, 10, 3, 15, 0), "general") == date(2025, 10, 16)


def test_hz_routine_across_national_day(calculator: DueDateCalculator) -> None:
    # Oct 9, 10, 11, 13, 14.
    assert _due(calculator, datetime(2025, 9, 30, 16, 20), "routine", "HZ-2020") == date(2025, 10, 14)


def test_registered_on_a_make_up_working_day_that_day_still_does_not_count(
    calculator: DueDateCalculator,
) -> None:
    assert _due(calculator, datetime(2025, 9, 28, 9, 0), "extra_urgent", "HZ-2020") == date(2025, 9, 29)


def test_registered_on_a_weekend(calculator: DueDateCalculator) -> None:
    # Sat Sep 27: Sun 28 (make-up) 1, Mon 29 2, Tue 30 3.
    assert _due(calculator, date(2025, 9, 27), "quick") == date(2025, 9, 30)
    # An ordinary weekend: Sat 2025-03-15 → Mon 17, Tue 18, Wed 19.
    assert _due(calculator, datetime(2025, 3, 15, 11, 0), "quick") == date(2025, 3, 19)
    assert _due(calculator, datetime(2025, 3, 16, 11, 0), "extra_urgent", "HZ-2020") == date(2025, 3, 17)


# --- 2026 Spring Festival: Feb 15-23 off, Sat Feb 14 and Sat Feb 28 worked ---


def test_spring_festival_2026_make_up_saturday_before(calculator: DueDateCalculator) -> None:
    # Fri Feb 13: Sat 14 (make-up) 1; Feb 15-23 off; Tue 24 2; Wed 25 3.
    assert _due(calculator, datetime(2026, 2, 13, 17, 0), "quick") == date(2026, 2, 25)


def test_spring_festival_2026_general_ends_on_the_make_up_saturday_after(
    calculator: DueDateCalculator,
) -> None:
    # Thu Feb 12: Fri 13 1, Sat 14 2, Tue 24 3, Wed 25 4, Thu 26 5, Fri 27 6, Sat 28 (make-up) 7.
    assert _due(calculator, datetime(2026, 2, 12, 8, 30), "general") == date(2026, 2, 28)


def test_spring_festival_2026_registered_during_the_holiday(calculator: DueDateCalculator) -> None:
    assert _due(calculator, datetime(2026, 2, 16, 20, 0), "quick") == date(2026, 2, 26)


def test_labour_day_2026_make_up_saturday(calculator: DueDateCalculator) -> None:
    # Thu May 7: Fri 8 1, Sat 9 (make-up) 2, Mon 11 3.
    assert _due(calculator, datetime(2026, 5, 7, 14, 0), "quick") == date(2026, 5, 11)
    # Thu Apr 30: May 1-5 off; Wed 6 1, Thu 7 2, Fri 8 3.
    assert _due(calculator, datetime(2026, 4, 30, 14, 0), "quick") == date(2026, 5, 8)


# --- time of day and time zones ---


def test_late_at_night_is_still_the_registration_day(calculator: DueDateCalculator) -> None:
    assert _due(calculator, datetime(2025, 9, 28, 23, 59, 59), "extra_urgent", "HZ-2020") == date(2025, 9, 29)


def test_aware_times_are_converted_to_beijing_time(calculator: DueDateCalculator) -> None:
    # 16:30 UTC on Sep 28 is 00:30 on Sep 29 in Hangzhou: the next working day is Sep 30.
    registered = datetime(2025, 9, 28, 16, 30, tzinfo=UTC)
    assert registration_date(registered) == date(2025, 9, 29)
    assert _due(calculator, registered, "extra_urgent", "HZ-2020") == date(2025, 9, 30)
    same_moment = datetime(2025, 9, 29, 0, 30, tzinfo=SHANGHAI)
    assert _due(calculator, same_moment, "extra_urgent", "HZ-2020") == date(2025, 9, 30)
    assert registration_date(date(2025, 9, 28)) == date(2025, 9, 28)


def test_deadline_is_end_of_day_in_shanghai(calculator: DueDateCalculator) -> None:
    due = calculator.due(datetime(2026, 3, 2, 9, 0), "quick")
    assert due.deadline.utcoffset() == timedelta(hours=8)
    assert due.deadline.astimezone(UTC) == datetime(2026, 3, 5, 15, 59, 59, tzinfo=UTC)


# --- beyond the known data ---


@needs_unknown_2027
def test_beyond_the_data_is_provisional_and_uses_monday_to_friday(calculator: DueDateCalculator) -> None:
    due = calculator.due(datetime(2027, 3, 5, 10, 0), "quick")  # a Friday
    assert (due.due_date, due.provisional) == (date(2027, 3, 10), True)
    crossing = calculator.due(datetime(2026, 12, 30, 10, 0), "general")
    # Thu Dec 31 is known; 2027 is guessed: Fri Jan 1 counts as a weekday.
    assert (crossing.due_date, crossing.provisional) == (date(2027, 1, 8), True)
    inside = calculator.due(datetime(2026, 12, 24, 10, 0), "quick")
    assert (inside.due_date, inside.provisional) == (date(2026, 12, 29), False)


@pytest.mark.parametrize("year", [1990, 2003, 2100, 2999])
def test_any_year_gives_a_deadline(calculator: DueDateCalculator, year: int) -> None:
    due = calculator.due(datetime(year, 6, 15, 12, 0), "difficult", "HZ-2020")
    assert due.provisional is True
    assert due.due_date.weekday() < 5
    assert due.due_date > date(year, 6, 15)


def test_unknown_policy_or_class(calculator: DueDateCalculator) -> None:
    with pytest.raises(TimeLimitLookupError):
        calculator.due(datetime(2025, 1, 2), "routine")  # routine is HZ-2020 only
    with pytest.raises(TimeLimitLookupError):
        calculator.due(datetime(2025, 1, 2), "quick", "XX")


def test_add_working_days_rejects_zero() -> None:
    with pytest.raises(ValueError):
        WorkingDayCalendar().add_working_days(date(2025, 1, 2), 0)


def test_working_days_between() -> None:
    cal = load_default_calendar()
    assert cal.working_days_between(date(2025, 9, 30), date(2025, 10, 11)) == 3
    assert cal.working_days_between(date(2025, 10, 11), date(2025, 9, 30)) == 0


# --- the rule data: overlay and validation ---

HALL_2027 = """{
  "years": [
    {
      "year": 2027,
      "complete": %s,
      "holidays": [{"date": "2027-01-01", "name": "元旦"}],
      "workdays": [{"date": "2027-01-09", "name": "元旦调休上班"}]
    },
    {
      "year": 2025,
      "complete": false,
      "holidays": [{"date": "2025-12-31", "name": "本厅停业"}],
      "workdays": []
    }
  ]
}
"""


def test_a_complete_year_in_the_data_is_known() -> None:
    data = load_holidays(parse_rule_text("holidays", HALL_2027 % "true", "h.json"))
    cal = WorkingDayCalendar(data)
    assert not cal.is_working_day(date(2027, 1, 1))
    assert cal.is_working_day(date(2027, 1, 9))  # a Saturday
    assert cal.add_working_days(date(2026, 12, 31), 1) == (date(2027, 1, 4), False)
    assert 2027 in cal.known_years()


@needs_unknown_2027
def test_an_incomplete_year_overrides_its_dates_but_stays_provisional() -> None:
    cal = WorkingDayCalendar(load_holidays(parse_rule_text("holidays", HALL_2027 % "false", "h.json")))
    assert not cal.is_working_day(date(2027, 1, 1))
    assert cal.add_working_days(date(2026, 12, 31), 1) == (date(2027, 1, 4), True)
    # An incomplete entry over a year the package knows: the listed date wins, the rest is known.
    assert cal.day_status(date(2025, 12, 31)) == (False, True, "本厅停业")
    assert cal.add_working_days(date(2025, 12, 30), 1) == (date(2026, 1, 4), False)  # Sun Jan 4, 2026 make-up


def test_without_any_data_everything_is_a_guess() -> None:
    cal = WorkingDayCalendar(HolidayData(), use_builtin=False)
    assert cal.add_working_days(date(2025, 9, 30), 3) == (date(2025, 10, 3), True)
    assert cal.known_years() == []


BROKEN = """{
  "years": [
    {
      "year": 2027,
      "complete": "yes",
      "holidays": [
        {"date": "2027-1-1", "name": "元旦"},
        {"date": "2026-10-01", "name": "国庆节"},
        {"date": "2027-02-06", "name": "春节"}
      ],
      "workdays": [
        {"date": "2027-02-06", "name": "春节调休上班"},
        {"date": "2027-02-08", "name": "春节调休上班"}
      ]
    },
    {"year": 2027, "complete": true, "holidays": [], "workdays": []}
  ]
}
"""


def test_validation_names_pointer_and_line() -> None:
    errors = validate_holidays(parse_rule_text("holidays", BROKEN, "hall/holidays.json"))
    assert [(e.pointer, e.line) for e in errors] == [
        ("years/0/complete", 5),  # not a boolean
        ("years/0/holidays/0/date", 7),  # not YYYY-MM-DD
        ("years/0/holidays/1/date", 8),  # not in 2027
        ("years/0/workdays/0/date", 12),  # listed twice
        ("years/0/workdays/1/date", 13),  # a Monday is no make-up day
        ("years/1/year", 16),  # the year twice
    ]
    with pytest.raises(RuleError):
        load_holidays(parse_rule_text("holidays", BROKEN, "hall/holidays.json"))
