"""A meeting's page: minutes, and voiding a meeting recorded by mistake (it stops counting)."""

from django.urls import reverse

from dangbo.meetings.models import Attendance, Meeting


def test_minutes_and_void(as_user):
    client = as_user("secretary_a")
    url = reverse("meeting-detail", args=["SH1"])
    assert "Trần Thị Bình" in client.get(url).content.decode()
    client.post(url, {"buoc": "bien_ban", "bien_ban": "Chi bộ thống nhất kế hoạch quý I."})
    assert Meeting.objects.get(code="SH1").minutes == "Chi bộ thống nhất kế hoạch quý I."
    refused = client.post(url, {"buoc": "huy", "ly_do": " "}, follow=True)
    assert "Hủy một bản ghi cần ghi rõ lý do." in refused.content.decode()
    client.post(url, {"buoc": "huy", "ly_do": "Ghi nhầm ngày"})
    assert Meeting.objects.get(code="SH1").void_reason == "Ghi nhầm ngày"
    assert not Attendance.objects.current().filter(meeting__code="SH1").exists()
    assert as_user("secretary_b").get(url).status_code == 404
