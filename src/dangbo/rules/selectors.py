"""Reading the rule values and holidays in force."""

from __future__ import annotations

from dangbo.domain.rulebook import RuleBook

from .models import Holiday, RuleVersion


def rulebook() -> RuleBook:
    """Every rule version in the database (the defaults when the table is still empty)."""
    rows = [(r.code, r.valid_from, r.value) for r in RuleVersion.objects.all()]
    return RuleBook(rows) if rows else RuleBook.defaults()


def holidays() -> set:
    return set(Holiday.objects.values_list("date", flat=True))
