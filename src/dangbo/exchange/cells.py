"""Typed values from raw cells, with a Vietnamese reason for every value that is not right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from dangbo.core.spreadsheets import read_text
from dangbo.domain import file_codes as FC
from dangbo.domain.dates import DATE_RANGE_TEXT, in_range, parse_date, parse_month
from dangbo.domain.problems import Problem
from dangbo.domain.text import fold, unwritable_character, writable

from .schema import Cell, Sheet


def _date(value):
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        day = dt.date.fromisoformat(value)
        if not in_range(day):
            raise ValueError(DATE_RANGE_TEXT)
        return day
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
    "month": "Không phải tháng hợp lệ (dùng MM/YYYY, ví dụ 09/2015).",
    "int": "Phải là số nguyên.",
    "flag": "Chỉ nhận 1 hoặc 0.",
    "number": "Phải là một số.",
    "card": "Số thẻ đảng viên phải gồm đúng 8 chữ số.",
    "cccd": "Số CCCD phải gồm đúng 12 chữ số.",
}
UNWRITABLE_MESSAGE = ("Có ký tự điều khiển vô hình ({}), thường do dán từ chương trình khác; không ghi được vào "
                      "Excel hay Word: hãy xóa ký tự đó (trong bản có chú thích lỗi, nó hiện là dấu �).")
PARSERS = {"date": _date, "month": parse_month, "int": _int, "flag": _flag, "number": _number, "card": _digits(8), "cccd": _digits(12)}


def _file_code(kind: str):
    def parse(value):
        code = FC.match(kind, value)
        if code is None:
            raise ValueError
        return code
    return parse


# The coded details of the member's file: the code, its label or another usual name.
for _kind, _what in (("dan_toc", "54 dân tộc (mã 01–54 của Tổng cục Thống kê, hoặc tên: Kinh, Thái, Mông…) hoặc nuoc_ngoai"),
                     ("ton_giao", "tôn giáo: khong, khac hoặc tôn giáo được công nhận (Phật giáo, Công giáo, Tin Lành…)"),
                     ("chuyen_mon", "trình độ chuyên môn: so_cap, trung_cap, cao_dang, dai_hoc, thac_si, tien_si"),
                     ("hoc_ham", "học hàm: gs, pgs"),
                     ("llct", "lý luận chính trị: so_cap, trung_cap, cao_cap, cu_nhan")):
    PARSERS[_kind] = _file_code(_kind)
    MESSAGES[_kind] = f"Không có trong danh mục; dùng {_what}."
PARSERS["gdpt"] = _file_code("gdpt")
MESSAGES["gdpt"] = "Giáo dục phổ thông ghi lớp/hệ: 12/12, 10/10, 9/12…; thêm «bổ túc» cho hệ bổ túc (12/12 bổ túc)."
PROBLEM_CODES = {kind: "unknown_code" for kind in (*FC.LISTS, "gdpt")}


def label_list(choices: Sequence[str]) -> list[str]:
    """A coded column's Vietnamese labels, in the order of its codes: from the first list of
    labels (domain.labels) that names every code of the column; none when no list does."""
    from dangbo.domain import labels as L

    if tuple(choices) == FC.gdpt_values():
        return [FC.label("gdpt", v) for v in choices]
    for kind in FC.LISTS:
        if tuple(choices) == FC.codes(kind):
            return [FC.labels(kind)[c] for c in choices]
    for table in (L.LEVEL, L.ORG_TYPE, L.ORG_EVENT, L.MEMBER_EVENT, L.MEMBER_STATUS, L.SEX, L.CLASS_KIND, L.CLASS_RESULT,
                  L.RATING, L.SUBJECT_KIND, L.AWARD_SUBJECT_KIND, L.INSPECTION_FORM, L.BODY, L.DISCIPLINE, L.AWARD_FORM,
                  L.AWARD_STATUS, L.MEETING_KIND, L.ATTENDANCE):
        if set(choices) <= set(table):
            return [str(table[code]) for code in choices]
    return []


def choice_labels(choices: Sequence[str]) -> dict[str, str]:
    """A coded column's Vietnamese labels, folded (no diacritics, lower case), to their codes."""
    return {fold(label): code for label, code in zip(label_list(choices), choices, strict=False)}  # none listed: empty


def _today() -> dt.date:
    """Today where the register is kept (the server's time zone), as the forms judge it."""
    from django.utils import timezone

    return timezone.localdate()


class RowParser:
    """Typed values of one sheet's rows as laid out in one file (`codes`: the column code of
    each cell, None for a cell that is not read; every row has one cell per code), with a
    Vietnamese reason appended to `problems` for each missing or malformed cell."""

    def __init__(self, sheet: Sheet, codes: Sequence[str | None]):
        self.sheet = sheet
        position = {c: i for i, c in enumerate(codes) if c is not None}
        present = [(c, position[c.code]) for c in sheet.columns if c.code in position]
        self.absent_required = [c.code for c in sheet.columns if c.required and c.code not in position]
        self.required = [(c.code, i) for c, i in present if c.required]
        self.texts = [(c.code, i) for c, i in present if c.kind == "text"]
        self.choices = [(c.code, i, frozenset(c.choices), ", ".join(c.choices)) for c, i in present if c.kind == "choice"]
        self.labelled = {c.code: choice_labels(c.choices) for c, _ in present if c.kind == "choice"}
        self.others = [(c.code, i, PARSERS[c.kind], MESSAGES[c.kind], c.kind) for c, i in present
                       if c.kind not in ("text", "choice")]
        self.today = _today()
        self.past = [(c.code, c.kind == "int") for c, _ in present if c.past]
        self.kinds = {c.code: c.kind for c, _ in present}

    def parse(self, number: int, cells: list[Cell], problems: list[Problem]) -> dict[str, object]:
        out: dict[str, object] = {}
        where = (self.sheet.name, number)
        for code, i in self.texts:
            value = cells[i]
            if value is not None:
                text = value if value.__class__ is str else str(value)
                bad = unwritable_character(text)
                if bad is None:
                    out[code] = read_text(text) if text[:1] == "'" else text
                else:
                    problems.append(Problem(where, code, writable(text), UNWRITABLE_MESSAGE.format(f"U+{ord(bad):04X}"),
                                            code="invisible_character"))
        for code, i, allowed, listed in self.choices:
            value = cells[i]
            if value is not None:
                text = value.strip() if value.__class__ is str else str(value).strip()
                if text in allowed:
                    out[code] = text
                elif (named := self.labelled[code].get(fold(text))) is not None:
                    out[code] = named  # the Vietnamese label a clerk types (Nữ, Kết nạp) for its code
                else:
                    problems.append(Problem(where, code, value, f"Mã không hợp lệ; dùng một trong: {listed}.", code="unknown_code"))
        for code, i, parser, message, kind in self.others:
            value = cells[i]
            if value is not None:
                try:
                    out[code] = parser(value)
                except (ValueError, TypeError, OverflowError):
                    problems.append(Problem(where, code, value, message, code=PROBLEM_CODES.get(kind, "unreadable_value")))
        for code, year in self.past:
            value = out.get(code)
            if value is not None and (value > self.today.year if year else value > self.today):  # type: ignore[operator]
                shown = value if year else f"{value:%m/%Y}" if self.kinds[code] == "month" else f"{value:%d/%m/%Y}"
                problems.append(Problem(where, code, value, f"{shown} là {'năm' if year else 'ngày'} sau hôm nay "
                                        f"({self.today:%d/%m/%Y}): chỉ ghi việc đã xảy ra; kiểm tra lại số đã gõ.",
                                        code="date_in_future"))
        for code in self.absent_required:
            problems.append(Problem(where, code, None, f"Thiếu giá trị bắt buộc ở cột {code}.", code="required_missing"))
        for code, i in self.required:
            if cells[i] is None:
                problems.append(Problem(where, code, None, f"Thiếu giá trị bắt buộc ở cột {code}.", code="required_missing"))
        return out


def parse_row(sheet: Sheet, number: int, record: dict[str, object], problems: list[Problem]) -> dict[str, object]:
    """Typed values of one row given as {column code: raw value}."""
    codes = list(record)
    return RowParser(sheet, codes).parse(number, [record[c] for c in codes], problems)
