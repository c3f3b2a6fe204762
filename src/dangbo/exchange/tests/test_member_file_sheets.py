"""The member's file's own sheets and columns (member-file.md): work history, family, the
introducers of an admission, and the photos beside a CSV folder."""

from __future__ import annotations

import datetime as dt
import filecmp

from dangbo.audit.tests.test_every_service_audits import _jpeg
from dangbo.exchange.importer import import_workbook
from dangbo.fixtures.workbooks import write_csv_folder
from dangbo.members.models import FamilyMember, MemberEvent, Person, Photo, WorkHistory
from dangbo.members.services import set_photo

from .helpers import round_trip

D = dt.date
SHEETS = {
    "qua_trinh_cong_tac": [{"ma_nguoi": "P1", "tu_thang": "09/2003", "den_thang": "12/2009", "noi_dung": "Kế toán viên, Sở Tài chính"},
                           {"ma_nguoi": "P1", "tu_thang": "2010-01", "noi_dung": "Trưởng phòng Ngân sách, Sở Tài chính"}],
    "gia_dinh": [{"ma_nguoi": "P1", "quan_he": "Bố", "ho_ten": "Nguyễn Văn Bình", "nam_sinh": 1950,
                  "noi_dung": "Làm ruộng ở Tam Đường"}],
}


def test_work_history_and_family_are_stored_for_their_person(imported_bloc, tmp_path):
    result = import_workbook(write_csv_folder(SHEETS, tmp_path / "ho_so"))
    assert result.status == "applied", [str(p) for p in result.errors]
    lines = list(WorkHistory.objects.filter(person__code="P1").order_by("from_month").values_list("from_month", "to_month"))
    assert lines == [(D(2003, 9, 1), D(2009, 12, 1)), (D(2010, 1, 1), None)]
    assert FamilyMember.objects.get(person__code="P1").birth_year == 1950


def test_a_line_about_nobody_or_ending_before_it_starts_is_refused(imported_bloc, tmp_path):
    bad = {"qua_trinh_cong_tac": [{"ma_nguoi": "X9", "tu_thang": "09/2003", "noi_dung": "Không ai"},
                                  {"ma_nguoi": "P1", "tu_thang": "09/2003", "den_thang": "08/2003", "noi_dung": "Ngược"},
                                  {"ma_nguoi": "P1", "tu_thang": "13/2003", "noi_dung": "Tháng 13"}],
           "gia_dinh": [{"ma_nguoi": "X9", "quan_he": "Mẹ", "ho_ten": "Không ai"}]}
    result = import_workbook(write_csv_folder(bad, tmp_path / "sai"))
    assert sorted((p.ref, p.column, p.code) for p in result.errors) == [
        (("gia_dinh", 2), "ma_nguoi", "unknown_person"),
        (("qua_trinh_cong_tac", 2), "ma_nguoi", "unknown_person"),
        (("qua_trinh_cong_tac", 3), "den_thang", "end_before_start"),
        (("qua_trinh_cong_tac", 4), "tu_thang", "unreadable_value")]
    assert not WorkHistory.objects.exists()


def admission(**introducers):
    return {"nguoi": [{"ma": "K1", "ho_ten": "Lò Văn Khánh", "ngay_sinh": "1995-05-05", "gioi_tinh": "nam"}],
            "bien_dong_dang_vien": [{"ngay": "2017-03-01", "loai": "ket_nap", "ma_nguoi": "K1", "ma_to_chuc": "S1",
                                     **introducers}]}


def test_the_introducers_of_an_admission_are_kept(imported_bloc, tmp_path):
    result = import_workbook(write_csv_folder(admission(nguoi_gioi_thieu_1="P4", nguoi_gioi_thieu_2="Lò Văn Xanh"),
                                              tmp_path / "kn"))
    assert not result.errors, [str(p) for p in result.errors]
    event = MemberEvent.objects.get(person__code="K1", kind="ket_nap")
    assert (event.introducer_1, event.introducer_2) == ("P4", "Lò Văn Xanh")  # a code, and a name outside the register


def test_an_introducer_who_is_not_an_official_member_that_day_is_refused(imported_bloc, tmp_path):
    # P5 was admitted on 2015-06-01 and recognised on 2016-06-01; P6 was never a member
    result = import_workbook(write_csv_folder(admission(nguoi_gioi_thieu_1="P6", nguoi_gioi_thieu_2="K1"), tmp_path / "kn"))
    assert sorted((p.ref, p.column, p.code) for p in result.errors) == [
        (("bien_dong_dang_vien", 2), "nguoi_gioi_thieu_1", "introducer_not_official"),
        (("bien_dong_dang_vien", 2), "nguoi_gioi_thieu_2", "introducer_self")]


def test_a_probationary_member_introduces_nobody_but_an_official_one_does(imported_bloc, tmp_path):
    early = admission(nguoi_gioi_thieu_1="P5")
    early["bien_dong_dang_vien"][0]["ngay"] = "2016-01-04"  # P5 on probation until 2016-06-01
    result = import_workbook(write_csv_folder(early, tmp_path / "som"))
    assert [(p.column, p.code) for p in result.errors] == [("nguoi_gioi_thieu_1", "introducer_not_official")]
    assert import_workbook(write_csv_folder(admission(nguoi_gioi_thieu_1="P5"), tmp_path / "kn")).status == "applied"


def test_an_introducer_named_in_the_same_file_is_judged_by_the_file(rules, tmp_path):
    data = {
        "nguoi": [{"ma": "A1", "ho_ten": "Lò Văn An", "ngay_sinh": "1980-01-01", "gioi_tinh": "nam"},
                  {"ma": "K1", "ho_ten": "Lò Văn Khánh", "ngay_sinh": "1995-05-05", "gioi_tinh": "nam"}],
        "bien_dong_to_chuc": [{"ngay": "2015-01-01", "loai": "khoi_tao", "ma": "R", "ten": "Khối", "cap": "dang_bo_cap_tren"},
                              {"ngay": "2015-01-01", "loai": "khoi_tao", "ma": "S", "ten": "Chi bộ", "cap": "chi_bo_co_so",
                               "loai_hinh": "khac", "ma_cap_tren": "R"}],
        "bien_dong_dang_vien": [
            {"ngay": "2015-01-01", "loai": "khoi_tao", "ma_nguoi": "A1", "ma_to_chuc": "S", "trang_thai": "chinh_thuc",
             "ngay_ket_nap": "2005-01-01", "ngay_chinh_thuc": "2006-01-01"},
            {"ngay": "2017-03-01", "loai": "ket_nap", "ma_nguoi": "K1", "ma_to_chuc": "S", "nguoi_gioi_thieu_1": "A1"}],
    }
    result = import_workbook(write_csv_folder(data, tmp_path / "moi"))
    assert not result.errors, [str(p) for p in result.errors]


def test_the_round_trip_keeps_the_new_sheets_introducers_and_photos(imported_bloc, tmp_path):
    assert import_workbook(write_csv_folder({**SHEETS, **admission(nguoi_gioi_thieu_1="P4")}, tmp_path / "in")).status == "applied"
    set_photo(user=None, person=Person.objects.get(code="P1"), data=_jpeg())
    first, second = round_trip(tmp_path)
    assert (first / "anh" / "P1.jpg").is_file() and Photo.objects.filter(person__code="P1").exists()
    cmp = filecmp.dircmp(tmp_path / "a", tmp_path / "b")
    assert cmp.left_only == cmp.right_only == [] and cmp.diff_files == []
    assert filecmp.cmp(tmp_path / "a" / "anh" / "P1.jpg", tmp_path / "b" / "anh" / "P1.jpg", shallow=False)


def test_a_photo_of_nobody_or_not_a_picture_is_refused(imported_bloc, tmp_path):
    folder = write_csv_folder({"gia_dinh": SHEETS["gia_dinh"]}, tmp_path / "anh_sai")
    (folder / "anh").mkdir()
    (folder / "anh" / "X9.jpg").write_bytes(_jpeg())
    (folder / "anh" / "P1.jpg").write_bytes(b"<html>not a picture</html>")
    result = import_workbook(folder)
    assert sorted((p.ref, p.code) for p in result.errors) == [(("anh", 1), "photo_invalid"), (("anh", 2), "unknown_person")]
    assert not Photo.objects.exists() and not FamilyMember.objects.exists()
