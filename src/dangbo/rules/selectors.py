"""Reading the rule values and holidays in force."""

from __future__ import annotations

from dangbo.domain.rulebook import DEFAULTS, RuleBook

from .models import Holiday, RuleVersion


def rulebook() -> RuleBook:
    """Every rule version in the database; a rule the table does not hold yet (a database
    seeded before the rule existed) is judged by its default."""
    rows = [(r.code, r.valid_from, r.value) for r in RuleVersion.objects.all()]
    stored = {code for code, _, _ in rows}
    rows += [(r.code, r.valid_from, r.value) for r in DEFAULTS if r.code not in stored]
    return RuleBook(rows)


def holidays() -> set:
    return set(Holiday.objects.values_list("date", flat=True))
