"""Form fields shared by the pages."""

from __future__ import annotations

import datetime as dt

from django import forms

from dangbo.domain.dates import DATE_RANGE_TEXT, in_range, parse_date

# A date is typed and shown dd/mm/yyyy whatever the browser's language (a browser's own date
# picker follows its language: 12/05/2026 for 5 December in an English one).
DATE_ATTRS = {"inputmode": "numeric", "placeholder": "dd/mm/yyyy", "autocomplete": "off", "size": "10",
              "title": "Ngày dạng dd/mm/yyyy, ví dụ 05/12/2026"}


class VnDateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(attrs={**DATE_ATTRS, **(attrs or {})}, format="%d/%m/%Y")


class RegisterDateField(forms.DateField):
    """A date typed dd/mm/yyyy (or yyyy-mm-dd) that the register can hold
    (domain.dates.EARLIEST to LATEST): a year 0001 typed by mistake is a form error, not a date
    whose day before cannot be computed."""

    widget = VnDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            day = value
        else:
            try:
                day = parse_date(str(value).strip())
            except ValueError:
                raise forms.ValidationError(f"'{str(value).strip()}' không phải là ngày hợp lệ: gõ dạng dd/mm/yyyy, "
                                            f"{DATE_RANGE_TEXT}.", code="invalid") from None
            if day is None:
                return None
        if not in_range(day):
            raise forms.ValidationError(f"Ngày phải {DATE_RANGE_TEXT}.", code="date_out_of_range")
        return day


class PickerInput(forms.TextInput):
    """A code typed, or chosen from what its first letters find (search as you type): the
    names come from `url` (a person's or a unit's picker, limited to the user's reach) into
    the input's own list. Without JavaScript it is a plain text box for the code."""

    def __init__(self, url_name: str, attrs=None, inspection: bool = False):
        self.url_name = url_name
        extra = {"hx-vals": '{"vai_tro": "kiem_tra"}'} if inspection else {}  # through the inspection grants
        super().__init__(attrs={"autocomplete": "off", "placeholder": "gõ mã hoặc tên để tìm", **extra, **(attrs or {})})

    def get_context(self, name, value, attrs):
        from django.urls import reverse

        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        options = f"{widget_attrs.get('id') or name}-goi-y"
        widget_attrs.update({"list": options, "hx-get": reverse(self.url_name), "hx-trigger": "input changed delay:250ms",
                             "hx-target": f"#{options}", "hx-swap": "innerHTML", "hx-sync": "this:replace"})
        context["widget"]["options_id"] = options
        return context

    def render(self, name, value, attrs=None, renderer=None):
        from django.utils.html import format_html

        html = super().render(name, value, attrs, renderer)
        options = f"{(attrs or {}).get('id') or self.attrs.get('id') or name}-goi-y"
        return format_html("{}<datalist id=\"{}\"></datalist>", html, options)


class WholeNumberField(forms.IntegerField):
    """A whole number typed into a form; what was typed is named when it is not one (Django's
    own Vietnamese message for this is wrong: "Nhập một số tổng thể")."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as exc:
            if exc.code == "invalid":
                raise forms.ValidationError(f"'{str(value).strip()}' không phải là số nguyên.", code="invalid") from None
            raise
