"""The working-day calendar and the due date of an order.

Time limits count working days (ZJ art. 15, HZ appendix D) on China's official calendar, with its
holidays and make-up working weekends (调休). Three sources, the first that knows a date wins:

1. ``resources/rules/holidays.json`` (or a hall override or the config bundle): per year, the days
   off and the make-up working days as ISO dates, and whether the year is ``complete`` (the State
   Council's notice for it is out). A complete year is taken as written; an incomplete one only
   overrides the dates it lists.
2. The installed ``chinese-calendar`` package (1.11 knows 2004–2026).
3. Monday to Friday. A due date that needed this guess is marked ``provisional``: it never fails,
   but the form shows it must be checked once the year's notice is published.

Counting rule: the registration day itself never counts, even when it is a working day; the due
date is the N-th working day after the registration date (Asia/Shanghai), and the deadline is the
end of that day, 23:59:59 Beijing time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import chinese_calendar

from seatclient.forms.taxonomy import RuleChecker, child_pointer
from seatclient.forms.time_limits import TimeLimits
from seatclient.forms.time_limits import load_default as load_default_time_limits
from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError, RuleFile

RULE_SET_NAME = "holidays"

END_OF_DAY = time(23, 59, 59)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FIRST_YEAR = 1949
_LAST_YEAR = 2200

# chinese-calendar names holidays in English; the form shows Chinese.
_BUILTIN_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def _shanghai_zone() -> tzinfo:
    """Return Asia/Shanghai; Windows without the tzdata package falls back to the fixed UTC+8."""
    try:
        return ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:
        # China has kept UTC+8 without daylight saving since 1991, so the offset is exact for orders.
        return timezone(timedelta(hours=8), "Asia/Shanghai")


SHANGHAI = _shanghai_zone()


def _builtin_years() -> range:
    """The years the installed chinese-calendar knows, read from its data, not its version."""
    years = [day.year for day in chinese_calendar.holidays]
    return range(min(years), max(years) + 1) if years else range(0)


_BUILTIN_YEARS = _builtin_years()


@dataclass(frozen=True)
class HolidayYear:
    """One year's official arrangement from the rule data.

    Attributes:
        year: the year.
        complete: whether the year's notice is out and fully listed.
        notice: the notice's title, for display.
        holidays: days off (including weekend days within a break) → the holiday's name.
        workdays: make-up working days (调休上班) → the name.
    """

    year: int
    complete: bool
    notice: str = ""
    holidays: Mapping[date, str] = field(default_factory=dict)
    workdays: Mapping[date, str] = field(default_factory=dict)


@dataclass(frozen=True)
class HolidayData:
    """The holiday rule file: the years it lists.

    Attributes:
        years: year → its arrangement.
        version: the data version.
    """

    years: Mapping[int, HolidayYear] = field(default_factory=dict)
    version: str = ""


class DayStatus(NamedTuple):
    """Whether a day is a working day, and how sure that is.

    Attributes:
        working: ``True`` on working days (including make-up weekends).
        known: ``False`` when only the Monday-to-Friday guess was available.
        name: the holiday or make-up day's name, ``""`` for an ordinary day.
    """

    working: bool
    known: bool
    name: str


@dataclass(frozen=True)
class DueDate:
    """When an order must be closed.

    Attributes:
        due_date: the last working day allowed.
        deadline: the end of that day, 23:59:59 Asia/Shanghai (aware).
        working_days: the number of working days the class allows.
        provisional: ``True`` when a day counted lies beyond the known holiday data.
        policy: the time-limit policy used, e.g. ``ZJ-2025``.
        class_code: the class used, e.g. ``quick``.
    """

    due_date: date
    deadline: datetime
    working_days: int
    provisional: bool
    policy: str
    class_code: str


def registration_date(registered: datetime | date) -> date:
    """Return the calendar date of a registration in Beijing time.

    A naive datetime is taken as Beijing time already; an aware one is converted (an order
    registered at 2025-09-30T17:30Z was registered on 1 October in Hangzhou).
    """
    if isinstance(registered, datetime):
        if registered.tzinfo is None or registered.utcoffset() is None:
            return registered.date()
        return registered.astimezone(SHANGHAI).date()
    return registered


class WorkingDayCalendar:
    """China's working days: the rule data over the built-in calendar over Monday to Friday.

    Args:
        holidays: the holiday rule data; ``None`` for none.
        use_builtin: whether to consult the chinese-calendar package (tests switch it off to
            check the rule data alone).
    """

    def __init__(self, holidays: HolidayData | None = None, *, use_builtin: bool = True) -> None:
        self._years: Mapping[int, HolidayYear] = holidays.years if holidays else {}
        self._builtin_years = _BUILTIN_YEARS if use_builtin else range(0)

    def is_year_known(self, year: int) -> bool:
        """Return whether every day of ``year`` is known (no Monday-to-Friday guess needed)."""
        entry = self._years.get(year)
        return (entry is not None and entry.complete) or year in self._builtin_years

    def known_years(self) -> list[int]:
        """Return the known years in order, e.g. for the IT page "holiday data known until 2026"."""
        years = {year for year, entry in self._years.items() if entry.complete}
        years.update(self._builtin_years)
        return sorted(years)

    def day_status(self, day: date) -> DayStatus:
        """Return whether ``day`` is a working day, whether that is known, and the day's name."""
        known = self.is_year_known(day.year)
        entry = self._years.get(day.year)
        if entry is not None:
            if day in entry.holidays:
                return DayStatus(working=False, known=known, name=entry.holidays[day])
            if day in entry.workdays:
                return DayStatus(working=True, known=known, name=entry.workdays[day])
            if entry.complete:
                return DayStatus(working=day.weekday() < 5, known=True, name="")
        if day.year in self._builtin_years:
            builtin = self._builtin_status(day)
            if builtin is not None:
                return builtin
        return DayStatus(working=day.weekday() < 5, known=known, name="")

    @staticmethod
    def _builtin_status(day: date) -> DayStatus | None:
        try:
            working = bool(chinese_calendar.is_workday(day))
            _, english_name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            # Outside the package's years despite the range check: fall back to the guess.
            return None
        is_special = (not working and day.weekday() < 5) or (working and day.weekday() >= 5)
        name = _BUILTIN_HOLIDAY_NAMES.get(english_name, english_name or "") if is_special else ""
        return DayStatus(working=working, known=True, name=name)

    def is_working_day(self, day: date) -> bool:
        """Return whether ``day`` is a working day (guessing Monday to Friday beyond the data)."""
        return self.day_status(day).working

    def add_working_days(self, start: date, count: int) -> tuple[date, bool]:
        """Return the ``count``-th working day after ``start`` and whether it is provisional.

        ``start`` itself never counts. The result is provisional when any day after ``start`` up to
        the result had to be guessed.

        Raises:
            ValueError: when ``count`` is less than 1.
        """
        if count < 1:
            raise ValueError(f"count must be at least 1, got {count}")
        day = start
        counted = 0
        provisional = False
        while counted < count:
            day += timedelta(days=1)
            status = self.day_status(day)
            provisional = provisional or not status.known
            if status.working:
                counted += 1
        return day, provisional

    def working_days_between(self, start: date, end: date) -> int:
        """Return the number of working days in (``start``, ``end``]; 0 when ``end <= start``."""
        total = 0
        day = start + timedelta(days=1)
        while day <= end:
            if self.day_status(day).working:
                total += 1
            day += timedelta(days=1)
        return total

    def deadline(self, registered: datetime | date, working_days: int) -> tuple[date, datetime, bool]:
        """Return (due date, aware deadline at 23:59:59 Beijing time, provisional) for a registration."""
        due, provisional = self.add_working_days(registration_date(registered), working_days)
        return due, datetime.combine(due, END_OF_DAY, tzinfo=SHANGHAI), provisional


class DueDateCalculator:
    """Due dates of orders from the time-limit policies and the working-day calendar.

    Args:
        calendar: the working-day calendar.
        time_limits: the time-limit policies.
    """

    def __init__(self, calendar: WorkingDayCalendar, time_limits: TimeLimits) -> None:
        self.calendar = calendar
        self.time_limits = time_limits

    def due(self, registered: datetime | date, class_code: str, policy: str | None = None) -> DueDate:
        """Return the due date of an order registered at ``registered`` in class ``class_code``.

        Args:
            registered: the registration time; naive means Beijing time, aware is converted.
            class_code: the time-limit class, e.g. ``quick`` or ``extra_urgent``.
            policy: the policy name; the time limits' default when ``None``.

        Raises:
            TimeLimitLookupError: when the policy or class is unknown.
        """
        chosen = self.time_limits.policy(policy)
        time_class = chosen.time_class(class_code)
        due, deadline, provisional = self.calendar.deadline(registered, time_class.working_days)
        return DueDate(
            due_date=due,
            deadline=deadline,
            working_days=time_class.working_days,
            provisional=provisional,
            policy=chosen.name,
            class_code=time_class.code,
        )


def _parse_holidays(rule_file: RuleFile) -> tuple[HolidayData | None, RuleChecker]:
    check = RuleChecker(rule_file)
    root = check.mapping(rule_file.data, "", required=("years",), optional=("version", "description"))
    if root is None:
        return None, check
    version = check.text(root, "version", "") or ""
    check.text(root, "description", "")
    years: dict[int, HolidayYear] = {}
    seen_years: dict[str, str] = {}
    for index, raw in enumerate(check.array(root, "years", "", allow_empty=True) or ()):
        entry = _parse_year(check, raw, child_pointer("years", index), seen_years)
        if entry is not None:
            years[entry.year] = entry
    if check.errors:
        return None, check
    return HolidayData(years=years, version=version), check


def _parse_year(check: RuleChecker, raw: Any, pointer: str, seen_years: dict[str, str]) -> HolidayYear | None:
    mapping = check.mapping(
        raw, pointer, required=("year", "complete", "holidays", "workdays"), optional=("notice",)
    )
    if mapping is None:
        return None
    year = check.integer(mapping, "year", pointer, minimum=_FIRST_YEAR, maximum=_LAST_YEAR)
    complete = check.boolean(mapping, "complete", pointer)
    notice = check.text(mapping, "notice", pointer) or ""
    if year is not None and not check.unique(
        seen_years, str(year), child_pointer(pointer, "year"), tr("Holidays", "年份")
    ):
        year = None
    seen_dates: dict[str, str] = {}
    holidays = _parse_days(check, mapping, pointer, "holidays", year, seen_dates)
    workdays = _parse_days(check, mapping, pointer, "workdays", year, seen_dates)
    for day in workdays:
        if day.weekday() < 5:
            check.fail(
                seen_dates[day.isoformat()],
                tr("Holidays", "调休上班日 {day} 是周一至周五，本来就上班；这里只应列出周六或周日").format(
                    day=day.isoformat()
                ),
            )
    if year is None or complete is None:
        return None
    return HolidayYear(year=year, complete=complete, notice=notice, holidays=holidays, workdays=workdays)


def _parse_days(
    check: RuleChecker,
    mapping: Mapping[str, Any],
    pointer: str,
    key: str,
    year: int | None,
    seen_dates: dict[str, str],
) -> dict[date, str]:
    days: dict[date, str] = {}
    for index, raw in enumerate(check.array(mapping, key, pointer, allow_empty=True) or ()):
        at = child_pointer(child_pointer(pointer, key), index)
        entry = check.mapping(raw, at, required=("date", "name"))
        if entry is None:
            continue
        text = check.text(entry, "date", at)
        name = check.text(entry, "name", at)
        day = _parse_iso_date(check, text, child_pointer(at, "date"), year)
        if day is None or name is None:
            continue
        if check.unique(seen_dates, day.isoformat(), child_pointer(at, "date"), tr("Holidays", "日期")):
            days[day] = name
    return days


def _parse_iso_date(check: RuleChecker, text: str | None, pointer: str, year: int | None) -> date | None:
    if text is None:
        return None
    try:
        if not _ISO_DATE.match(text):
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError:
        check.fail(
            pointer, tr("Holidays", "“{text}”不是 YYYY-MM-DD 格式的日期，例如 2026-10-01").format(text=text)
        )
        return None
    if year is not None and day.year != year:
        check.fail(
            pointer, tr("Holidays", "日期 {day} 不在 {year} 年内").format(day=day.isoformat(), year=year)
        )
        return None
    return day


def validate_holidays(rule_file: RuleFile) -> list[RuleError]:
    """Return every problem in a holidays rule file (empty when it is usable)."""
    return _parse_holidays(rule_file)[1].errors


def load_holidays(rule_file: RuleFile) -> HolidayData:
    """Build the holiday data from a rule file; raises the first ``RuleError`` when it is not valid."""
    data, check = _parse_holidays(rule_file)
    check.raise_first()
    assert data is not None  # no errors means every part was built
    return data


def load_default_calendar(rule_book: RuleBook | None = None) -> WorkingDayCalendar:
    """Build the working-day calendar from the holiday rules in force."""
    return WorkingDayCalendar(load_holidays((rule_book or RuleBook()).get(RULE_SET_NAME)))


def load_default_calculator(rule_book: RuleBook | None = None) -> DueDateCalculator:
    """Build the due-date calculator from the holiday and time-limit rules in force."""
    book = rule_book or RuleBook()
    return DueDateCalculator(load_default_calendar(book), load_default_time_limits(book))
