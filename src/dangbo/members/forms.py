"""The filters of the member list."""

from django import forms

from .choices import SEX_CHOICES, STATUS_CHOICES


class MemberFilter(forms.Form):
    """Unit, status, sex, exemption, age, party age and a diacritic-insensitive name search."""

    q = forms.CharField(label="Tìm theo tên hoặc mã", required=False)
    don_vi = forms.CharField(label="Mã đơn vị", required=False)
    trang_thai = forms.ChoiceField(label="Trạng thái", required=False, choices=[("", "Tất cả"), *STATUS_CHOICES])
    gioi_tinh = forms.ChoiceField(label="Giới tính", required=False, choices=[("", "Tất cả"), *SEX_CHOICES])
    mien = forms.ChoiceField(label="Miễn sinh hoạt", required=False, choices=[("", "Tất cả"), ("1", "Có"), ("0", "Không")])
    tuoi_tu = forms.IntegerField(label="Tuổi từ", required=False, min_value=0, max_value=120)
    tuoi_den = forms.IntegerField(label="Tuổi đến", required=False, min_value=0, max_value=120)
    tuoi_dang_tu = forms.IntegerField(label="Tuổi đảng từ (năm)", required=False, min_value=0, max_value=100)
