"""What the exchange's tests share."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook


def round_trip(tmp_path: Path, suffix: str = "") -> tuple[Path, Path]:
    """Export the database (a workbook with `suffix` ".xlsx", else a CSV folder), import the
    export into an emptied database, export again: the two exports' paths."""
    from dangbo.core.maintenance import empty_data_tables
    from dangbo.exchange.exporter import export_database
    from dangbo.exchange.importer import import_workbook

    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    export_database(first)
    empty_data_tables()
    result = import_workbook(first)
    assert result.status == "applied", [str(p) for p in result.errors]
    export_database(second)
    return first, second


def sheet_rows(path: Path) -> dict[str, list[list]]:
    """Every sheet of a workbook, as lists of cell values."""
    wb = load_workbook(path, read_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
