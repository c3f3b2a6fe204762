"""Vietnamese labels of the public codes (used by messages, choices and the template)."""

from django.utils.translation import gettext_lazy as _

LEVEL = {
    "dang_bo_cap_tren": _("Đảng bộ cấp trên trực tiếp cơ sở"),
    "dang_bo_co_so": _("Đảng bộ cơ sở"),
    "chi_bo_co_so": _("Chi bộ cơ sở"),
    "dang_bo_bo_phan": _("Đảng bộ bộ phận"),
    "chi_bo": _("Chi bộ trực thuộc"),
}
ORG_TYPE = {
    "hanh_chinh": _("Cơ quan hành chính nhà nước"),
    "su_nghiep": _("Đơn vị sự nghiệp"),
    "doanh_nghiep": _("Doanh nghiệp"),
    "khac": _("Khác"),
}
ORG_EVENT = {
    "khoi_tao": _("Hiện có (số dư đầu kỳ)"),
    "thanh_lap": _("Thành lập"),
    "tiep_nhan": _("Tiếp nhận"),
    "doi_ten": _("Đổi tên"),
    "nang_cap": _("Nâng cấp"),
    "chuyen_cap_tren": _("Điều chuyển"),
    "doi_loai_hinh": _("Đổi loại hình"),
    "sap_nhap": _("Sáp nhập / hợp nhất"),
    "giai_the": _("Giải thể"),
    "chuyen_giao": _("Chuyển giao"),
}
MEMBER_EVENT = {
    "khoi_tao": _("Hiện có (số dư đầu kỳ)"),
    "ket_nap": _("Kết nạp"),
    "chuyen_chinh_thuc": _("Công nhận đảng viên chính thức"),
    "phat_the": _("Phát thẻ đảng viên"),
    "huy_hieu": _("Trao Huy hiệu Đảng"),
    "chuyen_den": _("Chuyển đến"),
    "chuyen_noi_bo": _("Chuyển sinh hoạt nội bộ"),
    "chuyen_di": _("Chuyển đi"),
    "mien_sinh_hoat": _("Miễn sinh hoạt"),
    "tro_lai_sinh_hoat": _("Trở lại sinh hoạt"),
    "tu_tran": _("Từ trần"),
    "xoa_ten": _("Xóa tên"),
    "khai_tru": _("Khai trừ"),
}
MEMBER_STATUS = {"du_bi": _("Dự bị"), "chinh_thuc": _("Chính thức")}
SEX = {"nam": _("Nam"), "nu": _("Nữ")}
CLASS_KIND = {
    "nhan_thuc": _("Bồi dưỡng nhận thức về Đảng"),
    "dang_vien_moi": _("Lý luận chính trị cho đảng viên mới"),
    "trung_cap": _("Trung cấp lý luận chính trị - hành chính"),
    "nghiep_vu": _("Bồi dưỡng nghiệp vụ công tác xây dựng Đảng"),
    "giao_ban": _("Giao ban"),
}
CLASS_RESULT = {"hoan_thanh": _("Hoàn thành"), "khong_hoan_thanh": _("Không hoàn thành")}
RATING = {
    "xuat_sac": _("Hoàn thành xuất sắc nhiệm vụ"),
    "tot": _("Hoàn thành tốt nhiệm vụ"),
    "hoan_thanh": _("Hoàn thành nhiệm vụ"),
    "khong_hoan_thanh": _("Không hoàn thành nhiệm vụ"),
    "khong_xep_loai": _("Không xếp loại"),
}
SUBJECT_KIND = {"to_chuc": _("Tổ chức đảng"), "dang_vien": _("Đảng viên")}
AWARD_SUBJECT_KIND = {"tap_the": _("Tập thể"), "ca_nhan": _("Cá nhân")}
INSPECTION_FORM = {"kiem_tra": _("Kiểm tra"), "giam_sat": _("Giám sát")}
BODY = {"cap_uy": _("Cấp ủy"), "ubkt": _("Ủy ban kiểm tra")}
DISCIPLINE = {
    "khien_trach": _("Khiển trách"),
    "canh_cao": _("Cảnh cáo"),
    "cach_chuc": _("Cách chức"),
    "khai_tru": _("Khai trừ"),
    "giai_tan": _("Giải tán"),
}
AWARD_FORM = {
    "giay_khen": _("Giấy khen của Đảng ủy Khối"),
    "bang_khen_ubnd_tinh": _("Bằng khen của UBND tỉnh"),
    "bang_khen_thu_tuong": _("Bằng khen của Thủ tướng Chính phủ"),
    "khac": _("Khác"),
}
AWARD_STATUS = {"quyet_dinh": _("Đã quyết định"), "de_nghi": _("Đề nghị cấp trên")}
MEETING_KIND = {"thuong_ky": _("Thường kỳ"), "chuyen_de": _("Chuyên đề")}
ATTENDANCE = {
    "co_mat": _("Có mặt"),
    "vang_co_ly_do": _("Vắng có lý do"),
    "vang_khong_ly_do": _("Vắng không lý do"),
}


def choices(mapping: dict) -> list[tuple[str, object]]:
    """Django `choices` from a code → label mapping."""
    return list(mapping.items())
