"""A report is issued only when the user issues it: numbered in the root's register of
documents and printed again as it was; a download before that is a DỰ THẢO (issue 20,
item 10). The documents are laid out as HD 36 asks."""

import datetime as dt
import io

from docx import Document as Docx
from openpyxl import load_workbook

from dangbo.reports.models import IssuedReport

Q = "?goc=R1&nhiem_ky=2015-2020"


def _docx_text(response) -> str:
    doc = Docx(io.BytesIO(b"".join(response.streaming_content)))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_a_draft_download_is_marked_and_records_nothing(people, as_user):
    response = as_user("board").get("/bao-cao/tai-ve/docx/" + Q)
    text = _docx_text(response)
    assert "DỰ THẢO" in text and "Số      -BC" in text
    assert not IssuedReport.objects.exists()


def test_issued_reports_take_the_next_numbers_of_the_year(people, as_user):
    client = as_user("board")
    for _ in range(2):
        assert client.post("/bao-cao/ban-hanh/" + Q).status_code == 302
    assert list(IssuedReport.objects.order_by("number").values_list("number", flat=True)) == [1, 2]
    second = IssuedReport.objects.get(number=2)
    text = _docx_text(client.get(f"/bao-cao/da-ban-hanh/{second.pk}/docx/"))
    assert "Số 02-BC" in text and "DỰ THẢO" not in text


def test_an_issued_report_prints_the_figures_it_was_issued_with(people, as_user):
    from dangbo.members.models import MemberEvent
    from dangbo.members.services import void_member_event

    client = as_user("board")
    client.post("/bao-cao/ban-hanh/" + Q)
    issued = IssuedReport.objects.get()
    cards = issued.values["dang_vien.phat_the"]
    void_member_event(user=people["board"], event=MemberEvent.objects.get(person__code="P5", kind="phat_the"), reason="Ghi nhầm")
    sheet = load_workbook(io.BytesIO(b"".join(client.get(f"/bao-cao/da-ban-hanh/{issued.pk}/xlsx/").streaming_content)))["Chỉ số"]
    values = {row[3]: row[2] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert cards == 1 and values["dang_vien.phat_the"] == 1  # not 0, the figure after the correction


def test_the_signer_and_recipients_are_settings_of_the_root(people, as_user):
    client = as_user("board")
    response = client.post("/to-chuc/R1/van-ban/", {
        "co_quan_ban_hanh": "ĐẢNG ỦY KHỐI A", "ten_viet_tat": "Đảng ủy Khối", "ten_goi": "Đảng bộ Khối",
        "ky_hieu": "BC/ĐUK", "tham_quyen": "K/T", "chuc_vu_ky": "Phó Bí thư", "nguoi_ky": "Hoàng Văn Minh",
        "noi_nhan": "- Ban Tổ chức Tỉnh ủy,\n- Lưu Văn phòng."})
    assert response.status_code == 302
    text = _docx_text(client.get("/bao-cao/tai-ve/docx/" + Q))
    assert "K/T ĐẢNG ỦY KHỐI" in text and "PHÓ BÍ THƯ" in text and "Hoàng Văn Minh" in text
    assert "- Ban Tổ chức Tỉnh ủy," in text and "- Lưu Văn phòng." in text


def test_the_word_document_numbers_pages_from_the_second_and_repeats_table_headers(people, as_user):
    raw = b"".join(as_user("board").get("/bao-cao/tai-ve/docx/" + Q).streaming_content)
    doc = Docx(io.BytesIO(raw))
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header.paragraphs[0]._p.xml
    data_tables = doc.tables[1:-1]  # between the letterhead and the signature
    assert data_tables and all("w:tblHeader" in t.rows[0]._tr.xml for t in data_tables)


def test_the_workbook_is_laid_out_for_printing(people, as_user):
    raw = b"".join(as_user("board").get("/bao-cao/tai-ve/xlsx/" + Q).streaming_content)
    wb = load_workbook(io.BytesIO(raw))
    assert wb.sheetnames[0] == "Chỉ số" and "Theo năm" in wb.sheetnames
    ws = wb["Chỉ số"]
    assert [c.value for c in ws[3]] == ["STT", "Chỉ số", "Giá trị", "Mã chỉ số"]
    assert ws.freeze_panes == "A4" and ws.print_title_rows == "$3:$3"
    formats = {row[3].value: row[2].number_format for row in ws.iter_rows(min_row=4)}
    assert formats["dang_vien.tong"] == "#,##0" and formats["danh_gia.dang_vien.hoan_thanh_tro_len"] == "0.00"


def test_partial_first_and_last_years_are_marked_on_the_charts():
    from types import SimpleNamespace

    from dangbo.reports.charts import partial_years

    term = SimpleNamespace(start=dt.date(2015, 10, 1), end=dt.date(2020, 9, 30))
    assert partial_years(term) == (2015, 2020)
    assert partial_years(SimpleNamespace(start=dt.date(2016, 1, 1), end=dt.date(2019, 12, 31))) == (None, None)
