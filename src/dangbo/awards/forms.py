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


class DecisionForm(forms.Form):
    """The higher body's answer to a proposal: granted, with the decision's day (and number),
    or not, with the reason."""

    ket_qua = forms.ChoiceField(label="Kết quả", choices=[("duoc_khen", "Được khen"), ("khong_duoc", "Không được khen")])
    ngay = RegisterDateField(label="Ngày quyết định", required=False)
    so_quyet_dinh = forms.CharField(label="Số quyết định", max_length=60, required=False)
    ly_do = forms.CharField(label="Lý do", max_length=2000, required=False)

    def clean(self):
        data = super().clean()
        if data.get("ket_qua") == "duoc_khen" and not data.get("ngay") and "ngay" not in self.errors:
            self.add_error("ngay", forms.ValidationError("cần nhập.", code="required"))
        return data
