"""Holding a cell meeting: the cell's members on the day, each one's attendance, saved in one go."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from dangbo.accounts.scope import may_write, visible_version
from dangbo.core.temporal import on
from dangbo.core.web import day_of, flash_refusal
from dangbo.domain import codes as C
from dangbo.domain.dates import parse_date
from dangbo.domain.labels import ATTENDANCE, MEETING_KIND
from dangbo.domain.problems import DomainError
from dangbo.members.models import MemberSpell

from . import services
from .models import Meeting


@login_required
def hold_meeting(request, code: str):
    day, problem = day_of(request)
    problems = [problem] if problem else []
    if request.method == "POST":
        try:
            day = parse_date(request.POST.get("ngay", "")) or day
        except ValueError:
            problems.append(f"Ngày '{request.POST.get('ngay')}' không hợp lệ.")
    version = visible_version(request.user, code, day)
    if not may_write(request.user, version, day):
        raise PermissionDenied
    members = list(MemberSpell.objects.filter(on(day), cell_id=version.org_id).select_related("person")
                   .order_by("person__search_name"))
    if version.level not in C.CELL_LEVELS:
        problems.append(f"{version.name} không phải là chi bộ: chỉ chi bộ mới ghi buổi sinh hoạt.")
    if request.method == "POST" and not problems:
        attendance = {s.person.code: request.POST.get(f"dv_{s.person.code}", "co_mat") for s in members if not s.exempt}
        try:
            services.record_meeting(user=request.user, cell=version.org, date=day, kind=request.POST.get("loai", ""),
                                    topic=request.POST.get("noi_dung", "").strip(), attendance=attendance)
        except DomainError as exc:
            problems = exc.messages
        else:
            messages.success(request, "Đã ghi buổi sinh hoạt.")
            return redirect(f"/to-chuc/{version.org.code}/sinh-hoat/?ngay={day:%Y-%m-%d}")
    recent = Meeting.objects.current().filter(cell_id=version.org_id).order_by("-date", "-id")[:12]
    return render(request, "meetings/hold.html", {
        "v": version, "day": day, "members": members, "kinds": MEETING_KIND.items(), "statuses": ATTENDANCE.items(),
        "problems": problems, "recent": recent}, status=400 if request.method == "POST" else 200)


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
        try:
            if request.POST.get("buoc") == "huy":
                services.void_meeting(user=request.user, meeting=meeting, reason=request.POST.get("ly_do", ""))
                messages.success(request, "Đã hủy buổi sinh hoạt.")
            else:
                services.record_minutes(user=request.user, meeting=meeting, minutes=request.POST.get("bien_ban", ""))
                messages.success(request, "Đã ghi biên bản.")
        except DomainError as exc:
            flash_refusal(request, exc)
        return redirect("meeting-detail", code)
    attendance = meeting.attendance.all().select_related("person").order_by("person__search_name")
    return render(request, "meetings/detail.html", {"m": meeting, "v": version, "attendance": attendance, "can_write": can_write})
