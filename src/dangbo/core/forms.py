"""A form for several kinds of one record (the member events, the unit events): each kind
shows only its own fields, under its own labels, with its own help (issue 20, item 4)."""

from __future__ import annotations

import json

from django import forms


class VoidForm(forms.Form):
    """The written reason of a void, kept with the record."""

    ly_do = forms.CharField(label="Lý do hủy", max_length=2000, widget=forms.TextInput(attrs={"size": 28}),
                            error_messages={"required": "cần ghi rõ lý do (được lưu cùng bản ghi)."})


class PerKindForm(forms.Form):
    """`KIND` names the field that chooses the kind; `ALWAYS` the fields of every kind;
    `FIELDS` each kind's own fields, with the label they take for it ("" keeps the field's);
    `HELP` a sentence per kind. A field the chosen kind does not use is hidden on the page
    (by the site's script as the kind changes) and emptied here, whatever was typed in it."""

    KIND = "loai"
    ALWAYS: tuple[str, ...] = ()
    FIELDS: dict[str, dict[str, str]] = {}
    HELP: dict[str, str] = {}

    def chosen_kind(self) -> str:
        if self.is_bound:
            return str(self.data.get(self.KIND, ""))
        return str(self.initial.get(self.KIND) or self.fields[self.KIND].initial or next(iter(self.FIELDS), ""))

    def uses(self, name: str, kind: str) -> bool:
        return name == self.KIND or name in self.ALWAYS or name in self.FIELDS.get(kind, {})

    def rows(self):
        """(bound field, the kinds using it or "*" for all, its label per kind as JSON, its label
        now, hidden now) for each field, in order."""
        kind = self.chosen_kind()
        for bf in self:
            if bf.name == self.KIND or bf.name in self.ALWAYS:
                yield bf, "*", "{}", bf.label, False
                continue
            kinds = [k for k, names in self.FIELDS.items() if bf.name in names]
            labels = {k: self.FIELDS[k][bf.name] for k in kinds if self.FIELDS[k][bf.name]}
            yield (bf, " ".join(kinds), json.dumps(labels, ensure_ascii=False), labels.get(kind, bf.label),
                   kind not in kinds)

    def help_json(self) -> str:
        return json.dumps(self.HELP, ensure_ascii=False)

    def help_now(self) -> str:
        return self.HELP.get(self.chosen_kind(), "")

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get(self.KIND, "")
        for name, field in self.fields.items():
            if not self.uses(name, kind):
                cleaned[name] = field.to_python("") if not isinstance(field, forms.BooleanField) else False
                self.errors.pop(name, None)  # what a hidden field holds cannot refuse the form
        return cleaned


def problems_of(form: forms.Form) -> list[str]:
    """A refused form's errors as the sentences a page lists: "Label: what is wrong"."""
    found = []
    for name, errors in form.errors.as_data().items():
        label = form.fields[name].label if name in form.fields else None
        for e in errors:
            text = " ".join(e.messages)
            if e.code == "required" and text == str(forms.Field.default_error_messages["required"]):
                text = "cần nhập."  # Django's own words ("Trường này là bắt buộc.") read oddly after a label
            found.append(f"{label}: {text}" if label else text)
    return found
