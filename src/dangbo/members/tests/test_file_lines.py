"""The lines of a member's file from the page and the API (member-file.md): work history,
family (sensitive), photo; and an admission's introducers through the service."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dangbo.accounts.services import issue_token
from dangbo.accounts.tests.personas import sign_in
from dangbo.audit.tests.test_every_service_audits import _jpeg
from dangbo.domain.problems import DomainError
from dangbo.members import services
from dangbo.members.models import FamilyMember, MemberEvent, Person, Photo, WorkHistory
from dangbo.orgs.models import Org

D = dt.date


def test_a_clerk_adds_a_line_of_work_history_on_the_page(client, people):
    sign_in(client, people["secretary_b"])
    response = client.post("/dang-vien/P4/qua-trinh-cong-tac/", {"tu_thang": "09/2010", "noi_dung": "Kế toán Công ty Điện"})
    assert response.status_code == 302
    line = WorkHistory.objects.get(person__code="P4")
    assert (line.from_month, line.to_month, line.content) == (D(2010, 9, 1), None, "Kế toán Công ty Điện")
    assert "09/2010" in client.get("/dang-vien/P4/").content.decode()


def test_a_month_typed_wrong_is_refused_with_its_reason(client, people):
    sign_in(client, people["secretary_b"])
    page = client.get(client.post("/dang-vien/P4/qua-trinh-cong-tac/", {"tu_thang": "2010", "noi_dung": "X"})["Location"])
    assert "Tháng ghi mm/yyyy" in page.content.decode() and not WorkHistory.objects.exists()


def test_leadership_sees_the_work_history_but_not_the_family(client, people):
    p4 = Person.objects.get(code="P4")
    services.add_work_history(user=None, person=p4, start=D(2010, 9, 1), end=None, content="Kế toán Công ty Điện")
    services.add_family_member(user=None, person=p4, relation="Mẹ", full_name="Lò Thị Ón", birth_year=1960)
    page = sign_in(client, people["leader"]).get("/dang-vien/P4/").content.decode()
    assert "Kế toán Công ty Điện" in page and "Lò Thị Ón" not in page and "Chỉ Ban Tổ chức và bí thư đơn vị được xem" in page
    assert "Lò Thị Ón" in sign_in(client, people["secretary_b"]).get("/dang-vien/P4/").content.decode()


def test_the_api_gives_the_family_only_to_the_roles_that_read_it(client, people):
    services.add_family_member(user=None, person=Person.objects.get(code="P4"), relation="Mẹ", full_name="Lò Thị Ón")

    def file_of(persona):
        key = issue_token(user=people[persona], name="thử")
        return client.get("/api/persons/P4/file", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert file_of("leader")["gia_dinh"] is None
    assert [f["ho_ten"] for f in file_of("board")["gia_dinh"]] == ["Lò Thị Ón"]


def test_a_photo_uploaded_on_the_page_is_kept_as_a_3x4_jpeg(client, people):
    from io import BytesIO

    from PIL import Image

    sign_in(client, people["secretary_b"])
    client.post("/dang-vien/P4/anh/", {"anh": SimpleUploadedFile("anh.jpg", _jpeg(), content_type="image/jpeg")})
    response = client.get("/dang-vien/P4/anh.jpg")
    assert response.status_code == 200 and Image.open(BytesIO(response.content)).size == (450, 600)


def test_a_file_that_is_not_a_picture_is_refused_and_nothing_is_kept(client, people):
    sign_in(client, people["secretary_b"])
    page = client.get(client.post("/dang-vien/P4/anh/", {"anh": SimpleUploadedFile("anh.jpg", b"MZ\x90\x00")})["Location"])
    assert "Tệp không phải ảnh JPEG hoặc PNG đọc được." in page.content.decode() and not Photo.objects.exists()


def test_a_new_photo_keeps_the_earlier_one(people):
    p4 = Person.objects.get(code="P4")
    services.set_photo(user=None, person=p4, data=_jpeg())
    services.set_photo(user=None, person=p4, data=_jpeg())
    assert Photo.objects.filter(person=p4).count() == 2


def test_the_api_takes_a_photo(client, people):
    key = issue_token(user=people["board"], name="thử")
    response = client.post("/api/persons/P4/photo", {"anh": SimpleUploadedFile("a.png", _jpeg())},
                           HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 201, response.content
    assert Photo.objects.filter(person__code="P4").exists()


@pytest.mark.parametrize(("introducers", "problem"), [
    (("P6", ""), ("introducer_not_official", "nguoi_gioi_thieu_1")),  # never a member
    (("P4", "P4"), ("introducer_twice", "nguoi_gioi_thieu_2")),
    (("P7", ""), ("introducer_self", "nguoi_gioi_thieu_1")),
])
def test_an_admissions_introducers_are_official_members_and_two_people(people, introducers, problem):
    with pytest.raises(DomainError) as exc:
        services.record_member_event(user=people["board"], kind="ket_nap", person=Person.objects.get(code="P7"),
                                     date=D(2017, 3, 1), cell=Org.objects.get(code="S1"), override_reason="Đã học bù",
                                     introducer_1=introducers[0], introducer_2=introducers[1])
    assert [(p.code, p.column) for p in exc.value.problems] == [problem]


def test_an_admission_keeps_its_introducers(people):
    event = services.record_member_event(user=people["board"], kind="ket_nap", person=Person.objects.get(code="P7"),
                                         date=D(2017, 3, 1), cell=Org.objects.get(code="S1"), override_reason="Đã học bù",
                                         introducer_1="P4", introducer_2="Lò Văn Xanh")
    assert MemberEvent.objects.filter(pk=event.pk, introducer_1="P4", introducer_2="Lò Văn Xanh").exists()


def test_a_family_line_voided_stays_struck_through(client, people):
    row = services.add_family_member(user=None, person=Person.objects.get(code="P4"), relation="Mẹ", full_name="Lò Thị Ón")
    sign_in(client, people["board"])
    assert client.post(f"/huy/gia-dinh/{row.pk}/", {"ly_do": "Ghi nhầm người"}).status_code == 302
    assert FamilyMember.objects.get(pk=row.pk).void_reason == "Ghi nhầm người"
    assert "<s>Lò Thị Ón</s>" in client.get("/dang-vien/P4/").content.decode()


def test_a_picture_of_too_many_pixels_is_refused_before_it_is_decoded(people):
    from io import BytesIO

    from PIL import Image

    bomb = BytesIO()
    Image.new("1", (8000, 8000)).save(bomb, "PNG")  # 64 million pixels in a few kilobytes
    with pytest.raises(DomainError) as exc:
        services.set_photo(user=None, person=Person.objects.get(code="P4"), data=bomb.getvalue())
    assert [(p.code, p.column) for p in exc.value.problems] == [("photo_invalid", "anh")]
    assert "quá nhiều điểm ảnh" in exc.value.problems[0].message and not Photo.objects.exists()
