"""The printed papers (member-file.md): what each says, the register of introductions'
numbering, and who may print them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document as Docx

from dangbo.accounts.tests.personas import sign_in
from dangbo.audit.models import AuditEntry
from dangbo.domain.problems import DomainError
from dangbo.members import papers, services
from dangbo.members.models import IntroductionLetter, MemberEvent, Person
from dangbo.orgs.models import Org

D = dt.date


def text_of(response) -> str:
    doc = Docx(io.BytesIO(b"".join(response.streaming_content)))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.fixture
def admission(people):
    return services.record_member_event(
        user=people["board"], kind="ket_nap", person=Person.objects.get(code="P7"), date=D(2017, 3, 1),
        cell=Org.objects.get(code="S1"), override_reason="Đã học bù", decision_no="12-QĐ/ĐU", introducer_1="P4",
        introducer_2="Lò Văn Xanh")


def test_the_admission_decision_carries_its_number_date_grounds_and_introducers(client, people, admission):
    text = text_of(sign_in(client, people["board"]).get(f"/dang-vien/bien-dong/{admission.pk}/in/docx/"))
    assert "Số 12-QĐ/ĐU" in text and "ngày 1 tháng 3 năm 2017" in text
    assert "Quy định số 29-QĐ/TW, ngày 25/7/2016" in text  # the rules in force on the day of the decision
    assert "Kết nạp quần chúng Đặng Văn Giang, sinh ngày 15/01/1987" in text
    assert "Phạm Thị Dung, Lò Văn Xanh" in text  # an introducer of the register by name, one outside as written
    assert "CHI BỘ CÔNG TY ĐIỆN" in text  # a chi bộ cơ sở decides as itself


def test_the_rules_cited_follow_the_day_of_the_paper():
    from dangbo.domain.papers import statute_rule

    assert [statute_rule(d).split(",")[0] for d in (D(2021, 7, 29), D(2021, 7, 30), D(2025, 5, 25), D(2025, 5, 26))] == [
        "Quy định số 29-QĐ/TW", "Quy định số 24-QĐ/TW", "Quy định số 24-QĐ/TW", "Quy định số 294-QĐ/TW"]


def test_the_recognition_decision_names_the_day_the_member_became_official(client, people):
    event = MemberEvent.objects.get(person__code="P5", kind="chuyen_chinh_thuc")
    text = text_of(sign_in(client, people["board"]).get(f"/dang-vien/bien-dong/{event.pk}/in/docx/"))
    assert "vào Đảng ngày 01/06/2015, là đảng viên chính thức kể từ ngày 01/06/2016" in text


def transfer(people, code, day, kind="chuyen_di", cell=None):
    return services.record_member_event(user=people["board"], kind=kind, person=Person.objects.get(code=code), date=day,
                                        cell=Org.objects.get(code=cell) if cell else None, note="Đảng bộ Sở Y tế tỉnh Điện Biên")


def test_letters_are_numbered_in_the_committees_register_by_year(people):
    first, second = transfer(people, "P1", D(2017, 2, 1)), transfer(people, "P2", D(2017, 3, 1))
    other_year = transfer(people, "P3", D(2018, 1, 5))
    numbers = [services.issue_introduction_letter(user=None, event=e).number for e in (first, second, other_year)]
    assert numbers == [1, 2, 1]
    assert {letter.issuer.code for letter in IntroductionLetter.objects.all()} == {"D1"}  # the committee they leave


def test_a_letter_printed_again_keeps_its_number(people):
    event = transfer(people, "P1", D(2017, 2, 1))
    again = [services.issue_introduction_letter(user=None, event=event).pk for _ in range(2)]
    assert again[0] == again[1] and IntroductionLetter.objects.count() == 1


def test_the_letter_says_where_to_and_leaves_the_dues_to_fill(client, people):
    event = transfer(people, "P4", D(2017, 2, 1))
    text = text_of(sign_in(client, people["board"]).get(f"/dang-vien/bien-dong/{event.pk}/in/docx/"))
    assert "Số 01/GTSHĐ" in text and "Đảng bộ Sở Y tế tỉnh Điện Biên" in text and "……… năm ………" in text
    assert "Chi bộ Công ty Điện" in text and "10000004" in text  # from where, the card


def test_an_internal_transfer_goes_to_the_new_cell(people):
    event = transfer(people, "P1", D(2017, 2, 1), "chuyen_noi_bo", "C2")
    assert services.issue_introduction_letter(user=None, event=event).destination == "Chi bộ Ngân sách"


def test_no_letter_for_an_event_that_is_no_transfer(people):
    event = MemberEvent.objects.get(person__code="P5", kind="phat_the")
    with pytest.raises(DomainError) as exc:
        services.issue_introduction_letter(user=None, event=event)
    assert [p.code for p in exc.value.problems] == ["not_a_transfer"]


@pytest.mark.parametrize("paper", ["phieu-dang-vien", "ly-lich"])
def test_the_members_papers_are_printed_for_the_board_and_audited(client, people, paper):
    services.add_family_member(user=None, person=Person.objects.get(code="P4"), relation="Mẹ", full_name="Lò Thị Ón")
    response = sign_in(client, people["board"]).get(f"/dang-vien/P4/in/{paper}/docx/?ngay=2017-01-01")
    text = text_of(response)
    assert "Phạm Thị Dung" in text and ("Lò Thị Ón" in text) == (paper == "ly-lich")
    assert AuditEntry.objects.filter(action="paper.print", object_id="P4").exists()


def test_leadership_prints_no_paper_with_sensitive_details(client, people):
    sign_in(client, people["leader"])
    assert client.get("/dang-vien/P4/in/phieu-dang-vien/pdf/").status_code == 403
    assert client.get("/to-chuc/S1/so-danh-sach/pdf/?ngay=2017-01-01").status_code == 403


def test_the_register_of_members_lists_those_in_and_those_who_left_that_year(people):
    transfer(people, "P1", D(2017, 2, 1))
    book = papers.member_book(Org.objects.get(code="D1").versions.first(), D(2017, 12, 31))
    rows = next(b for b in book.blocks if b[0] == "table")[2]
    assert [(r[1], r[8]) for r in rows] == [("Nguyễn Văn An", "01/02/2017"), ("Trần Thị Bình", ""),
                                            ("Lê Văn Cường", "")]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_every_paper_is_written_in_both_formats(client, people, admission, fmt):
    event = transfer(people, "P4", D(2017, 2, 1))
    sign_in(client, people["board"])
    for url in (f"/dang-vien/bien-dong/{admission.pk}/in/{fmt}/", f"/dang-vien/bien-dong/{event.pk}/in/{fmt}/",
                f"/dang-vien/P1/in/phieu-dang-vien/{fmt}/", f"/dang-vien/P1/in/ly-lich/{fmt}/",
                f"/to-chuc/D1/so-danh-sach/{fmt}/?ngay=2017-12-31"):
        response = client.get(url)
        assert response.status_code == 200 and len(b"".join(response.streaming_content)) > 2000, url


def test_the_secretary_prints_the_letter_of_a_member_they_just_transferred_out(client, people):
    sign_in(client, people["secretary_b"])
    event = services.record_member_event(user=people["secretary_b"], kind="chuyen_di", person=Person.objects.get(code="P4"),
                                         date=D(2017, 2, 1))
    response = client.get(f"/dang-vien/bien-dong/{event.pk}/in/pdf/")
    assert response.status_code == 200


def test_the_yearly_supplement_lists_that_years_changes_only(client, people):
    p4 = Person.objects.get(code="P4")
    services.update_person(user=None, person=p4, theory_level="trung_cap", changed_on=D(2023, 5, 2))
    services.update_person(user=None, person=p4, theory_level="cao_cap", changed_on=D(2024, 9, 1))
    services.add_work_history(user=None, person=p4, start=D(2024, 10, 1), end=None, content="Kế toán trưởng Công ty Điện")
    text = text_of(sign_in(client, people["board"]).get("/dang-vien/P4/in/phieu-bo-sung/docx/?ngay=2024-12-31"))
    assert "Năm 2024" in text and "01/09/2024" in text and "Cao cấp" in text and "Kế toán trưởng Công ty Điện" in text
    assert "02/05/2023" not in text
