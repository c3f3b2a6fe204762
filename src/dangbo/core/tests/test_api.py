"""The REST API: token auth, scope, reads, lifecycle actions and the OpenAPI document."""

import pytest

from dangbo.accounts.services import issue_token


@pytest.fixture
def api(client, people):
    def as_(name):
        key = issue_token(user=people[name], name="test")
        return lambda method, path, **kw: getattr(client, method)(
            "/api" + path, HTTP_AUTHORIZATION=f"Bearer {key}", content_type="application/json", **kw)
    return as_


def test_openapi_document_and_local_docs(client, imported_bloc):
    schema = client.get("/api/openapi.json").json()
    assert "/api/units" in schema["paths"] and "/api/member-events" in schema["paths"]
    docs = client.get("/api/docs").content.decode()
    assert "/static/ninja/" in docs and "cdn" not in docs.lower()


def test_token_required(client, imported_bloc):
    assert client.get("/api/units").status_code == 401
    assert client.get("/api/units", HTTP_AUTHORIZATION="Bearer sai").status_code == 401


def test_reads_are_scoped(api):
    units = api("secretary_b")("get", "/units?ngay=2016-12-31").json()
    assert [u["ma"] for u in units] == ["S1"]
    assert api("secretary_b")("get", "/units/D1?ngay=2016-12-31").status_code == 404
    members = api("board")("get", "/members?ngay=2016-12-31&q=nguyen van an").json()
    assert [m["ma"] for m in members] == ["P1"]
    assert api("secretary_b")("get", "/members/P1/events").status_code == 404
    events = api("board")("get", "/members/P5/events").json()
    assert [e["loai"] for e in events][:2] == ["ket_nap", "chuyen_chinh_thuc"]


def test_metrics(api):
    data = api("board")("get", "/metrics?goc=R1&nhiem_ky=2015-2020").json()
    assert data["to_chuc"] == "R1" and data["chi_so"]["dang_vien.tong"] == 5
    assert api("secretary_a")("get", "/metrics?goc=R1&nhiem_ky=2015-2020").status_code == 404
    assert api("board")("get", "/metrics?goc=R1&nhiem_ky=1990").status_code == 400


def test_actions_through_the_services(api):
    board = api("board")
    blocked = board("post", "/member-events", data={"loai": "ket_nap", "ngay": "2017-03-01", "ma_nguoi": "P6", "ma_to_chuc": "S1"})
    assert blocked.status_code == 422 and blocked.json()["chan_boi_quy_dinh"] is True
    assert blocked.json()["ma_loi"] == ["awareness_certificate"]  # P6 has no awareness class: a rule's code
    ok = board("post", "/member-events", data={"loai": "ket_nap", "ngay": "2017-03-01", "ma_nguoi": "P6", "ma_to_chuc": "S1",
                                               "ly_do_vuot": "Đã học bù"})
    assert ok.status_code == 201
    hard = board("post", "/member-events", data={"loai": "phat_the", "ngay": "2017-04-01", "ma_nguoi": "P6", "so_the": "12345678"})
    assert hard.status_code == 422 and hard.json()["chan_boi_quy_dinh"] is False
    assert hard.json()["ma_loi"] == ["not_official"]  # a card goes only to an official member
    assert api("leader")("post", "/org-events", data={"loai": "doi_ten", "ngay": "2018-01-01", "ma": "S1", "ten": "X"}).status_code == 403
    assert api("secretary_a")("post", "/org-events", data={"loai": "doi_ten", "ngay": "2018-01-01", "ma": "S1", "ten": "X"}).status_code == 404
    assert board("post", "/org-events", data={"loai": "doi_ten", "ngay": "2018-01-01", "ma": "S1", "ten": "Chi bộ Điện lực"}).status_code == 201
    bad = board("post", "/member-events", data={"loai": "ket_nap", "ngay": "31/02/2017", "ma_nguoi": "P6"})
    assert bad.status_code == 422


def test_bad_parameters_are_named_in_vietnamese(api):
    board = api("board")
    bad = board("get", "/members?limit=abc&ngay=0")
    assert bad.status_code == 422
    assert sorted(bad.json()["loi"]) == ["Tham số limit: phải là số nguyên.", "Tham số ngay: phải là ngày dạng NNNN-TT-NN."]
    assert board("get", "/members?offset=-1").json()["loi"] == ["Tham số offset: phải từ 0 trở lên."]
    unreadable = board("post", "/member-events", data="{không phải json")
    assert unreadable.status_code == 400 and "JSON hợp lệ" in unreadable.json()["loi"]
