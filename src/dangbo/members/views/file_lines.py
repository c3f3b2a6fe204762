"""The lines of a member's file added from their page (member-file.md): the work history,
the family (sensitive: only the roles that write the file see or add it) and the photo;
one view per action, each through its service. Voiding a line is the corrections' page."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangbo.accounts.access import check_person_edit, sees_sensitive, visible_spell
from dangbo.core.web import act
from dangbo.domain.dates import parse_month

from .. import services
from ..file import latest_photo
from ..models import Person


class MonthField(forms.CharField):
    """A month typed mm/yyyy (the form's first day of it)."""

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_month(text)
        except ValueError as exc:
            raise forms.ValidationError("Tháng ghi mm/yyyy, ví dụ 09/2015.") from exc


class WorkHistoryForm(forms.Form):
    tu_thang = MonthField(label="Từ tháng (mm/yyyy)")
    den_thang = MonthField(label="Đến tháng (để trống: đến nay)", required=False)
    noi_dung = forms.CharField(label="Công việc, chức vụ, đơn vị", max_length=500)


class FamilyForm(forms.Form):
    quan_he = forms.CharField(label="Quan hệ (bố, mẹ, vợ, chồng, con…)", max_length=40)
    ho_ten = forms.CharField(label="Họ và tên", max_length=200)
    nam_sinh = forms.IntegerField(label="Năm sinh", required=False, min_value=1850, max_value=2100)
    noi_dung = forms.CharField(label="Quê quán, nơi ở, nghề nghiệp, thái độ chính trị", max_length=1000, required=False)


class PhotoForm(forms.Form):
    anh = forms.FileField(label="Ảnh 3×4 (JPEG hoặc PNG)")


def _writable(request, code: str) -> Person:
    person = get_object_or_404(Person, code=code)
    check_person_edit(request.user, person, timezone.localdate())  # 404 outside the write reach
    return person


@login_required
@require_POST
def add_work_history(request, code: str):
    person = _writable(request, code)
    act(request, WorkHistoryForm(request.POST),
        lambda f: services.add_work_history(user=request.user, person=person, start=f["tu_thang"], end=f["den_thang"],
                                            content=f["noi_dung"]),
        "Đã thêm một dòng quá trình công tác.")
    return redirect("member-detail", person.code)


@login_required
@require_POST
def add_family_member(request, code: str):
    person = _writable(request, code)
    if not sees_sensitive(request.user, person, timezone.localdate()):
        raise Http404
    act(request, FamilyForm(request.POST),
        lambda f: services.add_family_member(user=request.user, person=person, relation=f["quan_he"], full_name=f["ho_ten"],
                                             birth_year=f["nam_sinh"], content=f["noi_dung"]),
        "Đã thêm một người trong quan hệ gia đình.")
    return redirect("member-detail", person.code)


@login_required
@require_POST
def upload_photo(request, code: str):
    person = _writable(request, code)
    act(request, PhotoForm(request.POST, request.FILES),
        lambda f: services.set_photo(user=request.user, person=person, data=f["anh"].read()),
        "Đã lưu ảnh.")
    return redirect("member-detail", person.code)


@login_required
def photo(request, code: str):
    """The member's latest photo, for those who see the member."""
    person = get_object_or_404(Person, code=code)
    visible_spell(request.user, person, timezone.localdate())
    latest = latest_photo(person)
    if latest is None:
        raise Http404
    response = HttpResponse(bytes(latest.image), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    return response
