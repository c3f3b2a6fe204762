"""Small exchange-format workbooks for tests, built as {sheet: [row dict]} and written out."""

from __future__ import annotations

import copy
import csv
import datetime as dt
from pathlib import Path

from dangbo.exchange.schema import SHEET_BY_NAME


def write_csv_folder(data: dict[str, list[dict]], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in data.items():
        codes = SHEET_BY_NAME[name].codes
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(codes)
            for r in rows:
                w.writerow(["" if r.get(c) is None else (r[c].isoformat() if isinstance(r.get(c), dt.date) else r[c]) for c in codes])
    return folder


def write_xlsx(data: dict[str, list[dict]], path: Path, labels: bool = False) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in data.items():
        sheet = SHEET_BY_NAME[name]
        ws = wb.create_sheet(name)
        ws.append([c.label if labels else c.code for c in sheet.columns])
        for r in rows:
            ws.append([r.get(c.code) for c in sheet.columns])
    wb.save(path)
    return path


D = dt.date


def small_bloc() -> dict[str, list[dict]]:
    """A root with a committee (two cells) and a grassroots cell, seven people, a year of life."""
    persons = [
        {"ma": f"P{i}", "ho_ten": name, "ngay_sinh": D(1980 + i, 1, 15), "gioi_tinh": sex, "so_cccd": f"0010800000{i:02d}"}
        for i, (name, sex) in enumerate([
            ("Nguyễn Văn An", "nam"), ("Trần Thị Bình", "nu"), ("Lê Văn Cường", "nam"), ("Phạm Thị Dung", "nu"),
            ("Hoàng Văn Em", "nam"), ("Vũ Thị Phương", "nu"), ("Đặng Văn Giang", "nam")], start=1)
    ]
    orgs = [
        {"ngay": D(2015, 1, 1), "loai": "khoi_tao", "ma": "R1", "ten": "Đảng bộ Khối A", "cap": "dang_bo_cap_tren"},
        {"ngay": D(2015, 1, 1), "loai": "khoi_tao", "ma": "D1", "ten": "Đảng bộ Sở Tài chính", "cap": "dang_bo_co_so", "loai_hinh": "hanh_chinh", "ma_cap_tren": "R1"},
        {"ngay": D(2015, 1, 1), "loai": "khoi_tao", "ma": "C1", "ten": "Chi bộ Văn phòng", "cap": "chi_bo", "ma_cap_tren": "D1"},
        {"ngay": D(2015, 1, 1), "loai": "khoi_tao", "ma": "C2", "ten": "Chi bộ Ngân sách", "cap": "chi_bo", "ma_cap_tren": "D1"},
        {"ngay": D(2015, 1, 1), "loai": "khoi_tao", "ma": "S1", "ten": "Chi bộ Công ty Điện", "cap": "chi_bo_co_so", "loai_hinh": "doanh_nghiep", "ma_cap_tren": "R1"},
    ]
    opening = [
        {"ngay": D(2015, 1, 1), "loai": "khoi_tao", "ma_nguoi": f"P{i}", "ma_to_chuc": cell, "trang_thai": "chinh_thuc",
         "ngay_ket_nap": D(2005, 3, i), "ngay_chinh_thuc": D(2006, 3, i), "so_the": f"1000000{i}"}
        for i, cell in ((1, "C1"), (2, "C1"), (3, "C2"), (4, "S1"))
    ]
    events = opening + [
        {"ngay": D(2015, 6, 1), "loai": "ket_nap", "ma_nguoi": "P5", "ma_to_chuc": "S1"},
        {"ngay": D(2016, 6, 1), "loai": "chuyen_chinh_thuc", "ma_nguoi": "P5", "ngay_quyet_dinh": D(2016, 6, 20)},
        {"ngay": D(2016, 7, 1), "loai": "phat_the", "ma_nguoi": "P5", "so_the": "12345678"},
        {"ngay": D(2016, 8, 1), "loai": "chuyen_noi_bo", "ma_nguoi": "P3", "ma_to_chuc": "C1"},
    ]
    return {
        "nguoi": persons,
        "bien_dong_to_chuc": orgs,
        "bien_dong_dang_vien": events,
        "lop_hoc": [
            {"ma": "L1", "ten": "Lớp nhận thức 2015", "loai": "nhan_thuc", "tu_ngay": D(2015, 3, 1), "den_ngay": D(2015, 3, 5), "ma_to_chuc": "R1"},
            {"ma": "L2", "ten": "Lớp đảng viên mới 2015", "loai": "dang_vien_moi", "tu_ngay": D(2015, 9, 1), "den_ngay": D(2015, 9, 5), "ma_to_chuc": "R1"},
        ],
        "hoc_vien": [
            {"ma_lop": "L1", "ma_nguoi": "P5"}, {"ma_lop": "L1", "ma_nguoi": "P6", "ket_qua": "khong_hoan_thanh"},
            {"ma_lop": "L2", "ma_nguoi": "P5", "ngay_cap_chung_chi": D(2015, 9, 10)},
        ],
        "quan_chung": [{"ma_nguoi": "P5", "ma_to_chuc": "S1", "ngay_mo_ho_so": D(2015, 4, 1)}],
        "hoc_tap_nghi_quyet": [{"ma_dot": "NQ1", "ten_dot": "Nghị quyết Đại hội", "ngay": D(2015, 11, 1), "ma_to_chuc": "D1",
                                "dv_tong": 3, "dv_tham_gia": 3, "cnvc_tong": 40, "cnvc_tham_gia": 39}],
        "danh_gia": [
            {"nam": 2015, "doi_tuong": "to_chuc", "ma": "D1", "xep_loai": "tot"},
            {"nam": 2015, "doi_tuong": "to_chuc", "ma": "S1", "xep_loai": "hoan_thanh"},
            {"nam": 2015, "doi_tuong": "dang_vien", "ma": "P1", "xep_loai": "tot"},
            {"nam": 2015, "doi_tuong": "dang_vien", "ma": "P5", "xep_loai": "khong_xep_loai"},
        ],
        "kiem_tra_giam_sat": [
            {"ngay": D(2015, 10, 1), "hinh_thuc": "kiem_tra", "ma_chu_the": "R1", "co_quan": "ubkt", "doi_tuong": "to_chuc", "ma_doi_tuong": "D1", "noi_dung": "Kiểm tra thu chi"},
            {"ngay": D(2015, 10, 2), "hinh_thuc": "giam_sat", "ma_chu_the": "D1", "co_quan": "ubkt", "doi_tuong": "dang_vien", "ma_doi_tuong": "P2"},
        ],
        "ky_luat": [{"ngay": D(2015, 12, 1), "doi_tuong": "dang_vien", "ma_doi_tuong": "P4", "hinh_thuc": "khien_trach", "ma_co_quan": "S1"}],
        "khen_thuong": [
            {"ngay": D(2016, 1, 15), "hinh_thuc": "giay_khen", "doi_tuong": "tap_the", "ma_doi_tuong": "D1", "ma_co_quan": "R1"},
            {"ngay": D(2016, 1, 15), "hinh_thuc": "bang_khen_ubnd_tinh", "doi_tuong": "ca_nhan", "ma_doi_tuong": "P1", "trang_thai": "de_nghi"},
        ],
        "sinh_hoat": [{"ma": "SH1", "ma_to_chuc": "C1", "ngay": D(2015, 2, 5), "loai": "thuong_ky"}],
        "du_sinh_hoat": [{"ma_sinh_hoat": "SH1", "ma_nguoi": "P1", "trang_thai": "co_mat"},
                         {"ma_sinh_hoat": "SH1", "ma_nguoi": "P2", "trang_thai": "vang_khong_ly_do"}],
        "nhiem_ky": [{"ma": "2015-2020", "ma_to_chuc": "R1", "tu_ngay": D(2015, 10, 1), "den_ngay": D(2020, 6, 30)}],
        "chi_tieu": [
            {"ma_nhiem_ky": "2015-2020", "stt": 1, "noi_dung": "Kết nạp ít nhất 1 đảng viên", "chi_so": "dang_vien.ket_nap", "so_sanh": ">=", "gia_tri": 1},
            {"ma_nhiem_ky": "2015-2020", "stt": 2, "noi_dung": "Giữ vững đoàn kết", "dat": 1},
        ],
    }


def clone(data: dict) -> dict:
    return copy.deepcopy(data)
