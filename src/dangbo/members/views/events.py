"""Recording a member event from the web: parse, check access, call the service, explain."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangbo.accounts.access import check_member_event, reach, subject_reached, writable_version
from dangbo.core.forms import VoidForm
from dangbo.core.web import day_of, flash_refusal
from dangbo.domain.problems import DomainError, RuleBlocked

from .. import services
from ..forms import MemberEventForm
from ..models import Person
from ..selectors import event_for_writer


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
                services.record_member_event(user=request.user, person=person, cell=cell, **form.event_fields())
            except RuleBlocked as exc:
                problems, blocked = exc.messages, True
            except DomainError as exc:
                problems = exc.messages
            else:
                messages.success(request, "Đã ghi biến động.")
                return redirect("member-detail", person.code)  # as of today: a back-dated event's effect now
    status = 400 if request.method == "POST" else 200
    return render(request, "dangbo/event_form.html", {"title": "Ghi biến động đảng viên", "form": form, "problems": problems,
                                                     "blocked": blocked}, status=status)


@login_required
@require_POST
def void_event(request, pk: int):
    """Void a member event recorded by mistake, with the reason; the member's history is
    rebuilt without it (refused if what remains would no longer hold)."""
    if not reach(request.user, timezone.localdate()).can_write:
        raise PermissionDenied
    event = event_for_writer(request.user, pk)
    form = VoidForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hủy một biến động cần ghi rõ lý do.")
    else:
        try:
            services.void_member_event(user=request.user, event=event, reason=form.cleaned_data["ly_do"].strip())
        except DomainError as exc:
            flash_refusal(request, exc)
        else:
            messages.success(request, f"Đã hủy biến động {event.get_kind_display().lower()} ngày {event.date:%d/%m/%Y}.")
    return redirect("member-detail", event.person.code)


class CorrectEventForm(MemberEventForm):
    ALWAYS = (*MemberEventForm.ALWAYS, "ly_do")
    ly_do = forms.CharField(label="Lý do sửa (được lưu cùng bản cũ)", max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ma_nguoi"].disabled = True


@login_required
def correct_event(request, pk: int):
    """Correct a member event: the corrected copy supersedes it (the old one stays in the
    history, struck through, with who, when and why)."""
    if not reach(request.user, timezone.localdate()).can_write:
        raise PermissionDenied
    event = event_for_writer(request.user, pk)
    initial = {"loai": event.kind, "ngay": event.date, "ma_nguoi": event.person.code, "ma_to_chuc": event.cell.code if event.cell else "",
               "trang_thai": event.status, "ngay_ket_nap": event.admission_date, "ngay_le_ket_nap": event.ceremony_date,
               "ngay_quyet_dinh": event.decision_date, "so_the": event.card_no, "so_nam": event.badge_years, "som": event.early,
               "so_quyet_dinh": event.decision_no, "ghi_chu": event.note}
    form = CorrectEventForm(request.POST or None, initial=initial)
    problems, blocked = [], False
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data
        try:
            cell = writable_version(request.user, f["ma_to_chuc"], f["ngay"]).org if f["ma_to_chuc"] else None
            if not subject_reached(request.user, event.person, f["ngay"]):
                raise Http404
        except Http404:
            form.add_error("ma_to_chuc", "Người hoặc chi bộ không thuộc phạm vi ghi của bạn vào ngày này.")
        else:
            try:
                services.correct_member_event(user=request.user, event=event, reason=f["ly_do"].strip(), cell=cell,
                                              **form.event_fields())
            except RuleBlocked as exc:
                problems, blocked = exc.messages, True
            except DomainError as exc:
                problems = exc.messages
            else:
                messages.success(request, "Đã sửa biến động; bản cũ được giữ trong quá trình, gạch ngang.")
                return redirect("member-detail", event.person.code)
    return render(request, "dangbo/event_form.html", {
        "title": f"Sửa biến động của {event.person.full_name}", "form": form, "problems": problems, "blocked": blocked},
        status=400 if request.method == "POST" else 200)
