"""The glue between the stored records and the replay engine.

`load_*` turn stored events into engine events and gather what the regulatory rules need,
`write_*` store the versions, spells and derived scopes the engine computed, and
`affected_persons` says whose history a change of units can touch. The importer and the
single-event services all go through here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import connection

from dangbo.assessment.models import Rating
from dangbo.core import tallies
from dangbo.core.bulk import bulk_insert, bulk_update
from dangbo.domain import counting_root as S
from dangbo.domain import replay as R
from dangbo.domain.rulebook import RuleBook
from dangbo.inspection.models import Discipline
from dangbo.members.models import Candidate, MemberEvent, MemberSpell, Person
from dangbo.orgs.models import Org, OrgEvent, OrgVersion, RootMerge
from dangbo.training.models import Enrolment

CHUNK = 900  # ids per IN list: under SQLite's limit of bound parameters


def chunked(qs, field: str, ids: Iterable | None) -> Iterator:
    """`qs`, or `qs` filtered on `field` in `ids` one chunk of ids at a time."""
    if ids is None:
        yield qs
        return
    ids = list(ids)
    for i in range(0, len(ids), CHUNK):
        yield qs.filter(**{f"{field}__in": ids[i:i + CHUNK]})


def rows_of(qs, field: str, ids: Iterable | None, *columns: str) -> Iterator[tuple]:
    """values_list(*columns) rows of `qs` restricted to `ids` (all rows when None: streamed
    through a server-side cursor; a chunk of ids is fetched at once, in one round trip
    instead of a cursor's three, which a single write's few rows do not need)."""
    if ids is None:
        yield from qs.values_list(*columns).iterator(chunk_size=20000)
        return
    for part in chunked(qs, field, ids):
        yield from part.values_list(*columns)


def org_codes() -> dict[int, str]:
    return dict(Org.objects.values_list("id", "code"))


def person_codes(ids: Iterable[int] | None = None) -> dict[int, str]:
    return dict(rows_of(Person.objects.all(), "id", ids, "id", "code"))


def load_org_events(orgs: dict[int, str], moment=None) -> list[R.OrgEvent]:
    """Every organization event, current or as recorded at `moment` (new=False)."""
    out = []
    rows = OrgEvent.objects.known_at(moment).values_list(
        "id", "date", "kind", "org_id", "name", "level", "org_type", "parent_id", "target_id")
    for id_, date, kind, org, name, level, org_type, parent, target in rows.iterator(chunk_size=20000):
        out.append(R.OrgEvent((0, id_), date, kind, orgs[org], ("db:bien_dong_to_chuc", id_), name or None,
                              level or None, org_type or None, orgs.get(parent), orgs.get(target), False))
    return out


def load_member_events(orgs: dict[int, str] | None, persons: dict[int, str], only: Iterable[int] | None = None,
                       moment=None) -> list[R.MemberEvent]:
    """Member events (of the persons in `only`, or all), current or as recorded at `moment`;
    their cells by `orgs` (id -> code), or joined when None (a few persons' events)."""
    out = []
    for (id_, date, kind, person, cell, status, adm, cer, off, badge, dec, early, card, years) in rows_of(
            MemberEvent.objects.known_at(moment), "person_id", only, "id", "date", "kind", "person_id",
            "cell_id" if orgs is not None else "cell__code",
            "status", "admission_date", "ceremony_date", "official_date", "badge_received", "decision_date", "early",
            "card_no", "badge_years"):
        out.append(R.MemberEvent((0, id_), date, kind, persons[person], ("db:bien_dong_dang_vien", id_),
                                 orgs.get(cell) if orgs is not None else cell, status or None, adm, cer, off, badge,
                                 dec, early, card or None, years, False))
    return out


def load_expulsions(persons: dict[int, str], only: Iterable[int] | None = None, moment=None) -> list[R.Expulsion]:
    qs = Discipline.objects.known_at(moment).filter(subject_kind="dang_vien", form="khai_tru")
    return [R.Expulsion((0, id_), date, persons[p], ("db:ky_luat", id_), False)
            for id_, date, p in rows_of(qs, "subject_person_id", only, "id", "date", "subject_person_id")]


def load_context(rules: RuleBook, persons: dict[int, str], only: Iterable[int] | None = None,
                 ctx: R.Context | None = None) -> R.Context:
    """Birth dates, certificates, opened files and disciplines of the stored persons (added
    to `ctx` when given)."""
    ctx = ctx or R.Context(rules)
    only = None if only is None else list(only)
    for id_, birth in rows_of(Person.objects.all(), "id", only, "id", "birth_date"):
        ctx.birth_dates.setdefault(persons[id_], birth)
    for person, kind, cert, end, start, result in rows_of(
            Enrolment.objects.current(), "person_id", only, "person_id", "training_class__kind", "certificate_date",
            "training_class__end", "training_class__start", "result"):
        ctx.certificates.setdefault(persons[person], []).append(
            (kind, cert or end or start, result != "khong_hoan_thanh"))
    for person, opened in rows_of(Candidate.objects.current(), "person_id", only, "person_id", "file_opened"):
        ctx.files_opened.setdefault(persons[person], []).append(opened)
    for person, date, form in rows_of(Discipline.objects.current().filter(subject_kind="dang_vien"),
                                      "subject_person_id", only, "subject_person_id", "date", "form"):
        ctx.disciplines.setdefault(persons[person], []).append((date, form))
    return ctx


def affected_persons(units: Iterable[str]) -> dict[int, str]:
    """Persons whose stored history a change of `units` can touch: everyone with a spell in a
    cell that stood in the subtree of one of them at any time (id -> code). A unit event
    changes only its unit, that unit's subtree and, for a merger, the target; a member there
    may have to move, leave or be re-judged, nobody else."""
    cells = _stored_subtrees(set(units))
    out: dict[int, str] = {}
    for part in chunked(MemberSpell.objects.all(), "cell_id", sorted(cells.values())):
        out.update(part.values_list("person_id", "person__code").distinct())
    return out


def _stored_subtrees(units: set[str]) -> dict[str, int]:
    """The stored units that stood, at some time, in the subtree of one of `units` (the units
    themselves included): code -> id. A few units are looked up by their path; many (a large
    import), by one pass over every version's path."""
    ids = dict(Org.objects.filter(code__in=sorted(units)).values_list("id", "code")) if len(units) <= CHUNK else \
        {i: c for i, c in Org.objects.values_list("id", "code") if c in units}
    if not ids:
        return {}
    out = {c: i for i, c in ids.items()}
    if len(ids) <= 20:
        for id_ in ids:
            out.update(OrgVersion.objects.filter(path__contains=f"/{id_}/").values_list("org__code", "org_id"))
        return out
    wanted = {str(i) for i in ids}
    for code, org_id, path in OrgVersion.objects.values_list("org__code", "org_id", "path").iterator(chunk_size=20000):
        if wanted.intersection(path.strip("/").split("/")):
            out[code] = org_id
    return out


def subtree_codes(result: R.ReplayResult, units: Iterable[str]) -> set[str]:
    """The units of `result` that stood, at some time, in the subtree of one of `units`
    (the units themselves included), as the stored versions or the replay have them."""
    units = set(units)
    if not units:
        return set()
    out = set(units) | set(_stored_subtrees(units))
    for code, versions in result.versions.items():
        if any(units.intersection(v.path) for v in versions):
            out.add(code)
    return out


def write_org_projection(result: R.ReplayResult, org_ids: dict[str, int], units: set[str] | None = None) -> None:
    """Replace the stored versions of every unit and the root lineage with the replay's, and
    the derived scope of the ratings of `units` (of every unit when None)."""
    OrgVersion.objects.all().delete()
    RootMerge.objects.all().delete()
    rows = []
    for code, versions in result.versions.items():
        for v in versions:
            ids = [org_ids[c] for c in v.path]
            rows.append((org_ids[code], v.valid_from, v.valid_to, v.name, v.level, v.org_type or "",
                         org_ids.get(v.parent) if v.parent else None, ids[0],
                         "/" + "/".join(map(str, ids)) + "/", len(ids) - 1))
    bulk_insert(OrgVersion, ["org", "valid_from", "valid_to", "name", "level", "org_type", "parent",
                             "root", "path", "depth"], rows)
    RootMerge.objects.bulk_create(
        [RootMerge(merged_id=org_ids[a], into_id=org_ids[b], date=d) for a, b, d in result.merges])
    refresh_org_scopes(result, org_ids, units)


def write_person_projection(result: R.ReplayResult, org_ids: dict[str, int], person_ids: dict[str, int],
                            only: set[int] | None = None) -> None:
    """Replace the spells of the persons in `only` (of everyone when None) with the replay's,
    and the derived scope of their events and ratings."""
    write_spells(result, org_ids, person_ids, only)
    refresh_member_scopes(result, org_ids, person_ids, only)


def write_spells(result: R.ReplayResult, org_ids: dict[str, int], person_ids: dict[str, int],
                 only: set[int] | None = None, sexes: dict[str, str] | None = None) -> None:
    """Replace the stored spells (of the persons in `only`, or of everyone) with the replay's;
    `sexes` (person code → sex) saves looking them up."""
    if only is None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                # Fire the deferred FK checks of this transaction first: TRUNCATE refuses to run
                # with pending trigger events.
                cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cur.execute(f'TRUNCATE "{MemberSpell._meta.db_table}"')
                cur.execute("SET CONSTRAINTS ALL DEFERRED")
                # TRUNCATE fires no delete trigger: the statistics' tally is built again from everyone
                # (a migration replaying everyone may run before the tally's tables exist)
                if "stats_tallystate" in connection.introspection.table_names(cur):
                    cur.execute(tallies.STATS_UNBUILT)
        else:
            MemberSpell.objects.all().delete()
    else:
        for part in chunked(MemberSpell.objects.all(), "person_id", only):
            part.delete()

    if sexes is None:
        sexes = dict(rows_of(Person.objects.all(), "id", only, "code", "sex"))

    def rows():
        for code, spells in result.spells.items():
            pid = person_ids[code]
            if only is not None and pid not in only:
                continue
            sex = sexes.get(code, "")
            for s in spells:
                yield (pid, s.valid_from, s.valid_to, org_ids[s.cell], s.status, s.exempt,
                       s.party_age_from, s.ceremony_date, s.official_date, s.card_no or "", s.badge_years, sex)

    bulk_insert(MemberSpell, SPELL_FIELDS, rows())


SPELL_FIELDS = ["person", "valid_from", "valid_to", "cell", "status", "exempt", "party_age_from",
                "ceremony_date", "official_date", "card_no", "badge_years", "sex"]


def _id(org_ids: dict[str, int], code: str | None) -> int | None:
    return org_ids[code] if code is not None else None


def refresh_member_scopes(result: R.ReplayResult, org_ids: dict[str, int], person_ids: dict[str, int],
                          only: set[int] | None = None) -> None:
    """Rewrite the derived scope of the current events and ratings of the persons in `only`
    (of everyone when None) from the replay; only rows whose scope changed are written."""
    codes = {pid: code for code, pid in person_ids.items()}
    changed = []
    for id_, kind, day, pid, old in rows_of(MemberEvent.objects.current(), "person_id", only,
                                            "id", "kind", "date", "person_id", "scope_root_id"):
        new = _id(org_ids, S.event_root(result, kind, codes[pid], day))
        if new != old:
            changed.append((id_, new))
    bulk_update(MemberEvent, ["scope_root"], changed)
    _refresh_ratings(result, org_ids, rows_of(Rating.objects.current().filter(subject_kind="dang_vien"), "person_id", only,
                                              "id", "year", "person_id", "scope_root_id", "scope_group_id"),
                     "dang_vien", codes)


def refresh_org_scopes(result: R.ReplayResult, org_ids: dict[str, int], units: set[str] | None = None) -> None:
    """Rewrite the derived scope of the current ratings of `units` (every unit when None)."""
    ids = None if units is None else [org_ids[c] for c in units if c in org_ids]
    codes = {i: c for c, i in org_ids.items()}
    _refresh_ratings(result, org_ids, rows_of(Rating.objects.current().filter(subject_kind="to_chuc"), "org_id", ids,
                                              "id", "year", "org_id", "scope_root_id", "scope_group_id"),
                     "to_chuc", codes)


def _refresh_ratings(result, org_ids, rows, kind: str, codes: dict[int, str]) -> None:
    changed = []
    for id_, year, subject, old_root, old_group in rows:
        root, group = S.rating_scope(result, kind, codes[subject], year)
        new = (_id(org_ids, root), _id(org_ids, group))
        if new != (old_root, old_group):
            changed.append((id_, *new))
    bulk_update(Rating, ["scope_root", "scope_group"], changed)


def replay_all(rules: RuleBook, extra_org=(), extra_member=(), extra_expel=(), extra_context=None) -> R.ReplayResult:
    """Replay every stored event plus the given new ones."""
    orgs, persons = org_codes(), person_codes()
    ctx = extra_context or load_context(rules, persons)
    return R.Replay(load_org_events(orgs) + list(extra_org),
                    load_member_events(orgs, persons) + list(extra_member),
                    load_expulsions(persons) + list(extra_expel), ctx).run()


def merge_context(base: R.Context, extra: R.Context) -> R.Context:
    for name in ("certificates", "files_opened", "disciplines"):
        target = getattr(base, name)
        for k, v in getattr(extra, name).items():
            target.setdefault(k, []).extend(v)
    base.birth_dates.update(extra.birth_dates)
    return base

