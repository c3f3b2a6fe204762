"""Voiding and correcting a member event from the API and the member's page (issue 20, item 2):
the projections follow at once, the old record stays in the history with who, when and why."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from dangbo.accounts.services import issue_token
from dangbo.accounts.tests.personas import sign_in
from dangbo.core.temporal import on
from dangbo.members import services
from dangbo.members.models import MemberEvent, MemberSpell, Person
from dangbo.orgs.models import Org


@pytest.fixture
def wrong_transfer(people):
    """P4 moved from S1 to C1 on 2017-03-01 — by mistake."""
    return services.record_member_event(user=people["board"], kind="chuyen_noi_bo", person=Person.objects.get(code="P4"),
                                        date=dt.date(2017, 3, 1), cell=Org.objects.get(code="C1"))


def _cell_today(code: str) -> str:
    return MemberSpell.objects.get(on(timezone.localdate()), person__code=code).cell.code


@pytest.fixture
def api(client, people):
    def call(persona, path, body):
        key = issue_token(user=people[persona], name="thử")
        return client.post(path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    return call


def test_voiding_a_wrong_transfer_puts_the_member_back_in_their_cell(api, wrong_transfer):
    assert _cell_today("P4") == "C1"
    response = api("board", f"/api/member-events/{wrong_transfer.pk}/void", {"ly_do": "Chuyển nhầm người"})
    assert response.status_code == 201 and _cell_today("P4") == "S1"
    event = MemberEvent.objects.get(pk=wrong_transfer.pk)
    assert (event.void_reason, event.voided_by.username) == ("Chuyển nhầm người", "bantochuc")


def test_a_void_without_a_reason_is_refused(api, wrong_transfer):
    response = api("board", f"/api/member-events/{wrong_transfer.pk}/void", {"ly_do": "  "})
    assert response.status_code == 422 and _cell_today("P4") == "C1"


def test_an_event_voided_already_is_not_voided_again(api, wrong_transfer):
    api("board", f"/api/member-events/{wrong_transfer.pk}/void", {"ly_do": "Nhầm"})
    again = api("board", f"/api/member-events/{wrong_transfer.pk}/void", {"ly_do": "Nhầm"})
    assert again.status_code == 422 and again.json()["loi"] == ["Biến động này đã bị hủy trước đó."]


def test_a_secretary_who_never_held_the_member_cannot_void_their_event(api, wrong_transfer):
    # On 2017-03-01 P4 left S1 for C1 (secretary A's today): secretary A did not hold P4 on
    # the event's date, secretary B does not hold them today.
    assert api("secretary_b", f"/api/member-events/{wrong_transfer.pk}/void", {"ly_do": "Nhầm"}).status_code == 404


def test_correcting_the_date_supersedes_the_event(api, wrong_transfer):
    response = api("board", f"/api/member-events/{wrong_transfer.pk}/correct", {"ly_do": "Sai ngày", "ngay": "2017-04-01"})
    assert response.status_code == 201
    old, new = MemberEvent.objects.get(pk=wrong_transfer.pk), MemberEvent.objects.get(pk=response.json()["id"])
    assert (old.superseded_by_id, old.void_reason, new.date, new.cell.code) == (new.pk, "Sai ngày", dt.date(2017, 4, 1), "C1")
    assert MemberSpell.objects.get(on(dt.date(2017, 3, 15)), person__code="P4").cell.code == "S1"


def test_the_members_page_voids_and_shows_the_event_struck_through(client, people, wrong_transfer):
    sign_in(client, people["board"])
    done = client.post(f"/dang-vien/bien-dong/{wrong_transfer.pk}/huy/", {"ly_do": "Chuyển nhầm người"}, follow=True)
    page = done.content.decode()
    assert "Đã hủy biến động" in page and "<s>01/03/2017</s>" in page and "đã hủy bởi bantochuc" in page
    assert _cell_today("P4") == "S1"


def test_the_members_page_corrects_an_event_through_its_form(client, people, wrong_transfer):
    sign_in(client, people["board"])
    form = client.get(f"/dang-vien/bien-dong/{wrong_transfer.pk}/sua/").content.decode()
    assert 'value="01/03/2017"' in form and "Lý do sửa" in form
    response = client.post(f"/dang-vien/bien-dong/{wrong_transfer.pk}/sua/", {
        "loai": "chuyen_noi_bo", "ngay": "2017-05-02", "ma_to_chuc": "C2", "ly_do": "Sai chi bộ và ngày"})
    assert response.status_code == 302
    assert MemberSpell.objects.get(on(dt.date(2017, 6, 1)), person__code="P4").cell.code == "C2"


# ---- the member's page as a clerk reads it (issue 20) ------------------------------------------
def test_the_members_page_names_cells_and_separates_ethnicity_from_religion(client, people, wrong_transfer):
    Person.objects.filter(code="P4").update(ethnicity="01", religion="khong")
    sign_in(client, people["board"])
    page = client.get("/dang-vien/P4/").content.decode()
    assert "Chi bộ Văn phòng" in page  # the transfer's cell by name, not C1
    assert "<th>Dân tộc</th><td>Kinh</td>" in page and "<th>Tôn giáo</th><td>Không</td>" in page


def test_a_member_who_left_is_not_shown_as_chinh_thuc(client, people):
    services.record_member_event(user=people["board"], kind="chuyen_di", person=Person.objects.get(code="P4"),
                                 date=dt.date(2018, 5, 2))
    sign_in(client, people["board"])
    page = client.get("/dang-vien/P4/").content.decode()
    assert "không còn sinh hoạt ở đảng bộ từ ngày 02/05/2018" in page


def test_after_saving_an_event_the_page_opens_as_of_today(client, people):
    sign_in(client, people["board"])
    response = client.post("/dang-vien/bien-dong/", {"loai": "mien_sinh_hoat", "ngay": "02/05/2018", "ma_nguoi": "P4"})
    assert response.status_code == 302 and response["Location"] == "/dang-vien/P4/"


def test_a_correction_sending_null_keeps_the_columns_that_cannot_be_empty(api, wrong_transfer):
    # found by schemathesis: "som": null, "so_the": null answered 500 (NOT NULL constraint)
    response = api("board", f"/api/member-events/{wrong_transfer.pk}/correct",
                   {"ly_do": "Sai ngày", "ngay": "2017-04-01", "som": None, "so_the": None, "ghi_chu": None})
    assert response.status_code == 201
    new = MemberEvent.objects.get(pk=response.json()["id"])
    assert (new.early, new.card_no, new.note, new.date) == (False, "", "", dt.date(2017, 4, 1))
