"""Inspections, supervisions and disciplines: confidential records of the inspection roles.

A member's `khai_tru` ends their membership on its date, so it is replayed with the
member's history like any member event; every other discipline is kept for the rules that
look back at it (a badge or an award delayed after it).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from dangbo.audit.services import record_audit
from dangbo.core.services import (
    check_lengths,
    jsonable,
    judge,
    keep_overrides,
    link,
    recorder,
    refuse,
    refuse_future,
    supersede,
    void,
)
from dangbo.domain import records as REC
from dangbo.domain import replay as R
from dangbo.domain.labels import BODY, DISCIPLINE, INSPECTION_FORM, SUBJECT_KIND
from dangbo.domain.problems import FORM_REF
from dangbo.members.models import Person
from dangbo.orgs.models import Org
from dangbo.projections import narrow
from dangbo.projections.world import stored_world
from dangbo.rules.selectors import rulebook

from .models import Discipline, Inspection


def _subject(kind: str, code: str):
    if kind not in SUBJECT_KIND:
        refuse(f"Đối tượng không hợp lệ: {kind}.", "doi_tuong", kind, code="unknown_code")
    model = Org if kind == "to_chuc" else Person
    found = model.objects.filter(code=code).first()
    if found is None:
        refuse(f"Không có {'tổ chức' if kind == 'to_chuc' else 'người'} mang mã {code}.", "ma_doi_tuong", code, code="unknown_subject")
    return found


@transaction.atomic
def record_inspection(*, user, date: dt.date, form: str, actor: Org, body: str, subject_kind: str, subject: str,
                      content: str = "", conclusion: str = "") -> Inspection:
    """One inspection (kiem_tra) or supervision (giam_sat) of a unit or member by `actor`'s
    committee (cap_uy) or inspection committee (ubkt)."""
    if form not in INSPECTION_FORM:
        refuse(f"Hình thức không hợp lệ: {form}.", "hinh_thuc", form, code="unknown_code")
    if body not in BODY:
        refuse(f"Cơ quan không hợp lệ: {body}.", "co_quan", body, code="unknown_code")
    refuse_future(ngay=date)
    target = _subject(subject_kind, subject)
    judge(REC.check_inspection(stored_world(), FORM_REF, day=date, actor=actor.code, body=body,
                               subject_kind=subject_kind, subject=subject))
    record = Inspection.objects.create(
        date=date, form=form, actor=actor, body=body, subject_kind=subject_kind,
        subject_org=target if subject_kind == "to_chuc" else None, subject_person=target if subject_kind == "dang_vien" else None,
        content=content.strip(), conclusion=conclusion.strip(), recorded_by=recorder(user))
    record_audit(user=user, action=f"inspection.{form}", object_type="inspection", object_id=record.pk,
                 after=jsonable({"ngay": date, "ma_chu_the": actor.code, "co_quan": body, "doi_tuong": subject_kind,
                                 "ma_doi_tuong": subject}))
    return record


@transaction.atomic
def record_conclusion(*, user, inspection: Inspection, conclusion: str) -> Inspection:
    """The conclusion of an inspection, once it is reached: a corrected copy supersedes the record."""
    if not conclusion.strip():
        refuse("Cần ghi nội dung kết luận.", "ket_luan", code="required_missing")
    old = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if old.voided_at is not None:
        refuse("Bản ghi kiểm tra, giám sát này đã bị hủy hoặc đã được thay.", code="already_voided")
    new = Inspection.objects.create(**{f.name: getattr(old, f.name) for f in Inspection._meta.concrete_fields
                                       if f.name not in ("id", "recorded_at", "recorded_by", "voided_at", "voided_by",
                                                         "void_reason", "superseded_by", "batch", "conclusion")},
                                    conclusion=conclusion.strip(), recorded_by=recorder(user))
    supersede(old, new, user=user, reason="Ghi kết luận")
    record_audit(user=user, action="inspection.conclude", object_type="inspection", object_id=new.pk,
                 before={"ket_luan": old.conclusion}, after={"ket_luan": new.conclusion})
    return new


@transaction.atomic
def record_discipline(*, user, date: dt.date, subject_kind: str, subject: str, form: str, decided_by: Org,
                      decision_no: str = "", note: str = "", override_reason: str | None = None) -> Discipline:
    """A discipline of a member or a unit, with the forms allowed for each (a probationary
    member only khiển trách or cảnh cáo, unless overridden). `khai_tru` of a member ends the
    membership that day; `giai_tan` of a unit is the record only (the unit ends by its
    `giai_the` event)."""
    if form not in DISCIPLINE:
        refuse(f"Hình thức kỷ luật không hợp lệ: {form}.", "hinh_thuc", form, code="unknown_code")
    refuse_future(ngay=date)
    check_lengths(Discipline, decision_no=decision_no)
    target = _subject(subject_kind, subject)
    world = stored_world()
    breaches = judge(REC.check_discipline(world, FORM_REF, day=date, subject_kind=subject_kind, subject=subject,
                                          form=form, decided_by=decided_by.code), override_reason)
    expelled = subject_kind == "dang_vien" and form == "khai_tru"
    if expelled:
        target = Person.objects.select_for_update(no_key=True).get(pk=target.pk)
        result = narrow.replay_person(rulebook(), (target.pk, target.code),
                                      expel=[R.Expulsion((1, 0), date, target.code, FORM_REF)])
        judge([p for p in result.problems if p.is_error])
    record = Discipline.objects.create(
        date=date, subject_kind=subject_kind, subject_org=target if subject_kind == "to_chuc" else None,
        subject_person=target if subject_kind == "dang_vien" else None, form=form, decided_by=decided_by,
        decision_no=decision_no.strip(), note=note.strip(), recorded_by=recorder(user))
    keep_overrides(user=user, breaches=breaches, object_type="discipline", object_id=record.pk, reason=override_reason)
    if expelled:
        narrow.write_person(result, (target.pk, target.code))
    record_audit(user=user, action=f"discipline.{form}", object_type="discipline", object_id=record.pk,
                 after=jsonable({"ngay": date, "doi_tuong": subject_kind, "ma_doi_tuong": subject,
                                 "ma_co_quan": decided_by.code, "so_quyet_dinh": decision_no,
                                 "vuot_quy_dinh": [p.rule for p in breaches]}), reason=override_reason or "")
    return record


def _shown(record) -> dict:
    subject = record.subject_org or record.subject_person
    return jsonable({"ngay": record.date, "hinh_thuc": record.form, "doi_tuong": record.subject_kind,
                     "ma_doi_tuong": subject.code if subject else None})


@transaction.atomic
def void_inspection(*, user, inspection: Inspection, reason: str) -> Inspection:
    """An inspection or supervision entered by mistake is voided with the reason."""
    record = Inspection.objects.select_for_update(of=("self",)).select_related("subject_org", "subject_person").get(pk=inspection.pk)
    void(record, user=user, reason=reason)
    record_audit(user=user, action="inspection.void", object_type="inspection", object_id=record.pk, before=_shown(record),
                 reason=record.void_reason)
    return record


@transaction.atomic
def correct_inspection(*, user, inspection: Inspection, reason: str, **fields) -> Inspection:
    """A corrected copy (`record_inspection`'s keywords) supersedes the inspection."""
    old = void_inspection(user=user, inspection=inspection, reason=reason)
    new = record_inspection(user=user, **fields)
    link(old, new)
    return new


@transaction.atomic
def void_discipline(*, user, discipline: Discipline, reason: str) -> Discipline:
    """A discipline entered by mistake is voided with the reason. Voiding an expulsion gives
    the member their membership back from that day, provided their history still holds."""
    record = Discipline.objects.select_for_update(of=("self",)).select_related("subject_org", "subject_person").get(pk=discipline.pk)
    void(record, user=user, reason=reason)
    if record.subject_kind == "dang_vien" and record.form == "khai_tru":
        person = Person.objects.select_for_update(no_key=True).get(pk=record.subject_person_id)
        # The void is in this transaction: the expulsion is no longer read.
        result = narrow.replay_person(rulebook(), (person.pk, person.code))
        judge([p for p in result.problems if p.is_error])
        narrow.write_person(result, (person.pk, person.code))
    record_audit(user=user, action="discipline.void", object_type="discipline", object_id=record.pk, before=_shown(record),
                 reason=record.void_reason)
    return record


@transaction.atomic
def correct_discipline(*, user, discipline: Discipline, reason: str, **fields) -> Discipline:
    """A corrected copy (`record_discipline`'s keywords) supersedes the discipline."""
    old = void_discipline(user=user, discipline=discipline, reason=reason)
    new = record_discipline(user=user, **fields)
    link(old, new)
    return new
