"""The public codes of domain.md and exchange-format.md, with their levels and groups."""

ROOT = "dang_bo_cap_tren"
DBCS = "dang_bo_co_so"
CBCS = "chi_bo_co_so"
DBBP = "dang_bo_bo_phan"
CB = "chi_bo"
LEVELS = (ROOT, DBCS, CBCS, DBBP, CB)
TCCSD_LEVELS = frozenset({DBCS, CBCS})
CELL_LEVELS = frozenset({CBCS, CB})
COMMITTEE_LEVELS = frozenset({ROOT, DBCS, DBBP})

ORG_TYPES = ("hanh_chinh", "su_nghiep", "doanh_nghiep", "khac")

# Organization events: those that create or change units, and those that end them.
ORG_CREATE = ("khoi_tao", "thanh_lap", "tiep_nhan")
ORG_CHANGE = ("doi_ten", "nang_cap", "chuyen_cap_tren", "doi_loai_hinh")
ORG_END = ("sap_nhap", "giai_the", "chuyen_giao")
ORG_EVENTS = ORG_CREATE + ORG_CHANGE + ORG_END

MEMBER_EVENTS = (
    "khoi_tao", "ket_nap", "chuyen_chinh_thuc", "phat_the", "huy_hieu", "chuyen_den",
    "chuyen_noi_bo", "chuyen_di", "mien_sinh_hoat", "tro_lai_sinh_hoat", "tu_tran",
    "xoa_ten", "khai_tru",
)
MEMBER_STATUSES = ("du_bi", "chinh_thuc")
SEXES = ("nam", "nu")

CLASS_KINDS = ("nhan_thuc", "dang_vien_moi", "trung_cap", "nghiep_vu", "giao_ban")
CLASS_RESULTS = ("hoan_thanh", "khong_hoan_thanh")
RATING_LEVELS = ("xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh", "khong_xep_loai")
SUBJECT_KINDS = ("to_chuc", "dang_vien")
AWARD_SUBJECT_KINDS = ("tap_the", "ca_nhan")
INSPECTION_FORMS = ("kiem_tra", "giam_sat")
BODIES = ("cap_uy", "ubkt")
DISCIPLINE_MEMBER = ("khien_trach", "canh_cao", "cach_chuc", "khai_tru")
DISCIPLINE_ORG = ("khien_trach", "canh_cao", "giai_tan")
AWARD_FORMS = ("giay_khen", "bang_khen_ubnd_tinh", "bang_khen_thu_tuong", "khac")
AWARD_STATUSES = ("quyet_dinh", "de_nghi")
MEETING_KINDS = ("thuong_ky", "chuyen_de")
ATTENDANCE = ("co_mat", "vang_co_ly_do", "vang_khong_ly_do")
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
