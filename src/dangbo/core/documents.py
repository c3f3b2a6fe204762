"""Documents in the Party's layout (Hướng dẫn 36-HD/VPTW) as .docx and .pdf: the issuing
lines, the national motto's Party counterpart, the place and date, the title, numbered tables
and charts, the recipients and the signature. Built from one `Document` (a header and a list
of blocks) so the Word file and the PDF carry the same content; the term report, the basic
statistics and the printed papers each make their own `Document`."""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass
class Document:
    header: Header
    title: str
    subtitle: str
    blocks: list[tuple] = field(default_factory=list)
    landscape: bool = False  # wide tables (the statistical forms) on an A4 page turned sideways
    form_code: str = ""  # a form's code printed at the top right ("Mẫu 2-HSĐV")
    # A paper's own closing, instead of the recipients and the committee's signature: two
    # columns of lines, each (text, bold, italic).
    closing: tuple[list[tuple[str, bool, bool]], list[tuple[str, bool, bool]]] | None = None
    captions: bool = True  # "Bảng 1. …" over each table (a report's), not on a paper

    @property
    def width(self) -> float:
        """The text's width in cm between HD 36's margins (3 cm left, 2 cm right)."""
        return 24.7 if self.landscape else 16.0


# ---- shared -------------------------------------------------------------------------
NUMERIC = re.compile(r"^(trên )?[\d.,]+%?$|^—$")


def is_number(text: str) -> bool:
    """A cell that holds a figure (3.281; 99,46; trên 98,2; —): aligned right."""
    return bool(NUMERIC.match(text))


def numbered(doc: Document) -> list[tuple]:
    """The blocks with their captions numbered: "Bảng 1. …" over each table (the title of
    the section it stands in), "Biểu đồ 1. …" under each chart."""
    if not doc.captions:
        return list(doc.blocks)
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


def table_widths(block: tuple, page: float) -> list[float]:
    """A table block's column widths: its own (a 4th element, in cm), or the default."""
    return list(block[3]) if len(block) > 3 and block[3] else widths(block[1], page)


def widths(headers: list[str], page: float = 16.0) -> list[float]:
    """Column widths in cm on the `page` width between HD 36's margins: the text column takes
    what the figures leave."""
    n = len(headers)
    if headers[0] == "TT":  # the targets: number, text, result, judgement
        return [1.2, page - 6.4, 2.8, 2.4]
    if headers[0] == "STT":  # a numbered list: number, name, then the figures
        figure = min(2.0, (page - 6.0) / max(n - 2, 1))
        return [1.0, page - 1.0 - figure * (n - 2), *[figure] * (n - 2)]
    if n == 2:
        return [page - 4.0, 4.0]
    figure = min(1.8, (page - 5.0) / (n - 1))
    return [page - figure * (n - 1), *[figure] * (n - 1)]


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


def write_docx(doc: Document, out: Path) -> None:
    from docx import Document as Docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    d = Docx()
    section = d.sections[0]
    section.page_width, section.page_height = (Cm(29.7), Cm(21)) if doc.landscape else (Cm(21), Cm(29.7))
    if doc.landscape:
        from docx.enum.section import WD_ORIENT

        section.orientation = WD_ORIENT.LANDSCAPE
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
    if doc.form_code:
        para(doc.form_code, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT, size=12, space_after=0)
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
            size = Pt(block[4] if len(block) > 4 else 12)
            t = d.add_table(rows=1, cols=len(headers))
            t.style = "Table Grid"
            t.alignment = WD_TABLE_ALIGNMENT.CENTER
            t.autofit = False
            _repeat_header(t.rows[0])
            for cell, text in zip(t.rows[0].cells, headers, strict=True):
                cell.text = ""
                run = cell.paragraphs[0].add_run(text)
                run.bold = True
                run.font.size = size
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            for row in rows:
                cells = t.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = ""
                    cell.paragraphs[0].add_run(text).font.size = size
                    if is_number(text):
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for col, w in zip(t.columns, table_widths(block, doc.width), strict=True):
                for cell in col.cells:
                    cell.width = Cm(w)
            para("", space_after=2)
        elif kind == "chart":
            d.add_picture(io.BytesIO(block[2]), width=Cm(15))
            d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            para(block[1], italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=12)
        elif kind == "image":  # a photo (3×4), at the right above the form's items
            d.add_picture(io.BytesIO(block[1]), width=Cm(block[2]))
            d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind == "fields":  # a form's items: label, then what is written, with no grid
            t = d.add_table(rows=0, cols=2)
            t.autofit = False
            for label, text in block[1]:
                cells = t.add_row().cells
                cells[0].width, cells[1].width = Cm(6.0), Cm(doc.width - 6.0)
                cells[0].paragraphs[0].add_run(label).font.size = Pt(13)
                cells[1].paragraphs[0].add_run(text or "……………………………").font.size = Pt(13)
            para("", space_after=2)
    if doc.closing is not None:
        _closing_docx(d, doc.closing, WD_ALIGN_PARAGRAPH.CENTER, Pt)
        d.save(str(out))
        return
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


def _closing_docx(d, closing, center, Pt) -> None:
    """A paper's own closing: two columns of lines, centred."""
    table = d.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, closing, strict=True):
        cell.paragraphs[0].text = ""
        for i, (text, bold, italic) in enumerate(lines):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            run = p.add_run(text)
            run.bold, run.italic = bold, italic
            run.font.size = Pt(13)
            p.alignment = center


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
.closing .who { font-weight: normal; }
.form-code { text-align: right; font-style: italic; text-indent: 0; margin: 0; font-size: 12pt; }
table.fields { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; }
table.fields td { vertical-align: top; padding: 2pt 4pt; border: none; }
table.fields td.label { width: 6cm; }
p.photo { text-align: right; text-indent: 0; margin: 0 0 4pt; }
p.photo img { border: 0.5pt solid #000; }
"""


def html_document(doc: Document) -> str:
    e = html.escape
    h = doc.header
    page = "@page { size: A4 landscape; }" if doc.landscape else ""
    parts = [f"<html lang='vi'><head><meta charset='utf-8'><style>{CSS}{page}</style></head><body>",
             "<p class='draft'>DỰ THẢO</p>" if h.draft else "",
             f"<p class='form-code'>{e(doc.form_code)}</p>" if doc.form_code else "",
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
            cols = "".join(f"<col style='width:{w / doc.width * 100:.1f}%'>" for w in table_widths(block, doc.width))
            size = f" style='font-size:{block[4]}pt'" if len(block) > 4 else ""
            parts.append(f"<table class='data'{size}><colgroup>{cols}</colgroup><thead><tr>"
                         + "".join(f"<th>{e(x)}</th>" for x in block[1]) + "</tr></thead><tbody>")
            for row in block[2]:
                parts.append("<tr>" + "".join(f"<td class='n'>{e(x)}</td>" if is_number(x) else f"<td>{e(x)}</td>"
                                              for x in row) + "</tr>")
            parts.append("</tbody></table>")
        elif kind == "image":
            data = base64.b64encode(block[1]).decode()
            parts.append(f"<p class='photo'><img src='data:image/jpeg;base64,{data}' style='width:{block[2]}cm' alt='Ảnh'></p>")
        elif kind == "fields":
            parts.append("<table class='fields'>" + "".join(
                f"<tr><td class='label'>{e(label)}</td><td>{e(text) if text else '……………………………'}</td></tr>"
                for label, text in block[1]) + "</table>")
        elif kind == "chart":
            data = base64.b64encode(block[2]).decode()
            parts.append(f"<figure><img src='data:image/png;base64,{data}' alt='{e(block[1])}'><figcaption>{e(block[1])}</figcaption></figure>")
    if doc.closing is not None:
        cols = "".join("<td class='who'>" + "<br>".join(
            (f"<b>{e(t)}</b>" if bold else f"<i>{e(t)}</i>" if italic else e(t)) or "&nbsp;" for t, bold, italic in lines)
            + "</td>" for lines in doc.closing)
        parts.append(f"<table class='sign closing'><tr>{cols}</tr></table></body></html>")
        return "".join(parts)
    recipients = "".join(f"<br>- {e(x)}{'.' if i == len(h.recipients) - 1 else ','}" for i, x in enumerate(h.recipients))
    signer = f"<br><br><br><br>{e(h.signer)}" if h.signer else ""
    parts.append(f"<table class='sign'><tr><td class='to'><b><i>Nơi nhận:</i></b>{recipients}</td>"
                 f"<td class='who'>{e(h.authority)} {e(h.short.upper())}<br>{e(h.signer_title.upper())}{signer}</td></tr></table>")
    parts.append("</body></html>")
    return "".join(parts)


def write_pdf(doc: Document, out: Path) -> None:
    from weasyprint import HTML

    HTML(string=html_document(doc)).write_pdf(out)


