"""Property: any corruption that breaks a stated rule is refused, named by sheet and row, and
leaves every table of the workbook's data unchanged."""

import datetime as dt

from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangbo.exchange.importer import import_workbook
from dangbo.fixtures.workbooks import clone, small_bloc, write_csv_folder, write_xlsx

DATA_APPS = ("orgs", "members", "training", "study", "assessment", "inspection", "awards", "meetings", "terms")


def counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label in DATA_APPS}


def blank_required(data, i):
    row = data["nguoi"][i % len(data["nguoi"])]
    row["ho_ten"] = None
    return "nguoi"


def bad_birth_date(data, i):
    data["nguoi"][i % len(data["nguoi"])]["ngay_sinh"] = "30/02/1990"
    return "nguoi"


def duplicate_person(data, i):
    data["nguoi"].append(dict(data["nguoi"][i % len(data["nguoi"])]))
    return "nguoi"


def unknown_org_event(data, i):
    data["bien_dong_to_chuc"][i % len(data["bien_dong_to_chuc"])]["loai"] = "bien_mat"
    return "bien_dong_to_chuc"


def level_against_parent(data, i):
    data["bien_dong_to_chuc"][2]["cap"] = "chi_bo_co_so"
    return "bien_dong_to_chuc"


def unknown_person_event(data, i):
    data["bien_dong_dang_vien"][i % len(data["bien_dong_dang_vien"])]["ma_nguoi"] = "KHONG_CO"
    return "bien_dong_dang_vien"


def member_in_a_committee(data, i):
    data["bien_dong_dang_vien"][i % 4]["ma_to_chuc"] = "D1"
    return "bien_dong_dang_vien"


def event_before_the_cell_exists(data, i):
    data["bien_dong_dang_vien"][i % 4]["ngay"] = dt.date(2014, 12, 31)
    return "bien_dong_dang_vien"


def bad_card(data, i):
    data["bien_dong_dang_vien"][6]["so_the"] = "12AB"
    return "bien_dong_dang_vien"


def class_of_unknown_org(data, i):
    data["lop_hoc"][i % 2]["ma_to_chuc"] = "KHONG_CO"
    return "lop_hoc"


def study_over_expected(data, i):
    data["hoc_tap_nghi_quyet"][0]["dv_tham_gia"] = 4 + i
    return "hoc_tap_nghi_quyet"


def rating_twice(data, i):
    data["danh_gia"].append(dict(data["danh_gia"][i % len(data["danh_gia"])]))
    return "danh_gia"


def ubkt_of_a_cell(data, i):
    data["kiem_tra_giam_sat"][0]["ma_chu_the"] = "C1"
    return "kiem_tra_giam_sat"


def award_to_a_non_member(data, i):
    data["khen_thuong"][1]["ma_doi_tuong"] = "P6"
    return "khen_thuong"


def attendance_of_another_cell(data, i):
    data["du_sinh_hoat"][i % 2]["ma_nguoi"] = "P4"
    return "du_sinh_hoat"


def target_of_unknown_metric(data, i):
    data["chi_tieu"][0]["chi_so"] = "dang_vien.khong_co"
    return "chi_tieu"


def candidate_already_member(data, i):
    data["quan_chung"][0]["ma_nguoi"] = "P1"
    return "quan_chung"


CORRUPTIONS = [blank_required, bad_birth_date, duplicate_person, unknown_org_event, level_against_parent,
               unknown_person_event, member_in_a_committee, event_before_the_cell_exists, bad_card,
               class_of_unknown_org, study_over_expected, rating_twice, ubkt_of_a_cell, award_to_a_non_member,
               attendance_of_another_cell, target_of_unknown_metric, candidate_already_member]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.sampled_from(CORRUPTIONS), st.integers(0, 20), st.booleans())
def test_corrupted_workbook_is_refused_and_changes_nothing(rules, tmp_path_factory, corrupt, index, as_xlsx):
    data = clone(small_bloc())
    sheet = corrupt(data, index)
    folder = tmp_path_factory.mktemp("c")
    path = write_xlsx(data, folder / "c.xlsx") if as_xlsx else write_csv_folder(data, folder / "c")
    before = counts()
    result = import_workbook(path)
    assert result.status == "refused", corrupt.__name__
    assert any(p.ref[0] == sheet and p.ref[1] >= 2 for p in result.errors), (corrupt.__name__, [str(p) for p in result.errors])
    assert all(p.message and p.key for p in result.errors)  # each said in words, and under a stable code
    assert counts() == before
