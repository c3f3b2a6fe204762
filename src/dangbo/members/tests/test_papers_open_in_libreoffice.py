"""Every printed paper's Word file opens in LibreOffice (member-file.md: "the papers open in
Word and LibreOffice"): LibreOffice converts each .docx to PDF, whose text still carries
what the paper says. `scripts/install-system-packages --test` installs LibreOffice's writer."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from dangbo.core.documents import write_docx
from dangbo.members import papers, services
from dangbo.members.models import MemberEvent, Person
from dangbo.orgs.models import Org
from dangbo.stats.documents import build as stats_document
from dangbo.stats.selectors import count, for_roots

D = dt.date
SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is installed by scripts/install-system-packages --test")
def test_every_paper_opens_in_libreoffice_with_its_text(people, tmp_path):
    p4 = Person.objects.get(code="P4")
    services.add_work_history(user=None, person=p4, start=D(2010, 9, 1), end=None, content="Kế toán Công ty Điện")
    services.add_family_member(user=None, person=p4, relation="Mẹ", full_name="Lò Thị Ón", birth_year=1960)
    admission = services.record_member_event(user=people["board"], kind="ket_nap", person=Person.objects.get(code="P7"),
                                             date=D(2017, 3, 1), cell=Org.objects.get(code="S1"), override_reason="Đã học bù",
                                             decision_no="12-QĐ/ĐU")
    transfer = services.record_member_event(user=None, kind="chuyen_di", person=p4, date=D(2017, 4, 3),
                                            note="Đảng bộ Sở Y tế tỉnh Điện Biên")
    recognition = MemberEvent.objects.get(person__code="P5", kind="chuyen_chinh_thuc")
    documents = {
        "ket-nap": (papers.admission_decision(admission), "Kết nạp quần chúng Đặng Văn Giang"),
        "cong-nhan": (papers.recognition_decision(recognition), "là đảng viên chính thức kể từ ngày 01/06/2016"),
        "gioi-thieu": (papers.introduction_letter(transfer, services.issue_introduction_letter(user=None, event=transfer)),
                       "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG"),
        "phieu": (papers.member_sheet(p4, D(2017, 1, 1)), "PHIẾU ĐẢNG VIÊN"),
        "ly-lich": (papers.life_record(p4, D(2017, 1, 1)), "Lò Thị Ón"),
        "bo-sung": (papers.supplement(p4, D(2010, 12, 31)), "Kế toán Công ty Điện"),
        "so-danh-sach": (papers.member_book(Org.objects.get(code="S1").versions.first(), D(2017, 12, 31)),
                         "SỔ DANH SÁCH ĐẢNG VIÊN"),
        "thong-ke": (stats_document(for_roots(["R1"], D(2016, 12, 31)), count(for_roots(["R1"], D(2016, 12, 31)).scope)),
                     "BÁO CÁO THỐNG KÊ CƠ BẢN VỀ ĐẢNG VIÊN"),
    }
    for name, (doc, _) in documents.items():
        write_docx(doc, tmp_path / f"{name}.docx")
    profile = tmp_path / "profile"  # a profile of its own: tests on other workers convert at the same time
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path / "pdf"), *(str(tmp_path / f"{n}.docx") for n in documents)],
                   check=True, capture_output=True, timeout=240, env={**os.environ, "HOME": str(tmp_path)})
    for name, (_, expected) in documents.items():
        pdf = PdfReader(tmp_path / "pdf" / f"{name}.pdf")
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
        assert expected in text, name
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text, name  # the letterhead survived
