"""The workbook clerks fill in (issue 20, item 9): every sheet with its Vietnamese column
labels (the importer reads labels and codes alike), a drop-down list in every coded column
(its Vietnamese labels, which the importer accepts for the codes), a comment on each header
saying what goes there, and a guide sheet with an example row for each sheet. The guide and
the lists are sheets the importer reads past (schema.GUIDE_SHEETS)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .cells import label_list
from .schema import GUIDE_SHEETS, SHEETS, Column

ROWS = 5000  # rows of each sheet given the drop-down lists: a unit's workbook, with room to spare
# One plausible row per sheet, as a clerk of the demo bloc would write it.
EXAMPLES: dict[str, dict[str, object]] = {
    "nguoi": {"ma": "DV00123", "ho_ten": "Lò Thị Mai", "ngay_sinh": "15/01/1990", "gioi_tinh": "Nữ", "so_cccd": "012190000123",
              "dan_toc": "Thái", "ton_giao": "Không", "que_quan": "Tân Uyên, Lai Châu", "chuc_vu": "Chuyên viên",
              "gdpt": "12/12", "trinh_do_chuyen_mon": "Đại học", "trinh_do_llct": "Trung cấp", "ngay_vao_doan": "26/03/2005"},
    "bien_dong_to_chuc": {"ngay": "01/04/2020", "loai": "Thành lập", "ma": "CB015", "ten": "Chi bộ Phòng Kế hoạch",
                          "cap": "Chi bộ trực thuộc đảng bộ cơ sở", "ma_cap_tren": "KCQ001", "so_quyet_dinh": "123-QĐ/ĐUK"},
    "bien_dong_dang_vien": {"ngay": "03/02/2021", "loai": "Kết nạp", "ma_nguoi": "DV00123", "ma_to_chuc": "CB015",
                            "so_quyet_dinh": "45-QĐ/ĐU", "nguoi_gioi_thieu_1": "DV00045", "nguoi_gioi_thieu_2": "DV00067"},
    "lop_hoc": {"ma": "NT2021", "ten": "Lớp bồi dưỡng nhận thức về Đảng 2021", "loai": "Bồi dưỡng nhận thức về Đảng",
                "tu_ngay": "01/03/2021", "den_ngay": "05/03/2021", "ma_to_chuc": "KCQDN"},
    "hoc_vien": {"ma_lop": "NT2021", "ma_nguoi": "DV00123", "ket_qua": "Hoàn thành", "ngay_cap_chung_chi": "10/03/2021"},
    "hoc_tap_nghi_quyet": {"ma_dot": "NQ13", "ten_dot": "Nghị quyết Đại hội XIII", "ngay": "15/04/2021", "ma_to_chuc": "KCQ001",
                           "dv_tong": 45, "dv_tham_gia": 44, "cnvc_tong": 120, "cnvc_tham_gia": 118},
    "danh_gia": {"nam": 2021, "doi_tuong": "Đảng viên", "ma": "DV00123", "xep_loai": "Hoàn thành tốt nhiệm vụ", "diem": 88},
    "kiem_tra_giam_sat": {"ngay": "10/10/2021", "hinh_thuc": "Giám sát", "ma_chu_the": "KCQDN", "co_quan": "Ủy ban kiểm tra",
                          "doi_tuong": "Tổ chức đảng", "ma_doi_tuong": "KCQ001", "noi_dung": "Giám sát thực hiện quy chế làm việc"},
    "ky_luat": {"ngay": "01/12/2021", "doi_tuong": "Đảng viên", "ma_doi_tuong": "DV00456", "hinh_thuc": "Khiển trách",
                "ma_co_quan": "KCQ001", "so_quyet_dinh": "12-QĐ/UBKT"},
    "khen_thuong": {"ngay": "15/01/2022", "hinh_thuc": "Giấy khen của Đảng ủy Khối", "doi_tuong": "Tập thể", "ma_doi_tuong": "KCQ001",
                    "trang_thai": "Đã quyết định", "ma_co_quan": "KCQDN", "so_quyet_dinh": "301-QĐ/ĐUK"},
    "sinh_hoat": {"ma": "SH-CB015-202201", "ma_to_chuc": "CB015", "ngay": "05/01/2022", "loai": "Thường kỳ",
                  "noi_dung": "Sinh hoạt chi bộ tháng 1"},
    "du_sinh_hoat": {"ma_sinh_hoat": "SH-CB015-202201", "ma_nguoi": "DV00123", "trang_thai": "Có mặt"},
    "quan_chung": {"ma_nguoi": "DV00789", "ma_to_chuc": "CB015", "ngay_mo_ho_so": "01/06/2022", "ghi_chu": "Đoàn viên ưu tú"},
    "qua_trinh_cong_tac": {"ma_nguoi": "DV00123", "tu_thang": "09/2012", "den_thang": "06/2016",
                           "noi_dung": "Chuyên viên Phòng Kế hoạch, Sở Tài chính tỉnh Lai Châu"},
    "gia_dinh": {"ma_nguoi": "DV00123", "quan_he": "Bố", "ho_ten": "Lò Văn Piếng", "nam_sinh": 1962,
                 "noi_dung": "Quê quán Tân Uyên, Lai Châu; làm ruộng; chấp hành tốt chủ trương, chính sách"},
    "nhiem_ky": {"ma": "2020-2025", "ma_to_chuc": "KCQDN", "tu_ngay": "01/07/2020", "den_ngay": "30/06/2025"},
    "chi_tieu": {"ma_nhiem_ky": "2020-2025", "stt": 1, "noi_dung": "Kết nạp ít nhất 500 đảng viên", "chi_so": "dang_vien.ket_nap",
                 "so_sanh": ">=", "gia_tri": 500},
}


def _hint(column: Column, listed: bool) -> str:
    hint = f"Mã cột: {column.code}" + (" (bắt buộc)" if column.required else "")
    if listed and len(column.choices) > 12:
        hint += "\nChọn trong danh sách (hoặc gõ mã, hoặc tên)"
    elif listed:
        hint += "\nChọn trong danh sách (hoặc gõ mã: " + ", ".join(column.choices) + ")"
    elif column.choices:
        hint += "\nGiá trị: " + ", ".join(column.choices)
    if column.kind == "date":
        hint += "\nNgày: dd/mm/yyyy (ví dụ 15/01/1990)" + ("; không sau ngày nhập" if column.past else "")
    if column.kind == "month":
        hint += "\nTháng: mm/yyyy (ví dụ 09/2015)"
    return hint


def write_template(path: Path) -> Path:
    wb = Workbook()
    guide = wb.active
    guide.title = GUIDE_SHEETS[0]
    lists = wb.create_sheet(GUIDE_SHEETS[1])
    lists.sheet_state = "hidden"
    _guide(guide)
    list_column = 0
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.name)
        ws.append([c.label for c in sheet.columns])
        ws.freeze_panes = "A2"
        for cell, column in zip(ws[1], sheet.columns, strict=True):
            names = label_list(column.choices) if column.choices else []
            if column.kind in ("gdpt", "month"):  # "12/12" and "09/2015" stay text, not Excel dates
                ws.column_dimensions[cell.column_letter].number_format = "@"
            cell.font = Font(bold=True, color="B71C1C" if column.required else "000000")
            cell.comment = Comment(_hint(column, bool(names)), "dangbo")
            ws.column_dimensions[cell.column_letter].width = max(14, len(column.label) + 2, *(len(n) + 2 for n in names))
            if names:
                list_column += 1
                letter = get_column_letter(list_column)
                for row, name in enumerate(names, start=1):
                    lists.cell(row=row, column=list_column, value=name)
                rule = DataValidation(type="list", formula1=f"{quote_sheetname(lists.title)}!${letter}$1:${letter}${len(names)}",
                                      allow_blank=not column.required, showErrorMessage=True, errorStyle="warning",
                                      errorTitle="Giá trị không có trong danh sách",
                                      error=f"{column.label}: hãy chọn trong danh sách (hoặc gõ mã của nó).")
                rule.add(f"{cell.column_letter}2:{cell.column_letter}{ROWS}")
                ws.add_data_validation(rule)
    wb.save(path)
    return path


def _guide(ws) -> None:
    """What each sheet holds, its columns, and one example row to copy."""
    ws.append(["Hướng dẫn điền tệp nhập dữ liệu"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["Mỗi sheet một loại dữ liệu; dòng 1 là tên cột (giữ nguyên). Cột chữ đỏ là bắt buộc. Ngày gõ dd/mm/yyyy. "
               "Cột có danh sách: chọn trong danh sách. Sheet này và sheet Danh mục không được nhập."])
    for sheet in SHEETS:
        ws.append([])
        ws.append([f"Sheet {sheet.name} — {sheet.label}"])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
        ws.append([c.label for c in sheet.columns])
        example = EXAMPLES.get(sheet.name, {})
        ws.append(["Ví dụ: " + str(example.get(c.code, "")) if i == 0 else example.get(c.code, "")
                   for i, c in enumerate(sheet.columns)])
    ws.column_dimensions["A"].width = 40
