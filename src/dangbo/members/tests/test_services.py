"""Member services: rules enforced, overrides kept with their reason, corrections never delete."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from dangbo.audit.models import AuditEntry
from dangbo.domain.problems import DomainError, RuleBlocked
from dangbo.members import services
from dangbo.members.models import MemberEvent, MemberSpell, Person
from dangbo.members.selectors import member_state
from dangbo.orgs.models import Org
from dangbo.rules.models import Override

D = dt.date


@pytest.fixture
def clerk(db):
    return get_user_model().objects.create_user("thuky", password="x")


def test_admit_and_recognize_with_rules_met(imported_bloc, clerk):
    p6 = Person.objects.get(code="P6")
    cell = Org.objects.get(code="S1")
    # P6 failed the awareness class: admission is blocked without a written reason.
    with pytest.raises(RuleBlocked) as blocked:
        services.record_member_event(user=clerk, kind="ket_nap", person=p6, date=D(2017, 3, 1), cell=cell)
    assert any("nhận thức" in m for m in blocked.value.messages)
    assert not MemberEvent.objects.filter(person=p6).exists()
    ev = services.record_member_event(user=clerk, kind="ket_nap", person=p6, date=D(2017, 3, 1), cell=cell,
                                      override_reason="Đã học bù, có xác nhận của Ban Tuyên giáo")
    override = Override.objects.get(object_type="member_event", object_id=ev.pk)
    assert override.rule == "awareness_certificate" and "học bù" in override.reason
    assert member_state(p6, D(2017, 3, 1)).status == "du_bi"
    audit = AuditEntry.objects.get(action="member_event.ket_nap")
    assert audit.user == clerk and "học bù" in audit.reason


def test_hard_invariant_cannot_be_overridden(imported_bloc, clerk):
    p1 = Person.objects.get(code="P1")
    with pytest.raises(DomainError) as refused:
        services.record_member_event(user=clerk, kind="ket_nap", person=p1, date=D(2017, 3, 1),
                                     cell=Org.objects.get(code="C1"), override_reason="cứ ghi")
    assert not isinstance(refused.value, RuleBlocked)
    assert "đang là đảng viên" in refused.value.messages[0]


def test_void_keeps_the_record_and_rebuilds_history(imported_bloc, clerk):
    ev = MemberEvent.objects.get(person__code="P3", kind="chuyen_noi_bo")
    assert member_state(ev.person, D(2017, 1, 1)).cell_id == Org.objects.get(code="C1").pk
    services.void_member_event(user=clerk, event=ev, reason="Nhập nhầm chi bộ")
    ev.refresh_from_db()
    assert ev.voided_at is not None and ev.void_reason == "Nhập nhầm chi bộ"
    assert member_state(ev.person, D(2017, 1, 1)).cell_id == Org.objects.get(code="C2").pk
    with pytest.raises(DomainError):
        services.void_member_event(user=clerk, event=ev, reason="lần nữa")


def test_void_refused_when_later_history_depends_on_it(imported_bloc, clerk):
    ket_nap = MemberEvent.objects.get(person__code="P5", kind="ket_nap")
    with pytest.raises(DomainError):
        services.void_member_event(user=clerk, event=ket_nap, reason="thử")
    assert MemberEvent.objects.get(pk=ket_nap.pk).voided_at is None


def test_correction_supersedes(imported_bloc, clerk):
    card = MemberEvent.objects.get(person__code="P5", kind="phat_the")
    new = services.correct_member_event(user=clerk, event=card, reason="Sai số thẻ", card_no="87654321")
    card.refresh_from_db()
    assert card.superseded_by == new and card.voided_at
    assert member_state(card.person, D(2017, 1, 1)).card_no == "87654321"
    assert MemberEvent.objects.filter(person__code="P5", kind="phat_the").count() == 2


def test_person_create_and_update_are_audited(db, clerk):
    p = services.create_person(user=clerk, code="X1", full_name="Nguyễn Văn Ân", birth_date=D(1990, 1, 1), sex="nam")
    assert p.search_name == "nguyen van an"
    with pytest.raises(DomainError):
        services.create_person(user=clerk, code="X1", full_name="Khác", birth_date=D(1990, 1, 1), sex="nam")
    services.update_person(user=clerk, person=p, position="Chánh văn phòng")
    entry = AuditEntry.objects.get(action="person.update")
    assert entry.before == {} and entry.after == {"position": "Chánh văn phòng"}


def test_spells_of_other_members_are_untouched_by_a_member_event(imported_bloc, clerk):
    before = list(MemberSpell.objects.exclude(person__code="P1").values_list("id", flat=True))
    services.record_member_event(user=clerk, kind="mien_sinh_hoat", person=Person.objects.get(code="P1"), date=D(2018, 1, 1))
    assert list(MemberSpell.objects.exclude(person__code="P1").values_list("id", flat=True)) == before
    assert member_state(Person.objects.get(code="P1"), D(2018, 1, 1)).exempt


def test_a_corrected_sex_is_the_registers_count_of_women(imported_bloc, clerk):
    """The spells keep a copy of the person's sex (the report counts women from them)."""
    p1 = Person.objects.get(code="P1")
    services.update_person(user=clerk, person=p1, sex="nu")
    assert set(MemberSpell.objects.filter(person=p1).values_list("sex", flat=True)) == {"nu"}
    assert MemberSpell.objects.exclude(sex__in=("nam", "nu")).count() == 0
