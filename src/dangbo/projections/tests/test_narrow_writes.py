"""Property: after any sequence of single writes — unit events, member events, expulsions and
their voids, each replayed narrowly — the stored projections are exactly what a replay of
every stored event from scratch gives (`check.drift`), refused writes included."""

import datetime as dt

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangbo.domain.problems import DomainError
from dangbo.projections.check import drift

CELLS = ["C1", "C2", "S1", "N1", "N2"]
UNITS = ["R1", "D1", "C1", "C2", "S1", "N1", "N2", "B1"]
PERSONS = ["P1", "P2", "P3", "P4", "P5"]

unit_write = st.tuples(st.just("org"), st.sampled_from(["thanh_lap", "thanh_lap", "doi_ten", "chuyen_cap_tren", "sap_nhap",
                                               "sap_nhap", "giai_the", "nang_cap", "doi_loai_hinh"]),
              st.sampled_from(CELLS + ["D1"]), st.sampled_from(CELLS + ["D1", "R1"]), st.integers(-400, 3000))
write = st.one_of(
    unit_write, unit_write, unit_write,
    st.tuples(st.just("member"), st.sampled_from(["chuyen_noi_bo", "chuyen_di", "tu_tran", "xoa_ten", "mien_sinh_hoat"]),
              st.sampled_from(PERSONS), st.sampled_from(CELLS), st.integers(0, 3000)),
    st.tuples(st.just("expel"), st.just("khai_tru"), st.sampled_from(PERSONS), st.sampled_from(UNITS), st.integers(0, 3000)),
    st.tuples(st.just("void"), st.sampled_from(["org", "member", "expel"]), st.integers(0, 50), st.just(""), st.just(0)),
)


class Rollback(Exception):
    pass


def apply(w):
    from dangbo.inspection.models import Discipline
    from dangbo.inspection.services import record_discipline, void_discipline
    from dangbo.members.models import MemberEvent, Person
    from dangbo.members.services import record_member_event, void_member_event
    from dangbo.orgs.models import Org, OrgEvent
    from dangbo.orgs.services import record_org_event, void_org_event

    what, kind, a, b, offset = w
    day = dt.date(2016, 9, 1) + dt.timedelta(days=offset)  # after the bloc's own events, mostly
    if what == "org":
        level = {"thanh_lap": "chi_bo", "nang_cap": "dang_bo_bo_phan"}.get(kind, "")
        code = f"N{offset % 2 + 1}" if kind == "thanh_lap" else a
        b = "D1" if kind == "thanh_lap" else b
        record_org_event(user=None, kind=kind, org=code, date=day, name="Tên mới", level=level, org_type="hanh_chinh",
                         parent=b if kind in ("thanh_lap", "chuyen_cap_tren") else "",
                         target=b if kind == "sap_nhap" else "")
    elif what == "member":
        cell = Org.objects.filter(code=b).first() if kind == "chuyen_noi_bo" else None
        record_member_event(user=None, kind=kind, person=Person.objects.get(code=a), date=day, cell=cell,
                            override_reason="Thử")
    elif what == "expel":
        record_discipline(user=None, date=day, subject_kind="dang_vien", subject=a, form="khai_tru",
                          decided_by=Org.objects.get(code="R1"), override_reason="Thử")
    else:
        model, void = {"org": (OrgEvent, void_org_event), "member": (MemberEvent, void_member_event),
                       "expel": (Discipline, void_discipline)}[kind]
        rows = list(model.objects.current().order_by("pk"))
        if rows:
            row = rows[a % len(rows)]
            keyword = {"org": "event", "member": "event", "expel": "discipline"}[kind]
            void(user=None, reason="Nhập nhầm", **{keyword: row})


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(write, min_size=2, max_size=8))
def test_the_stored_projections_equal_a_full_replay_after_any_single_writes(imported_bloc, writes):
    try:
        with transaction.atomic():
            for w in writes:
                try:
                    with transaction.atomic():
                        apply(w)
                except DomainError:
                    pass  # refused: nothing was written
                assert drift() == {}, w
            raise Rollback
    except Rollback:
        pass


def test_each_kind_of_unit_event_and_its_void_leave_the_projections_as_a_full_replay(imported_bloc):
    """Every structural change of the bloc accepted in turn, then voided in reverse order; after
    each write the stored projections equal a full replay."""
    from dangbo.members.models import MemberEvent, Person
    from dangbo.members.services import record_member_event, void_member_event
    from dangbo.orgs.models import Org, OrgEvent
    from dangbo.orgs.services import record_org_event, void_org_event

    D = dt.date

    def unit(kind, code, day, **kw):
        return record_org_event(user=None, kind=kind, org=code, date=day, **kw)

    def move(person, cell, day):
        return record_member_event(user=None, kind="chuyen_noi_bo", person=Person.objects.get(code=person), date=day,
                                   cell=Org.objects.get(code=cell))

    written = [
        unit("thanh_lap", "N1", D(2017, 1, 1), name="Chi bộ Mới", level="chi_bo", parent="D1"),
        move("P1", "N1", D(2017, 2, 1)),
        unit("doi_ten", "N1", D(2017, 3, 1), name="Chi bộ Kế hoạch"),
        unit("thanh_lap", "D2", D(2017, 4, 1), name="Đảng bộ Sở Xây dựng", level="dang_bo_co_so", org_type="hanh_chinh",
             parent="R1"),
        unit("chuyen_cap_tren", "N1", D(2017, 5, 1), parent="D2"),
        unit("sap_nhap", "C2", D(2017, 6, 1), target="C1"),
        move("P4", "C1", D(2017, 6, 20)),
        move("P5", "C1", D(2017, 6, 20)),
        unit("nang_cap", "S1", D(2017, 7, 1), level="dang_bo_co_so"),
        unit("thanh_lap", "N2", D(2017, 7, 1), name="Chi bộ Phân xưởng", level="chi_bo", parent="S1"),
        move("P4", "N2", D(2017, 8, 1)),
        unit("sap_nhap", "D2", D(2018, 1, 1), target="D1"),
        unit("doi_loai_hinh", "D1", D(2018, 2, 1), org_type="su_nghiep"),
    ]
    assert drift() == {}
    for record in reversed(written):
        if isinstance(record, OrgEvent):
            void_org_event(user=None, event=record, reason="Thử hủy")
        else:
            void_member_event(user=None, event=record, reason="Thử hủy")
        assert drift() == {}, record
    assert not MemberEvent.objects.current().filter(date__gte=D(2017, 1, 1)).exists()


def test_a_rename_rewrites_no_member_and_only_its_unit_s_rows_from_its_date(imported_bloc):
    from dangbo.members.models import MemberSpell
    from dangbo.orgs.models import OrgVersion
    from dangbo.orgs.services import record_org_event

    spells = set(MemberSpell.objects.values_list("id", "person_id", "valid_from", "valid_to", "cell_id"))
    versions = set(OrgVersion.objects.values_list("id", "org__code", "valid_from", "valid_to", "name"))
    record_org_event(user=None, kind="doi_ten", org="C1", date=dt.date(2018, 1, 1), name="Chi bộ Văn phòng Sở")
    assert set(MemberSpell.objects.values_list("id", "person_id", "valid_from", "valid_to", "cell_id")) == spells
    after = set(OrgVersion.objects.values_list("id", "org__code", "valid_from", "valid_to", "name"))
    gone, new = versions - after, after - versions
    assert {(code, start, end) for _, code, start, end, _ in gone} == {("C1", dt.date(2015, 1, 1), None)}
    assert sorted((code, start, end, name) for _, code, start, end, name in new) == [
        ("C1", dt.date(2015, 1, 1), dt.date(2018, 1, 1), "Chi bộ Văn phòng"),
        ("C1", dt.date(2018, 1, 1), None, "Chi bộ Văn phòng Sở")]
    assert drift() == {}
