"""Congress terms and their targets, entered from the web as the congress adopts them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from dangbo.audit.services import record_audit
from dangbo.core.services import (
    check_lengths,
    jsonable,
    judge,
    link,
    recorder,
    refuse,
    supersede,
    void,
)
from dangbo.domain import records as REC
from dangbo.domain.problems import FORM_REF
from dangbo.orgs.models import Org
from dangbo.projections.world import stored_world

from .models import Target, Term


@transaction.atomic
def create_term(*, user, code: str, org: Org, start: dt.date, end: dt.date) -> Term:
    """A term of a root (nhiệm kỳ) from its congress to the next."""
    code = code.strip()
    if not code:
        refuse("Cần mã nhiệm kỳ.", "ma", code="required_missing")
    check_lengths(Term, code=code)
    if Term.objects.current().filter(code=code).exists():
        refuse(f"Mã nhiệm kỳ {code} đã có.", "ma", code, code="code_taken")
    judge(REC.check_term(stored_world(), FORM_REF, org=org.code, start=start, end=end))
    term = Term.objects.create(code=code, org=org, start=start, end=end, recorded_by=recorder(user))
    record_audit(user=user, action="term.create", object_type="term", object_id=code,
                 after=jsonable({"ma_to_chuc": org.code, "tu_ngay": start, "den_ngay": end}))
    return term


@transaction.atomic
def add_target(*, user, term: Term, number: int, text: str, metric: str = "", comparator: str = "",
               threshold: Decimal | None = None, met: bool | None = None) -> Target:
    """A target of the term's resolution: linked to a report metric with a threshold
    (judged by the figures), or judged by hand (`met`)."""
    if not text.strip():
        refuse("Cần nội dung chỉ tiêu.", "noi_dung", code="required_missing")
    if number < 1 or number > 32767:
        refuse("Số thứ tự chỉ tiêu bắt đầu từ 1.", "stt", number, code="number_invalid")
    if comparator and comparator not in (">=", "<="):
        refuse("Phép so sánh là >= hoặc <=.", "so_sanh", comparator, code="unknown_code")
    if threshold is not None and (not threshold.is_finite() or abs(threshold) >= 10**10):
        refuse("Giá trị ngưỡng phải là một số nhỏ hơn 10 tỷ.", "gia_tri", str(threshold), code="threshold_too_large")
    if threshold is not None:
        threshold = threshold.quantize(Decimal("0.0001"))
    if term.targets.current().filter(number=number).exists():
        refuse(f"Nhiệm kỳ {term.code} đã có chỉ tiêu số {number}.", "stt", number, code="number_taken")
    judge(REC.check_target(stored_world(terms={term.code: (term.org.code, term.start, term.end)}), FORM_REF,
                           term=term.code, metric=metric or None, comparator=comparator or None, threshold=threshold,
                           met=met))
    target = Target.objects.create(term=term, number=number, text=text.strip(), metric=metric, comparator=comparator,
                                   threshold=threshold if metric else None, met=None if metric else met,
                                   recorded_by=recorder(user))
    record_audit(user=user, action="target.add", object_type="term", object_id=term.code,
                 after=jsonable({"stt": number, "noi_dung": target.text, "chi_so": metric, "so_sanh": comparator,
                                 "gia_tri": str(threshold) if threshold is not None else None, "dat": met}))
    return target


@transaction.atomic
def judge_target(*, user, target: Target, met: bool, reason: str) -> Target:
    """The board's judgement of a target judged by hand; the earlier judgement is superseded."""
    target = Target.objects.select_for_update().get(pk=target.pk)
    if target.metric:
        refuse("Chỉ tiêu này được tính từ số liệu, không đánh giá thủ công.", "dat", code="judged_from_figures")
    if not reason.strip():
        refuse("Cần ghi căn cứ đánh giá chỉ tiêu.", "ly_do", code="reason_missing")
    if target.voided_at is not None:
        refuse("Chỉ tiêu này đã được thay bằng bản mới hơn.", code="already_superseded")
    new = Target.objects.create(term=target.term, number=target.number, text=target.text, met=met, recorded_by=recorder(user))
    supersede(target, new, user=user, reason=reason.strip())
    record_audit(user=user, action="target.judge", object_type="term", object_id=target.term.code,
                 before={"stt": target.number, "dat": target.met}, after={"stt": target.number, "dat": met}, reason=reason)
    return new


def _shown(target: Target) -> dict:
    return jsonable({"stt": target.number, "noi_dung": target.text, "chi_so": target.metric, "so_sanh": target.comparator,
                     "gia_tri": str(target.threshold) if target.threshold is not None else None, "dat": target.met})


@transaction.atomic
def void_target(*, user, target: Target, reason: str) -> Target:
    """A target entered by mistake is voided (its number is free again)."""
    target = Target.objects.select_for_update(of=("self",)).select_related("term").get(pk=target.pk)
    void(target, user=user, reason=reason)
    record_audit(user=user, action="target.void", object_type="term", object_id=target.term.code, before=_shown(target),
                 reason=target.void_reason)
    return target


@transaction.atomic
def correct_target(*, user, target: Target, reason: str, number: int, text: str, metric: str = "", comparator: str = "",
                   threshold: Decimal | None = None, met: bool | None = None) -> Target:
    """A corrected target (the same checks as a new one) supersedes it."""
    old = void_target(user=user, target=target, reason=reason)
    new = add_target(user=user, term=old.term, number=number, text=text, metric=metric, comparator=comparator,
                     threshold=threshold, met=met)
    link(old, new)
    return new


@transaction.atomic
def void_term(*, user, term: Term, reason: str) -> Term:
    """A term entered by mistake is voided with its targets (its code is free again)."""
    term = Term.objects.select_for_update(of=("self",)).select_related("org").get(pk=term.pk)
    void(term, user=user, reason=reason)
    term.targets.current().update(voided_at=term.voided_at, voided_by=term.voided_by, void_reason=term.void_reason)
    record_audit(user=user, action="term.void", object_type="term", object_id=term.code,
                 before=jsonable({"ma_to_chuc": term.org.code, "tu_ngay": term.start, "den_ngay": term.end}),
                 reason=term.void_reason)
    return term
