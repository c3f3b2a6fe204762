"""Loading a report's register view and records from the database: current, or as recorded.

Current reports read the stored projections (versions and spells) of the lineage's units
only, for the dates the report needs. An as-recorded report replays the events as the
database knew them at that moment (recorded by then, not yet voided) — a bitemporal read,
not a stored copy.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import connections
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear

from dangbo import register as REG
from dangbo.assessment.models import Rating
from dangbo.awards.models import Award
from dangbo.domain import metrics as M
from dangbo.domain import replay as R
from dangbo.domain.dates import ONE_DAY
from dangbo.domain.rulebook import RuleBook
from dangbo.inspection.models import Discipline, Inspection
from dangbo.members.models import MemberEvent, MemberSpell, Person
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


def register_from_db(roots: set[str], days: list[dt.date], persons: set[str] | None, start: dt.date,
                     end: dt.date) -> R.ReplayResult:
    """Versions of the lineage's units; the spells valid on `days`, and every spell over
    [start − 1 day, end] of the `persons` the period's records name (of everyone when
    `persons` is None). With named persons, what is loaded does not grow with the number of
    events per member."""
    root_ids = list(Org.objects.filter(code__in=roots).values_list("id", flat=True))
    codes = dict(Org.objects.values_list("id", "code"))
    versions: dict[str, list[R.OrgVersion]] = defaultdict(list)
    rows = OrgVersion.objects.filter(root_id__in=root_ids).values_list(
        "org_id", "valid_from", "valid_to", "name", "level", "org_type", "parent_id", "path")
    for org_id, vf, vt, name, level, org_type, parent, path in _raw_rows(rows):
        chain = tuple(codes[int(i)] for i in path.strip("/").split("/"))
        versions[codes[org_id]].append(R.OrgVersion(codes[org_id], vf, vt, name, level, org_type or None,
                                                    codes.get(parent), chain))
    for vs in versions.values():
        vs.sort(key=lambda v: v.valid_from)
    cells = OrgVersion.objects.filter(root_id__in=root_ids).values("org_id")
    on_days = Q(pk__in=[])
    for day in sorted(set(days)):
        on_days |= Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))
    window = Q(valid_from__lte=end) & (Q(valid_to__isnull=True) | Q(valid_to__gt=start - ONE_DAY))
    if persons is None:
        named = window
    else:
        named = Q(person__code__in=sorted(persons)) & window if persons else Q(pk__in=[])
    qs = MemberSpell.objects.filter(on_days | named, cell_id__in=cells).order_by().values_list(
        "person__code", "valid_from", "valid_to", "cell_id", "status", "exempt")
    spells: dict[str, list[R.Spell]] = defaultdict(list)
    for person, vf, vt, cell, status, exempt in _raw_rows(qs):
        spells[person].append(R.Spell(person, vf, vt, codes[cell], status, bool(exempt), vf, None, None, None, None))
    for rows_ in spells.values():
        rows_.sort(key=lambda s: s.valid_from)
    return R.ReplayResult(dict(versions), dict(spells), merges_from_db(), [])


ON_DAY_KINDS = ("ket_nap", "chuyen_chinh_thuc", "phat_the", "huy_hieu", "chuyen_den")
DAY_BEFORE_KINDS = ("chuyen_di", "tu_tran", "xoa_ten")


def _member_in_scope(root_ids: list[int], day) -> Exists:
    """Exists: the outer row's person (subject_person_id or person_id) is a member in scope at
    the end of `day` (a literal date)."""
    unit = OrgVersion.objects.filter(org_id=OuterRef("cell_id"), root_id__in=root_ids, valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=day))
    return MemberSpell.objects.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day)).filter(Exists(unit))


def judged_member_ratings(roots: set[str], years: list[int]) -> dict[int, dict[str, int]]:
    """Member ratings (not khong_xep_loai) of members in scope on 31 December, per year and level."""
    root_ids = list(Org.objects.filter(code__in=roots).values_list("id", flat=True))
    out: dict[int, dict[str, int]] = {}
    for year in years:
        spell = _member_in_scope(root_ids, dt.date(year, 12, 31)).filter(person_id=OuterRef("person_id"))
        rows = (Rating.objects.current().filter(year=year, subject_kind="dang_vien").exclude(level="khong_xep_loai")
                .filter(Exists(spell)).values("level").annotate(n=Count("id")).order_by())
        out[year] = {r["level"]: r["n"] for r in rows}
    return out


def judged_members_on(roots: set[str], days: list[dt.date]) -> dict[dt.date, int]:
    """How many members are in scope at the end of each day."""
    root_ids = list(Org.objects.filter(code__in=roots).values_list("id", flat=True))
    out = {}
    for day in days:
        unit = OrgVersion.objects.filter(org_id=OuterRef("cell_id"), root_id__in=root_ids, valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        out[day] = MemberSpell.objects.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day)).filter(
            Exists(unit)).count()
    return out


def judged_member_events(roots: set[str], start: dt.date, end: dt.date) -> dict[tuple[str, int], int]:
    """Member events of the period whose person is in scope on the event day (on the day
    before for those that take the person out), counted by the database."""
    root_ids = list(Org.objects.filter(code__in=roots).values_list("id", flat=True))
    out: dict[tuple[str, int], int] = {}
    for kinds, before in ((ON_DAY_KINDS, False), (DAY_BEFORE_KINDS, True)):
        # "in force at the end of the day before" is valid_from < date <= valid_to
        frm, to = ("lt", "gte") if before else ("lte", "gt")
        spell = MemberSpell.objects.filter(person_id=OuterRef("person_id"), **{f"valid_from__{frm}": OuterRef("date")}).filter(
            Q(valid_to__isnull=True) | Q(**{f"valid_to__{to}": OuterRef("date")}))
        unit = OrgVersion.objects.filter(org_id=OuterRef("cell_id"), root_id__in=root_ids,
                                         **{f"valid_from__{frm}": OuterRef(OuterRef("date"))}).filter(
            Q(valid_to__isnull=True) | Q(**{f"valid_to__{to}": OuterRef(OuterRef("date"))}))
        qs = (MemberEvent.objects.current().filter(date__gte=start, date__lte=end, kind__in=kinds)
              .filter(Exists(spell.filter(Exists(unit)))).annotate(year=ExtractYear("date"))
              .values("kind", "year").annotate(n=Count("id")).order_by())
        for row in qs:
            out[(row["kind"], row["year"])] = row["n"]
    return out


def register_as_recorded(moment: dt.datetime) -> R.ReplayResult:
    """Replay every event as the database knew it at `moment`."""
    orgs, persons = REG.org_codes(), REG.person_codes()
    return R.Replay(REG.load_org_events(orgs, moment), REG.load_member_events(orgs, persons, moment=moment),
                    REG.load_expulsions(persons, moment=moment), R.Context(RuleBook.defaults())).run()


def records_from_db(start: dt.date, end: dt.date, as_of: dt.date, term: Term | None,
                    moment: dt.datetime | None = None, judged_roots: set[str] | None = None,
                    series: bool = True) -> M.Records:
    """The rows a report over [start, end] counts, current or as recorded at `moment`."""
    rec = M.Records()
    period = {"date__gte": start, "date__lte": end}
    rec.org_events = list(OrgEvent.objects.known_at(moment).filter(**period).values_list("date", "kind", "org__code"))
    events = MemberEvent.objects.known_at(moment).filter(kind__in=M.MEMBER_EVENT_KEYS, **period)
    if judged_roots is not None:  # current data: counted in the database, expulsions judged here
        rec.judged_member_events = judged_member_events(judged_roots, start, end)
        rec.judged_member_ratings = judged_member_ratings(judged_roots, M.assessment_years(start, end))
        if series:
            rec.judged_members_on = judged_members_on(judged_roots, M.year_ends(start, as_of))
        events = events.filter(kind="khai_tru")
    rec.member_events = list(_raw_rows(events.values_list("date", "kind", "person__code")))
    rec.expulsions = list(Discipline.objects.known_at(moment).filter(subject_kind="dang_vien", form="khai_tru", **period)
                          .values_list("date", "subject_person__code"))
    enrol = Enrolment.objects.known_at(moment)
    counts = dict(enrol.filter(training_class__start__gte=start, training_class__start__lte=end)
                  .values("training_class_id").annotate(n=Count("id")).values_list("training_class_id", "n"))
    rec.classes = [(c, k, s, o, counts.get(i, 0)) for i, c, k, s, o in TrainingClass.objects.known_at(moment)
                   .filter(start__gte=start, start__lte=end).values_list("id", "code", "kind", "start", "org__code")]
    rec.study = list(StudyReport.objects.known_at(moment).filter(**period).values_list(
        "date", "org__code", "members_total", "members_reached", "workers_total", "workers_reached"))
    rec.inspections = [(d, f, a, b, k, so or sp) for d, f, a, b, k, so, sp in Inspection.objects.known_at(moment).filter(**period)
                       .values_list("date", "form", "actor__code", "body", "subject_kind", "subject_org__code", "subject_person__code")]
    rec.disciplines = [(d, k, so or sp, f) for d, k, so, sp, f in Discipline.objects.known_at(moment).filter(**period)
                       .values_list("date", "subject_kind", "subject_org__code", "subject_person__code", "form")]
    rec.awards = [(d, f, k, so or sp) for d, f, k, so, sp in Award.objects.known_at(moment).filter(**period)
                  .values_list("date", "form", "subject_kind", "subject_org__code", "subject_person__code")]
    ratings = Rating.objects.known_at(moment).filter(year__gte=start.year, year__lte=end.year)
    if judged_roots is not None:
        ratings = ratings.filter(subject_kind="to_chuc")
    rec.ratings = [(y, k, o or p, lvl) for y, k, o, p, lvl in ratings
                   .values_list("year", "subject_kind", "org__code", "person__code", "level")]
    rec.sexes = dict(Person.objects.filter(sex="nu").values_list("code", "sex").iterator(chunk_size=20000))
    if term is not None:
        rec.targets = [M.TargetRow(n, t, m, c, th, met) for n, t, m, c, th, met in Target.objects.known_at(moment)
                       .filter(term=term).values_list("number", "text", "metric", "comparator", "threshold", "met")]
    return rec

