"""The forms of holding a cell meeting (named by the exchange format's `sinh_hoat` and
`du_sinh_hoat` columns) and of its page (the minutes, or a void)."""

from django import forms

from dangbo.core.fields import RegisterDateField
from dangbo.domain import labels


class MeetingForm(forms.Form):
    ngay = RegisterDateField(label="Ngày sinh hoạt", required=False)
    loai = forms.ChoiceField(label="Loại", choices=list(labels.MEETING_KIND.items()))
    noi_dung = forms.CharField(label="Nội dung", required=False, max_length=2000)
    # the day whose members the form listed (see views._list_mismatch)
    danh_sach_ngay = RegisterDateField(required=False, widget=forms.HiddenInput)


class AttendanceForm(forms.Form):
    """Each member's attendance as marked (`dv_<code>`), for the members listed."""

    def __init__(self, data, members):
        super().__init__(data)
        self.due = [s for s in members if not s.exempt]
        for s in self.due:
            self.fields[f"dv_{s.person.code}"] = forms.ChoiceField(label=f"Dự sinh hoạt của {s.person.full_name}",
                                                                   choices=list(labels.ATTENDANCE.items()))

    def marked(self) -> set[str]:
        """The persons the sent form had a mark for (the list it was drawn up with)."""
        return {k[3:] for k in self.data if k.startswith("dv_")}

    def attendance(self) -> dict[str, str]:
        return {s.person.code: self.cleaned_data[f"dv_{s.person.code}"] for s in self.due}


class MeetingPageForm(forms.Form):
    """The meeting page's two forms: the minutes, or a void with its reason."""

    buoc = forms.ChoiceField(choices=[("bien_ban", "Biên bản"), ("huy", "Hủy")])
    bien_ban = forms.CharField(label="Biên bản", required=False)
    ly_do = forms.CharField(label="Lý do hủy", required=False, max_length=2000)
