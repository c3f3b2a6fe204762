"""The demo bloc reproduces the seed article: the JSON figures, the documents' sentences,
and the report as issued stays the same after a later correction."""

import datetime as dt
import json
import re
import unicodedata

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from dangbo.members.models import MemberEvent
from dangbo.members.services import void_member_event
from dangbo.reports.documents import write_document
from dangbo.reports.models import IssuedReport
from dangbo.reports.services import build_report, changes_since, issue_report, make_request

from .seed import SEED, SENTENCES

D = dt.date


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_demo_obeys_the_regulatory_rules(demo):
    assert demo["warnings"] == 0


def test_the_term_report_of_the_demo_gives_the_seed_articles_figures(demo, capsys):
    call_command("report", "--bloc", "KCQDN", "--term", "2015-2020")
    out = json.loads(capsys.readouterr().out)
    assert (out["to_chuc"], out["tu_ngay"], out["ngay_so_lieu"]) == ("KCQDN", "2015-10-01", "2020-06-30")
    got = out["chi_so"]
    assert {k: got[k] for k in SEED} == SEED
    assert 98.2 <= got["hoc_tap.cnvc_ty_le"] < 98.3


def test_the_figures_counted_from_tallies_equal_those_judged_record_by_record(demo):
    req = make_request(roots=["KCQDN"], term="2015-2020")
    traced = build_report(req, trace=True)  # the figures' record lists, judged in Python
    assert traced.values == build_report(req).values
    assert len(traced.sources["dang_vien.ket_nap"]) == traced.values["dang_vien.ket_nap"]


@pytest.mark.parametrize("start, end", [(D(2016, 3, 15), D(2019, 11, 20)), (D(2017, 2, 10), D(2017, 2, 25)),
                                        (D(2015, 12, 31), D(2016, 1, 1))])
def test_a_period_inside_months_counts_the_tallies_whole_months_and_the_edge_days(demo, start, end):
    odd = make_request(roots=["KCQDN"], start=start, end=end)
    assert build_report(odd, trace=True).values == build_report(odd).values


def test_the_issued_documents_carry_the_seed_articles_sentences(demo, tmp_path):
    req = make_request(roots=["KCQDN"], term="2015-2020")
    report, _ = issue_report(user=None, req=req, fmt="docx")
    write_document(report, req, "docx", tmp_path / "bc.docx")
    write_document(report, req, "pdf", tmp_path / "bc.pdf")
    write_document(report, req, "xlsx", tmp_path / "bc.xlsx")

    from docx import Document
    docx_text = _flat("\n".join(p.text for p in Document(tmp_path / "bc.docx").paragraphs))
    from pypdf import PdfReader
    pages = []
    for page in PdfReader(tmp_path / "bc.pdf").pages:
        lines = page.extract_text().splitlines()
        pages.append(" ".join(lines[1:] if lines and lines[0].strip().isdigit() else lines))  # drop the page number
    pdf_text = unicodedata.normalize("NFC", " ".join(pages))
    for sentence in SENTENCES:
        assert sentence in docx_text
        # PDF text extraction does not keep every space of justified lines: compare without spaces.
        assert sentence.replace(" ", "") in pdf_text.replace(" ", "").replace("\n", "")
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in docx_text or "ĐẢNG CỘNG SẢN VIỆT NAM" in pdf_text
    sheet = load_workbook(tmp_path / "bc.xlsx")["Chỉ số"]
    rows = {r[3]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["dang_vien.tong"][2] == 3281 and rows["danh_gia.dang_vien.hoan_thanh_tro_len"][2] == 99.46
    assert rows["dang_vien.tong"][1] == "Tổng số đảng viên"


def test_a_correction_after_issuing_leaves_the_issued_report_as_it_was(demo):
    req = make_request(roots=["KCQDN"], term="2015-2020")
    report, issued = issue_report(user=None, req=req, fmt="docx")
    badge = MemberEvent.objects.filter(kind="huy_hieu").order_by("id").first()
    void_member_event(user=None, event=badge, reason="Trao nhầm, đã thu hồi quyết định")  # one badge recorded by mistake
    assert build_report(req).values["dang_vien.huy_hieu"] == 59
    req_then = make_request(roots=["KCQDN"], term="2015-2020", as_recorded=issued.recorded_at)
    assert build_report(req_then).values == report.values  # regenerated from the data as it stood
    assert changes_since(IssuedReport.objects.get(pk=issued.pk)) == {"dang_vien.huy_hieu": (60, 59)}


def test_a_bloc_among_others_reads_only_its_scope_and_counts_the_same(demo):
    """With a second root in the register, the bloc's report is one over part of the land:
    it reads only the rows its scope could count (`sources._scope_filters`) and must still
    give the seed's figures, the same as the traced report judged over every record."""
    from dangbo.orgs.services import record_org_event
    from dangbo.reports import sources

    record_org_event(user=None, kind="khoi_tao", org="KHAC", date=D(2015, 1, 1), name="Đảng bộ Khối khác",
                     level="dang_bo_cap_tren")
    assert not sources.covers_every_root({"KCQDN"})
    req = make_request(roots=["KCQDN"], term="2015-2020")
    got = build_report(req).values
    assert {k: got[k] for k in SEED} == SEED
    assert build_report(req, trace=True).values == got


def test_demo_names_are_vietnamese_order_without_honorifics():
    """Họ, đệm, tên (issue 20): a clerk searching "nguyen van" in the demo finds people, and no
    name carries Faker's "Quý cô", "Ông" or a Western order."""
    from dangbo.domain.text import fold
    from dangbo.fixtures.demo import Builder, build_register

    b = Builder()
    build_register(b)
    names = [row["ho_ten"] for row in b.sheets["nguoi"]]
    honorifics = ("Quý ông", "Quý cô", "Ông ", "Bà ", "Cô ", "Anh ", "Chị ", "Bác ", "Em ")
    assert not [n for n in names if n.startswith(honorifics)]
    assert all(len(n.split()) >= 3 for n in names)
    assert sum(fold(n).startswith("nguyen van ") for n in names) >= 10
