"""Export → import into an empty database → export gives the same workbook."""

import filecmp

from openpyxl import load_workbook

from dangbo.exchange.exporter import export_database
from dangbo.exchange.importer import import_workbook


def _flush():
    from dangbo.core.maintenance import empty_data_tables

    empty_data_tables()


def _rows(path):
    wb = load_workbook(path, read_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def test_xlsx_round_trip(imported_bloc, tmp_path):
    first = tmp_path / "a.xlsx"
    export_database(first)
    _flush()
    assert import_workbook(first).status == "applied"
    second = tmp_path / "b.xlsx"
    export_database(second)
    assert _rows(first) == _rows(second)
    assert len(_rows(first)["bien_dong_dang_vien"]) == 9


def test_csv_round_trip(imported_bloc, tmp_path):
    export_database(tmp_path / "a")
    _flush()
    assert import_workbook(tmp_path / "a").status == "applied"
    export_database(tmp_path / "b")
    cmp = filecmp.dircmp(tmp_path / "a", tmp_path / "b")
    assert cmp.left_only == cmp.right_only == [] and cmp.diff_files == []
    assert len(cmp.same_files) == 17


def test_xlsx_export_refuses_a_sheet_over_excels_limit(imported_bloc, tmp_path, monkeypatch):
    import tempfile

    import pytest

    from dangbo.exchange import exporter

    monkeypatch.setattr(exporter, "XLSX_MAX_ROWS", 5)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where openpyxl writes each sheet first
    with pytest.raises(exporter.ExportTooLarge) as too_large:
        export_database(tmp_path / "big.xlsx")
    assert "CSV" in str(too_large.value)
    assert not (tmp_path / "big.xlsx").exists()
    assert list(scratch.iterdir()) == []  # the sheets begun are closed and their files removed
    export_database(tmp_path / "big")  # a CSV folder has no such limit
