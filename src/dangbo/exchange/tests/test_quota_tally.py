"""The excellent-rating quota counted over an import: split over processes and merged, the
tally says the same breaches as one tally of every row; an imported file over the quota gets
the warning on its new `xuat_sac` rows, however its persons are grouped."""

import pytest

from dangbo.exchange.checks import GroupIndex, QuotaTally
from dangbo.exchange.importer import import_workbook
from dangbo.fixtures.workbooks import small_bloc, write_csv_folder
from dangbo.rules.selectors import rulebook

# (kind, year, group, level, row number)
ROWS = [("dang_vien", 2018, "D1", "xuat_sac", 2), ("dang_vien", 2018, "D1", "xuat_sac", 3),
        ("dang_vien", 2018, "D1", "tot", 4), ("dang_vien", 2018, "D2", "xuat_sac", 5),
        ("dang_vien", 2018, "D2", "tot", 6), ("dang_vien", 2018, "D2", "tot", 7), ("dang_vien", 2018, "D2", "tot", 8),
        ("dang_vien", 2018, "D2", "tot", 9), ("to_chuc", 2018, "R1", "xuat_sac", 10), ("to_chuc", 2019, "D1", "xuat_sac", 11),
        ("dang_vien", 2019, "X9", "xuat_sac", 12), ("dang_vien", 2019, "X9", "hoan_thanh", 13)]


def _said(problems):
    return sorted((p.ref, p.message) for p in problems)


def _tally(rules, index, rows):
    tally = QuotaTally(rules, index)
    for kind, year, group, level, number in rows:
        tally.add_new(kind, year, group, level, number)
    return tally


@pytest.mark.django_db
def test_a_tally_split_over_processes_says_what_one_tally_says(rules):
    book = rulebook()
    one = _tally(book, GroupIndex(["D1", "R1"]), ROWS)
    # Two "workers" forked from a parent whose index knows D1 and R1 only: each numbers the
    # codes it meets beyond them in its own way (D2 first in one, second in the other).
    parent = QuotaTally(book, GroupIndex(["D1", "R1"]))
    first = _tally(book, GroupIndex(["D1", "R1"]), [*ROWS[:5], ROWS[11]])
    second = _tally(book, GroupIndex(["D1", "R1"]), [ROWS[10], *ROWS[5:10]])
    assert first.index.extra() == ["D2"] and second.index.extra() == ["X9", "D2"]
    parent.merge(first.state())
    parent.merge(second.state())
    assert _said(parent.breaches()) == _said(one.breaches())
    breached = {p.ref[1] for p in one.breaches()}
    assert breached == {2, 3, 10, 11, 12}  # D1 2018 (2 of 3), R1 and D1 as units, X9: 1 of 1; D2 (1 of 5) is within
    assert parent.parts(parent.key("to_chuc", 2019, "X9")) == ("to_chuc", 2019, "X9")


@pytest.mark.django_db
def test_an_import_over_the_quota_is_warned_on_its_new_excellent_rows_however_grouped(rules, tmp_path, settings):
    settings.DANGBO_IMPORT_WORKERS = 2  # on PostgreSQL, a group apiece checked by worker processes and merged
    data = small_bloc()
    data["danh_gia"] += [{"nam": 2018, "doi_tuong": "dang_vien", "ma": p, "xep_loai": "xuat_sac"} for p in ("P1", "P2", "P3")]
    path = write_csv_folder(data, tmp_path / "bloc")
    for group_rows in (None, 1):
        result = import_workbook(path, dry_run=True, group_rows=group_rows)
        assert result.status == "checked", [str(p) for p in result.errors]
        quota = [p for p in result.warnings if p.rule == "excellent_quota"]
        assert sorted(p.ref for p in quota) == [("danh_gia", 6), ("danh_gia", 7), ("danh_gia", 8)], group_rows
        assert "đảng viên của D1" in quota[0].message


@pytest.mark.django_db
def test_new_excellent_rows_set_down_on_disk_are_read_back_in_order(rules, tmp_path, monkeypatch):
    book = rulebook()
    held = _tally(book, GroupIndex(["D1", "R1"]), ROWS)
    monkeypatch.setattr("dangbo.exchange.checks.SPOOL_ROWS", 2)
    spooled = QuotaTally(book, GroupIndex(["D1", "R1"]), spool=str(tmp_path))
    for kind, year, group, level, number in ROWS[:5]:
        spooled.add_new(kind, year, group, level, number)
    spooled.merge(_tally(book, GroupIndex(["D1", "R1"]), ROWS[5:]).state())
    assert len(spooled.new_keys) < 2  # the rest is in the file …
    assert set(spooled.good) == {spooled.key("dang_vien", 2018, "D1"), spooled.key("dang_vien", 2018, "D2")}  # … and the merged counts
    assert [p.ref for p in spooled.breaches()] == [p.ref for p in held.breaches()]
    assert _said(spooled.breaches()) == _said(held.breaches())  # read back as often as asked
    spooled.close()


def test_a_tally_with_nothing_new_says_no_breach(rules, tmp_path):
    tally = QuotaTally(rulebook(), GroupIndex(["D1"]), spool=str(tmp_path))
    tally.add("dang_vien", 2018, "D1", "xuat_sac", 3)  # stored ratings only, over the quota
    assert tally.breaches() == []
