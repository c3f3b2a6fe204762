"""Reading the yearly assessment: a unit's grid, the quota of each group, the calibration table."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery

from dangbo.core.temporal import on
from dangbo.domain import codes as C
from dangbo.domain import records as REC
from dangbo.domain.text import collation_key
from dangbo.members.models import MemberSpell
from dangbo.orgs.models import OrgVersion
from dangbo.rules.selectors import rulebook

from .models import ClosedYear, Rating


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


@dataclass
class GridRow:
    """One subject to rate in a unit's grid: a unit or a member, and its stored rating."""

    kind: str  # to_chuc / dang_vien
    code: str
    name: str
    where: str  # the member's cell, or the unit's level
    counted: bool  # does it count in this grid's quota
    rating: Rating | None = None
    # What the grid shows: the stored rating, or what was typed in a refused form.
    shown_level: str = ""
    shown_score: object = ""
    shown_note: str = ""


def grid(unit: OrgVersion, year: int) -> list[GridRow]:
    """What `unit` rates for `year`, as the tree stood on 31 December: a root rates its TCCSĐ
    (the quota group of the root); a TCCSĐ rates its cells and its members (the members are
    the TCCSĐ's quota group)."""
    day = year_end(year)
    rows: list[GridRow] = []
    units = OrgVersion.objects.filter(on(day), path__startswith=unit.path).exclude(pk=unit.pk).select_related("org")
    if unit.level == C.ROOT:
        rows = [GridRow("to_chuc", v.org.code, v.name, v.get_level_display(), True)
                for v in units.filter(level__in=C.TCCSD_LEVELS, depth=unit.depth + 1).order_by("name")]
    elif unit.level in C.TCCSD_LEVELS:
        cells = list(units.filter(level__in=C.CELL_LEVELS).order_by("name"))
        rows = [GridRow("to_chuc", v.org.code, v.name, v.get_level_display(), False) for v in cells]
        names = {v.org_id: v.name for v in cells} | ({unit.org_id: unit.name} if unit.level == C.CBCS else {})
        spells = MemberSpell.objects.filter(on(day), cell_id__in=list(names)).select_related("person").order_by(
            "person__sort_name", "person_id")
        members = [GridRow("dang_vien", s.person.code, s.person.full_name, names[s.cell_id], True) for s in spells]
        rows += sorted(members, key=lambda m: collation_key(m.where))  # cell by cell, by name within (a stable sort)
    stored = Rating.objects.current().filter(year=year)
    by_org = {r.org.code: r for r in stored.filter(org__code__in=[r.code for r in rows if r.kind == "to_chuc"]).select_related("org")}
    by_person = {r.person.code: r for r in stored.filter(person__code__in=[r.code for r in rows if r.kind == "dang_vien"]).select_related("person")}
    for r in rows:
        r.rating = (by_org if r.kind == "to_chuc" else by_person).get(r.code)
    return rows


def grid_quota(year: int, levels) -> REC.Quota | None:
    """The quota over the levels of a grid's counted rows (stored or being typed)."""
    return REC.excellent_quota(rulebook(), year, levels)


def is_closed(root_id: int, year: int) -> bool:
    return ClosedYear.objects.filter(root_id=root_id, year=year).exists()


@dataclass
class CalibrationRow:
    """One TCCSĐ's member ratings of a year beside its peers: counts per level and its quota."""

    unit: OrgVersion
    counts: dict[str, int]
    rated: int
    quota: REC.Quota | None

    @property
    def excellent_share(self) -> float | None:
        return 100 * self.counts.get("xuat_sac", 0) / self.rated if self.rated else None


def calibration(root: OrgVersion, year: int) -> tuple[list[CalibrationRow], REC.Quota | None]:
    """Every TCCSĐ of `root` with its members' levels in `year`, and the root's own quota over
    its TCCSĐ's ratings: where one unit rates far more generously than its peers shows here.
    Counted in SQL per cell and level, then added up per TCCSĐ."""
    day, rules = year_end(year), rulebook()
    versions = list(OrgVersion.objects.filter(on(day), path__startswith=root.path).select_related("org"))
    tccsd = {v.org_id: v for v in versions if v.level in C.TCCSD_LEVELS and v.depth == root.depth + 1}
    owner = {}
    for v in versions:
        ids = [int(x) for x in v.path.strip("/").split("/")]
        if len(ids) > root.depth + 1 and ids[root.depth + 1] in tccsd:
            owner[v.org_id] = ids[root.depth + 1]
    per_unit: dict[int, Counter] = defaultdict(Counter)
    cell_then = MemberSpell.objects.filter(on(day), person_id=OuterRef("person_id")).values("cell_id")[:1]
    rows = (Rating.objects.current().filter(year=year, subject_kind="dang_vien").annotate(cell=Subquery(cell_then))
            .filter(cell__in=list(owner)).values_list("cell", "level").annotate(n=Count("id")).order_by())
    for cell_id, level, n in rows:
        per_unit[owner[cell_id]][level] += n
    out = [CalibrationRow(v, dict(per_unit[oid]), sum(per_unit[oid].values()),
                          REC.excellent_quota(rules, year, per_unit[oid].elements()))
           for oid, v in sorted(tccsd.items(), key=lambda kv: kv[1].name)]
    unit_levels = Rating.objects.current().filter(year=year, subject_kind="to_chuc", org_id__in=list(tccsd)).values_list("level", flat=True)
    return out, REC.excellent_quota(rules, year, unit_levels)
