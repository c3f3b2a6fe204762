"""Congress terms and their targets, entered from the web as the congress adopts them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from dangbo.audit.services import record_audit
from dangbo.core.services import check_lengths, jsonable, judge, recorder, refuse, supersede
from dangbo.core.world import stored_world
from dangbo.domain import records as REC
from dangbo.domain.problems import FORM_REF
from dangbo.orgs.models import Org

from .models import Target, Term


@transaction.atomic
def create_term(*, user, code: str, org: Org, start: dt.date, end: dt.date) -> Term:
    """A term of a root (nhiệm kỳ) from its congress to the next."""
    code = code.strip()
    if not code:
        refuse("Cần mã nhiệm kỳ.", "ma")
    check_lengths(Term, code=code)
    if Term.objects.filter(code=code).exists():
        refuse(f"Mã nhiệm kỳ {code} đã có.", "ma", code)
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
        refuse("Cần nội dung chỉ tiêu.", "noi_dung")
    if number < 1 or number > 32767:
        refuse("Số thứ tự chỉ tiêu bắt đầu từ 1.", "stt", number)
    if comparator and comparator not in (">=", "<="):
        refuse("Phép so sánh là >= hoặc <=.", "so_sanh", comparator)
    if threshold is not None and (not threshold.is_finite() or abs(threshold) >= 10**10):
        refuse("Giá trị ngưỡng phải là một số nhỏ hơn 10 tỷ.", "gia_tri", str(threshold))
    if threshold is not None:
        threshold = threshold.quantize(Decimal("0.0001"))
    if term.targets.current().filter(number=number).exists():
        refuse(f"Nhiệm kỳ {term.code} đã có chỉ tiêu số {number}.", "stt", number)
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
        refuse("Chỉ tiêu này được tính từ số liệu, không đánh giá thủ công.", "dat")
    if not reason.strip():
        refuse("Cần ghi căn cứ đánh giá chỉ tiêu.", "ly_do")
    if target.voided_at is not None:
        refuse("Chỉ tiêu này đã được thay bằng bản mới hơn.")
    new = Target.objects.create(term=target.term, number=target.number, text=target.text, met=met, recorded_by=recorder(user))
    supersede(target, new, user=user, reason=reason.strip())
    record_audit(user=user, action="target.judge", object_type="term", object_id=target.term.code,
                 before={"stt": target.number, "dat": target.met}, after={"stt": target.number, "dat": met}, reason=reason)
    return new
