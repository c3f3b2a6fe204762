"""A root's document settings: the lines, place, register symbol, signer and recipients its
reports are printed with (issue 20, item 10)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from dangbo.accounts.access import writable_version
from dangbo.core.web import flash_refusal
from dangbo.domain import codes as C
from dangbo.domain.problems import DomainError

from .. import services


class DocumentSettingsForm(forms.Form):
    co_quan_cap_tren = forms.CharField(label="Cơ quan cấp trên (dòng trên cùng, bên trái)", max_length=200, required=False,
                                       help_text="Ví dụ: ĐẢNG BỘ TỈNH LAI CHÂU")
    co_quan_ban_hanh = forms.CharField(label="Cơ quan ban hành", max_length=200,
                                       help_text="Ví dụ: ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH")
    dia_danh = forms.CharField(label="Địa danh (trước ngày tháng)", max_length=100, required=False)
    ten_viet_tat = forms.CharField(label="Tên cấp ủy khi ký (T/M …)", max_length=100, help_text="Ví dụ: Đảng ủy Khối")
    ten_goi = forms.CharField(label="Tên đảng bộ trong lời văn", max_length=100, help_text="Ví dụ: Đảng bộ Khối")
    ky_hieu = forms.CharField(label="Ký hiệu văn bản (sau số)", max_length=40, help_text="Ví dụ: BC/ĐUK, thành “Số 05-BC/ĐUK”")
    tham_quyen = forms.ChoiceField(label="Thẩm quyền ký", choices=[("T/M", "Thay mặt (T/M)"), ("K/T", "Ký thay (K/T)")])
    chuc_vu_ky = forms.CharField(label="Chức vụ người ký", max_length=100, help_text="Ví dụ: BÍ THƯ, PHÓ BÍ THƯ")
    nguoi_ky = forms.CharField(label="Họ và tên người ký", max_length=100, required=False)
    noi_nhan = forms.CharField(label="Nơi nhận (mỗi dòng một nơi)", widget=forms.Textarea(attrs={"rows": 5}), required=False)


@login_required
def document_settings(request, code: str):
    from dangbo.orgs.letterhead import document_settings as current

    version = writable_version(request.user, code, timezone.localdate())
    if version.level != C.ROOT:
        raise Http404
    now = current(version.org)
    form = DocumentSettingsForm(request.POST or None, initial={**now, "noi_nhan": "\n".join(now["noi_nhan"])})
    if request.method == "POST" and form.is_valid():
        values = {**form.cleaned_data, "noi_nhan": [x.strip(" -,.") for x in form.cleaned_data["noi_nhan"].splitlines()
                                                     if x.strip(" -,.")]}
        try:
            services.save_document_settings(user=request.user, org=version.org, settings=values)
        except DomainError as exc:
            flash_refusal(request, exc)
        else:
            messages.success(request, "Đã lưu thiết lập văn bản; báo cáo ban hành từ nay in theo thiết lập này.")
            return redirect("document-settings", code)
    return render(request, "dangbo/event_form.html", {"title": f"Thiết lập văn bản của {version.name}", "form": form,
                                                     "problems": [], "blocked": False})
