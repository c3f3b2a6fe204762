"""The filters of the member list."""

from django import forms

from dangbo.core.fields import PickerInput, RegisterDateField
from dangbo.core.forms import PerKindForm
from dangbo.domain import labels

from .choices import ADMISSION_DOCUMENTS, SEX_CHOICES, STATUS_CHOICES


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


# The opening balance (khoi_tao) comes from an import; the forms record what happens.
FORM_EVENTS = [(k, v) for k, v in labels.MEMBER_EVENT.items() if k != "khoi_tao"]
ARRIVAL = {"ma_to_chuc": "Chi bộ đến", "trang_thai": "", "ngay_ket_nap": "", "ngay_le_ket_nap": "",
           "so_the": "Số thẻ đảng viên (nếu đã có, 8 chữ số)"}


class MemberEventForm(PerKindForm):
    """Every member event of domain.md, each with its own fields (exchange-format.md's
    `bien_dong_dang_vien`); what each kind needs is checked by the rules."""

    ALWAYS: tuple[str, ...] = ("ngay", "ma_nguoi", "so_quyet_dinh", "ghi_chu", "ly_do_vuot")
    FIELDS = {
        "ket_nap": {"ma_to_chuc": "Chi bộ kết nạp", "ngay_quyet_dinh": "Ngày quyết định kết nạp (tuổi đảng tính từ ngày này; "
                                                                     "để trống nếu trùng ngày lễ)",
                    "nguoi_gioi_thieu_1": "", "nguoi_gioi_thieu_2": ""},
        "chuyen_chinh_thuc": {"ngay_quyet_dinh": "Ngày quyết định công nhận"},
        "phat_the": {"so_the": ""},
        "huy_hieu": {"so_nam": "", "som": ""},
        "chuyen_den": ARRIVAL,
        "chuyen_noi_bo": {"ma_to_chuc": "Chi bộ chuyển đến"},
        "chuyen_di": {}, "mien_sinh_hoat": {}, "tro_lai_sinh_hoat": {}, "tu_tran": {}, "xoa_ten": {}, "khai_tru": {},
    }
    HELP = {
        "ket_nap": "Người được kết nạp là quần chúng có hồ sơ ở chi bộ. Ngày hiệu lực là ngày lễ kết nạp: "
                   "bắt đầu 12 tháng dự bị.",
        "chuyen_chinh_thuc": "Ngày hiệu lực là ngày đủ 12 tháng dự bị, kể cả khi quyết định công nhận ban hành sau.",
        "phat_the": "Chỉ phát thẻ cho đảng viên chính thức; phát lại thẻ cũng ghi ở đây.",
        "huy_hieu": "Mốc huy hiệu theo tuổi đảng (30, 40, 45, 50… năm); trao sớm khi ốm nặng hoặc truy tặng.",
        "chuyen_den": "Đảng viên từ đảng bộ khác hoặc từ ngoài khối đến sinh hoạt: ghi trạng thái và ngày kết nạp gốc.",
        "chuyen_noi_bo": "Chuyển sang chi bộ khác trong cùng đảng bộ cấp trên.",
        "chuyen_di": "Chuyển sinh hoạt ra ngoài đảng bộ cấp trên.",
        "mien_sinh_hoat": "Vẫn là đảng viên; ghi “trở lại sinh hoạt” khi hết miễn.",
        "khai_tru": "Quyết định kỷ luật khai trừ ghi ở trang Kiểm tra; biến động này chỉ dùng khi số liệu cần.",
    }

    loai = forms.ChoiceField(label="Biến động", choices=FORM_EVENTS)
    ngay = RegisterDateField(label="Ngày hiệu lực")
    ma_nguoi = forms.CharField(label="Người (mã)", widget=PickerInput("pick-person"))
    ma_to_chuc = forms.CharField(label="Chi bộ (mã)", required=False, widget=PickerInput("pick-unit"))
    trang_thai = forms.ChoiceField(label="Trạng thái khi đến", required=False, choices=[("", "—"), *STATUS_CHOICES])
    ngay_ket_nap = RegisterDateField(label="Ngày kết nạp gốc (tuổi đảng tính từ ngày này)", required=False)
    ngay_le_ket_nap = RegisterDateField(label="Ngày lễ kết nạp (nếu còn dự bị)", required=False)
    ngay_quyet_dinh = RegisterDateField(label="Ngày quyết định", required=False)
    so_the = forms.RegexField(label="Số thẻ đảng viên (8 chữ số)", regex=r"^\d{8}$", required=False,
                              error_messages={"invalid": "Số thẻ đảng viên phải gồm đúng 8 chữ số."})
    so_nam = forms.IntegerField(label="Mốc Huy hiệu Đảng (năm tuổi đảng)", required=False, min_value=30, max_value=90)
    som = forms.BooleanField(label="Trao sớm", required=False)
    nguoi_gioi_thieu_1 = forms.CharField(label="Người giới thiệu thứ nhất (mã đảng viên, hoặc họ tên nếu ngoài đảng bộ)",
                                         required=False, max_length=200, widget=PickerInput("pick-person"))
    nguoi_gioi_thieu_2 = forms.CharField(label="Người giới thiệu thứ hai", required=False, max_length=200,
                                         widget=PickerInput("pick-person"))
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
                "override_reason": f["ly_do_vuot"] or None,
                **({"introducer_1": f["nguoi_gioi_thieu_1"], "introducer_2": f["nguoi_gioi_thieu_2"]}
                   if f["loai"] == "ket_nap" else {})}


class DocumentsForm(forms.Form):
    """The documents of an admission file a candidate has (1-KNĐ … 9-KNĐ)."""

    giay_to = forms.MultipleChoiceField(label="Giấy tờ của hồ sơ kết nạp", choices=ADMISSION_DOCUMENTS, required=False)
