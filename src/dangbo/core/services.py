"""Shared steps of the write services: judging a replay and keeping overrides."""

from __future__ import annotations

import datetime as dt

from dangbo.domain.problems import DomainError, Problem, RuleBlocked
from dangbo.rules.models import Override


def judge(problems: list[Problem], override_reason: str | None) -> list[Problem]:
    """Raise for hard errors, and for rule breaches without a written reason; return the breaches."""
    errors = [p for p in problems if p.is_error]
    if errors:
        raise DomainError(errors)
    breaches = [p for p in problems if not p.is_error]
    if breaches and not (override_reason and override_reason.strip()):
        raise RuleBlocked(breaches)
    return breaches


def keep_overrides(*, user, breaches: list[Problem], object_type: str, object_id: int, reason: str | None) -> None:
    Override.objects.bulk_create([
        Override(user=user if getattr(user, "pk", None) else None, rule=p.rule, object_type=object_type,
                 object_id=object_id, message=p.message, reason=(reason or "").strip()) for p in breaches])


def jsonable(fields: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in fields.items() if v not in (None, "")}
