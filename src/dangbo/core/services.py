"""Shared steps of the write services: judging a replay and keeping overrides."""

from __future__ import annotations

import datetime as dt
from typing import NoReturn

from dangbo.domain.problems import FORM_REF, DomainError, Problem, RuleBlocked
from dangbo.rules.models import Override


def judge(problems: list[Problem], override_reason: str | None = None) -> list[Problem]:
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
        Override(user=user if getattr(user, "pk", None) else None, rule=p.breached_rule, object_type=object_type,
                 object_id=object_id, message=p.message, reason=(reason or "").strip()) for p in breaches])


def jsonable(fields: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in fields.items() if v not in (None, "")}


def recorder(user):
    """The user to store as `recorded_by` (None for a command or an anonymous caller)."""
    return user if getattr(user, "pk", None) else None


def refuse(message: str, column: str | None = None, value=None, *, code: str | None = None) -> NoReturn:
    """Refuse a form or service call with one named problem (`code`: what is wrong, stably)."""
    raise DomainError([Problem(FORM_REF, column, value, message, code=code)])


def refuse_future(**days: dt.date | None) -> None:
    """Refuse a record dated after today (column code=date): a typing error such as 2029 for
    2019, caught before it is saved (issue 20). Classes, meetings and terms may be planned
    ahead and do not call this."""
    from django.utils import timezone

    today = timezone.localdate()
    for column, day in days.items():
        if day is not None and day > today:
            refuse(f"Ngày {day:%d/%m/%Y} là ngày sau hôm nay ({today:%d/%m/%Y}): chỉ ghi việc đã xảy ra; "
                   "kiểm tra lại năm, tháng đã gõ.", column, day, code="date_in_future")


def named(problems: list[Problem], where: str) -> list[Problem]:
    """The problems of one row of a form, each message starting with whose row it is."""
    return [Problem(p.ref, p.column, p.value, f"{where}: {p.message}", p.rule, p.code) for p in problems]


def supersede(old, new, *, user, reason: str) -> None:
    """Void `old` and point it to its corrected copy `new` (nothing is ever deleted)."""
    from django.utils import timezone

    old.voided_at, old.voided_by, old.void_reason, old.superseded_by = timezone.now(), recorder(user), reason, new
    old.save(update_fields=["voided_at", "voided_by", "void_reason", "superseded_by"])


def void(record, *, user, reason: str) -> None:
    """Void a wrong record with who, when and why; refuses without a reason or twice."""
    from django.utils import timezone

    if not (reason or "").strip():
        refuse("Hủy một bản ghi cần ghi rõ lý do.", "ly_do", code="reason_missing")
    if record.voided_at is not None:
        refuse("Bản ghi này đã bị hủy trước đó.", code="already_voided")
    record.voided_at, record.voided_by, record.void_reason = timezone.now(), recorder(user), reason.strip()
    record.save(update_fields=["voided_at", "voided_by", "void_reason"])


def link(old, new) -> None:
    """Point a voided record to the copy that corrects it (a correction is a void, then the
    same write as a new record, then this link: the checks are those of a new record)."""
    type(old).objects.filter(pk=old.pk).update(superseded_by=new)


def check_lengths(model, **values) -> None:
    """Refuse text longer than the model's field allows (named by the field's label), and
    whole numbers beyond what the database column holds."""
    problems = []
    for name, value in values.items():
        field = model._meta.get_field(name)
        if isinstance(value, str) and field.max_length and len(value) > field.max_length:
            problems.append(Problem(FORM_REF, name, None, f"{str(field.verbose_name).capitalize()} dài quá {field.max_length} ký tự.",
                                    code="too_long"))
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2_000_000_000:
            problems.append(Problem(FORM_REF, name, value, f"{str(field.verbose_name).capitalize()} quá lớn.", code="too_large"))
    if problems:
        raise DomainError(problems)
