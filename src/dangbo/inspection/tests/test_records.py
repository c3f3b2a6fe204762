"""Inspections, conclusions and disciplines: forms allowed per subject, an expulsion ending
the membership, and refusals named."""

import datetime as dt

import pytest

from dangbo.audit.models import AuditEntry
from dangbo.domain.problems import DomainError, RuleBlocked
from dangbo.inspection import services
from dangbo.inspection.models import Discipline, Inspection
from dangbo.members.models import MemberSpell
from dangbo.orgs.models import Org

D = dt.date


def test_inspection_then_its_conclusion(people):
    ins = people["inspector"]
    rec = services.record_inspection(user=ins, date=D(2017, 4, 1), form="kiem_tra", actor=Org.objects.get(code="R1"), body="ubkt",
                                     subject_kind="dang_vien", subject="P3", content="Kê khai tài sản")
    new = services.record_conclusion(user=ins, inspection=rec, conclusion="Chấp hành tốt")
    rec.refresh_from_db()
    assert rec.superseded_by_id == new.pk and new.conclusion == "Chấp hành tốt" and new.content == "Kê khai tài sản"
    assert Inspection.objects.current().filter(subject_person__code="P3").count() == 1
    with pytest.raises(DomainError, match="đã bị hủy hoặc đã được thay"):
        services.record_conclusion(user=ins, inspection=rec, conclusion="Lần hai")


def test_a_cell_has_no_inspection_committee(people):
    with pytest.raises(DomainError, match="Chi bộ không có ủy ban kiểm tra"):
        services.record_inspection(user=people["inspector"], date=D(2017, 4, 1), form="giam_sat", actor=Org.objects.get(code="C1"),
                                   body="ubkt", subject_kind="dang_vien", subject="P1")
    with pytest.raises(DomainError, match="Không có người mang mã P99"):
        services.record_inspection(user=people["inspector"], date=D(2017, 4, 1), form="giam_sat", actor=Org.objects.get(code="R1"),
                                   body="ubkt", subject_kind="dang_vien", subject="P99")
    assert Inspection.objects.count() == 2  # the imported ones only


def test_forms_allowed_per_subject(people):
    ins, r1 = people["inspector"], Org.objects.get(code="R1")
    with pytest.raises(DomainError, match="Hình thức kỷ luật tổ chức chỉ gồm"):
        services.record_discipline(user=ins, date=D(2017, 5, 1), subject_kind="to_chuc", subject="C1", form="khai_tru", decided_by=r1)
    with pytest.raises(DomainError, match="Hình thức kỷ luật đảng viên chỉ gồm"):
        services.record_discipline(user=ins, date=D(2017, 5, 1), subject_kind="dang_vien", subject="P1", form="giai_tan", decided_by=r1)
    services.record_discipline(user=ins, date=D(2017, 5, 1), subject_kind="to_chuc", subject="C1", form="giai_tan", decided_by=r1,
                               decision_no="05-QĐ/UBKT")
    assert Discipline.objects.filter(subject_org__code="C1", form="giai_tan").exists()


def test_a_probationary_member_only_reprimand_or_warning(people):
    ins, r1 = people["inspector"], Org.objects.get(code="R1")
    with pytest.raises(RuleBlocked, match="Đảng viên dự bị chỉ bị kỷ luật khien_trach hoặc canh_cao"):
        services.record_discipline(user=ins, date=D(2015, 8, 1), subject_kind="dang_vien", subject="P5", form="cach_chuc", decided_by=r1)
    services.record_discipline(user=ins, date=D(2015, 8, 1), subject_kind="dang_vien", subject="P5", form="canh_cao", decided_by=r1)


def test_expulsion_ends_the_membership(people):
    ins, r1 = people["inspector"], Org.objects.get(code="R1")
    services.record_discipline(user=ins, date=D(2017, 6, 1), subject_kind="dang_vien", subject="P4", form="khai_tru", decided_by=r1,
                               decision_no="12-QĐ/ĐUK")
    spell = MemberSpell.objects.get(person__code="P4")
    assert spell.valid_to == D(2017, 6, 1)
    assert AuditEntry.objects.filter(action="discipline.khai_tru", user=ins).exists()
    with pytest.raises(DomainError, match="không phải là đảng viên"):
        services.record_discipline(user=ins, date=D(2017, 7, 1), subject_kind="dang_vien", subject="P4", form="canh_cao", decided_by=r1)
