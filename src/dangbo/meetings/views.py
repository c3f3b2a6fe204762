"""Holding a cell meeting: the cell's members on the day, each one's attendance, saved in one go."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from dangbo.accounts.access import may_write, visible_version
from dangbo.core.forms import problems_of
from dangbo.core.temporal import on
from dangbo.core.web import act, day_of, partial
from dangbo.domain import codes as C
from dangbo.domain.labels import ATTENDANCE, MEETING_KIND
from dangbo.domain.problems import DomainError
from dangbo.members.models import MemberSpell

from . import services
from .forms import AttendanceForm, MeetingForm, MeetingPageForm
from .models import Meeting


@login_required
def hold_meeting(request, code: str):
    day, problem = day_of(request)
    problems = [problem] if problem else []
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        problems += problems_of(form)
        day = form.cleaned_data.get("ngay") or day
    version = visible_version(request.user, code, day)
    if not may_write(request.user, version, day):
        raise PermissionDenied
    members = list(MemberSpell.objects.filter(on(day), cell_id=version.org_id).select_related("person")
                   .order_by("person__sort_name"))
    if version.level not in C.CELL_LEVELS:
        problems.append(f"{version.name} không phải là chi bộ: chỉ chi bộ mới ghi buổi sinh hoạt.")
    planned = day > timezone.localdate()  # a meeting planned ahead: attendance is taken once held
    marks = AttendanceForm(request.POST if request.method == "POST" and not planned else None, members)
    if request.method == "POST" and not problems and not planned:
        problems = _list_mismatch(form, marks, day) or problems_of(marks)
    if request.method == "POST" and not problems:
        # exactly the members shown on the form, as the clerk marked them
        attendance = {} if planned else marks.attendance()
        try:
            services.record_meeting(user=request.user, cell=version.org, date=day, kind=form.cleaned_data["loai"],
                                    topic=form.cleaned_data["noi_dung"].strip(), attendance=attendance)
        except DomainError as exc:
            problems = exc.messages
        else:
            messages.success(request, "Đã ghi buổi sinh hoạt.")
            return redirect(f"/to-chuc/{version.org.code}/sinh-hoat/?ngay={day:%Y-%m-%d}")
    recent = Meeting.objects.current().filter(cell_id=version.org_id).order_by("-date", "-id")[:12]
    return render(request, "meetings/hold.html", {
        "v": version, "day": day, "members": members, "kinds": MEETING_KIND.items(), "statuses": ATTENDANCE.items(),
        "problems": problems, "recent": recent, "planned": planned}, status=400 if request.method == "POST" else 200)


def _list_mismatch(form: MeetingForm, marks: AttendanceForm, day) -> list[str]:
    """The form lists the cell's members on the day it was drawn up for: if the meeting's date
    was changed since, or the list no longer matches the register, nothing is saved and the
    form comes back with the members of the meeting's date, to mark again."""
    listed_for = form.cleaned_data.get("danh_sach_ngay")
    if listed_for == day and marks.marked() == {s.person.code for s in marks.due}:
        return []
    return [f"Danh sách trên phiếu không phải danh sách đảng viên của chi bộ vào ngày sinh hoạt {day:%d/%m/%Y}: "
            "chưa ghi gì. Danh sách dưới đây đã được lập lại theo ngày sinh hoạt; hãy đánh dấu rồi ghi lại."]


@login_required
def cell_meetings(request, code: str):
    """A cell's meetings, newest first (planned ones marked), for its page."""
    day, _ = day_of(request)
    version = visible_version(request.user, code, day)
    meetings = Meeting.objects.current().filter(cell_id=version.org_id).order_by("-date", "-id")[:24]
    template = "meetings/_cell_meetings.html" if partial(request) else "meetings/cell_meetings.html"
    return render(request, template, {"v": version, "day": day, "meetings": meetings, "today": timezone.localdate()})


@login_required
def meeting_detail(request, code: str):
    """One meeting: who attended and how, its minutes; for those who record, the minutes form
    and voiding a meeting recorded by mistake (with the reason)."""
    meeting = Meeting.objects.select_related("cell").filter(code=code).first()
    if meeting is None:
        raise Http404
    version = visible_version(request.user, meeting.cell.code, meeting.date)
    can_write = may_write(request.user, version, meeting.date)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        def page_action(f):
            if f["buoc"] == "huy":
                services.void_meeting(user=request.user, meeting=meeting, reason=f["ly_do"])
            else:
                services.record_minutes(user=request.user, meeting=meeting, minutes=f["bien_ban"])
        act(request, MeetingPageForm(request.POST), page_action,
            lambda f: "Đã hủy buổi sinh hoạt." if f["buoc"] == "huy" else "Đã ghi biên bản.")
        return redirect("meeting-detail", code)
    attendance = meeting.attendance.all().select_related("person").order_by("person__sort_name")
    return render(request, "meetings/detail.html", {"m": meeting, "v": version, "attendance": attendance, "can_write": can_write})
