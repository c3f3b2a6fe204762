"""The form of a unit's study report, named by the exchange format's `hoc_tap` columns (the
page records one with it; a correction keeps the campaign and the unit, and changes the rest)."""

from django import forms

from dangbo.core.fields import RegisterDateField, WholeNumberField

MOST = 2_000_000_000


class StudyFiguresForm(forms.Form):
    ngay = RegisterDateField(label="Ngày")
    dv_tong = WholeNumberField(label="Đảng viên phải học", min_value=0, max_value=MOST)
    dv_tham_gia = WholeNumberField(label="Đảng viên tham gia", min_value=0, max_value=MOST)
    cnvc_tong = WholeNumberField(label="CNVC-LĐ phải học", min_value=0, max_value=MOST)
    cnvc_tham_gia = WholeNumberField(label="CNVC-LĐ tham gia", min_value=0, max_value=MOST)


class StudyReportForm(StudyFiguresForm):
    ma_dot = forms.CharField(label="Mã đợt", max_length=40)
    ten_dot = forms.CharField(label="Tên đợt", max_length=300, required=False)
    ma_to_chuc = forms.CharField(label="Đơn vị", max_length=40)
