"""Every metric key of term-report.md, in the order the report lists them."""

from . import codes as C

SNAPSHOT_KEYS = [
    "to_chuc.tccsd", "to_chuc.dang_bo_co_so", "to_chuc.chi_bo_co_so", "to_chuc.dang_bo_bo_phan",
    "to_chuc.chi_bo_truc_thuoc_dbcs", "to_chuc.chi_bo_truc_thuoc_dbbp",
    *[f"to_chuc.loai_hinh.{t}" for t in C.ORG_TYPES],
    "dang_vien.tong", "dang_vien.chinh_thuc", "dang_vien.du_bi", "dang_vien.nu", "dang_vien.mien_sinh_hoat",
]
MEMBER_EVENT_KEYS = ["ket_nap", "chuyen_chinh_thuc", "phat_the", "huy_hieu", "chuyen_den", "chuyen_di",
                     "tu_tran", "xoa_ten", "khai_tru"]
PERIOD_KEYS = [
    "bien_dong.thanh_lap_tccsd", "bien_dong.tiep_nhan", "bien_dong.chuyen_giao_tccsd",
    "bien_dong.sap_nhap_tccsd", "bien_dong.giai_the_tccsd", "bien_dong.nang_cap_tccsd",
    *[f"dang_vien.{k}" for k in MEMBER_EVENT_KEYS],
    *[f"dao_tao.{k}.{m}" for k in C.CLASS_KINDS for m in ("so_lop", "so_hoc_vien")],
    "hoc_tap.dang_vien_ty_le", "hoc_tap.cnvc_ty_le",
    *[f"{f}.{w}.{s}" for w in ("cap_tren", "cac_cap") for f in ("kiem_tra", "giam_sat") for s in ("to_chuc", "dang_vien")],
    "ky_luat.to_chuc", "ky_luat.dang_vien",
    *[f"khen_thuong.{f}.{s}" for f in C.AWARD_FORMS for s in C.AWARD_SUBJECT_KINDS],
    "chi_tieu.tong", "chi_tieu.dat",
]
ASSESSMENT_KEYS = [f"danh_gia.{s}.{lvl}" for s in ("to_chuc", "dang_vien")
                   for lvl in ("xuat_sac", "tot_tro_len", "hoan_thanh_tro_len")]
ALL_KEYS = SNAPSHOT_KEYS + PERIOD_KEYS + ASSESSMENT_KEYS
# Figures whose records reveal an inspection or a discipline: an expulsion (khai_tru) is one.
# Everyone with the report sees their totals; only the inspection roles list who they are.
CONFIDENTIAL_KEYS = frozenset(k for k in ALL_KEYS if k.startswith(("kiem_tra.", "giam_sat.", "ky_luat."))) | {"dang_vien.khai_tru"}
RATE_KEYS = frozenset({"hoc_tap.dang_vien_ty_le", "hoc_tap.cnvc_ty_le", *ASSESSMENT_KEYS})
