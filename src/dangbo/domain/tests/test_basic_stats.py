"""How one member is classed by the basic statistics (member-file.md): the bands' boundaries
side by side, a birthday on the day, 29 February by the month arithmetic of domain.md."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.domain import basic_stats as S
from dangbo.domain.dates import full_years

D = dt.date


@pytest.mark.parametrize(("birth", "on", "band"), [
    (D(1994, 6, 15), D(2024, 6, 15), "tuoi.den_30"),   # 30 on the day
    (D(1993, 6, 15), D(2024, 6, 15), "tuoi.31_40"),    # 31 on the day: a birthday counts on its day
    (D(1993, 6, 16), D(2024, 6, 15), "tuoi.den_30"),   # 31 tomorrow
    (D(1984, 6, 15), D(2024, 6, 15), "tuoi.31_40"),    # 40
    (D(1984, 6, 14), D(2024, 6, 15), "tuoi.31_40"),    # 40 since yesterday
    (D(1983, 6, 15), D(2024, 6, 15), "tuoi.41_50"),    # 41 on the day
    (D(1964, 6, 15), D(2024, 6, 15), "tuoi.51_60"),    # 60
    (D(1963, 6, 15), D(2024, 6, 15), "tuoi.61_70"),    # 61
    (D(1954, 6, 15), D(2024, 6, 15), "tuoi.61_70"),    # 70
    (D(1953, 6, 15), D(2024, 6, 15), "tuoi.tren_70"),  # 71
    (D(1992, 2, 29), D(2023, 2, 27), "tuoi.den_30"),   # 30 until the end of February
    (D(1992, 2, 29), D(2023, 2, 28), "tuoi.31_40"),    # 29 February: the year ends on 28 February of a common year
    (D(1993, 2, 28), D(2024, 2, 28), "tuoi.31_40"),    # 31 on 28 February of a leap year
    (D(1993, 3, 1), D(2024, 2, 29), "tuoi.den_30"),    # 31 tomorrow, on 1 March
])
def test_age_bands_count_full_years_on_the_day(birth, on, band):
    assert S.band_of(S.AGE_BANDS, birth, on) == band


@pytest.mark.parametrize(("anchor", "on", "band"), [
    (D(2014, 6, 15), D(2024, 6, 15), "tuoi_dang.10_29"),  # 10 years on the day
    (D(2014, 6, 16), D(2024, 6, 15), "tuoi_dang.duoi_10"),
    (D(1995, 6, 16), D(2024, 6, 15), "tuoi_dang.10_29"),  # 29
    (D(1994, 6, 15), D(2024, 6, 15), "tuoi_dang.30_39"),
    (D(1984, 6, 15), D(2024, 6, 15), "tuoi_dang.40_49"),
    (D(1974, 6, 16), D(2024, 6, 15), "tuoi_dang.40_49"),  # 49
    (D(1974, 6, 15), D(2024, 6, 15), "tuoi_dang.tu_50"),
    (D(2016, 2, 29), D(2026, 2, 28), "tuoi_dang.10_29"),  # admitted on 29 February: 10 years on 28 February
])
def test_party_age_bands_count_full_years_from_the_anchor(anchor, on, band):
    assert S.band_of(S.PARTY_AGE_BANDS, anchor, on) == band


@given(st.dates(D(1900, 1, 1), D(2030, 12, 31)), st.dates(D(1950, 1, 1), D(2040, 12, 31)))
def test_the_bands_agree_with_the_full_years_of_domain_dates(birth, on):
    years = full_years(birth, on) if birth <= on else 0
    band = S.band_of(S.AGE_BANDS, birth, on)
    low, high = next((b.low, b.high) for b in S.AGE_BANDS if b.key == band)
    assert low <= years and (high is None or years <= high)


def test_every_group_classes_a_member_once():
    keys = S.classify(day=D(2024, 6, 15), sex="nu", birth=D(1990, 1, 1), party_from=D(2015, 1, 1), ethnicity="03",
                      religion="khac", general_education="12/12 bo_tuc", qualification="thac_si", theory_level="")
    assert list(keys) == ["dang_vien.tong", "gioi_tinh.nu", "dan_toc.thieu_so", "ton_giao.co", "tuoi.31_40",
                    "tuoi_dang.duoi_10", "gdpt.thpt", "chuyen_mon.thac_si", "llct.chua_ro"]


def test_text_kept_from_before_the_coding_counts_as_unclear():
    keys = S.classify(day=D(2024, 6, 15), sex="nam", birth=D(1990, 1, 1), party_from=D(2015, 1, 1), ethnicity="Tai Dam",
                      religion="", general_education="lớp 12", qualification="Kỹ sư", theory_level="Cao cấp")
    assert list(keys[2:4] + keys[6:]) == ["dan_toc.chua_ro", "ton_giao.chua_ro", "gdpt.chua_ro", "chuyen_mon.chua_ro",
                                    "llct.chua_ro"]
