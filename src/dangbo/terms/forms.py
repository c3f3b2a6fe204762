"""The forms of a term and of its targets, named by the exchange format's `nhiem_ky` and
`chi_tieu` columns (a target's correction is the same fields with its reason)."""

from decimal import Decimal, InvalidOperation

from django import forms

from dangbo.core.fields import RegisterDateField, WholeNumberField
from dangbo.reports.labels import METRIC_CHOICES


class TermForm(forms.Form):
    ma = forms.CharField(label="Mã nhiệm kỳ", max_length=40)
    ma_to_chuc = forms.CharField(label="Đảng bộ", max_length=40)
    tu_ngay = RegisterDateField(label="Từ ngày")
    den_ngay = RegisterDateField(label="Đến ngày")


class ThresholdField(forms.DecimalField):
    """A threshold typed the Vietnamese way (0,5) or with a point; what was typed is named
    when it is not a number."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        if value in self.empty_values:
            return None
        try:
            return Decimal(str(value))
        except InvalidOperation:
            raise forms.ValidationError(f"'{value}' không phải là số.", code="invalid") from None


class TargetFields(forms.Form):
    stt = WholeNumberField(label="Số thứ tự", min_value=1, max_value=32767)
    noi_dung = forms.CharField(label="Nội dung chỉ tiêu", widget=forms.Textarea(attrs={"rows": 2}))
    chi_so = forms.ChoiceField(label="Chỉ số báo cáo (để trống nếu đánh giá thủ công)", required=False,
                               choices=[("", "—"), *METRIC_CHOICES])
    so_sanh = forms.ChoiceField(label="So sánh", required=False,
                                choices=[("", "—"), (">=", "Đạt từ (≥)"), ("<=", "Không quá (≤)")])
    gia_tri = ThresholdField(label="Ngưỡng", required=False, max_digits=14, decimal_places=4)


# a target judged by hand on the term's page: Đạt (1) or Chưa đạt (0)
MET = [("", "—"), ("1", "Đạt"), ("0", "Chưa đạt")]


class TargetForm(TargetFields):
    dat = forms.TypedChoiceField(label="Đạt (đánh giá thủ công)", choices=MET, coerce=lambda v: v == "1",
                                 empty_value=None, required=False)


class JudgementForm(forms.Form):
    dat = forms.TypedChoiceField(label="Đánh giá", choices=MET[1:], coerce=lambda v: v == "1")
    ly_do = forms.CharField(label="Căn cứ đánh giá", max_length=2000)
