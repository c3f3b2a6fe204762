"""A person's details as the member's file holds them (member-file.md), listed once: the
exchange format's `nguoi` column, the stored field, the label a clerk reads, how the value is
read, and whether it is sensitive or kept by date. The importer, the exporter, the forms, the
API, the audit log and the statistics read this list."""

from __future__ import annotations

from dataclasses import dataclass

from . import file_codes as F


@dataclass(frozen=True)
class Detail:
    column: str  # the `nguoi` column
    field: str  # the Person attribute
    label: str
    kind: str = "text"  # text | date | one of file_codes.LISTS | gdpt
    length: int = 300
    # Sensitive personal data (Decree 13/2023/NĐ-CP, member-file.md): shown only to the roles
    # whose work needs it.
    sensitive: bool = False
    # A change takes effect on a date and is kept (the yearly supplement lists it); the others
    # are corrections of the record (a name, a birth date), read as they stand now.
    dated: bool = True

    @property
    def coded(self) -> bool:
        return self.kind in F.LISTS or self.kind == "gdpt"


IDENTITY = (
    Detail("ho_ten", "full_name", "Họ và tên", length=200, dated=False),
    Detail("ngay_sinh", "birth_date", "Ngày sinh", "date", dated=False),
    Detail("gioi_tinh", "sex", "Giới tính", "sex", dated=False),
    Detail("so_cccd", "citizen_id", "Số CCCD", "cccd", 12, dated=False),
)
DETAILS = (
    Detail("ho_ten_khai_sinh", "birth_name", "Họ tên khai sinh", length=200, dated=False),
    Detail("ten_khac", "other_names", "Tên gọi khác", length=200),
    Detail("dan_toc", "ethnicity", "Dân tộc", "dan_toc", 100, sensitive=True),
    Detail("ton_giao", "religion", "Tôn giáo", "ton_giao", 100, sensitive=True),
    Detail("que_quan", "hometown", "Quê quán"),
    Detail("noi_sinh", "birth_place", "Nơi sinh", dated=False),
    Detail("noi_thuong_tru", "permanent_address", "Nơi thường trú"),
    Detail("noi_tam_tru", "temporary_address", "Nơi tạm trú"),
    Detail("thanh_phan_gia_dinh", "family_background", "Thành phần gia đình", length=200, sensitive=True),
    Detail("nghe_nghiep", "occupation", "Nghề nghiệp"),
    Detail("chuc_vu", "position", "Chức vụ"),
    Detail("gdpt", "general_education", "Giáo dục phổ thông", "gdpt", 20),
    Detail("trinh_do_chuyen_mon", "qualification", "Trình độ chuyên môn", "chuyen_mon", 200),
    Detail("chuyen_nganh", "field_of_study", "Chuyên ngành", length=200),
    Detail("hoc_ham", "academic_title", "Học hàm", "hoc_ham", 20),
    Detail("trinh_do_llct", "theory_level", "Lý luận chính trị", "llct", 200),
    Detail("ngoai_ngu", "foreign_language", "Ngoại ngữ", length=200),
    Detail("tin_hoc", "it_skill", "Tin học", length=200),
    Detail("tieng_dan_toc", "ethnic_language", "Tiếng dân tộc thiểu số", length=200),
    Detail("ngay_vao_doan", "youth_union_date", "Ngày vào Đoàn", "date", dated=False),
    Detail("ngay_nhap_ngu", "enlistment_date", "Ngày nhập ngũ", "date", dated=False),
    Detail("ngay_xuat_ngu", "discharge_date", "Ngày xuất ngũ", "date", dated=False),
    Detail("so_ly_lich", "file_no", "Số lý lịch", length=40, dated=False),
)
ALL = IDENTITY + DETAILS
BY_COLUMN = {d.column: d for d in ALL}
BY_FIELD = {d.field: d for d in ALL}
FIELDS = tuple(d.field for d in ALL)
COLUMN_OF = {d.field: d.column for d in ALL}
TEXT_FIELDS = tuple(d.field for d in ALL if d.kind not in ("date", "sex", "cccd"))
SENSITIVE_COLUMNS = frozenset(d.column for d in ALL if d.sensitive)
CODED = tuple(d for d in ALL if d.coded)


def shown(detail: Detail, value) -> str:
    """A stored value as a page shows it."""
    if value is None or value == "":
        return ""
    if detail.coded:
        return F.label(detail.kind, value)
    if detail.kind == "date":
        return f"{value:%d/%m/%Y}"
    return str(value)


def needs_correcting(detail: Detail, value: str) -> bool:
    """A value kept as written from before the detail was coded, matching no code."""
    return detail.coded and bool(value) and not F.is_coded(detail.kind, value)
