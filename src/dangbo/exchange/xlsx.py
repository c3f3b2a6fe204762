"""Workbooks written row by row (openpyxl's write-only mode), for the export and the
annotated copy of a refused file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def write_only_workbook() -> Iterator[Any]:
    """A write-only workbook to fill and save inside the block. If the block fails, the sheets
    begun are closed and their temporary files removed: left open, openpyxl's row writers
    fail later, when the collector finds them, inside whatever code is running then."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    try:
        yield wb
    except BaseException:
        for ws in wb.worksheets:
            if not ws.closed:
                ws.close()
            if ws._writer is not None:
                Path(ws._writer.out).unlink(missing_ok=True)
        raise

