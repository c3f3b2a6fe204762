"""Recording a member event from the web: parse, check access, call the service, explain."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from dangbo.accounts.scope import check_member_event, reach
from dangbo.core.web import day_of
from dangbo.domain.problems import DomainError, RuleBlocked

from . import services
from .forms import MemberEventForm
from .models import Person


@login_required
def record_event(request):
    today, _ = day_of(request)
    if not reach(request.user, today).can_write:
        raise PermissionDenied
    form = MemberEventForm(request.POST or None, initial={"ngay": today, **request.GET.dict()})
    problems, blocked = [], False
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data
        person = Person.objects.filter(code=f["ma_nguoi"]).first()
        day = f["ngay"]
        try:
            if person is None:
                raise Http404
            cell = check_member_event(request.user, person=person, cell_code=f["ma_to_chuc"], day=day, kind=f["loai"])
        except Http404:
            # an unknown code and one outside the reach answer alike
            form.add_error("ma_nguoi", f"Không có người mang mã {f['ma_nguoi']} (hoặc chi bộ {f['ma_to_chuc']}) "
                                       "trong phạm vi ghi của bạn." if f["ma_to_chuc"] else
                           f"Không có người mang mã {f['ma_nguoi']} trong phạm vi ghi của bạn.")
        else:
            try:
                services.record_member_event(
                    user=request.user, kind=f["loai"], person=person, date=day, cell=cell, status=f["trang_thai"],
                    admission_date=f["ngay_ket_nap"], ceremony_date=f["ngay_le_ket_nap"], decision_date=f["ngay_quyet_dinh"],
                    card_no=f["so_the"], badge_years=f["so_nam"], early=f["som"], decision_no=f["so_quyet_dinh"],
                    note=f["ghi_chu"], override_reason=f["ly_do_vuot"] or None)
            except RuleBlocked as exc:
                problems, blocked = exc.messages, True
            except DomainError as exc:
                problems = exc.messages
            else:
                messages.success(request, "Đã ghi biến động.")
                return redirect(f"/dang-vien/{person.code}/?ngay={day:%Y-%m-%d}")
    status = 400 if request.method == "POST" else 200
    return render(request, "dangbo/event_form.html", {"title": "Ghi biến động đảng viên", "form": form, "problems": problems,
                                                     "blocked": blocked}, status=status)
