"""The rows of the sheets beside the events, checked against the register by the rules of
`domain.records` (the same functions the single-record services call).

The importer checks the rows about units once, against the tree, and the rows about persons
group by group, each group against its own replay; both call the functions here with the
rows they hold. `Rows` are (row index in the sheet, row number, parsed values).
"""

from __future__ import annotations

import tempfile
from array import array

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
            out.append(Problem(("lop_hoc", number), "ma", v["ma"], f"Mã lớp {v['ma']} đã có.", code="code_taken"))
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
            out.append(Problem(("sinh_hoat", number), "ma", v["ma"], f"Mã buổi sinh hoạt {v['ma']} đã có.", code="code_taken"))
            continue
        out.extend(REC.check_meeting(world, ("sinh_hoat", number), day=v["ngay"], cell=v["ma_to_chuc"]))
        world.meetings[v["ma"]] = (v["ma_to_chuc"], v["ngay"])


def attendance(world: REC.World, rows: Rows, seen: set[tuple[str, str]], out: list[Problem]) -> None:
    for _, number, v in rows:
        if v.get("ma_sinh_hoat") and v.get("ma_nguoi"):
            key = (v["ma_sinh_hoat"], v["ma_nguoi"])
            if key in seen:
                out.append(Problem(("du_sinh_hoat", number), "ma_nguoi", v["ma_nguoi"],
                                   "Đã ghi dự sinh hoạt của người này ở buổi này.", code="attendance_twice"))
            seen.add(key)
            out.extend(REC.check_attendance(world, ("du_sinh_hoat", number), meeting=v["ma_sinh_hoat"], person=v["ma_nguoi"]))


def candidates(world: REC.World, rows: Rows, out: list[Problem]) -> None:
    for _, number, v in rows:
        if _all(v, "ma_nguoi", "ma_to_chuc", "ngay_mo_ho_so"):
            out.extend(REC.check_candidate(world, ("quan_chung", number), person=v["ma_nguoi"], cell=v["ma_to_chuc"],
                                           opened=v["ngay_mo_ho_so"]))


def work_history(world: REC.World, rows: Rows, out: list[Problem]) -> None:
    for _, number, v in rows:
        if _all(v, "ma_nguoi", "tu_thang"):
            out.extend(REC.check_work_history(world, ("qua_trinh_cong_tac", number), person=v["ma_nguoi"], start=v["tu_thang"],
                                              end=v.get("den_thang")))


def family(world: REC.World, rows: Rows, out: list[Problem]) -> None:
    for _, number, v in rows:
        if v.get("ma_nguoi"):
            out.extend(REC.check_family_member(world, ("gia_dinh", number), person=v["ma_nguoi"]))


def terms(world: REC.World, rows: Rows, out: list[Problem]) -> None:
    for _, number, v in rows:
        if not _all(v, "ma", "ma_to_chuc", "tu_ngay", "den_ngay"):
            continue
        if v["ma"] in world.terms:
            out.append(Problem(("nhiem_ky", number), "ma", v["ma"], f"Mã nhiệm kỳ {v['ma']} đã có.", code="code_taken"))
            continue
        out.extend(REC.check_term(world, ("nhiem_ky", number), org=v["ma_to_chuc"], start=v["tu_ngay"], end=v["den_ngay"]))
        world.terms[v["ma"]] = (v["ma_to_chuc"], v["tu_ngay"], v["den_ngay"])


def targets(world: REC.World, rows: Rows, numbers: set[tuple[str, int]], out: list[Problem]) -> None:
    for _, number, v in rows:
        if not (v.get("ma_nhiem_ky") and v.get("stt") is not None):
            continue
        if (v["ma_nhiem_ky"], v["stt"]) in numbers:
            out.append(Problem(("chi_tieu", number), "stt", v["stt"], f"Nhiệm kỳ {v['ma_nhiem_ky']} đã có chỉ tiêu số {v['stt']}.",
                               code="number_taken"))
        numbers.add((v["ma_nhiem_ky"], v["stt"]))
        out.extend(REC.check_target(world, ("chi_tieu", number), term=v["ma_nhiem_ky"], metric=v.get("chi_so"),
                                    comparator=v.get("so_sanh"), threshold=v.get("gia_tri"), met=v.get("dat")))


KINDS = ("dang_vien", "to_chuc")  # the two kinds of quota group: a TCCSĐ's members, a root's TCCSĐ


class GroupIndex:
    """A number for each unit code that can head a quota group, so that a tally's key is one
    int, not a tuple of strings: a national file has about half a million (kind, year,
    group) keys, and every group of persons meets nearly all of them (persons are grouped by
    the hash of their code, not by their unit). Built from the tree before worker processes
    fork, it numbers the same units alike in all of them; a code outside it gets a number of
    this process's own (`extra`), which a parent renumbers when merging a worker's tally."""

    def __init__(self, codes=()):
        self.codes: list[str] = sorted(codes)
        self.shared = len(self.codes)
        self.ids: dict[str, int] = {c: i for i, c in enumerate(self.codes)}

    def id_of(self, code: str) -> int:
        found = self.ids.get(code)
        if found is None:
            found = self.ids[code] = len(self.codes)
            self.codes.append(code)
        return found

    def extra(self) -> list[str]:
        """The codes this process numbered beyond the shared ones, in order."""
        return self.codes[self.shared:]


YEAR_BITS = 20  # a key: (group id << 20) | (year << 1) | kind
YEAR_MASK = (1 << (YEAR_BITS - 1)) - 1
SPOOL_ROWS = 1 << 20  # new xuat_sac rows held before they are set down (16 MB)


class _Blocks:
    """Blocks of `width` int arrays appended to a temporary file (unlinked: gone with the
    process) and read back in order. Unbuffered: a worker process forked meanwhile that
    closes its copy has nothing to flush into it."""

    def __init__(self, folder: str, width: int):
        self.width = width
        self.file = tempfile.TemporaryFile(dir=folder, buffering=0)

    def append(self, *arrays: array) -> None:
        array("q", [len(a) for a in arrays]).tofile(self.file)
        for a in arrays:
            a.tofile(self.file)

    def __iter__(self):
        self.file.seek(0)
        while True:
            sizes = array("q")
            try:
                sizes.fromfile(self.file, self.width)
            except EOFError:
                return
            out = []
            for n in sizes:
                a = array("q")
                a.fromfile(self.file, n)
                out.append(a)
            yield out

    def close(self) -> None:
        self.file.close()


def _add(totals: dict[int, int], counts) -> None:
    """Add (key, count) pairs into `totals`."""
    for key, n in counts:
        totals[key] = totals.get(key, 0) + n


class QuotaTally:
    """The excellent-rating quota over a whole import, counted group by group as the rows go
    by (the stored ratings of a group included), so no rating need be kept: each group's
    `tot` and `xuat_sac`, and the row numbers of its new `xuat_sac` rows, on which a breach
    is said at the end — as `domain.records.quota_breaches` says it of rows held at once.
    Keys are ints (`GroupIndex`); the new `xuat_sac` rows are two parallel arrays.

    Given a folder (`spool`), a tally holds little while the workers run: the new rows past
    SPOOL_ROWS, and the counts of the workers' tallies it merges, are set down in files there
    and read back by `breaches` (a national file has millions of new xuat_sac rows, and the
    counts of about a million groups: a hundred MB beside the workers)."""

    def __init__(self, rules, index: GroupIndex | None = None, spool: str | None = None):
        self.rules = rules
        self.index = index if index is not None else GroupIndex()
        self.good: dict[int, int] = {}  # rated tot or xuat_sac
        self.excellent: dict[int, int] = {}
        self.new_keys = array("q")  # the key of each new xuat_sac row …
        self.new_numbers = array("q")  # … and its row number
        self._spool_dir = spool
        self._rows: _Blocks | None = None  # new rows set down
        self._counts: _Blocks | None = None  # merged counts not yet added up

    def key(self, kind: str, year: int, group: str) -> int:
        if not 0 <= year <= YEAR_MASK:
            raise ValueError(f"năm ngoài khoảng: {year}")
        return (self.index.id_of(group) << YEAR_BITS) | (year << 1) | KINDS.index(kind)

    def add(self, kind: str, year: int, group: str | None, level: str, delta: int = 1) -> int | None:
        if group is None or level not in ("tot", "xuat_sac"):
            return None
        key = self.key(kind, year, group)
        self.good[key] = self.good.get(key, 0) + delta
        if level == "xuat_sac":
            self.excellent[key] = self.excellent.get(key, 0) + delta
        return key

    def add_new(self, kind: str, year: int, group: str | None, level: str, number: int) -> None:
        key = self.add(kind, year, group, level)
        if key is not None and level == "xuat_sac":
            self.new_keys.append(key)
            self.new_numbers.append(number)
            if len(self.new_keys) >= SPOOL_ROWS:
                self._set_down()

    def _set_down(self) -> None:
        """Append the new rows held to their file."""
        if self._spool_dir is None or not self.new_keys:
            return
        if self._rows is None:
            self._rows = _Blocks(self._spool_dir, 2)
        self._rows.append(self.new_keys, self.new_numbers)
        self.new_keys, self.new_numbers = array("q"), array("q")

    def _new_rows(self):
        """(keys, numbers) blocks of every new xuat_sac row, in the order they were added."""
        if self._rows is not None:
            yield from self._rows
        yield self.new_keys, self.new_numbers

    def _add_up(self) -> None:
        """Add the counts set down by `merge` into the totals."""
        if self._counts is None:
            return
        for good_keys, good, excellent_keys, excellent in self._counts:
            _add(self.good, zip(good_keys, good, strict=True))
            _add(self.excellent, zip(excellent_keys, excellent, strict=True))
        self._counts.close()
        self._counts = None

    def state(self) -> tuple:
        """What a worker process sends its parent to `merge`."""
        return self.index.extra(), self.good, self.excellent, self.new_keys, self.new_numbers

    def merge(self, state: tuple) -> None:
        """Add another process's tally (`state()`), its own group numbers renumbered."""
        extra, good, excellent, new_keys, new_numbers = state
        index = self.index
        if extra:
            renumber = {index.shared + i: index.id_of(code) for i, code in enumerate(extra)}
            mask = (1 << YEAR_BITS) - 1

            def own(key: int) -> int:
                gid = key >> YEAR_BITS
                return key if gid < index.shared else (renumber[gid] << YEAR_BITS) | (key & mask)
            good = {own(k): n for k, n in good.items()}
            excellent = {own(k): n for k, n in excellent.items()}
            new_keys = array("q", map(own, new_keys))
        if self._spool_dir is not None:
            if self._counts is None:
                self._counts = _Blocks(self._spool_dir, 4)
            self._counts.append(array("q", good), array("q", good.values()),
                                array("q", excellent), array("q", excellent.values()))
        else:
            _add(self.good, good.items())
            _add(self.excellent, excellent.items())
        self.new_keys.extend(new_keys)
        self.new_numbers.extend(new_numbers)
        if len(self.new_keys) >= SPOOL_ROWS:
            self._set_down()

    def parts(self, key: int) -> tuple[str, int, str]:
        """(kind, year, group) of a key."""
        return KINDS[key & 1], (key >> 1) & YEAR_MASK, self.index.codes[key >> YEAR_BITS]

    def breaches(self) -> list[Problem]:
        """The breaches, said on the new xuat_sac rows of each group over its quota. Every
        group with a new xuat_sac row has a count in `excellent` (stored groups too: their
        breaches name no row)."""
        self._add_up()
        quotas = {}
        for key in self.excellent:
            quota = REC.quota_of(self.rules, (key >> 1) & YEAR_MASK, self.good.get(key, 0), self.excellent[key])
            if quota is not None and quota.breached:
                quotas[key] = quota
        out = []
        if quotas:
            for keys, numbers in self._new_rows():
                for key, number in zip(keys, numbers, strict=True):
                    quota = quotas.get(key)
                    if quota is not None:
                        out.append(REC.quota_breach(("danh_gia", number), *self.parts(key), quota))
        return out

    def close(self) -> None:
        for blocks in (self._rows, self._counts):
            if blocks is not None:
                blocks.close()
        self._rows = self._counts = None


def ratings(world: REC.World, rows: Rows, taken: set[tuple], quota: QuotaTally, out: list[Problem]) -> list[tuple]:
    """Check rating rows; returns (index, number, values, root, group) of each row to write."""
    keep = []
    for i, number, v in rows:
        year, kind, code, level = v.get("nam"), v.get("doi_tuong"), v.get("ma"), v.get("xep_loai")
        if year is None or kind is None or code is None or level is None:
            continue
        key = (year, kind, code)
        if key in taken:
            out.append(Problem(("danh_gia", number), "ma", code, f"{code} đã có xếp loại năm {year} (mỗi năm một xếp loại).",
                               code="rated_twice"))
            continue
        taken.add(key)
        found, root, group = REC.rating_checked(world, ("danh_gia", number), year=year, subject_kind=kind, code=code,
                                                level=level, score=v.get("diem"))
        if found:
            out.extend(found)
        quota.add_new(kind, year, group, level, number)
        keep.append((i, number, v, root, group))
    return keep
