"""Entering terms and targets from the progress page."""

from django.urls import reverse

from dangbo.terms.models import Target


def test_board_adds_and_judges_targets(as_user):
    client = as_user("board")
    client.post(reverse("target-add", args=["2015-2020"]), {"stt": "3", "noi_dung": "Kết nạp 5 đảng viên", "chi_so": "dang_vien.ket_nap",
                                                             "so_sanh": ">=", "gia_tri": "5"})
    assert Target.objects.current().get(number=3).threshold == 5
    page = client.get(reverse("term-progress"), {"nhiem_ky": "2015-2020"}).content.decode()
    assert "1/3 chỉ tiêu đạt" in page
    manual = Target.objects.current().get(number=2)
    client.post(reverse("target-judge", args=[manual.pk]), {"dat": "0", "ly_do": "Còn đơn thư"})
    assert "0/3 chỉ tiêu đạt" in client.get(reverse("term-progress"), {"nhiem_ky": "2015-2020"}).content.decode()


def test_refusals_reach_the_page(as_user):
    client = as_user("board")
    response = client.post(reverse("target-add", args=["2015-2020"]), {"stt": "1", "noi_dung": "Trùng", "dat": "1"}, follow=True)
    assert "Nhiệm kỳ 2015-2020 đã có chỉ tiêu số 1." in response.content.decode()
    response = client.post(reverse("term-new"), {"ma": "X", "ma_to_chuc": "R1", "tu_ngay": "2030-01-01", "den_ngay": "2025-01-01"}, follow=True)
    assert "Ngày kết thúc nhiệm kỳ trước ngày bắt đầu." in response.content.decode()
