"""Training classes: planning a class, enrolling people, recording results and certificates.

A completed `nhan_thuc` certificate is what the admission rule looks for, a `dang_vien_moi`
one what the official-recognition rule looks for: both read the enrolments stored here.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

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
from dangbo.domain.labels import CLASS_KIND, CLASS_RESULT
from dangbo.domain.problems import FORM_REF, DomainError, Problem
from dangbo.members.models import Person
from dangbo.orgs.models import Org
from dangbo.projections.world import stored_world

from .models import Enrolment, TrainingClass


@transaction.atomic
def plan_class(*, user, code: str, name: str, kind: str, start: dt.date, end: dt.date | None, org: Org) -> TrainingClass:
    """A new class of `kind` organized by `org` from `start` (to `end`); codes are unique."""
    code, name = code.strip(), name.strip()
    if not code or not name:
        refuse("Cần mã lớp và tên lớp.", "ma", code="required_missing")
    check_lengths(TrainingClass, code=code, name=name)
    if kind not in CLASS_KIND:
        refuse(f"Loại lớp không hợp lệ: {kind}.", "loai", kind, code="unknown_code")
    if TrainingClass.objects.current().filter(code=code).exists():
        refuse(f"Mã lớp {code} đã có.", "ma", code, code="code_taken")
    judge(REC.check_class(stored_world(), FORM_REF, start=start, end=end, org=org.code))
    cls = TrainingClass.objects.create(code=code, name=name, kind=kind, start=start, end=end, org=org, recorded_by=recorder(user))
    record_audit(user=user, action="training_class.plan", object_type="training_class", object_id=code,
                 after=jsonable({"ten": name, "loai": kind, "tu_ngay": start, "den_ngay": end, "ma_to_chuc": org.code}))
    return cls


@transaction.atomic
def enrol(*, user, training_class: TrainingClass, people: list[Person]) -> list[Enrolment]:
    """Put members or candidates into a class; someone already in it is refused by name."""
    if not people:
        refuse("Chưa chọn học viên nào.", "ma_nguoi", code="nobody_chosen")
    taken = set(training_class.enrolments.current().values_list("person__code", flat=True))
    world = stored_world(classes={training_class.code: training_class.start})
    problems = []
    for person in people:
        if person.code in taken:
            refuse(f"{person.full_name} ({person.code}) đã có trong lớp {training_class.code}.", "ma_nguoi", person.code, code="already_enrolled")
        taken.add(person.code)
        problems += REC.check_enrolment(world, FORM_REF, class_code=training_class.code, person=person.code)
    judge(problems)
    rows = Enrolment.objects.bulk_create([Enrolment(training_class=training_class, person=p, recorded_by=recorder(user))
                                          for p in people])
    record_audit(user=user, action="training_class.enrol", object_type="training_class", object_id=training_class.code,
                 after={"hoc_vien": [p.code for p in people]})
    return rows


@transaction.atomic
def record_results(*, user, training_class: TrainingClass,
                   results: dict[str, tuple[str, dt.date | None]]) -> int:
    """Each learner's result (hoan_thanh / khong_hoan_thanh) and certificate date. A change
    supersedes the learner's earlier row, so what was recorded before stays readable."""
    rows = {e.person.code: e for e in training_class.enrolments.current().select_related("person").select_for_update()}
    problems: list[Problem] = []
    for code, (result, cert) in results.items():
        if code not in rows:
            problems.append(Problem(FORM_REF, "ma_nguoi", code, f"{code} không học lớp {training_class.code}.", code="not_enrolled"))
            continue
        who = f"{rows[code].person.full_name} ({code})"
        if result not in CLASS_RESULT and result != "":
            problems.append(Problem(FORM_REF, "ket_qua", result, f"Kết quả của {who} không hợp lệ: {result}.", code="unknown_code"))
        if cert is not None and cert > timezone.localdate():
            problems.append(Problem(FORM_REF, "ngay_cap_chung_chi", cert, f"Ngày cấp chứng chỉ của {who} ({cert:%d/%m/%Y}) là ngày "
                                    "sau hôm nay: chỉ ghi việc đã xảy ra.", code="date_in_future"))
        if cert is not None and cert < training_class.start:
            problems.append(Problem(FORM_REF, "ngay_cap_chung_chi", cert, f"Ngày cấp chứng chỉ của {who} ({cert:%d/%m/%Y}) "
                                    f"trước ngày khai giảng lớp ({training_class.start:%d/%m/%Y}).", code="certificate_before_class"))
        if cert is not None and result == "khong_hoan_thanh":
            problems.append(Problem(FORM_REF, "ngay_cap_chung_chi", cert, f"{who} không hoàn thành lớp: không cấp chứng chỉ.",
                                    code="certificate_without_completion"))
    if problems:
        raise DomainError(problems)
    changed = {}
    for code, (result, cert) in results.items():
        old = rows[code]
        if (old.result, old.certificate_date) == (result, cert):
            continue
        new = Enrolment.objects.create(training_class=training_class, person=old.person, result=result,
                                       certificate_date=cert, recorded_by=recorder(user))
        supersede(old, new, user=user, reason="Ghi kết quả học tập")
        changed[code] = jsonable({"ket_qua": result, "ngay_cap_chung_chi": cert})
    if changed:
        record_audit(user=user, action="training_class.results", object_type="training_class",
                     object_id=training_class.code, after=changed)
    return len(changed)


@transaction.atomic
def void_class(*, user, training_class: TrainingClass, reason: str) -> TrainingClass:
    """A class recorded by mistake is voided with its enrolments (kept, not deleted): its
    certificates no longer count for an admission or a recognition recorded from now on."""
    cls = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
    void(cls, user=user, reason=reason)
    cls.enrolments.current().update(voided_at=cls.voided_at, voided_by=cls.voided_by, void_reason=cls.void_reason)
    record_audit(user=user, action="training_class.void", object_type="training_class", object_id=cls.code,
                 before=jsonable({"ten": cls.name, "loai": cls.kind, "tu_ngay": cls.start, "den_ngay": cls.end}),
                 reason=cls.void_reason)
    return cls


@transaction.atomic
def correct_class(*, user, training_class: TrainingClass, reason: str, name: str, kind: str, start: dt.date,
                  end: dt.date | None, org: Org) -> TrainingClass:
    """A corrected copy of a class (same code) supersedes it, with the same checks as a new
    class; its learners, results and certificates move to the copy (the old rows kept)."""
    old = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
    learners = list(old.enrolments.current())
    void(old, user=user, reason=reason)
    new = plan_class(user=user, code=old.code, name=name, kind=kind, start=start, end=end, org=org)
    link(old, new)
    for e in learners:
        copy = Enrolment.objects.create(training_class=new, person_id=e.person_id, result=e.result,
                                        certificate_date=e.certificate_date, recorded_by=recorder(user))
        supersede(e, copy, user=user, reason=old.void_reason)
    record_audit(user=user, action="training_class.correct", object_type="training_class", object_id=new.code,
                 before=jsonable({"ten": old.name, "loai": old.kind, "tu_ngay": old.start, "den_ngay": old.end,
                                  "ma_to_chuc": old.org.code}),
                 after=jsonable({"ten": new.name, "loai": new.kind, "tu_ngay": new.start, "den_ngay": new.end,
                                 "ma_to_chuc": org.code}), reason=old.void_reason)
    return new


@transaction.atomic
def void_enrolment(*, user, enrolment: Enrolment, reason: str) -> Enrolment:
    """Take a learner enrolled by mistake out of a class (the row is kept, voided)."""
    enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related("training_class", "person").get(pk=enrolment.pk)
    void(enrolment, user=user, reason=reason)
    record_audit(user=user, action="training_class.unenrol", object_type="training_class",
                 object_id=enrolment.training_class.code, before={"hoc_vien": [enrolment.person.code]},
                 reason=enrolment.void_reason)
    return enrolment
