"""The template a clerk fills in (issue 20, item 9): drop-down lists of Vietnamese labels in
every coded column, an example row of each sheet in the guide, and a filled template that
imports as it is (the guide and the lists read past)."""

from __future__ import annotations

from openpyxl import load_workbook

from dangbo.exchange.importer import import_workbook
from dangbo.exchange.schema import SHEETS
from dangbo.exchange.template import EXAMPLES, write_template
from dangbo.members.models import Person


def test_every_coded_column_has_a_list_of_its_labels(tmp_path):
    wb = load_workbook(write_template(tmp_path / "mau.xlsx"))
    ws = wb["bien_dong_dang_vien"]
    rules = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    loai = rules["B"]  # the event's kind, second column
    cells = wb["Danh mục"][loai.split("!")[1].replace("$", "")]
    assert [c[0].value for c in cells][:2] == ["Hiện có (số dư đầu kỳ)", "Kết nạp"]
    coded = sum(bool(c.choices) and c.code != "so_sanh" for s in SHEETS for c in s.columns)  # the details of the file too
    assert sum(len(wb[s.name].data_validations.dataValidation) for s in SHEETS) == coded
    assert wb["Danh mục"].sheet_state == "hidden"


def test_the_guide_has_an_example_row_for_every_sheet(tmp_path):
    guide = load_workbook(write_template(tmp_path / "mau.xlsx"))["Hướng dẫn"]
    text = [str(c.value) for row in guide.iter_rows() for c in row if c.value]
    assert all(f"Sheet {s.name} — {s.label}" in text for s in SHEETS)
    assert set(EXAMPLES) == {s.name for s in SHEETS}
    assert "Ví dụ: DV00123" in text


def test_a_template_filled_with_labels_imports_as_it_is(rules, tmp_path):
    wb = load_workbook(write_template(tmp_path / "mau.xlsx"))
    wb["nguoi"].append([EXAMPLES["nguoi"].get(c.code) for c in next(s for s in SHEETS if s.name == "nguoi").columns])
    wb.save(tmp_path / "da-dien.xlsx")
    result = import_workbook(tmp_path / "da-dien.xlsx")
    assert result.status == "applied", [str(p) for p in result.errors]
    person = Person.objects.get(code="DV00123")
    assert (person.sex, person.birth_date.isoformat(), person.ethnicity) == ("nu", "1990-01-15", "03")  # Thái, by its code
