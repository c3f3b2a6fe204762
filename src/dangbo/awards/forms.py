"""The form of an award or a proposal, named by the exchange format's `khen_thuong` columns
(the page records one with it; a correction is the same form with its reason)."""

from django import forms

from dangbo.core.fields import PickerInput, RegisterDateField
from dangbo.domain import labels


class AwardForm(forms.Form):
    trang_thai = forms.ChoiceField(label="Loại", choices=list(labels.AWARD_STATUS.items()))
    ngay = RegisterDateField(label="Ngày")
    hinh_thuc = forms.ChoiceField(label="Hình thức", choices=list(labels.AWARD_FORM.items()))
    doi_tuong = forms.ChoiceField(label="Đối tượng", choices=list(labels.AWARD_SUBJECT_KIND.items()))
    ma_doi_tuong = forms.CharField(label="Mã đơn vị / người", max_length=40)
    ma_co_quan = forms.CharField(label="Đơn vị khen / đề nghị (mã)", max_length=40, required=False,
                                 widget=PickerInput("pick-unit"))
    so_quyet_dinh = forms.CharField(label="Số quyết định", max_length=60, required=False)
    noi_dung = forms.CharField(label="Nội dung, thành tích", required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))
    ly_do_vuot = forms.CharField(label="Lý do vượt quy định", required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))
