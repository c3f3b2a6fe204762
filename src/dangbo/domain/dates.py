"""Month arithmetic and date parsing as domain.md defines them."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

ONE_DAY = dt.timedelta(days=1)


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
    """A date from `YYYY-MM-DD`, `d/m/yyyy`, `dd/mm/yyyy` text or a date/datetime cell.

    Returns None for an empty value; raises ValueError for anything else that is not a real date.
    """
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
