"""The basic statistics as the statistical forms lay them out (member-file.md): a table per
group, a row per unit under the scope (its TCCSĐ) and the scope's total, figures in
Vietnamese notation; Word and PDF in the layout of Hướng dẫn 36-HD/VPTW (turned sideways for
the wide tables), and a workbook with a sheet per group and the keys for machines."""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone

from dangbo.core.documents import Document, Header, write_docx, write_pdf
from dangbo.domain import basic_stats as S
from dangbo.domain.text import format_number
from dangbo.orgs.letterhead import document_settings

from .selectors import Asked, Stats, row_units


def tables(asked: Asked, stats: Stats, units: list[tuple[int, str, str]] | None = None
           ) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, headers, rows) of each group: a row per unit (`units`: `row_units`, when the
    caller has them), then the total."""
    units = row_units(stats, stats.day) if units is None else units
    out = []
    for n, (_, title, keys) in enumerate(S.GROUPS[1:], start=1):
        headers = ["STT", "Tổ chức cơ sở đảng" if asked.scope.depth == 2 else "Đơn vị", "Tổng số",
                   *(S.LABELS[k] for k in keys)]
        rows = [[str(i), name, format_number(stats.rows[uid][S.TOTAL]), *(format_number(stats.rows[uid][k]) for k in keys)]
                for i, (uid, _, name) in enumerate(units, start=1)]
        rows.append(["", "Tổng cộng", format_number(stats.total[S.TOTAL]), *(format_number(stats.total[k]) for k in keys)])
        out.append((f"{n}. {title}", headers, rows))
    return out


def build(asked: Asked, stats: Stats) -> Document:
    s = document_settings(asked.root)
    today = timezone.localdate()
    head = Header(s["co_quan_cap_tren"], s["co_quan_ban_hanh"], s["dia_danh"], f"Số      -{s['ky_hieu']}",
                  s["ten_viet_tat"], s["ten_goi"], today, False, s["tham_quyen"], s["chuc_vu_ky"], s["nguoi_ky"],
                  tuple(s["noi_nhan"]))
    doc = Document(head, "BÁO CÁO THỐNG KÊ CƠ BẢN VỀ ĐẢNG VIÊN",
                   f"{asked.name} — số liệu đến hết ngày {stats.day:%d/%m/%Y}", landscape=True)
    doc.blocks.append(("para", f"Tổng số đảng viên: {format_number(stats.total[S.TOTAL])}. Mỗi nhóm dưới đây cộng lại "
                               "bằng tổng số; thông tin chưa ghi hoặc chưa đúng danh mục được tính vào cột «Chưa rõ»."))
    for title, headers, rows in tables(asked, stats):
        doc.blocks.append(("subheading", title))
        doc.blocks.append(("table", headers, rows))
    return doc


def write_xlsx(asked: Asked, stats: Stats, out: Path) -> None:
    """A sheet per group (figures as numbers, #,##0), and "Chỉ số": every key with its label."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    first = wb.active
    title = f"Thống kê cơ bản về đảng viên — {asked.name} — đến hết ngày {stats.day:%d/%m/%Y}"
    for n, (name, headers, rows) in enumerate(tables(asked, stats)):
        ws = first if n == 0 else wb.create_sheet()
        ws.title = name.split(". ", 1)[1][:31]
        ws.append([title])
        ws["A1"].font = Font(bold=True)
        ws.append(headers)
        for cell in ws[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for row in rows:
            ws.append([row[0], row[1], *(int(x.replace(".", "")) for x in row[2:])])
            for cell in ws[ws.max_row][2:]:
                cell.number_format = "#,##0"
        ws[f"B{ws.max_row}"].font = Font(bold=True)
        ws.column_dimensions["A"].width = 5
        ws.column_dimensions["B"].width = 42
        for i in range(3, len(headers) + 1):
            ws.column_dimensions[get_column_letter(i)].width = 12
        ws.freeze_panes = "C3"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
    keys = wb.create_sheet("Chỉ số")
    keys.append(["Nhóm", "Chỉ số", "Số đảng viên", "Mã chỉ số"])
    for _, group, group_keys in S.GROUPS:
        for k in group_keys:
            keys.append([group, S.LABELS[k], stats.total[k], k])
    keys.column_dimensions["A"].width, keys.column_dimensions["B"].width = 22, 26
    keys.column_dimensions["D"].width = 24
    wb.save(out)


def write(asked: Asked, stats: Stats, fmt: str, out: Path) -> Path:
    if fmt == "xlsx":
        write_xlsx(asked, stats, out)
    else:
        {"docx": write_docx, "pdf": write_pdf}[fmt](build(asked, stats), out)
    return out
