"""The basic statistics counted by the database (member-file.md): the members in scope at the
end of a day — a spell open on the day in a cell whose version on the day lies in the scope,
the set the term report's `dang_vien.tong` counts — each key a condition built from
`domain.basic_stats`, summed per cell in one pass and added up per unit under the scope.

A detail changed after the day is read as it stood (the first later change's `before`); when
no change is dated after the day, the person's own fields are read directly."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db import connections

from dangbo.domain import basic_stats as S
from dangbo.domain import codes as C
from dangbo.domain.metrics import lineage
from dangbo.members.models import DetailChange, MemberSpell, Person
from dangbo.orgs.models import Org, OrgVersion, RootMerge
from dangbo.orgs.selectors import nearest_version

# (person field, `nguoi` column) of the details the statistics read, kept by date.
DATED = (("ethnicity", "dan_toc"), ("religion", "ton_giao"), ("general_education", "gdpt"),
         ("qualification", "trinh_do_chuyen_mon"), ("theory_level", "trinh_do_llct"))


@dataclass
class Scope:
    """What is counted: the cells whose version on the day has one of `root_ids` as root, or
    lies under `prefix` (a unit's path); rows are the units whose ids `row_of` gives."""

    day: dt.date
    root_ids: list[int] | None = None  # None: every root
    prefix: str | None = None
    depth: int = 1  # which id of the path names the row: 1 the root, 2 the unit under it …


@dataclass
class Stats:
    day: dt.date
    total: Counter = field(default_factory=Counter)
    rows: dict[int, Counter] = field(default_factory=dict)  # unit id -> counts of its subtree


def in_list(values) -> tuple[str, list]:
    """`(%s, %s, …)` and its parameters, sorted (`(NULL)` for none)."""
    values = sorted(values)
    return ("(" + ", ".join(["%s"] * len(values)) + ")", values) if values else ("(NULL)", [])


def _band(column: str, band: S.Band, day: dt.date) -> tuple[str, list]:
    sql, params = f"{column} <= %s", [S.latest_start(band.low, day)]
    if band.high is not None:
        sql += f" AND {column} > %s"
        params.append(S.latest_start(band.high + 1, day))
    return sql, params


def _value(field_name: str, column: str, day: dt.date, dated: bool) -> tuple[str, list]:
    """The detail as it stood on `day`: a change dated after it gives its `before`."""
    if not dated:
        return f"p.{field_name}", []
    return (f"COALESCE((SELECT c.before FROM members_detailchange c WHERE c.person_id = p.id AND c.\"column\" = %s "
            f"AND c.date > %s ORDER BY c.date, c.id LIMIT 1), p.{field_name})", [column, day])


def conditions(day: dt.date, dated: bool) -> dict[str, tuple[str, list]]:
    """Each key's condition on a member row (`s` the spell, `p` the person) on `day`."""
    v = {f: _value(f, c, day, dated) for f, c in DATED}

    def member(f: str, codes, negate: bool = False) -> tuple[str, list]:
        listed, params = in_list(codes)
        return f"{v[f][0]} {'NOT IN' if negate else 'IN'} {listed}", [*v[f][1], *params]

    out: dict[str, tuple[str, list]] = {
        S.TOTAL: ("1 = 1", []),
        "gioi_tinh.nu": ("s.sex = 'nu'", []),
        "gioi_tinh.nam": ("s.sex <> 'nu'", []),
        "dan_toc.kinh": member("ethnicity", ["01"]),
        "dan_toc.thieu_so": member("ethnicity", S.ETHNIC_MINORITIES),
        "dan_toc.nuoc_ngoai": member("ethnicity", ["nuoc_ngoai"]),
        "dan_toc.chua_ro": member("ethnicity", {"01", "nuoc_ngoai"} | S.ETHNIC_MINORITIES, negate=True),
        "ton_giao.khong": member("religion", ["khong"]),
        "ton_giao.co": member("religion", S.RELIGIOUS),
        "ton_giao.chua_ro": member("religion", {"khong"} | S.RELIGIOUS, negate=True),
        "gdpt.thpt": member("general_education", S.F.UPPER_SECONDARY),
        "gdpt.duoi_thpt": member("general_education", S.GDPT_ALL - S.F.UPPER_SECONDARY),
        "gdpt.chua_ro": member("general_education", S.GDPT_ALL, negate=True),
        "chuyen_mon.chua_ro": member("qualification", S.PROFESSIONAL, negate=True),
        "llct.chua_ro": member("theory_level", S.THEORY, negate=True),
    }
    for code in S.PROFESSIONAL:
        out[f"chuyen_mon.{code}"] = member("qualification", [code])
    for code in S.THEORY:
        out[f"llct.{code}"] = member("theory_level", [code])
    for band in S.AGE_BANDS:
        out[band.key] = _band("p.birth_date", band, day)
    for band in S.PARTY_AGE_BANDS:
        out[band.key] = _band("s.party_age_from", band, day)
    return out


def _dated(day: dt.date) -> bool:
    return DetailChange.objects.filter(date__gt=day, column__in=[c for _, c in DATED]).exists()


def _from(scope: Scope) -> tuple[str, list]:
    """The members in scope on the day, each with its cell's version."""
    day = scope.day
    sql = (f"FROM {OrgVersion._meta.db_table} v JOIN {MemberSpell._meta.db_table} s ON s.cell_id = v.org_id "
           "AND s.valid_from <= %s AND (s.valid_to IS NULL OR s.valid_to > %s) "
           f"JOIN {Person._meta.db_table} p ON p.id = s.person_id "
           "WHERE v.valid_from <= %s AND (v.valid_to IS NULL OR v.valid_to > %s)")
    params: list = [day, day, day, day]
    if scope.root_ids is not None:
        listed, ids = in_list(scope.root_ids)
        sql += f" AND v.root_id IN {listed}"
        params += ids
    if scope.prefix is not None:
        sql += " AND v.path LIKE %s"
        params.append(scope.prefix + "%")
    return sql, params


# Between the parts of a member's key: the unit separator, which no stored text can hold (every
# write refuses control characters).
SEPARATOR = "\x1f"


def _band_index(column: str, bands: tuple[S.Band, ...], day: dt.date) -> tuple[str, list]:
    """The band of `column` on `day` as its index (the highest band whose low bound is met)."""
    whens, params = [], []
    for i in range(len(bands) - 1, 0, -1):
        whens.append(f"WHEN {column} <= %s THEN {i}")
        params.append(S.latest_start(bands[i].low, day))
    return f"CASE {' '.join(whens)} ELSE 0 END", params


def _row_unit(scope: Scope) -> str:
    """The expression naming a member's row unit: the id at `depth` in its cell's path (on
    PostgreSQL); elsewhere the path itself, cut in Python (a bloc's few hundred cells)."""
    if scope.depth == 1:
        return "v.root_id"  # every root's row: a column, not a cut of the path
    if connections[MemberSpell.objects.db].vendor == "postgresql":
        # "/1/7/42/" splits into "", "1", "7", "42": the id at depth d is part d + 1; a cell above
        # the depth (the unit itself is a chi bộ cơ sở) is its own row
        return (f"COALESCE(NULLIF(split_part(v.path, '/', {scope.depth + 1}), ''), "
                f"split_part(v.path, '/', {scope.depth}))::bigint")
    return "v.path"


def count(scope: Scope, rows: bool = True) -> Stats:
    """Every key, for the scope and (`rows`) for each unit of its rows: the members grouped by
    their row unit, sex, coded details and bands in the database (a hash of a few values a
    member), each group classed once by `domain.basic_stats.keys_of`. Every root's totals
    alone (the command's JSON) are read from the kept tally instead (`stats.tally`)."""
    dated = _dated(scope.day)
    values = [_value(f, c, scope.day, dated) for f, c in DATED]
    age, age_params = _band_index("p.birth_date", S.AGE_BANDS, scope.day)
    party, party_params = _band_index("s.party_age_from", S.PARTY_AGE_BANDS, scope.day)
    # One text key for a member's sex, details and bands: PostgreSQL then groups the members
    # in parallel workers (grouped by eight columns, it misjudges the groups as nearly one a
    # member and sorts them all in one process: 2.0 s against 1.1 s at a million members).
    parts = [("s.sex", []), *values, (f"CAST({age} AS TEXT)", age_params), (f"CAST({party} AS TEXT)", party_params)]
    key = " || %s || ".join(sql for sql, _ in parts)
    params: list = []
    for i, (_, ps) in enumerate(parts):
        params += ([SEPARATOR] if i else []) + ps
    where, wparams = _from(scope)
    query = f"SELECT {_row_unit(scope)}, {key}, COUNT(*) {where} GROUP BY 1, 2"
    out = Stats(scope.day)
    with connections[MemberSpell.objects.db].cursor() as cur:
        cur.execute(query, params + wparams)
        for unit_key, text, n in cur.fetchall():
            if isinstance(unit_key, str):  # a path (SQLite): its id at the row's depth
                ids = unit_key.strip("/").split("/")
                unit_key = int(ids[min(scope.depth, len(ids)) - 1])
            sex, eth, rel, edu, prof, theory, age_i, party_i = text.split(SEPARATOR)
            row = out.rows.setdefault(unit_key, Counter())
            for k in S.keys_of(sex, eth, rel, edu, prof, theory, S.AGE_BANDS[int(age_i)].key,
                               S.PARTY_AGE_BANDS[int(party_i)].key):
                row[k] += n
    for row in out.rows.values():
        out.total.update(row)
    if not rows:
        out.rows = {}
    for key in S.KEYS:
        out.total.setdefault(key, 0)
        for row in out.rows.values():
            row.setdefault(key, 0)
    out.total = Counter({k: out.total[k] for k in S.KEYS})
    return out


def members_counted(scope: Scope, key: str) -> list[int]:
    """Ids of the persons counted under `key` (for the list behind a figure)."""
    sql, params = conditions(scope.day, _dated(scope.day))[key]
    where, wparams = _from(scope)
    with connections[MemberSpell.objects.db].cursor() as cur:
        cur.execute(f"SELECT s.person_id {where} AND ({sql})", wparams + params)
        return [pid for (pid,) in cur.fetchall()]


# ---- what is asked for ---------------------------------------------------------------------
class StatsRequestError(Exception):
    """A scope that cannot be counted (an unknown code, a unit that is not a root): the
    message says which, in Vietnamese."""


@dataclass
class Asked:
    """A statistic asked for: its scope, the code(s) it is named by, and the rows' units."""

    scope: Scope
    codes: list[str]
    name: str
    root: Org | None  # the root whose document settings head the papers (None: several)


def _merges() -> list[tuple[str, str, dt.date]]:
    return [(a, b, d) for a, b, d in RootMerge.objects.values_list("merged__code", "into__code", "date")]


def for_roots(codes: list[str] | None, day: dt.date) -> Asked:
    """Roots by code (each with the roots merged into it, as the term report counts them),
    rows by TCCSĐ; or every root (`codes` None), rows by root."""
    roots_ever = set(OrgVersion.objects.filter(level=C.ROOT).values_list("org__code", flat=True))
    if codes is None:
        return Asked(Scope(day, None, None, 1), sorted(roots_ever - {m for m, _, _ in _merges()}), "Toàn bộ các đảng bộ", None)
    missing = [c for c in codes if not Org.objects.filter(code=c).exists()]
    if missing or not codes:
        raise StatsRequestError(f"Không có đảng bộ mang mã {', '.join(missing) or '(trống)'}.")
    not_roots = [c for c in codes if c not in roots_ever]
    if not_roots:
        raise StatsRequestError(f"{', '.join(not_roots)} không phải là đảng bộ cấp trên trực tiếp cơ sở.")
    ids = list(Org.objects.filter(code__in=sorted(lineage(codes, _merges()))).values_list("id", flat=True))
    names = [_name_of(Org.objects.get(code=c), day) for c in codes]
    return Asked(Scope(day, ids, None, 2), list(codes), ", ".join(names), Org.objects.get(code=codes[0]))


def for_unit(version: OrgVersion, day: dt.date) -> Asked:
    """One unit's subtree on the day, rows by the units directly under it (a root: its
    TCCSĐ; a đảng bộ cơ sở: its cells and đảng bộ bộ phận)."""
    if version.level == C.ROOT:
        return for_roots([version.org.code], day)
    depth = len(version.path.strip("/").split("/")) + 1
    return Asked(Scope(day, None, version.path, depth), [version.org.code], version.name, version.root)


def _name_of(org: Org, day: dt.date) -> str:
    v = nearest_version(org, day)
    return v.name if v else org.code


def row_units(stats: Stats, day: dt.date) -> list[tuple[int, str, str]]:
    """(id, code, name on the day) of each row's unit, in the order of their codes."""
    names = {}
    for org_id, code, name, vf in (OrgVersion.objects.filter(org_id__in=list(stats.rows)).order_by("valid_from")
                                   .values_list("org_id", "org__code", "name", "valid_from")):
        if org_id not in names or vf <= day:
            names[org_id] = (code, name)
    return sorted(((i, *names.get(i, (str(i), str(i)))) for i in stats.rows), key=lambda r: r[1])
