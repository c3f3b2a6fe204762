"""The form of every organization event."""

from django import forms

from dangbo.core.fields import RegisterDateField
from dangbo.domain import labels


class OrgEventForm(forms.Form):
    loai = forms.ChoiceField(label="Biến động", choices=list(labels.ORG_EVENT.items()))
    ngay = RegisterDateField(label="Ngày hiệu lực")
    ma = forms.CharField(label="Mã tổ chức")
    ten = forms.CharField(label="Tên (thành lập, tiếp nhận, đổi tên)", required=False)
    cap = forms.ChoiceField(label="Cấp (thành lập, tiếp nhận, nâng cấp)", required=False, choices=[("", "—"), *labels.LEVEL.items()])
    loai_hinh = forms.ChoiceField(label="Loại hình (TCCSĐ)", required=False, choices=[("", "—"), *labels.ORG_TYPE.items()])
    ma_cap_tren = forms.CharField(label="Mã tổ chức cấp trên", required=False)
    ma_dich = forms.CharField(label="Mã tổ chức nhận (sáp nhập)", required=False)
    so_quyet_dinh = forms.CharField(label="Số quyết định", required=False)
    ghi_chu = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))
