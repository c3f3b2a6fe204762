"""A deterministic synthetic register in the exchange format's CSV form, of any size.

Roots (blocs of about 3,300 members) with grassroots committees and cells, opening balances
on 2015-01-01, then admissions with their classes, official recognitions, cards, badges,
internal moves, exemptions, transfers out, deaths. Every row obeys the hard invariants and
the regulatory rules, so a benchmark measures the import, not the error report.
Rows are written as they are made: memory does not grow with the size.

    python -m dangbo.synth OUT_FOLDER --members 100000 --events 400000 [--ratings]

With `--ratings`, every member is rated each year they end as a member and every TCCSĐ and
cell each year, keeping the 20% excellent quota per TCCSĐ and per root.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path
from typing import IO, Any

from dangbo.domain.dates import add_months, next_award_occasion
from dangbo.exchange.schema import SHEET_BY_NAME

START = dt.date(2015, 1, 1)
END = dt.date(2024, 12, 31)
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Thành", "Xuân"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Minh", "Thanh", "Hồng", "Kim", "Phương"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan",
         "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trang", "Trung", "Tuấn", "Vân", "Yến"]
TYPES = ["hanh_chinh", "hanh_chinh", "hanh_chinh", "su_nghiep", "doanh_nghiep", "khac"]


class Writer:
    """One CSV file per sheet, rows written as they come."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.files: dict[str, IO[str]] = {}
        self.writers: dict[str, Any] = {}  # csv writers
        self.counts: dict[str, int] = {}
        self.folder = folder

    def row(self, sheet: str, values: dict) -> None:
        if sheet not in self.writers:
            fh = open(self.folder / f"{sheet}.csv", "w", newline="", encoding="utf-8")
            self.files[sheet] = fh
            self.writers[sheet] = csv.writer(fh)
            self.writers[sheet].writerow(SHEET_BY_NAME[sheet].codes)
            self.counts[sheet] = 0
        codes = SHEET_BY_NAME[sheet].codes
        self.writers[sheet].writerow(["" if values.get(c) is None else _text(values[c]) for c in codes])
        self.counts[sheet] += 1

    def close(self) -> dict[str, int]:
        for fh in self.files.values():
            fh.close()
        return self.counts


def _text(v) -> str:
    return v.isoformat() if isinstance(v, dt.date) else str(v)


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max(1, (end - start).days)))


def generate(folder: Path, persons: int, events: int, seed: int = 2020, members_per_root: int = 3300,
             ratings: bool = False) -> dict[str, int]:
    """Write a register of `persons` people and about `events` member and unit events (and,
    with `ratings`, the yearly rating of every member and unit, within the 20% quota)."""
    rng = random.Random(seed)
    member_quota = Quota()
    w = Writer(folder)
    roots = max(1, round(persons / members_per_root))
    cells_by_root: list[list[str]] = []
    tccsd_of: dict[str, str] = {}  # cell -> its TCCSĐ (itself for a chi bộ cơ sở)
    tccsd_by_root: list[list[str]] = []
    org_events = 0
    for r in range(roots):
        root = f"R{r:03d}"
        w.row("bien_dong_to_chuc", {"ngay": START, "loai": "khoi_tao", "ma": root, "ten": f"Đảng bộ Khối số {r + 1}", "cap": "dang_bo_cap_tren"})
        cells: list[str] = []
        units: list[str] = []
        members_here = persons // roots
        t = 0
        while len(cells) * 20 < members_here * 1.05:
            code = f"{root}T{t:03d}"
            if rng.random() < 0.6:
                w.row("bien_dong_to_chuc", {"ngay": START, "loai": "khoi_tao", "ma": code, "ten": f"Đảng bộ cơ sở {code}",
                                            "cap": "dang_bo_co_so", "loai_hinh": rng.choice(TYPES), "ma_cap_tren": root})
                for c in range(rng.randint(3, 8)):
                    w.row("bien_dong_to_chuc", {"ngay": START, "loai": "khoi_tao", "ma": f"{code}C{c}", "ten": f"Chi bộ {c + 1} {code}",
                                                "cap": "chi_bo", "ma_cap_tren": code})
                    cells.append(f"{code}C{c}")
                    tccsd_of[f"{code}C{c}"] = code
                    org_events += 1
            else:
                w.row("bien_dong_to_chuc", {"ngay": START, "loai": "khoi_tao", "ma": code, "ten": f"Chi bộ cơ sở {code}",
                                            "cap": "chi_bo_co_so", "loai_hinh": rng.choice(TYPES), "ma_cap_tren": root})
                cells.append(code)
                tccsd_of[code] = code
            units.append(code)
            org_events += 1
            t += 1
        # Renames along the years: a new version of the unit each.
        for code in rng.sample(cells, max(1, len(cells) // 10)):
            w.row("bien_dong_to_chuc", {"ngay": _day(rng, START, END), "loai": "doi_ten", "ma": code, "ten": f"{code} (tên mới)"})
            org_events += 1
        cells_by_root.append(cells)
        tccsd_by_root.append(units)
        for y in range(START.year, END.year + 1):
            w.row("lop_hoc", {"ma": f"{root}NT{y}", "ten": f"Lớp nhận thức về Đảng {y}", "loai": "nhan_thuc",
                              "tu_ngay": dt.date(y, 3, 1), "den_ngay": dt.date(y, 3, 10), "ma_to_chuc": root})
            w.row("lop_hoc", {"ma": f"{root}DM{y}", "ten": f"Lớp đảng viên mới {y}", "loai": "dang_vien_moi",
                              "tu_ngay": dt.date(y, 9, 1), "den_ngay": dt.date(y, 9, 10), "ma_to_chuc": root})
    budget = max(0, events - org_events)
    per_person = budget / persons
    for i in range(persons):
        r = i % roots
        root, cells = f"R{r:03d}", cells_by_root[r]
        code = f"DV{i:07d}"
        female = rng.random() < 0.45
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_F if female else MIDDLE_M)} {rng.choice(GIVEN)}"
        cell = rng.choice(cells)
        opening = rng.random() < 0.75
        if opening:
            admitted = _day(rng, dt.date(1975, 1, 1), dt.date(2013, 12, 31))
            birth = add_months(admitted, -12 * rng.randint(20, 40))
        else:
            admitted = _day(rng, dt.date(2015, 6, 1), dt.date(2023, 12, 31))
            birth = add_months(admitted, -12 * rng.randint(20, 45))
        w.row("nguoi", {"ma": code, "ho_ten": name, "ngay_sinh": birth, "gioi_tinh": "nu" if female else "nam",
                        "so_cccd": f"{i:012d}", "dan_toc": "Kinh", "que_quan": "Lai Châu"})
        n = 0
        timeline: list[tuple[dt.date, str, bool]] = []  # (from day, cell, exempt)
        ended: dt.date | None = None
        if opening:
            w.row("bien_dong_dang_vien", {"ngay": START, "loai": "khoi_tao", "ma_nguoi": code, "ma_to_chuc": cell,
                                          "trang_thai": "chinh_thuc", "ngay_ket_nap": admitted,
                                          "ngay_chinh_thuc": add_months(admitted, 12), "so_the": f"{i % 10**8:08d}"})
            day, badge = START, None
            timeline.append((START, cell, False))
            n += 1
        else:
            year = admitted.year
            w.row("hoc_vien", {"ma_lop": f"{root}NT{year if admitted >= dt.date(year, 3, 11) else year - 1}", "ma_nguoi": code})
            w.row("bien_dong_dang_vien", {"ngay": admitted, "loai": "ket_nap", "ma_nguoi": code, "ma_to_chuc": cell})
            w.row("hoc_vien", {"ma_lop": f"{root}DM{year if admitted <= dt.date(year, 9, 10) else year + 1}", "ma_nguoi": code})
            official = add_months(admitted, 12)
            w.row("bien_dong_dang_vien", {"ngay": official, "loai": "chuyen_chinh_thuc", "ma_nguoi": code})
            card = add_months(official, 2)
            w.row("bien_dong_dang_vien", {"ngay": card, "loai": "phat_the", "ma_nguoi": code, "so_the": f"{i % 10**8:08d}"})
            day, badge, n = card, None, 3
            timeline.append((admitted, cell, False))
        # Further life: moves within the root, exemptions, badges; sometimes an end.
        want = int(per_person) + (1 if rng.random() < per_person - int(per_person) else 0)
        exempt = False
        while n < want and day < END:
            day = day + dt.timedelta(days=rng.randint(60, 700))
            if day > END:
                break
            milestone = next((m for m in (30, 40, 45, 50, 55, 60) if add_months(admitted, 12 * m) <= day and (badge or 0) < m), None)
            roll = rng.random()
            if milestone and roll < 0.5:
                occasion = next_award_occasion(add_months(admitted, 12 * milestone))
                if occasion > END:
                    break
                day = max(day, occasion)
                w.row("bien_dong_dang_vien", {"ngay": day, "loai": "huy_hieu", "ma_nguoi": code, "so_nam": milestone})
                badge = milestone
            elif roll < 0.75 and not exempt:
                target = rng.choice(cells)
                if target == cell:
                    continue
                w.row("bien_dong_dang_vien", {"ngay": day, "loai": "chuyen_noi_bo", "ma_nguoi": code, "ma_to_chuc": target})
                cell = target
                timeline.append((day, cell, exempt))
            elif roll < 0.97:
                w.row("bien_dong_dang_vien", {"ngay": day, "loai": "tro_lai_sinh_hoat" if exempt else "mien_sinh_hoat", "ma_nguoi": code})
                exempt = not exempt
                timeline.append((day, cell, exempt))
            else:
                w.row("bien_dong_dang_vien", {"ngay": day, "loai": rng.choice(["chuyen_di", "tu_tran"]), "ma_nguoi": code})
                ended = day
                n += 1
                break
            n += 1
        if ratings:
            _rate_member(w, rng, code, timeline, ended, tccsd_of, member_quota)
    if ratings:
        for r, units in enumerate(tccsd_by_root):
            _rate_units(w, rng, f"R{r:03d}", units, [c for c in cells_by_root[r] if tccsd_of[c] != c])
    return w.close()


class Quota:
    """Counters of one group's ratings in one year, so that xuất sắc never passes ⌊20% × good⌋."""

    def __init__(self):
        self.counts: dict[tuple, list[int]] = {}

    def level(self, rng: random.Random, key: tuple) -> str:
        good, excellent = self.counts.setdefault(key, [0, 0])
        roll = rng.random()
        if roll < 0.03:
            return "khong_hoan_thanh"
        if roll < 0.15:
            return "hoan_thanh"
        level = "xuat_sac" if excellent + 1 <= (good + 1) // 5 and rng.random() < 0.6 else "tot"
        self.counts[key] = [good + 1, excellent + (level == "xuat_sac")]
        return level


def _rate_member(w, rng, code, timeline, ended, tccsd_of, quota: Quota) -> None:
    """One rating for every year the person ends as a member (exempt: not rated)."""
    for year in range(START.year, END.year + 1):
        day = dt.date(year, 12, 31)
        if not timeline or timeline[0][0] > day or (ended is not None and ended <= day):
            continue
        _, cell, exempt = [t for t in timeline if t[0] <= day][-1]
        level = "khong_xep_loai" if exempt else quota.level(rng, (tccsd_of[cell], year))
        w.row("danh_gia", {"nam": year, "doi_tuong": "dang_vien", "ma": code, "xep_loai": level})


def _rate_units(w, rng, root, units, cells) -> None:
    """Every TCCSĐ (its root's quota) and every cell of a committee, every year."""
    quota = Quota()
    for year in range(START.year, END.year + 1):
        for unit in units:
            w.row("danh_gia", {"nam": year, "doi_tuong": "to_chuc", "ma": unit, "xep_loai": quota.level(rng, (root, year))})
        for cell in cells:
            w.row("danh_gia", {"nam": year, "doi_tuong": "to_chuc", "ma": cell, "xep_loai": "tot" if rng.random() < 0.8 else "hoan_thanh"})


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Tạo dữ liệu tổng hợp theo định dạng trao đổi (thư mục CSV).")
    parser.add_argument("out")
    parser.add_argument("--persons", "--members", type=int, default=100_000, dest="persons")
    parser.add_argument("--events", type=int, default=None, help="mặc định: 4 × số người")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--ratings", action="store_true", help="thêm xếp loại hằng năm của mọi đảng viên và tổ chức")
    args = parser.parse_args(argv)
    counts = generate(Path(args.out), args.persons, args.events or 4 * args.persons, args.seed, ratings=args.ratings)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
