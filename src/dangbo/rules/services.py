"""Seeding and changing rule versions and holidays."""

from __future__ import annotations

import datetime as dt

import holidays as holiday_lib
from django.db import transaction

from dangbo.audit.services import record_audit
from dangbo.domain.rulebook import DEFAULTS

from .models import Holiday, RuleVersion


@transaction.atomic
def seed_rules_and_holidays(*, first_year: int = 1990, last_year: int = 2040) -> int:
    """Load the default rule versions and Vietnam's public holidays; idempotent."""
    added = 0
    for rule in DEFAULTS:
        _, created = RuleVersion.objects.get_or_create(
            code=rule.code, valid_from=rule.valid_from,
            defaults={"name": rule.name, "value": rule.value, "source": rule.source},
        )
        added += created
    known = set(Holiday.objects.values_list("date", flat=True))
    vn = holiday_lib.country_holidays("VN", years=range(first_year, last_year + 1))
    new = [Holiday(date=d, name=str(n)[:120]) for d, n in sorted(vn.items()) if d not in known]
    Holiday.objects.bulk_create(new)
    if added or new:
        record_audit(action="rules.seed", object_type="rule", after={"rule_versions": added, "holidays": len(new)}, source="init")
    return added + len(new)


@transaction.atomic
def add_rule_version(*, user, code: str, name: str, value, valid_from: dt.date, source: str) -> RuleVersion:
    """A new version of a rule, applying from `valid_from`; older data keeps its own version."""
    version = RuleVersion.objects.create(code=code, name=name, value=value, valid_from=valid_from, source=source)
    record_audit(user=user, action="rule.add_version", object_type="rule", object_id=code,
                 after={"value": value, "valid_from": valid_from.isoformat(), "source": source})
    return version
