"""The sentences of the seed article, with every number taken from the computed report."""

from __future__ import annotations

from dangbo.domain.metrics import Report

from .formatting import count as n
from .formatting import rate as r
from .formatting import rate_at_least


def situation(rep: Report, bloc_name: str = "Đảng bộ Khối") -> str:
    v = rep.values
    return (f"{bloc_name} hiện có {n(v['dang_vien.tong'])} đảng viên với {n(v['to_chuc.tccsd'])} TCCSĐ trực thuộc "
            f"({n(v['to_chuc.dang_bo_co_so'])} đảng bộ cơ sở; {n(v['to_chuc.chi_bo_co_so'])} chi bộ cơ sở), có "
            f"{n(v['to_chuc.chi_bo_truc_thuoc_dbcs'])} chi bộ trực thuộc đảng bộ cơ sở và {n(v['to_chuc.chi_bo_truc_thuoc_dbbp'])} "
            f"chi bộ trực thuộc {n(v['to_chuc.dang_bo_bo_phan'])} đảng bộ bộ phận); {n(v['to_chuc.loai_hinh.hanh_chinh'])} TCCSĐ "
            f"loại hình cơ quan hành chính nhà nước, {n(v['to_chuc.loai_hinh.su_nghiep'])} TCCSĐ loại hình đơn vị sự nghiệp; "
            f"{n(v['to_chuc.loai_hinh.doanh_nghiep'])} TCCSĐ doanh nghiệp.")


def targets(rep: Report) -> str:
    v = rep.values
    return f"Đến nay đã hoàn thành và vượt {n(v['chi_tieu.dat'])}/{n(v['chi_tieu.tong'])} chỉ tiêu Nghị quyết Đại hội"


def results(rep: Report) -> list[str]:
    """The two paragraphs of the article's "Kết quả"."""
    v = rep.values
    first = (
        f"Kết quả: {r(v['hoc_tap.dang_vien_ty_le'])}% cán bộ, đảng viên và {rate_at_least(v['hoc_tap.cnvc_ty_le'])}% CCVC-LĐ "
        "được quán triệt, học tập các chỉ thị, nghị quyết bằng nhiều hình thức; "
        f"thành lập {n(v['bien_dong.thanh_lap_tccsd'])} TCCSĐ, chuyển giao {n(v['bien_dong.chuyen_giao_tccsd'])} TCCSĐ, "
        f"tiếp nhận {n(v['bien_dong.tiep_nhan'])} tổ chức đảng ở các huyện, thành phố về trực thuộc đảng bộ cơ sở; "
        f"sáp nhập {n(v['bien_dong.sap_nhap_tccsd'])} TCCSĐ, giải thể {n(v['bien_dong.giai_the_tccsd'])} TCCSĐ, "
        f"nâng cấp {n(v['bien_dong.nang_cap_tccsd'])} chi bộ cơ sở để thành lập đảng bộ cơ sở; "
        f"mở {n(v['dao_tao.nhan_thuc.so_lop'])} lớp bồi dưỡng nhận thức về đảng cho {n(v['dao_tao.nhan_thuc.so_hoc_vien'])} quần chúng ưu tú, "
        f"{n(v['dao_tao.dang_vien_moi.so_lop'])} lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới với "
        f"{n(v['dao_tao.dang_vien_moi.so_hoc_vien'])} đảng viên tham gia, kết nạp {n(v['dang_vien.ket_nap'])} đảng viên, "
        f"chuyển đảng chính thức cho {n(v['dang_vien.chuyen_chinh_thuc'])} đảng viên dự bị, phát thẻ cho "
        f"{n(v['dang_vien.phat_the'])} đảng viên, tặng huy hiệu đảng cho {n(v['dang_vien.huy_hieu'])} đảng viên; "
        f"mở {n(v['dao_tao.trung_cap.so_lop'])} lớp trung cấp lý luận chính trị - hành chính cho {n(v['dao_tao.trung_cap.so_hoc_vien'])} học viên; "
        f"mở {n(v['dao_tao.nghiep_vu.so_lop'])} lớp bồi dưỡng nghiệp vụ công tác xây dựng đảng cho các đồng chí là cấp ủy, "
        "bí thư các chi, đảng bộ cơ sở và chi bộ trực thuộc đảng ủy cơ sở."
    )
    second = (
        f"Tổ chức giao ban, bồi dưỡng nghiệp vụ công tác xây dựng Đảng cho {n(v['dao_tao.giao_ban.so_hoc_vien'])} lượt cấp ủy, "
        f"UBKT, báo cáo viên cơ sở; {r(v['danh_gia.to_chuc.tot_tro_len'])}% TCCSĐ được đánh giá chất lượng hoàn thành tốt "
        f"nhiệm vụ trở lên và {r(v['danh_gia.to_chuc.xuat_sac'])}% TCCSĐ đạt trong sạch, vững mạnh, hoàn thành xuất sắc nhiệm vụ; "
        f"{r(v['danh_gia.dang_vien.hoan_thanh_tro_len'])}% đảng viên hoàn thành nhiệm vụ trở lên, "
        f"{r(v['danh_gia.dang_vien.tot_tro_len'])}% đảng viên hoàn thành tốt nhiệm vụ, "
        f"{r(v['danh_gia.dang_vien.xuat_sac'])}% đảng viên hoàn thành xuất sắc nhiệm vụ; "
        f"Đảng ủy Khối, UBKT Đảng ủy khối kiểm tra {n(v['kiem_tra.cap_tren.to_chuc'])} lượt tổ chức đảng và "
        f"{n(v['kiem_tra.cap_tren.dang_vien'])} đảng viên, giám sát {n(v['giam_sat.cap_tren.to_chuc'])} lượt tổ chức đảng và "
        f"{n(v['giam_sat.cap_tren.dang_vien'])} đảng viên, Ủy ban kiểm tra các cấp đã kiểm tra {n(v['kiem_tra.cac_cap.to_chuc'])} "
        f"lượt tổ chức đảng và {n(v['kiem_tra.cac_cap.dang_vien'])} đảng viên, giám sát {n(v['giam_sat.cac_cap.to_chuc'])} "
        f"lượt tổ chức đảng và {n(v['giam_sat.cac_cap.dang_vien'])} đảng viên...; biểu dương và tặng Giấy khen cho "
        f"{n(v['khen_thuong.giay_khen.tap_the'])} tập thể và {n(v['khen_thuong.giay_khen.ca_nhan'])} cá nhân, đề nghị Thủ tướng "
        f"Chính phủ tặng Bằng khen cho {n(v['khen_thuong.bang_khen_thu_tuong.ca_nhan'])} cá nhân, UBND tỉnh tặng Bằng khen cho "
        f"{n(v['khen_thuong.bang_khen_ubnd_tinh.tap_the'])} tập thể, {n(v['khen_thuong.bang_khen_ubnd_tinh.ca_nhan'])} cá nhân."
    )
    return [first, second]
