"""The rating grid of a unit for a year: a level, an optional score and a note for each
subject shown (`xl_<code>`, `diem_<code>`, `gc_<code>`), named as the exchange format's
`danh_gia` columns are."""

from django import forms

from dangbo.core.fields import WholeNumberField
from dangbo.domain.labels import RATING


class GridForm(forms.Form):
    xem_truoc = forms.BooleanField(required=False)  # HTMX's re-count of the quota: nothing written
    ly_do_vuot = forms.CharField(label="Lý do vượt quy định", required=False, max_length=2000)

    def __init__(self, data, rows):
        super().__init__(data)
        self.rows = rows
        for r in rows:
            self.fields[f"xl_{r.code}"] = forms.ChoiceField(label=f"Xếp loại của {r.name}", required=False,
                                                            choices=[("", "—"), *RATING.items()])
            self.fields[f"diem_{r.code}"] = WholeNumberField(label=f"Điểm của {r.name}", required=False)
            self.fields[f"gc_{r.code}"] = forms.CharField(label=f"Ghi chú của {r.name}", required=False, max_length=2000)

    def clean(self):
        data = super().clean()
        for r in self.rows:  # a subject left without a level is not rated: its other cells are not read
            if not data.get(f"xl_{r.code}") and f"diem_{r.code}" in self.errors:
                del self.errors[f"diem_{r.code}"]
        return data

    def entries(self) -> dict:
        """The subjects given a level: (level, score, note)."""
        d = self.cleaned_data
        return {r.code: (d[f"xl_{r.code}"], d.get(f"diem_{r.code}"), d.get(f"gc_{r.code}", ""))
                for r in self.rows if d.get(f"xl_{r.code}")}
