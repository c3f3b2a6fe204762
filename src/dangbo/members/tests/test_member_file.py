"""The member's file kept by the services (member-file.md): coded details, changes kept by
date, and the sensitive details shown only to the roles that write the file."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from dangbo.accounts.services import issue_token
from dangbo.accounts.tests.personas import sign_in
from dangbo.domain.problems import DomainError
from dangbo.members import services
from dangbo.members.file import details_on, values_changed_after
from dangbo.members.models import DetailChange, Person


def problem(exc) -> tuple:
    return [(p.code, p.column) for p in exc.value.problems][0]


def test_a_coded_detail_typed_by_its_label_is_stored_as_its_code(people):
    person = services.update_person(user=people["board"], person=Person.objects.get(code="P1"), ethnicity="Thái",
                                    religion="Phật giáo", qualification="Thạc sĩ", general_education="12/12 bổ túc")
    assert (person.ethnicity, person.religion, person.qualification, person.general_education) == (
        "03", "phat_giao", "thac_si", "12/12 bo_tuc")


def test_a_value_naming_no_code_is_refused_by_its_column(people):
    with pytest.raises(DomainError) as exc:
        services.update_person(user=people["board"], person=Person.objects.get(code="P1"), ethnicity="Kinh Thái")
    assert problem(exc) == ("unknown_code", "dan_toc")
    assert Person.objects.get(code="P1").ethnicity != "Kinh Thái"


def test_text_kept_from_before_the_coding_stays_until_someone_corrects_it(people):
    Person.objects.filter(code="P1").update(ethnicity="Tai Dam")
    person = services.update_person(user=people["board"], person=Person.objects.get(code="P1"), ethnicity="Tai Dam",
                                    position="Phó Chánh Văn phòng")
    assert (person.ethnicity, person.position) == ("Tai Dam", "Phó Chánh Văn phòng")


def test_a_dated_change_keeps_the_value_before_it_for_earlier_days(people):
    services.update_person(user=people["board"], person=Person.objects.get(code="P1"), qualification="dai_hoc")
    person = services.update_person(user=people["board"], person=Person.objects.get(code="P1"), qualification="thac_si",
                                    changed_on=dt.date(2024, 6, 1))
    change = DetailChange.objects.get(person=person)
    assert (change.column, change.date, change.before, change.after) == ("trinh_do_chuyen_mon", dt.date(2024, 6, 1),
                                                                         "dai_hoc", "thac_si")
    assert details_on(person, dt.date(2024, 5, 31))["qualification"] == "dai_hoc"
    assert details_on(person, dt.date(2024, 6, 1))["qualification"] == "thac_si"
    assert values_changed_after(dt.date(2024, 5, 31), ["trinh_do_chuyen_mon"]) == {(person.pk, "trinh_do_chuyen_mon"): "dai_hoc"}


def test_a_correction_without_a_date_keeps_no_change(people):
    services.update_person(user=people["board"], person=Person.objects.get(code="P1"), qualification="dai_hoc")
    assert not DetailChange.objects.exists()


def test_a_change_of_a_name_or_birth_date_is_a_correction_even_with_a_date(people):
    services.update_person(user=people["board"], person=Person.objects.get(code="P1"), full_name="Nguyễn Văn Mới",
                           changed_on=dt.date(2024, 6, 1))
    assert not DetailChange.objects.exists()


def test_a_change_dated_before_the_last_change_of_that_detail_is_refused(people):
    services.update_person(user=people["board"], person=Person.objects.get(code="P1"), theory_level="trung_cap",
                           changed_on=dt.date(2024, 6, 1))
    with pytest.raises(DomainError) as exc:
        services.update_person(user=people["board"], person=Person.objects.get(code="P1"), theory_level="cao_cap",
                               changed_on=dt.date(2024, 5, 1))
    assert problem(exc) == ("change_out_of_order", "ngay_thay_doi")
    assert DetailChange.objects.count() == 1


def test_a_change_dated_after_today_is_refused(people):
    with pytest.raises(DomainError) as exc:
        services.update_person(user=people["board"], person=Person.objects.get(code="P1"), theory_level="trung_cap",
                               changed_on=timezone.localdate() + dt.timedelta(days=2))
    assert problem(exc) == ("date_in_future", "ngay_thay_doi")


# ---- sensitive details (Decree 13/2023/NĐ-CP) --------------------------------------------------
@pytest.fixture
def api(client, people):
    def get(persona, path):
        key = issue_token(user=people[persona], name="thử")
        return client.get(path, HTTP_AUTHORIZATION=f"Bearer {key}")
    return get


@pytest.fixture
def p1_in_full():
    Person.objects.filter(code="P1").update(ethnicity="03", religion="khong", family_background="Nông dân",
                                            qualification="dai_hoc")


@pytest.mark.parametrize("persona", ["leader", "inspector"])
def test_leadership_and_inspection_read_no_sensitive_detail_by_the_api(api, p1_in_full, persona):
    got = api(persona, "/api/persons/P1").json()
    assert (got["dan_toc"], got["ton_giao"], got["thanh_phan_gia_dinh"], got["trinh_do_chuyen_mon"]) == (
        None, None, None, "dai_hoc")


@pytest.mark.parametrize("persona", ["board", "admin"])
def test_the_organization_board_reads_the_sensitive_details_by_the_api(api, p1_in_full, persona):
    got = api(persona, "/api/persons/P1").json()
    assert (got["dan_toc"], got["ton_giao"], got["thanh_phan_gia_dinh"]) == ("03", "khong", "Nông dân")


def test_leadership_sees_the_members_page_without_the_sensitive_details(client, people, p1_in_full):
    page = sign_in(client, people["leader"]).get("/dang-vien/P1/").content.decode()
    assert "chỉ Ban Tổ chức và bí thư đơn vị được xem" in page and "Nông dân" not in page
    assert "<th>Trình độ chuyên môn</th><td>Đại học</td>" in page


def test_the_board_sees_the_members_page_with_the_sensitive_details(client, people, p1_in_full):
    page = sign_in(client, people["board"]).get("/dang-vien/P1/").content.decode()
    assert "<th>Dân tộc</th><td>Thái</td>" in page and "<th>Thành phần gia đình</th><td>Nông dân</td>" in page


def test_a_clerk_records_a_dated_change_on_the_form(client, people):
    person = Person.objects.get(code="P1")
    sign_in(client, people["board"])
    form = client.get("/dang-vien/P1/sua/").content.decode()
    assert "Thay đổi có hiệu lực từ ngày" in form and 'value="01"' in form  # the ethnic groups' list
    data = {"full_name": person.full_name, "birth_date": person.birth_date.strftime("%d/%m/%Y"), "sex": person.sex,
            "theory_level": "cao_cap", "changed_on": "01/09/2025", "version": person.version}
    assert client.post("/dang-vien/P1/sua/", data).status_code == 302
    change = DetailChange.objects.get(person=person)
    assert (change.column, change.date, change.after) == ("trinh_do_llct", dt.date(2025, 9, 1), "cao_cap")
    assert "01/09/2025: Lý luận chính trị" in client.get("/dang-vien/P1/").content.decode()
