"""Inspection, supervision and discipline: confidential pages of the inspection roles (the
bloc's UBKT officers and administrators); everyone else is refused, not shown an empty list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from dangbo.accounts.scope import (
    INSPECTORS,
    check_subject,
    inspection_reach,
    restrict_versions,
    visible_version,
)
from dangbo.core.web import flash_refusal, form_day, render_form
from dangbo.domain.labels import BODY, DISCIPLINE, INSPECTION_FORM, SUBJECT_KIND
from dangbo.domain.problems import DomainError, RuleBlocked
from dangbo.orgs.models import OrgVersion

from . import services
from .models import Discipline, Inspection
from .selectors import records_in_reach


@login_required
def inspection_list(request):
    """Inspections and disciplines in reach, newest first, with the forms to record them."""
    today = timezone.localdate()
    r = inspection_reach(request.user, today)
    problems, blocked = [], False
    if request.method == "POST":
        step = request.POST.get("buoc")
        day = form_day(request, "ngay", "Ngày", problems)
        if day and not problems:
            kind, subject = request.POST.get("doi_tuong", ""), request.POST.get("ma_doi_tuong", "").strip()
            try:
                check_subject(request.user, kind, subject, day, INSPECTORS)
            except Http404:
                problems.append(f"Không có đối tượng {subject} trong phạm vi của bạn vào ngày {day:%d/%m/%Y}.")
        if day and not problems:
            try:
                if step == "ky_luat":
                    body = visible_version(request.user, request.POST.get("ma_co_quan", ""), day, INSPECTORS).org
                    services.record_discipline(user=request.user, date=day, subject_kind=kind, subject=subject,
                                               form=request.POST.get("hinh_thuc", ""), decided_by=body,
                                               decision_no=request.POST.get("so_quyet_dinh", ""),
                                               note=request.POST.get("ghi_chu", ""),
                                               override_reason=request.POST.get("ly_do_vuot") or None)
                    messages.success(request, "Đã ghi quyết định kỷ luật.")
                else:
                    actor = visible_version(request.user, request.POST.get("ma_chu_the", ""), day, INSPECTORS).org
                    services.record_inspection(user=request.user, date=day, form=request.POST.get("hinh_thuc", ""), actor=actor,
                                               body=request.POST.get("co_quan", ""), subject_kind=kind, subject=subject,
                                               content=request.POST.get("noi_dung", ""), conclusion=request.POST.get("ket_luan", ""))
                    messages.success(request, "Đã ghi cuộc kiểm tra, giám sát.")
            except Http404:
                problems.append("Đơn vị chủ thể hoặc cơ quan quyết định không có trong phạm vi của bạn vào ngày này.")
            except DomainError as exc:
                problems, blocked = exc.messages, isinstance(exc, RuleBlocked)
            else:
                return redirect("inspections")
    inspections = records_in_reach(Inspection, r, request.user, today, "actor").select_related(
        "actor", "subject_org", "subject_person").order_by("-date", "-id")
    disciplines = records_in_reach(Discipline, r, request.user, today, "decided_by").select_related(
        "decided_by", "subject_org", "subject_person").order_by("-date", "-id")
    units = restrict_versions(OrgVersion.objects.select_related("org"), request.user, today).order_by("path")
    return render_form(request, "inspection/list.html", {
        "inspections": inspections[:100], "disciplines": disciplines[:100], "units": units, "forms": INSPECTION_FORM.items(),
        "bodies": BODY.items(), "subjects": SUBJECT_KIND.items(), "discipline_forms": DISCIPLINE.items(),
        "form": request.POST, "blocked": blocked, "step": request.POST.get("buoc", "")}, problems)


@login_required
def conclude(request, pk: int):
    """Record the conclusion of an inspection in reach."""
    today = timezone.localdate()
    r = inspection_reach(request.user, today)
    record = get_object_or_404(records_in_reach(Inspection, r, request.user, today, "actor"), pk=pk)
    if request.method == "POST":
        try:
            services.record_conclusion(user=request.user, inspection=record, conclusion=request.POST.get("ket_luan", ""))
        except DomainError as exc:
            flash_refusal(request, exc)
        else:
            messages.success(request, "Đã ghi kết luận.")
    return redirect("inspections")
