"""The seed article's figures (term-report.md, "The seed article, as data")."""

SEED = {
    "dang_vien.tong": 3281, "to_chuc.tccsd": 76, "to_chuc.dang_bo_co_so": 29, "to_chuc.chi_bo_co_so": 47,
    "to_chuc.chi_bo_truc_thuoc_dbcs": 150, "to_chuc.dang_bo_bo_phan": 2, "to_chuc.chi_bo_truc_thuoc_dbbp": 17,
    "to_chuc.loai_hinh.hanh_chinh": 52, "to_chuc.loai_hinh.su_nghiep": 10, "to_chuc.loai_hinh.doanh_nghiep": 14,
    "bien_dong.thanh_lap_tccsd": 5, "bien_dong.chuyen_giao_tccsd": 1, "bien_dong.tiep_nhan": 15,
    "bien_dong.sap_nhap_tccsd": 4, "bien_dong.giai_the_tccsd": 5, "bien_dong.nang_cap_tccsd": 15,
    "hoc_tap.dang_vien_ty_le": 98.8, "chi_tieu.tong": 15, "chi_tieu.dat": 13,
    "dang_vien.ket_nap": 1035, "dang_vien.chuyen_chinh_thuc": 1093, "dang_vien.phat_the": 1029, "dang_vien.huy_hieu": 60,
    "dao_tao.nhan_thuc.so_lop": 18, "dao_tao.nhan_thuc.so_hoc_vien": 1093,
    "dao_tao.dang_vien_moi.so_lop": 18, "dao_tao.dang_vien_moi.so_hoc_vien": 1078,
    "dao_tao.trung_cap.so_lop": 12, "dao_tao.trung_cap.so_hoc_vien": 826,
    "dao_tao.nghiep_vu.so_lop": 4, "dao_tao.giao_ban.so_hoc_vien": 846,
    "danh_gia.to_chuc.tot_tro_len": 91.6, "danh_gia.to_chuc.xuat_sac": 16.7,
    "danh_gia.dang_vien.hoan_thanh_tro_len": 99.46, "danh_gia.dang_vien.tot_tro_len": 98, "danh_gia.dang_vien.xuat_sac": 14.88,
    "kiem_tra.cap_tren.to_chuc": 152, "kiem_tra.cap_tren.dang_vien": 673,
    "giam_sat.cap_tren.to_chuc": 131, "giam_sat.cap_tren.dang_vien": 857,
    "kiem_tra.cac_cap.to_chuc": 131, "kiem_tra.cac_cap.dang_vien": 230,
    "giam_sat.cac_cap.to_chuc": 117, "giam_sat.cac_cap.dang_vien": 287,
    "khen_thuong.giay_khen.tap_the": 75, "khen_thuong.giay_khen.ca_nhan": 236,
    "khen_thuong.bang_khen_thu_tuong.ca_nhan": 1,
    "khen_thuong.bang_khen_ubnd_tinh.tap_the": 4, "khen_thuong.bang_khen_ubnd_tinh.ca_nhan": 22,
}

# The article's "Kết quả" sentences, as printed (numbers included).
SENTENCES = [
    "Đảng bộ Khối hiện có 3.281 đảng viên với 76 TCCSĐ trực thuộc (29 đảng bộ cơ sở; 47 chi bộ cơ sở), có 150 chi bộ trực thuộc đảng bộ cơ sở và 17 chi bộ trực thuộc 2 đảng bộ bộ phận); 52 TCCSĐ loại hình cơ quan hành chính nhà nước, 10 TCCSĐ loại hình đơn vị sự nghiệp; 14 TCCSĐ doanh nghiệp.",
    "Đến nay đã hoàn thành và vượt 13/15 chỉ tiêu Nghị quyết Đại hội",
    "Kết quả: 98,8% cán bộ, đảng viên và trên 98,2% CCVC-LĐ được quán triệt, học tập các chỉ thị, nghị quyết bằng nhiều hình thức; thành lập 5 TCCSĐ, chuyển giao 1 TCCSĐ, tiếp nhận 15 tổ chức đảng ở các huyện, thành phố về trực thuộc đảng bộ cơ sở; sáp nhập 4 TCCSĐ, giải thể 5 TCCSĐ, nâng cấp 15 chi bộ cơ sở để thành lập đảng bộ cơ sở; mở 18 lớp bồi dưỡng nhận thức về đảng cho 1.093 quần chúng ưu tú, 18 lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới với 1.078 đảng viên tham gia, kết nạp 1.035 đảng viên, chuyển đảng chính thức cho 1.093 đảng viên dự bị, phát thẻ cho 1.029 đảng viên, tặng huy hiệu đảng cho 60 đảng viên; mở 12 lớp trung cấp lý luận chính trị - hành chính cho 826 học viên; mở 4 lớp bồi dưỡng nghiệp vụ công tác xây dựng đảng cho các đồng chí là cấp ủy, bí thư các chi, đảng bộ cơ sở và chi bộ trực thuộc đảng ủy cơ sở.",
    "Tổ chức giao ban, bồi dưỡng nghiệp vụ công tác xây dựng Đảng cho 846 lượt cấp ủy, UBKT, báo cáo viên cơ sở; 91,6% TCCSĐ được đánh giá chất lượng hoàn thành tốt nhiệm vụ trở lên và 16,7% TCCSĐ đạt trong sạch, vững mạnh, hoàn thành xuất sắc nhiệm vụ; 99,46% đảng viên hoàn thành nhiệm vụ trở lên, 98% đảng viên hoàn thành tốt nhiệm vụ, 14,88% đảng viên hoàn thành xuất sắc nhiệm vụ; Đảng ủy Khối, UBKT Đảng ủy khối kiểm tra 152 lượt tổ chức đảng và 673 đảng viên, giám sát 131 lượt tổ chức đảng và 857 đảng viên, Ủy ban kiểm tra các cấp đã kiểm tra 131 lượt tổ chức đảng và 230 đảng viên, giám sát 117 lượt tổ chức đảng và 287 đảng viên...; biểu dương và tặng Giấy khen cho 75 tập thể và 236 cá nhân, đề nghị Thủ tướng Chính phủ tặng Bằng khen cho 1 cá nhân, UBND tỉnh tặng Bằng khen cho 4 tập thể, 22 cá nhân.",
]
