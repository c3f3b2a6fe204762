"""Editing a person's details from their page, with a conflict check: the form carries the
version it was opened on, and a change saved meanwhile by someone else is never overwritten."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from dangbo.accounts.access import check_person_edit, reach, sees_sensitive
from dangbo.core.fields import RegisterDateField
from dangbo.domain import file_codes as FC
from dangbo.domain import member_file as MF
from dangbo.domain.problems import Conflict, DomainError

from .. import services
from ..choices import SEX_CHOICES
from ..models import Person


def _field(d: MF.Detail, stored: str = "") -> forms.Field:
    """The form field of one detail: a list for a coded one (with the text kept from before
    it was coded, until corrected), a date field, or text."""
    if d.kind == "date":
        return RegisterDateField(label=d.label, required=d.column == "ngay_sinh")
    if d.kind == "sex":
        return forms.ChoiceField(label=d.label, choices=SEX_CHOICES)
    if d.kind == "cccd":
        return forms.RegexField(label="Số CCCD (12 chữ số)", regex=r"^\d{12}$", required=False,
                                error_messages={"invalid": "Số CCCD phải gồm đúng 12 chữ số."})
    if d.coded:
        values = FC.gdpt_values() if d.kind == "gdpt" else FC.codes(d.kind)
        choices = [("", "—")] + [(v, FC.label(d.kind, v)) for v in values]
        if MF.needs_correcting(d, stored):
            choices.append((stored, f"{stored} (chưa rõ — hãy chọn lại)"))
        return forms.ChoiceField(label=d.label, choices=choices, required=False)
    return forms.CharField(label=d.label, max_length=d.length, required=d.column == "ho_ten")


class PersonForm(forms.Form):
    """The member's file a clerk keeps up to date (the `nguoi` sheet, member-file.md), and the
    day a change took effect."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    changed_on = RegisterDateField(
        label="Thay đổi có hiệu lực từ ngày", required=False,
        help_text="Ví dụ ngày nhận bằng, ngày được bổ nhiệm: thay đổi được lưu theo ngày và vào Phiếu bổ sung hồ sơ "
                  "của năm đó. Để trống nếu chỉ sửa chỗ ghi sai.")

    def __init__(self, *args, person: Person, sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        for d in MF.ALL:
            if d.sensitive and not sensitive:
                continue  # a role that may not read it does not change it either
            self.fields[d.field] = _field(d, getattr(person, d.field) or "")
        self.order_fields([d.field for d in MF.ALL] + ["changed_on", "version"])


@login_required
def edit_person(request, code: str):
    today = timezone.localdate()
    if not reach(request.user, today).can_write:
        raise PermissionDenied
    person = get_object_or_404(Person, code=code)
    check_person_edit(request.user, person, today)
    sensitive = sees_sensitive(request.user, person, today)

    def form_for(p: Person, data=None) -> PersonForm:
        return PersonForm(data, person=p, sensitive=sensitive,
                          initial={d.field: getattr(p, d.field) for d in MF.ALL} | {"version": p.version})

    form = form_for(person, request.POST or None)
    fields = [d.field for d in MF.ALL if d.field in form.fields]
    problems = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {f: (data[f] or None) if f == "citizen_id" else data[f] for f in fields
                   if (data[f] or None) != (getattr(person, f) or None)}
        try:
            services.update_person(user=request.user, person=person, expected_version=data["version"],
                                   changed_on=data["changed_on"], **changes)
        except Conflict as exc:
            problems = exc.messages
            person.refresh_from_db()
            form = form_for(person)
            return render(request, "members/edit.html", {"p": person, "form": form, "problems": problems, "conflict": True},
                          status=409)
        except DomainError as exc:
            problems = exc.messages
        else:
            messages.success(request, "Đã lưu thông tin." if changes else "Không có gì thay đổi.")
            return redirect("member-detail", person.code)
    status = 400 if request.method == "POST" else 200
    return render(request, "members/edit.html", {"p": person, "form": form, "problems": problems}, status=status)
