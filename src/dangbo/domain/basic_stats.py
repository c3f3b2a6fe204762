"""The basic statistics of members (member-file.md, "Thống kê cơ bản"; the basic statistical
forms of Hướng dẫn 11-HD/BTCTW 2021): the groups and their keys in the contract's order, and
how one member is classed on a date. The database counts by the same definitions
(`stats.selectors` builds its conditions from `Band`s and the code sets here); `classify` is
the definition read one member at a time."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from . import file_codes as F
from .dates import add_months


@dataclass(frozen=True)
class Band:
    """Full years on the day from a date (birth, the party-age anchor) in [low, high]; high
    None for no upper bound."""

    key: str
    low: int
    high: int | None


AGE_BANDS = (Band("tuoi.den_30", 0, 30), Band("tuoi.31_40", 31, 40), Band("tuoi.41_50", 41, 50),
             Band("tuoi.51_60", 51, 60), Band("tuoi.61_70", 61, 70), Band("tuoi.tren_70", 71, None))
PARTY_AGE_BANDS = (Band("tuoi_dang.duoi_10", 0, 9), Band("tuoi_dang.10_29", 10, 29), Band("tuoi_dang.30_39", 30, 39),
                   Band("tuoi_dang.40_49", 40, 49), Band("tuoi_dang.tu_50", 50, None))

ETHNIC_MINORITIES = frozenset(c for c in F.codes("dan_toc") if c not in (F.KINH, F.FOREIGN))
RELIGIOUS = frozenset(c for c in F.codes("ton_giao") if c != F.NO_RELIGION)  # `khac` included
GDPT_ALL = frozenset(F.gdpt_values())
PROFESSIONAL = F.codes("chuyen_mon")
THEORY = F.codes("llct")

TOTAL = "dang_vien.tong"
GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("tong", "Tổng số đảng viên", (TOTAL,)),
    ("gioi_tinh", "Giới tính", ("gioi_tinh.nam", "gioi_tinh.nu")),
    ("dan_toc", "Dân tộc", ("dan_toc.kinh", "dan_toc.thieu_so", "dan_toc.nuoc_ngoai", "dan_toc.chua_ro")),
    ("ton_giao", "Tôn giáo", ("ton_giao.khong", "ton_giao.co", "ton_giao.chua_ro")),
    ("tuoi", "Tuổi đời", tuple(b.key for b in AGE_BANDS)),
    ("tuoi_dang", "Tuổi đảng", tuple(b.key for b in PARTY_AGE_BANDS)),
    ("gdpt", "Giáo dục phổ thông", ("gdpt.thpt", "gdpt.duoi_thpt", "gdpt.chua_ro")),
    ("chuyen_mon", "Trình độ chuyên môn", (*(f"chuyen_mon.{c}" for c in PROFESSIONAL), "chuyen_mon.chua_ro")),
    ("llct", "Lý luận chính trị", (*(f"llct.{c}" for c in THEORY), "llct.chua_ro")),
)
KEYS = tuple(k for _, _, keys in GROUPS for k in keys)
LABELS: dict[str, str] = {
    TOTAL: "Tổng số", "gioi_tinh.nam": "Nam", "gioi_tinh.nu": "Nữ",
    "dan_toc.kinh": "Kinh", "dan_toc.thieu_so": "Dân tộc thiểu số", "dan_toc.nuoc_ngoai": "Người nước ngoài",
    "dan_toc.chua_ro": "Chưa rõ", "ton_giao.khong": "Không tôn giáo", "ton_giao.co": "Có tôn giáo",
    "ton_giao.chua_ro": "Chưa rõ", "tuoi.den_30": "Đến 30", "tuoi.31_40": "31–40", "tuoi.41_50": "41–50",
    "tuoi.51_60": "51–60", "tuoi.61_70": "61–70", "tuoi.tren_70": "Trên 70", "tuoi_dang.duoi_10": "Dưới 10 năm",
    "tuoi_dang.10_29": "10–29 năm", "tuoi_dang.30_39": "30–39 năm", "tuoi_dang.40_49": "40–49 năm",
    "tuoi_dang.tu_50": "Từ 50 năm", "gdpt.thpt": "Trung học phổ thông", "gdpt.duoi_thpt": "Dưới THPT",
    "gdpt.chua_ro": "Chưa rõ",
    **{f"chuyen_mon.{c}": F.labels("chuyen_mon")[c] for c in PROFESSIONAL}, "chuyen_mon.chua_ro": "Chưa rõ",
    **{f"llct.{c}": F.labels("llct")[c] for c in THEORY}, "llct.chua_ro": "Chưa rõ",
}


def latest_start(years: int, day: dt.date) -> dt.date:
    """The latest date from which `years` full years have passed by `day` (domain.md's month
    arithmetic: from 29 February, a year ends on 28 February in a common year)."""
    try:
        start = day.replace(year=day.year - years)
    except ValueError:  # 29 February of a leap `day`, back to a common year
        start = dt.date(day.year - years, 2, 28)
    nxt = start + dt.timedelta(days=1)
    while add_months(nxt, 12 * years) <= day:  # 28 February back to a leap year: the 29th counts too
        start, nxt = nxt, nxt + dt.timedelta(days=1)
    return start


def anniversary(since: dt.date, years: int) -> dt.date:
    """The first day on which `years` full years have passed since `since`: `band_of` moves on
    that day (`since <= latest_start(years, day)` exactly when this day has come)."""
    return add_months(since, 12 * years)


def _turns(since: dt.date | None, bands: tuple[Band, ...]) -> list[dt.date]:
    """The days `since`'s band moves to each next band, in order (none beyond the calendar)."""
    if since is None:
        return []
    days = []
    for band in bands[1:]:
        try:
            days.append(anniversary(since, band.low))
        except ValueError:  # beyond the calendar's last year: never reached
            break
    return days


def band_of(bands: tuple[Band, ...], since: dt.date | None, day: dt.date) -> str | None:
    """The band of full years from `since` on `day`: as many bands on as anniversaries have
    come by then (`anniversary`; the database compares with `latest_start`, its inverse)."""
    if since is None:
        return None
    return bands[bisect_right(_turns(since, bands), day)].key


def classify(*, day: dt.date, sex: str, birth: dt.date | None, party_from: dt.date | None, ethnicity: str,
             religion: str, general_education: str, qualification: str, theory_level: str) -> tuple[str, ...]:
    """The keys one member counts under on `day`, one per group."""
    return keys_of(sex, ethnicity, religion, general_education, qualification, theory_level,
                   band_of(AGE_BANDS, birth, day) or AGE_BANDS[0].key,
                   band_of(PARTY_AGE_BANDS, party_from, day) or PARTY_AGE_BANDS[0].key)


@cache
def keys_of(sex: str, ethnicity: str, religion: str, general_education: str, qualification: str, theory_level: str,
            age_band: str, party_band: str) -> tuple[str, ...]:
    """The keys of a member's details and bands (the database counts members by these, a
    group of alike members at a time)."""
    eth = ("dan_toc.kinh" if ethnicity == F.KINH else "dan_toc.thieu_so" if ethnicity in ETHNIC_MINORITIES
           else "dan_toc.nuoc_ngoai" if ethnicity == F.FOREIGN else "dan_toc.chua_ro")
    rel = ("ton_giao.khong" if religion == F.NO_RELIGION else "ton_giao.co" if religion in RELIGIOUS
           else "ton_giao.chua_ro")
    edu = ("gdpt.thpt" if general_education in F.UPPER_SECONDARY else "gdpt.duoi_thpt" if general_education in GDPT_ALL
           else "gdpt.chua_ro")
    return (TOTAL, "gioi_tinh.nu" if sex == "nu" else "gioi_tinh.nam", eth, rel, age_band, party_band, edu,
            f"chuyen_mon.{qualification}" if qualification in PROFESSIONAL else "chuyen_mon.chua_ro",
            f"llct.{theory_level}" if theory_level in THEORY else "llct.chua_ro")


# ---- a member's counts by day (the kept tally of `stats.tally`) ------------------------------
# Between two days on which something of a member changes — a spell begins or ends, a dated
# detail changes, a birthday or party anniversary moves them to the next band — every key they
# count under stands still. So a member is a handful of steps: +1 under each key on the first
# day counted under it, -1 on the first day no longer. The count of a key on a day is the sum
# of every member's steps up to that day, whatever the day.

DETAILS = 5  # ethnicity, religion, general education, qualification, theory level, in that order


@dataclass(frozen=True)
class Stretch:
    """What the statistics read of a spell: its days [valid_from, valid_to) and its sex and
    party-age anchor."""

    valid_from: dt.date
    valid_to: dt.date | None
    sex: str
    party_from: dt.date | None


def _joined(stretches: list[Stretch]) -> list[Stretch]:
    """The stretches with each one that follows another on its last day with the same sex and
    anchor joined to it (a move between cells changes no key): most members' spells are one."""
    out: list[Stretch] = []
    for s in sorted(stretches, key=lambda s: s.valid_from):
        if s.valid_to is not None and s.valid_to <= s.valid_from:
            continue
        last = out[-1] if out else None
        if last and last.valid_to == s.valid_from and (last.sex, last.party_from) == (s.sex, s.party_from):
            out[-1] = Stretch(last.valid_from, s.valid_to, s.sex, s.party_from)
        else:
            out.append(s)
    return out


def steps(stretches: list[Stretch], birth: dt.date | None, current: tuple[str, ...],
          changes: list[tuple[dt.date, int, str]]) -> dict[tuple[str, dt.date], int]:
    """The member's steps {(key, day): +n or -n} (zeros left out). `current` holds the dated
    details as the person's fields hold them now (in `DETAILS`' order); `changes` are
    (date, detail index, value before), in the order they were kept: on a day the detail
    reads the `before` of its first change dated after the day, as `stats.selectors` reads it."""
    by_detail: list[list[tuple[dt.date, str]]] = [[] for _ in range(DETAILS)]
    for date, i, before in changes:
        by_detail[i].append((date, before))
    for lst in by_detail:
        lst.sort(key=lambda c: c[0])  # stable: the first kept of a day first

    def details_on(day: dt.date) -> tuple[str, ...]:
        if not changes:
            return current
        out = list(current)
        for i, lst in enumerate(by_detail):
            for date, before in lst:
                if date > day:
                    out[i] = before
                    break
        return tuple(out)

    change_days = sorted({date for date, _, _ in changes})
    ages = _turns(birth, AGE_BANDS)
    out: dict[tuple[str, dt.date], int] = {}
    for s in _joined(stretches):
        parties = _turns(s.party_from, PARTY_AGE_BANDS)
        end = s.valid_to
        cuts = {s.valid_from, *(d for d in (*change_days, *ages, *parties) if s.valid_from < d and (end is None or d < end))}
        prev: tuple[str, ...] = ()
        for a in sorted(cuts):
            # `band_of`, with each anniversary worked out once for the whole member
            keys = keys_of(s.sex, *details_on(a), AGE_BANDS[bisect_right(ages, a)].key,
                           PARTY_AGE_BANDS[bisect_right(parties, a)].key)
            for i, key in enumerate(keys):
                if not prev or prev[i] != key:  # only the keys that change step
                    out[(key, a)] = out.get((key, a), 0) + 1
                    if prev:
                        out[(prev[i], a)] = out.get((prev[i], a), 0) - 1
            prev = keys
        if end is not None:
            for key in prev:
                out[(key, end)] = out.get((key, end), 0) - 1
    return {k: n for k, n in out.items() if n}
