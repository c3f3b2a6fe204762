"""Loading a report's register view and records from the database: current, or as recorded.

Current reports read the stored projections (versions and spells) of the lineage's units
only, for the dates the report needs. An as-recorded report replays the events as the
database knew them at that moment (recorded by then, not yet voided) — a bitemporal read,
not a stored copy.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.db import connections
from django.db.models import Count, Q, Sum

from dangbo import projections as REG
from dangbo.assessment.models import Rating, RatingTally
from dangbo.awards.models import Award
from dangbo.core.temporal import on
from dangbo.domain import codes as C
from dangbo.domain import metrics as M
from dangbo.domain import replay as R
from dangbo.domain.dates import ONE_DAY, add_months
from dangbo.domain.rulebook import RuleBook
from dangbo.inspection.models import Discipline, Inspection
from dangbo.members.models import MemberEvent, MemberEventTally, MemberSpell, Person
from dangbo.orgs.models import Org, OrgEvent, OrgVersion, RootMerge
from dangbo.study.models import StudyReport
from dangbo.terms.models import Target, Term
from dangbo.training.models import Enrolment, TrainingClass


def _raw_rows(qs):
    """Rows of a values_list query straight from the cursor: large loads skip the ORM's
    per-value converters (the database adapters already return dates)."""
    sql, params = qs.query.sql_with_params()
    with connections[qs.db].cursor() as cur:  # the replica, inside `reporting()`
        cur.execute(sql, params)
        while rows := cur.fetchmany(20000):
            yield from rows


def merges_from_db() -> list[tuple[str, str, dt.date]]:
    return [(a, b, d) for a, b, d in RootMerge.objects.values_list("merged__code", "into__code", "date")]


def _root_ids(roots: set[str]) -> list[int]:
    return list(Org.objects.filter(code__in=sorted(roots)).values_list("id", flat=True))


def _units_ever_under(root_ids: list[int]):
    """Ids of the units that were ever under these roots, as a subquery."""
    return OrgVersion.objects.filter(root_id__in=root_ids).values("org_id")


def _spells_over(start: dt.date, end: dt.date) -> Q:
    """Spells that cover some day of [start − 1 day, end]: every day a record of the period
    is judged on (an expulsion on the day before it)."""
    return Q(valid_from__lte=end) & (Q(valid_to__isnull=True) | Q(valid_to__gt=start - ONE_DAY))


def register_from_db(roots: set[str], days: list[dt.date], persons: set[str] | None, start: dt.date,
                     end: dt.date, units: set[str] | None = None) -> R.ReplayResult:
    """A register view of the stored projections: the spells valid on `days`, and every
    spell over [start − 1 day, end] of the `persons` the period's records name (of everyone
    when `persons` is None); the versions of the lineage's units — or, with `units`, only of
    those units and of the cells of the spells loaded. With named persons and units, what is
    loaded does not grow with the size of the register."""
    window = _spells_over(start, end)
    root_ids = _root_ids(roots)
    rows: list[tuple] = []
    columns = ("person__code", "valid_from", "valid_to", "cell_id", "status", "exempt")
    if days:
        on_days = Q(pk__in=[])
        for day in sorted(set(days)):
            on_days |= on(day)
        rows += _raw_rows(MemberSpell.objects.filter(on_days, cell_id__in=_units_ever_under(root_ids)).order_by().values_list(*columns))
    if persons is None:
        rows += _raw_rows(MemberSpell.objects.filter(window, cell_id__in=_units_ever_under(root_ids)).order_by().values_list(*columns))
    else:
        codes = sorted(persons)
        for i in range(0, len(codes), REG.CHUNK):
            rows += _raw_rows(MemberSpell.objects.filter(window, person__code__in=codes[i:i + REG.CHUNK]).order_by()
                              .values_list(*columns))
    if units is None:
        version_rows = list(_raw_rows(OrgVersion.objects.filter(root_id__in=root_ids).values_list(*VERSION_COLUMNS)))
    else:
        ids = set(Org.objects.filter(code__in=sorted(units)).values_list("id", flat=True)) if units else set()
        ids |= {r[3] for r in rows}
        version_rows = [r for part in REG.chunked(OrgVersion.objects.all(), "org_id", sorted(ids))
                        for r in _raw_rows(part.values_list(*VERSION_COLUMNS))]
    path_ids = {int(i) for r in version_rows for i in r[-1].strip("/").split("/")}
    codes_of = dict(REG.rows_of(Org.objects.all(), "id", sorted(path_ids | {r[3] for r in rows}), "id", "code"))
    versions: dict[str, list[R.OrgVersion]] = defaultdict(list)
    for vf, vt, name, level, org_type, path in version_rows:
        chain = tuple(codes_of[int(i)] for i in path.strip("/").split("/"))
        versions[chain[-1]].append(R.OrgVersion(chain[-1], vf, vt, name, level, org_type or None,
                                                chain[-2] if len(chain) > 1 else None, chain))
    for vs in versions.values():
        vs.sort(key=lambda v: v.valid_from)
    spells: dict[str, list[R.Spell]] = defaultdict(list)
    seen = set()
    for person, vf, vt, cell, status, exempt in rows:
        if (person, vf) in seen:
            continue
        seen.add((person, vf))
        spells[person].append(R.Spell(person, vf, vt, codes_of[cell], status, bool(exempt), vf, None, None, None, None))
    for rows_ in spells.values():
        rows_.sort(key=lambda s: s.valid_from)
    return R.ReplayResult(dict(versions), dict(spells), merges_from_db(), [])


VERSION_COLUMNS = ("valid_from", "valid_to", "name", "level", "org_type", "path")


def judged_snapshot(roots: set[str], day: dt.date, everyone: bool | None = None) -> dict[str, int]:
    """The snapshot keys on `day`, counted by the database: units in scope by level, type and
    their parent's level, members by status, women, exempt (`everyone`: `roots` are every
    root, when known)."""
    everyone = covers_every_root(roots) if everyone is None else everyone
    ids = [] if everyone else _root_ids(roots)
    in_roots = "" if everyone else f" AND v.root_id IN ({', '.join(['%s'] * len(ids))})" if ids else " AND 1 = 0"
    sql = ("SELECT v.level, v.org_type, p.level, COUNT(*) FROM orgs_orgversion v LEFT JOIN orgs_orgversion p "
           "ON p.org_id = v.parent_id AND p.valid_from <= %s AND (p.valid_to IS NULL OR p.valid_to > %s) "
           f"WHERE v.valid_from <= %s AND (v.valid_to IS NULL OR v.valid_to > %s){in_roots} GROUP BY v.level, v.org_type, p.level")
    out: Counter = Counter()
    with connections[OrgVersion.objects.db].cursor() as cur:
        cur.execute(sql, [day, day, day, day, *ids])
        for level, org_type, parent_level, n in cur.fetchall():
            if level in C.TCCSD_LEVELS:
                out["to_chuc.tccsd"] += n
                out[f"to_chuc.{level}"] += n
                if org_type:
                    out[f"to_chuc.loai_hinh.{org_type}"] += n
            elif level == C.DBBP:
                out["to_chuc.dang_bo_bo_phan"] += n
            elif level == C.CB and parent_level == C.DBCS:
                out["to_chuc.chi_bo_truc_thuoc_dbcs"] += n
            elif level == C.CB and parent_level == C.DBBP:
                out["to_chuc.chi_bo_truc_thuoc_dbbp"] += n
    sums = ("SELECT COUNT(*), SUM(CASE WHEN status = 'chinh_thuc' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'du_bi' "
            "THEN 1 ELSE 0 END), SUM(CASE WHEN sex = 'nu' THEN 1 ELSE 0 END), SUM(CASE WHEN exempt THEN 1 ELSE 0 END) ")
    params: list[Any]
    if everyone:
        # The spells on the day are those still open and those ended after it, each a range
        # of the index by end (0008): two index-only scans rather than every spell ever.
        part = "SELECT status, sex, exempt FROM members_memberspell WHERE valid_from <= %s AND "
        sql, params = f"{sums}FROM ({part}valid_to IS NULL UNION ALL {part}valid_to > %s) s", [day, day, day]
    else:
        # A subtree's cells on the day, each read from the index by cell (0009): what is read
        # grows with the subtree, not with the register.
        sql = (f"{sums}FROM orgs_orgversion v JOIN members_memberspell s ON s.cell_id = v.org_id AND s.valid_from <= %s "
               "AND (s.valid_to IS NULL OR s.valid_to > %s) WHERE v.valid_from <= %s AND (v.valid_to IS NULL OR "
               f"v.valid_to > %s){in_roots}")
        params = [day, day, day, day, *ids]
    with connections[MemberSpell.objects.db].cursor() as cur:
        cur.execute(sql, params)
        counted = cur.fetchone()
    for key, n in zip(("tong", "chinh_thuc", "du_bi", "nu", "mien_sinh_hoat"), counted, strict=True):
        out[f"dang_vien.{key}"] += n or 0
    return dict(out)


def _every_root() -> set[str]:
    """Every root there is (the roots a national report covers)."""
    return set(OrgVersion.objects.filter(level=C.ROOT).values_list("org__code", flat=True).distinct())


def covers_every_root(roots: set[str]) -> bool:
    return _every_root() <= roots


def judged_ratings(roots: set[str], years: list[int], everyone: bool | None = None) -> dict[tuple[str, int], dict[str, int]]:
    """Ratings of the years whose subject was in scope on 31 December (units: TCCSĐ only),
    per subject kind, year and level: the tally the database keeps of the derived scope."""
    out: dict[tuple[str, int], dict[str, int]] = defaultdict(dict)
    if not years:
        return {}
    rows = (_in_roots(RatingTally.objects.filter(year__gte=min(years), year__lte=max(years)), roots, everyone)
            .values_list("subject_kind", "year", "level").annotate(total=Sum("n")).order_by())
    for kind, year, level, n in rows:
        if year in years and n:
            out[(kind, year)][level] = n
    return dict(out)


def _in_roots(qs, roots: set[str], everyone: bool | None = None):
    """Rows whose `scope_root` is one of `roots`; no filter when `roots` are every root (the
    national report), so the database scans instead of looking each root up."""
    everyone = covers_every_root(roots) if everyone is None else everyone
    return qs if everyone else qs.filter(scope_root_id__in=_root_ids(roots))


def judged_members_on(roots: set[str], days: list[dt.date]) -> dict[dt.date, int]:
    """How many members are in scope at the end of each day."""
    root_ids = _root_ids(roots)
    return {day: MemberSpell.objects.filter(on(day), cell_id__in=OrgVersion.objects.filter(on(day), root_id__in=root_ids)
                                            .values("org_id")).count() for day in days}


def judged_member_events(roots: set[str], start: dt.date, end: dt.date, everyone: bool | None = None) -> dict[tuple[str, int], int]:
    """Member events of the period counted where their derived scope (the root of the
    member's cell on the judged day) is in the lineage, per kind and year: whole months from
    the tally the database keeps, the days of a partial first and last month from the
    events themselves. Expulsions are judged with the discipline rows, not here."""
    first = start if start.day == 1 else add_months(start.replace(day=1), 1)  # the first whole month
    after = add_months(end.replace(day=1), 1)
    last = after if end == after - ONE_DAY else end.replace(day=1)  # the month after the last whole one
    out: Counter = Counter()
    everyone = covers_every_root(roots) if everyone is None else everyone
    if first < last:
        months = _in_roots(MemberEventTally.objects.filter(month__gte=first, month__lt=last, kind__in=COUNTED_EVENTS), roots,
                           everyone)
        for kind, month, n in months.values_list("kind", "month").annotate(total=Sum("n")).order_by():
            out[(kind, month.year)] += n
        edges = [(start, first - ONE_DAY), (last, end)]
    else:
        edges = [(start, end)]
    for a, b in edges:
        if a > b:
            continue
        days = _in_roots(MemberEvent.objects.current().filter(date__gte=a, date__lte=b, kind__in=COUNTED_EVENTS,
                                                               scope_root__isnull=False), roots, everyone)
        for kind, day, n in days.values_list("kind", "date").annotate(total=Count("*")).order_by():
            out[(kind, day.year)] += n
    return {k: n for k, n in out.items() if n}


COUNTED_EVENTS = [k for k in M.MEMBER_EVENT_KEYS if k != "khai_tru"]


def register_as_recorded(moment: dt.datetime) -> R.ReplayResult:
    """Replay every event as the database knew it at `moment`."""
    orgs, persons = REG.org_codes(), REG.person_codes()
    return R.Replay(REG.load_org_events(orgs, moment), REG.load_member_events(orgs, persons, moment=moment),
                    REG.load_expulsions(persons, moment=moment), R.Context(RuleBook.defaults())).run()


def records_from_db(start: dt.date, end: dt.date, as_of: dt.date, term: Term | None,
                    moment: dt.datetime | None = None, judged_roots: set[str] | None = None,
                    series: bool = True) -> M.Records:
    """The rows a report over [start, end] counts, current or as recorded at `moment`; with
    `judged_roots` (current data), the large counts — snapshot, member events, ratings —
    come counted by the database."""
    rec = M.Records()
    period = {"date__gte": start, "date__lte": end}
    everyone = judged_roots is None or covers_every_root(judged_roots)
    of_units, of_persons = (lambda qs, *_: qs), (lambda qs, *_: qs)
    if not everyone:  # a part of the land: only the rows its scope could count are read
        assert judged_roots is not None
        of_units, of_persons = _scope_filters(judged_roots, start, end)
    rec.org_events = list(map(M.OrgEventRow._make, of_units(OrgEvent.objects.known_at(moment).filter(**period), "org_id")
                              .values_list("date", "kind", "org__code")))
    events = MemberEvent.objects.known_at(moment).filter(kind__in=M.MEMBER_EVENT_KEYS, **period)
    ratings = Rating.objects.known_at(moment).filter(year__gte=start.year, year__lte=end.year)
    if judged_roots is not None:  # current data: counted in the database, expulsions judged here
        rec.judged_snapshot = judged_snapshot(judged_roots, as_of, everyone)
        rec.judged_member_events = judged_member_events(judged_roots, start, end, everyone)
        rec.judged_ratings = judged_ratings(judged_roots, M.assessment_years(start, end), everyone)
        if series:
            rec.judged_members_on = judged_members_on(judged_roots, M.year_ends(start, as_of))
        events = of_persons(events.filter(kind="khai_tru"), "person_id")
    rec.member_events = list(map(M.MemberEventRow._make, _raw_rows(events.values_list("date", "kind", "person__code"))))
    rec.expulsions = list(map(M.ExpulsionRow._make, of_persons(Discipline.objects.known_at(moment).filter(
        subject_kind="dang_vien", form="khai_tru", **period), "subject_person_id").values_list("date", "subject_person__code")))
    classes = list(of_units(TrainingClass.objects.known_at(moment).filter(start__gte=start, start__lte=end), "org_id")
                   .values_list("id", "code", "kind", "start", "org__code"))
    counts = dict(REG.rows_of(Enrolment.objects.known_at(moment).values("training_class_id").annotate(n=Count("*")).order_by(),
                              "training_class_id", [c[0] for c in classes], "training_class_id", "n"))
    rec.classes = [M.ClassRow(c, k, s, o, counts.get(i, 0)) for i, c, k, s, o in classes]
    rec.study = list(map(M.StudyRow._make, of_units(StudyReport.objects.known_at(moment).filter(**period), "org_id").values_list(
        "date", "org__code", "members_total", "members_reached", "workers_total", "workers_reached")))

    def of_subject(qs):
        return of_units(qs, "subject_org_id") | of_persons(qs, "subject_person_id") if not everyone else qs

    rec.inspections = [M.InspectionRow(d, f, a, b, k, so or sp) for d, f, a, b, k, so, sp in of_subject(
        Inspection.objects.known_at(moment).filter(**period))
        .values_list("date", "form", "actor__code", "body", "subject_kind", "subject_org__code", "subject_person__code")]
    rec.disciplines = [M.DisciplineRow(d, k, so or sp, f) for d, k, so, sp, f in of_subject(Discipline.objects.known_at(moment).filter(**period))
                       .values_list("date", "subject_kind", "subject_org__code", "subject_person__code", "form")]
    rec.awards = [M.AwardRow(d, f, k, so or sp) for d, f, k, so, sp in of_subject(Award.objects.known_at(moment).filter(**period))
                  .values_list("date", "form", "subject_kind", "subject_org__code", "subject_person__code")]
    if judged_roots is None:
        rec.ratings = [M.RatingRow(y, k, o or p, lvl) for y, k, o, p, lvl in _raw_rows(ratings.values_list(
            "year", "subject_kind", "org__code", "person__code", "level"))]
    if judged_roots is None:
        rec.sexes = dict(Person.objects.filter(sex="nu").values_list("code", "sex").iterator(chunk_size=20000))
    if term is not None:
        rec.targets = [M.TargetRow(n, t, m, c, th, met) for n, t, m, c, th, met in Target.objects.known_at(moment)
                       .filter(term=term).values_list("number", "text", "metric", "comparator", "threshold", "met")]
    return rec


def _scope_filters(roots: set[str], start: dt.date, end: dt.date):
    """Two filters of a report over part of the land: rows about a unit that was ever under
    `roots`, and rows about a person who was a member there at some time in [start − 1 day,
    end] (every day a record of the period is judged on). A superset of what the scope
    counts — the metrics still judge each row — but one that grows with the scope, not the
    register."""
    units = _units_ever_under(_root_ids(roots))
    persons = MemberSpell.objects.filter(_spells_over(start, end), cell_id__in=units).values("person_id")
    return (lambda qs, column: qs.filter(**{f"{column}__in": units}),
            lambda qs, column: qs.filter(**{f"{column}__in": persons}))


def named_units(records: M.Records) -> set[str]:
    """The units a period's records name (the register view need hold only these)."""
    out = {code for _, _, code in records.org_events}
    out |= {org for _, _, _, org, _ in records.classes} | {org for _, org, *_ in records.study}
    for _, _, actor, _, kind, subject in records.inspections:
        out.add(actor)
        if kind == "to_chuc":
            out.add(subject)
    out |= {subject for _, kind, subject, _ in records.disciplines if kind == "to_chuc"}
    out |= {subject for _, _, kind, subject in records.awards if kind == "tap_the"}
    return out


def named_persons(records: M.Records) -> set[str]:
    """The persons a period's records name, whose spells the register view must hold."""
    out = {s for _, kind, s, _ in records.disciplines if kind == "dang_vien"}
    out |= {r.subject for r in records.inspections if r.subject_kind == "dang_vien"}
    out |= {r.subject for r in records.awards if r.subject_kind == "ca_nhan"}
    out |= {p for _, _, p in records.member_events} | {p for _, p in records.expulsions}
    out |= {code for _, kind, code, _ in records.ratings if kind == "dang_vien"}
    return out
