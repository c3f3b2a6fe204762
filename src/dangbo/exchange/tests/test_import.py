"""Importing workbooks: all or nothing, every problem named, warnings applied, re-imports."""

import datetime as dt

from openpyxl import load_workbook

from dangbo.audit.models import AuditEntry
from dangbo.exchange.importer import import_workbook
from dangbo.exchange.models import ImportBatch
from dangbo.fixtures.workbooks import write_csv_folder, write_xlsx
from dangbo.members.models import MemberEvent, MemberSpell, Person
from dangbo.orgs.models import Org, OrgVersion
from dangbo.rules.models import Override

D = dt.date


def test_small_bloc_imports_every_sheet(imported_bloc):
    assert Person.objects.count() == 7
    assert MemberEvent.objects.count() == 8
    assert Org.objects.count() == 5
    assert OrgVersion.objects.filter(valid_to__isnull=True).count() == 5
    assert MemberSpell.objects.filter(valid_to__isnull=True).count() == 5
    assert imported_bloc.counts["chi_tieu"] == 2
    assert AuditEntry.objects.filter(action="import.apply").count() == 1


def test_xlsx_with_vietnamese_headers_imports(rules, tmp_path, bloc_data):
    path = write_xlsx(bloc_data, tmp_path / "labels.xlsx", labels=True)
    assert import_workbook(path).status == "applied"
    assert Person.objects.get(code="P2").full_name == "Trần Thị Bình"


def test_same_content_twice_is_a_no_op(imported_bloc, tmp_path, bloc_data):
    again = import_workbook(write_xlsx(bloc_data, tmp_path / "again.xlsx"))
    assert again.status == "duplicate"
    assert MemberEvent.objects.count() == 8 and ImportBatch.objects.filter(status="applied").count() == 1


def test_errors_are_all_listed_and_nothing_is_written(rules, tmp_path, bloc_data):
    bloc_data["nguoi"][1]["ngay_sinh"] = "31/02/1980"
    bloc_data["bien_dong_dang_vien"][5]["loai"] = "phat_the"  # a card for a non-member
    bloc_data["danh_gia"][0]["xep_loai"] = "gioi"
    path = write_csv_folder(bloc_data, tmp_path / "bad")
    out = tmp_path / "bad.loi.xlsx"
    result = import_workbook(path, annotated=out)
    assert result.status == "refused"
    where = {(p.ref[0], p.ref[1], p.column) for p in result.errors}
    assert ("nguoi", 3, "ngay_sinh") in where
    assert ("danh_gia", 2, "xep_loai") in where
    assert any(p.ref == ("bien_dong_dang_vien", 7) for p in result.errors)
    assert Person.objects.count() == 0 and MemberEvent.objects.count() == 0
    assert ImportBatch.objects.get().status == "refused"  # the refusal itself is logged
    wb = load_workbook(out)
    ws = wb["nguoi"]
    header = [c.value for c in ws[1]]
    assert header[-1] == "loi"
    assert "Không phải ngày hợp lệ" in ws.cell(row=3, column=len(header)).value
    assert ws.cell(row=3, column=header.index("ngay_sinh") + 1).fill.fgColor.rgb.endswith("FFC7CE")


def test_an_invisible_control_character_is_refused_and_shown_in_the_annotated_copy(rules, tmp_path, bloc_data):
    """Word's manual line break (U+000B) pasted into a name: no workbook or report could hold
    it, so the row is refused, and the annotated copy shows where it was."""
    bloc_data["nguoi"][0]["ho_ten"] = "Nguyễn Văn\x0bAn"
    path = write_csv_folder(bloc_data, tmp_path / "ctrl")
    out = tmp_path / "ctrl.loi.xlsx"
    result = import_workbook(path, annotated=out)
    assert result.status == "refused"
    [problem] = [p for p in result.errors if p.ref == ("nguoi", 2)]
    assert problem.column == "ho_ten" and "U+000B" in problem.message and problem.value == "Nguyễn Văn\ufffdAn"
    assert Person.objects.count() == 0
    ws = load_workbook(out)["nguoi"]
    header = [c.value for c in ws[1]]
    assert ws.cell(row=2, column=header.index("ho_ten") + 1).value == "Nguyễn Văn\ufffdAn"
    assert "U+000B" in ws.cell(row=2, column=len(header)).value


def test_annotated_copy_imports_once_fixed(rules, tmp_path, bloc_data):
    bloc_data["nguoi"][1]["gioi_tinh"] = "x"
    out = tmp_path / "fix.loi.xlsx"
    assert import_workbook(write_xlsx(bloc_data, tmp_path / "fix.xlsx"), annotated=out).status == "refused"
    wb = load_workbook(out)
    ws = wb["nguoi"]
    col = [c.value for c in ws[1]].index("gioi_tinh") + 1
    ws.cell(row=3, column=col).value = "nu"
    wb.save(out)
    assert import_workbook(out).status == "applied"  # the loi column is ignored


def test_unknown_column_and_sheet_are_errors(rules, tmp_path, bloc_data):
    path = write_csv_folder({"nguoi": bloc_data["nguoi"]}, tmp_path / "u")
    text = (path / "nguoi.csv").read_text().replace("ho_ten", "ho_va_ten_day_du", 1)
    (path / "nguoi.csv").write_text(text)
    (path / "linh_tinh.csv").write_text("a,b\n1,2\n")
    result = import_workbook(path)
    messages = " ".join(p.message for p in result.errors)
    assert "ho_va_ten_day_du" in messages and "linh_tinh" in messages


def test_regulatory_breach_is_applied_as_a_warning_with_the_file_as_reason(rules, tmp_path, bloc_data):
    bloc_data["nguoi"][4]["ngay_sinh"] = D(2000, 1, 1)  # P5 is 15 when admitted in 2015
    result = import_workbook(write_csv_folder(bloc_data, tmp_path / "young"))
    assert result.status == "applied"
    assert [w.rule for w in result.warnings] == ["admission_age"]
    override = Override.objects.get()
    assert override.rule == "admission_age" and "young" in override.reason


def test_monthly_changes_of_a_unit_import_on_top(imported_bloc, tmp_path):
    changes = {
        "nguoi": [{"ma": "P7", "ho_ten": "Đặng Văn Giang", "ngay_sinh": D(1987, 1, 15), "gioi_tinh": "nam", "chuc_vu": "Trưởng phòng"},
                  {"ma": "P8", "ho_ten": "Ngô Thị Hà", "ngay_sinh": D(1990, 5, 5), "gioi_tinh": "nu"}],
        "bien_dong_dang_vien": [{"ngay": D(2017, 1, 5), "loai": "chuyen_den", "ma_nguoi": "P8", "ma_to_chuc": "C2",
                                 "trang_thai": "chinh_thuc", "ngay_ket_nap": D(2012, 1, 1)},
                                {"ngay": D(2017, 2, 1), "loai": "chuyen_di", "ma_nguoi": "P1"}],
    }
    result = import_workbook(write_csv_folder(changes, tmp_path / "thang1"))
    assert result.status == "applied", [str(p) for p in result.errors]
    assert result.updated_persons == 1
    assert Person.objects.get(code="P7").position == "Trưởng phòng"
    audit = AuditEntry.objects.get(action="person.update")
    assert audit.after == {"position": "Trưởng phòng"} and audit.before == {"position": ""}
    assert MemberSpell.objects.filter(person__code="P1", valid_to=D(2017, 2, 1)).exists()


def test_a_later_row_that_contradicts_stored_history_is_refused(imported_bloc, tmp_path):
    # P5 was admitted in 2015; a transfer out dated before that contradicts the stored ket_nap.
    changes = {"bien_dong_dang_vien": [{"ngay": D(2015, 5, 1), "loai": "chuyen_den", "ma_nguoi": "P5", "ma_to_chuc": "C1",
                                        "trang_thai": "chinh_thuc", "ngay_ket_nap": D(2010, 1, 1)}]}
    result = import_workbook(write_csv_folder(changes, tmp_path / "x"))
    assert result.status == "refused"
    assert any(p.ref[0].startswith("db:") for p in result.errors)


def test_dry_run_writes_nothing(rules, bloc_csv):
    result = import_workbook(bloc_csv, dry_run=True)
    assert result.status == "checked" and Person.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_new_code_with_a_known_citizen_id_is_the_same_person_twice(imported_bloc, tmp_path):
    data = {"nguoi": [{"ma": "Q1", "ho_ten": "Nguyễn Văn An", "ngay_sinh": D(1981, 1, 15), "gioi_tinh": "nam", "so_cccd": "001080000001"}]}
    result = import_workbook(write_csv_folder(data, tmp_path / "dup"))
    assert result.status == "refused" and "hai mã" in result.errors[0].message


def test_khai_tru_by_discipline_and_event_is_one_expulsion(imported_bloc, tmp_path):
    data = {"bien_dong_dang_vien": [{"ngay": D(2018, 3, 1), "loai": "khai_tru", "ma_nguoi": "P2"}],
            "ky_luat": [{"ngay": D(2018, 3, 1), "doi_tuong": "dang_vien", "ma_doi_tuong": "P2", "hinh_thuc": "khai_tru", "ma_co_quan": "D1"}]}
    result = import_workbook(write_csv_folder(data, tmp_path / "kt"))
    assert result.status == "applied", [str(p) for p in result.errors]
    assert not MemberSpell.objects.filter(person__code="P2", valid_to__isnull=True).exists()


def test_an_award_soon_after_a_discipline_is_a_warning(imported_bloc, tmp_path):
    """The award rule the web form applies is the importer's too: P4 was reprimanded on
    2015-12-01, so an individual award before 2016-12-01 is applied as a warning."""
    rows = {"khen_thuong": [{"ngay": D(2016, 6, 1), "hinh_thuc": "giay_khen", "doi_tuong": "ca_nhan", "ma_doi_tuong": "P4",
                             "ma_co_quan": "R1"},
                            {"ngay": D(2016, 12, 1), "hinh_thuc": "giay_khen", "doi_tuong": "ca_nhan", "ma_doi_tuong": "P4",
                             "ma_co_quan": "R1"}]}
    result = import_workbook(write_csv_folder(rows, tmp_path / "khen"))
    assert result.status == "applied"
    assert [(w.ref, w.rule) for w in result.warnings] == [(("khen_thuong", 2), "award_after_discipline")]
