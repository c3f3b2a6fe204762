"""The awards page: proposals and their answers, a unit's history on its page."""

from django.urls import reverse

from dangbo.awards.models import Award


def test_secretary_records_an_award_for_their_cell(as_user):
    client = as_user("secretary_b")
    ok = client.post(reverse("award-record"), {"trang_thai": "quyet_dinh", "ngay": "2017-05-01", "hinh_thuc": "giay_khen",
                                         "doi_tuong": "tap_the", "ma_doi_tuong": "S1", "so_quyet_dinh": "15-QĐ"})
    assert ok.status_code == 302 and Award.objects.filter(subject_org__code="S1", decision_no="15-QĐ").exists()
    outside = client.post(reverse("award-record"), {"trang_thai": "quyet_dinh", "ngay": "2017-05-01", "hinh_thuc": "giay_khen",
                                              "doi_tuong": "ca_nhan", "ma_doi_tuong": "P1", "so_quyet_dinh": "16"})
    assert outside.status_code == 400 and "Không có đối tượng P1" in outside.content.decode()
    assert "Giấy khen của Đảng ủy Khối (Đã quyết định, số 15-QĐ)" in client.get(reverse("org-detail", args=["S1"])).content.decode()


def test_answer_to_a_proposal(as_user):
    client = as_user("secretary_a")
    prop = Award.objects.get(subject_person__code="P1", status="de_nghi")
    client.post(reverse("award-decide", args=[prop.pk]), {"ket_qua": "duoc_khen", "ngay": "2016-04-01", "so_quyet_dinh": "77/QĐ-UBND"})
    assert Award.objects.current().get(subject_person__code="P1").decision_no == "77/QĐ-UBND"
