"""Export → import into an empty database → export gives the same workbook."""

import filecmp

from dangbo.exchange.exporter import export_database

from .helpers import round_trip, sheet_rows


def test_xlsx_round_trip(imported_bloc, tmp_path):
    first, second = round_trip(tmp_path, ".xlsx")
    assert sheet_rows(first) == sheet_rows(second)
    assert len(sheet_rows(first)["bien_dong_dang_vien"]) == 9


def test_csv_round_trip(imported_bloc, tmp_path):
    first, second = round_trip(tmp_path)
    cmp = filecmp.dircmp(first, second)
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
