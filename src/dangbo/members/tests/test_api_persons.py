"""Persons and candidates' files through the API (issue 20, item 1): bodies named by the
`nguoi` and `quan_chung` columns, the write rule of every write."""

from __future__ import annotations

import pytest

from dangbo.accounts.services import issue_token
from dangbo.members.models import Candidate, Person

NEW = {"ma": "N1", "ho_ten": "Giàng A Páo", "ngay_sinh": "1994-03-08", "gioi_tinh": "nam", "so_cccd": "012094000321",
       "dan_toc": "Mông", "que_quan": "Sìn Hồ, Lai Châu"}


@pytest.fixture
def api(client, people):
    def call(persona, method, path, body=None):
        key = issue_token(user=people[persona], name="thử")
        return getattr(client, method)(path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    return call


def test_a_board_officer_creates_a_person_and_reads_them_back(api):
    assert api("board", "post", "/api/persons", NEW).status_code == 201
    got = api("board", "get", "/api/persons/N1").json()
    assert (got["ho_ten"], got["dan_toc"], got["que_quan"], got["so_cccd"], got["phien_ban"]) == (
        "Giàng A Páo", "08", "Sìn Hồ, Lai Châu", "012094000321", 1)


def test_a_person_attached_to_no_unit_is_out_of_a_secretarys_sight(api):
    api("board", "post", "/api/persons", NEW)
    assert api("secretary_a", "get", "/api/persons/N1").status_code == 404


def test_a_code_or_citizen_id_already_taken_is_a_conflict(api):
    api("board", "post", "/api/persons", NEW)
    again = api("board", "post", "/api/persons", {**NEW, "so_cccd": ""})
    same_id = api("board", "post", "/api/persons", {**NEW, "ma": "N2"})
    assert (again.status_code, again.json()["loi"]) == (409, ["Mã người N1 đã có."])
    assert (same_id.status_code, same_id.json()["loi"]) == (409, ["Số CCCD đã thuộc về một người khác."])


def test_an_invisible_control_character_in_a_name_is_refused(api):
    response = api("board", "post", "/api/persons", {**NEW, "ho_ten": "Giàng\x0bA Páo"})
    assert response.status_code == 422 and "ho_ten" in response.json()["loi"][0]
    assert not Person.objects.filter(code="N1").exists()


def test_an_edit_made_on_an_old_version_is_refused_as_a_conflict(api):
    first = api("secretary_b", "patch", "/api/persons/P4", {"chuc_vu": "Kế toán trưởng", "phien_ban": 1})
    stale = api("secretary_b", "patch", "/api/persons/P4", {"chuc_vu": "Thủ quỹ", "phien_ban": 1})
    assert (first.status_code, first.json()["phien_ban"]) == (200, 2)
    assert stale.status_code == 409 and Person.objects.get(code="P4").position == "Kế toán trưởng"


def test_a_secretary_cannot_edit_someone_outside_their_unit(api):
    assert api("secretary_a", "patch", "/api/persons/P4", {"chuc_vu": "X"}).status_code == 404


def test_a_secretary_creates_a_person_and_opens_their_candidate_file(api):
    assert api("secretary_b", "post", "/api/persons", NEW).status_code == 201
    opened = api("secretary_b", "post", "/api/candidates", {"ma_nguoi": "N1", "ma_to_chuc": "S1", "ngay_mo_ho_so": "2018-04-02"})
    assert opened.status_code == 201
    assert Candidate.objects.get(person__code="N1").cell.code == "S1"
    assert api("secretary_b", "get", "/api/persons/N1").status_code == 200  # followed by their cell, now in sight


def test_a_candidate_followed_by_one_cell_is_not_opened_by_another(api):
    api("board", "post", "/api/candidates", {"ma_nguoi": "P7", "ma_to_chuc": "S1", "ngay_mo_ho_so": "2018-04-02"})
    second = api("board", "post", "/api/candidates", {"ma_nguoi": "P7", "ma_to_chuc": "C1", "ngay_mo_ho_so": "2018-05-02"})
    assert second.status_code == 422 and "đang là quần chúng do S1 theo dõi" in second.json()["loi"][0]
    taken = api("secretary_a", "post", "/api/candidates", {"ma_nguoi": "P7", "ma_to_chuc": "C1", "ngay_mo_ho_so": "2018-05-02"})
    assert taken.status_code == 404  # S1's candidate is not secretary A's to take


def test_a_member_on_the_day_has_no_candidate_file(api):
    response = api("board", "post", "/api/candidates", {"ma_nguoi": "P1", "ma_to_chuc": "C1", "ngay_mo_ho_so": "2018-04-02"})
    assert response.status_code == 422 and "đã là đảng viên" in response.json()["loi"][0]


def test_a_refused_body_names_the_column_and_why_in_vietnamese(api):
    response = api("board", "post", "/api/persons", {**NEW, "ho_ten": "", "gioi_tinh": "khac"})
    assert response.status_code == 422
    assert response.json()["loi"] == ["Nội dung ho_ten: không được để trống.", "Nội dung gioi_tinh: phải là một trong: 'nam' hoặc 'nu'."]


# ---- the page: "Mở hồ sơ quần chúng" --------------------------------------------------------
def test_a_secretary_opens_a_file_for_a_new_person_on_the_page(as_user):
    client = as_user("secretary_b")
    assert "Mở hồ sơ quần chúng" in client.get("/quan-chung/").content.decode()
    response = client.post("/quan-chung/moi/", {"ma_to_chuc": "S1", "ngay_mo_ho_so": "2018-04-02", "ma_nguoi": "N5",
                                                "ho_ten": "Lò Thị Mai", "ngay_sinh": "1998-02-02", "gioi_tinh": "nu",
                                                "dan_toc": "03"})  # Thái, chosen in the list
    candidate = Candidate.objects.get(person__code="N5")
    assert response.status_code == 302 and response["Location"] == f"/quan-chung/{candidate.pk}/"
    assert (candidate.cell.code, candidate.person.ethnicity) == ("S1", "03")


def test_a_new_person_without_a_name_is_refused_and_nothing_is_written(as_user):
    response = as_user("secretary_b").post("/quan-chung/moi/", {"ma_to_chuc": "S1", "ngay_mo_ho_so": "2018-04-02",
                                                                 "ma_nguoi": "N6", "ngay_sinh": "1998-02-02", "gioi_tinh": "nu"})
    assert response.status_code == 400 and "cần họ và tên" in response.content.decode()
    assert not Person.objects.filter(code="N6").exists()


def test_a_file_refused_by_its_check_leaves_no_new_person(as_user):
    # the new person is created, then the file is refused (dated after today): the person is
    # not kept either (one transaction)
    response = as_user("board").post("/quan-chung/moi/", {"ma_to_chuc": "S1", "ngay_mo_ho_so": "2099-04-02", "ma_nguoi": "N7",
                                                          "ho_ten": "Lò Văn Tú", "ngay_sinh": "1998-02-02", "gioi_tinh": "nam"})
    assert response.status_code == 400 and "sau hôm nay" in response.content.decode()
    assert not Person.objects.filter(code="N7").exists()


def test_null_in_an_edit_leaves_the_column_as_it_is(api):
    response = api("board", "patch", "/api/persons/P4", {"ho_ten": None, "ngay_sinh": None, "chuc_vu": "Kế toán"})
    person = Person.objects.get(code="P4")
    assert response.status_code == 200 and (person.full_name, person.position) == ("Phạm Thị Dung", "Kế toán")
