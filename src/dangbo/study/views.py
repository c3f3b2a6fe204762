"""Study of resolutions: campaigns in reach with their totals, a campaign's unit reports, and
a form to report a unit's figures with the member count proposed from the register."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from dangbo.accounts.access import reach, restrict_versions, visible_version, writable_version
from dangbo.core.forms import problems_of
from dangbo.core.web import render_form
from dangbo.domain.dates import parse_date
from dangbo.domain.problems import DomainError
from dangbo.orgs.models import OrgVersion

from . import selectors, services
from .forms import StudyReportForm
from .models import StudyReport


def _proposal(request) -> int | None:
    """The unit's member count on the chosen day, if the unit is in reach."""
    try:
        day = parse_date(request.GET.get("ngay", "")) or timezone.localdate()
        return selectors.members_expected(visible_version(request.user, request.GET.get("ma_to_chuc", ""), day).org, day)
    except (ValueError, Http404):
        return None


@login_required
def study_list(request):
    """Campaigns reported by units in reach (a campaign's rows with `?dot=`); the report form."""
    today, problems = timezone.localdate(), []
    r = reach(request.user, today)
    if request.GET.get("de_xuat"):
        return render(request, "study/_members_total.html", {"value": _proposal(request)})
    form = StudyReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not r.can_write:
            raise Http404
        problems = problems_of(form)
        if not problems:
            f = form.cleaned_data
            org = writable_version(request.user, f["ma_to_chuc"], f["ngay"]).org
            try:
                services.record_study(user=request.user, campaign_code=f["ma_dot"], campaign_name=f["ten_dot"],
                                      date=f["ngay"], org=org, members_total=f["dv_tong"], members_reached=f["dv_tham_gia"],
                                      workers_total=f["cnvc_tong"], workers_reached=f["cnvc_tham_gia"])
            except DomainError as exc:
                problems = exc.messages
            else:
                messages.success(request, "Đã ghi kết quả học tập nghị quyết.")
                return redirect(f"/hoc-tap/?dot={f['ma_dot'].strip()}")
    units = restrict_versions(OrgVersion.objects.all(), request.user, today)
    reports = StudyReport.objects.current().filter(org_id__in=units.values("org_id"))
    chosen = request.GET.get("dot", "")
    return render_form(request, "study/list.html", {
        "campaigns": selectors.campaigns(reports), "chosen": chosen,
        "rows": selectors.reports_of(chosen, reports) if chosen else [], "can_write": r.can_write,
        "units": units.select_related("org").order_by("path"), "form": form.data}, problems)
