"""The filters of the member list."""

from django import forms

from dangbo.core.fields import RegisterDateField
from dangbo.domain import labels

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


class MemberEventForm(forms.Form):
    """Every member event of domain.md; the fields each kind needs are checked by the rules."""

    loai = forms.ChoiceField(label="Biến động", choices=list(labels.MEMBER_EVENT.items()))
    ngay = RegisterDateField(label="Ngày hiệu lực")
    ma_nguoi = forms.CharField(label="Mã người")
    ma_to_chuc = forms.CharField(label="Mã chi bộ (kết nạp, chuyển đến, chuyển nội bộ)", required=False)
    trang_thai = forms.ChoiceField(label="Trạng thái (chuyển đến)", required=False, choices=[("", "—"), *STATUS_CHOICES])
    ngay_ket_nap = RegisterDateField(label="Ngày kết nạp gốc (chuyển đến)", required=False)
    ngay_le_ket_nap = RegisterDateField(label="Ngày lễ kết nạp (chuyển đến, dự bị)", required=False)
    ngay_quyet_dinh = RegisterDateField(label="Ngày quyết định", required=False)
    so_the = forms.RegexField(label="Số thẻ (8 chữ số)", regex=r"^\d{8}$", required=False,
                              error_messages={"invalid": "Số thẻ đảng viên phải gồm đúng 8 chữ số."})
    so_nam = forms.IntegerField(label="Mốc Huy hiệu (năm)", required=False, min_value=30, max_value=90)
    som = forms.BooleanField(label="Trao sớm", required=False)
    so_quyet_dinh = forms.CharField(label="Số quyết định", required=False)
    ghi_chu = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    ly_do_vuot = forms.CharField(label="Lý do cho phép vượt quy định (chỉ khi quy định chặn)", required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))

    def event_fields(self) -> dict:
        """The event as the member services take it (`record_member_event`'s keywords, which
        `correct_member_event` takes as the changes), from the cleaned form."""
        f = self.cleaned_data
        return {"kind": f["loai"], "date": f["ngay"], "status": f["trang_thai"], "admission_date": f["ngay_ket_nap"],
                "ceremony_date": f["ngay_le_ket_nap"], "decision_date": f["ngay_quyet_dinh"], "card_no": f["so_the"],
                "badge_years": f["so_nam"], "early": f["som"], "decision_no": f["so_quyet_dinh"], "note": f["ghi_chu"],
                "override_reason": f["ly_do_vuot"] or None}
