"""Awards: the awards and proposals in reach, a form to record or propose one, and the
higher body's answer to a proposal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from dangbo.accounts.choices import WRITERS
from dangbo.accounts.scope import check_subject, reach, restrict_versions, writable_version
from dangbo.core.web import flash_refusal, form_day, render_form
from dangbo.domain.labels import AWARD_FORM, AWARD_STATUS, AWARD_SUBJECT_KIND
from dangbo.domain.problems import DomainError, RuleBlocked
from dangbo.orgs.models import OrgVersion

from . import selectors, services


@login_required
def award_list(request):
    """Awards and proposals in reach, newest first; the form to record one."""
    today, problems, blocked = timezone.localdate(), [], False
    r = reach(request.user, today)
    if request.method == "POST":
        if not r.can_write:
            raise Http404
        day = form_day(request, "ngay", "Ngày", problems)
        kind, subject = request.POST.get("doi_tuong", ""), request.POST.get("ma_doi_tuong", "").strip()
        if day and not problems:
            try:
                # any kind but a collective is looked up as a person: an unknown kind finds nobody (404)
                check_subject(request.user, kind if kind == "tap_the" else "ca_nhan", subject, day)
                by = request.POST.get("ma_co_quan", "").strip()
                granted_by = writable_version(request.user, by, day).org if by else None
            except Http404:
                problems.append(f"Không có đối tượng {subject} hoặc đơn vị {request.POST.get('ma_co_quan', '')} "
                                f"trong phạm vi của bạn vào ngày {day:%d/%m/%Y}.")
        if day and not problems:
            try:
                services.record_award(user=request.user, date=day, form=request.POST.get("hinh_thuc", ""), subject_kind=kind,
                                      subject=subject, status=request.POST.get("trang_thai", "quyet_dinh"), granted_by=granted_by,
                                      content=request.POST.get("noi_dung", ""), decision_no=request.POST.get("so_quyet_dinh", ""),
                                      override_reason=request.POST.get("ly_do_vuot") or None)
            except DomainError as exc:
                problems, blocked = exc.messages, isinstance(exc, RuleBlocked)
            else:
                messages.success(request, "Đã ghi khen thưởng.")
                return redirect("awards")
    awards = selectors.awards_in_reach(request.user, today).select_related("subject_org", "subject_person", "granted_by")
    units = restrict_versions(OrgVersion.objects.select_related("org"), request.user, today).order_by("path")
    return render_form(request, "awards/list.html", {
        "proposals": awards.filter(status="de_nghi").order_by("-date", "-id"),
        "awards": awards.exclude(status="de_nghi").order_by("-date", "-id")[:200], "units": units,
        "forms": AWARD_FORM.items(), "subjects": AWARD_SUBJECT_KIND.items(), "statuses": AWARD_STATUS.items(),
        "can_write": r.can_write, "form": request.POST, "blocked": blocked}, problems)


@login_required
def decide(request, pk: int):
    """Record the higher body's answer to a proposal: granted with its decision, or not."""
    today = timezone.localdate()
    if not reach(request.user, today).can_write:
        raise Http404
    proposal = get_object_or_404(selectors.awards_in_reach(request.user, today, WRITERS), pk=pk, status="de_nghi")
    if request.method == "POST":
        problems: list[str] = []
        granted = request.POST.get("ket_qua") == "duoc_khen"
        day = form_day(request, "ngay", "Ngày quyết định", problems, required=granted)
        try:
            if problems:
                raise DomainError.of(problems)
            services.decide_proposal(user=request.user, proposal=proposal, granted=granted, date=day,
                                     decision_no=request.POST.get("so_quyet_dinh", ""), reason=request.POST.get("ly_do", ""))
        except DomainError as exc:
            flash_refusal(request, exc)
        else:
            messages.success(request, "Đã ghi kết quả đề nghị khen thưởng.")
    return redirect("awards")
