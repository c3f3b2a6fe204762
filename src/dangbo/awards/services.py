"""Awards granted and proposals to higher bodies; a proposal is later granted or not."""

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
from dangbo.domain.labels import AWARD_FORM, AWARD_STATUS, AWARD_SUBJECT_KIND
from dangbo.domain.problems import FORM_REF
from dangbo.inspection.models import Discipline
from dangbo.members.models import Person
from dangbo.orgs.models import Org
from dangbo.projections.world import stored_world

from .models import Award


@transaction.atomic
def record_award(*, user, date: dt.date, form: str, subject_kind: str, subject: str, status: str = "quyet_dinh",
                 granted_by: Org | None = None, content: str = "", decision_no: str = "",
                 override_reason: str | None = None) -> Award:
    """An award to a collective (tap_the) or an individual (ca_nhan), granted (quyet_dinh) or
    proposed to a higher body (de_nghi). An individual disciplined within the rule's months
    before is blocked unless overridden."""
    if form not in AWARD_FORM:
        refuse(f"Hình thức khen thưởng không hợp lệ: {form}.", "hinh_thuc", form, code="unknown_code")
    if subject_kind not in AWARD_SUBJECT_KIND:
        refuse(f"Đối tượng khen thưởng không hợp lệ: {subject_kind}.", "doi_tuong", subject_kind, code="unknown_code")
    if status not in AWARD_STATUS:
        refuse(f"Trạng thái không hợp lệ: {status}.", "trang_thai", status, code="unknown_code")
    refuse_future(ngay=date)
    if status == "quyet_dinh" and not decision_no.strip():
        refuse("Khen thưởng đã quyết định cần số quyết định.", "so_quyet_dinh", code="decision_no_missing")
    check_lengths(Award, decision_no=decision_no)
    model = Org if subject_kind == "tap_the" else Person
    target = model.objects.filter(code=subject).first()
    if target is None:
        refuse(f"Không có {'tập thể' if subject_kind == 'tap_the' else 'cá nhân'} mang mã {subject}.", "ma_doi_tuong", subject, code="unknown_subject")
    world = stored_world()
    if subject_kind == "ca_nhan":
        world.disciplines = {subject: list(Discipline.objects.current().filter(subject_person=target).values_list("date", "form"))}
    breaches = judge(REC.check_award(world, FORM_REF, day=date, subject_kind=subject_kind, subject=subject,
                                     granted_by=granted_by.code if granted_by else None), override_reason)
    award = Award.objects.create(date=date, form=form, subject_kind=subject_kind,
                                 subject_org=target if isinstance(target, Org) else None,
                                 subject_person=target if isinstance(target, Person) else None, status=status,
                                 granted_by=granted_by, content=content.strip(), decision_no=decision_no.strip(),
                                 recorded_by=recorder(user))
    keep_overrides(user=user, breaches=breaches, object_type="award", object_id=award.pk, reason=override_reason)
    record_audit(user=user, action=f"award.{status}", object_type="award", object_id=award.pk,
                 after=jsonable({"ngay": date, "hinh_thuc": form, "doi_tuong": subject_kind, "ma_doi_tuong": subject,
                                 "ma_co_quan": granted_by.code if granted_by else None, "so_quyet_dinh": decision_no,
                                 "vuot_quy_dinh": [p.rule for p in breaches]}), reason=override_reason or "")
    return award


@transaction.atomic
def decide_proposal(*, user, proposal: Award, granted: bool, date: dt.date | None = None, decision_no: str = "",
                    reason: str = "") -> Award:
    """The higher body's answer to a proposal: granted, the proposal is superseded by the
    award with its decision (counted once); not granted, it is voided with the reason."""
    refuse_future(ngay=date)
    proposal = Award.objects.select_for_update().get(pk=proposal.pk)
    if proposal.voided_at is not None or proposal.status != "de_nghi":
        refuse("Đây không phải là một đề nghị khen thưởng đang chờ.", code="not_a_pending_proposal")
    if not granted:
        void(proposal, user=user, reason=reason or "")
        record_audit(user=user, action="award.not_granted", object_type="award", object_id=proposal.pk, reason=reason)
        return proposal
    if date is None or not decision_no.strip():
        refuse("Cần ngày và số quyết định khen thưởng.", "so_quyet_dinh", code="decision_missing")
    check_lengths(Award, decision_no=decision_no)
    if date < proposal.date:
        refuse(f"Ngày quyết định trước ngày đề nghị ({proposal.date:%d/%m/%Y}).", "ngay", date, code="decision_before_proposal")
    award = Award.objects.create(date=date, form=proposal.form, subject_kind=proposal.subject_kind,
                                 subject_org=proposal.subject_org, subject_person=proposal.subject_person,
                                 status="quyet_dinh", granted_by=None, content=proposal.content,
                                 decision_no=decision_no.strip(), recorded_by=recorder(user))
    supersede(proposal, award, user=user, reason="Cấp trên đã quyết định khen thưởng")
    record_audit(user=user, action="award.granted", object_type="award", object_id=award.pk,
                 after=jsonable({"ngay": date, "so_quyet_dinh": decision_no, "de_nghi": proposal.pk}))
    return award


def _shown(award: Award) -> dict:
    subject = award.subject_org or award.subject_person
    return jsonable({"ngay": award.date, "hinh_thuc": award.form, "doi_tuong": award.subject_kind,
                     "ma_doi_tuong": subject.code if subject else None, "trang_thai": award.status,
                     "so_quyet_dinh": award.decision_no})


@transaction.atomic
def void_award(*, user, award: Award, reason: str) -> Award:
    """An award or proposal entered by mistake is voided with the reason (kept, struck through)."""
    award = Award.objects.select_for_update(of=("self",)).select_related("subject_org", "subject_person").get(pk=award.pk)
    void(award, user=user, reason=reason)
    record_audit(user=user, action="award.void", object_type="award", object_id=award.pk, before=_shown(award),
                 reason=award.void_reason)
    return award


@transaction.atomic
def correct_award(*, user, award: Award, reason: str, **fields) -> Award:
    """A corrected copy of an award (`record_award`'s keywords) supersedes it, with the checks
    of a new one."""
    old = void_award(user=user, award=award, reason=reason)
    new = record_award(user=user, **fields)
    link(old, new)
    return new
