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
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

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
    """The issuing lines, place, number and signature: settings of the root (Org.settings,
    edited on the root's "Thiết lập văn bản" page), as they stood when the report was issued."""

    upper: str
    issuer: str
    place: str
    number: str
    short: str
    bloc: str
    day: dt.date
    draft: bool = True  # not issued: marked DỰ THẢO, its number left blank
    authority: str = "T/M"  # thay mặt (T/M) or ký thay (K/T)
    signer_title: str = "BÍ THƯ"
    signer: str = ""
    recipients: tuple[str, ...] = ()


RECIPIENTS = ("Ban Thường vụ Tỉnh ủy (b/c)", "Ban Tổ chức Tỉnh ủy", "Các TCCSĐ trực thuộc", "Lưu Văn phòng")


def document_settings(org: Org | None) -> dict:
    """The root's document settings with their defaults (an older `so_van_ban` such as
    "Số 01-BC/ĐUK" gives the register's symbol "BC/ĐUK")."""
    s = dict((org.settings if org else {}) or {})
    code = org.code if org else ""
    symbol = s.get("ky_hieu") or (s["so_van_ban"].split("-", 1)[1] if "-" in s.get("so_van_ban", "") else "BC")
    return {"co_quan_cap_tren": s.get("co_quan_cap_tren", ""), "co_quan_ban_hanh": s.get("co_quan_ban_hanh", code),
            "dia_danh": s.get("dia_danh", ""), "ten_viet_tat": s.get("ten_viet_tat", "Đảng ủy"),
            "ten_goi": s.get("ten_goi", "Đảng bộ"), "ky_hieu": symbol, "tham_quyen": s.get("tham_quyen", "T/M"),
            "chuc_vu_ky": s.get("chuc_vu_ky", "BÍ THƯ"), "nguoi_ky": s.get("nguoi_ky", ""),
            "noi_nhan": list(s.get("noi_nhan") or RECIPIENTS)}


@dataclass
class Document:
    header: Header
    title: str
    subtitle: str
    blocks: list[tuple] = field(default_factory=list)


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


# ---- shared -------------------------------------------------------------------------
NUMERIC = re.compile(r"^(trên )?[\d.,]+%?$|^—$")


def is_number(text: str) -> bool:
    """A cell that holds a figure (3.281; 99,46; trên 98,2; —): aligned right."""
    return bool(NUMERIC.match(text))


def numbered(doc: Document) -> list[tuple]:
    """The blocks with their captions numbered: "Bảng 1. …" over each table (the title of
    the section it stands in), "Biểu đồ 1. …" under each chart."""
    out, tables, charts_n, title = [], 0, 0, ""
    for block in doc.blocks:
        if block[0] in ("heading", "subheading"):
            title = re.sub(r"^[IVX]+\. |^\d+\. ", "", block[1])
            title = title[:1].upper() + title[1:].lower() if block[0] == "heading" else title
        if block[0] == "table":
            tables += 1
            out.append(("caption", f"Bảng {tables}. {title}"))
        if block[0] == "chart":
            charts_n += 1
            block = ("chart", f"Biểu đồ {charts_n}. {block[1]}", block[2])
        out.append(block)
    return out


def widths(headers: list[str]) -> list[float]:
    """Column widths in cm on the 16 cm of an A4 page between HD 36's margins: the text
    column takes what the figures leave."""
    n = len(headers)
    if headers[0] == "TT":  # the targets: number, text, result, judgement
        return [1.2, 9.6, 2.8, 2.4]
    if n == 2:
        return [12.0, 4.0]
    return [16.0 - 1.8 * (n - 1), *[1.8] * (n - 1)]


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


# ---- .docx ---------------------------------------------------------------------------
def _page_number_field(paragraph) -> None:
    """A PAGE field in the paragraph (Word fills in the number)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _repeat_header(row) -> None:
    """The row repeats at the top of each page the table runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


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
    # HD 36: page numbers from the second page, at the top, centred
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(number)
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
        if align is not None:
            p.alignment = align
        p.paragraph_format.space_after = Pt(space_after)
        return p

    h = doc.header
    if h.draft:
        para("DỰ THẢO", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT, size=13, space_after=0)
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
    for block in numbered(doc):
        kind = block[0]
        if kind == "heading":
            para(block[1], bold=True)
        elif kind == "subheading":
            para(block[1], bold=True, italic=True)
        elif kind == "caption":
            para(block[1], italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=12, space_after=2)
        elif kind == "para":
            p = para(block[1], align=WD_ALIGN_PARAGRAPH.JUSTIFY)
            p.paragraph_format.first_line_indent = Cm(1)
        elif kind == "table":
            headers, rows = block[1], block[2]
            t = d.add_table(rows=1, cols=len(headers))
            t.style = "Table Grid"
            t.alignment = WD_TABLE_ALIGNMENT.CENTER
            t.autofit = False
            _repeat_header(t.rows[0])
            for cell, text in zip(t.rows[0].cells, headers, strict=True):
                cell.text = ""
                run = cell.paragraphs[0].add_run(text)
                run.bold = True
                run.font.size = Pt(12)
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            for row in rows:
                cells = t.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = ""
                    cell.paragraphs[0].add_run(text).font.size = Pt(12)
                    if is_number(text):
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for col, w in zip(t.columns, widths(headers), strict=True):
                for cell in col.cells:
                    cell.width = Cm(w)
            para("", space_after=2)
        elif kind == "chart":
            d.add_picture(io.BytesIO(block[2]), width=Cm(15))
            d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            para(block[1], italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=12)
    sign = d.add_table(rows=1, cols=2)
    left, right = sign.rows[0].cells
    left.paragraphs[0].text = ""
    run = left.paragraphs[0].add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for i, line in enumerate(h.recipients):
        end = "." if i == len(h.recipients) - 1 else ","
        left.add_paragraph().add_run(f"- {line}{end}").font.size = Pt(11)
    right.paragraphs[0].text = ""
    signature: list[tuple[str, bool]] = [(f"{h.authority} {h.short.upper()}", True), (h.signer_title.upper(), True)]
    if h.signer:  # room for the signature and the seal, then the name
        signature += [("", False), ("", False), ("", False), (h.signer, True)]
    for i, (line, bold) in enumerate(signature):
        p = right.paragraphs[0] if i == 0 else right.add_paragraph()
        p.add_run(line).bold = bold
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.save(str(out))


# ---- .pdf ----------------------------------------------------------------------------
CSS = """
@page { size: A4; margin: 2cm 2cm 2cm 3cm; @top-center { content: counter(page); font-size: 13pt; } }
@page :first { @top-center { content: none; } }
body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 13pt; line-height: 1.35; }
.draft { text-align: right; font-weight: bold; margin: 0; }
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
p.caption { text-align: center; text-indent: 0; font-style: italic; font-size: 11.5pt; margin: 6pt 0 2pt; }
table.data { width: 100%; border-collapse: collapse; font-size: 11.5pt; margin-bottom: 8pt; }
table.data thead { display: table-header-group; }
table.data tr { page-break-inside: avoid; }
table.data th, table.data td { border: 0.5pt solid #000; padding: 2pt 4pt; }
table.data th { text-align: center; }
table.data td.n { text-align: right; white-space: nowrap; }
figure { text-align: center; margin: 8pt 0; page-break-inside: avoid; }
figure img { width: 15cm; }
figcaption { font-style: italic; font-size: 11.5pt; }
.sign { width: 100%; margin-top: 18pt; page-break-inside: avoid; }
.sign td { vertical-align: top; width: 50%; }
.sign .to { font-size: 11pt; }
.sign .who { text-align: center; font-weight: bold; }
"""


def html_document(doc: Document) -> str:
    e = html.escape
    h = doc.header
    parts = [f"<html lang='vi'><head><meta charset='utf-8'><style>{CSS}</style></head><body>",
             "<p class='draft'>DỰ THẢO</p>" if h.draft else "",
             "<table class='top'><tr>",
             f"<td>{e(h.upper)}<br><span class='issuer'>{e(h.issuer)}</span><br>*<br>{e(h.number)}</td>",
             f"<td><span class='party'>ĐẢNG CỘNG SẢN VIỆT NAM</span><br><br>"
             f"<span class='date'>{e(h.place)}, ngày {h.day.day} tháng {h.day.month} năm {h.day.year}</span></td>",
             "</tr></table>", f"<h1>{e(doc.title)}</h1><h2 class='sub'>{e(doc.subtitle)}</h2>"]
    for block in numbered(doc):
        kind = block[0]
        if kind == "heading":
            parts.append(f"<h3>{e(block[1])}</h3>")
        elif kind == "subheading":
            parts.append(f"<h4>{e(block[1])}</h4>")
        elif kind == "caption":
            parts.append(f"<p class='caption'>{e(block[1])}</p>")
        elif kind == "para":
            parts.append(f"<p>{e(block[1])}</p>")
        elif kind == "table":
            cols = "".join(f"<col style='width:{w / 16 * 100:.1f}%'>" for w in widths(block[1]))
            parts.append(f"<table class='data'><colgroup>{cols}</colgroup><thead><tr>"
                         + "".join(f"<th>{e(x)}</th>" for x in block[1]) + "</tr></thead><tbody>")
            for row in block[2]:
                parts.append("<tr>" + "".join(f"<td class='n'>{e(x)}</td>" if is_number(x) else f"<td>{e(x)}</td>"
                                              for x in row) + "</tr>")
            parts.append("</tbody></table>")
        elif kind == "chart":
            data = base64.b64encode(block[2]).decode()
            parts.append(f"<figure><img src='data:image/png;base64,{data}' alt='{e(block[1])}'><figcaption>{e(block[1])}</figcaption></figure>")
    recipients = "".join(f"<br>- {e(x)}{'.' if i == len(h.recipients) - 1 else ','}" for i, x in enumerate(h.recipients))
    signer = f"<br><br><br><br>{e(h.signer)}" if h.signer else ""
    parts.append(f"<table class='sign'><tr><td class='to'><b><i>Nơi nhận:</i></b>{recipients}</td>"
                 f"<td class='who'>{e(h.authority)} {e(h.short.upper())}<br>{e(h.signer_title.upper())}{signer}</td></tr></table>")
    parts.append("</body></html>")
    return "".join(parts)


def write_pdf(report: Report, doc: Document, out: Path) -> None:
    from weasyprint import HTML

    HTML(string=html_document(doc)).write_pdf(out)


def write_document(report: Report, req, fmt: str, out: Path, issued=None) -> Path:
    """Write the report as .xlsx, .docx or .pdf to `out`: a draft, or the report `issued`."""
    doc = build(report, req.term.code if req.term else None, issued)
    {"xlsx": write_xlsx, "docx": write_docx, "pdf": write_pdf}[fmt](report, doc, Path(out))
    return Path(out)

