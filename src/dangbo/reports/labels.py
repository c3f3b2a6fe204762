"""Vietnamese labels of every metric key (the .xlsx export and the web pages use them)."""

from dangbo.domain import labels as L
from dangbo.domain.metric_keys import ALL_KEYS

_FIXED = {
    "to_chuc.tccsd": "Tổ chức cơ sở đảng (TCCSĐ)",
    "to_chuc.dang_bo_co_so": "Đảng bộ cơ sở",
    "to_chuc.chi_bo_co_so": "Chi bộ cơ sở",
    "to_chuc.dang_bo_bo_phan": "Đảng bộ bộ phận",
    "to_chuc.chi_bo_truc_thuoc_dbcs": "Chi bộ trực thuộc đảng bộ cơ sở",
    "to_chuc.chi_bo_truc_thuoc_dbbp": "Chi bộ trực thuộc đảng bộ bộ phận",
    "dang_vien.tong": "Tổng số đảng viên",
    "dang_vien.chinh_thuc": "Đảng viên chính thức",
    "dang_vien.du_bi": "Đảng viên dự bị",
    "dang_vien.nu": "Đảng viên nữ",
    "dang_vien.mien_sinh_hoat": "Đảng viên được miễn sinh hoạt",
    "bien_dong.thanh_lap_tccsd": "Thành lập TCCSĐ",
    "bien_dong.tiep_nhan": "Tiếp nhận tổ chức đảng",
    "bien_dong.chuyen_giao_tccsd": "Chuyển giao TCCSĐ",
    "bien_dong.sap_nhap_tccsd": "Sáp nhập TCCSĐ",
    "bien_dong.giai_the_tccsd": "Giải thể TCCSĐ",
    "bien_dong.nang_cap_tccsd": "Nâng cấp chi bộ cơ sở thành đảng bộ cơ sở",
    "hoc_tap.dang_vien_ty_le": "Tỷ lệ cán bộ, đảng viên được học tập, quán triệt nghị quyết (%)",
    "hoc_tap.cnvc_ty_le": "Tỷ lệ CNVC-LĐ được học tập, quán triệt nghị quyết (%)",
    "ky_luat.to_chuc": "Tổ chức đảng bị kỷ luật",
    "ky_luat.dang_vien": "Đảng viên bị kỷ luật",
    "chi_tieu.tong": "Số chỉ tiêu Nghị quyết Đại hội",
    "chi_tieu.dat": "Số chỉ tiêu đạt và vượt",
}
_EVENTS = {"ket_nap": "Kết nạp đảng viên", "chuyen_chinh_thuc": "Chuyển đảng chính thức", "phat_the": "Phát thẻ đảng viên",
           "huy_hieu": "Tặng Huy hiệu Đảng", "chuyen_den": "Đảng viên chuyển đến", "chuyen_di": "Đảng viên chuyển đi",
           "tu_tran": "Đảng viên từ trần", "xoa_ten": "Xóa tên đảng viên", "khai_tru": "Khai trừ đảng viên"}
_LEVEL = {"xuat_sac": "hoàn thành xuất sắc nhiệm vụ (%)", "tot_tro_len": "hoàn thành tốt nhiệm vụ trở lên (%)",
          "hoan_thanh_tro_len": "hoàn thành nhiệm vụ trở lên (%)"}


def metric_label(key: str) -> str:
    if key in _FIXED:
        return _FIXED[key]
    parts = key.split(".")
    if key.startswith("to_chuc.loai_hinh."):
        return f"TCCSĐ loại hình {str(L.ORG_TYPE[parts[2]]).lower()}"
    if parts[0] == "dang_vien" and parts[1] in _EVENTS:
        return _EVENTS[parts[1]]
    if parts[0] == "dao_tao":
        kind = str(L.CLASS_KIND[parts[1]])
        return f"{kind}: số lớp" if parts[2] == "so_lop" else f"{kind}: số học viên (lượt)"
    if parts[0] in ("kiem_tra", "giam_sat"):
        verb = "Kiểm tra" if parts[0] == "kiem_tra" else "Giám sát"
        who = "Đảng ủy Khối, UBKT Đảng ủy Khối" if parts[1] == "cap_tren" else "Ủy ban kiểm tra các cấp"
        what = "lượt tổ chức đảng" if parts[2] == "to_chuc" else "đảng viên"
        return f"{who}: {verb.lower()} {what}"
    if parts[0] == "khen_thuong":
        return f"{L.AWARD_FORM[parts[1]]}: {'tập thể' if parts[2] == 'tap_the' else 'cá nhân'}"
    if parts[0] == "danh_gia":
        who = "TCCSĐ" if parts[1] == "to_chuc" else "Đảng viên"
        return f"{who} {_LEVEL[parts[2]]}"
    raise KeyError(key)


LABELS = {k: metric_label(k) for k in ALL_KEYS}
# The metrics a congress target can follow, for a choice list (the target's forms).
METRIC_CHOICES = sorted(LABELS.items())
