"""The report as a bloc sends it upward: .docx and .pdf in the Party document layout
(Hướng dẫn 36-HD/VPTW), and an .xlsx of every metric with its Vietnamese label.

All three are built from one list of blocks (headings, paragraphs, tables, charts) made
from the computed report, so they carry the same figures as the JSON.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
from dataclasses import dataclass, field
from pathlib import Path

from dangbo.core.spreadsheets import as_text
from dangbo.domain.metric_keys import ALL_KEYS, RATE_KEYS
from dangbo.domain.metrics import Report
from dangbo.orgs.models import Org

from . import charts, narrative
from .formatting import rate, value
from .labels import LABELS

SERIF = "Times New Roman"


@dataclass
class Header:
    """The issuing lines, place and number: settings of the root (Org.settings)."""

    upper: str
    issuer: str
    place: str
    number: str
    short: str
    bloc: str
    day: dt.date


@dataclass
class Document:
    header: Header
    title: str
    subtitle: str
    blocks: list[tuple] = field(default_factory=list)


def header_for(report: Report) -> Header:
    org = Org.objects.filter(code=report.roots[0]).first()
    s = (org.settings if org else {}) or {}
    return Header(s.get("co_quan_cap_tren", ""), s.get("co_quan_ban_hanh", report.roots[0]), s.get("dia_danh", ""),
                  s.get("so_van_ban", "Số   -BC"), s.get("ten_viet_tat", "Đảng ủy"),
                  s.get("ten_goi", "Đảng bộ"), report.as_of)


def _rows(report: Report, keys: list[str]) -> list[list[str]]:
    return [[LABELS[k], value(k, report.values[k])] for k in keys]


def build(report: Report, term_code: str | None) -> Document:
    """The blocks of the report document, in order."""
    v = report.values
    head = header_for(report)
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
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Chi so"
    ws.append([f"{doc.header.issuer} — {doc.subtitle}"])
    ws.append([f"Kỳ báo cáo {report.start:%d/%m/%Y} – {report.end:%d/%m/%Y}; số liệu ngày {report.as_of:%d/%m/%Y}"])
    ws.append(["Mã chỉ số", "Chỉ số", "Giá trị"])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for key in ALL_KEYS:
        val = report.values[key]
        ws.append([key, LABELS[key], val])
        if key in RATE_KEYS and val is not None:
            ws.cell(row=ws.max_row, column=3).number_format = "0.00"
    ws.column_dimensions["A"].width = 42
    ws.column_dimensions["B"].width = 70
    if report.targets:
        t = wb.create_sheet("Chi tieu")
        t.append(["TT", "Chỉ tiêu", "Chỉ số", "So sánh", "Ngưỡng", "Kết quả", "Đạt"])
        for row, val, ok in report.targets:
            t.append([row.number, row.text, row.metric, row.comparator,
                      float(row.threshold) if row.threshold is not None else None, val, "Đạt" if ok else "Không đạt"])
    y = wb.create_sheet("Theo nam")
    years = sorted({yr for rates in report.yearly.values() for yr in rates})
    y.append(["Chỉ số", *years])
    for key, rates in report.yearly.items():
        y.append([LABELS[key], *[round(float(rates[yr]), 2) if yr in rates else None for yr in years]])
    for sheet in wb.worksheets:  # names and targets are typed by users: text, never a formula
        for row in sheet.iter_rows():
            for cell in row:
                as_text(cell)
    wb.save(out)


# ---- .docx ---------------------------------------------------------------------------
def write_docx(report: Report, doc: Document, out: Path) -> None:
    from docx import Document as Docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    d = Docx()
    section = d.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    style = d.styles["Normal"]
    style.font.name = SERIF
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), SERIF)

    def para(text, bold=False, italic=False, align=None, size=None, underline=False, space_after=6):
        p = d.add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        if size:
            run.font.size = Pt(size)
        if align:
            p.alignment = align
        p.paragraph_format.space_after = Pt(space_after)
        return p

    h = doc.header
    top = d.add_table(rows=1, cols=2)
    left, right = top.rows[0].cells
    for cell, lines in ((left, [(h.upper, False, False), (h.issuer, True, False), ("*", False, False), (h.number, False, False)]),
                        (right, [("ĐẢNG CỘNG SẢN VIỆT NAM", True, True),
                                 (f"{h.place}, ngày {h.day.day} tháng {h.day.month} năm {h.day.year}", False, False)])):
        cell.paragraphs[0].text = ""
        for i, (text, bold, underline) in enumerate(lines):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            run = p.add_run(text)
            run.bold, run.underline = bold, underline
            run.italic = cell is right and i == 1
            run.font.size = Pt(13 if cell is left else 14)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para("")
    para(doc.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=16, space_after=0)
    para(doc.subtitle, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para("-----", align=WD_ALIGN_PARAGRAPH.CENTER)
    for block in doc.blocks:
        kind = block[0]
        if kind == "heading":
            para(block[1], bold=True)
        elif kind == "subheading":
            para(block[1], bold=True, italic=True)
        elif kind == "para":
            p = para(block[1], align=WD_ALIGN_PARAGRAPH.JUSTIFY)
            p.paragraph_format.first_line_indent = Cm(1)
        elif kind == "table":
            headers, rows = block[1], block[2]
            t = d.add_table(rows=1, cols=len(headers))
            t.style = "Table Grid"
            t.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, text in zip(t.rows[0].cells, headers, strict=True):
                cell.text = ""
                run = cell.paragraphs[0].add_run(text)
                run.bold = True
                run.font.size = Pt(12)
            for row in rows:
                cells = t.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = ""
                    cell.paragraphs[0].add_run(text).font.size = Pt(12)
            para("", space_after=2)
        elif kind == "chart":
            para(block[1], italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=12, space_after=0)
            d.add_picture(io.BytesIO(block[2]), width=Cm(15))
            d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    sign = d.add_table(rows=1, cols=2)
    left, right = sign.rows[0].cells
    left.paragraphs[0].text = ""
    run = left.paragraphs[0].add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for line in ("- Ban Thường vụ Tỉnh ủy (b/c),", "- Ban Tổ chức Tỉnh ủy,", "- Các TCCSĐ trực thuộc,", "- Lưu Văn phòng."):
        left.add_paragraph().add_run(line).font.size = Pt(11)
    right.paragraphs[0].text = ""
    for i, line in enumerate((f"T/M {h.short.upper()}", "BÍ THƯ")):
        p = right.paragraphs[0] if i == 0 else right.add_paragraph()
        p.add_run(line).bold = True
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.save(str(out))


# ---- .pdf ----------------------------------------------------------------------------
CSS = """
@page { size: A4; margin: 2cm 2cm 2cm 3cm; @bottom-center { content: counter(page); font-size: 11pt; } }
body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 13pt; line-height: 1.35; }
.top { width: 100%; border-collapse: collapse; }
.top td { text-align: center; vertical-align: top; width: 50%; border: none; }
.issuer { font-weight: bold; }
.party { font-weight: bold; text-decoration: underline; }
.date { font-style: italic; }
h1 { text-align: center; font-size: 16pt; margin: 18pt 0 0; }
h2.sub { text-align: center; font-size: 14pt; margin: 0 0 12pt; }
h3 { font-size: 13pt; margin: 12pt 0 6pt; }
h4 { font-size: 13pt; font-style: italic; margin: 10pt 0 4pt; }
p { text-align: justify; text-indent: 1cm; margin: 0 0 6pt; }
table.data { width: 100%; border-collapse: collapse; font-size: 11.5pt; margin-bottom: 8pt; }
table.data th, table.data td { border: 0.5pt solid #000; padding: 2pt 4pt; }
table.data td:last-child { text-align: right; }
figure { text-align: center; margin: 8pt 0; }
figure img { width: 15cm; }
figcaption { font-style: italic; font-size: 11pt; }
.sign { width: 100%; margin-top: 18pt; }
.sign td { vertical-align: top; width: 50%; }
"""


def html_document(doc: Document) -> str:
    e = html.escape
    h = doc.header
    parts = [f"<html lang='vi'><head><meta charset='utf-8'><style>{CSS}</style></head><body>",
             "<table class='top'><tr>",
             f"<td>{e(h.upper)}<br><span class='issuer'>{e(h.issuer)}</span><br>*<br>{e(h.number)}</td>",
             f"<td><span class='party'>ĐẢNG CỘNG SẢN VIỆT NAM</span><br><br>"
             f"<span class='date'>{e(h.place)}, ngày {h.day.day} tháng {h.day.month} năm {h.day.year}</span></td>",
             "</tr></table>", f"<h1>{e(doc.title)}</h1><h2 class='sub'>{e(doc.subtitle)}</h2>"]
    for block in doc.blocks:
        kind = block[0]
        if kind == "heading":
            parts.append(f"<h3>{e(block[1])}</h3>")
        elif kind == "subheading":
            parts.append(f"<h4>{e(block[1])}</h4>")
        elif kind == "para":
            parts.append(f"<p>{e(block[1])}</p>")
        elif kind == "table":
            parts.append("<table class='data'><tr>" + "".join(f"<th>{e(x)}</th>" for x in block[1]) + "</tr>")
            for row in block[2]:
                parts.append("<tr>" + "".join(f"<td>{e(x)}</td>" for x in row) + "</tr>")
            parts.append("</table>")
        elif kind == "chart":
            data = base64.b64encode(block[2]).decode()
            parts.append(f"<figure><img src='data:image/png;base64,{data}' alt='{e(block[1])}'><figcaption>{e(block[1])}</figcaption></figure>")
    parts.append("<table class='sign'><tr><td><b><i>Nơi nhận:</i></b><br>- Ban Thường vụ Tỉnh ủy (b/c),<br>- Ban Tổ chức Tỉnh ủy,"
                 f"<br>- Các TCCSĐ trực thuộc,<br>- Lưu Văn phòng.</td><td style='text-align:center'><b>T/M {e(h.short.upper())}<br>BÍ THƯ</b></td></tr></table>")
    parts.append("</body></html>")
    return "".join(parts)


def write_pdf(report: Report, doc: Document, out: Path) -> None:
    from weasyprint import HTML

    HTML(string=html_document(doc)).write_pdf(out)


def write_document(report: Report, req, fmt: str, out: Path) -> Path:
    """Write the report as .xlsx, .docx or .pdf to `out`."""
    doc = build(report, req.term.code if req.term else None)
    {"xlsx": write_xlsx, "docx": write_docx, "pdf": write_pdf}[fmt](report, doc, Path(out))
    return Path(out)

