"""The one rule for every write (issue 19, findings 1, 2 and 11): the writer reaches the
subject today and on the record's date, through a grant of a role that writes; a person
never a member through the cell following their candidate file, a person attached to no
unit only through a whole root; an unknown code and an unreachable one answer alike.

World (accounts/tests/personas, fixtures/workbooks.small_bloc): secretary A holds D1 (C1, C2:
P1, P2, P3), secretary B holds S1 (P4, P5). P6 and P7 are attached to no unit.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dangbo.accounts.models import Grant
from dangbo.accounts.services import issue_token
from dangbo.members import services as member_services
from dangbo.members.models import MemberEvent, MemberSpell, Person
from dangbo.orgs.models import Org

from .personas import make, sign_in

pytestmark = pytest.mark.django_db


def _post(client, user, path: str, body: dict):
    key = issue_token(user=user, name="kiểm thử")
    return client.post(path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def p4_moved_to_c1(people):
    """P4, once secretary B's (S1), is in secretary A's C1 since 2017-01-10."""
    member_services.record_member_event(user=people["admin"], kind="chuyen_noi_bo", person=Person.objects.get(code="P4"),
                                        date=dt.date(2017, 1, 10), cell=Org.objects.get(code="C1"))


CARD = {"loai": "phat_the", "ngay": "2016-06-01", "so_the": "87654321"}


def test_finding_1_a_back_dated_event_of_a_former_member_now_elsewhere_is_404(client, people, p4_moved_to_c1):
    # On 2016-06-01 P4 was in S1, secretary B's; today P4 is in C1, no longer theirs.
    response = _post(client, people["secretary_b"], "/api/member-events", {**CARD, "ma_nguoi": "P4"})
    assert response.status_code == 404
    assert not MemberEvent.objects.filter(person__code="P4", kind="phat_the").exists()


def test_finding_1_a_back_dated_event_from_before_the_member_arrived_is_404(client, people, p4_moved_to_c1):
    # Today P4 is secretary A's, but on 2016-06-01 P4 was in S1: that history is not A's to write.
    response = _post(client, people["secretary_a"], "/api/member-events", {**CARD, "ma_nguoi": "P4"})
    assert response.status_code == 404


def test_finding_1_the_secretary_who_holds_the_member_then_and_now_may_write(client, people):
    response = _post(client, people["secretary_b"], "/api/member-events",
                     {"loai": "mien_sinh_hoat", "ngay": "2016-06-01", "ma_nguoi": "P4"})
    assert response.status_code == 201


def test_finding_1_the_web_form_refuses_a_back_dated_event_like_an_unknown_code(client, people, p4_moved_to_c1):
    sign_in(client, people["secretary_b"])
    outside = client.post("/dang-vien/bien-dong/", {"loai": "mien_sinh_hoat", "ngay": "2016-06-01", "ma_nguoi": "P4"})
    unknown = client.post("/dang-vien/bien-dong/", {"loai": "mien_sinh_hoat", "ngay": "2016-06-01", "ma_nguoi": "KHONGCO"})
    assert (outside.status_code, unknown.status_code) == (400, 400)
    assert "trong phạm vi ghi của bạn" in outside.content.decode()
    assert not MemberEvent.objects.filter(person__code="P4", kind="mien_sinh_hoat").exists()


ADMIT = {"loai": "ket_nap", "ngay": "2017-03-01", "ly_do_vuot": "thử vượt quy định"}


def test_finding_2_another_units_candidate_cannot_be_admitted_even_with_an_override(client, people, p6_followed_by_s1):
    response = _post(client, people["secretary_a"], "/api/member-events", {**ADMIT, "ma_nguoi": "P6", "ma_to_chuc": "C1"})
    assert response.status_code == 404
    assert not MemberSpell.objects.filter(person__code="P6").exists()


def test_finding_2_an_unattached_person_is_out_of_a_secretarys_reach(client, people):
    response = _post(client, people["secretary_a"], "/api/member-events", {**ADMIT, "ma_nguoi": "P7", "ma_to_chuc": "C1"})
    assert response.status_code == 404


def test_finding_2_an_unreachable_code_answers_as_an_unknown_one(client, people, p6_followed_by_s1):
    body = {"loai": "ket_nap", "ngay": "2017-03-01", "ma_to_chuc": "C1"}
    outside = _post(client, people["secretary_a"], "/api/member-events", {**body, "ma_nguoi": "P6"})
    unknown = _post(client, people["secretary_a"], "/api/member-events", {**body, "ma_nguoi": "KHONGCO"})
    assert (outside.status_code, outside.json()) == (unknown.status_code, unknown.json()) == (
        404, {"loi": "Không có người hoặc chi bộ này trong phạm vi của bạn."})


def test_finding_2_the_cell_following_the_candidate_admits_them(client, people, p6_followed_by_s1):
    response = _post(client, people["secretary_b"], "/api/member-events", {**ADMIT, "ma_nguoi": "P6", "ma_to_chuc": "S1"})
    assert response.status_code == 201
    assert MemberSpell.objects.get(person__code="P6").cell.code == "S1"


def test_finding_2_a_whole_roots_officer_reaches_an_unattached_person(client, people):
    # Refused by the rules (no awareness certificate), not by the reach: 422, not 404.
    response = _post(client, people["board"], "/api/member-events",
                     {"loai": "ket_nap", "ngay": "2017-03-01", "ma_nguoi": "P7", "ma_to_chuc": "C1"})
    assert response.status_code == 422


def test_finding_2_a_transfer_in_from_outside_brings_an_unattached_person_into_the_secretarys_cell(client, people):
    response = _post(client, people["secretary_a"], "/api/member-events",
                     {"loai": "chuyen_den", "ngay": "2017-03-01", "ma_nguoi": "P7", "ma_to_chuc": "C1", "trang_thai": "chinh_thuc",
                      "ngay_ket_nap": "2010-05-01"})
    assert response.status_code == 201


@pytest.fixture
def mixed(people):
    """Secretary of D1 who also reads S1 as leadership."""
    user = make("hon_hop", "bi_thu", "D1")
    Grant.objects.create(user=user, role="lanh_dao", org=Org.objects.get(code="S1"), valid_from=dt.date(1900, 1, 1))
    return user


def test_finding_11_a_read_only_grant_does_not_write_even_beside_a_writing_one(client, mixed):
    response = _post(client, mixed, "/api/member-events", {"loai": "mien_sinh_hoat", "ngay": "2017-02-01", "ma_nguoi": "P4"})
    assert response.status_code == 404
    rename = _post(client, mixed, "/api/org-events", {"loai": "doi_ten", "ngay": "2018-02-01", "ma": "S1", "ten": "Chi bộ X"})
    assert rename.status_code == 403
    meeting = _post(client, mixed, "/api/meetings", {"ma_to_chuc": "S1", "ngay": "2017-02-01", "loai": "thuong_ky",
                                                    "du_sinh_hoat": {"P4": "co_mat"}})
    assert meeting.status_code == 403


def test_finding_11_the_writing_grant_still_writes_on_its_own_subtree(client, mixed):
    response = _post(client, mixed, "/api/member-events", {"loai": "mien_sinh_hoat", "ngay": "2017-02-01", "ma_nguoi": "P1"})
    assert response.status_code == 201


def test_finding_11_the_read_only_grant_still_reads(client, mixed):
    sign_in(client, mixed)
    assert client.get("/to-chuc/S1/?ngay=2016-12-31").status_code == 200


def test_finding_11_a_rating_grid_is_saved_only_through_a_writing_grant(client, mixed):
    response = _post(client, mixed, "/api/ratings/2016/S1", {"xep_loai": [{"ma": "P4", "xep_loai": "tot"}]})
    assert response.status_code == 403


# ---- the same rule in imports: a secretary's workbook, row by row ---------------------------
def _import(user, data, tmp_path, name="thang"):
    from dangbo.exchange.importer import import_workbook
    from dangbo.fixtures.workbooks import write_csv_folder

    return import_workbook(write_csv_folder(data, tmp_path / name), user=user)


def test_a_secretarys_workbook_naming_others_units_is_refused_row_by_row(people, tmp_path):
    result = _import(people["secretary_b"], {
        "bien_dong_dang_vien": [{"ngay": "2017-02-01", "loai": "mien_sinh_hoat", "ma_nguoi": "P4"},
                                {"ngay": "2017-02-01", "loai": "mien_sinh_hoat", "ma_nguoi": "P1"}],
        "sinh_hoat": [{"ma": "SH9", "ma_to_chuc": "C1", "ngay": "2017-02-05", "loai": "thuong_ky"}],
    }, tmp_path)
    assert result.status == "refused"
    assert [(p.ref, p.column) for p in result.errors] == [(("bien_dong_dang_vien", 3), "ma_nguoi"),
                                                         (("sinh_hoat", 2), "ma_to_chuc")]
    assert not MemberEvent.objects.filter(kind="mien_sinh_hoat").exists()


def test_a_secretarys_own_workbook_is_imported(people, tmp_path):
    result = _import(people["secretary_b"], {
        "bien_dong_dang_vien": [{"ngay": "2017-02-01", "loai": "mien_sinh_hoat", "ma_nguoi": "P4"}],
        "sinh_hoat": [{"ma": "SH9", "ma_to_chuc": "S1", "ngay": "2017-02-05", "loai": "thuong_ky"}],
        "du_sinh_hoat": [{"ma_sinh_hoat": "SH9", "ma_nguoi": "P4", "trang_thai": "co_mat"}],
    }, tmp_path)
    assert result.status == "applied", [str(p) for p in result.errors]


def test_a_back_dated_row_of_a_former_member_is_refused_in_an_import(people, p4_moved_to_c1, tmp_path):
    result = _import(people["secretary_b"], {"bien_dong_dang_vien": [{**CARD, "ma_nguoi": "P4"}]}, tmp_path)
    assert [(p.ref, p.column) for p in result.errors] == [(("bien_dong_dang_vien", 2), "ma_nguoi")]


def test_discipline_rows_need_the_inspection_role(people, tmp_path):
    result = _import(people["secretary_b"], {"ky_luat": [{"ngay": "2017-02-01", "doi_tuong": "dang_vien", "ma_doi_tuong": "P4",
                                                          "hinh_thuc": "khien_trach", "ma_co_quan": "S1"}]}, tmp_path)
    assert [(p.ref, p.column) for p in result.errors] == [(("ky_luat", 2), "ma_doi_tuong")]
    assert "Ủy ban Kiểm tra" in result.errors[0].message


def test_a_new_person_and_their_transfer_in_pass_in_a_secretarys_workbook(people, tmp_path):
    result = _import(people["secretary_b"], {
        "nguoi": [{"ma": "N1", "ho_ten": "Giàng A Páo", "ngay_sinh": "1985-04-04", "gioi_tinh": "nam"}],
        "bien_dong_dang_vien": [{"ngay": "2017-04-01", "loai": "chuyen_den", "ma_nguoi": "N1", "ma_to_chuc": "S1",
                                 "trang_thai": "chinh_thuc", "ngay_ket_nap": "2010-01-01"}],
    }, tmp_path)
    assert result.status == "applied", [str(p) for p in result.errors]


def test_a_read_only_grant_imports_nothing_on_its_units(mixed, tmp_path):
    result = _import(mixed, {"bien_dong_dang_vien": [{"ngay": "2017-02-01", "loai": "mien_sinh_hoat", "ma_nguoi": "P4"}]},
                     tmp_path)
    assert [(p.ref, p.column) for p in result.errors] == [(("bien_dong_dang_vien", 2), "ma_nguoi")]
