"""Organization events: the tree on every date and the hard invariants of domain.md."""

from .helpers import base_tree, d, mem, messages, opening, org, run


def test_opening_tree_has_levels_paths_and_versions():
    r = run(base_tree())
    assert r.errors == []
    b1 = r.org_on("B1", d("2015-01-01"))
    assert b1.level == "chi_bo" and b1.path == ("R", "D", "B", "B1")
    assert r.org_on("B1", d("2014-12-31")) is None


def test_level_must_agree_with_parent():
    r = run([*base_tree(), org("2015-02-01", "thanh_lap", "X", name="X", level="chi_bo_co_so", parent="D")])
    assert any("không khớp" in m for m in messages(r))


def test_committee_cannot_sit_under_partial_committee():
    r = run([*base_tree(), org("2015-02-01", "thanh_lap", "X", name="X", level="dang_bo_bo_phan", parent="B")])
    assert any("không thể trực thuộc" in m or "không khớp" in m for m in messages(r))


def test_tccsd_needs_a_type():
    r = run([*base_tree(), org("2015-02-01", "thanh_lap", "X", name="X", level="chi_bo_co_so", parent="R")])
    assert any("phải có loại hình" in m for m in messages(r))


def test_parent_must_exist_on_the_date():
    r = run([*base_tree(), org("2014-12-01", "thanh_lap", "X", name="X", level="chi_bo", parent="D")])
    assert any("không tồn tại" in m for m in messages(r))


def test_codes_are_unique():
    r = run([*base_tree(), org("2015-03-01", "thanh_lap", "C1", name="Again", level="chi_bo", parent="D")])
    assert any("đã có" in m for m in messages(r))


def test_rename_makes_a_new_version_and_keeps_the_old():
    r = run([*base_tree(), org("2016-05-01", "doi_ten", "C1", name="Chi bộ Một")])
    assert r.org_on("C1", d("2016-04-30")).name == "Chi bộ 1"
    assert r.org_on("C1", d("2016-05-01")).name == "Chi bộ Một"


def test_move_changes_level_with_the_new_parent():
    # S (a grassroots cell) moves under D: it becomes a chi_bo.
    r = run([*base_tree(), org("2016-01-01", "chuyen_cap_tren", "S", parent="D")])
    assert r.errors == []
    assert r.org_on("S", d("2016-01-01")).level == "chi_bo"
    assert r.org_on("S", d("2015-12-31")).level == "chi_bo_co_so"


def test_move_under_a_root_needs_a_type_unless_it_has_one():
    r = run([*base_tree(), org("2016-01-01", "chuyen_cap_tren", "C1", parent="R")])
    assert any("phải có loại hình" in m for m in messages(r))
    r = run([*base_tree(), org("2016-01-01", "chuyen_cap_tren", "C1", parent="R", org_type="khac")])
    assert r.errors == [] and r.org_on("C1", d("2016-01-01")).level == "chi_bo_co_so"


def test_move_into_own_subtree_is_refused():
    tree = base_tree() + [org("2015-01-01", "khoi_tao", "D2", name="D2", level="dang_bo_co_so", org_type="khac", parent="R")]
    r = run([*tree, org("2016-01-01", "chuyen_cap_tren", "D", parent="B")])
    assert [(p.code, p.column, p.value) for p in r.errors] == [("move_into_own_subtree", "ma_cap_tren", "B")]  # B is D's own cell


def test_upgrade_and_move_members_the_same_day():
    """domain.md: a cell can be upgraded and its members moved into new sub-cells the same day."""
    events = [*base_tree(),
              org("2017-01-01", "nang_cap", "S", level="dang_bo_co_so"),
              org("2017-01-01", "thanh_lap", "S1", name="Chi bộ S1", level="chi_bo", parent="S"),
              org("2017-01-01", "thanh_lap", "S2", name="Chi bộ S2", level="chi_bo", parent="S")]
    members = [opening("P1", "S"), opening("P2", "S"),
               mem("2017-01-01", "chuyen_noi_bo", "P1", cell="S1"), mem("2017-01-01", "chuyen_noi_bo", "P2", cell="S2")]
    r = run(events, members)
    assert r.errors == []
    assert r.org_on("S", d("2017-01-01")).level == "dang_bo_co_so"
    assert r.org_on("S", d("2017-01-01")).org_type == "doanh_nghiep"  # a TCCSĐ keeps its type
    assert r.spell_on("P1", d("2017-01-01")).cell == "S1"


def test_upgrade_leaving_members_in_the_committee_is_refused():
    events = [*base_tree(), org("2017-01-01", "nang_cap", "S", level="dang_bo_co_so"),
              org("2017-01-01", "thanh_lap", "S1", name="S1", level="chi_bo", parent="S")]
    r = run(events, [opening("P1", "S")])
    assert any("không còn là chi bộ" in m for m in messages(r))


def test_a_cell_under_a_partial_committee_cannot_be_upgraded():
    r = run([*base_tree(), org("2017-01-01", "nang_cap", "B1", level="dang_bo_bo_phan")])
    # a committee cannot sit under a đảng bộ bộ phận: refused at the end of the day
    assert [(p.code, p.column) for p in r.errors] == [("level_not_allowed_under_parent", "cap")]


def test_a_cell_is_upgraded_only_to_the_next_level():
    r = run([*base_tree(), org("2017-01-01", "nang_cap", "C1", level="dang_bo_co_so")])
    assert [(p.code, p.column, p.value) for p in r.errors] == [("upgrade_wrong_level", "cap", "dang_bo_co_so")]  # chi_bo -> dang_bo_bo_phan only


def test_empty_and_dissolve_the_same_day():
    """domain.md: a unit emptied and dissolved the same day."""
    events = [*base_tree(), org("2018-03-01", "giai_the", "C2")]
    members = [opening("P1", "C2"), mem("2018-03-01", "chuyen_noi_bo", "P1", cell="C1")]
    r = run(events, members)
    assert r.errors == []
    assert r.org_on("C2", d("2018-03-01")) is None
    assert r.org_on("C2", d("2018-02-28")) is not None


def test_dissolve_with_members_or_subunits_is_refused():
    r = run([*base_tree(), org("2018-03-01", "giai_the", "C2")], [opening("P1", "C2")])
    assert any("còn 1 đảng viên" in m for m in messages(r))
    r = run([*base_tree(), org("2018-03-01", "giai_the", "B")])
    assert any("còn đơn vị trực thuộc" in m for m in messages(r))


def test_merge_moves_members_and_subunits_to_the_target():
    events = [*base_tree(), org("2018-01-01", "sap_nhap", "C2", target="C1"), org("2018-01-01", "sap_nhap", "B", target="D")]
    r = run(events, [opening("P1", "C2")])
    assert r.errors == []
    assert r.spell_on("P1", d("2018-01-01")).cell == "C1"
    assert r.org_on("B1", d("2018-01-01")).parent == "D"


def test_merge_only_into_the_same_kind():
    r = run([*base_tree(), org("2018-01-01", "sap_nhap", "C2", target="D")])
    assert any("Chỉ sáp nhập" in m for m in messages(r))


def test_two_roots_merge_into_a_new_root_and_keep_lineage():
    events = [org("2015-01-01", "khoi_tao", "A", name="Khối A", level="dang_bo_cap_tren"),
              org("2015-01-01", "khoi_tao", "B", name="Khối B", level="dang_bo_cap_tren"),
              org("2015-01-01", "khoi_tao", "SA", name="SA", level="chi_bo_co_so", org_type="khac", parent="A"),
              org("2015-01-01", "khoi_tao", "SB", name="SB", level="chi_bo_co_so", org_type="khac", parent="B"),
              org("2020-04-01", "thanh_lap", "AB", name="Khối AB", level="dang_bo_cap_tren"),
              org("2020-04-01", "sap_nhap", "A", target="AB"),
              org("2020-04-01", "sap_nhap", "B", target="AB")]
    r = run(events, [opening("P1", "SA")])
    assert r.errors == []
    assert r.org_on("SA", d("2020-04-01")).path == ("AB", "SA")
    assert r.org_on("SA", d("2020-03-31")).path == ("A", "SA")
    assert {(a, b) for a, b, _ in r.merges} == {("A", "AB"), ("B", "AB")}
    assert r.spell_on("P1", d("2020-04-01")).cell == "SA"


def test_transfer_out_takes_subtree_and_members_and_may_come_back():
    events = [*base_tree(), org("2019-01-01", "chuyen_giao", "D")]
    members = [opening("P1", "B1"), mem("2019-06-01", "ket_nap", "P1", cell="S")]
    r = run(events, members)
    assert r.org_on("B1", d("2019-01-01")) is None and r.spell_on("P1", d("2019-01-01")) is None
    assert any("chuyển đi" in m for m in messages(r))  # after a chuyen_giao only chuyen_den
    back = [*events, org("2020-01-01", "tiep_nhan", "D", parent="R", level="dang_bo_co_so")]
    r = run(back, [opening("P1", "B1"), mem("2020-01-01", "chuyen_den", "P1", cell="S", status="chinh_thuc", admission_date="2000-01-10")])
    assert r.errors == []
    assert r.org_on("D", d("2020-01-01")).name == "Đảng bộ D"  # history kept


def test_receive_is_refused_for_a_living_or_dissolved_code():
    r = run([*base_tree(), org("2019-01-01", "tiep_nhan", "C1", name="x", level="chi_bo", parent="D")])
    assert any("đang tồn tại" in m for m in messages(r))
    r = run([*base_tree(), org("2018-01-01", "giai_the", "C2"),
             org("2019-01-01", "tiep_nhan", "C2", name="x", level="chi_bo", parent="D")])
    assert any("không phải do chuyển giao" in m for m in messages(r))


def test_committee_without_subunits_is_not_an_error():
    r = run([*base_tree(), org("2016-01-01", "thanh_lap", "E", name="E", level="dang_bo_co_so", org_type="khac", parent="R")])
    assert r.errors == []


def test_events_on_a_missing_unit_are_refused():
    for kind, kw in (("doi_ten", {"name": "x"}), ("doi_loai_hinh", {"org_type": "khac"}), ("giai_the", {})):
        r = run([*base_tree(), org("2016-01-01", kind, "NOPE", **kw)])
        assert any("không tồn tại" in m for m in messages(r)), kind
