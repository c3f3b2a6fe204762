"""Editing a person's details from their page, with a conflict check: the form carries the
version it was opened on, and a change saved meanwhile by someone else is never overwritten."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from dangbo.accounts.access import check_person_edit, reach
from dangbo.core.fields import RegisterDateField
from dangbo.domain.problems import Conflict, DomainError

from .. import services
from ..choices import SEX_CHOICES
from ..models import Person


class PersonForm(forms.Form):
    """The personal details a clerk keeps up to date (the exchange format's `nguoi` sheet)."""

    full_name = forms.CharField(label="Họ và tên", max_length=200)
    birth_date = RegisterDateField(label="Ngày sinh")
    sex = forms.ChoiceField(label="Giới tính", choices=SEX_CHOICES)
    citizen_id = forms.RegexField(label="Số CCCD (12 chữ số)", regex=r"^\d{12}$", required=False,
                                  error_messages={"invalid": "Số CCCD phải gồm đúng 12 chữ số."})
    ethnicity = forms.CharField(label="Dân tộc", required=False, max_length=100)
    religion = forms.CharField(label="Tôn giáo", required=False, max_length=100)
    hometown = forms.CharField(label="Quê quán", required=False, max_length=300)
    position = forms.CharField(label="Chức vụ", required=False, max_length=300)
    qualification = forms.CharField(label="Trình độ chuyên môn", required=False, max_length=200)
    theory_level = forms.CharField(label="Trình độ lý luận chính trị", required=False, max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput)


FIELDS = [f for f in PersonForm.base_fields if f != "version"]


@login_required
def edit_person(request, code: str):
    today = timezone.localdate()
    if not reach(request.user, today).can_write:
        raise PermissionDenied
    person = get_object_or_404(Person, code=code)
    check_person_edit(request.user, person, today)
    initial = {f: getattr(person, f) for f in FIELDS} | {"version": person.version}
    form = PersonForm(request.POST or None, initial=initial)
    problems = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {f: (data[f] or None) if f == "citizen_id" else data[f] for f in FIELDS if data[f] != getattr(person, f)}
        try:
            services.update_person(user=request.user, person=person, expected_version=data["version"], **changes)
        except Conflict as exc:
            problems = exc.messages
            person.refresh_from_db()
            form = PersonForm(initial={f: getattr(person, f) for f in FIELDS} | {"version": person.version})
            return render(request, "members/edit.html", {"p": person, "form": form, "problems": problems, "conflict": True},
                          status=409)
        except DomainError as exc:
            problems = exc.messages
        else:
            messages.success(request, "Đã lưu thông tin." if changes else "Không có gì thay đổi.")
            return redirect("member-detail", person.code)
    status = 400 if request.method == "POST" else 200
    return render(request, "members/edit.html", {"p": person, "form": form, "problems": problems}, status=status)
