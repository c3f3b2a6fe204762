"""An import checks persons a group of partitions at a time: however the persons are
grouped, the outcome — every problem, every stored row, every derived scope — is the same
as checking them all at once."""

import datetime as dt

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangbo import projections
from dangbo.assessment.models import Rating
from dangbo.domain import replay as R
from dangbo.exchange.exporter import export_database
from dangbo.exchange.importer import import_workbook
from dangbo.exchange.tests.test_corruptions import CORRUPTIONS
from dangbo.fixtures.workbooks import clone, small_bloc, write_csv_folder
from dangbo.members.models import MemberEvent, MemberSpell
from dangbo.rules.selectors import rulebook

D = dt.date
ONE_PER_GROUP = 1  # group_rows=1: every partition holding a person is a group of its own


def _same_rows(one, other):
    """Two exports hold the same rows, sheet by sheet (in any order)."""
    for sheet in one.iterdir():
        assert sorted(sheet.read_text().splitlines()) == sorted((other / sheet.name).read_text().splitlines()), sheet.name


def _said(result):
    return sorted((p.ref, p.column, str(p.value), p.message, p.rule) for p in result.errors + result.warnings)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.sampled_from([None, *CORRUPTIONS]), st.integers(0, 20))
def test_grouping_never_changes_what_is_said(rules, tmp_path_factory, corrupt, index):
    data = clone(small_bloc())
    if corrupt is not None:
        corrupt(data, index)
    path = write_csv_folder(data, tmp_path_factory.mktemp("g") / "bloc")
    whole = import_workbook(path, dry_run=True)
    grouped = import_workbook(path, dry_run=True, group_rows=ONE_PER_GROUP)
    assert whole.status == grouped.status
    assert _said(whole) == _said(grouped)


def test_grouping_never_changes_what_is_stored(rules, tmp_path, bloc_csv):
    from dangbo.core.maintenance import empty_data_tables

    assert import_workbook(bloc_csv).status == "applied"
    export_database(tmp_path / "whole")
    empty_data_tables()
    assert import_workbook(bloc_csv, group_rows=ONE_PER_GROUP).status == "applied"
    export_database(tmp_path / "grouped")
    _same_rows(tmp_path / "whole", tmp_path / "grouped")
    assert MemberSpell.objects.filter(sex="").count() == 0


def test_a_unit_dissolved_with_members_names_them_all_whatever_the_groups(rules, tmp_path):
    data = small_bloc()
    data["bien_dong_to_chuc"].append({"ngay": D(2018, 3, 1), "loai": "giai_the", "ma": "C1"})
    path = write_csv_folder(data, tmp_path / "x")
    for group_rows in (None, ONE_PER_GROUP):
        result = import_workbook(path, dry_run=True, group_rows=group_rows)
        said = [p.message for p in result.errors if p.ref == ("bien_dong_to_chuc", 7)]
        assert said == ["Không giải thể được: chi bộ còn 3 đảng viên (P1, P2, P3)."]


def _stored_scopes():
    return (sorted(MemberEvent.objects.current().values_list("id", "scope_root_id")),
            sorted(Rating.objects.current().values_list("id", "scope_root_id", "scope_group_id")))


def _full_replay_refresh():
    """Rewrite every derived scope from a replay of everything (what services do for the
    persons they touch)."""
    rules = rulebook()
    orgs, persons = projections.org_codes(), projections.person_codes()
    result = R.Replay(projections.load_org_events(orgs), projections.load_member_events(orgs, persons),
                      projections.load_expulsions(persons), projections.load_context(rules, persons)).run()
    oid = {c: i for i, c in orgs.items()}
    projections.refresh_member_scopes(result, oid, {c: i for i, c in persons.items()})
    projections.refresh_org_scopes(result, oid)


def test_the_scopes_written_by_an_import_are_those_of_the_register(imported_bloc):
    before = _stored_scopes()
    assert any(root for _, root in before[0])
    _full_replay_refresh()
    assert _stored_scopes() == before


def test_a_monthly_merger_moves_the_stored_members_and_their_scopes(imported_bloc, tmp_path):
    changes = {"bien_dong_to_chuc": [{"ngay": D(2018, 1, 1), "loai": "sap_nhap", "ma": "C1", "ma_dich": "C2"}]}
    result = import_workbook(write_csv_folder(changes, tmp_path / "m"), group_rows=ONE_PER_GROUP)
    assert result.status == "applied", [str(p) for p in result.errors]
    moved = MemberSpell.objects.filter(valid_from=D(2018, 1, 1), cell__code="C2").values_list("person__code", flat=True)
    assert sorted(moved) == ["P1", "P2", "P3"]
    before = _stored_scopes()
    _full_replay_refresh()
    assert _stored_scopes() == before


def test_a_monthly_dissolution_of_an_occupied_cell_is_refused(imported_bloc, tmp_path):
    changes = {"bien_dong_to_chuc": [{"ngay": D(2018, 1, 1), "loai": "giai_the", "ma": "C1"}]}
    result = import_workbook(write_csv_folder(changes, tmp_path / "g"))
    assert result.status == "refused"
    assert [p.message for p in result.errors] == ["Không giải thể được: chi bộ còn 3 đảng viên (P1, P2, P3)."]


@pytest.mark.postgres_only
def test_a_first_load_in_bulk_rebuilds_every_index_and_constraint(rules, bloc_csv, settings):
    def catalogue():
        with connection.cursor() as cur:
            cur.execute("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2")
            indexes = cur.fetchall()
            cur.execute("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                        "WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2")
            return indexes, cur.fetchall()

    before = catalogue()
    settings.DANGBO_BULK_LOAD_ROWS = 1  # every table this small workbook fills counts as a first load
    assert import_workbook(bloc_csv).status == "applied"
    assert catalogue() == before
    assert MemberSpell.objects.filter(valid_to__isnull=True).count() == 5


@pytest.mark.postgres_only
def test_a_first_load_checked_by_worker_processes_stores_the_same(rules, tmp_path, bloc_csv, settings):
    from dangbo.core.maintenance import empty_data_tables

    settings.DANGBO_IMPORT_WORKERS = 1
    assert import_workbook(bloc_csv, group_rows=ONE_PER_GROUP).status == "applied"
    export_database(tmp_path / "serial")
    empty_data_tables()
    settings.DANGBO_IMPORT_WORKERS = 2
    settings.DANGBO_BULK_LOAD_ROWS = 1  # and a first load in bulk: the persons' ids reserved as one range
    said = []
    assert import_workbook(bloc_csv, group_rows=ONE_PER_GROUP, progress=said.append).status == "applied"
    assert any("tiến trình song song" in m for m in said)
    export_database(tmp_path / "parallel")
    _same_rows(tmp_path / "serial", tmp_path / "parallel")
    before = _stored_scopes()
    _full_replay_refresh()
    assert _stored_scopes() == before


def test_the_sheets_read_by_other_processes_are_the_same(rules, tmp_path, bloc_data, settings):
    """Large ratings and (in a first load) persons sheets are read by forked processes while
    the importer reads the rest: the same problems, the same content hash, the same rows."""
    bloc_data["danh_gia"].append(dict(bloc_data["danh_gia"][0], nam=2016, xep_loai="gioi"))  # a bad level: said either way
    bloc_data["nguoi"].append(dict(bloc_data["nguoi"][0], ma="P9"))  # a citizen id twice: said either way
    path = write_csv_folder(bloc_data, tmp_path / "bloc")
    settings.DANGBO_IMPORT_APART_BYTES = 10**12
    here = import_workbook(path, dry_run=True)
    settings.DANGBO_IMPORT_APART_BYTES = 1
    apart = import_workbook(path, dry_run=True)
    assert _said(here) == _said(apart) and here.counts == apart.counts and here.status == "refused"
    assert {p.ref[0] for p in apart.errors} == {"nguoi", "danh_gia"}
    del bloc_data["danh_gia"][-1], bloc_data["nguoi"][-1]
    path = write_csv_folder(bloc_data, tmp_path / "fixed")
    assert import_workbook(path).status == "applied"
    assert import_workbook(path).status == "duplicate"  # the hash of the sheet read apart is the same
    settings.DANGBO_IMPORT_APART_BYTES = 10**12
    assert import_workbook(path).status == "duplicate"


def test_persons_read_apart_in_many_small_writes_are_stored_alike(rules, tmp_path, bloc_csv, settings, monkeypatch):
    """The process reading a first load's persons writes them out a few rows at a time (it
    holds the duplicate check too): however often it writes, the same persons are stored."""
    from dangbo.core.maintenance import empty_data_tables
    from dangbo.exchange import parallel

    settings.DANGBO_IMPORT_APART_BYTES = 10**12
    assert import_workbook(bloc_csv).status == "applied"
    export_database(tmp_path / "here")
    empty_data_tables()
    settings.DANGBO_IMPORT_APART_BYTES = 1
    monkeypatch.setattr(parallel, "PERSON_ROWS_BUFFERED", 2)
    assert import_workbook(bloc_csv, group_rows=ONE_PER_GROUP).status == "applied"
    export_database(tmp_path / "apart")
    _same_rows(tmp_path / "here", tmp_path / "apart")
