"""Typed values from raw cells, with a Vietnamese reason for every value that is not right."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from dangbo.domain.dates import parse_date
from dangbo.domain.problems import Problem

from .schema import Sheet


def _date(value):
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return dt.date.fromisoformat(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError
    return parse_date(value)


def _int(value):
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if text.lstrip("-").isdigit():
        return int(text)
    raise ValueError


def _digits(n: int):
    def parse(value):
        text = str(_int(value)) if isinstance(value, (int, float)) else str(value).strip()
        if isinstance(value, (int, float)) and len(text) < n:
            text = text.zfill(n)  # a spreadsheet drops leading zeros of a number cell
        if len(text) != n or not text.isdigit():
            raise ValueError
        return text
    return parse


def _flag(value):
    text = str(_int(value)) if isinstance(value, (int, float)) else str(value).strip()
    if text not in ("0", "1"):
        raise ValueError
    return text == "1"


def _number(value):
    if isinstance(value, bool):
        raise ValueError
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError from exc


MESSAGES = {
    "date": "Không phải ngày hợp lệ (dùng YYYY-MM-DD, d/m/yyyy hoặc ô ngày của Excel).",
    "int": "Phải là số nguyên.",
    "flag": "Chỉ nhận 1 hoặc 0.",
    "number": "Phải là một số.",
    "card": "Số thẻ đảng viên phải gồm đúng 8 chữ số.",
    "cccd": "Số CCCD phải gồm đúng 12 chữ số.",
}
PARSERS = {"date": _date, "int": _int, "flag": _flag, "number": _number, "card": _digits(8), "cccd": _digits(12)}


def parse_row(sheet: Sheet, number: int, record: dict[str, object], problems: list[Problem]) -> dict[str, object]:
    """Typed values of one row; appends a problem for each missing or malformed cell."""
    out: dict[str, object] = {}
    for column in sheet.columns:
        value = record.get(column.code)
        if value is None:
            if column.required:
                problems.append(Problem((sheet.name, number), column.code, None, f"Thiếu giá trị bắt buộc ở cột {column.code}."))
            continue
        kind = column.kind
        if kind == "text":
            out[column.code] = str(value) if not isinstance(value, str) else value
        elif kind == "choice":
            text = str(value).strip()
            if text not in column.choices:
                problems.append(Problem((sheet.name, number), column.code, value,
                                        f"Mã không hợp lệ; dùng một trong: {', '.join(column.choices)}."))
            else:
                out[column.code] = text
        else:
            try:
                out[column.code] = PARSERS[kind](value)
            except (ValueError, TypeError, OverflowError):
                problems.append(Problem((sheet.name, number), column.code, value, MESSAGES[kind]))
    return out
