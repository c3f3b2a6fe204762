"""Holding a cell meeting from the cell's page: attendance kept, problems named, and three
months of absence without reason raising the dashboard's alert."""

import datetime as dt

import pytest
from django.urls import reverse

from dangbo.audit.models import AuditEntry
from dangbo.domain.problems import DomainError
from dangbo.meetings.models import Attendance, Meeting
from dangbo.meetings.services import record_meeting
from dangbo.orgs.models import Org


def _hold(client, day, **attendance):
    return client.post(reverse("meeting-hold", args=["C1"]), {"ngay": day, "loai": "thuong_ky", "noi_dung": "Sinh hoạt tháng",
                                                               **{f"dv_{k}": v for k, v in attendance.items()}})


def test_a_secretary_holds_a_meeting(as_user):
    client = as_user("secretary_a")
    page = client.get(reverse("meeting-hold", args=["C1"]), {"ngay": "2017-01-05"}).content.decode()
    assert "Nguyễn Văn An" in page and "Trần Thị Bình" in page and "Hoàng Văn Em" not in page  # C1's members that day
    assert _hold(client, "2017-01-05", P2="vang_khong_ly_do").status_code == 302
    meeting = Meeting.objects.get(cell__code="C1", date=dt.date(2017, 1, 5))
    got = dict(Attendance.objects.filter(meeting=meeting).values_list("person__code", "status"))
    assert got == {"P1": "co_mat", "P2": "vang_khong_ly_do", "P3": "co_mat"}
    assert AuditEntry.objects.filter(action="meeting.record", object_id=meeting.code, user__username="bithu_d1").exists()


def test_problems_are_named_and_nothing_written(as_user, people):
    bad = as_user("secretary_a").post(reverse("meeting-hold", args=["D1"]), {"ngay": "2017-01-05", "loai": "thuong_ky"})
    assert bad.status_code == 400 and "không phải là chi bộ" in bad.content.decode()
    with pytest.raises(DomainError) as refused:
        record_meeting(user=people["board"], cell=Org.objects.get(code="C1"), date=dt.date(2017, 1, 5), kind="hop",
                       attendance={"P4": "co_mat", "P1": "di_choi"})
    assert refused.value.messages == ["Loại buổi sinh hoạt không hợp lệ: hop.", "P4 không sinh hoạt ở chi bộ C1 vào ngày 05/01/2017.",
                                      "Tình trạng dự sinh hoạt của P1 không hợp lệ: di_choi."]
    assert not Meeting.objects.filter(date=dt.date(2017, 1, 5)).exists()


def test_three_months_absent_raise_the_alert(as_user):
    client = as_user("secretary_a")
    for day in ("2017-01-05", "2017-02-06", "2017-03-06"):
        assert _hold(client, day, P2="vang_khong_ly_do").status_code == 302
    page = client.get(reverse("dashboard"), {"ngay": "2017-03-31"}).content.decode()
    assert "Vắng sinh hoạt không lý do" in page and "Trần Thị Bình: vắng sinh hoạt không lý do 3 tháng trong năm 2017" in page
    assert "Chi bộ Ngân sách: không có buổi sinh hoạt thường kỳ nào trong tháng 02/2017" in page
