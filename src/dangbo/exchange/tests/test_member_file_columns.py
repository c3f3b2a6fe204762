"""The member's file in the exchange format (member-file.md): the new `nguoi` columns, coded
ones read by code or label and refused otherwise, a stored person's update kept by date, and
the round trip with every column filled."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dangbo.exchange.importer import import_workbook
from dangbo.fixtures.workbooks import write_csv_folder, write_xlsx
from dangbo.members.models import DetailChange, Person

from .helpers import round_trip, sheet_rows

FULL = {"ma": "F1", "ho_ten": "Lò Thị Mai", "ngay_sinh": "1990-01-15", "gioi_tinh": "nu", "so_cccd": "012190000999",
        "dan_toc": "Thái", "ton_giao": "Không", "que_quan": "Tân Uyên, Lai Châu", "chuc_vu": "Chuyên viên",
        "trinh_do_chuyen_mon": "Đại học", "trinh_do_llct": "Trung cấp", "ho_ten_khai_sinh": "Lò Thị Mại",
        "ten_khac": "Mai", "noi_sinh": "Phúc Khoa, Tân Uyên", "noi_thuong_tru": "Đông Phong, TP Lai Châu",
        "noi_tam_tru": "", "thanh_phan_gia_dinh": "Nông dân", "nghe_nghiep": "Giáo viên", "gdpt": "12/12",
        "chuyen_nganh": "Sư phạm Toán", "hoc_ham": "", "ngoai_ngu": "Tiếng Anh B1", "tin_hoc": "Ứng dụng CNTT cơ bản",
        "tieng_dan_toc": "Tiếng Thái", "ngay_vao_doan": "2005-03-26", "ngay_nhap_ngu": "", "ngay_xuat_ngu": "",
        "so_ly_lich": "012345LC"}


def test_a_full_file_is_stored_with_its_codes(rules, tmp_path):
    result = import_workbook(write_xlsx({"nguoi": [FULL]}, tmp_path / "ho_so.xlsx"))
    assert result.status == "applied", [str(p) for p in result.errors]
    p = Person.objects.get(code="F1")
    assert (p.ethnicity, p.religion, p.qualification, p.theory_level, p.general_education) == (
        "03", "khong", "dai_hoc", "trung_cap", "12/12")
    assert (p.birth_name, p.ethnic_language, p.youth_union_date, p.file_no, p.enlistment_date) == (
        "Lò Thị Mại", "Tiếng Thái", dt.date(2005, 3, 26), "012345LC", None)


def test_the_vietnamese_column_labels_are_read_too(rules, tmp_path):
    result = import_workbook(write_xlsx({"nguoi": [FULL]}, tmp_path / "nhan.xlsx", labels=True))
    assert result.status == "applied", [str(p) for p in result.errors]
    assert Person.objects.get(code="F1").field_of_study == "Sư phạm Toán"


def test_an_unknown_value_of_each_coded_column_is_refused_by_cell(rules, tmp_path):
    row = {**FULL, "dan_toc": "Tày Thái", "ton_giao": "Đạo lạ", "gdpt": "13/12", "trinh_do_chuyen_mon": "Giỏi",
           "hoc_ham": "Viện sĩ", "trinh_do_llct": "Rất cao"}
    result = import_workbook(write_csv_folder({"nguoi": [row]}, tmp_path / "sai"))
    assert sorted((p.ref, p.column, p.code) for p in result.errors) == sorted(
        (("nguoi", 2), c, "unknown_code") for c in ("dan_toc", "ton_giao", "gdpt", "trinh_do_chuyen_mon", "hoc_ham",
                                                     "trinh_do_llct"))
    assert not Person.objects.exists()


def test_a_stored_persons_update_is_kept_as_a_change_of_the_import_day(imported_bloc, tmp_path):
    before = Person.objects.get(code="P1").theory_level
    row = {"ma": "P1", "ho_ten": Person.objects.get(code="P1").full_name, "ngay_sinh": "1980-01-01", "gioi_tinh": "nam",
           "trinh_do_llct": "Cao cấp"}
    Person.objects.filter(code="P1").update(birth_date=dt.date(1980, 1, 1), sex="nam")
    result = import_workbook(write_csv_folder({"nguoi": [row]}, tmp_path / "cap_nhat"))
    assert result.status == "applied", [str(p) for p in result.errors]
    change = DetailChange.objects.get(person__code="P1")
    assert (change.column, change.date, change.before, change.after) == ("trinh_do_llct", timezone.localdate(), before, "cao_cap")


def test_every_new_column_survives_the_round_trip(imported_bloc, tmp_path):
    assert import_workbook(write_xlsx({"nguoi": [FULL]}, tmp_path / "ho_so.xlsx")).status == "applied"
    first, second = round_trip(tmp_path, ".xlsx")
    rows, again = sheet_rows(first)["nguoi"], sheet_rows(second)["nguoi"]
    assert rows == again
    header, f1 = rows[0], next(r for r in rows if r[0] == "F1")
    exported = dict(zip(header, f1, strict=True))
    assert (exported["dan_toc"], exported["ton_giao"], exported["gdpt"], exported["so_ly_lich"]) == (
        "03", "khong", "12/12", "012345LC")
