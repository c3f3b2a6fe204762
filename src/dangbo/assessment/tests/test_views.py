"""The rating pages: the grid by persona, the live quota partial (nothing written), the
refusal with its reason box, calibration and closing a year."""

from django.urls import reverse

from dangbo.assessment.models import ClosedYear, Rating


def test_the_live_quota_writes_nothing(as_user):
    client = as_user("secretary_b")
    part = client.post(reverse("rating-grid", args=[2018, "S1"]), {"xem_truoc": "1", "xl_P4": "xuat_sac", "xl_P5": "tot"})
    html = part.content.decode()
    assert part.status_code == 200 and 'id="quota"' in html and "Vượt mức" in html and "<html" not in html
    assert not Rating.objects.filter(year=2018).exists()


def test_a_breach_asks_for_a_reason_then_saves(as_user):
    client = as_user("secretary_b")
    refused = client.post(reverse("rating-grid", args=[2018, "S1"]), {"xl_P4": "xuat_sac", "xl_P5": "tot"})
    assert refused.status_code == 400 and "Lý do vượt quy định" in refused.content.decode()
    ok = client.post(reverse("rating-grid", args=[2018, "S1"]), {"xl_P4": "xuat_sac", "xl_P5": "tot", "ly_do_vuot": "Thành tích đột xuất"})
    assert ok.status_code == 302 and Rating.objects.current().filter(year=2018).count() == 2


def test_bad_score_is_named(as_user):
    bad = as_user("secretary_b").post(reverse("rating-grid", args=[2018, "S1"]), {"xl_P4": "tot", "diem_P4": "tám"})
    assert bad.status_code == 400 and "Điểm của Phạm Thị Dung: &#x27;tám&#x27; không phải là số nguyên." in bad.content.decode()


def test_leadership_reads_but_cannot_rate(as_user):
    client = as_user("leader")
    assert client.get(reverse("rating-grid", args=[2018, "D1"])).status_code == 200
    assert client.post(reverse("rating-grid", args=[2018, "D1"]), {"xl_P1": "tot"}).status_code == 403


def test_board_calibrates_and_closes(as_user):
    client = as_user("board")
    page = client.get(reverse("rating-calibration", args=[2018, "R1"])).content.decode()
    assert "Đảng bộ Sở Tài chính" in page and "Khóa đánh giá năm 2018" in page
    client.post(reverse("rating-close", args=[2018, "R1"]))
    assert ClosedYear.objects.filter(root__code="R1", year=2018).exists()
    assert "đã khóa đánh giá" in client.get(reverse("rating-grid", args=[2018, "S1"])).content.decode()


def test_grid_query_count(as_user, django_assert_max_num_queries):
    client = as_user("board")
    with django_assert_max_num_queries(20):
        assert client.get(reverse("rating-grid", args=[2018, "D1"])).status_code == 200
