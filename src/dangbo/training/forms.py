"""The forms of a class (named by the exchange format's `lop_hoc` columns), of enrolling its
learners and of recording their results (a field per learner, as the grid shows them)."""

import re

from django import forms

from dangbo.core.fields import PickerInput, RegisterDateField
from dangbo.domain import labels

CODES = re.compile(r"[\s,;]+")


class ClassFields(forms.Form):
    ten = forms.CharField(label="Tên lớp", max_length=300)
    loai = forms.ChoiceField(label="Loại lớp", choices=list(labels.CLASS_KIND.items()))
    tu_ngay = RegisterDateField(label="Từ ngày")
    den_ngay = RegisterDateField(label="Đến ngày", required=False)
    ma_to_chuc = forms.CharField(label="Đơn vị tổ chức lớp (mã)", max_length=40, widget=PickerInput("pick-unit"))


class ClassPlanForm(ClassFields):
    ma = forms.CharField(label="Mã lớp", max_length=40)


class StepForm(forms.Form):
    """Which of the class page's two forms was sent: enrolling, or the results."""

    buoc = forms.ChoiceField(choices=[("ghi_danh", "Ghi danh"), ("ket_qua", "Kết quả")], required=False)


class CodeListField(forms.Field):
    """Codes ticked in a list (several values of one name)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        return [str(v).strip() for v in (value or []) if str(v).strip()]


class EnrolForm(forms.Form):
    chon = CodeListField(label="Quần chúng theo dõi", required=False)
    ma_nguoi = forms.CharField(label="Mã người", required=False, widget=forms.Textarea)

    def codes(self) -> list[str]:
        """The ticked codes, then those typed (separated by spaces, commas or semicolons), once each."""
        typed = [c for c in CODES.split(self.cleaned_data["ma_nguoi"]) if c]
        return list(dict.fromkeys(self.cleaned_data["chon"] + typed))


class ResultsForm(forms.Form):
    """A result and a certificate date for each learner shown (`kq_<code>`, `cc_<code>`)."""

    def __init__(self, data, learners):
        super().__init__(data)
        self.learners = learners
        for e in learners:
            code, name = e.person.code, e.person.full_name
            self.fields[f"kq_{code}"] = forms.ChoiceField(label=f"Kết quả của {name}", required=False,
                                                          choices=[("", "Chưa có"), *labels.CLASS_RESULT.items()])
            self.fields[f"cc_{code}"] = RegisterDateField(label=f"Ngày cấp chứng chỉ của {name}", required=False)

    def results(self) -> dict:
        return {e.person.code: (self.cleaned_data[f"kq_{e.person.code}"], self.cleaned_data[f"cc_{e.person.code}"])
                for e in self.learners}
