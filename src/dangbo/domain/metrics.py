"""The term-report metrics engine (term-report.md), exactly as the contract defines each key.

Plain Python over a register view (a `ReplayResult`: units and memberships on any date) and
the records of the period. The JSON report, the documents and the web pages all call
`compute`, so they can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import NamedTuple, Protocol, TypeVar

from . import codes as C
from .counting_root import judged_day, member_root
from .dates import ONE_DAY
from .metric_keys import ALL_KEYS, MEMBER_EVENT_KEYS
from .replay import ReplayResult

K = TypeVar("K")  # a root's key: its code in a replay, its id in the database

LEVEL_RANK = {"xuat_sac": 4, "tot": 3, "hoan_thanh": 2, "khong_hoan_thanh": 1}


@dataclass
class TargetRow:
    number: int
    text: str
    metric: str
    comparator: str
    threshold: Decimal | None
    met: bool | None


class OrgEventRow(NamedTuple):
    date: dt.date
    kind: str
    org: str


class MemberEventRow(NamedTuple):
    date: dt.date
    kind: str
    person: str


class ExpulsionRow(NamedTuple):
    """A `ky_luat` row with `khai_tru` of a member."""

    date: dt.date
    person: str


class ClassRow(NamedTuple):
    code: str
    kind: str
    start: dt.date
    org: str
    enrolments: int


class StudyRow(NamedTuple):
    date: dt.date
    org: str
    members_total: int
    members_reached: int
    workers_total: int
    workers_reached: int


class InspectionRow(NamedTuple):
    date: dt.date
    form: str
    actor: str
    body: str
    subject_kind: str
    subject: str


class DisciplineRow(NamedTuple):
    date: dt.date
    subject_kind: str
    subject: str
    form: str


class AwardRow(NamedTuple):
    date: dt.date
    form: str
    subject_kind: str
    subject: str


class RatingRow(NamedTuple):
    year: int
    subject_kind: str
    subject: str
    level: str


@dataclass
class Records:
    """The rows of the period a report counts (codes, not ids), one named tuple per row."""

    org_events: list[OrgEventRow] = field(default_factory=list)
    member_events: list[MemberEventRow] = field(default_factory=list)
    expulsions: list[ExpulsionRow] = field(default_factory=list)
    classes: list[ClassRow] = field(default_factory=list)
    study: list[StudyRow] = field(default_factory=list)
    inspections: list[InspectionRow] = field(default_factory=list)
    disciplines: list[DisciplineRow] = field(default_factory=list)
    awards: list[AwardRow] = field(default_factory=list)
    ratings: list[RatingRow] = field(default_factory=list)
    sexes: dict[str, str] = field(default_factory=dict)
    targets: list[TargetRow] | None = None  # None: not a term report
    # Figures already counted by the database over the records' derived scope (the rule of
    # `domain.counting_root`, the one this module judges by; tests check both ways give the same
    # report). Member events in scope, (kind, year) -> count — when given, `member_events`
    # holds only the expulsions' events (khai_tru); ratings kept, (subject kind, year) ->
    # {level: count}, `ratings` then empty; the snapshot's keys; members at each year end.
    judged_member_events: dict[tuple[str, int], int] | None = None
    judged_ratings: dict[tuple[str, int], dict[str, int]] | None = None
    judged_snapshot: dict[str, int] | None = None
    judged_members_on: dict[dt.date, int] | None = None


@dataclass(frozen=True)
class Source:
    """One record behind a figure: a person, a unit, a class or a row of a period's records."""

    kind: str  # "dang_vien", "don_vi", "lop", "hoc_tap", "chi_tieu"
    code: str
    day: dt.date | None
    detail: str = ""


class Tally(dict):
    """The figures being counted and, when tracing, the records behind each one."""

    def __init__(self, keys, trace: bool):
        super().__init__({k: 0 for k in keys})
        self.sources: dict[str, list[Source]] | None = defaultdict(list) if trace else None

    def add(self, key: str, source: Source) -> None:
        self[key] += 1
        self.note(key, source)

    def note(self, key: str, source: Source) -> None:
        if self.sources is not None:
            self.sources[key].append(source)


@dataclass
class Report:
    roots: list[str]
    start: dt.date
    end: dt.date
    as_of: dt.date
    values: dict[str, object]
    targets: list[tuple[TargetRow, object, bool]] = field(default_factory=list)
    yearly: dict[str, dict[int, Fraction]] = field(default_factory=dict)
    # Series for the charts: members at each year end, admissions per year, ratings per year.
    series: dict[str, dict] = field(default_factory=dict)
    # With `compute(trace=True)`: for each key, the records it counts.
    sources: dict[str, list[Source]] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"to_chuc": ",".join(self.roots), "tu_ngay": self.start.isoformat(), "den_ngay": self.end.isoformat(),
                "ngay_so_lieu": self.as_of.isoformat(), "chi_so": {k: self.values[k] for k in ALL_KEYS}}


def round_rate(value: Fraction | None) -> float | None:
    """A percentage rounded half-up to 2 decimals (computed exactly until here)."""
    if value is None:
        return None
    q = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    # Decimal division is exact to 28 digits: enough that the half-up boundary is never misread
    # for the counts a register holds.
    return float(q)


def lineage(roots: list[K], merges: list[tuple[K, K, dt.date]]) -> set[K]:
    """The roots and every root merged into them, directly or through another root."""
    into: dict[K, list[K]] = defaultdict(list)
    for merged, target, _ in merges:
        into[target].append(merged)
    out: set[K] = set()
    stack = list(roots)
    while stack:
        r = stack.pop()
        if r not in out:
            out.add(r)
            stack.extend(into.get(r, ()))
    return out


class Scope:
    """Who and what is in scope on a date (term-report.md, "Scope")."""

    def __init__(self, register: ReplayResult, roots: set[str]):
        self.reg = register
        self.roots = roots

    def org(self, code: str, day: dt.date):
        v = self.reg.org_on(code, day)
        return v if v is not None and v.path[0] in self.roots else None

    def person(self, code: str, day: dt.date) -> bool:
        return member_root(self.reg, code, day) in self.roots

    def subject(self, kind: str, code: str, day: dt.date) -> bool:
        if kind in ("to_chuc", "tap_the"):
            return self.org(code, day) is not None
        return self.person(code, day)


def compute(register: ReplayResult, records: Records, roots: list[str], start: dt.date, end: dt.date,
            as_of: dt.date | None = None, series: bool = True, trace: bool = False) -> Report:
    """Every metric of term-report.md for `roots` over [start, end], snapshot on `as_of`
    (`trace`: also keep the records behind each figure; needs the records judged here, not
    pre-counted by the database)."""
    as_of = as_of or end
    if trace and any(x is not None for x in (records.judged_member_events, records.judged_ratings, records.judged_snapshot)):
        raise ValueError("trace needs records not pre-counted by the database")
    scope = Scope(register, lineage(roots, register.merges))
    counts = CountedByDatabase(scope, records, start, end)  # JudgedHere where nothing was pre-counted
    v = Tally(ALL_KEYS, trace)
    counts.snapshot(v, as_of)
    _org_events(v, scope, records, start, end)
    _member_events(v, counts, scope, records, start, end)
    _training(v, scope, records, start, end)
    _study(v, scope, records, start, end)
    _inspections(v, scope, records, start, end)
    _discipline_and_awards(v, scope, records, start, end)
    yearly = _assessment(v, counts, start, end)
    report = Report(list(roots), start, end, as_of, dict(v), yearly=yearly, sources=dict(v.sources or {}))
    if series:  # the charts' series; the JSON contract does not carry them
        report.series = _series(counts, start, as_of)
    if records.targets is not None:
        _targets(report, records.targets)
        if trace:
            for t, _value, ok in report.targets:
                src = Source("chi_tieu", str(t.number), None, t.text)
                report.sources.setdefault("chi_tieu.tong", []).append(src)
                if ok:
                    report.sources.setdefault("chi_tieu.dat", []).append(src)
    return report


def _in(day: dt.date, start: dt.date, end: dt.date) -> bool:
    return start <= day <= end


def _org_events(v, scope: Scope, records: Records, start, end) -> None:
    for day, kind, code in records.org_events:
        if not _in(day, start, end):
            continue
        before, after = scope.org(code, day - ONE_DAY), scope.org(code, day)
        src = Source("don_vi", code, day, kind)
        if kind == "thanh_lap" and after is not None and after.level in C.TCCSD_LEVELS:
            v.add("bien_dong.thanh_lap_tccsd", src)
        elif kind == "tiep_nhan" and after is not None:
            v.add("bien_dong.tiep_nhan", src)
        elif kind in ("chuyen_giao", "sap_nhap", "giai_the") and before is not None and before.level in C.TCCSD_LEVELS:
            v.add(f"bien_dong.{kind}_tccsd", src)
        elif kind == "nang_cap" and after is not None and after.level == C.DBCS:
            raw_before = scope.reg.org_on(code, day - ONE_DAY)
            if raw_before is not None and raw_before.level == C.CBCS:
                v.add("bien_dong.nang_cap_tccsd", src)


def _training(v, scope: Scope, records: Records, start, end) -> None:
    for code, kind, begin, org, enrolled in records.classes:
        if _in(begin, start, end) and scope.org(org, begin) is not None:
            src = Source("lop", code, begin, f"{enrolled} học viên")
            v.add(f"dao_tao.{kind}.so_lop", src)
            v[f"dao_tao.{kind}.so_hoc_vien"] += enrolled
            v.note(f"dao_tao.{kind}.so_hoc_vien", src)


def _study(v, scope: Scope, records: Records, start, end) -> None:
    sums = [0, 0, 0, 0]
    for day, org, *numbers in records.study:
        if _in(day, start, end) and scope.org(org, day) is not None:
            for i, n in enumerate(numbers):
                sums[i] += n
            v.note("hoc_tap.dang_vien_ty_le", Source("don_vi", org, day, f"{numbers[1]}/{numbers[0]} đảng viên"))
            v.note("hoc_tap.cnvc_ty_le", Source("don_vi", org, day, f"{numbers[3]}/{numbers[2]} CNVC-LĐ"))
    v["hoc_tap.dang_vien_ty_le"] = round_rate(Fraction(100 * sums[1], sums[0])) if sums[0] else None
    v["hoc_tap.cnvc_ty_le"] = round_rate(Fraction(100 * sums[3], sums[2])) if sums[2] else None


def _inspections(v, scope: Scope, records: Records, start, end) -> None:
    for day, form, actor, body, kind, subject in records.inspections:
        if not _in(day, start, end) or not scope.subject(kind, subject, day):
            continue
        src = Source("don_vi" if kind == "to_chuc" else "dang_vien", subject, day, body)
        if actor in scope.roots:
            v.add(f"{form}.cap_tren.{kind}", src)
        elif body == "ubkt":
            unit = scope.org(actor, day)
            if unit is not None and unit.level != C.ROOT:
                v.add(f"{form}.cac_cap.{kind}", src)


def _discipline_and_awards(v, scope: Scope, records: Records, start, end) -> None:
    for day, kind, subject, form in records.disciplines:
        if not _in(day, start, end):
            continue
        judged = day - ONE_DAY if form in ("khai_tru", "giai_tan") else day
        if scope.subject(kind, subject, judged):
            v.add(f"ky_luat.{kind}", Source("don_vi" if kind == "to_chuc" else "dang_vien", subject, day, form))
    for day, form, kind, subject in records.awards:
        if _in(day, start, end) and scope.subject(kind, subject, day):
            v.add(f"khen_thuong.{form}.{kind}", Source("don_vi" if kind == "tap_the" else "dang_vien", subject, day, form))


def year_ends(start: dt.date, as_of: dt.date) -> list[dt.date]:
    """The days the members chart reads: each year end from the period's start, the last one
    cut at the as-of date."""
    return [d for d in (min(dt.date(y, 12, 31), as_of) for y in range(start.year, as_of.year + 1)) if d >= start]


def assessment_years(start: dt.date, end: dt.date) -> list[int]:
    return [y for y in range(start.year, end.year + 1) if _in(dt.date(y, 12, 31), start, end)]


class Counts(Protocol):
    """The large counts of a report, however they are counted (`JudgedHere`, `CountedByDatabase`)."""

    def snapshot(self, v: Tally, day: dt.date) -> None: ...
    def member_events(self, v: Tally) -> None: ...
    def kept_ratings(self, v: Tally, years: list[int]) -> dict[tuple[str, int], Counter]: ...
    def members_on(self, days: list[dt.date]) -> Counter: ...
    def admissions(self) -> Counter: ...
    def member_ratings(self) -> dict[int, Counter]: ...


class JudgedHere:
    """The large counts of a report — the register's snapshot on a day, the member events and
    the ratings of the period in scope, the members at each year end — judged here, record by
    record, from the replayed register and the period's records (what `trace` needs)."""

    def __init__(self, scope: Scope, records: Records, start: dt.date, end: dt.date):
        self.scope, self.records, self.start, self.end = scope, records, start, end

    def snapshot(self, v: Tally, day: dt.date) -> None:
        scope, records = self.scope, self.records
        units = {u.code: u for u in scope.reg.units_on(day) if u.path[0] in scope.roots}
        for u in units.values():
            src = Source("don_vi", u.code, day)
            if u.level in C.TCCSD_LEVELS:
                v.add("to_chuc.tccsd", src)
                v.add(f"to_chuc.{u.level}", src)
                if u.org_type:
                    v.add(f"to_chuc.loai_hinh.{u.org_type}", src)
            elif u.level == C.DBBP:
                v.add("to_chuc.dang_bo_bo_phan", src)
            elif u.level == C.CB:
                parent = units.get(u.parent) if u.parent else None
                if parent is not None and parent.level == C.DBCS:
                    v.add("to_chuc.chi_bo_truc_thuoc_dbcs", src)
                elif parent is not None and parent.level == C.DBBP:
                    v.add("to_chuc.chi_bo_truc_thuoc_dbbp", src)
        for s in scope.reg.members_on(day):
            if s.cell not in units:
                continue
            src = Source("dang_vien", s.person, day, s.cell)
            v.add("dang_vien.tong", src)
            v.add(f"dang_vien.{s.status}", src)
            if records.sexes.get(s.person) == "nu":
                v.add("dang_vien.nu", src)
            if s.exempt:
                v.add("dang_vien.mien_sinh_hoat", src)

    def member_events(self, v: Tally) -> None:
        """The member events in scope, expulsions apart (`_member_events` judges those)."""
        for day, kind, person in self.records.member_events:
            if kind in MEMBER_EVENT_KEYS and kind != "khai_tru" and _in(day, self.start, self.end) \
                    and self.scope.person(person, judged_day(kind, day)):
                v.add(f"dang_vien.{kind}", Source("dang_vien", person, day, kind))

    def kept_ratings(self, v: Tally, years: list[int]) -> dict[tuple[str, int], Counter]:
        """The ratings the report keeps, by (subject kind, year): level -> how many."""
        kept: dict[tuple[str, int], Counter] = defaultdict(Counter)
        for year, kind, code, level in self.records.ratings:
            if year not in years or level == "khong_xep_loai":
                continue
            day = dt.date(year, 12, 31)
            if kind == "to_chuc":
                unit = self.scope.org(code, day)
                if unit is None or unit.level not in C.TCCSD_LEVELS:
                    continue
            elif not self.scope.person(code, day):
                continue
            kept[(kind, year)][level] += 1
            for key in ("xuat_sac", "tot_tro_len", "hoan_thanh_tro_len"):
                v.note(f"danh_gia.{kind}.{key}", Source("don_vi" if kind == "to_chuc" else "dang_vien", code, day, level))
        return kept

    def members_on(self, days: list[dt.date]) -> Counter:
        scope = self.scope
        units = {day: {u.code for u in scope.reg.units_on(day) if u.path[0] in scope.roots} for day in days}
        counts: Counter = Counter()
        for spells in scope.reg.spells.values():  # one pass over the spells for every year end
            for s in spells:
                for day in days:
                    if s.valid_from <= day and (s.valid_to is None or s.valid_to > day) and s.cell in units[day]:
                        counts[day] += 1
        return counts

    def admissions(self) -> Counter:
        """Admissions in scope per year."""
        out: Counter = Counter()
        for day, kind, person in self.records.member_events:
            if kind == "ket_nap" and _in(day, self.start, self.end) and self.scope.person(person, day):
                out[day.year] += 1
        return out

    def member_ratings(self) -> dict[int, Counter]:
        """The members' ratings kept per year: level -> how many (for the chart)."""
        out: dict[int, Counter] = defaultdict(Counter)
        for year, kind, code, level in self.records.ratings:
            day = dt.date(year, 12, 31)
            if kind == "dang_vien" and level != "khong_xep_loai" and _in(day, self.start, self.end) \
                    and self.scope.person(code, day):
                out[year][level] += 1
        return out


class CountedByDatabase(JudgedHere):
    """The same counts, as the database counted them over the records' stored scope (the rule
    of `domain.counting_root`, the one `JudgedHere` judges by): each one given in `Records`'
    `judged_*` fields is read from there; one not given is judged here. Tests hold the two to
    the same report."""

    def snapshot(self, v: Tally, day: dt.date) -> None:
        if self.records.judged_snapshot is None:
            return super().snapshot(v, day)
        for key, n in self.records.judged_snapshot.items():
            v[key] += n

    def member_events(self, v: Tally) -> None:
        if self.records.judged_member_events is None:
            return super().member_events(v)
        # `member_events` then holds only the expulsions' events, judged apart
        for (kind, _year), n in self.records.judged_member_events.items():
            v[f"dang_vien.{kind}"] += n

    def kept_ratings(self, v: Tally, years: list[int]) -> dict[tuple[str, int], Counter]:
        if self.records.judged_ratings is None:
            return super().kept_ratings(v, years)
        kept: dict[tuple[str, int], Counter] = defaultdict(Counter)
        for (kind, year), levels in self.records.judged_ratings.items():
            if year in years:
                kept[(kind, year)].update({lvl: n for lvl, n in levels.items() if lvl != "khong_xep_loai"})
        return kept

    def members_on(self, days: list[dt.date]) -> Counter:
        if self.records.judged_members_on is None:
            return super().members_on(days)
        return Counter(self.records.judged_members_on)

    def admissions(self) -> Counter:
        if self.records.judged_member_events is None:
            return super().admissions()
        out: Counter = Counter()
        for (kind, year), n in self.records.judged_member_events.items():
            if kind == "ket_nap":
                out[year] += n
        return out

    def member_ratings(self) -> dict[int, Counter]:
        if self.records.judged_ratings is None:
            return super().member_ratings()
        out: dict[int, Counter] = defaultdict(Counter)
        for (kind, year), levels in self.records.judged_ratings.items():
            if kind == "dang_vien" and _in(dt.date(year, 12, 31), self.start, self.end):
                out[year].update({lvl: n for lvl, n in levels.items() if lvl != "khong_xep_loai"})
        return out


def _member_events(v: Tally, counts: Counts, scope: Scope, records: Records, start, end) -> None:
    counts.member_events(v)
    # An expulsion is counted once, whether written as a member event or a discipline.
    expulsions: set[tuple[str, dt.date]] = set()
    for day, kind, person in records.member_events:
        if kind == "khai_tru" and _in(day, start, end):
            expulsions.add((person, day))
    for day, person in records.expulsions:
        if _in(day, start, end):
            expulsions.add((person, day))
    for person, day in sorted(expulsions):
        if scope.person(person, day - ONE_DAY):
            v.add("dang_vien.khai_tru", Source("dang_vien", person, day, "khai_tru"))


def _assessment(v: Tally, counts: Counts, start, end) -> dict[str, dict[int, Fraction]]:
    years = assessment_years(start, end)
    kept = counts.kept_ratings(v, years)
    yearly: dict[str, dict[int, Fraction]] = {}
    for kind in ("to_chuc", "dang_vien"):
        for key, floor in (("xuat_sac", 4), ("tot_tro_len", 3), ("hoan_thanh_tro_len", 2)):
            rates = {}
            for year in years:
                found = kept.get((kind, year))
                total = sum(found.values()) if found else 0
                if found and total:
                    good = sum(n for lvl, n in found.items() if LEVEL_RANK[lvl] >= floor)
                    rates[year] = Fraction(100 * good, total)
            name = f"danh_gia.{kind}.{key}"
            yearly[name] = rates
            v[name] = round_rate(sum(rates.values(), Fraction(0)) / len(rates)) if rates else None
    return yearly


def _series(counts: Counts, start, as_of) -> dict[str, dict]:
    days = year_ends(start, as_of)
    members_on = counts.members_on(days)
    return {"members": {day.isoformat(): members_on[day] for day in days},
            "admissions": dict(sorted(counts.admissions().items())),
            "ratings": {y: dict(c) for y, c in sorted(counts.member_ratings().items())}}


def _targets(report: Report, targets: list[TargetRow]) -> None:
    v = report.values
    v["chi_tieu.tong"] = len(targets)
    met = 0
    for t in sorted(targets, key=lambda t: t.number):
        if t.metric:
            value = v.get(t.metric)
            ok = value is not None and t.threshold is not None and (
                Decimal(str(value)) >= t.threshold if t.comparator == ">=" else Decimal(str(value)) <= t.threshold)
        else:
            value, ok = None, bool(t.met)
        met += ok
        report.targets.append((t, value, ok))
    v["chi_tieu.dat"] = met
