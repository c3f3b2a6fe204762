"""Month arithmetic and date parsing as domain.md defines them."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

ONE_DAY = dt.timedelta(days=1)

# The dates the register holds: births of the oldest members of 1930 to the end of the
# century. A date outside is a typing error (a year 0001 or 20266), refused where it is
# typed: the arithmetic of a day before or after would otherwise overflow.
EARLIEST, LATEST = dt.date(1850, 1, 1), dt.date(2100, 12, 31)
DATE_RANGE_TEXT = f"từ {EARLIEST:%d/%m/%Y} đến {LATEST:%d/%m/%Y}"
# Years of the Party's records (founded on 3 February 1930): ratings, terms, reports.
FIRST_YEAR, LAST_YEAR = 1930, LATEST.year


def in_range(d: dt.date) -> bool:
    return EARLIEST <= d <= LATEST


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(d: dt.date, months: int) -> dt.date:
    """The same day-of-month `months` later, or that month's last day when it does not exist."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    day = d.day
    if day > 28:  # only the month's end can be missing (the replay asks this millions of times)
        last = 29 if month == 2 and calendar.isleap(year) else _DAYS[month - 1]
        day = min(day, last)
    return dt.date(year, month, day)


def months_between(start: dt.date, end: dt.date) -> int:
    """Completed months from `start` to `end` (0 when end is before start)."""
    if end < start:
        return 0
    n = (end.year - start.year) * 12 + (end.month - start.month)
    if add_months(start, n) > end:
        n -= 1
    return n


def full_years(birth: dt.date, on: dt.date) -> int:
    """Completed years of age on a date."""
    return months_between(birth, on) // 12


def add_working_days(d: dt.date, n: int, holidays: Iterable[dt.date] | set[dt.date]) -> dt.date:
    """The date `n` working days (Monday–Friday, not a holiday) after `d`."""
    hol = holidays if isinstance(holidays, set) else set(holidays)
    cur = d
    left = n
    while left > 0:
        cur += ONE_DAY
        if cur.weekday() < 5 and cur not in hol:
            left -= 1
    return cur


def parse_date(value: object) -> dt.date | None:
    """A date from `YYYY-MM-DD`, `d/m/yyyy`, `dd/mm/yyyy` text or a date/datetime cell,
    within the register's range (EARLIEST to LATEST).

    Returns None for an empty value; raises ValueError for anything else that is not a real date.
    """
    d = _parse_date(value)
    if d is not None and not in_range(d):
        raise ValueError(f"ngày ngoài khoảng {DATE_RANGE_TEXT}")
    return d


def _parse_date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise ValueError("not a date")
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if "-" in text:
        parts = text.split("-")
        if len(parts) == 3 and len(parts[0]) == 4 and all(p.isdigit() for p in parts):
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    elif "/" in text:
        parts = text.split("/")
        if len(parts) == 3 and len(parts[2]) == 4 and all(p.isdigit() and p for p in parts) and len(parts[0]) <= 2 and len(parts[1]) <= 2:
            return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
    raise ValueError("not a date")


def next_award_occasion(d: dt.date) -> dt.date:
    """The first badge award occasion (3/2, 19/5, 2/9, 7/11) on or after `d`."""
    for month, day in ((2, 3), (5, 19), (9, 2), (11, 7)):
        occasion = dt.date(d.year, month, day)
        if occasion >= d:
            return occasion
    return dt.date(d.year + 1, 2, 3)


def parse_month(value: object) -> dt.date:
    """A month as the forms write it (MM/YYYY, M/YYYY, YYYY-MM) or a date: its first day
    (ValueError for anything else)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.replace(day=1)
    text = str(value).strip()
    for sep, year_first in (("/", False), ("-", True), (".", False)):
        parts = text.split(sep)
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            year, month = (int(parts[0]), int(parts[1])) if year_first else (int(parts[1]), int(parts[0]))
            day = dt.date(year, month, 1)  # ValueError for a month 13
            if not in_range(day):
                raise ValueError(DATE_RANGE_TEXT)
            return day
    raise ValueError(text)
