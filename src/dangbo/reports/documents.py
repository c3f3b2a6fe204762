"""The report as a bloc sends it upward: .docx and .pdf in the Party document layout
(Hướng dẫn 36-HD/VPTW), and an .xlsx of every metric with its Vietnamese label.

All three are built from one list of blocks (headings, paragraphs, tables, charts) made
from the computed report, so they carry the same figures as the JSON.
"""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone

from dangbo.core.documents import Document, Header, write_docx, write_pdf
from dangbo.core.spreadsheets import as_text
from dangbo.domain.metric_keys import ALL_KEYS, RATE_KEYS
from dangbo.domain.metrics import Report
from dangbo.orgs.letterhead import RECIPIENTS, document_settings  # noqa: F401 (the report's settings page)
from dangbo.orgs.models import Org

from . import charts, narrative
from .formatting import rate, value
from .labels import LABELS


def header_for(report: Report, issued=None) -> Header:
    """The header of a draft (today's settings, no number, dated today) or of an issued
    report (the settings and number it was issued with, dated the day it was issued)."""
    if issued is not None:
        s, number, draft = issued.header, f"Số {issued.number:02d}-{issued.header['ky_hieu']}", False
        day = timezone.localtime(issued.recorded_at).date()
    else:
        s = document_settings(Org.objects.filter(code=report.roots[0]).first())
        number, draft, day = f"Số      -{s['ky_hieu']}", True, timezone.localdate()
    return Header(s["co_quan_cap_tren"], s["co_quan_ban_hanh"], s["dia_danh"], number, s["ten_viet_tat"], s["ten_goi"],
                  day, draft, s["tham_quyen"], s["chuc_vu_ky"], s["nguoi_ky"], tuple(s["noi_nhan"]))


def _rows(report: Report, keys: list[str]) -> list[list[str]]:
    return [[LABELS[k], value(k, report.values[k])] for k in keys]


def build(report: Report, term_code: str | None, issued=None) -> Document:
    """The blocks of the report document, in order."""
    v = report.values
    head = header_for(report, issued)
    period = f"nhiệm kỳ {term_code.replace('-', ' - ')}" if term_code else \
        f"từ ngày {report.start:%d/%m/%Y} đến ngày {report.end:%d/%m/%Y}"
    doc = Document(head, "BÁO CÁO", f"Tổng kết công tác xây dựng Đảng {period}")
    b = doc.blocks
    b.append(("heading", "I. TÌNH HÌNH TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN"))
    b.append(("para", narrative.situation(report, head.bloc)))
    b.append(("table", ["Chỉ tiêu", f"Số liệu ngày {report.as_of:%d/%m/%Y}"],
              _rows(report, [k for k in ALL_KEYS if k.startswith(("to_chuc.", "dang_vien.")) and "." in k and
                             k.split(".")[1] in ("tccsd", "dang_bo_co_so", "chi_bo_co_so", "dang_bo_bo_phan",
                                                 "chi_bo_truc_thuoc_dbcs", "chi_bo_truc_thuoc_dbbp", "loai_hinh",
                                                 "tong", "chinh_thuc", "du_bi", "nu", "mien_sinh_hoat")])))
    b.append(("heading", "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ"))
    if v["chi_tieu.tong"]:
        b.append(("para", narrative.targets(report) + "."))
    for para in narrative.results(report):
        b.append(("para", para))
    sections = [
        ("1. Xây dựng tổ chức cơ sở đảng", [k for k in ALL_KEYS if k.startswith("bien_dong.")]),
        ("2. Phát triển và quản lý đảng viên", [f"dang_vien.{k}" for k in ("ket_nap", "chuyen_chinh_thuc", "phat_the", "huy_hieu",
                                                                            "chuyen_den", "chuyen_di", "tu_tran", "xoa_ten", "khai_tru")]),
        ("3. Đào tạo, bồi dưỡng", [k for k in ALL_KEYS if k.startswith("dao_tao.")]),
        ("4. Học tập, quán triệt nghị quyết", ["hoc_tap.dang_vien_ty_le", "hoc_tap.cnvc_ty_le"]),
        ("5. Đánh giá, xếp loại chất lượng (bình quân các năm)", [k for k in ALL_KEYS if k.startswith("danh_gia.")]),
        ("6. Kiểm tra, giám sát, kỷ luật", [k for k in ALL_KEYS if k.startswith(("kiem_tra.", "giam_sat.", "ky_luat."))]),
        ("7. Thi đua, khen thưởng", [k for k in ALL_KEYS if k.startswith("khen_thuong.")]),
    ]
    for title, keys in sections:
        b.append(("subheading", title))
        b.append(("table", ["Nội dung", "Kết quả"], _rows(report, keys)))
    yearly = report.yearly
    years = sorted({y for rates in yearly.values() for y in rates})
    if years:
        b.append(("subheading", "Tỷ lệ xếp loại theo từng năm (%)"))
        rows = [[LABELS[k], *[rate(round(float(yearly[k][y]), 2)) if y in yearly[k] else "—" for y in years]]
                for k in ALL_KEYS if k.startswith("danh_gia.")]
        b.append(("table", ["Nội dung", *map(str, years)], rows))
    if report.targets:
        b.append(("heading", "III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT ĐẠI HỘI"))
        rows = []
        for t, val, ok in report.targets:
            shown = value(t.metric, val) if t.metric else ""
            rows.append([str(t.number), t.text, shown, "Đạt" if ok else "Không đạt"])
        b.append(("table", ["TT", "Chỉ tiêu", "Kết quả", "Đánh giá"], rows))
    b.append(("heading", f"{'IV' if report.targets else 'III'}. BIỂU ĐỒ"))
    for title, draw in charts.CHARTS:
        b.append(("chart", title, draw(report)))
    return doc


# ---- .xlsx ---------------------------------------------------------------------------
def write_xlsx(report: Report, doc: Document, out: Path) -> None:
    """Every metric with its label and value (counts #,##0 and rates 0,00 in the reader's
    Vietnamese Excel), the key last for machines; laid out to print on A4."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    title = f"{doc.header.issuer} — {doc.subtitle}" + (" (DỰ THẢO)" if doc.header.draft else f" ({doc.header.number})")
    period = f"Kỳ báo cáo {report.start:%d/%m/%Y} – {report.end:%d/%m/%Y}; số liệu ngày {report.as_of:%d/%m/%Y}"

    def sheet(ws, headers: list[str], col_widths: list[float]):
        ws.append([title])
        ws.append([period])
        ws["A1"].font = Font(bold=True, size=12)
        ws.append(headers)
        for cell in ws[3]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for i, w in enumerate(col_widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.freeze_panes = "A4"
        ws.print_title_rows = "3:3"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "portrait"
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.oddFooter.center.text = "Trang &P/&N"

    ws = wb.active
    ws.title = "Chỉ số"
    sheet(ws, ["STT", "Chỉ số", "Giá trị", "Mã chỉ số"], [6, 70, 14, 36])
    for i, key in enumerate(ALL_KEYS, start=1):
        val = report.values[key]
        ws.append([i, LABELS[key], val, key])
        ws.cell(row=ws.max_row, column=3).number_format = "0.00" if key in RATE_KEYS else "#,##0"
        ws.cell(row=ws.max_row, column=2).alignment = Alignment(wrap_text=True)
    if report.targets:
        t = wb.create_sheet("Chỉ tiêu")
        sheet(t, ["TT", "Chỉ tiêu", "Chỉ số", "So sánh", "Ngưỡng", "Kết quả", "Đánh giá"], [5, 60, 36, 9, 12, 12, 12])
        for row, val, ok in report.targets:
            t.append([row.number, row.text, LABELS.get(row.metric, row.metric), {">=": "≥", "<=": "≤"}.get(row.comparator, ""),
                      float(row.threshold) if row.threshold is not None else None, val, "Đạt" if ok else "Không đạt"])
            t.cell(row=t.max_row, column=2).alignment = Alignment(wrap_text=True)
            for col in (5, 6):
                t.cell(row=t.max_row, column=col).number_format = "#,##0.##"
    y = wb.create_sheet("Theo năm")
    years = sorted({yr for rates in report.yearly.values() for yr in rates})
    sheet(y, ["Chỉ số (%)", *map(str, years)], [50, *[10] * len(years)])
    for key, rates in report.yearly.items():
        y.append([LABELS[key], *[round(float(rates[yr]), 2) if yr in rates else None for yr in years]])
        for col in range(2, len(years) + 2):
            y.cell(row=y.max_row, column=col).number_format = "0.00"
    for sheet_ in wb.worksheets:  # names and targets are typed by users: text, never a formula
        for row in sheet_.iter_rows():
            for cell in row:
                as_text(cell)
    wb.save(out)


def write_document(report: Report, req, fmt: str, out: Path, issued=None) -> Path:
    """Write the report as .xlsx, .docx or .pdf to `out`: a draft, or the report `issued`."""
    doc = build(report, req.term.code if req.term else None, issued)
    if fmt == "xlsx":
        write_xlsx(report, doc, Path(out))
    else:
        {"docx": write_docx, "pdf": write_pdf}[fmt](doc, Path(out))
    return Path(out)

