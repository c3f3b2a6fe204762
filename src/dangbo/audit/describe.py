"""The audit log in words a clerk reads (issue 20, item 7): each action by its Vietnamese
name, each change as "Label: value", codes by their labels and dates as dd/mm/yyyy.

The entries keep what the services wrote (column codes of the exchange format, model
fields, codes of the domain's lists): the log is never rewritten, only shown in words.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from dangbo.accounts.choices import ROLE_CHOICES
from dangbo.domain import labels as L
from dangbo.domain import member_file as MF
from dangbo.domain.text import format_number

ACTIONS = {
    "sign_in": "Đăng nhập", "sign_in.failed": "Đăng nhập sai mật khẩu", "sign_in.otp": "Xác thực hai bước",
    "sign_in.otp_failed": "Mã xác thực hai bước sai", "sign_in.unlock": "Mở khóa đăng nhập", "sign_out": "Đăng xuất",
    "otp.setup": "Bật xác thực hai bước", "otp.reset": "Đặt lại xác thực hai bước", "user.create": "Tạo người dùng",
    "api_token.issue": "Cấp khóa API", "api_token.revoke": "Thu hồi khóa API",
    "person.create": "Thêm người", "person.update": "Sửa thông tin người",
    "member_event.void": "Hủy biến động đảng viên", "org_event.void": "Hủy biến động tổ chức",
    "candidate.open": "Mở hồ sơ quần chúng", "candidate.documents": "Cập nhật hồ sơ kết nạp",
    "candidate.void": "Hủy hồ sơ quần chúng",
    "training_class.plan": "Mở lớp học", "training_class.enrol": "Ghi danh học viên",
    "training_class.results": "Ghi kết quả học tập", "training_class.void": "Hủy lớp học",
    "training_class.correct": "Sửa lớp học", "training_class.unenrol": "Rút học viên khỏi lớp",
    "study.record": "Báo cáo học tập nghị quyết", "study.void": "Hủy báo cáo học tập nghị quyết",
    "rating.save": "Ghi bảng xếp loại", "rating.void": "Hủy xếp loại", "rating.close_year": "Khóa năm đánh giá",
    "inspection.conclude": "Ghi kết luận kiểm tra, giám sát", "inspection.void": "Hủy cuộc kiểm tra, giám sát",
    "discipline.void": "Hủy quyết định kỷ luật",
    "award.granted": "Cấp trên quyết định khen thưởng", "award.not_granted": "Cấp trên không khen thưởng",
    "award.void": "Hủy khen thưởng",
    "meeting.record": "Ghi buổi sinh hoạt", "meeting.minutes": "Ghi biên bản sinh hoạt", "meeting.void": "Hủy buổi sinh hoạt",
    "term.create": "Thêm nhiệm kỳ", "term.void": "Hủy nhiệm kỳ", "target.add": "Thêm chỉ tiêu",
    "target.judge": "Đánh giá chỉ tiêu", "target.void": "Hủy chỉ tiêu",
    "report.issue": "Ban hành báo cáo", "org.document_settings": "Sửa thiết lập văn bản", "import.apply": "Nhập dữ liệu", "import.refuse": "Từ chối tệp nhập",
    "export.database": "Xuất dữ liệu", "export.annotated_workbook": "Tải tệp nhập có ghi lỗi",
    "rules.seed": "Nạp quy định và ngày nghỉ", "rule.add_version": "Thêm phiên bản quy định",
    "demo.replace": "Tạo dữ liệu mẫu",
}
# Actions named by a family and a code of one of the domain's lists.
FAMILIES = {"member_event": ("Biến động đảng viên", L.MEMBER_EVENT), "org_event": ("Biến động tổ chức", L.ORG_EVENT),
            "award": ("Khen thưởng", L.AWARD_STATUS), "inspection": ("", L.INSPECTION_FORM),
            "discipline": ("Kỷ luật", L.DISCIPLINE)}

SOURCES = {"web": "trang web", "api": "API", "cli": "dòng lệnh", "": "hệ thống"}

OBJECTS = {"person": "người", "member_event": "biến động đảng viên", "org_event": "biến động tổ chức", "org": "tổ chức",
           "training_class": "lớp học", "study": "đợt học tập", "rating": "xếp loại", "inspection": "kiểm tra, giám sát",
           "discipline": "kỷ luật", "award": "khen thưởng", "meeting": "buổi sinh hoạt", "term": "nhiệm kỳ",
           "report": "báo cáo", "import": "lần nhập", "user": "người dùng", "api_token": "khóa API", "rule": "quy định"}

# Model fields some services log under their own names (the person's details).
FIELDS = {**{d.field: d.label for d in MF.ALL}, "changed_on": "Có hiệu lực từ ngày",
          "vuot_quy_dinh": "Quy định được vượt", "hoc_vien": "Học viên", "bien_ban": "Biên bản", "chi_bo": "Chi bộ",
          "giay_to": "Giấy tờ", "vang_khong_ly_do": "Vắng không lý do", "de_nghi": "Đề nghị số", "nam": "Năm",
          "dat": "Đạt", "ma_to_chuc": "Đơn vị",
          # the keys of the system's own entries (sign-in, import, export, rules, reports)
          "attempts_cleared": "Số lần sai được xóa", "counts": "Số dòng", "devices": "Thiết bị", "errors": "Lỗi",
          "file": "Tệp", "format": "Định dạng", "holidays": "Ngày nghỉ", "name": "Tên", "path": "Đường dẫn",
          "role": "Vai trò", "roots": "Đảng bộ", "rule_versions": "Phiên bản quy định", "scope": "Phạm vi",
          "source": "Nguồn", "term": "Nhiệm kỳ", "valid_from": "Hiệu lực từ", "value": "Giá trị",
          "warnings": "Cảnh báo", "so_van_ban": "Số văn bản", "co_quan_cap_tren": "Cơ quan cấp trên",
          "co_quan_ban_hanh": "Cơ quan ban hành", "dia_danh": "Địa danh", "ten_viet_tat": "Tên cấp ủy khi ký",
          "ten_goi": "Tên đảng bộ", "ky_hieu": "Ký hiệu văn bản", "tham_quyen": "Thẩm quyền ký",
          "chuc_vu_ky": "Chức vụ người ký", "nguoi_ky": "Người ký", "noi_nhan": "Nơi nhận"}  # a cell, a class's organizer, a root: whichever the entry is about
# The domain's lists, by the field whose values they name.
VALUES: dict[str, tuple[dict, ...]] = {"role": (dict(ROLE_CHOICES),),"loai": (L.MEMBER_EVENT, L.ORG_EVENT, L.CLASS_KIND, L.MEETING_KIND), "trang_thai": (L.MEMBER_STATUS, L.AWARD_STATUS),
          "gioi_tinh": (L.SEX,), "sex": (L.SEX,), "hinh_thuc": (L.AWARD_FORM, L.INSPECTION_FORM, L.DISCIPLINE),
          "doi_tuong": (L.SUBJECT_KIND, L.AWARD_SUBJECT_KIND), "co_quan": (L.BODY,), "ket_qua": (L.CLASS_RESULT,),
          "cap": (L.LEVEL,), "loai_hinh": (L.ORG_TYPE,)}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@cache
def _column_labels() -> dict[str, str]:
    from dangbo.exchange.schema import SHEETS

    out: dict[str, str] = {}
    for sheet in SHEETS:
        for c in sheet.columns:
            out.setdefault(c.code, c.label)
    return out


@cache
def _sheet_labels() -> dict[str, str]:
    from dangbo.exchange.schema import SHEETS

    return {s.name: s.label for s in SHEETS}


def action_label(action: str) -> str:
    if action in ACTIONS:
        return ACTIONS[action]
    family, _, code = action.partition(".")
    if family in FAMILIES:
        prefix, table = FAMILIES[family]
        name = str(table.get(code, code))
        return f"{prefix}: {name.lower()}" if prefix else name
    return action


def object_label(object_type: str, object_id: str) -> str:
    return f"{OBJECTS.get(object_type, object_type).capitalize()} {object_id}".strip()


def field_label(name: str) -> str:
    return FIELDS.get(name) or _column_labels().get(name) or name.replace("_", " ").capitalize()


def value_label(name: str, value) -> str:
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, list):
        return ", ".join(value_label(name, v) for v in value) or "(trống)"
    if isinstance(value, dict):  # an import's counts by sheet: the sheets by their labels
        return "; ".join(f"{_sheet_labels().get(k, k)}: {value_label(name, v)}" for k, v in value.items())
    text = str(value)
    if ISO.match(text):
        return f"{dt.date.fromisoformat(text):%d/%m/%Y}"
    for table in VALUES.get(name, ()):
        if text in table:
            return str(table[text])
    if name in ("xep_loai", "muc") or text in L.RATING:
        return str(L.RATING.get(text, text))
    return text


def changes(data) -> list[str]:
    """One "Label: value" per field of a logged before/after (a code -> level map of a
    rating grid reads "P4: Hoàn thành tốt nhiệm vụ")."""
    if data is None or data == "":
        return []
    if not isinstance(data, dict):
        return [value_label("", data)]
    return [f"{field_label(k) if not _is_code(k) else k}: {value_label(k, v)}" for k, v in data.items()]


def _is_code(key: str) -> bool:
    """A person's or unit's code used as a key (a rating grid's rows), not a field name."""
    return any(ch.isupper() or ch.isdigit() for ch in key)
