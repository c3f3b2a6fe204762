"""Hostile files sent to the import wizard (issue 19, findings 5, 6 and 7), each generated
here, small: zip bombs, duplicate rows, shared strings, a lying or broken <dimension>, XXE,
billion laughs, random bytes, a CSV that is not UTF-8. Each is refused with a Vietnamese
message naming the limit or the sheet, nothing is written, no upload is left behind, and the
Python memory of the whole handling stays under PEAK_BOUND (tracemalloc: the limits are set
low here so that each bomb is many times over them).
"""

from __future__ import annotations

import io
import os
import re
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dangbo.exchange.importer import import_workbook
from dangbo.exchange.limits import MB, Limits
from dangbo.fixtures.workbooks import write_xlsx
from dangbo.members.models import Person

PEAK_BOUND = 48 * MB  # Python allocations while one hostile upload is received, checked and refused
PERSON = {"ma": "H1", "ho_ten": "Lò Văn Hùng", "ngay_sinh": "1990-01-02", "gioi_tinh": "nam", "so_cccd": "001090000111",
          "que_quan": "Phong Thổ, Lai Châu"}


@pytest.fixture
def small_limits(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.DANGBO_UPLOAD_MAX_MB = 2
    settings.DANGBO_UPLOAD_MAX_UNPACKED_MB = 8
    settings.DANGBO_UPLOAD_MAX_ROWS = 2000
    settings.DANGBO_UPLOAD_MAX_CELLS = 50_000
    settings.DANGBO_UPLOAD_MAX_SHARED_STRINGS = 1000
    return Limits.from_settings()


def _send(client, name: str, data: bytes):
    """Upload through the wizard, measuring the peak of Python's allocations meanwhile."""
    tracemalloc.start()
    try:
        response = client.post(reverse("import-wizard"), {"tep": SimpleUploadedFile(name, data)})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return response, peak


def _left_behind(folder: Path) -> list[str]:
    """Uploaded content still on disk (the state files and annotated copies may stay)."""
    uploads = folder / "uploads"
    if not uploads.exists():
        return []
    return [p.name for p in uploads.iterdir() if not p.name.endswith((".json", ".loi.xlsx"))]


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _refused(response, peak: int, *words: str) -> str:
    from html import unescape

    page = unescape(response.content.decode())
    assert response.status_code == 400, response.status_code
    for word in words:
        assert word in page, word
    assert peak < PEAK_BOUND, f"peak {peak / MB:.1f} MB"
    return page


def test_a_zip_bomb_of_csv_is_refused_by_its_unpacked_size(as_user, small_limits, tmp_path):
    rows = b"ma,ho_ten,ngay_sinh,gioi_tinh\n" + b"X1,Nguyen Van A,1990-01-01,nam\n" * 400_000  # 12 MB
    data = _zip({"nguoi.csv": rows})
    assert len(data) < 100_000
    response, peak = _send(as_user("board"), "bom.zip", data)
    _refused(response, peak, "DANGBO_UPLOAD_MAX_UNPACKED_MB")
    assert _left_behind(tmp_path) == []


def test_a_member_that_unpacks_too_many_times_is_refused_by_its_ratio(as_user, small_limits, settings, tmp_path):
    settings.DANGBO_UPLOAD_MAX_UNPACKED_MB = 100
    response, peak = _send(as_user("board"), "bom.zip", _zip({"nguoi.csv": b"ma\n" + b"0" * (20 * MB)}))
    _refused(response, peak, "DANGBO_UPLOAD_MAX_RATIO")
    assert _left_behind(tmp_path) == []


def test_duplicate_rows_past_the_row_limit_are_refused_before_they_are_checked(as_user, small_limits, tmp_path):
    rows = b"ma,ho_ten,ngay_sinh,gioi_tinh\n" + b"X1,Nguyen Van A,1990-01-01,nam\n" * 5000
    response, peak = _send(as_user("board"), "trung.zip", _zip({"nguoi.csv": rows}))
    page = _refused(response, peak, "DANGBO_UPLOAD_MAX_ROWS", "2.000")
    assert "Mã người X1" not in page  # the duplicates were never checked one by one
    assert _left_behind(tmp_path) == [] and not Person.objects.filter(code="X1").exists()


def test_cells_past_the_cell_limit_are_refused(as_user, small_limits, tmp_path):
    row = b"X1" + b",a" * 60 + b"\n"
    response, peak = _send(as_user("board"), "rong.zip", _zip({"nguoi.csv": b"ma\n" + row * 1500}))
    _refused(response, peak, "DANGBO_UPLOAD_MAX_CELLS")


def _rewrite(path: Path, part: str, change) -> bytes:
    """The .xlsx at `path` with one part's XML changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, change(data) if item.filename == part else data)
    return out.getvalue()


def test_too_many_shared_strings_are_refused_before_the_workbook_opens(as_user, small_limits, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "nguoi"
    ws.append(["ma", "ho_ten", "ngay_sinh", "gioi_tinh"])
    path = tmp_path / "chuoi.xlsx"
    wb.save(path)
    strings = b"".join(b"<si><t>s%d</t></si>" % i for i in range(30_000))
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + strings + b"</sst>"
    typed = _rewrite(path, "[Content_Types].xml", lambda xml: xml.replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml"/></Types>')))
    buf = io.BytesIO(typed)
    with zipfile.ZipFile(buf, "a") as z:
        z.writestr("xl/sharedStrings.xml", sst)
    response, peak = _send(as_user("board"), "chuoi.xlsx", buf.getvalue())
    _refused(response, peak, "DANGBO_UPLOAD_MAX_SHARED_STRINGS")
    assert _left_behind(tmp_path) == []


def test_a_file_larger_than_the_upload_limit_is_refused_from_its_declared_length(as_user, small_limits):
    response, peak = _send(as_user("board"), "lon.xlsx", os.urandom(3 * MB))
    _refused(response, peak, "DANGBO_UPLOAD_MAX_MB")


def test_random_bytes_named_xlsx_are_refused_by_name(as_user, small_limits, tmp_path):
    response, peak = _send(as_user("board"), "ngau-nhien.xlsx", os.urandom(4096))
    _refused(response, peak, "không phải là tệp Excel .xlsx đọc được")
    assert _left_behind(tmp_path) == []


@pytest.fixture
def one_person_xlsx(tmp_path) -> Path:
    return write_xlsx({"nguoi": [PERSON]}, tmp_path / "mot.xlsx")


def _dimension(ref: bytes):
    return lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="' + ref + b'"/>', xml)


def test_finding_6_a_dimension_of_one_cell_hides_no_row(rules, one_person_xlsx, tmp_path):
    path = tmp_path / "a1.xlsx"
    path.write_bytes(_rewrite(one_person_xlsx, "xl/worksheets/sheet1.xml", _dimension(b"A1")))
    result = import_workbook(path, limits=Limits.from_settings())
    assert result.status == "applied" and result.counts == {"nguoi": 1}


def test_finding_6_a_narrow_dimension_hides_no_column(rules, one_person_xlsx, tmp_path):
    path = tmp_path / "a1d2.xlsx"
    path.write_bytes(_rewrite(one_person_xlsx, "xl/worksheets/sheet1.xml", _dimension(b"A1:D2")))
    assert import_workbook(path, limits=Limits.from_settings()).status == "applied"
    person = Person.objects.get(code="H1")
    assert (person.citizen_id, person.hometown) == ("001090000111", "Phong Thổ, Lai Châu")


def test_finding_7_a_broken_dimension_is_read_or_refused_never_a_crash(rules, one_person_xlsx, tmp_path):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(_rewrite(one_person_xlsx, "xl/worksheets/sheet1.xml", _dimension(b"ZZZZZZZZZ:1A")))
    result = import_workbook(path, limits=Limits.from_settings())
    # openpyxl reads the tag when it opens the file: the file is refused by name
    assert result.status == "applied" or [p.ref[0] for p in result.errors] in (["nguoi"], ["hong.xlsx"])


XXE = (b'<?xml version="1.0"?><!DOCTYPE ws [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
       b'<row r="1"><c r="A1" t="inlineStr"><is><t>ma</t></is></c></row>'
       b'<row r="2"><c r="A2" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>')
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10) for i in range(1, 10))
          + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
          b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')


@pytest.mark.parametrize("xml", [XXE, LAUGHS], ids=["xxe", "billion-laughs"])
def test_a_sheet_with_entities_is_refused_by_name(as_user, small_limits, one_person_xlsx, tmp_path, xml):
    data = _rewrite(one_person_xlsx, "xl/worksheets/sheet1.xml", lambda _: xml)
    response, peak = _send(as_user("board"), "thuc-the.xlsx", data)
    page = _refused(response, peak, "thuc-the.xlsx", "đọc được")
    assert "root:" not in page  # /etc/passwd never read
    assert _left_behind(tmp_path) == []


def test_a_csv_that_is_not_utf8_is_refused_naming_its_sheet(rules, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "nguoi.csv").write_bytes("ma,ho_ten,ngay_sinh,gioi_tinh\nH1,Lò Thi Mai,1990-01-02,nu\n".encode("cp1252"))
    result = import_workbook(folder)
    assert [(p.ref[0], "UTF-8" in p.message) for p in result.errors] == [("nguoi", True)]


def test_a_formula_cell_without_a_value_counts_as_empty(rules, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "nguoi"
    ws.append(["ma", "ho_ten", "ngay_sinh", "gioi_tinh"])
    ws.append(["H2", '=HYPERLINK("http://x","y")', "1990-01-02", "nam"])  # no cached value: Excel never computed it
    wb.save(tmp_path / "cong-thuc.xlsx")
    result = import_workbook(tmp_path / "cong-thuc.xlsx")
    assert [(p.ref, p.column) for p in result.errors] == [(("nguoi", 2), "ho_ten")]
