"""What the printed papers of admission and transfer say (member-file.md; the forms of
Hướng dẫn 12-HD/BTCTW 2022), as plain data: the statute rules they cite, dated (the Party's
rules changed in 2011, 2016, 2021 and 2025), and the wording of each paper."""

from __future__ import annotations

import datetime as dt

# The regulation implementing the Party Statute in force on a day (source: each regulation).
STATUTE_RULES: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2011, 11, 1), "Quy định số 45-QĐ/TW, ngày 01/11/2011 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng"),
    (dt.date(2016, 7, 25), "Quy định số 29-QĐ/TW, ngày 25/7/2016 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng"),
    (dt.date(2021, 7, 30), "Quy định số 24-QĐ/TW, ngày 30/7/2021 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng"),
    (dt.date(2025, 5, 26), "Quy định số 294-QĐ/TW, ngày 26/5/2025 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng"),
)
PROBATION_MONTHS_TEXT = "12 tháng"
INTRODUCTION_VALID_DAYS = 30  # a letter of introduction is presented within a month


def statute_rule(day: dt.date) -> str:
    """The implementing regulation a paper dated `day` cites (the earliest for older papers)."""
    found = STATUTE_RULES[0][1]
    for since, text in STATUTE_RULES:
        if since <= day:
            found = text
    return found


def long_date(day: dt.date | None) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}" if day else "ngày …… tháng …… năm ……"


def short_date(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else "……/……/………"
