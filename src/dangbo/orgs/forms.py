"""The form of every organization event."""

from django import forms

from dangbo.core.fields import PickerInput, RegisterDateField
from dangbo.core.forms import PerKindForm
from dangbo.domain import labels

NEW_UNIT = {"ten": "Tên tổ chức", "cap": "", "loai_hinh": "Loại hình (nếu là tổ chức cơ sở đảng)", "ma_cap_tren": ""}


class OrgEventForm(PerKindForm):
    """Every unit event of domain.md, each with its own fields (exchange-format.md's
    `bien_dong_to_chuc`); the opening balance (khoi_tao) comes from an import."""

    ALWAYS = ("ngay", "ma", "so_quyet_dinh", "ghi_chu")
    FIELDS = {
        "thanh_lap": NEW_UNIT, "tiep_nhan": NEW_UNIT, "doi_ten": {"ten": "Tên mới"},
        "nang_cap": {"cap": "Cấp mới"}, "chuyen_cap_tren": {"ma_cap_tren": "Tổ chức cấp trên mới (mã)",
                                                             "loai_hinh": "Loại hình (nếu trở thành tổ chức cơ sở đảng)"},
        "doi_loai_hinh": {"loai_hinh": "Loại hình mới"}, "sap_nhap": {"ma_dich": ""}, "giai_the": {}, "chuyen_giao": {},
    }
    HELP = {
        "thanh_lap": "Tổ chức mới: mã chưa dùng, cấp phải hợp với tổ chức cấp trên.",
        "tiep_nhan": "Tổ chức từ nơi khác chuyển về; đảng viên của tổ chức ghi “chuyển đến”.",
        "nang_cap": "Chi bộ cơ sở thành đảng bộ cơ sở, hoặc chi bộ thành đảng bộ bộ phận; đảng viên chuyển vào các "
                    "chi bộ mới bằng “chuyển sinh hoạt nội bộ” cùng ngày.",
        "chuyen_cap_tren": "Điều chuyển sang tổ chức cấp trên khác trong cùng đảng bộ; cấp theo cấp trên mới.",
        "sap_nhap": "Tổ chức kết thúc; tổ chức trực thuộc và đảng viên chuyển sang tổ chức nhận (cùng loại).",
        "giai_the": "Chỉ giải thể khi không còn đảng viên và tổ chức trực thuộc.",
        "chuyen_giao": "Tổ chức và toàn bộ tổ chức trực thuộc rời khỏi đảng bộ, đảng viên đi theo.",
    }

    loai = forms.ChoiceField(label="Biến động", choices=[(k, v) for k, v in labels.ORG_EVENT.items() if k != "khoi_tao"])
    ngay = RegisterDateField(label="Ngày hiệu lực")
    ma = forms.CharField(label="Tổ chức (mã; mã mới khi thành lập, tiếp nhận)", widget=PickerInput("pick-unit"))
    ten = forms.CharField(label="Tên", required=False)
    cap = forms.ChoiceField(label="Cấp", required=False, choices=[("", "—"), *labels.LEVEL.items()])
    loai_hinh = forms.ChoiceField(label="Loại hình", required=False, choices=[("", "—"), *labels.ORG_TYPE.items()])
    ma_cap_tren = forms.CharField(label="Tổ chức cấp trên (mã)", required=False, widget=PickerInput("pick-unit"))
    ma_dich = forms.CharField(label="Tổ chức nhận (mã)", required=False, widget=PickerInput("pick-unit"))
    so_quyet_dinh = forms.CharField(label="Số quyết định", required=False)
    ghi_chu = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))
