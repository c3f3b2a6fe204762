"""The sheets and columns of the exchange format (exchange-format.md), with Vietnamese labels.

Each column has a parser kind; conditional requirements (a column needed for one event
kind only) are checked by the domain code, not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dangbo.domain import codes as C
from dangbo.domain import file_codes as FC
from dangbo.domain import member_file as MF
from dangbo.domain.text import fold

# A cell as read: text from a CSV file; text, a number, a date or None from a workbook.
Cell = Any


@dataclass(frozen=True)
class Column:
    code: str
    label: str
    kind: str = "text"  # text | date | month | int | choice | flag | number | card | cccd | a coded detail (file_codes)
    required: bool = False
    choices: tuple[str, ...] = ()
    past: bool = False  # the date (or year) of something that happened: never after the day of the import


@dataclass(frozen=True)
class Sheet:
    name: str
    label: str
    columns: tuple[Column, ...]

    def column(self, code: str) -> Column:
        return next(c for c in self.columns if c.code == code)

    @property
    def codes(self) -> list[str]:
        return [c.code for c in self.columns]


def col(code, label, kind="text", required=False, choices=(), past=False):
    return Column(code, label, kind, required, tuple(choices), past)


def happened(code, label, kind="date", required=False):
    """A column holding when something happened (an event, a decision, a certificate): a date
    after today is a typing error (2029 for 2019), refused. Classes, meetings and terms may be
    planned ahead: their dates are plain `col`s."""
    return col(code, label, kind, required, past=True)


def _detail(d: MF.Detail) -> Column:
    """The `nguoi` column of one detail of the member's file."""
    required = d.column in ("ho_ten", "ngay_sinh", "gioi_tinh")
    if d.kind == "date":
        return happened(d.column, d.label, required=required)
    if d.kind == "sex":
        return col(d.column, d.label, "choice", required, C.SEXES)
    if d.coded:
        return col(d.column, d.label, d.kind, choices=FC.gdpt_values() if d.kind == "gdpt" else FC.codes(d.kind))
    return col(d.column, d.label, d.kind if d.kind == "cccd" else "text", required)


# The columns of 2020 first, then the rest of the member's file, in the order of the form.
_FIRST = ("ho_ten", "ngay_sinh", "gioi_tinh", "so_cccd", "dan_toc", "ton_giao", "que_quan", "chuc_vu", "trinh_do_chuyen_mon",
          "trinh_do_llct")
PERSON_COLUMNS = _FIRST + tuple(d.column for d in MF.ALL if d.column not in _FIRST)

SHEETS: tuple[Sheet, ...] = (
    Sheet("nguoi", "Người", (
        col("ma", "Mã người", required=True),
        *(_detail(MF.BY_COLUMN[c]) for c in PERSON_COLUMNS),
    )),
    Sheet("bien_dong_to_chuc", "Biến động tổ chức", (
        happened("ngay", "Ngày", required=True),
        col("loai", "Loại biến động", "choice", True, C.ORG_EVENTS),
        col("ma", "Mã tổ chức", required=True),
        col("ten", "Tên tổ chức"),
        col("cap", "Cấp", "choice", choices=C.LEVELS),
        col("loai_hinh", "Loại hình", "choice", choices=C.ORG_TYPES),
        col("ma_cap_tren", "Mã tổ chức cấp trên"),
        col("ma_dich", "Mã tổ chức nhận"),
        col("so_quyet_dinh", "Số quyết định"),
        col("ghi_chu", "Ghi chú"),
    )),
    Sheet("bien_dong_dang_vien", "Biến động đảng viên", (
        happened("ngay", "Ngày", required=True),
        col("loai", "Loại biến động", "choice", True, C.MEMBER_EVENTS),
        col("ma_nguoi", "Mã người", required=True),
        col("ma_to_chuc", "Mã chi bộ"),
        col("trang_thai", "Trạng thái", "choice", choices=C.MEMBER_STATUSES),
        happened("ngay_ket_nap", "Ngày kết nạp"),
        happened("ngay_le_ket_nap", "Ngày lễ kết nạp"),
        happened("ngay_chinh_thuc", "Ngày chính thức"),
        col("huy_hieu_da_nhan", "Huy hiệu đã nhận", "int"),
        happened("ngay_quyet_dinh", "Ngày quyết định"),
        col("som", "Trao sớm", "flag"),
        col("so_the", "Số thẻ", "card"),
        col("so_nam", "Số năm", "int"),
        col("so_quyet_dinh", "Số quyết định"),
        col("ghi_chu", "Ghi chú"),
        col("nguoi_gioi_thieu_1", "Người giới thiệu thứ nhất"),
        col("nguoi_gioi_thieu_2", "Người giới thiệu thứ hai"),
    )),
    Sheet("lop_hoc", "Lớp học", (
        col("ma", "Mã lớp", required=True),
        col("ten", "Tên lớp", required=True),
        col("loai", "Loại lớp", "choice", True, C.CLASS_KINDS),
        col("tu_ngay", "Từ ngày", "date", True),
        col("den_ngay", "Đến ngày", "date"),
        col("ma_to_chuc", "Đơn vị tổ chức", required=True),
    )),
    Sheet("hoc_vien", "Học viên", (
        col("ma_lop", "Mã lớp", required=True),
        col("ma_nguoi", "Mã người", required=True),
        col("ket_qua", "Kết quả", "choice", choices=C.CLASS_RESULTS),
        happened("ngay_cap_chung_chi", "Ngày cấp chứng chỉ"),
    )),
    Sheet("hoc_tap_nghi_quyet", "Học tập nghị quyết", (
        col("ma_dot", "Mã đợt", required=True),
        col("ten_dot", "Tên đợt"),
        happened("ngay", "Ngày", required=True),
        col("ma_to_chuc", "Mã tổ chức", required=True),
        col("dv_tong", "Đảng viên phải học", "int", True),
        col("dv_tham_gia", "Đảng viên tham gia", "int", True),
        col("cnvc_tong", "CNVC-LĐ phải học", "int", True),
        col("cnvc_tham_gia", "CNVC-LĐ tham gia", "int", True),
    )),
    Sheet("danh_gia", "Đánh giá, xếp loại", (
        happened("nam", "Năm", "int", True),
        col("doi_tuong", "Đối tượng", "choice", True, C.SUBJECT_KINDS),
        col("ma", "Mã", required=True),
        col("xep_loai", "Xếp loại", "choice", True, C.RATING_LEVELS),
        col("diem", "Điểm", "int"),
    )),
    Sheet("kiem_tra_giam_sat", "Kiểm tra, giám sát", (
        happened("ngay", "Ngày", required=True),
        col("hinh_thuc", "Hình thức", "choice", True, C.INSPECTION_FORMS),
        col("ma_chu_the", "Mã chủ thể", required=True),
        col("co_quan", "Cơ quan", "choice", True, C.BODIES),
        col("doi_tuong", "Đối tượng", "choice", True, C.SUBJECT_KINDS),
        col("ma_doi_tuong", "Mã đối tượng", required=True),
        col("noi_dung", "Nội dung"),
        col("ket_luan", "Kết luận"),
    )),
    Sheet("ky_luat", "Kỷ luật", (
        happened("ngay", "Ngày", required=True),
        col("doi_tuong", "Đối tượng", "choice", True, C.SUBJECT_KINDS),
        col("ma_doi_tuong", "Mã đối tượng", required=True),
        col("hinh_thuc", "Hình thức kỷ luật", "choice", True, tuple(dict.fromkeys(C.DISCIPLINE_MEMBER + C.DISCIPLINE_ORG))),
        col("ma_co_quan", "Cơ quan quyết định", required=True),
        col("so_quyet_dinh", "Số quyết định"),
        col("ghi_chu", "Ghi chú"),
    )),
    Sheet("khen_thuong", "Khen thưởng", (
        happened("ngay", "Ngày", required=True),
        col("hinh_thuc", "Hình thức khen thưởng", "choice", True, C.AWARD_FORMS),
        col("doi_tuong", "Đối tượng", "choice", True, C.AWARD_SUBJECT_KINDS),
        col("ma_doi_tuong", "Mã đối tượng", required=True),
        col("trang_thai", "Trạng thái", "choice", choices=C.AWARD_STATUSES),
        col("ma_co_quan", "Đơn vị khen / đề nghị"),
        col("noi_dung", "Nội dung"),
        col("so_quyet_dinh", "Số quyết định"),
    )),
    Sheet("sinh_hoat", "Sinh hoạt chi bộ", (
        col("ma", "Mã buổi sinh hoạt", required=True),
        col("ma_to_chuc", "Mã chi bộ", required=True),
        col("ngay", "Ngày", "date", True),
        col("loai", "Loại", "choice", True, C.MEETING_KINDS),
        col("noi_dung", "Nội dung"),
    )),
    Sheet("du_sinh_hoat", "Dự sinh hoạt", (
        col("ma_sinh_hoat", "Mã buổi sinh hoạt", required=True),
        col("ma_nguoi", "Mã người", required=True),
        col("trang_thai", "Tình trạng", "choice", True, C.ATTENDANCE),
    )),
    Sheet("quan_chung", "Quần chúng ưu tú", (
        col("ma_nguoi", "Mã người", required=True),
        col("ma_to_chuc", "Chi bộ theo dõi", required=True),
        happened("ngay_mo_ho_so", "Ngày mở hồ sơ", required=True),
        col("ghi_chu", "Ghi chú"),
    )),
    Sheet("qua_trinh_cong_tac", "Quá trình công tác", (
        col("ma_nguoi", "Mã người", required=True),
        happened("tu_thang", "Từ tháng", "month", required=True),
        happened("den_thang", "Đến tháng", "month"),
        col("noi_dung", "Công việc, chức vụ, đơn vị", required=True),
    )),
    Sheet("gia_dinh", "Gia đình", (
        col("ma_nguoi", "Mã người", required=True),
        col("quan_he", "Quan hệ", required=True),
        col("ho_ten", "Họ và tên", required=True),
        happened("nam_sinh", "Năm sinh", "int"),
        col("noi_dung", "Quê quán, nơi ở, nghề nghiệp, thái độ chính trị"),
    )),
    Sheet("nhiem_ky", "Nhiệm kỳ", (
        col("ma", "Mã nhiệm kỳ", required=True),
        col("ma_to_chuc", "Mã đảng bộ", required=True),
        col("tu_ngay", "Từ ngày", "date", True),
        col("den_ngay", "Đến ngày", "date", True),
    )),
    Sheet("chi_tieu", "Chỉ tiêu", (
        col("ma_nhiem_ky", "Mã nhiệm kỳ", required=True),
        col("stt", "Số thứ tự", "int", True),
        col("noi_dung", "Nội dung chỉ tiêu", required=True),
        col("chi_so", "Chỉ số"),
        col("so_sanh", "So sánh", "choice", choices=C.COMPARATORS),
        col("gia_tri", "Giá trị", "number"),
        col("dat", "Đạt", "flag"),
    )),
)

SHEET_BY_NAME = {s.name: s for s in SHEETS}
# Sheets of the template that help the clerk and hold no data: read past by the importer.
GUIDE_SHEETS = ("Hướng dẫn", "Danh mục")
ERROR_COLUMN = "loi"
ERROR_LABEL = "Lỗi"


def header_lookup(sheet: Sheet) -> dict[str, str]:
    """Accepted header texts (folded) → column code: the codes and the Vietnamese labels."""
    out = {}
    for c in sheet.columns:
        out[fold(c.code)] = c.code
        out[fold(c.label)] = c.code
    return out


def sheet_lookup() -> dict[str, str]:
    out = {}
    for s in SHEETS:
        out[fold(s.name)] = s.name
        out[fold(s.label)] = s.name
    return out
