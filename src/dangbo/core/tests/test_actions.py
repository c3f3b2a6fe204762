"""Lifecycle actions from the web: refused with the rule's reason, overridden with a reason,
kept to the user's units."""

from django.urls import reverse

from dangbo.members.models import MemberEvent
from dangbo.orgs.models import OrgEvent
from dangbo.rules.models import Override


def test_admission_blocked_by_a_rule_then_overridden_with_a_reason(as_user, p6_followed_by_s1):
    client = as_user("secretary_b")
    data = {"loai": "ket_nap", "ngay": "2017-03-01", "ma_nguoi": "P6", "ma_to_chuc": "S1"}
    refused = client.post(reverse("member-event"), data)
    page = refused.content.decode()
    assert refused.status_code == 400 and "Quy định không cho phép" in page and "nhận thức về Đảng" in page
    assert not MemberEvent.objects.filter(person__code="P6").exists()
    ok = client.post(reverse("member-event"), {**data, "ly_do_vuot": "Đã học bù, có xác nhận"})
    assert ok.status_code == 302 and ok["Location"].startswith("/dang-vien/P6/")
    assert Override.objects.get(rule="awareness_certificate").reason == "Đã học bù, có xác nhận"


def test_hard_rule_is_explained_and_cannot_be_overridden(as_user):
    client = as_user("board")
    response = client.post(reverse("member-event"), {"loai": "phat_the", "ngay": "2017-03-01", "ma_nguoi": "P6",
                                                     "so_the": "12345678", "ly_do_vuot": "cứ ghi"})
    assert response.status_code == 400 and "không phải là đảng viên" in response.content.decode()


def test_transfer_within_the_bloc(as_user):
    client = as_user("board")
    response = client.post(reverse("member-event"), {"loai": "chuyen_noi_bo", "ngay": "2017-05-01", "ma_nguoi": "P1", "ma_to_chuc": "S1"})
    assert response.status_code == 302
    page = client.get(reverse("org-detail", args=["S1"]), {"ngay": "2017-05-01"}).content.decode()
    assert "Nguyễn Văn An" in page


def test_actions_stay_within_the_users_units(as_user):
    client = as_user("secretary_b")
    out = client.post(reverse("member-event"), {"loai": "chuyen_di", "ngay": "2017-05-01", "ma_nguoi": "P1"})
    # P1 is in D1's cells: refused on the form as an unknown code would be
    assert out.status_code == 400 and "Không có người mang mã P1 trong phạm vi ghi của bạn" in out.content.decode()
    assert not MemberEvent.objects.filter(person__code="P1", kind="chuyen_di").exists()
    assert as_user("leader").get(reverse("member-event")).status_code == 403  # leadership only reads
    bad_card = as_user("board").post(reverse("member-event"), {"loai": "phat_the", "ngay": "2017-05-01", "ma_nguoi": "P1", "so_the": "12AB"})
    assert bad_card.status_code == 400 and "8 chữ số" in bad_card.content.decode()


def test_org_events_from_the_web(as_user):
    client = as_user("secretary_a")
    made = client.post(reverse("org-event"), {"loai": "thanh_lap", "ngay": "2018-01-01", "ma": "C3", "ten": "Chi bộ Thanh tra",
                                              "cap": "chi_bo", "ma_cap_tren": "D1"})
    assert made.status_code == 302 and OrgEvent.objects.filter(org__code="C3").exists()
    refused = client.post(reverse("org-event"), {"loai": "giai_the", "ngay": "2018-02-01", "ma": "C1"})
    assert refused.status_code == 400 and "còn" in refused.content.decode()
    assert client.post(reverse("org-event"), {"loai": "doi_ten", "ngay": "2018-02-01", "ma": "S1", "ten": "X"}).status_code == 404
