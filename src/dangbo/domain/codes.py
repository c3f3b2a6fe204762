"""The public codes of domain.md and exchange-format.md, each listed once with its Vietnamese
label (a `Coded` enum: the member is the code, `.label` what a clerk reads), and the levels'
groups. `labels.py` and the tuples below are derived from these lists."""

from __future__ import annotations

from enum import StrEnum


class Coded(StrEnum):
    """A code of the exchange format (the member equals its text) with its label."""

    label: str

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {m.value: m.label for m in cls}


class Level(Coded):
    ROOT = "dang_bo_cap_tren", "Đảng bộ cấp trên trực tiếp cơ sở"
    DBCS = "dang_bo_co_so", "Đảng bộ cơ sở"
    CBCS = "chi_bo_co_so", "Chi bộ cơ sở"
    DBBP = "dang_bo_bo_phan", "Đảng bộ bộ phận"
    CB = "chi_bo", "Chi bộ trực thuộc"


class OrgType(Coded):
    HANH_CHINH = "hanh_chinh", "Cơ quan hành chính nhà nước"
    SU_NGHIEP = "su_nghiep", "Đơn vị sự nghiệp"
    DOANH_NGHIEP = "doanh_nghiep", "Doanh nghiệp"
    KHAC = "khac", "Khác"


class OrgEvent(Coded):
    KHOI_TAO = "khoi_tao", "Hiện có (số dư đầu kỳ)"
    THANH_LAP = "thanh_lap", "Thành lập"
    TIEP_NHAN = "tiep_nhan", "Tiếp nhận"
    DOI_TEN = "doi_ten", "Đổi tên"
    NANG_CAP = "nang_cap", "Nâng cấp"
    CHUYEN_CAP_TREN = "chuyen_cap_tren", "Điều chuyển"
    DOI_LOAI_HINH = "doi_loai_hinh", "Đổi loại hình"
    SAP_NHAP = "sap_nhap", "Sáp nhập / hợp nhất"
    GIAI_THE = "giai_the", "Giải thể"
    CHUYEN_GIAO = "chuyen_giao", "Chuyển giao"


class MemberEvent(Coded):
    KHOI_TAO = "khoi_tao", "Hiện có (số dư đầu kỳ)"
    KET_NAP = "ket_nap", "Kết nạp"
    CHUYEN_CHINH_THUC = "chuyen_chinh_thuc", "Công nhận đảng viên chính thức"
    PHAT_THE = "phat_the", "Phát thẻ đảng viên"
    HUY_HIEU = "huy_hieu", "Trao Huy hiệu Đảng"
    CHUYEN_DEN = "chuyen_den", "Chuyển đến"
    CHUYEN_NOI_BO = "chuyen_noi_bo", "Chuyển sinh hoạt nội bộ"
    CHUYEN_DI = "chuyen_di", "Chuyển đi"
    MIEN_SINH_HOAT = "mien_sinh_hoat", "Miễn sinh hoạt"
    TRO_LAI_SINH_HOAT = "tro_lai_sinh_hoat", "Trở lại sinh hoạt"
    TU_TRAN = "tu_tran", "Từ trần"
    XOA_TEN = "xoa_ten", "Xóa tên"
    KHAI_TRU = "khai_tru", "Khai trừ"


class MemberStatus(Coded):
    DU_BI = "du_bi", "Dự bị"
    CHINH_THUC = "chinh_thuc", "Chính thức"


class Sex(Coded):
    NAM = "nam", "Nam"
    NU = "nu", "Nữ"


class ClassKind(Coded):
    NHAN_THUC = "nhan_thuc", "Bồi dưỡng nhận thức về Đảng"
    DANG_VIEN_MOI = "dang_vien_moi", "Lý luận chính trị cho đảng viên mới"
    TRUNG_CAP = "trung_cap", "Trung cấp lý luận chính trị - hành chính"
    NGHIEP_VU = "nghiep_vu", "Bồi dưỡng nghiệp vụ công tác xây dựng Đảng"
    GIAO_BAN = "giao_ban", "Giao ban"


class ClassResult(Coded):
    HOAN_THANH = "hoan_thanh", "Hoàn thành"
    KHONG_HOAN_THANH = "khong_hoan_thanh", "Không hoàn thành"


class Rating(Coded):
    XUAT_SAC = "xuat_sac", "Hoàn thành xuất sắc nhiệm vụ"
    TOT = "tot", "Hoàn thành tốt nhiệm vụ"
    HOAN_THANH = "hoan_thanh", "Hoàn thành nhiệm vụ"
    KHONG_HOAN_THANH = "khong_hoan_thanh", "Không hoàn thành nhiệm vụ"
    KHONG_XEP_LOAI = "khong_xep_loai", "Không xếp loại"


class SubjectKind(Coded):
    TO_CHUC = "to_chuc", "Tổ chức đảng"
    DANG_VIEN = "dang_vien", "Đảng viên"


class AwardSubjectKind(Coded):
    TAP_THE = "tap_the", "Tập thể"
    CA_NHAN = "ca_nhan", "Cá nhân"


class InspectionForm(Coded):
    KIEM_TRA = "kiem_tra", "Kiểm tra"
    GIAM_SAT = "giam_sat", "Giám sát"


class Body(Coded):
    CAP_UY = "cap_uy", "Cấp ủy"
    UBKT = "ubkt", "Ủy ban kiểm tra"


class Discipline(Coded):
    KHIEN_TRACH = "khien_trach", "Khiển trách"
    CANH_CAO = "canh_cao", "Cảnh cáo"
    CACH_CHUC = "cach_chuc", "Cách chức"
    KHAI_TRU = "khai_tru", "Khai trừ"
    GIAI_TAN = "giai_tan", "Giải tán"


class AwardForm(Coded):
    GIAY_KHEN = "giay_khen", "Giấy khen của Đảng ủy Khối"
    BANG_KHEN_UBND_TINH = "bang_khen_ubnd_tinh", "Bằng khen của UBND tỉnh"
    BANG_KHEN_THU_TUONG = "bang_khen_thu_tuong", "Bằng khen của Thủ tướng Chính phủ"
    KHAC = "khac", "Khác"


class AwardStatus(Coded):
    QUYET_DINH = "quyet_dinh", "Đã quyết định"
    DE_NGHI = "de_nghi", "Đề nghị cấp trên"


class MeetingKind(Coded):
    THUONG_KY = "thuong_ky", "Thường kỳ"
    CHUYEN_DE = "chuyen_de", "Chuyên đề"


class Attendance(Coded):
    CO_MAT = "co_mat", "Có mặt"
    VANG_CO_LY_DO = "vang_co_ly_do", "Vắng có lý do"
    VANG_KHONG_LY_DO = "vang_khong_ly_do", "Vắng không lý do"


# The names the code reads (plain text values, so that they compare, hash and serialise as
# the codes they are), and the groups of codes.
ROOT, DBCS, CBCS, DBBP, CB = (m.value for m in Level)
LEVELS = tuple(m.value for m in Level)
TCCSD_LEVELS = frozenset({DBCS, CBCS})
CELL_LEVELS = frozenset({CBCS, CB})
COMMITTEE_LEVELS = frozenset({ROOT, DBCS, DBBP})

ORG_TYPES = tuple(m.value for m in OrgType)

# Organization events: those that create or change units, and those that end them.
ORG_CREATE = ("khoi_tao", "thanh_lap", "tiep_nhan")
ORG_CHANGE = ("doi_ten", "nang_cap", "chuyen_cap_tren", "doi_loai_hinh")
ORG_END = ("sap_nhap", "giai_the", "chuyen_giao")
ORG_EVENTS = tuple(m.value for m in OrgEvent)
assert set(ORG_EVENTS) == set(ORG_CREATE + ORG_CHANGE + ORG_END)

MEMBER_EVENTS = tuple(m.value for m in MemberEvent)
MEMBER_STATUSES = tuple(m.value for m in MemberStatus)
SEXES = tuple(m.value for m in Sex)

CLASS_KINDS = tuple(m.value for m in ClassKind)
CLASS_RESULTS = tuple(m.value for m in ClassResult)
RATING_LEVELS = tuple(m.value for m in Rating)
SUBJECT_KINDS = tuple(m.value for m in SubjectKind)
AWARD_SUBJECT_KINDS = tuple(m.value for m in AwardSubjectKind)
INSPECTION_FORMS = tuple(m.value for m in InspectionForm)
BODIES = tuple(m.value for m in Body)
DISCIPLINE_MEMBER = ("khien_trach", "canh_cao", "cach_chuc", "khai_tru")
DISCIPLINE_ORG = ("khien_trach", "canh_cao", "giai_tan")
AWARD_FORMS = tuple(m.value for m in AwardForm)
AWARD_STATUSES = tuple(m.value for m in AwardStatus)
MEETING_KINDS = tuple(m.value for m in MeetingKind)
ATTENDANCE = tuple(m.value for m in Attendance)
COMPARATORS = (">=", "<=")

BADGE_MILESTONES = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)


def child_level(parent_level: str | None, is_cell: bool) -> str | None:
    """The level a unit takes under a parent of `parent_level` (None: not allowed there)."""
    if parent_level is None:
        return None if is_cell else ROOT
    if parent_level == ROOT:
        return CBCS if is_cell else DBCS
    if parent_level == DBCS:
        return CB if is_cell else DBBP
    if parent_level == DBBP:
        return CB if is_cell else None
    return None


UPGRADE = {CBCS: DBCS, CB: DBBP}
