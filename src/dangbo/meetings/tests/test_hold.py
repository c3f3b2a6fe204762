"""Holding a cell meeting from the cell's page: attendance kept, problems named, and three
months of absence without reason raising the dashboard's alert."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dangbo.audit.models import AuditEntry
from dangbo.domain.problems import DomainError
from dangbo.meetings.models import Attendance, Meeting
from dangbo.meetings.services import record_meeting
from dangbo.orgs.models import Org

C1_IN_2017 = ("P1", "P2", "P3")  # C1's members in 2017, each with a line on the form


def _hold(client, day, listed_for=None, **attendance):
    """The form as the page posts it: a line for each member listed, present unless marked."""
    marked = {code: "co_mat" for code in C1_IN_2017} | attendance
    return client.post(reverse("meeting-hold", args=["C1"]), {
        "ngay": day, "danh_sach_ngay": listed_for or day, "loai": "thuong_ky", "noi_dung": "Sinh hoạt tháng",
        **{f"dv_{k}": v for k, v in marked.items()}})


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


# ---- issue 20: attendance of exactly the members shown, on the meeting's date ----------------
def test_a_form_drawn_for_another_day_saves_nothing_and_lists_the_meetings_day(as_user):
    client = as_user("secretary_a")
    refused = _hold(client, "2016-06-01", listed_for="2017-01-05")  # P3 was still in C2 on 2016-06-01
    page = refused.content.decode()
    assert refused.status_code == 400 and "chưa ghi gì" in page
    assert "Lê Văn Cường" not in page and "Nguyễn Văn An" in page
    assert not Meeting.objects.filter(cell__code="C1", date__year__in=(2016, 2017)).exists()


def test_a_member_missing_from_the_form_saves_nothing(as_user):
    client = as_user("secretary_a")
    form = {"ngay": "2017-01-05", "danh_sach_ngay": "2017-01-05", "loai": "thuong_ky", "dv_P1": "co_mat", "dv_P2": "co_mat"}
    assert client.post(reverse("meeting-hold", args=["C1"]), form).status_code == 400
    assert not Meeting.objects.filter(cell__code="C1", date__year__in=(2016, 2017)).exists()


def test_a_meeting_planned_ahead_is_saved_without_attendance(as_user, people):
    future = timezone.localdate() + dt.timedelta(days=20)
    response = as_user("secretary_a").post(reverse("meeting-hold", args=["C1"]), {"ngay": future.isoformat(), "loai": "thuong_ky"})
    assert response.status_code == 302
    meeting = Meeting.objects.get(date=future)
    assert not meeting.attendance.exists()


def test_attendance_of_a_meeting_not_yet_held_is_refused(people):
    future = timezone.localdate() + dt.timedelta(days=20)
    with pytest.raises(DomainError) as refused:
        record_meeting(user=people["board"], cell=Org.objects.get(code="C1"), date=future, kind="thuong_ky",
                       attendance={"P1": "co_mat"})
    assert refused.value.messages == [f"Buổi sinh hoạt ngày {future:%d/%m/%Y} chưa diễn ra: ghi kế hoạch thì chưa ghi dự sinh hoạt."]


def test_a_cells_page_lists_its_meetings(as_user):
    client = as_user("secretary_a")
    fragment = client.get(reverse("cell-meetings", args=["C1"]), {"ngay": "2016-12-31"}, HTTP_HX_REQUEST="true").content.decode()
    assert "05/02/2015" in fragment and "Sinh hoạt chi bộ" in fragment
    assert 'hx-get="/to-chuc/C1/cac-buoi-sinh-hoat/' in client.get(reverse("org-detail", args=["C1"])).content.decode()
