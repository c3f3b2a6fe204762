"""The study page: the proposed member count (HTMX partial) and a unit's report."""

from django.urls import reverse

from dangbo.study.models import StudyReport


def test_member_count_is_proposed(as_user):
    part = as_user("secretary_a").get(reverse("study"), {"de_xuat": "1", "ma_to_chuc": "D1", "ngay": "2017-03-01"})
    assert 'value="3"' in part.content.decode() and "theo sổ đảng viên: 3" in part.content.decode()
    outside = as_user("secretary_a").get(reverse("study"), {"de_xuat": "1", "ma_to_chuc": "S1", "ngay": "2017-03-01"})
    assert "theo sổ" not in outside.content.decode()


def test_report_and_list(as_user):
    client = as_user("secretary_a")
    bad = client.post(reverse("study"), {"ma_dot": "NQ5", "ngay": "2017-03-01", "ma_to_chuc": "D1", "dv_tong": "3",
                                         "dv_tham_gia": "ba", "cnvc_tong": "10", "cnvc_tham_gia": "10"})
    assert bad.status_code == 400 and "Đảng viên tham gia: &#x27;ba&#x27; không phải là số nguyên." in bad.content.decode()
    ok = client.post(reverse("study"), {"ma_dot": "NQ5", "ngay": "2017-03-01", "ma_to_chuc": "D1", "dv_tong": "3",
                                        "dv_tham_gia": "3", "cnvc_tong": "10", "cnvc_tham_gia": "9"})
    assert ok.status_code == 302 and StudyReport.objects.filter(campaign_code="NQ5").exists()
    assert "NQ5" in client.get(reverse("study")).content.decode()
