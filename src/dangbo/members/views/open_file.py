"""Opening a candidate's file from the candidates' page (issue 20): for a person already in
the register (by code) or a new one typed in the same form; the cell is one the user writes
on. Both writes in one transaction: a new person is never left attached to no unit."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from dangbo.accounts.access import reach, reaches_now_and_then, restrict_versions, writable_version
from dangbo.accounts.choices import WRITERS
from dangbo.core.fields import RegisterDateField
from dangbo.domain import codes as C
from dangbo.domain import file_codes as FC
from dangbo.domain.problems import DomainError
from dangbo.orgs.models import OrgVersion

from .. import services
from ..choices import SEX_CHOICES
from ..models import Person


class OpenFileForm(forms.Form):
    """A candidate's file: the cell and the day; the person by code, or their details."""

    ma_to_chuc = forms.ChoiceField(label="Chi bộ theo dõi")
    ngay_mo_ho_so = RegisterDateField(label="Ngày mở hồ sơ")
    ma_nguoi = forms.CharField(label="Mã người", max_length=40,
                               help_text="Người đã có trong sổ: mã của họ. Người mới: mã mới, rồi điền thông tin bên dưới.")
    ho_ten = forms.CharField(label="Họ và tên (người mới)", max_length=200, required=False)
    ngay_sinh = RegisterDateField(label="Ngày sinh (người mới)", required=False)
    gioi_tinh = forms.ChoiceField(label="Giới tính (người mới)", choices=[("", "—"), *SEX_CHOICES], required=False)
    so_cccd = forms.RegexField(label="Số CCCD (người mới)", regex=r"^\d{12}$", required=False,
                               error_messages={"invalid": "Số CCCD phải gồm đúng 12 chữ số."})
    dan_toc = forms.ChoiceField(label="Dân tộc", required=False,
                                choices=[("", "—"), *((c, FC.labels("dan_toc")[c]) for c in FC.codes("dan_toc"))])
    que_quan = forms.CharField(label="Quê quán", max_length=300, required=False)
    ghi_chu = forms.CharField(label="Ghi chú", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, cells: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        cell = self.fields["ma_to_chuc"]
        assert isinstance(cell, forms.ChoiceField)
        cell.choices = cells

    def clean(self):
        data = super().clean()
        code = (data.get("ma_nguoi") or "").strip()
        data["existing"] = Person.objects.filter(code=code).first() if code else None
        if code and data["existing"] is None:
            for field, label in (("ho_ten", "họ và tên"), ("ngay_sinh", "ngày sinh"), ("gioi_tinh", "giới tính")):
                if not data.get(field):
                    self.add_error(field, f"Người mới (mã {code} chưa có trong sổ): cần {label}.")
        return data


def _cells(user, day) -> list[tuple[str, str]]:
    """The cells the user writes on today, by name."""
    versions = restrict_versions(OrgVersion.objects.filter(level__in=C.CELL_LEVELS), user, day, WRITERS)
    return [(v.org.code, v.name) for v in versions.select_related("org").order_by("name")]


@login_required
def open_file(request):
    today = timezone.localdate()
    if not reach(request.user, today).can_write:
        raise PermissionDenied
    form = OpenFileForm(request.POST or None, initial={"ngay_mo_ho_so": today, **request.GET.dict()},
                        cells=_cells(request.user, today))
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data
        try:
            candidate = _open(request.user, f)
        except Http404:
            form.add_error("ma_nguoi", f"Không có người mang mã {f['ma_nguoi']} trong phạm vi ghi của bạn "
                                       "(đảng viên, hoặc quần chúng do đơn vị khác theo dõi).")
        except DomainError as exc:
            problems = exc.messages
        else:
            messages.success(request, f"Đã mở hồ sơ quần chúng ưu tú cho {candidate.person.full_name}.")
            return redirect("candidate-detail", pk=candidate.pk)
    return render(request, "members/open_file.html", {"form": form, "problems": problems},
                  status=400 if request.method == "POST" else 200)


@transaction.atomic
def _open(user, f: dict):
    """A new person first, if the code is new; then the file. Raises Http404 outside the reach."""
    day = f["ngay_mo_ho_so"]
    cell = writable_version(user, f["ma_to_chuc"], day).org
    person = f["existing"]
    if person is None:
        person = services.create_person(user=user, code=f["ma_nguoi"].strip(), full_name=f["ho_ten"].strip(),
                                        birth_date=f["ngay_sinh"], sex=f["gioi_tinh"], citizen_id=f["so_cccd"] or None,
                                        ethnicity=f["dan_toc"], hometown=f["que_quan"].strip())
    elif not reaches_now_and_then(user, person, day, arriving=True):
        raise Http404
    return services.open_candidate_file(user=user, person=person, cell=cell, opened=day, note=f["ghi_chu"].strip())
