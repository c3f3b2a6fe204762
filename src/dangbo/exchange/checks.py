"""The rows of the sheets beside the events, checked against the register by the rules of
`domain.records` (the same functions the single-record services call).

The importer checks the rows about units once, against the tree, and the rows about persons
group by group, each group against its own replay; both call the functions here with the
rows they hold. `Rows` are (row index in the sheet, row number, parsed values).
"""

from __future__ import annotations

from array import array
from collections import defaultdict

from dangbo.domain import records as REC
from dangbo.domain.problems import Problem

Rows = list[tuple[int, int, dict]]


def _all(v: dict, *keys: str) -> bool:
    return all(v.get(k) for k in keys)


def _given(v: dict, *keys: str) -> bool:
    return all(v.get(k) is not None for k in keys)


def classes(world: REC.World, rows: Rows, stored_codes: set[str], seen: set[str], out: list[Problem]) -> None:
    for _, number, v in rows:
        if not _all(v, "ma", "tu_ngay", "ma_to_chuc"):
            continue
        if v["ma"] in stored_codes or v["ma"] in seen:
            out.append(Problem(("lop_hoc", number), "ma", v["ma"], f"Mã lớp {v['ma']} đã có."))
        seen.add(v["ma"])
        out.extend(REC.check_class(world, ("lop_hoc", number), start=v["tu_ngay"], end=v.get("den_ngay"), org=v["ma_to_chuc"]))


def enrolments(world: REC.World, rows: Rows, out: list[Problem]) -> None:
    for _, number, v in rows:
        if v.get("ma_lop") and v.get("ma_nguoi"):
            out.extend(REC.check_enrolment(world, ("hoc_vien", number), class_code=v["ma_lop"], person=v["ma_nguoi"]))


def study(world: REC.World, rows: Rows, out: list[Problem]) -> None:
    for _, number, v in rows:
        if _given(v, "ngay", "ma_to_chuc", "dv_tong", "dv_tham_gia", "cnvc_tong", "cnvc_tham_gia"):
            out.extend(REC.check_study(world, ("hoc_tap_nghi_quyet", number), day=v["ngay"], org=v["ma_to_chuc"],
                                       dv_tong=v["dv_tong"], dv_tham_gia=v["dv_tham_gia"], cnvc_tong=v["cnvc_tong"],
                                       cnvc_tham_gia=v["cnvc_tham_gia"]))


def inspections(world: REC.World, rows: Rows, out: list[Problem]) -> None:
    for _, number, v in rows:
        if _all(v, "ngay", "ma_chu_the", "co_quan", "doi_tuong", "ma_doi_tuong"):
            out.extend(REC.check_inspection(world, ("kiem_tra_giam_sat", number), day=v["ngay"], actor=v["ma_chu_the"],
                                            body=v["co_quan"], subject_kind=v["doi_tuong"], subject=v["ma_doi_tuong"]))


def disciplines(world: REC.World, rows: Rows, out: list[Problem]) -> None:
    for _, number, v in rows:
        if _all(v, "ngay", "doi_tuong", "ma_doi_tuong", "hinh_thuc", "ma_co_quan"):
            out.extend(REC.check_discipline(world, ("ky_luat", number), day=v["ngay"], subject_kind=v["doi_tuong"],
                                            subject=v["ma_doi_tuong"], form=v["hinh_thuc"], decided_by=v["ma_co_quan"]))


def awards(world: REC.World, rows: Rows, out: list[Problem]) -> None:
    for _, number, v in rows:
        if _all(v, "ngay", "doi_tuong", "ma_doi_tuong"):
            out.extend(REC.check_award(world, ("khen_thuong", number), day=v["ngay"], subject_kind=v["doi_tuong"],
                                       subject=v["ma_doi_tuong"], granted_by=v.get("ma_co_quan")))


def meetings(world: REC.World, rows: Rows, out: list[Problem]) -> None:
    """New meetings are known to the checks that follow (their attendance) once checked."""
    for _, number, v in rows:
        if not _all(v, "ma", "ma_to_chuc", "ngay"):
            continue
        if v["ma"] in world.meetings:
            out.append(Problem(("sinh_hoat", number), "ma", v["ma"], f"Mã buổi sinh hoạt {v['ma']} đã có."))
            continue
        out.extend(REC.check_meeting(world, ("sinh_hoat", number), day=v["ngay"], cell=v["ma_to_chuc"]))
        world.meetings[v["ma"]] = (v["ma_to_chuc"], v["ngay"])


def attendance(world: REC.World, rows: Rows, seen: set[tuple[str, str]], out: list[Problem]) -> None:
    for _, number, v in rows:
        if v.get("ma_sinh_hoat") and v.get("ma_nguoi"):
            key = (v["ma_sinh_hoat"], v["ma_nguoi"])
            if key in seen:
                out.append(Problem(("du_sinh_hoat", number), "ma_nguoi", v["ma_nguoi"],
                                   "Đã ghi dự sinh hoạt của người này ở buổi này."))
            seen.add(key)
            out.extend(REC.check_attendance(world, ("du_sinh_hoat", number), meeting=v["ma_sinh_hoat"], person=v["ma_nguoi"]))


def candidates(world: REC.World, rows: Rows, out: list[Problem]) -> None:
    for _, number, v in rows:
        if _all(v, "ma_nguoi", "ma_to_chuc", "ngay_mo_ho_so"):
            out.extend(REC.check_candidate(world, ("quan_chung", number), person=v["ma_nguoi"], cell=v["ma_to_chuc"],
                                           opened=v["ngay_mo_ho_so"]))


def terms(world: REC.World, rows: Rows, out: list[Problem]) -> None:
    for _, number, v in rows:
        if not _all(v, "ma", "ma_to_chuc", "tu_ngay", "den_ngay"):
            continue
        if v["ma"] in world.terms:
            out.append(Problem(("nhiem_ky", number), "ma", v["ma"], f"Mã nhiệm kỳ {v['ma']} đã có."))
            continue
        out.extend(REC.check_term(world, ("nhiem_ky", number), org=v["ma_to_chuc"], start=v["tu_ngay"], end=v["den_ngay"]))
        world.terms[v["ma"]] = (v["ma_to_chuc"], v["tu_ngay"], v["den_ngay"])


def targets(world: REC.World, rows: Rows, numbers: set[tuple[str, int]], out: list[Problem]) -> None:
    for _, number, v in rows:
        if not (v.get("ma_nhiem_ky") and v.get("stt") is not None):
            continue
        if (v["ma_nhiem_ky"], v["stt"]) in numbers:
            out.append(Problem(("chi_tieu", number), "stt", v["stt"], f"Nhiệm kỳ {v['ma_nhiem_ky']} đã có chỉ tiêu số {v['stt']}."))
        numbers.add((v["ma_nhiem_ky"], v["stt"]))
        out.extend(REC.check_target(world, ("chi_tieu", number), term=v["ma_nhiem_ky"], metric=v.get("chi_so"),
                                    comparator=v.get("so_sanh"), threshold=v.get("gia_tri"), met=v.get("dat")))


class QuotaTally:
    """The excellent-rating quota over a whole import, counted group by group as the rows go
    by (the stored ratings of a group included), so no rating need be kept: each group's
    `tot` and `xuat_sac`, and the row numbers of its new `xuat_sac` rows, on which a breach
    is said at the end — as `domain.records.quota_breaches` says it of rows held at once."""

    def __init__(self, rules):
        self.rules = rules
        self.counts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
        self.new_excellent: dict[tuple, array] = defaultdict(lambda: array("I"))

    def add(self, kind: str, year: int, group: str | None, level: str, delta: int = 1) -> None:
        if group is not None and level in ("tot", "xuat_sac"):
            c = self.counts[(kind, year, group)]
            c[0] += delta
            if level == "xuat_sac":
                c[1] += delta

    def add_new(self, kind: str, year: int, group: str | None, level: str, number: int) -> None:
        self.add(kind, year, group, level)
        if group is not None and level == "xuat_sac":
            self.new_excellent[(kind, year, group)].append(number)

    def merge(self, counts: dict[tuple, list[int]], new_excellent: dict[tuple, array]) -> None:
        """Add another tally's counts (of another process)."""
        for key, (good, excellent) in counts.items():
            c = self.counts[key]
            c[0] += good
            c[1] += excellent
        for key, numbers in new_excellent.items():
            self.new_excellent[key].extend(numbers)

    def breaches(self) -> list[Problem]:
        out = []
        for (kind, year, group), numbers in self.new_excellent.items():
            good, excellent = self.counts[(kind, year, group)]
            quota = REC.quota_of(self.rules, year, good, excellent)
            if quota is not None and quota.breached:
                out.extend(REC.quota_breach(("danh_gia", n), kind, year, group, quota) for n in numbers)
        return out


def ratings(world: REC.World, rows: Rows, taken: set[tuple], quota: QuotaTally, out: list[Problem]) -> list[tuple]:
    """Check rating rows; returns (index, number, values, root, group) of each row to write."""
    keep = []
    for i, number, v in rows:
        year, kind, code, level = v.get("nam"), v.get("doi_tuong"), v.get("ma"), v.get("xep_loai")
        if year is None or kind is None or code is None or level is None:
            continue
        key = (year, kind, code)
        if key in taken:
            out.append(Problem(("danh_gia", number), "ma", code, f"{code} đã có xếp loại năm {year} (mỗi năm một xếp loại)."))
            continue
        taken.add(key)
        found, root, group = REC.rating_checked(world, ("danh_gia", number), year=year, subject_kind=kind, code=code,
                                                level=level, score=v.get("diem"))
        if found:
            out.extend(found)
        quota.add_new(kind, year, group, level, number)
        keep.append((i, number, v, root, group))
    return keep
