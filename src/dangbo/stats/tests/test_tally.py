"""The kept tally of every root's statistics (`stats.tally`): equal to the count read from
the members on any day, kept right after every kind of write by the triggers that note the
persons touched, and built again from everyone when a first load set them aside."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.db import connection

from dangbo.members import services as member_services
from dangbo.members.models import DetailChange, MemberSpell, Person
from dangbo.orgs.models import Org
from dangbo.stats import tally
from dangbo.stats.models import Pending, TallyState
from dangbo.stats.selectors import count, for_roots
from dangbo.stats.tests.test_counts import EXPECTED, ON

D = dt.date


def _counted(day):
    return count(for_roots(None, day).scope, rows=False).total


def _pending():
    return set(Pending.objects.values_list("person_id", flat=True))


def test_the_tally_gives_every_key_as_worked_out_by_hand(world):
    assert dict(tally.totals(ON)) == EXPECTED


@pytest.mark.parametrize("day", [D(2014, 12, 31), D(2015, 1, 1), D(2015, 6, 1), D(2020, 5, 31), D(2020, 6, 1),
                                 D(2022, 12, 31), D(2023, 1, 1), D(2024, 6, 14), D(2024, 6, 16), D(2040, 1, 1)])
def test_the_tally_equals_the_members_counted_on_any_day(world, day):
    assert tally.totals(day) == _counted(day)


def test_a_register_never_counted_as_a_whole_notes_nobody_for_it(world):
    assert not TallyState.objects.exists() and _pending() == set()  # the import noted no one


def test_a_first_read_builds_the_tally_and_notes_every_write_from_then_on(world):
    assert tally.refresh() == 7 and TallyState.objects.get().built and _pending() == set()
    assert tally.refresh() == 0  # nothing noted since
    Person.objects.filter(code="M1").update(theory_level="cao_cap")
    assert _pending() == {Person.objects.get(code="M1").pk}


def test_a_member_event_recorded_after_the_build_is_counted_on_the_next_read(world):
    tally.refresh()
    m5, s1 = Person.objects.get(code="M5"), Org.objects.get(code="S1")
    member_services.record_member_event(user=None, kind="chuyen_di", person=m5, date=D(2024, 6, 1), cell=s1)
    assert m5.pk in _pending()
    assert tally.totals(ON)["dang_vien.tong"] == 5 == _counted(ON)["dang_vien.tong"]
    assert tally.totals(ON) == _counted(ON) and _pending() == set()


def test_a_dated_change_moves_the_member_from_its_day(world):
    tally.refresh()
    m1 = Person.objects.get(code="M1")
    member_services.update_person(user=None, person=m1, qualification="thac_si", changed_on=D(2024, 7, 1))
    before, after = tally.totals(ON), tally.totals(D(2024, 7, 1))
    assert (before["chuyen_mon.dai_hoc"], before["chuyen_mon.thac_si"]) == (2, 1)
    assert (after["chuyen_mon.dai_hoc"], after["chuyen_mon.thac_si"]) == (1, 2)


def test_a_corrected_birth_date_moves_the_member_to_the_right_age_band(world):
    tally.refresh()
    m1 = Person.objects.get(code="M1")
    member_services.update_person(user=None, person=m1, birth_date=D(1990, 1, 1))  # 34, not 30
    got = tally.totals(ON)
    assert (got["tuoi.den_30"], got["tuoi.31_40"]) == (0, 3)


def test_only_what_the_statistics_read_notes_a_person(world):
    tally.refresh()
    m1 = Person.objects.get(code="M1")
    Person.objects.filter(pk=m1.pk).update(full_name="Tên khác", occupation="Kỹ sư")  # nothing counted changed
    MemberSpell.objects.filter(person=m1).update(card_no="12345678")
    DetailChange.objects.create(person=m1, column="nghe_nghiep", date=ON, before="a", after="b", recorded_at=dt.datetime.now(dt.UTC))
    assert _pending() == set()
    Person.objects.filter(pk=m1.pk).update(theory_level="cao_cap")
    assert _pending() == {m1.pk}


@pytest.mark.parametrize("write", ["spell_insert", "spell_update", "spell_delete", "person_update", "change_insert",
                                   "change_delete"])
def test_every_kind_of_write_to_what_is_counted_notes_the_person(world, write):
    tally.refresh()
    m2 = Person.objects.get(code="M2")
    spell = MemberSpell.objects.filter(person=m2).first()
    if write == "spell_insert":
        MemberSpell.objects.create(person=m2, cell=spell.cell, valid_from=D(2030, 1, 1), status="chinh_thuc",
                                   party_age_from=D(2014, 6, 16), sex="nu")
    elif write == "spell_update":
        MemberSpell.objects.filter(pk=spell.pk).update(valid_to=D(2024, 1, 1))
    elif write == "spell_delete":
        MemberSpell.objects.filter(pk=spell.pk).delete()
    elif write == "person_update":
        Person.objects.filter(pk=m2.pk).update(birth_date=D(1960, 1, 1))
    elif write == "change_insert":
        DetailChange.objects.create(person=m2, column="ton_giao", date=D(2020, 1, 1), before="khong", after="phat_giao",
                                    recorded_at=dt.datetime.now(dt.UTC))
    else:
        DetailChange.objects.create(person=m2, column="gdpt", date=D(2020, 1, 1), before="9/12", after="9/12",
                                    recorded_at=dt.datetime.now(dt.UTC))
        tally.refresh()
        DetailChange.objects.filter(person=m2).delete()
    assert _pending() == {m2.pk}
    for day in (D(2019, 12, 31), D(2020, 1, 1), ON, D(2030, 1, 1)):
        assert tally.totals(day) == _counted(day), day


def test_a_tally_marked_unbuilt_is_built_again_from_everyone(world):
    tally.refresh()
    MemberSpell.objects.filter(person__code="M3").update(valid_to=D(2020, 1, 1))
    Pending.objects.all().delete()  # as a first load in bulk leaves it: triggers set aside…
    with connection.cursor() as cur:
        from dangbo.core.tallies import STATS_UNBUILT

        cur.execute(STATS_UNBUILT)  # … and the tally marked
    assert tally.totals(ON)["dang_vien.tong"] == 5 == _counted(ON)["dang_vien.tong"]


def test_new_keys_build_the_tally_again(world):
    tally.refresh()
    TallyState.objects.update(keys="older")
    assert tally.refresh() == 7  # every person with a spell counted again, M7 gone since included


def test_the_command_prints_every_roots_totals_from_the_tally(world, capsys):
    call_command("stats", "--all", "--as-of", "2024-06-15")
    printed = capsys.readouterr()
    assert json.loads(printed.out)["chi_so"] == EXPECTED and TallyState.objects.get().built
    # the first read builds it, and says so with its progress
    assert "Đang dựng bảng đếm thống kê" in printed.err and "đã đếm 100%" in printed.err
    call_command("stats", "--all", "--as-of", "2024-06-15")
    assert capsys.readouterr().err == ""  # built: nothing to say


@pytest.mark.postgres_only
def test_replaying_everyone_marks_the_tally_to_be_built_again(world):
    # the spells of everyone are truncated (no delete trigger fires) and written again
    from dangbo import projections
    from dangbo.domain import replay as R

    tally.refresh()
    projections.write_spells(R.ReplayResult(versions={}, spells={}, merges=[], problems=[]), {}, {})
    assert not tally.built()
    assert tally.totals(ON)["dang_vien.tong"] == 0 == _counted(ON)["dang_vien.tong"]


def test_the_signature_of_the_keys_is_the_same_in_every_process():
    # a signature that followed Python's string hashing would build the tally again each time
    import os
    import subprocess
    import sys

    code = "import django; django.setup(); from dangbo.stats.tally import SIGNATURE; print(SIGNATURE)"
    got = {subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed}, check=True,
                          capture_output=True, text=True).stdout.strip() for seed in ("1", "2")}
    assert got == {tally.SIGNATURE}


@pytest.mark.postgres_only
def test_a_build_read_by_forked_workers_counts_as_one_process_does(transactional_db, rules, tmp_path, monkeypatch):
    # committed data (the workers have their own connections) and small ranges, so that the
    # persons fall in more ranges than there are workers
    from dangbo.exchange.importer import import_workbook
    from dangbo.fixtures.workbooks import write_csv_folder
    from dangbo.stats.tests.test_counts import WORLD

    assert import_workbook(write_csv_folder(WORLD, tmp_path / "w")).status == "applied"
    monkeypatch.setattr(tally, "CHUNK", 2)
    forked, get_context = [], tally.multiprocessing.get_context
    monkeypatch.setattr(tally.multiprocessing, "get_context", lambda kind: forked.append(kind) or get_context(kind))
    seen = []
    assert tally.refresh(progress=lambda i, n: seen.append((i, n))) == 7
    assert forked == ["fork"] and len(seen) >= 3 and seen[-1][0] == seen[-1][1]
    for day in (ON, D(2015, 6, 1), D(2023, 1, 1)):
        assert tally.totals(day) == _counted(day)
