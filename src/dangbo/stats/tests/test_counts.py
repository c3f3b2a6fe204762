"""The basic statistics counted by the database on a small world worked out by hand
(member-file.md): every group, the members in scope exactly those of `dang_vien.tong`, a
re-admitted member's party age without the years outside, details read as they stood."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command

from dangbo.domain import basic_stats as S
from dangbo.members import services as member_services
from dangbo.members.models import Person
from dangbo.orgs.models import Org
from dangbo.reports.services import build_report, make_request
from dangbo.stats.selectors import StatsRequestError, count, for_roots, members_counted

D = dt.date
ON = D(2024, 6, 15)


def person(code, sex, birth, ethnicity="", religion="", gdpt="", qualification="", theory=""):
    return {"ma": code, "ho_ten": f"Người {code}", "ngay_sinh": birth, "gioi_tinh": sex, "dan_toc": ethnicity,
            "ton_giao": religion, "gdpt": gdpt, "trinh_do_chuyen_mon": qualification, "trinh_do_llct": theory}


def opening(code, cell, admitted):
    return {"ngay": D(2015, 1, 1), "loai": "khoi_tao", "ma_nguoi": code, "ma_to_chuc": cell, "trang_thai": "chinh_thuc",
            "ngay_ket_nap": admitted, "ngay_chinh_thuc": admitted.replace(year=admitted.year + 1)}


WORLD = {
    "nguoi": [
        person("M1", "nam", D(1994, 6, 15), "Kinh", "Không", "12/12", "Đại học", "Trung cấp"),
        person("M2", "nu", D(1993, 6, 15), "Thái", "Phật giáo", "9/12", "Thạc sĩ", "Cao cấp"),
        person("M3", "nam", D(1953, 6, 15), "Mông", "Khác", "12/12 bổ túc", "Tiến sĩ", "Cử nhân"),
        person("M4", "nu", D(1953, 6, 16), "nuoc_ngoai", "", "", "", "Sơ cấp"),
        person("M5", "nam", D(1984, 6, 15), "Kinh", "Không", "10/10", "Sơ cấp", ""),
        person("M6", "nam", D(1970, 1, 1), "Kinh", "Không", "12/12", "Đại học", "Trung cấp"),
        person("M7", "nu", D(1980, 1, 1), "Dao", "Không", "12/12", "Đại học", "Trung cấp"),
    ],
    "bien_dong_to_chuc": [
        {"ngay": D(2015, 1, 1), "loai": "khoi_tao", "ma": "R", "ten": "Đảng bộ Khối", "cap": "dang_bo_cap_tren"},
        {"ngay": D(2015, 1, 1), "loai": "khoi_tao", "ma": "D1", "ten": "Đảng bộ Sở Y tế", "cap": "dang_bo_co_so",
         "loai_hinh": "hanh_chinh", "ma_cap_tren": "R"},
        {"ngay": D(2015, 1, 1), "loai": "khoi_tao", "ma": "C1", "ten": "Chi bộ Văn phòng", "cap": "chi_bo", "ma_cap_tren": "D1"},
        {"ngay": D(2015, 1, 1), "loai": "khoi_tao", "ma": "S1", "ten": "Chi bộ Công ty Cấp nước", "cap": "chi_bo_co_so",
         "loai_hinh": "doanh_nghiep", "ma_cap_tren": "R"},
    ],
    "bien_dong_dang_vien": [
        opening("M1", "C1", D(2014, 6, 15)), opening("M2", "C1", D(2014, 6, 16)), opening("M3", "S1", D(1974, 6, 15)),
        opening("M4", "S1", D(1974, 6, 16)), opening("M5", "S1", D(2004, 6, 15)), opening("M6", "S1", D(1992, 6, 1)),
        opening("M7", "S1", D(2005, 1, 1)),
        # M6 struck off for five years, then admitted again: party age from 1992-06-01 less 60 months
        {"ngay": D(2015, 6, 1), "loai": "xoa_ten", "ma_nguoi": "M6"},
        {"ngay": D(2020, 6, 1), "loai": "ket_nap", "ma_nguoi": "M6", "ma_to_chuc": "S1"},
        {"ngay": D(2023, 1, 1), "loai": "chuyen_di", "ma_nguoi": "M7"},  # gone before the day: not counted
    ],
}
# By hand, on 15/06/2024 (M7 transferred out):
#   M1 nam 30 Kinh không 12/12 đại học trung cấp, party 10 — C1
#   M2 nữ 31 Thái Phật giáo 9/12 thạc sĩ cao cấp, party 9 — C1
#   M3 nam 71 Mông khác 12/12 BT tiến sĩ cử nhân, party 50 — S1
#   M4 nữ 70 nước ngoài — — — sơ cấp (LLCT), party 49 — S1
#   M5 nam 40 Kinh không 10/10 sơ cấp —, party 20 — S1
#   M6 nam 54 Kinh không 12/12 đại học trung cấp; admitted 1992-06-01, struck off 2015-06-01, admitted again
#      2020-06-01: 60 months outside, party age from 1997-06-01: 27 (32 with the gap) — S1
EXPECTED = {
    "dang_vien.tong": 6, "gioi_tinh.nam": 4, "gioi_tinh.nu": 2,
    "dan_toc.kinh": 3, "dan_toc.thieu_so": 2, "dan_toc.nuoc_ngoai": 1, "dan_toc.chua_ro": 0,
    "ton_giao.khong": 3, "ton_giao.co": 2, "ton_giao.chua_ro": 1,
    "tuoi.den_30": 1, "tuoi.31_40": 2, "tuoi.41_50": 0, "tuoi.51_60": 1, "tuoi.61_70": 1, "tuoi.tren_70": 1,
    "tuoi_dang.duoi_10": 1, "tuoi_dang.10_29": 3, "tuoi_dang.30_39": 0, "tuoi_dang.40_49": 1, "tuoi_dang.tu_50": 1,
    "gdpt.thpt": 4, "gdpt.duoi_thpt": 1, "gdpt.chua_ro": 1,
    "chuyen_mon.so_cap": 1, "chuyen_mon.trung_cap": 0, "chuyen_mon.cao_dang": 0, "chuyen_mon.dai_hoc": 2,
    "chuyen_mon.thac_si": 1, "chuyen_mon.tien_si": 1, "chuyen_mon.chua_ro": 1,
    "llct.so_cap": 1, "llct.trung_cap": 2, "llct.cao_cap": 1, "llct.cu_nhan": 1, "llct.chua_ro": 1,
}


def test_every_key_on_the_small_world_is_as_worked_out_by_hand(world):
    assert dict(count(for_roots(["R"], ON).scope).total) == EXPECTED


def test_the_members_counted_are_those_of_the_term_reports_total(world):
    report = build_report(make_request(roots=["R"], start=D(2024, 1, 1), end=ON))
    assert count(for_roots(["R"], ON).scope).total["dang_vien.tong"] == report.values["dang_vien.tong"] == 6


def test_every_roots_totals_alone_are_the_same_as_with_their_rows(world):
    assert count(for_roots(None, ON).scope, rows=False).total == count(for_roots(None, ON).scope).total == EXPECTED


def test_each_tccsd_is_a_row_and_the_rows_add_up_to_the_total(world):
    stats = count(for_roots(["R"], ON).scope)
    by_code = {Org.objects.get(pk=k).code: v for k, v in stats.rows.items()}
    assert (by_code["D1"]["dang_vien.tong"], by_code["S1"]["dang_vien.tong"]) == (2, 4)
    assert (by_code["D1"]["tuoi_dang.duoi_10"], by_code["S1"]["tuoi_dang.tu_50"]) == (1, 1)
    for key in S.KEYS:
        assert sum(row[key] for row in stats.rows.values()) == stats.total[key], key


def test_a_readmitted_members_party_age_leaves_out_the_years_outside(world):
    ids = members_counted(for_roots(["R"], ON).scope, "tuoi_dang.10_29")
    assert Person.objects.get(code="M6").pk in ids


def test_the_list_behind_a_figure_holds_exactly_the_members_it_counts(world):
    scope = for_roots(["R"], ON).scope
    for key, n in EXPECTED.items():
        assert len(members_counted(scope, key)) == n, key
    codes = set(Person.objects.filter(pk__in=members_counted(scope, "dan_toc.thieu_so")).values_list("code", flat=True))
    assert codes == {"M2", "M3"}


def test_a_statistic_on_a_past_day_reads_the_details_as_they_stood(world):
    m1 = Person.objects.get(code="M1")
    member_services.update_person(user=None, person=m1, qualification="thac_si", changed_on=D(2024, 7, 1))
    before, after = count(for_roots(["R"], ON).scope).total, count(for_roots(["R"], D(2024, 7, 1)).scope).total
    assert (before["chuyen_mon.dai_hoc"], before["chuyen_mon.thac_si"]) == (2, 1)
    assert (after["chuyen_mon.dai_hoc"], after["chuyen_mon.thac_si"]) == (1, 2)


def test_text_kept_from_before_the_coding_counts_as_unclear_until_corrected(world):
    Person.objects.filter(code="M1").update(ethnicity="Tai Dam")
    total = count(for_roots(["R"], ON).scope).total
    assert (total["dan_toc.kinh"], total["dan_toc.chua_ro"]) == (2, 1)


def test_a_unit_that_is_no_root_is_refused_by_name(world):
    with pytest.raises(StatsRequestError, match="D1 không phải là đảng bộ cấp trên"):
        for_roots(["D1"], ON)


def test_the_command_prints_every_key_as_json(world, capsys):
    call_command("stats", "--bloc", "R", "--as-of", "2024-06-15")
    out = json.loads(capsys.readouterr().out)
    assert (out["to_chuc"], out["ngay_so_lieu"], list(out["chi_so"]), out["chi_so"]) == (
        "R", "2024-06-15", list(S.KEYS), EXPECTED)


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_the_command_writes_each_document(world, tmp_path, fmt):
    out = tmp_path / f"thong-ke.{fmt}"
    call_command("stats", "--bloc", "R", "--as-of", "2024-06-15", "--format", fmt, "-o", str(out))
    assert out.stat().st_size > 1000
    if fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(out)
        ages = wb["Tuổi đời"]
        rows = [[c.value for c in r] for r in ages.iter_rows(min_row=2)]
        assert rows[0][:3] == ["STT", "Tổ chức cơ sở đảng", "Tổng số"]
        assert rows[-1][1:] == ["Tổng cộng", 6, 1, 2, 0, 1, 1, 1]


def test_the_command_refuses_an_unknown_bloc_with_status_1_and_a_bad_date_with_2(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as unknown:
        call_command("stats", "--bloc", "KHONGCO")
    with pytest.raises(CommandError) as bad_date:
        call_command("stats", "--all", "--as-of", "31/02/2024")
    assert (unknown.value.returncode, bad_date.value.returncode) == (1, 2)
    assert "Không có đảng bộ mang mã KHONGCO" in str(unknown.value)
