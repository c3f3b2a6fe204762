"""Reading a workbook (.xlsx) or a CSV folder into raw rows, sheet by sheet.

Rows are streamed: an .xlsx is opened read-only and a CSV file read line by line, so a
large folder never sits in memory twice.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dangbo.domain.problems import Problem
from dangbo.domain.text import fold

from .schema import ERROR_COLUMN, SHEET_BY_NAME, Sheet, header_lookup, sheet_lookup


@dataclass
class RawSheet:
    """One sheet: its schema, the header as written, the column codes, and the data rows.

    `rows` holds (row number, {code: raw value}) with row 1 the header.
    """

    sheet: Sheet
    source_name: str
    header: list[str]
    codes: list[str | None]
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)


@dataclass
class RawWorkbook:
    path: Path
    sheets: dict[str, RawSheet]
    problems: list[Problem]
    content_hash: str


def _clean(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _hash_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Collector:
    def __init__(self, path: Path):
        self.path = path
        self.sheets: dict[str, RawSheet] = {}
        self.problems: list[Problem] = []
        self.digests: dict[str, object] = {}
        self.sheet_names = sheet_lookup()

    def add_sheet(self, title: str, rows: Iterator[list[object]]) -> None:
        name = self.sheet_names.get(fold(title))
        if name is None:
            self.problems.append(Problem((title, 1), None, title,
                                         f"Sheet '{title}' không thuộc định dạng trao đổi dữ liệu."))
            return
        if name in self.sheets:
            self.problems.append(Problem((title, 1), None, title, f"Sheet {name} xuất hiện hai lần."))
            return
        sheet = SHEET_BY_NAME[name]
        first = next(rows, None)
        if first is None:
            return
        header = ["" if v is None else str(v).strip() for v in first]
        while header and not header[-1]:
            header.pop()
        lookup = header_lookup(sheet)
        codes: list[str | None] = []
        for i, text in enumerate(header, start=1):
            folded = fold(text)
            if folded in (ERROR_COLUMN, fold("Lỗi")):
                codes.append(None)  # the annotation column of a refused copy is ignored
                continue
            code = lookup.get(folded)
            if code is None:
                self.problems.append(Problem((name, 1), _letter(i), text, f"Cột '{text}' không có trong sheet {name}."))
            elif code in codes:
                self.problems.append(Problem((name, 1), _letter(i), text, f"Cột {code} xuất hiện hai lần."))
                code = None
            codes.append(code)
        raw = RawSheet(sheet, title, header, codes)
        self.sheets[name] = raw
        digest = self.digests[name] = hashlib.sha256()
        # Columns in code order, so the same content hashes the same whatever the column order.
        order = sorted((c, i) for i, c in enumerate(codes) if c is not None)
        digest.update("|".join(c for c, _ in order).encode())
        for number, values in enumerate(rows, start=2):
            cells = [_clean(v) for v in values[: len(codes)]]
            if not any(v is not None for v in cells):
                continue
            record = {code: v for code, v in zip(codes, cells, strict=False) if code is not None and v is not None}
            raw.rows.append((number, record))
            digest.update(("\x1d" + "\x1f".join(_hash_value(cells[i]) if i < len(cells) else "" for _, i in order)).encode())

    def result(self) -> RawWorkbook:
        total = hashlib.sha256()
        for name in sorted(self.digests):
            total.update(f"{name}:{self.digests[name].hexdigest()};".encode())  # type: ignore[attr-defined]
        return RawWorkbook(self.path, self.sheets, self.problems, total.hexdigest())


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i)


def iter_sheets(path: str | Path) -> Iterator[tuple[str, Iterator[list[object]]]]:
    """(sheet title, rows) of an .xlsx file, a folder of `<sheet>.csv` files or one CSV file."""
    path = Path(path)
    if path.is_dir():
        for file in sorted(path.glob("*.csv")):
            with open(file, newline="", encoding="utf-8-sig") as fh:
                yield file.stem, iter(csv.reader(fh))
    elif path.suffix.lower() == ".xlsx" and path.is_file():
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            for ws in wb.worksheets:
                yield ws.title, (list(r) for r in ws.iter_rows(values_only=True))
        finally:
            wb.close()
    elif path.suffix.lower() == ".csv" and path.is_file():
        with open(path, newline="", encoding="utf-8-sig") as fh:
            yield path.stem, iter(csv.reader(fh))
    else:
        raise FileNotFoundError(path)


def read_workbook(path: str | Path) -> RawWorkbook:
    """Read a workbook into raw rows, with the problems of its layout and its content hash."""
    collector = _Collector(Path(path))
    for title, rows in iter_sheets(path):
        collector.add_sheet(title, rows)
    return collector.result()
