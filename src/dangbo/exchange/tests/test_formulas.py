"""Text a spreadsheet would take for a formula (issue 19, finding 4): exports and annotated
copies write it as text, CSV cells are escaped as OWASP advises, and the import reads an
escaped cell back to the same value, so the round trip stays identical."""

from __future__ import annotations

import csv
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.core.spreadsheets import csv_text, read_text, xlsx_text
from dangbo.exchange.exporter import export_database
from dangbo.exchange.importer import import_workbook
from dangbo.members.models import Person
from dangbo.members.services import update_person

HOSTILE = {"P1": '=HYPERLINK("http://x","y")', "P2": "+1+cmd|' /C calc'!A0", "P3": "-2+3", "P4": "@SUM(1)",
           "P5": "'=quoted already"}


@pytest.fixture
def hostile_names(imported_bloc, people):
    for code, name in HOSTILE.items():
        update_person(user=people["admin"], person=Person.objects.get(code=code), full_name=name)


def _flush():
    from dangbo.core.maintenance import empty_data_tables

    empty_data_tables()


def test_xlsx_export_writes_every_name_as_text(hostile_names, tmp_path):
    export_database(tmp_path / "a.xlsx")
    sheet = zipfile.ZipFile(tmp_path / "a.xlsx").read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and '>=HYPERLINK(' in sheet


def test_csv_export_escapes_cells_that_start_like_a_formula(hostile_names, tmp_path):
    export_database(tmp_path / "a")
    with open(tmp_path / "a" / "nguoi.csv", encoding="utf-8") as fh:
        names = {row["ma"]: row["ho_ten"] for row in csv.DictReader(fh)}
    assert {code: names[code] for code in HOSTILE} == {
        "P1": "'=HYPERLINK(\"http://x\",\"y\")", "P2": "'+1+cmd|' /C calc'!A0", "P3": "'-2+3", "P4": "'@SUM(1)",
        "P5": "''=quoted already"}


@pytest.mark.parametrize("name", ["a.xlsx", "a"], ids=["xlsx", "csv"])
def test_escaped_names_come_back_unchanged(hostile_names, tmp_path, name):
    export_database(tmp_path / name)
    _flush()
    assert import_workbook(tmp_path / name).status == "applied"
    assert {code: Person.objects.get(code=code).full_name for code in HOSTILE} == HOSTILE


def test_the_annotated_copy_holds_a_refused_formula_as_text(rules, tmp_path):
    from dangbo.fixtures.workbooks import write_csv_folder

    folder = write_csv_folder({"nguoi": [{"ma": "Q1", "ho_ten": "=1+1", "ngay_sinh": "31/02/1990", "gioi_tinh": "nam"}]},
                              tmp_path / "csv")
    result = import_workbook(folder, annotated=tmp_path / "loi.xlsx")
    assert result.status == "refused"
    sheet = zipfile.ZipFile(tmp_path / "loi.xlsx").read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and ">=1+1<" in sheet


@given(st.text(alphabet="'=+-@\t\rab", max_size=8))
def test_any_text_makes_the_round_trip_through_either_escape(value):
    assert read_text(csv_text(value)) == value
    assert read_text(xlsx_text(value)) == value


@given(st.text(alphabet="'=+-@ab", min_size=1, max_size=8))
def test_a_csv_cell_never_starts_like_a_formula(value):
    assert csv_text(value)[0] not in "=+-@\t\r"
