"""Reads of the register: members of a subtree, a member's state and the alerts, on any date."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangbo.members import services
from dangbo.members.models import Person
from dangbo.members.selectors import alerts_on, member_page, member_state, members_on
from dangbo.orgs.models import Org

D = dt.date


def test_members_of_a_subtree_on_a_date(imported_bloc):
    root, d1 = Org.objects.get(code="R1"), Org.objects.get(code="D1")
    assert {s.person.code for s in members_on(root, D(2015, 1, 1))} == {"P1", "P2", "P3", "P4"}
    assert {s.person.code for s in members_on(root, D(2015, 6, 1))} == {"P1", "P2", "P3", "P4", "P5"}
    assert {s.person.code for s in members_on(d1, D(2015, 6, 1))} == {"P1", "P2", "P3"}
    assert list(members_on(root, D(2014, 12, 31))) == []


def test_member_page_is_sorted_and_takes_a_fixed_number_of_queries(imported_bloc):
    root = Org.objects.get(code="R1")
    with CaptureQueriesContext(connection) as q:
        page = member_page(root, D(2016, 12, 31), size=3)
    # Sorted by tên: An (P1), Bình (P2), Cường (P3); Dung and Em come on the next page.
    assert [s.person.code for s in page] == ["P1", "P2", "P3"]
    assert len(page) == 3
    n = len(q.captured_queries)
    with CaptureQueriesContext(connection) as q2:
        member_page(root, D(2016, 12, 31), size=50)
    assert len(q2.captured_queries) == n <= 2


def test_member_state_and_party_age(imported_bloc):
    p5 = Person.objects.get(code="P5")
    s = member_state(p5, D(2016, 6, 19))
    assert s.status == "chinh_thuc" and s.party_age_months == 12  # admitted 2015-06-01
    assert member_state(p5, D(2015, 5, 31)) is None
    assert member_state(Person.objects.get(code="P1"), D(2016, 1, 1)).party_age_months == 10 * 12 + 10


def test_alerts(imported_bloc):
    root = Org.objects.get(code="R1")
    kinds = lambda day: {(a.kind, a.subject_id) for a in alerts_on(root, day)}  # noqa: E731
    s1, c2 = Org.objects.get(code="S1"), Org.objects.get(code="C2")
    # C2 has one official member, S1 two: both under 3.
    assert ("cell_small", c2.pk) in kinds(D(2015, 1, 1)) and ("cell_small", s1.pk) in kinds(D(2015, 1, 1))
    p6 = Person.objects.get(code="P6")
    services.record_member_event(user=None, kind="ket_nap", person=p6, date=D(2017, 3, 1), cell=s1, override_reason="x")
    # 12 months + 30 working days after 1/3/2017 is mid-April 2018.
    assert ("probation_overdue", p6.pk) not in kinds(D(2018, 4, 1))
    assert ("probation_overdue", p6.pk) in kinds(D(2018, 5, 1))
    services.record_member_event(user=None, kind="chuyen_chinh_thuc", person=p6, date=D(2018, 3, 1), override_reason="x")
    assert ("card_missing", p6.pk) not in kinds(D(2018, 6, 1))
    assert ("card_missing", p6.pk) in kinds(D(2018, 6, 2))
    # P1 was admitted on 2005-03-01: 30 years on 2035-03-01, reached by the 19/5/2035 occasion.
    p1 = Person.objects.get(code="P1")
    assert ("badge_due", p1.pk) not in kinds(D(2035, 2, 3))
    assert ("badge_due", p1.pk) in kinds(D(2035, 2, 4))


def test_grassroots_cell_of_30_members_is_ready_to_upgrade(imported_bloc):
    s1 = Org.objects.get(code="S1")
    for i in range(28):
        p = services.create_person(user=None, code=f"N{i}", full_name=f"Người {i}", birth_date=D(1980, 1, 1), sex="nam")
        services.record_member_event(user=None, kind="chuyen_den", person=p, date=D(2019, 1, 1), cell=s1,
                                     status="chinh_thuc", admission_date=D(2010, 1, 1))
    kinds = {(a.kind, a.subject_id) for a in alerts_on(s1, D(2019, 1, 1))}
    assert ("cell_upgrade", s1.pk) in kinds  # 2 + 28 = 30
    assert ("cell_upgrade", s1.pk) not in {(a.kind, a.subject_id) for a in alerts_on(s1, D(2018, 12, 31))}


def test_one_query_gives_the_page_and_the_count(imported_bloc, django_assert_num_queries):
    from dangbo.core.web import page_with_count

    people = Person.objects.order_by("code")
    with django_assert_num_queries(1):
        page = page_with_count(people, "2", 3)
        assert page.paginator.count == 7 and page.paginator.num_pages == 3
        assert [p.code for p in page] == ["P4", "P5", "P6"] and page.has_next()
    assert [p.code for p in page_with_count(people, "9", 3)] == ["P7"]  # past the end: the last page
    assert [p.code for p in page_with_count(people, "x", 3)] == ["P1", "P2", "P3"]
    assert page_with_count(Person.objects.none(), "1", 3).paginator.count == 0


def test_meeting_alerts(imported_bloc, tmp_path):
    from dangbo.exchange.importer import import_workbook
    from dangbo.fixtures.workbooks import write_csv_folder
    from dangbo.orgs.models import Org

    root = Org.objects.get(code="R1")
    kinds = lambda day: {(a.kind, a.subject_id) for a in alerts_on(root, day)}  # noqa: E731
    p2 = Person.objects.get(code="P2").pk
    c1, c2, s1 = (Org.objects.get(code=c).pk for c in ("C1", "C2", "S1"))
    # SH1 (5/2/2015, C1): P2 absent without reason. Two more months of it:
    more = write_csv_folder({
        "sinh_hoat": [{"ma": "SH2", "ma_to_chuc": "C1", "ngay": D(2015, 3, 5), "loai": "thuong_ky"},
                      {"ma": "SH3", "ma_to_chuc": "C1", "ngay": D(2015, 4, 6), "loai": "thuong_ky"},
                      {"ma": "SH4", "ma_to_chuc": "C1", "ngay": D(2015, 4, 20), "loai": "chuyen_de"}],
        "du_sinh_hoat": [{"ma_sinh_hoat": "SH2", "ma_nguoi": "P2", "trang_thai": "vang_khong_ly_do"},
                         {"ma_sinh_hoat": "SH3", "ma_nguoi": "P2", "trang_thai": "vang_co_ly_do"},
                         {"ma_sinh_hoat": "SH4", "ma_nguoi": "P2", "trang_thai": "vang_khong_ly_do"}],
    }, tmp_path / "sh")
    assert import_workbook(more).status == "applied"
    may = kinds(D(2015, 5, 10))
    assert ("absent", p2) not in may  # two months without reason; the thematic meeting does not count
    assert {("no_meeting", c2), ("no_meeting", s1)} <= may and ("no_meeting", c1) not in may
    again = write_csv_folder({"sinh_hoat": [{"ma": "SH5", "ma_to_chuc": "C1", "ngay": D(2015, 6, 4), "loai": "thuong_ky"}],
                              "du_sinh_hoat": [{"ma_sinh_hoat": "SH5", "ma_nguoi": "P2", "trang_thai": "vang_khong_ly_do"}]},
                             tmp_path / "sh2")
    assert import_workbook(again).status == "applied"
    assert ("absent", p2) in kinds(D(2015, 6, 30))
    assert ("absent", p2) not in kinds(D(2016, 6, 30))  # a new calendar year
    assert not any(k == "no_meeting" for k, _ in kinds(D(2017, 6, 30)))  # no meetings kept for a year: no alert
