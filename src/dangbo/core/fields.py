"""Form fields shared by the pages."""

from __future__ import annotations

from django import forms

from dangbo.domain.dates import DATE_RANGE_TEXT, in_range


class RegisterDateField(forms.DateField):
    """A date the register can hold (domain.dates.EARLIEST to LATEST): a year 0001 typed by
    mistake is a form error, not a date whose day before cannot be computed."""

    def to_python(self, value):
        day = super().to_python(value)
        if day is not None and not in_range(day):
            raise forms.ValidationError(f"Ngày phải {DATE_RANGE_TEXT}.", code="date_out_of_range")
        return day
