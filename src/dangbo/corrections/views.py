"""The pages that void a record (with the reason) and correct one (a new copy that
supersedes it), for every kind of `kinds.KINDS`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangbo.core.forms import VoidForm
from dangbo.core.web import flash_refusal
from dangbo.domain.problems import DomainError, RuleBlocked

from .kinds import kind_of, record_for_writer


@login_required
@require_POST
def void_view(request, kind: str, pk: int):
    """Void a record with the written reason; back to the page it is shown on."""
    k = kind_of(kind)
    record = record_for_writer(request.user, k, pk)
    form = VoidForm(request.POST)
    if not form.is_valid() or not form.cleaned_data["ly_do"].strip():
        messages.error(request, f"Hủy {k.label} cần ghi rõ lý do.")
    else:
        try:
            k.void(user=request.user, reason=form.cleaned_data["ly_do"].strip(), **{k.arg: record})
        except DomainError as exc:
            flash_refusal(request, exc)
        else:
            messages.success(request, f"Đã hủy {k.label}; bản ghi được giữ lại, gạch ngang, kèm lý do.")
            record.refresh_from_db()
    return redirect(k.back(record))


@login_required
def correct_view(request, kind: str, pk: int):
    """Correct a record: the form of a new one, filled with the record; the copy supersedes it."""
    k = kind_of(kind)
    if k.form is None or k.correct is None:
        raise Http404
    record = record_for_writer(request.user, k, pk)
    form = k.form(request.POST or None, initial=k.initial(record))
    problems: list[str] = []
    blocked = False
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data
        try:
            new = k.correct(request.user, record, f["ly_do"].strip(), f)
        except Http404:
            problems = ["Đối tượng hoặc đơn vị đã nhập không thuộc phạm vi ghi của bạn vào ngày này."]
        except PermissionDenied:
            problems = ["Vai trò của bạn chỉ được xem đơn vị đã nhập."]
        except DomainError as exc:
            problems, blocked = exc.messages, isinstance(exc, RuleBlocked)
        else:
            messages.success(request, f"Đã sửa {k.label}; bản cũ được giữ lại, gạch ngang, kèm lý do.")
            return redirect(k.back(new))
    return render(request, "dangbo/event_form.html", {
        "title": f"Sửa {k.label}", "form": form, "problems": problems, "blocked": blocked, "what": k.label},
        status=400 if request.method == "POST" else 200)
