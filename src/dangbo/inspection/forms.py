"""The forms of an inspection (or supervision) and of a discipline, named by the exchange
format's `kiem_tra_giam_sat` and `ky_luat` columns (a correction adds its reason)."""

from django import forms

from dangbo.core.fields import PickerInput, RegisterDateField
from dangbo.domain import labels


class InspectionForm(forms.Form):
    ngay = RegisterDateField(label="Ngày")
    hinh_thuc = forms.ChoiceField(label="Hình thức", choices=labels.choices(labels.INSPECTION_FORM))
    ma_chu_the = forms.CharField(label="Đơn vị chủ thể (mã)", max_length=40, widget=PickerInput("pick-unit", inspection=True))
    co_quan = forms.ChoiceField(label="Cơ quan tiến hành", choices=labels.choices(labels.BODY))
    doi_tuong = forms.ChoiceField(label="Đối tượng", choices=labels.choices(labels.SUBJECT_KIND))
    ma_doi_tuong = forms.CharField(label="Mã tổ chức / đảng viên", max_length=40)
    noi_dung = forms.CharField(label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))
    ket_luan = forms.CharField(label="Kết luận (nếu đã có)", required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))


class DisciplineForm(forms.Form):
    ngay = RegisterDateField(label="Ngày quyết định")
    doi_tuong = forms.ChoiceField(label="Đối tượng", choices=labels.choices(labels.SUBJECT_KIND))
    ma_doi_tuong = forms.CharField(label="Mã tổ chức / đảng viên", max_length=40)
    hinh_thuc = forms.ChoiceField(label="Hình thức kỷ luật", choices=labels.choices(labels.DISCIPLINE),
                                  help_text="Đảng viên: khiển trách, cảnh cáo, cách chức, khai trừ (dự bị: chỉ khiển trách, "
                                            "cảnh cáo). Tổ chức: khiển trách, cảnh cáo, giải tán.")
    ma_co_quan = forms.CharField(label="Cơ quan quyết định (mã)", max_length=40, widget=PickerInput("pick-unit", inspection=True))
    so_quyet_dinh = forms.CharField(label="Số quyết định", max_length=60, required=False)
    ghi_chu = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))
    ly_do_vuot = forms.CharField(label="Lý do vượt quy định", required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))


class ConclusionForm(forms.Form):
    ket_luan = forms.CharField(label="Kết luận", required=False)
