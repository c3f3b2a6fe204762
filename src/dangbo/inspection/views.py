"""Inspection, supervision and discipline: confidential pages of the inspection roles (the
bloc's UBKT officers and administrators); everyone else is refused, not shown an empty list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangbo.accounts.access import INSPECTORS, check_subject, inspection_reach, visible_version
from dangbo.core.web import act, render_form
from dangbo.domain.problems import DomainError, RuleBlocked

from . import services
from .forms import ConclusionForm, DisciplineForm, InspectionForm
from .models import Discipline, Inspection
from .selectors import records_in_reach


def _page(request, inspection: InspectionForm, discipline: DisciplineForm, problems: list[str], blocked: bool = False):
    today = timezone.localdate()
    r = inspection_reach(request.user, today)
    inspections = records_in_reach(Inspection, r, request.user, today, "actor").select_related(
        "actor", "subject_org", "subject_person").order_by("-date", "-id")
    disciplines = records_in_reach(Discipline, r, request.user, today, "decided_by").select_related(
        "decided_by", "subject_org", "subject_person").order_by("-date", "-id")
    return render_form(request, "inspection/list.html", {
        "inspections": inspections[:100], "disciplines": disciplines[:100], "inspection_form": inspection,
        "discipline_form": discipline, "blocked": blocked, "can_write": True}, problems)


def _inspection_form(data=None) -> InspectionForm:
    return InspectionForm(data, auto_id="kt_%s")


def _discipline_form(data=None) -> DisciplineForm:
    return DisciplineForm(data, auto_id="kl_%s")


@login_required
def inspection_list(request):
    """Inspections and disciplines in reach, newest first, with the forms to record them."""
    inspection_reach(request.user, timezone.localdate())  # 403 for any other role
    return _page(request, _inspection_form(), _discipline_form(), [])


def _refused(exc: Exception) -> list[str]:
    if isinstance(exc, Http404):
        return ["Đối tượng, đơn vị chủ thể hoặc cơ quan quyết định không có trong phạm vi của bạn vào ngày này."]
    return exc.messages  # type: ignore[attr-defined]


@login_required
@require_POST
def record_inspection(request):
    """Record an inspection or a supervision of a unit or member in reach."""
    inspection_reach(request.user, timezone.localdate())
    form = _inspection_form(request.POST)
    if not form.is_valid():
        return _page(request, form, _discipline_form(), ["Chưa ghi được: xem các ô ghi lỗi bên dưới."])
    f = form.cleaned_data
    try:
        check_subject(request.user, f["doi_tuong"], f["ma_doi_tuong"], f["ngay"], INSPECTORS)
        actor = visible_version(request.user, f["ma_chu_the"], f["ngay"], INSPECTORS).org
        services.record_inspection(user=request.user, date=f["ngay"], form=f["hinh_thuc"], actor=actor, body=f["co_quan"],
                                   subject_kind=f["doi_tuong"], subject=f["ma_doi_tuong"], content=f["noi_dung"],
                                   conclusion=f["ket_luan"])
    except (Http404, DomainError) as exc:
        return _page(request, form, _discipline_form(), _refused(exc))
    messages.success(request, "Đã ghi cuộc kiểm tra, giám sát.")
    return redirect("inspections")


@login_required
@require_POST
def record_discipline(request):
    """Record a discipline of a unit or member in reach; a rule that blocks (a probationary
    member's form) is set aside only with a reason."""
    inspection_reach(request.user, timezone.localdate())
    form = _discipline_form(request.POST)
    if not form.is_valid():
        return _page(request, _inspection_form(), form, ["Chưa ghi được: xem các ô ghi lỗi bên dưới."])
    f = form.cleaned_data
    try:
        check_subject(request.user, f["doi_tuong"], f["ma_doi_tuong"], f["ngay"], INSPECTORS)
        body = visible_version(request.user, f["ma_co_quan"], f["ngay"], INSPECTORS).org
        services.record_discipline(user=request.user, date=f["ngay"], subject_kind=f["doi_tuong"], subject=f["ma_doi_tuong"],
                                   form=f["hinh_thuc"], decided_by=body, decision_no=f["so_quyet_dinh"], note=f["ghi_chu"],
                                   override_reason=f["ly_do_vuot"] or None)
    except (Http404, DomainError) as exc:
        return _page(request, _inspection_form(), form, _refused(exc), isinstance(exc, RuleBlocked))
    messages.success(request, "Đã ghi quyết định kỷ luật.")
    return redirect("inspections")


@login_required
def conclude(request, pk: int):
    """Record the conclusion of an inspection in reach."""
    today = timezone.localdate()
    r = inspection_reach(request.user, today)
    record = get_object_or_404(records_in_reach(Inspection, r, request.user, today, "actor"), pk=pk)
    if request.method == "POST":
        act(request, ConclusionForm(request.POST),
            lambda f: services.record_conclusion(user=request.user, inspection=record, conclusion=f["ket_luan"]),
            "Đã ghi kết luận.")
    return redirect("inspections")
