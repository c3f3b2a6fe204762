"""Where each row read goes before it is checked: the partition of the person it is about
(persons are checked a group of partitions at a time), or the units' partition; and which
lane (the persons, the other rows, the ratings checked after the replay)."""

from __future__ import annotations

from .schema import SHEETS
from .spill import Spill, partition_of

PARTS = 256  # partitions of persons; groups of them are checked at a time
UNITS = PARTS  # the partition of the rows about units
NGUOI, OTHER, RATINGS = 0, 1, 2  # lanes of a partition: the ratings stream apart, checked after the replay
CHUNK = 50_000  # ratings checked and written at a time
# Parsed `nguoi` rows the process reading that sheet holds before writing them out. A row
# weighs about as much as any other (0.85 KB measured, a CSV row 0.5-0.8 KB), but that process
# also holds the duplicate check of every person, the reading's peak: there the spill's
# usual 400,000 items (340 MB) are cut to 50,000.
PERSON_ROWS_BUFFERED = 50_000
SHEET_INDEX = {s.name: i for i, s in enumerate(SHEETS)}
SHEET_NAMES = [s.name for s in SHEETS]
UNIT_SHEETS = ("bien_dong_to_chuc", "db:bien_dong_to_chuc")

# The sheets whose rows are about one person: (column of the person, column of the subject's
# kind, the kind that makes it a person). Every other row is about units.
PERSON_KEY = {
    "bien_dong_dang_vien": ("ma_nguoi", None, None),
    "hoc_vien": ("ma_nguoi", None, None),
    "danh_gia": ("ma", "doi_tuong", "dang_vien"),
    "kiem_tra_giam_sat": ("ma_doi_tuong", "doi_tuong", "dang_vien"),
    "ky_luat": ("ma_doi_tuong", "doi_tuong", "dang_vien"),
    "khen_thuong": ("ma_doi_tuong", "doi_tuong", "ca_nhan"),
    "du_sinh_hoat": ("ma_nguoi", None, None),
    "quan_chung": ("ma_nguoi", None, None),
    "qua_trinh_cong_tac": ("ma_nguoi", None, None),
    "gia_dinh": ("ma_nguoi", None, None),
}
RATINGS_SHEET = "danh_gia"




def route_rows(layout, rows, spill: Spill) -> int:
    """Set aside each row of a sheet in the partition of the person it is about (or with the
    units), as read; the number of rows."""
    name = layout.sheet.name
    sheet_no = SHEET_INDEX[name]
    add = spill.add
    n = 0
    if name not in PERSON_KEY:
        for n, (number, cells) in enumerate(rows, start=1):
            add(UNITS, (sheet_no, n - 1, number, cells), OTHER)
        return n
    column, kind_column, kind = PERSON_KEY[name]
    at, kind_at = layout.index(column), (layout.index(kind_column) if kind_column else None)
    lane = RATINGS if name == RATINGS_SHEET else OTHER
    for n, (number, cells) in enumerate(rows, start=1):
        code = cells[at] if at is not None else None
        if kind_at is not None:
            value = cells[kind_at]
            if value is None or (value.strip() if value.__class__ is str else str(value).strip()) != kind:
                code = None
        part = UNITS if code is None else partition_of(code if code.__class__ is str else str(code), PARTS)
        add(part, (sheet_no, n - 1, number, cells), lane)
    return n
