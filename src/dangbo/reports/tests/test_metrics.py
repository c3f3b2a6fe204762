"""Each metric of term-report.md on a small hand-built bloc, the answers worked out here.

Roots A and B merge into AB on 2019-01-01; root Z is outside the report. Period
2018-01-01 … 2019-12-31, snapshot on 2019-12-31.
"""

from decimal import Decimal

import pytest

from dangbo.domain import metrics as M
from dangbo.domain.metric_keys import ALL_KEYS
from dangbo.domain.tests.helpers import d, expel, mem, org, run

START, END = d("2018-01-01"), d("2019-12-31")


def world():
    orgs = [
        org("2015-01-01", "khoi_tao", "A", name="Khối A", level="dang_bo_cap_tren"),
        org("2015-01-01", "khoi_tao", "B", name="Khối B", level="dang_bo_cap_tren"),
        org("2015-01-01", "khoi_tao", "Z", name="Khối Z", level="dang_bo_cap_tren"),
        org("2015-01-01", "khoi_tao", "D", name="D", level="dang_bo_co_so", org_type="hanh_chinh", parent="A"),
        org("2015-01-01", "khoi_tao", "C1", name="C1", level="chi_bo", parent="D"),
        org("2015-01-01", "khoi_tao", "C2", name="C2", level="chi_bo", parent="D"),
        org("2015-01-01", "khoi_tao", "P", name="P", level="dang_bo_bo_phan", parent="D"),
        org("2015-01-01", "khoi_tao", "P1", name="P1", level="chi_bo", parent="P"),
        org("2015-01-01", "khoi_tao", "S", name="S", level="chi_bo_co_so", org_type="doanh_nghiep", parent="A"),
        org("2015-01-01", "khoi_tao", "T", name="T", level="chi_bo_co_so", org_type="su_nghiep", parent="B"),
        org("2015-01-01", "khoi_tao", "Q", name="Q", level="chi_bo_co_so", org_type="khac", parent="Z"),
        org("2018-03-01", "thanh_lap", "N", name="N", level="chi_bo_co_so", org_type="khac", parent="A"),
        org("2018-04-01", "nang_cap", "S", level="dang_bo_co_so"),
        org("2018-04-01", "thanh_lap", "S1", name="S1", level="chi_bo", parent="S"),
        org("2018-05-01", "tiep_nhan", "X", name="X", level="chi_bo", parent="D"),
        org("2018-06-01", "giai_the", "C2"),
        org("2018-07-01", "chuyen_giao", "T"),
        org("2018-09-01", "giai_the", "N"),
        org("2019-01-01", "thanh_lap", "AB", name="Khối AB", level="dang_bo_cap_tren"),
        org("2019-01-01", "sap_nhap", "A", target="AB"),
        org("2019-01-01", "sap_nhap", "B", target="AB"),
    ]
    opening = dict(status="chinh_thuc", admission_date=d("1989-05-10"))
    members = [
        mem("2015-01-01", "khoi_tao", "M1", cell="C1", **opening),
        mem("2015-01-01", "khoi_tao", "M2", cell="C1", **opening),
        mem("2015-01-01", "khoi_tao", "M3", cell="S", **opening),
        mem("2015-01-01", "khoi_tao", "M4", cell="T", **opening),
        mem("2015-01-01", "khoi_tao", "M5", cell="P1", **opening),
        mem("2015-01-01", "khoi_tao", "M6", cell="Q", **opening),
        mem("2015-01-01", "khoi_tao", "M7", cell="C1", **opening),
        mem("2018-02-01", "ket_nap", "K1", cell="C1"),
        mem("2018-02-01", "ket_nap", "K2", cell="Q"),
        mem("2018-04-01", "chuyen_noi_bo", "M3", cell="S1"),
        mem("2018-05-01", "chuyen_den", "X1", cell="X", status="chinh_thuc", admission_date=d("2010-01-01")),
        mem("2018-08-01", "chuyen_di", "M2"),
        mem("2018-08-15", "chuyen_di", "M6"),
        mem("2018-10-10", "ket_nap", "K3", cell="C1"),
        mem("2018-10-10", "tu_tran", "K3"),
        mem("2018-11-01", "mien_sinh_hoat", "M5"),
        mem("2018-12-01", "khai_tru", "M7"),
        mem("2019-02-01", "chuyen_chinh_thuc", "K1"),
        mem("2019-03-01", "phat_the", "K1", card_no="12345678"),
        mem("2019-05-19", "huy_hieu", "M1", years=30),
    ]
    reg = run(orgs, members, [expel("2018-12-01", "M7")])
    assert reg.errors == [], [str(p) for p in reg.errors]
    recs = M.Records(
        org_events=[M.OrgEventRow(e.date, e.kind, e.code) for e in orgs],
        member_events=[M.MemberEventRow(e.date, e.kind, e.person) for e in members],
        expulsions=[M.ExpulsionRow(d("2018-12-01"), "M7")],
        classes=[M.ClassRow(*r) for r in [("L1", "nhan_thuc", d("2018-01-10"), "A", 2), ("L2", "nhan_thuc", d("2017-12-01"), "A", 5),
                 ("L3", "nhan_thuc", d("2018-02-01"), "Z", 7), ("L4", "giao_ban", d("2019-03-03"), "D", 4)]],
        study=[M.StudyRow(*r) for r in [(d("2018-06-01"), "D", 10, 9, 100, 95), (d("2019-06-01"), "S", 10, 10, 50, 50),
               (d("2018-06-01"), "Q", 10, 0, 10, 0), (d("2017-06-01"), "D", 10, 0, 10, 0)]],
        inspections=[M.InspectionRow(*r) for r in [(d("2018-06-01"), "kiem_tra", "A", "ubkt", "to_chuc", "D"),
                     (d("2019-06-01"), "kiem_tra", "AB", "cap_uy", "dang_vien", "M1"),
                     (d("2018-06-02"), "giam_sat", "D", "ubkt", "to_chuc", "C1"),
                     (d("2018-06-03"), "kiem_tra", "D", "cap_uy", "dang_vien", "M1"),
                     (d("2018-06-04"), "kiem_tra", "Z", "ubkt", "to_chuc", "Q"),
                     (d("2018-06-05"), "kiem_tra", "A", "ubkt", "dang_vien", "M6")]],
        disciplines=[M.DisciplineRow(*r) for r in [(d("2018-12-01"), "dang_vien", "M7", "khai_tru"), (d("2019-01-05"), "to_chuc", "D", "khien_trach")]],
        awards=[M.AwardRow(*r) for r in [(d("2019-01-15"), "giay_khen", "tap_the", "D"), (d("2019-01-15"), "giay_khen", "ca_nhan", "M1"),
                (d("2019-02-15"), "bang_khen_thu_tuong", "ca_nhan", "M1"), (d("2018-01-15"), "giay_khen", "ca_nhan", "M6")]],
        ratings=[M.RatingRow(*r) for r in [(2018, "to_chuc", "D", "xuat_sac"), (2018, "to_chuc", "S", "tot"), (2018, "to_chuc", "T", "tot"),
                 (2019, "to_chuc", "D", "tot"), (2019, "to_chuc", "S", "hoan_thanh"),
                 (2018, "dang_vien", "M1", "xuat_sac"), (2018, "dang_vien", "M3", "tot"), (2018, "dang_vien", "M5", "khong_xep_loai"),
                 (2018, "dang_vien", "K1", "hoan_thanh"), (2018, "dang_vien", "X1", "khong_hoan_thanh"),
                 (2018, "dang_vien", "M6", "xuat_sac"),
                 (2019, "dang_vien", "M1", "tot"), (2019, "dang_vien", "M3", "tot"), (2019, "dang_vien", "K1", "tot")]],
        sexes={"M1": "nu", "K1": "nu", "M6": "nu"},
        targets=[M.TargetRow(1, "Kết nạp", "dang_vien.ket_nap", ">=", Decimal(1), None),
                 M.TargetRow(2, "Xuất sắc", "danh_gia.dang_vien.xuat_sac", ">=", Decimal(15), None),
                 M.TargetRow(3, "Đoàn kết", "", "", None, True)],
    )
    return reg, recs


EXPECTED = {
    # snapshot on 2019-12-31: D and S (upgraded) are the TCCSĐ; C1, X, S1 under đảng bộ cơ sở; P1 under P
    "to_chuc.tccsd": 2, "to_chuc.dang_bo_co_so": 2, "to_chuc.chi_bo_co_so": 0, "to_chuc.dang_bo_bo_phan": 1,
    "to_chuc.chi_bo_truc_thuoc_dbcs": 3, "to_chuc.chi_bo_truc_thuoc_dbbp": 1,
    "to_chuc.loai_hinh.hanh_chinh": 1, "to_chuc.loai_hinh.doanh_nghiep": 1, "to_chuc.loai_hinh.su_nghiep": 0,
    "dang_vien.tong": 5, "dang_vien.chinh_thuc": 5, "dang_vien.du_bi": 0, "dang_vien.nu": 2, "dang_vien.mien_sinh_hoat": 1,
    # period
    "bien_dong.thanh_lap_tccsd": 1, "bien_dong.tiep_nhan": 1, "bien_dong.chuyen_giao_tccsd": 1,
    "bien_dong.sap_nhap_tccsd": 0, "bien_dong.giai_the_tccsd": 1, "bien_dong.nang_cap_tccsd": 1,
    "dang_vien.ket_nap": 1, "dang_vien.chuyen_chinh_thuc": 1, "dang_vien.phat_the": 1, "dang_vien.huy_hieu": 1,
    "dang_vien.chuyen_den": 1, "dang_vien.chuyen_di": 1, "dang_vien.tu_tran": 0, "dang_vien.xoa_ten": 0, "dang_vien.khai_tru": 1,
    "dao_tao.nhan_thuc.so_lop": 1, "dao_tao.nhan_thuc.so_hoc_vien": 2, "dao_tao.giao_ban.so_lop": 1, "dao_tao.giao_ban.so_hoc_vien": 4,
    "hoc_tap.dang_vien_ty_le": 95.0, "hoc_tap.cnvc_ty_le": 96.67,
    "kiem_tra.cap_tren.to_chuc": 1, "kiem_tra.cap_tren.dang_vien": 1, "giam_sat.cac_cap.to_chuc": 1,
    "kiem_tra.cac_cap.dang_vien": 0, "giam_sat.cap_tren.to_chuc": 0,
    "ky_luat.to_chuc": 1, "ky_luat.dang_vien": 1,
    "khen_thuong.giay_khen.tap_the": 1, "khen_thuong.giay_khen.ca_nhan": 1, "khen_thuong.bang_khen_thu_tuong.ca_nhan": 1,
    # ratings: units 2018 (D xs, S tot) and 2019 (D tot, S ht); members 2018 (4 kept) and 2019 (3)
    "danh_gia.to_chuc.xuat_sac": 25.0, "danh_gia.to_chuc.tot_tro_len": 75.0, "danh_gia.to_chuc.hoan_thanh_tro_len": 100.0,
    "danh_gia.dang_vien.xuat_sac": 12.5, "danh_gia.dang_vien.tot_tro_len": 75.0, "danh_gia.dang_vien.hoan_thanh_tro_len": 87.5,
    "chi_tieu.tong": 3, "chi_tieu.dat": 2,
}


@pytest.fixture(scope="module")
def report():
    reg, recs = world()
    return M.compute(reg, recs, ["AB"], START, END)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_metric(report, key):
    assert report.values[key] == EXPECTED[key]


def test_every_key_is_present_and_rates_are_rounded(report):
    out = report.as_json()
    assert list(out["chi_so"]) == ALL_KEYS
    assert out["to_chuc"] == "AB" and out["ngay_so_lieu"] == "2019-12-31"


def test_lineage_before_the_merger_counts_only_the_asked_root():
    reg, recs = world()
    only_b = M.compute(reg, recs, ["B"], START, d("2018-12-31"))
    assert only_b.values["bien_dong.chuyen_giao_tccsd"] == 1 and only_b.values["bien_dong.thanh_lap_tccsd"] == 0
    assert only_b.values["dang_vien.tong"] == 0


def test_as_of_moves_only_the_snapshot():
    reg, recs = world()
    early = M.compute(reg, recs, ["AB"], START, END, as_of=d("2018-01-31"))
    assert early.values["to_chuc.tccsd"] == 3  # D, S, T before the upgrade and the transfer
    assert early.values["dang_vien.ket_nap"] == 1 and early.values["dang_vien.tong"] == 6


def test_empty_denominators_give_null():
    reg, recs = world()
    recs.study, recs.ratings = [], []
    r = M.compute(reg, recs, ["AB"], START, END)
    assert r.values["hoc_tap.dang_vien_ty_le"] is None and r.values["danh_gia.to_chuc.xuat_sac"] is None


def test_half_up_rounding():
    from fractions import Fraction

    assert M.round_rate(Fraction(99455, 1000)) == 99.46
    assert M.round_rate(Fraction(99454999, 1000000)) == 99.45
    assert M.round_rate(Fraction(2, 3) * 100) == 66.67


def test_a_period_report_has_no_targets():
    reg, recs = world()
    recs.targets = None
    r = M.compute(reg, recs, ["AB"], START, END)
    assert r.values["chi_tieu.tong"] == 0 and r.values["chi_tieu.dat"] == 0


COUNTED_ONE_BY_ONE = [k for k in EXPECTED if not k.startswith(("danh_gia.", "hoc_tap.", "chi_tieu.")) and not k.endswith(".so_hoc_vien")]


def test_tracing_keeps_the_figures_and_lists_what_each_count_counts(report):
    reg, recs = world()
    traced = M.compute(reg, recs, ["AB"], START, END, trace=True)
    assert traced.values == report.values
    for key in COUNTED_ONE_BY_ONE:
        assert len(traced.sources.get(key, [])) == EXPECTED[key], key
    women = {s.code for s in traced.sources["dang_vien.nu"]}
    assert len(women) == 2 and all(s.kind == "dang_vien" for s in traced.sources["dang_vien.nu"])
    # a rate lists the ratings it averages: 4 + 3 members kept over the two years
    assert len(traced.sources["danh_gia.dang_vien.tot_tro_len"]) == 7
    assert len(traced.sources["chi_tieu.tong"]) == 3 and len(traced.sources["chi_tieu.dat"]) == 2
