"""Recording an organization event from the web: parse, check access, call the service, explain."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangbo.accounts.access import check_org_event, reach
from dangbo.core.forms import VoidForm
from dangbo.core.web import act, day_of
from dangbo.domain.problems import DomainError

from .. import services
from ..forms import OrgEventForm
from ..models import Org
from ..selectors import event_for_writer


@login_required
def record_event(request):
    today, _ = day_of(request)
    if not reach(request.user, today).can_write:
        raise PermissionDenied
    form = OrgEventForm(request.POST or None, initial={"ngay": today, **request.GET.dict()})
    problems = []
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data
        day = f["ngay"]
        check_org_event(request.user, kind=f["loai"], code=f["ma"], parent=f["ma_cap_tren"], target=f["ma_dich"], day=day)
        try:
            services.record_org_event(user=request.user, kind=f["loai"], org=f["ma"], date=day, name=f["ten"],
                                      level=f["cap"], org_type=f["loai_hinh"], parent=f["ma_cap_tren"],
                                      target=f["ma_dich"], decision_no=f["so_quyet_dinh"], note=f["ghi_chu"])
        except DomainError as exc:
            problems = exc.messages
        else:
            messages.success(request, "Đã ghi biến động tổ chức.")
            if Org.objects.filter(code=f["ma"]).exists() and f["loai"] not in ("giai_the", "sap_nhap", "chuyen_giao"):
                return redirect(f"/to-chuc/{f['ma']}/?ngay={day:%Y-%m-%d}")
            return redirect(f"/to-chuc/?ngay={day:%Y-%m-%d}")
    status = 400 if request.method == "POST" else 200
    return render(request, "dangbo/event_form.html", {"title": "Ghi biến động tổ chức", "form": form, "problems": problems},
                  status=status)


@login_required
@require_POST
def void_event(request, pk: int):
    """Void a unit event recorded by mistake, with the reason; the tree is rebuilt without it
    (refused if what remains would no longer hold)."""
    event = event_for_writer(request.user, pk)
    act(request, VoidForm(request.POST),
        lambda f: services.void_org_event(user=request.user, event=event, reason=f["ly_do"].strip()),
        f"Đã hủy biến động {event.get_kind_display().lower()} ngày {event.date:%d/%m/%Y}.")
    return redirect("org-detail", event.org.code)
