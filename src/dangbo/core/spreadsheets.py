"""Text in spreadsheets written for users: never a formula (issue 19, finding 4).

Shared by the exchange format's files (export, annotated copy, import) and the report's
workbook."""

from __future__ import annotations

import re
from typing import Any

# ---- text that a spreadsheet would take for a formula (issue 19, finding 4) ---------------
# OWASP's advice for CSV: a cell starting with = + - @ tab or carriage return is prefixed with
# a single quote, which spreadsheets show and do not evaluate. The import takes one quote back
# off a cell of quotes followed by such a character, so every value makes the round trip: a
# name that itself starts with quotes before an = gets one quote more on the way out. A
# workbook's text cells are written as text (never formulas) and need only that last rule.
_RISKY = re.compile(r"'*[=+\-@\t\r]")
_QUOTED = re.compile(r"'+[=+\-@\t\r]")


def csv_text(value: str) -> str:
    """A text cell as written to a CSV file."""
    return "'" + value if _RISKY.match(value) else value


def xlsx_text(value: str) -> str:
    """A text cell's value as written to a workbook (as text, by `text_cells`)."""
    return "'" + value if _QUOTED.match(value) else value


def read_text(value: str) -> str:
    """A text cell as imported: the quote an export added taken off."""
    return value[1:] if value[:1] == "'" and _QUOTED.match(value) else value


def text_cells(ws: Any, values: list) -> list:
    """A row for a write-only sheet in which no string becomes a formula: a value starting
    with = is written as a text cell (openpyxl would write it as a formula)."""
    from openpyxl.cell import WriteOnlyCell

    out = []
    for v in values:
        if isinstance(v, str) and v[:1] == "=":
            cell = WriteOnlyCell(ws, value=v)
            cell.data_type = "s"
            out.append(cell)
        else:
            out.append(v)
    return out


def as_text(cell: Any) -> Any:
    """A cell of a sheet being written whose string value must stay text, even with a leading =."""
    if isinstance(cell.value, str) and cell.value[:1] == "=":
        cell.data_type = "s"
    return cell
