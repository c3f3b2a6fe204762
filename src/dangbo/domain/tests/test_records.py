"""Rules of the records beside the events, on a replayed register."""

import datetime as dt

from dangbo.domain import records as REC
from dangbo.domain.rulebook import RuleBook

from .helpers import base_tree, mem, opening, run

D = dt.date


def world(members=(), **kw):
    people = [opening(f"M{i}", "C1") for i in range(12)] + [opening(f"N{i}", "S") for i in range(3)] + list(members)
    reg = run(base_tree(), people)
    return REC.World(reg, RuleBook.defaults(), {e.person for e in people} | {"X"}, **kw)


def test_quota_worked_example_per_tccsd_and_per_root():
    """12 members of D: 10 rated tot or better -> at most floor(20% x 10) = 2 xuat_sac."""
    w = world()
    rows = [(("danh_gia", i + 2), 2019, "dang_vien", f"M{i}", lvl, True)
            for i, lvl in enumerate(["xuat_sac"] * 3 + ["tot"] * 7 + ["hoan_thanh"] * 2)]
    breaches = REC.quota_breaches(w, rows)
    assert len(breaches) == 3 and all(p.rule == "excellent_quota" for p in breaches)
    assert "3 xuất sắc vượt mức 2" in breaches[0].message
    ok_rows = [r if i != 0 else (r[0], r[1], r[2], r[3], "tot", True) for i, r in enumerate(rows)]
    assert REC.quota_breaches(w, ok_rows) == []
    # The members of S form their own TCCSĐ: 1 xuat_sac of 3 good is over floor(0.6) = 0.
    s_rows = [(("danh_gia", 20 + i), 2019, "dang_vien", f"N{i}", lvl, True) for i, lvl in enumerate(["xuat_sac", "tot", "tot"])]
    assert len(REC.quota_breaches(w, ok_rows + s_rows)) == 1
    # TCCSĐ per root: D and S are the root's TCCSĐ; 1 xuat_sac of 2 good is over floor(0.4) = 0.
    org_rows = [(("danh_gia", 40), 2019, "to_chuc", "D", "xuat_sac", True), (("danh_gia", 41), 2019, "to_chuc", "S", "tot", True)]
    assert len(REC.quota_breaches(w, org_rows)) == 1
    # Before 2018 there is no quota.
    old = [(r[0], 2017, *r[2:]) for r in rows]
    assert REC.quota_breaches(w, old) == []


def test_rating_needs_member_on_31_december_and_score_in_band_from_2025():
    w = world([mem("2019-06-01", "chuyen_di", "M0")])
    assert REC.check_rating(w, ("danh_gia", 2), year=2019, subject_kind="dang_vien", code="M0", level="tot", score=None)
    assert REC.check_rating(w, ("danh_gia", 2), year=2019, subject_kind="dang_vien", code="M1", level="tot", score=None) == []
    p = REC.check_rating(w, ("danh_gia", 2), year=2025, subject_kind="dang_vien", code="M1", level="tot", score=95)
    assert [x.rule for x in p] == ["score_band"]
    assert REC.check_rating(w, ("danh_gia", 2), year=2024, subject_kind="dang_vien", code="M1", level="tot", score=95) == []
    assert REC.check_rating(w, ("danh_gia", 2), year=2025, subject_kind="dang_vien", code="M1", level="tot", score=101)[0].rule is None


def test_closed_year_blocks_rating_changes():
    w = world(closed_years={("R", 2019)})
    p = REC.check_rating(w, ("danh_gia", 2), year=2019, subject_kind="to_chuc", code="D", level="tot", score=None)
    assert [x.rule for x in p] == ["closed_year"]


def test_ubkt_only_for_committees():
    w = world()
    assert REC.check_inspection(w, ("k", 2), day=D(2019, 1, 1), actor="C1", body="ubkt", subject_kind="dang_vien", subject="M1")
    assert REC.check_inspection(w, ("k", 2), day=D(2019, 1, 1), actor="C1", body="cap_uy", subject_kind="dang_vien", subject="M1") == []
    assert REC.check_inspection(w, ("k", 2), day=D(2019, 1, 1), actor="D", body="ubkt", subject_kind="to_chuc", subject="C1") == []


def test_discipline_forms_per_subject_and_for_probationary_members():
    w = world([mem("2019-03-01", "ket_nap", "X", cell="C1")])
    assert REC.check_discipline(w, ("k", 2), day=D(2019, 5, 1), subject_kind="to_chuc", subject="C1", form="khai_tru", decided_by="D")
    assert REC.check_discipline(w, ("k", 2), day=D(2019, 5, 1), subject_kind="dang_vien", subject="M1", form="giai_tan", decided_by="D")
    p = REC.check_discipline(w, ("k", 2), day=D(2019, 5, 1), subject_kind="dang_vien", subject="X", form="cach_chuc", decided_by="D")
    assert [x.rule for x in p] == ["probationary_discipline"]
    assert REC.check_discipline(w, ("k", 2), day=D(2019, 5, 1), subject_kind="dang_vien", subject="X", form="canh_cao", decided_by="D") == []


def test_study_reached_not_above_expected():
    w = world()
    p = REC.check_study(w, ("h", 2), day=D(2019, 1, 1), org="D", dv_tong=10, dv_tham_gia=11, cnvc_tong=5, cnvc_tham_gia=5)
    assert len(p) == 1 and p[0].column == "dv_tham_gia"


def test_attendance_only_for_members_of_that_cell():
    w = world(meetings={"SH": ("C1", D(2019, 2, 1))})
    assert REC.check_attendance(w, ("d", 2), meeting="SH", person="M1") == []
    assert REC.check_attendance(w, ("d", 2), meeting="SH", person="N1")
    assert REC.check_attendance(w, ("d", 2), meeting="NOPE", person="M1")


def test_candidate_is_not_a_member_and_term_belongs_to_a_root():
    w = world()
    assert REC.check_candidate(w, ("q", 2), person="M1", cell="C1", opened=D(2019, 1, 1))
    assert REC.check_candidate(w, ("q", 2), person="X", cell="C1", opened=D(2019, 1, 1)) == []
    assert REC.check_term(w, ("n", 2), org="D", start=D(2015, 10, 1), end=D(2020, 6, 30))
    assert REC.check_term(w, ("n", 2), org="R", start=D(2015, 10, 1), end=D(2020, 6, 30)) == []


def test_targets_need_a_known_metric_or_a_hand_judgement():
    w = world(terms={"T": ("R", D(2015, 10, 1), D(2020, 6, 30))})
    assert REC.check_target(w, ("c", 2), term="T", metric="dang_vien.ket_nap", comparator=">=", threshold=1, met=None) == []
    assert REC.check_target(w, ("c", 2), term="T", metric="khong.co", comparator=">=", threshold=1, met=None)
    assert REC.check_target(w, ("c", 2), term="T", metric=None, comparator=None, threshold=None, met=None)
    assert REC.check_target(w, ("c", 2), term="T", metric=None, comparator=None, threshold=None, met=True) == []
