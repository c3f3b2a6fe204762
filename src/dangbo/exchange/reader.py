"""Reading a workbook (.xlsx) or a CSV folder, sheet by sheet, as a stream of rows.

Nothing is held: an .xlsx is opened read-only and a CSV file read line by line, each row
handed on as it is read (a national register is tens of millions of rows). The sheets are
read in the order of the exchange format (`schema.SHEETS`), whatever their order in the
file, so that each later stage finds what it needs already read. The layout's problems
(unknown sheets and columns) and the content hash are gathered on the way.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dangbo.domain.problems import Problem
from dangbo.domain.text import fold

from .limits import FileRefused, Limits, RowCounter, Unreadable
from .schema import (
    ERROR_COLUMN,
    GUIDE_SHEETS,
    SHEET_BY_NAME,
    SHEETS,
    Cell,
    Sheet,
    header_lookup,
    sheet_lookup,
)

GUIDES = frozenset(fold(t) for t in GUIDE_SHEETS)


@dataclass
class SheetLayout:
    """One sheet as written: its schema, title, header and the column code of each cell."""

    sheet: Sheet
    source_name: str
    header: list[str]
    codes: list[str | None]

    def index(self, code: str) -> int | None:
        """The position of column `code` in a row, None when the sheet has no such column."""
        return self.codes.index(code) if code in self.codes else None


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


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i)


def iter_sheets(path: str | Path) -> Iterator[tuple[str, Iterator[list[Cell]]]]:
    """(sheet title, rows) of an .xlsx file, a folder of `<sheet>.csv` files or one CSV file,
    in the file's own order."""
    source = _Source(Path(path))
    try:
        for title in source.titles:
            yield title, source.rows(title)
    finally:
        source.close()


def open_workbook(path: Path):
    """An .xlsx opened read-only (values as Excel last computed them); Unreadable when it is
    not one."""
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — untrusted bytes: whatever openpyxl, zipfile or the XML parser raise
        raise Unreadable(Problem((path.name, 1), None, None,
                                 f"Tệp {path.name} không phải là tệp Excel .xlsx đọc được ({_why(exc)}). "
                                 "Hãy lưu lại bằng Excel hoặc LibreOffice dưới dạng .xlsx rồi gửi lại.",
                                 code="unreadable_file")) from exc


def _why(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


def _guarded(rows: Iterator, sheet: str) -> Iterator[list[Cell]]:
    """The rows of a sheet, any failure of reading them named as the sheet's (a broken XML
    part, a DTD, a CSV file that is not UTF-8 text)."""
    number = 1
    try:
        for number, row in enumerate(rows, start=1):  # noqa: B007 — the row reached is named on failure
            yield row
    except FileRefused:
        raise
    except Exception as exc:  # noqa: BLE001 — untrusted bytes
        reason = ("không phải văn bản UTF-8: hãy lưu tệp CSV với mã hóa UTF-8" if isinstance(exc, UnicodeDecodeError)
                  else f"nội dung không đọc được ({_why(exc)})")
        raise Unreadable(Problem((sheet, number + 1), None, None, f"Sheet {sheet}, sau dòng {number}: {reason}.",
                                 code="unreadable_sheet")) from exc


class _Source:
    """The sheets of a file by title, each openable on its own, in any order."""

    def __init__(self, path: Path):
        self.path = path
        self.wb = None
        if path.is_dir():
            self.titles = [f.stem for f in sorted(path.glob("*.csv"))]
        elif path.suffix.lower() == ".xlsx" and path.is_file():
            self.wb = open_workbook(path)
            self.titles = list(self.wb.sheetnames)
        elif path.suffix.lower() == ".csv" and path.is_file():
            self.titles = [path.stem]
        else:
            raise FileNotFoundError(path)

    def rows(self, title: str) -> Iterator[list[Cell]]:
        if self.wb is not None:
            try:
                ws = self.wb[title]
                # Every row and column, whatever the sheet's <dimension> tag claims: a tag
                # written as "A1" would otherwise hide all the data, "A1:D2" its later columns.
                ws.reset_dimensions()
            except Exception as exc:  # noqa: BLE001 — untrusted bytes
                raise Unreadable(Problem((title, 1), None, None, f"Sheet {title} không đọc được ({_why(exc)}).",
                                                 code="unreadable_sheet")) from exc
            return _guarded((list(r) for r in ws.iter_rows(values_only=True)), title)
        file = self.path / f"{title}.csv" if self.path.is_dir() else self.path
        return _guarded(self._csv(file), title)

    @staticmethod
    def _csv(file: Path) -> Iterator[list[Cell]]:
        with open(file, newline="", encoding="utf-8-sig") as fh:
            yield from csv.reader(fh)

    def size(self, title: str) -> int | None:
        """Bytes of a CSV sheet (for the progress line); None for a workbook's sheet."""
        if self.wb is not None:
            return None
        return (self.path / f"{title}.csv" if self.path.is_dir() else self.path).stat().st_size

    def close(self) -> None:
        if self.wb is not None:
            self.wb.close()


class WorkbookStream:
    """Streams a workbook's sheets; `problems` and `content_hash` are complete once every
    sheet's rows have been consumed.

    The content hash is over the cleaned cells, sheets and columns in code order, so a CSV
    folder and a workbook with the same rows are the same content."""

    def __init__(self, path: str | Path, limits: Limits | None = None):
        self.path = Path(path)
        self.counter: RowCounter | None = limits.counter() if limits else None
        self.problems: list[Problem] = []
        self._digests: dict[str, object] = {}
        self.source = _Source(self.path)
        names = sheet_lookup()
        self._titles: dict[str, str] = {}
        for title in self.source.titles:
            name = names.get(fold(title))
            if fold(title) in GUIDES:
                continue  # the template's guide and lists: nothing to import
            if name is None:
                self.problems.append(Problem((title, 1), None, title,
                                             f"Sheet '{title}' không thuộc định dạng trao đổi dữ liệu.", code="unknown_sheet"))
            elif name in self._titles:
                self.problems.append(Problem((title, 1), None, title, f"Sheet {name} xuất hiện hai lần.", code="sheet_twice"))
            else:
                self._titles[name] = title

    def sheets(self, only: set[str] | None = None, skip: frozenset[str] | set[str] = frozenset()) -> Iterator[
            tuple[SheetLayout, Iterator[tuple[int, list[Cell]]]]]:
        """(layout, rows) of each sheet present (of `only`, not of `skip`), in the exchange
        format's order; each row is (row number, cleaned cells in the file's column order, one
        per column of the header), empty rows left out."""
        try:
            for sheet in SHEETS:
                title = self._titles.get(sheet.name)
                if title is None or sheet.name in skip or (only is not None and sheet.name not in only):
                    continue
                rows = iter(self.source.rows(title))
                layout = self._layout(sheet, title, next(rows, None))
                if layout is not None:
                    yield layout, self._rows(layout, rows)
        finally:
            self.source.close()

    def size(self, layout: SheetLayout) -> int | None:
        return self.source.size(layout.source_name)

    def _layout(self, sheet: Sheet, title: str, first: list[Cell] | None) -> SheetLayout | None:
        if first is None:
            return None
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
                self.problems.append(Problem((sheet.name, 1), _letter(i), text, f"Cột '{text}' không có trong sheet {sheet.name}.",
                                             code="unknown_column"))
            elif code in codes:
                self.problems.append(Problem((sheet.name, 1), _letter(i), text, f"Cột {code} xuất hiện hai lần.", code="column_twice"))
                code = None
            codes.append(code)
        return SheetLayout(sheet, title, header, codes)

    def _rows(self, layout: SheetLayout, rows: Iterator[list[Cell]]) -> Iterator[tuple[int, list[Cell]]]:
        digest = self._digests[layout.sheet.name] = hashlib.sha256()
        # Columns in code order, so the same content hashes the same whatever the column order.
        order = [i for _, i in sorted((c, i) for i, c in enumerate(layout.codes) if c is not None)]
        digest.update("|".join(layout.codes[i] for i in order).encode())  # type: ignore[misc]
        width = len(layout.codes)
        pending: list[str] = []
        texts = self.source.wb is None  # a CSV file: every cell is a string
        if self.counter is not None:
            rows = _counted(rows, self.counter, layout.sheet.name)
        for number, values in enumerate(rows, start=2):
            if texts:
                cells = [v.strip() or None for v in values[:width]]
                if not any(cells):
                    continue
                if len(cells) < width:
                    cells += [None] * (width - len(cells))
                pending.append("\x1d" + "\x1f".join([cells[i] or "" for i in order]))
            else:
                cells = [_clean(v) for v in values[:width]]
                if all(v is None for v in cells):
                    continue
                n = len(cells)
                pending.append("\x1d" + "\x1f".join(_hash_value(cells[i]) if i < n else "" for i in order))
                if n < width:
                    cells += [None] * (width - n)
            if len(pending) >= 2000:
                digest.update("".join(pending).encode())
                pending.clear()
            yield number, cells
        digest.update("".join(pending).encode())

    def has(self, name: str) -> bool:
        return name in self._titles

    def sheet_size(self, name: str) -> int | None:
        return self.source.size(self._titles[name])

    def digest_of(self, name: str) -> str:
        return self._digests[name].hexdigest()  # type: ignore[attr-defined]

    def add_digest(self, name: str, hexdigest: str) -> None:
        """A sheet's digest computed by another process (which read that sheet)."""
        self._digests[name] = _Hex(hexdigest)

    @property
    def content_hash(self) -> str:
        total = hashlib.sha256()
        for name in sorted(self._digests):
            total.update(f"{name}:{self._digests[name].hexdigest()};".encode())  # type: ignore[attr-defined]
        return total.hexdigest()


def _counted(rows: Iterator[list[Cell]], counter: RowCounter, name: str) -> Iterator[list[Cell]]:
    """The rows, each counted against the upload's limits (empty ones too: they cost reading)."""
    sheet = counter.sheet(name)
    for number, values in enumerate(rows, start=2):
        sheet.add(number, len(values))
        yield values


class _Hex:
    def __init__(self, value: str):
        self.value = value

    def hexdigest(self) -> str:
        return self.value


__all__ = ["SHEET_BY_NAME", "SheetLayout", "WorkbookStream", "iter_sheets"]
