"""Organization services and the tree on any date."""

import datetime as dt

import pytest

from dangbo.domain.problems import DomainError
from dangbo.members.models import Person
from dangbo.members.selectors import member_state
from dangbo.orgs import services
from dangbo.orgs.models import Org, OrgEvent
from dangbo.orgs.selectors import lineage, tree_on

D = dt.date


def test_tree_on_a_past_date(imported_bloc):
    services.record_org_event(user=None, kind="thanh_lap", org="C3", date=D(2019, 1, 1), name="Chi bộ Thanh tra",
                              level="chi_bo", parent="D1")
    services.record_org_event(user=None, kind="doi_ten", org="D1", date=D(2019, 6, 1), name="Đảng bộ Sở Tài chính tỉnh")
    root = Org.objects.get(code="R1")
    old = tree_on(root, D(2018, 12, 31))
    new = tree_on(root, D(2019, 6, 1))
    names = lambda t: [(c.code, c.name) for c in t.children]  # noqa: E731
    assert ("D1", "Đảng bộ Sở Tài chính") in names(old)
    assert ("D1", "Đảng bộ Sở Tài chính tỉnh") in names(new)
    d1_old = next(c for c in old.children if c.code == "D1")
    d1_new = next(c for c in new.children if c.code == "D1")
    assert [c.code for c in d1_old.children] == ["C2", "C1"] or {c.code for c in d1_old.children} == {"C1", "C2"}
    assert {c.code for c in d1_new.children} == {"C1", "C2", "C3"}
    assert tree_on(root, D(2014, 1, 1)) is None


def test_refused_org_event_writes_nothing(imported_bloc):
    n = OrgEvent.objects.count()
    with pytest.raises(DomainError) as refused:
        services.record_org_event(user=None, kind="giai_the", org="C1", date=D(2019, 1, 1))
    # C1 still has members (the small bloc's P1, P2): the dissolution names the unit
    assert [(p.code, p.column, p.value) for p in refused.value.problems] == [("dissolve_with_members", "ma", "C1")]
    assert OrgEvent.objects.count() == n


def test_merge_that_contradicts_later_history_is_refused(imported_bloc):
    # P3 moves from C2 into C1 in 2016; merging C2 into C1 in 2015 would make that move
    # a move into the cell P3 is already in: the whole history is judged.
    with pytest.raises(DomainError) as refused:
        services.record_org_event(user=None, kind="sap_nhap", org="C2", date=D(2015, 6, 1), target="C1")
    assert "đã sinh hoạt ở chi bộ này" in refused.value.messages[0]


def test_merge_carries_members_and_void_restores(imported_bloc):
    from dangbo.members.services import record_member_event

    p7 = Person.objects.get(code="P7")
    record_member_event(user=None, kind="chuyen_den", person=p7, date=D(2016, 1, 1), cell=Org.objects.get(code="C2"),
                        status="chinh_thuc", admission_date=D(2010, 1, 1))
    ev = services.record_org_event(user=None, kind="sap_nhap", org="C2", date=D(2017, 1, 1), target="C1")
    assert member_state(p7, D(2017, 1, 1)).cell_id == Org.objects.get(code="C1").pk
    assert member_state(p7, D(2016, 12, 31)).cell_id == Org.objects.get(code="C2").pk
    services.void_org_event(user=None, event=ev, reason="Quyết định bị thu hồi")
    assert member_state(p7, D(2017, 1, 1)).cell_id == Org.objects.get(code="C2").pk
    assert OrgEvent.objects.get(pk=ev.pk).voided_at is not None


def test_root_merger_lineage(imported_bloc):
    services.record_org_event(user=None, kind="khoi_tao", org="R2", date=D(2015, 1, 1), name="Khối B", level="dang_bo_cap_tren")
    services.record_org_event(user=None, kind="thanh_lap", org="RR", date=D(2020, 4, 1), name="Khối hợp nhất", level="dang_bo_cap_tren")
    services.record_org_event(user=None, kind="sap_nhap", org="R1", date=D(2020, 4, 1), target="RR")
    services.record_org_event(user=None, kind="sap_nhap", org="R2", date=D(2020, 4, 1), target="RR")
    rr = Org.objects.get(code="RR")
    assert lineage(rr) == {rr.pk, Org.objects.get(code="R1").pk, Org.objects.get(code="R2").pk}
    assert {c.code for c in tree_on(rr, D(2020, 4, 1)).children} == {"D1", "S1"}
