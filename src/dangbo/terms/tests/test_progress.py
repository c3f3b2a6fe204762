"""A term's targets on their page, and a target's progress changing after an admission."""

import datetime as dt

from django.urls import reverse

from dangbo.members.models import Person
from dangbo.members.services import record_member_event
from dangbo.orgs.models import Org


def test_targets_and_their_progress(as_user, people):
    client = as_user("board")
    page = client.get(reverse("term-progress")).content.decode()
    assert "Nhiệm kỳ 2015-2020" in page and "1/2 chỉ tiêu đạt" in page
    assert "Kết nạp ít nhất 1 đảng viên" in page and "<td>Chưa đạt" in page and "đánh giá thủ công" in page
    assert reverse("report-figure", args=["dang_vien.ket_nap"]) + "?goc=R1&amp;nhiem_ky=2015-2020" in page
    record_member_event(user=people["board"], kind="ket_nap", person=Person.objects.get(code="P6"), date=dt.date(2017, 3, 1),
                        cell=Org.objects.get(code="S1"), override_reason="Đã học bù lớp nhận thức")
    page = client.get(reverse("term-progress"), {"nhiem_ky": "2015-2020"}).content.decode()
    assert "2/2 chỉ tiêu đạt" in page and "<td>Chưa đạt" not in page


def test_only_for_a_whole_root(as_user):
    assert as_user("secretary_a").get(reverse("term-progress")).status_code == 404
    assert as_user("board").get(reverse("term-progress"), {"nhiem_ky": "khong-co"}).status_code == 404
