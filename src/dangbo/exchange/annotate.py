"""The annotated copy of a refused workbook: a `loi` column per sheet, offending cells marked."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from dangbo.core.spreadsheets import as_text, text_cells
from dangbo.domain.problems import Problem
from dangbo.domain.text import fold, writable

from .reader import iter_sheets
from .schema import ERROR_COLUMN, ERROR_LABEL, SHEET_BY_NAME, header_lookup, sheet_lookup
from .xlsx import write_only_workbook

ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")


def write_annotated(source: str | Path, problems: list[Problem], out: str | Path) -> Path:
    """Copy `source` (.xlsx or CSV folder) to `out` (.xlsx) with every problem written in."""
    by_cell: dict[tuple[str, int], list[Problem]] = defaultdict(list)
    for p in problems:
        by_cell[p.ref].append(p)
    out = Path(out)
    with write_only_workbook() as wb:
        _copy_sheets(wb, source, by_cell)
        wb.save(out)
    return out


def _copied(value):
    """A cell value as copied: in text, each character a workbook cannot hold (the import
    refused it) shown as U+FFFD, for the user to delete."""
    return writable(value) if isinstance(value, str) else value


def _copy_sheets(wb, source: str | Path, by_cell: dict[tuple[str, int], list[Problem]]) -> None:
    """Every sheet of `source` into `wb`, each problem marked on its cell and in its row's `loi`."""
    names = sheet_lookup()
    for title, rows in iter_sheets(source):
        name = names.get(fold(title), title)
        ws = wb.create_sheet(title=title[:31])
        header = next(rows, None)
        if header is None:
            continue
        header = ["" if v is None else _copied(v) for v in header]
        keep = [i for i, h in enumerate(header) if fold(str(h)) not in (ERROR_COLUMN, fold(ERROR_LABEL))]
        lookup = header_lookup(SHEET_BY_NAME[name]) if name in SHEET_BY_NAME else {}
        codes = [lookup.get(fold(str(header[i]))) for i in keep]
        head_cells = []
        for i in keep:
            cell = as_text(WriteOnlyCell(ws, value=header[i]))
            cell.font = Font(bold=True)
            head_cells.append(cell)
        err_head = WriteOnlyCell(ws, value=ERROR_COLUMN)
        err_head.font = Font(bold=True, color="9C0006")
        header_problems = by_cell.get((name, 1), []) + by_cell.get((title, 1), [])
        if header_problems:
            err_head.value = ERROR_COLUMN + ": " + "; ".join(p.message for p in header_problems)
        ws.append([*head_cells, err_head])
        for number, values in enumerate(rows, start=2):
            found = by_cell.get((name, number))
            values = [_copied(v) for v in values]
            if not found:
                ws.append(text_cells(ws, [values[i] if i < len(values) else None for i in keep] + [None]))
                continue
            marked: dict[str, list] = {}
            for p in found:
                if p.column:
                    marked.setdefault(p.column, []).append(p)
            cells = []
            for i, code in zip(keep, codes, strict=True):
                cell = as_text(WriteOnlyCell(ws, value=values[i] if i < len(values) else None))
                if code in marked:
                    errors = [p for p in marked[code] if p.is_error]
                    cell.fill = ERROR_FILL if errors else WARNING_FILL
                    cell.comment = Comment("\n".join(p.message for p in marked[code]), "dangbo")
                cells.append(cell)
            text = "; ".join(("" if p.is_error else "Cảnh báo: ") + (f"[{p.column}] " if p.column else "") + p.message
                             for p in found)
            err = as_text(WriteOnlyCell(ws, value=text))
            err.font = Font(color="9C0006")
            ws.append([*cells, err])
