import datetime as dt

import pytest

from dangbo.domain.dates import (
    add_months,
    add_working_days,
    full_years,
    months_between,
    next_award_occasion,
    parse_date,
)

D = dt.date


@pytest.mark.parametrize("start,n,expected", [
    (D(2020, 1, 31), 1, D(2020, 2, 29)),
    (D(2021, 1, 31), 1, D(2021, 2, 28)),
    (D(2020, 3, 15), 12, D(2021, 3, 15)),
    (D(2020, 8, 31), -2, D(2020, 6, 30)),
])
def test_add_months_keeps_day_or_takes_last_day(start, n, expected):
    assert add_months(start, n) == expected


def test_months_between_counts_completed_months():
    assert months_between(D(2020, 1, 31), D(2020, 2, 28)) == 0
    assert months_between(D(2020, 1, 31), D(2020, 2, 29)) == 1
    assert months_between(D(2020, 1, 15), D(2021, 1, 14)) == 11
    assert months_between(D(2020, 1, 15), D(2021, 1, 15)) == 12
    assert months_between(D(2021, 1, 15), D(2020, 1, 15)) == 0


def test_full_years_on_birthday():
    assert full_years(D(2000, 2, 29), D(2018, 2, 28)) == 18  # 29/2 + 18 years -> 28/2 (month end)
    assert full_years(D(2000, 3, 1), D(2018, 2, 28)) == 17


def test_working_days_skip_weekends_and_holidays():
    friday = D(2021, 4, 23)
    assert add_working_days(friday, 1, set()) == D(2021, 4, 26)
    assert add_working_days(friday, 1, {D(2021, 4, 26)}) == D(2021, 4, 27)


def test_parse_date_accepts_the_three_forms_and_refuses_others():
    assert parse_date("2020-04-01") == D(2020, 4, 1)
    assert parse_date("1/4/2020") == D(2020, 4, 1)
    assert parse_date("01/04/2020") == D(2020, 4, 1)
    assert parse_date(dt.datetime(2020, 4, 1)) == D(2020, 4, 1)
    assert parse_date("") is None
    for bad in ("2020-02-30", "31/02/2020", "2020/04/01", "hôm qua", "1/4/20"):
        with pytest.raises(ValueError):
            parse_date(bad)


def test_next_award_occasion():
    assert next_award_occasion(D(2020, 2, 3)) == D(2020, 2, 3)
    assert next_award_occasion(D(2020, 2, 4)) == D(2020, 5, 19)
    assert next_award_occasion(D(2020, 11, 8)) == D(2021, 2, 3)
