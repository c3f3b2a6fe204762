"""The empty workbook clerks fill in: every sheet with its Vietnamese column labels."""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font

from .schema import SHEETS


def write_template(path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.name)
        ws.append([c.label for c in sheet.columns])
        for cell, column in zip(ws[1], sheet.columns, strict=True):
            cell.font = Font(bold=True, color="B71C1C" if column.required else "000000")
            hint = f"Mã cột: {column.code}" + (" (bắt buộc)" if column.required else "")
            if column.choices:
                hint += "\nGiá trị: " + ", ".join(column.choices)
            if column.kind == "date":
                hint += "\nNgày: YYYY-MM-DD hoặc d/m/yyyy"
            cell.comment = Comment(hint, "dangbo")
            ws.column_dimensions[cell.column_letter].width = max(14, len(column.label) + 2)
    wb.save(path)
    return path
