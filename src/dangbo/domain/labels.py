"""Vietnamese labels of the public codes (used by messages, choices and the template)."""

LEVEL = {
    "dang_bo_cap_tren": "Đảng bộ cấp trên trực tiếp cơ sở",
    "dang_bo_co_so": "Đảng bộ cơ sở",
    "chi_bo_co_so": "Chi bộ cơ sở",
    "dang_bo_bo_phan": "Đảng bộ bộ phận",
    "chi_bo": "Chi bộ trực thuộc",
}
ORG_TYPE = {
    "hanh_chinh": "Cơ quan hành chính nhà nước",
    "su_nghiep": "Đơn vị sự nghiệp",
    "doanh_nghiep": "Doanh nghiệp",
    "khac": "Khác",
}
ORG_EVENT = {
    "khoi_tao": "Hiện có (số dư đầu kỳ)",
    "thanh_lap": "Thành lập",
    "tiep_nhan": "Tiếp nhận",
    "doi_ten": "Đổi tên",
    "nang_cap": "Nâng cấp",
    "chuyen_cap_tren": "Điều chuyển",
    "doi_loai_hinh": "Đổi loại hình",
    "sap_nhap": "Sáp nhập / hợp nhất",
    "giai_the": "Giải thể",
    "chuyen_giao": "Chuyển giao",
}
MEMBER_EVENT = {
    "khoi_tao": "Hiện có (số dư đầu kỳ)",
    "ket_nap": "Kết nạp",
    "chuyen_chinh_thuc": "Công nhận đảng viên chính thức",
    "phat_the": "Phát thẻ đảng viên",
    "huy_hieu": "Trao Huy hiệu Đảng",
    "chuyen_den": "Chuyển đến",
    "chuyen_noi_bo": "Chuyển sinh hoạt nội bộ",
    "chuyen_di": "Chuyển đi",
    "mien_sinh_hoat": "Miễn sinh hoạt",
    "tro_lai_sinh_hoat": "Trở lại sinh hoạt",
    "tu_tran": "Từ trần",
    "xoa_ten": "Xóa tên",
    "khai_tru": "Khai trừ",
}
MEMBER_STATUS = {"du_bi": "Dự bị", "chinh_thuc": "Chính thức"}
SEX = {"nam": "Nam", "nu": "Nữ"}
CLASS_KIND = {
    "nhan_thuc": "Bồi dưỡng nhận thức về Đảng",
    "dang_vien_moi": "Lý luận chính trị cho đảng viên mới",
    "trung_cap": "Trung cấp lý luận chính trị - hành chính",
    "nghiep_vu": "Bồi dưỡng nghiệp vụ công tác xây dựng Đảng",
    "giao_ban": "Giao ban",
}
CLASS_RESULT = {"hoan_thanh": "Hoàn thành", "khong_hoan_thanh": "Không hoàn thành"}
RATING = {
    "xuat_sac": "Hoàn thành xuất sắc nhiệm vụ",
    "tot": "Hoàn thành tốt nhiệm vụ",
    "hoan_thanh": "Hoàn thành nhiệm vụ",
    "khong_hoan_thanh": "Không hoàn thành nhiệm vụ",
    "khong_xep_loai": "Không xếp loại",
}
SUBJECT_KIND = {"to_chuc": "Tổ chức đảng", "dang_vien": "Đảng viên"}
AWARD_SUBJECT_KIND = {"tap_the": "Tập thể", "ca_nhan": "Cá nhân"}
INSPECTION_FORM = {"kiem_tra": "Kiểm tra", "giam_sat": "Giám sát"}
BODY = {"cap_uy": "Cấp ủy", "ubkt": "Ủy ban kiểm tra"}
DISCIPLINE = {
    "khien_trach": "Khiển trách",
    "canh_cao": "Cảnh cáo",
    "cach_chuc": "Cách chức",
    "khai_tru": "Khai trừ",
    "giai_tan": "Giải tán",
}
AWARD_FORM = {
    "giay_khen": "Giấy khen của Đảng ủy Khối",
    "bang_khen_ubnd_tinh": "Bằng khen của UBND tỉnh",
    "bang_khen_thu_tuong": "Bằng khen của Thủ tướng Chính phủ",
    "khac": "Khác",
}
AWARD_STATUS = {"quyet_dinh": "Đã quyết định", "de_nghi": "Đề nghị cấp trên"}
MEETING_KIND = {"thuong_ky": "Thường kỳ", "chuyen_de": "Chuyên đề"}
ATTENDANCE = {
    "co_mat": "Có mặt",
    "vang_co_ly_do": "Vắng có lý do",
    "vang_khong_ly_do": "Vắng không lý do",
}


def choices(mapping: dict) -> list[tuple[str, object]]:
    """Django `choices` from a code → label mapping."""
    return list(mapping.items())
