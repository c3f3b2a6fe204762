"""A person's details as they stood on a date (member-file.md): the person's own fields hold
the latest value of each detail; the changes kept by date (`DetailChange`) give an earlier
one. Corrections of the record are not dated: they hold for every day."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from dangbo.domain import member_file as MF

from .models import DetailChange, Person, Photo


def as_text(value) -> str:
    """A detail's value as a change keeps it (a date in ISO form, nothing as "")."""
    return "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)


def value_of(detail: MF.Detail, text: str):
    """A value a change keeps, back as the person's field holds it."""
    if detail.kind == "date":
        return dt.date.fromisoformat(text) if text else None
    return text


def dated_changes(person: Person, before: dict, after: dict, day: dt.date, recorded_at, user_id) -> list[DetailChange]:
    """The changes (unsaved) of the details kept by date among `after` (field → new value),
    taking effect on `day`; `before` holds their earlier values."""
    return [DetailChange(person=person, column=MF.COLUMN_OF[f], date=day, before=as_text(before[f]), after=as_text(v),
                         recorded_at=recorded_at, recorded_by_id=user_id)
            for f, v in after.items() if MF.BY_FIELD[f].dated]


def details_on(person: Person, day: dt.date) -> dict[str, object]:
    """Every detail of the person (field → value) as it stood at the end of `day`."""
    out = {d.field: getattr(person, d.field) for d in MF.ALL}
    for (_, column), before in values_changed_after(day, list(MF.BY_COLUMN), [person.pk]).items():
        d = MF.BY_COLUMN[column]
        out[d.field] = value_of(d, before)
    return out


def values_changed_after(day: dt.date, columns: list[str], person_ids=None) -> dict[tuple[int, str], str]:
    """(person id, column) → the value on `day`, for the details among `columns` that changed
    after it (the rest stand as the person's fields hold them)."""
    qs = DetailChange.objects.filter(date__gt=day, column__in=columns)
    if person_ids is not None:
        qs = qs.filter(person_id__in=person_ids)
    out: dict[tuple[int, str], str] = {}
    for pid, column, before in qs.order_by("person_id", "column", "date", "id").values_list("person_id", "column", "before"):
        out.setdefault((pid, column), before)
    return out


def changes_by_year(person: Person) -> dict[int, list[DetailChange]]:
    """The person's dated changes, by the year they took effect (the yearly supplement)."""
    out: dict[int, list[DetailChange]] = defaultdict(list)
    for c in DetailChange.objects.filter(person=person).select_related("recorded_by").order_by("date", "id"):
        out[c.date.year].append(c)
    return dict(sorted(out.items(), reverse=True))


def latest_photo(person: Person) -> Photo | None:
    """The photo of the member's file: the latest uploaded (the earlier ones are kept)."""
    return Photo.objects.filter(person=person).order_by("-uploaded_at", "-id").first()
