"""The glue between the stored records and the replay engine.

`load_events` turns stored events into engine events, `load_context` gathers what the
regulatory rules need, and `write_projections` stores the versions and spells the engine
computed. The importer and the single-event services both go through here.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from dangbo.core.bulk import bulk_insert
from dangbo.domain import replay as R
from dangbo.domain.rulebook import RuleBook
from dangbo.inspection.models import Discipline
from dangbo.members.models import Candidate, MemberEvent, MemberSpell, Person
from dangbo.orgs.models import Org, OrgEvent, OrgVersion, RootMerge
from dangbo.training.models import Enrolment


def org_codes() -> dict[int, str]:
    return dict(Org.objects.values_list("id", "code"))


def person_codes(ids: Iterable[int] | None = None) -> dict[int, str]:
    qs = Person.objects.all()
    if ids is not None:
        qs = qs.filter(id__in=list(ids))
    return dict(qs.values_list("id", "code"))


def load_org_events(orgs: dict[int, str], moment=None) -> list[R.OrgEvent]:
    """Every organization event, current or as recorded at `moment` (new=False)."""
    out = []
    rows = OrgEvent.objects.known_at(moment).values_list(
        "id", "date", "kind", "org_id", "name", "level", "org_type", "parent_id", "target_id")
    for id_, date, kind, org, name, level, org_type, parent, target in rows.iterator(chunk_size=20000):
        out.append(R.OrgEvent((0, id_), date, kind, orgs[org], ("db:bien_dong_to_chuc", id_), name or None,
                              level or None, org_type or None, orgs.get(parent), orgs.get(target), False))
    return out


def load_member_events(orgs: dict[int, str], persons: dict[int, str], only: set[int] | None = None,
                       moment=None) -> list[R.MemberEvent]:
    """Member events (of the persons in `only`, or all), current or as recorded at `moment`."""
    qs = MemberEvent.objects.known_at(moment)
    if only is not None:
        qs = qs.filter(person_id__in=list(only))
    out = []
    rows = qs.values_list("id", "date", "kind", "person_id", "cell_id", "status", "admission_date",
                          "ceremony_date", "official_date", "badge_received", "decision_date", "early",
                          "card_no", "badge_years")
    for (id_, date, kind, person, cell, status, adm, cer, off, badge, dec, early, card, years) in rows.iterator(chunk_size=20000):
        out.append(R.MemberEvent((0, id_), date, kind, persons[person], ("db:bien_dong_dang_vien", id_),
                                 orgs.get(cell), status or None, adm, cer, off, badge, dec, early,
                                 card or None, years, False))
    return out


def load_expulsions(persons: dict[int, str], only: set[int] | None = None, moment=None) -> list[R.Expulsion]:
    qs = Discipline.objects.known_at(moment).filter(subject_kind="dang_vien", form="khai_tru")
    if only is not None:
        qs = qs.filter(subject_person_id__in=list(only))
    return [R.Expulsion((0, id_), date, persons[p], ("db:ky_luat", id_), False)
            for id_, date, p in qs.values_list("id", "date", "subject_person_id")]


def load_context(rules: RuleBook, persons: dict[int, str], only: set[int] | None = None) -> R.Context:
    """Birth dates, certificates, opened files and disciplines of the stored persons."""
    ctx = R.Context(rules)
    people = Person.objects.all() if only is None else Person.objects.filter(id__in=list(only))
    for id_, birth in people.values_list("id", "birth_date").iterator(chunk_size=20000):
        ctx.birth_dates[persons[id_]] = birth
    enrol = Enrolment.objects.current()
    if only is not None:
        enrol = enrol.filter(person_id__in=list(only))
    for person, kind, cert, end, start, result in enrol.values_list(
            "person_id", "training_class__kind", "certificate_date", "training_class__end",
            "training_class__start", "result").iterator(chunk_size=20000):
        ctx.certificates.setdefault(persons[person], []).append(
            (kind, cert or end or start, result != "khong_hoan_thanh"))
    cands = Candidate.objects.current()
    if only is not None:
        cands = cands.filter(person_id__in=list(only))
    for person, opened in cands.values_list("person_id", "file_opened"):
        ctx.files_opened.setdefault(persons[person], []).append(opened)
    disc = Discipline.objects.current().filter(subject_kind="dang_vien")
    if only is not None:
        disc = disc.filter(subject_person_id__in=list(only))
    for person, date, form in disc.values_list("subject_person_id", "date", "form"):
        ctx.disciplines.setdefault(persons[person], []).append((date, form))
    return ctx


def write_org_projection(result: R.ReplayResult, org_ids: dict[str, int]) -> None:
    """Replace the stored versions of every unit and the root lineage with the replay's."""
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


def write_spells(result: R.ReplayResult, org_ids: dict[str, int], person_ids: dict[str, int],
                 only: set[int] | None = None) -> None:
    """Replace the stored spells (of the persons in `only`, or of everyone) with the replay's."""
    if only is None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                # Fire the deferred FK checks of this transaction first: TRUNCATE refuses to run
                # with pending trigger events.
                cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cur.execute(f'TRUNCATE "{MemberSpell._meta.db_table}"')
                cur.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            MemberSpell.objects.all().delete()
    else:
        MemberSpell.objects.filter(person_id__in=list(only)).delete()

    def rows():
        for code, spells in result.spells.items():
            pid = person_ids[code]
            if only is not None and pid not in only:
                continue
            for s in spells:
                yield (pid, s.valid_from, s.valid_to, org_ids[s.cell], s.status, s.exempt,
                       s.party_age_from, s.ceremony_date, s.official_date, s.card_no or "", s.badge_years)

    bulk_insert(MemberSpell, ["person", "valid_from", "valid_to", "cell", "status", "exempt", "party_age_from",
                              "ceremony_date", "official_date", "card_no", "badge_years"], rows())


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

