"""A small file into a stored register (a unit's monthly workbook) is checked against the
units it names and their closure, not the whole tree (`importer._narrow_units`): it comes
out exactly as the whole-tree import does — the same refusals, the same projections."""

import datetime as dt

import pytest

from dangbo.exchange.importer import import_workbook
from dangbo.fixtures.workbooks import write_csv_folder
from dangbo.projections.check import drift

D = dt.date

MONTH = {
    "bien_dong_to_chuc": [
        {"ngay": D(2018, 1, 1), "loai": "thanh_lap", "ma": "N1", "ten": "Chi bộ Kế hoạch", "cap": "chi_bo", "ma_cap_tren": "D1"},
        {"ngay": D(2018, 3, 1), "loai": "sap_nhap", "ma": "C2", "ma_dich": "C1"},
        {"ngay": D(2018, 4, 1), "loai": "doi_ten", "ma": "S1", "ten": "Chi bộ Tổng công ty Điện"},
    ],
    "bien_dong_dang_vien": [
        {"ngay": D(2018, 2, 1), "loai": "chuyen_noi_bo", "ma_nguoi": "P1", "ma_to_chuc": "N1"},
        {"ngay": D(2018, 5, 1), "loai": "mien_sinh_hoat", "ma_nguoi": "P4"},
    ],
}


def full_import(settings):
    settings.DANGBO_IMPORT_NARROW_ROWS = 0  # every file checked against the whole tree


def outcome(result):
    return result.status, sorted((p.ref, p.code, p.column, str(p.value)) for p in result.errors + result.warnings)


def stored():
    from dangbo.members.models import MemberSpell
    from dangbo.orgs.models import OrgVersion

    return (sorted(MemberSpell.objects.values_list("person__code", "valid_from", "valid_to", "cell__code", "status")),
            sorted(OrgVersion.objects.values_list("org__code", "valid_from", "valid_to", "name", "level", "parent__code",
                                                  "root__code")))


@pytest.mark.parametrize("narrow", [True, False], ids=["narrow", "whole tree"])
def test_a_monthly_workbook_of_unit_and_member_events_is_applied_as_a_full_replay_has_it(imported_bloc, settings,
                                                                                         tmp_path, narrow, monkeypatch):
    from dangbo.exchange.importer import Importer

    if not narrow:
        full_import(settings)
    taken = []
    original = Importer._narrow_units
    monkeypatch.setattr(Importer, "_narrow_units", lambda self, new: taken.append(1) or original(self, new))
    result = import_workbook(write_csv_folder(MONTH, tmp_path / "month"))
    assert result.status == "applied", [str(p) for p in result.errors]
    assert bool(taken) == narrow
    assert drift() == {}


def test_the_narrow_and_the_whole_tree_import_store_the_same(imported_bloc, settings, tmp_path):
    from django.db import transaction

    path = write_csv_folder(MONTH, tmp_path / "month")
    with transaction.atomic():
        narrow = outcome(import_workbook(path)), stored()
        transaction.set_rollback(True)
    full_import(settings)
    whole = outcome(import_workbook(path)), stored()
    assert narrow == whole


REFUSED = {
    "bien_dong_to_chuc": [{"ngay": D(2018, 3, 1), "loai": "sap_nhap", "ma": "C2", "ma_dich": "C1"}],
    "bien_dong_dang_vien": [
        # After the merger C2 no longer exists: refused.
        {"ngay": D(2018, 6, 1), "loai": "chuyen_noi_bo", "ma_nguoi": "P1", "ma_to_chuc": "C2"},
        # A unit the register does not hold: refused.
        {"ngay": D(2018, 6, 1), "loai": "chuyen_noi_bo", "ma_nguoi": "P2", "ma_to_chuc": "X9"},
    ],
}


@pytest.mark.parametrize("sheet", ["merged cell", "dissolved with members"])
def test_a_refused_monthly_workbook_is_refused_alike_narrow_and_whole(imported_bloc, settings, tmp_path, sheet):
    data = REFUSED if sheet == "merged cell" else {
        "bien_dong_to_chuc": [{"ngay": D(2018, 3, 1), "loai": "giai_the", "ma": "C1"}]}
    path = write_csv_folder(data, tmp_path / "refused")
    narrow = outcome(import_workbook(path))
    full_import(settings)
    whole = outcome(import_workbook(path))
    assert narrow[0] == "refused"
    assert narrow == whole
    codes = {code for _, code, _, _ in narrow[1]}
    assert codes & {"cell_missing", "dissolve_with_members"}
