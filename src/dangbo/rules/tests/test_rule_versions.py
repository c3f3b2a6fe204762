"""The rule book is versioned by date: a value changed from a date judges events on and after
that date by the new value, and every older event by the value in force on its own date.

The example is the readmission's waiting time. The defaults hold 36 months (QĐ 24-QĐ/TW); here
an administrator records a version of 48 months from 2025-06-01, as a later regulation
would, and the same gap of 40 months is judged on either side of that date."""

from __future__ import annotations

import datetime as dt

import pytest

from dangbo.domain import replay as R
from dangbo.domain.tests.helpers import base_tree, d, mem, opening
from dangbo.rules.selectors import rulebook
from dangbo.rules.services import add_rule_version

CHANGED = dt.date(2025, 6, 1)


@pytest.fixture
def longer_wait(rules):
    add_rule_version(user=None, code="readmission_gap_months", name="Thời gian tối thiểu trước khi kết nạp lại (tháng)",
                     value=48, valid_from=CHANGED, source="Phiên bản thử nghiệm của bộ kiểm thử")
    return rulebook()


def _readmitted(book, struck_off: str, readmitted: str) -> set[str | None]:
    """The rules a readmission breaks, the person struck off `struck_off` and admitted again."""
    events = [opening("P", "C1"), mem(struck_off, "xoa_ten", "P"), mem(readmitted, "ket_nap", "P", cell="C1")]
    certificates: dict[str, list[tuple[str, dt.date | None, bool]]] = {
        "P": [("nhan_thuc", d(readmitted) - dt.timedelta(days=30), True)]}
    result = R.Replay(base_tree(), events, [], R.Context(book, birth_dates={"P": d("1985-01-01")},
                                                          certificates=certificates)).run()
    return {p.rule for p in result.warnings}


def test_the_value_in_force_is_read_by_date(longer_wait):
    before, on = CHANGED - dt.timedelta(days=1), CHANGED
    assert (longer_wait.value("readmission_gap_months", before), longer_wait.value("readmission_gap_months", on)) == (36, 48)


def test_a_readmission_before_the_change_is_judged_by_the_older_value(longer_wait):
    # struck off 2021-01-15, readmitted 2024-05-15: 40 months, over the 36 then in force
    assert "readmission_gap" not in _readmitted(longer_wait, "2021-01-15", "2024-05-15")


def test_a_readmission_after_the_change_is_judged_by_the_newer_value(longer_wait):
    # struck off 2022-03-15, readmitted 2025-07-15: the same 40 months, under the 48 now in force
    assert "readmission_gap" in _readmitted(longer_wait, "2022-03-15", "2025-07-15")


def test_the_day_of_the_change_already_takes_the_newer_value(longer_wait):
    # struck off 2022-02-01, readmitted on the change's day 2025-06-01: 40 months < 48
    assert "readmission_gap" in _readmitted(longer_wait, "2022-02-01", "2025-06-01")
