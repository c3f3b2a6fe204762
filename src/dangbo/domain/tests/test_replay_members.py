"""Member events: the come-back table, status rules and the regulatory rules of domain.md."""

import pytest

from dangbo.domain.dates import months_between

from .helpers import base_tree, d, expel, mem, messages, opening, run

BIRTH = {"P": d("1990-01-01")}
CERT = {"P": [("nhan_thuc", d("2019-01-10"), True), ("dang_vien_moi", d("2019-09-01"), True)]}


def admit(date="2019-03-01", **kw):
    return mem(date, "ket_nap", "P", cell="C1", **kw)


def clean(result):
    return [p.message for p in result.problems]


def test_admission_then_official_then_card():
    events = [admit(), mem("2020-03-01", "chuyen_chinh_thuc", "P"), mem("2020-04-01", "phat_the", "P", card_no="12345678")]
    r = run(base_tree(), events, birth_dates=BIRTH, certificates=CERT)
    assert clean(r) == []
    assert r.spell_on("P", d("2019-03-01")).status == "du_bi"
    s = r.spell_on("P", d("2020-04-01"))
    assert s.status == "chinh_thuc" and s.card_no == "12345678" and s.official_date == d("2020-03-01")
    assert r.spell_on("P", d("2019-02-28")) is None


def test_card_only_for_official_and_official_only_for_probationary():
    r = run(base_tree(), [admit(), mem("2019-05-01", "phat_the", "P", card_no="12345678")], birth_dates=BIRTH, certificates=CERT)
    assert any("chỉ phát thẻ cho đảng viên chính thức" in m for m in messages(r))
    r = run(base_tree(), [opening("P", "C1"), mem("2019-05-01", "chuyen_chinh_thuc", "P")])
    assert any("chỉ công nhận chính thức" in m for m in messages(r))


def test_member_only_in_a_cell():
    r = run(base_tree(), [mem("2019-03-01", "ket_nap", "P", cell="D")], birth_dates=BIRTH, certificates=CERT)
    assert any("không phải là chi bộ" in m for m in messages(r))


@pytest.mark.parametrize("leave,back,ok", [
    ("chuyen_di", "chuyen_den", True),
    ("chuyen_di", "ket_nap", False),
    ("xoa_ten", "ket_nap", True),
    ("xoa_ten", "chuyen_den", False),
    ("khai_tru", "ket_nap", True),
    ("tu_tran", "ket_nap", False),
    ("tu_tran", "chuyen_den", False),
])
def test_come_back_table(leave, back, ok):
    kw = {"cell": "C1"}
    if back == "chuyen_den":
        kw.update(status="chinh_thuc", admission_date=d("2000-01-10"))
    events = [opening("P", "C1"), mem("2016-01-01", leave, "P"), mem("2020-01-01", back, "P", **kw)]
    r = run(base_tree(), events, birth_dates={"P": d("1975-01-01")})
    assert (r.errors == []) is ok, messages(r)


def test_expulsion_by_discipline_and_by_event_counts_once():
    events = [opening("P", "C1"), mem("2017-01-01", "khai_tru", "P")]
    r = run(base_tree(), events, [expel("2017-01-01", "P")])
    assert r.errors == [] and r.spell_on("P", d("2017-01-01")) is None
    r = run(base_tree(), [opening("P", "C1")], [expel("2017-01-01", "P")])
    assert r.errors == [] and r.spell_on("P", d("2017-01-01")) is None


def test_internal_move_stays_within_the_root():
    from .helpers import org
    tree = base_tree() + [org("2015-01-01", "khoi_tao", "R2", name="Khối 2", level="dang_bo_cap_tren"),
                          org("2015-01-01", "khoi_tao", "X", name="X", level="chi_bo_co_so", org_type="khac", parent="R2")]
    r = run(tree, [opening("P", "C1"), mem("2016-01-01", "chuyen_noi_bo", "P", cell="X")])
    assert any("cùng một đảng bộ cấp trên" in m for m in messages(r))


def test_exemption_begins_and_ends():
    events = [opening("P", "C1"), mem("2016-01-01", "mien_sinh_hoat", "P"), mem("2017-01-01", "tro_lai_sinh_hoat", "P")]
    r = run(base_tree(), events)
    assert r.spell_on("P", d("2016-06-01")).exempt and not r.spell_on("P", d("2017-01-01")).exempt
    r = run(base_tree(), [opening("P", "C1"), mem("2016-01-01", "tro_lai_sinh_hoat", "P")])
    assert [(p.code, p.column) for p in r.errors] == [("not_exempt", "loai")]  # not exempt: nothing to end


def test_admitted_and_died_the_same_day_is_not_a_member_that_day():
    r = run(base_tree(), [admit("2019-03-01"), mem("2019-03-01", "tu_tran", "P")], birth_dates=BIRTH, certificates=CERT)
    assert r.errors == [] and r.spell_on("P", d("2019-03-01")) is None


# ---- regulatory rules: breaches are returned as rule problems, never as errors -------------
def rule_codes(result):
    return {p.rule for p in result.problems if p.rule}


@pytest.mark.parametrize("birth,breach", [("2001-03-01", False), ("2001-03-02", True), ("1959-03-01", False), ("1958-03-01", True)])
def test_admission_age(birth, breach):
    r = run(base_tree(), [admit()], birth_dates={"P": d(birth)}, certificates=CERT)
    assert ("admission_age" in rule_codes(r)) is breach


@pytest.mark.parametrize("cert,breach", [("2014-03-01", False), ("2014-02-28", True), (None, True)])
def test_awareness_certificate_valid_60_months(cert, breach):
    certs = {"P": [("nhan_thuc", d(cert), True)]} if cert else {}
    r = run(base_tree(), [admit()], birth_dates=BIRTH, certificates=certs)
    assert ("awareness_certificate" in rule_codes(r)) is breach


def test_failed_awareness_class_does_not_count():
    r = run(base_tree(), [admit()], birth_dates=BIRTH, certificates={"P": [("nhan_thuc", d("2019-01-10"), False)]})
    assert "awareness_certificate" in rule_codes(r)


@pytest.mark.parametrize("opened,breach", [("2018-03-01", False), ("2018-02-28", True)])
def test_admission_file_considered_within_12_months(opened, breach):
    r = run(base_tree(), [admit()], birth_dates=BIRTH, certificates=CERT, files_opened={"P": [d(opened)]})
    assert ("admission_file_expired" in rule_codes(r)) is breach


def test_readmission_after_36_months_once():
    first = [opening("P", "C1"), mem("2015-06-01", "xoa_ten", "P")]
    early = run(base_tree(), [*first, admit("2018-05-31")], birth_dates=BIRTH, certificates={"P": [("nhan_thuc", d("2018-01-01"), True)]})
    assert "readmission_gap" in rule_codes(early)
    ok = run(base_tree(), [*first, admit("2018-06-01")], birth_dates=BIRTH, certificates={"P": [("nhan_thuc", d("2018-01-01"), True)]})
    assert "readmission_gap" not in rule_codes(ok)
    twice = [*first, admit("2018-06-01"), mem("2019-01-01", "xoa_ten", "P"), admit("2023-01-01")]
    r = run(base_tree(), twice, birth_dates=BIRTH, certificates={"P": [("nhan_thuc", d("2022-06-01"), True)]})
    assert "readmission_times" in rule_codes(r)


def test_party_age_skips_time_outside_the_party():
    events = [opening("P", "C1", date="2000-06-01", admission_date="2000-01-10"), mem("2010-01-10", "xoa_ten", "P"),
              admit("2014-01-10")]
    r = run(base_tree("1999-01-01"), events, birth_dates=BIRTH, certificates={"P": [("nhan_thuc", d("2013-06-01"), True)]})
    s = r.spell_on("P", d("2020-01-10"))
    assert months_between(s.party_age_from, d("2020-01-10")) == 20 * 12 - 48


@pytest.mark.parametrize("official,breach", [("2020-03-01", False), ("2020-02-29", True), ("2020-06-01", False)])
def test_official_not_before_12_months(official, breach):
    r = run(base_tree(), [admit(), mem(official, "chuyen_chinh_thuc", "P")], birth_dates=BIRTH, certificates=CERT)
    assert ("official_too_early" in rule_codes(r)) is breach


def test_official_needs_the_new_member_class_during_probation():
    certs = {"P": [("nhan_thuc", d("2019-01-10"), True), ("dang_vien_moi", d("2018-09-01"), True)]}
    r = run(base_tree(), [admit(), mem("2020-03-01", "chuyen_chinh_thuc", "P")], birth_dates=BIRTH, certificates=certs)
    assert "new_member_class" in rule_codes(r)


@pytest.mark.parametrize("date,early,breach", [
    ("2030-01-10", False, False),
    ("2029-12-10", False, True),
    ("2029-01-10", True, False),
    ("2029-01-09", True, True),
])
def test_badge_milestone_and_early_award(date, early, breach):
    events = [opening("P", "C1", admission_date="2000-01-10"), mem(date, "huy_hieu", "P", years=30, early=early)]
    r = run(base_tree(), events)
    assert ("badge_party_age" in rule_codes(r)) is breach


def test_badge_delayed_after_discipline():
    events = [opening("P", "C1", admission_date="1990-01-10"), mem("2021-05-19", "huy_hieu", "P", years=30)]
    r = run(base_tree(), events, disciplines={"P": [(d("2021-01-01"), "canh_cao")]})
    assert "badge_discipline_delay" in rule_codes(r)
    r = run(base_tree(), events, disciplines={"P": [(d("2020-08-18"), "canh_cao")]})
    assert "badge_discipline_delay" not in rule_codes(r)


def test_badge_must_be_a_milestone():
    r = run(base_tree(), [opening("P", "C1", admission_date="1980-01-10"), mem("2020-05-19", "huy_hieu", "P", years=33)])
    assert any("Mốc Huy hiệu" in m for m in messages(r))


def test_stored_events_raise_no_rule_warnings():
    ev = admit()
    ev.new = False
    r = run(base_tree(), [ev], birth_dates={"P": d("2010-01-01")})
    assert r.problems == []
