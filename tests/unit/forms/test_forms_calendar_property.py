"""Properties of due dates over many registrations, checked against chinese-calendar independently."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import chinese_calendar
from hypothesis import given, settings
from hypothesis import strategies as st

from seatclient.forms.calendar import (
    SHANGHAI,
    WorkingDayCalendar,
    load_default_calculator,
    load_default_calendar,
)

CALENDAR: WorkingDayCalendar = load_default_calendar()
CALCULATOR = load_default_calculator()
# The years known without guessing: the package's own range plus the shipped 2025 and 2026 data.
_PACKAGE_YEARS = [day.year for day in chinese_calendar.holidays]
KNOWN_YEARS = set(range(min(_PACKAGE_YEARS), max(_PACKAGE_YEARS) + 1)) | {2025, 2026}
LAST_KNOWN = date(max(KNOWN_YEARS), 11, 30)
CLASSES = [
    ("ZJ-2025", "quick"),
    ("ZJ-2025", "general"),
    *[("HZ-2020", c) for c in ("extra_urgent", "urgent", "routine", "difficult")],
]


@settings(max_examples=300, deadline=None)
@given(
    registered=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2035, 12, 31)),
    policy_and_class=st.sampled_from(CLASSES),
)
def test_due_date_is_the_nth_working_day_strictly_after_registration(
    registered: datetime, policy_and_class: tuple[str, str]
) -> None:
    policy, class_code = policy_and_class
    due = CALCULATOR.due(registered, class_code, policy)
    start = registered.date()
    assert due.due_date > start
    assert CALENDAR.is_working_day(due.due_date)
    assert CALENDAR.working_days_between(start, due.due_date) == due.working_days
    # The day before the due date had one working day fewer: the due date is the first such day.
    assert CALENDAR.working_days_between(start, due.due_date - timedelta(days=1)) == due.working_days - 1
    assert due.deadline == datetime.combine(due.due_date, time(23, 59, 59), tzinfo=SHANGHAI)
    # Provisional exactly when a counted day, (start, due], falls outside the known years.
    first_counted = start + timedelta(days=1)
    counted_years = range(first_counted.year, due.due_date.year + 1)
    assert due.provisional == any(year not in KNOWN_YEARS for year in counted_years)


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=date(min(KNOWN_YEARS), 1, 1), max_value=LAST_KNOWN),
    count=st.integers(min_value=1, max_value=10),
)
def test_known_years_agree_with_chinese_calendar(start: date, count: int) -> None:
    due, provisional = CALENDAR.add_working_days(start, count)
    assert not provisional
    official = [
        day
        for day in (start + timedelta(days=offset) for offset in range(1, (due - start).days + 1))
        if chinese_calendar.is_workday(day)
    ]
    assert len(official) == count
    assert official[-1] == due


@settings(max_examples=100, deadline=None)
@given(
    start=st.dates(min_value=date(max(KNOWN_YEARS) + 1, 1, 1), max_value=date(2200, 12, 31)),
    count=st.integers(min_value=1, max_value=60),
)
def test_beyond_the_data_never_raises_and_is_provisional(start: date, count: int) -> None:
    due, provisional = CALENDAR.add_working_days(start, count)
    assert provisional
    assert due.weekday() < 5
    weekdays = sum(
        1 for offset in range(1, (due - start).days + 1) if (start + timedelta(days=offset)).weekday() < 5
    )
    assert weekdays == count
