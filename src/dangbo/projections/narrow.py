"""The stored side of a narrow replay (`domain/replay/narrow.py`): the events of a few units,
the units below a few, the persons who were in them, and the writes of only what the replay
covered. Each read is a few indexed queries whose size follows the units and persons
named, not the register, so a single write costs the same in a bloc and in the nation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from dangbo.core.bulk import bulk_insert
from dangbo.core.locks import lock_units
from dangbo.domain import replay as R
from dangbo.domain.replay import narrow as N
from dangbo.domain.rulebook import RuleBook
from dangbo.members.models import MemberEvent, MemberSpell, Person
from dangbo.orgs.models import Org, OrgEvent, OrgVersion, RootMerge

from . import (
    CHUNK,
    chunked,
    load_context,
    load_expulsions,
    load_member_events,
    refresh_org_scopes,
    rows_of,
    write_person_projection,
)

ORG_EVENT_COLUMNS = ("id", "date", "kind", "org_id", "name", "level", "org_type", "parent_id", "target_id")


class Units:
    """Units' codes and ids, looked up as a write needs them and kept for its length. The
    events are read by ids on their indexes: a filter on codes joined through the units
    would scan every event of the register."""

    def __init__(self) -> None:
        self.code: dict[int, str] = {}
        self.id: dict[str, int] = {}

    def map(self, codes: Iterable[str]) -> dict[str, int]:
        """code -> id of those of the units `codes` that exist."""
        codes = set(codes)
        missing = sorted(c for c in codes if c not in self.id)
        for i in range(0, len(missing), CHUNK):
            self._learn(Org.objects.filter(code__in=missing[i:i + CHUNK]))
        return {c: self.id[c] for c in codes if c in self.id}

    def ids(self, codes: Iterable[str]) -> list[int]:
        return sorted(self.map(codes).values())

    def codes(self, ids: Iterable[int | None]) -> None:
        missing = sorted({i for i in ids if i is not None and i not in self.code})
        for k in range(0, len(missing), CHUNK):
            self._learn(Org.objects.filter(id__in=missing[k:k + CHUNK]))

    def _learn(self, qs) -> None:
        for id_, code in qs.values_list("id", "code"):
            self.code[id_], self.id[code] = code, id_

    def events(self, where: str, ids: list[int]) -> list[R.OrgEvent]:
        """The current events whose `where` (a column of unit ids) is among `ids`."""
        rows = [r for part in chunked(OrgEvent.objects.current(), where, ids) for r in part.values_list(*ORG_EVENT_COLUMNS)]
        self.codes(x for r in rows for x in (r[3], r[7], r[8]))
        c = self.code
        return [R.OrgEvent((0, id_), date, kind, c[org], ("db:bien_dong_to_chuc", id_), name or None, level or None,
                           org_type or None, c.get(parent), c.get(target), False)
                for id_, date, kind, org, name, level, org_type, parent, target in rows]

    def events_of(self, codes: set[str]) -> list[R.OrgEvent]:
        """Every current event of the units `codes`."""
        return self.events("org_id", self.ids(codes))

    def roots(self, codes: set[str]) -> set[str]:
        """The roots the stored versions of the units `codes` ever stood under, and the roots
        those merged into (a guess of the roots a write's closure reaches: `lock_units`)."""
        ids = self.ids(codes)
        roots = {r for part in chunked(OrgVersion.objects.all(), "org_id", ids)
                 for r in part.values_list("root_id", flat=True).distinct()}
        roots |= set(RootMerge.objects.filter(merged_id__in=sorted(roots)).values_list("into_id", flat=True))
        self.codes(roots)
        return {self.code[r] for r in roots if r in self.code}

    def events_naming(self, codes: set[str]) -> list[R.OrgEvent]:
        """Every current event whose parent or merger target is among `codes`."""
        ids = self.ids(codes)
        return self.events("parent_id", ids) + self.events("target_id", ids)


def needed_org_events(seeds: Iterable[str], units: Units | None = None) -> list[R.OrgEvent]:
    """The events of the units `seeds` and of every unit they depend on (narrow.py)."""
    return N.needed_org_events(seeds, (units or Units()).events_of)


def below(units: Iterable[str], known: Units | None = None) -> set[str]:
    """`units` and every unit that was ever under one of them (narrow.below)."""
    return N.below(units, (known or Units()).events_naming)


def persons_in(units: set[str], since: dt.date, known: Units | None = None) -> dict[int, str]:
    """The persons who were in a cell of `units` on `since` or later (id -> code): by their
    spells, or for part of a day by an event that named the cell."""
    ids = (known or Units()).ids(units)
    found: set[int] = set()
    for part in chunked(MemberSpell.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=since)), "cell_id", ids):
        found.update(part.values_list("person_id", flat=True))
    for part in chunked(MemberEvent.objects.current().filter(date__gte=since), "cell_id", ids):
        found.update(part.values_list("person_id", flat=True))
    return dict(rows_of(Person.objects.all(), "id", sorted(found), "id", "code"))


def codes_of(result: R.ReplayResult, *extra: Iterable[str]) -> set[str]:
    """Every unit a replay's projections name: its units, their paths, the cells of its spells."""
    out = set(result.versions)
    for versions in result.versions.values():
        for v in versions:
            out.update(v.path)
    for spells in result.spells.values():
        out.update(s.cell for s in spells)
    for a, b, _ in result.merges:
        out.update((a, b))
    for codes in extra:
        out.update(codes)
    return out


VERSION_COLUMNS = ("org_id", "valid_from", "valid_to", "name", "level", "org_type", "parent_id", "root_id", "path", "depth")


def write_units(result: R.ReplayResult, ids: dict[str, int], replayed: set[str]) -> None:
    """Store the versions of the units `replayed` as the replay has them, writing only the
    rows that changed (a rename touches its unit's rows from its date), and the root lineage
    of the roots among them; every other unit's rows stay as they are."""
    unit_ids = sorted(ids[c] for c in replayed if c in ids)
    want = set()
    for code in replayed:
        for v in result.versions.get(code, ()):
            path = [ids[c] for c in v.path]
            want.add((ids[code], v.valid_from, v.valid_to, v.name, v.level, v.org_type or "",
                      ids[v.parent] if v.parent else None, path[0], "/" + "/".join(map(str, path)) + "/", len(path) - 1))
    have: dict[tuple, int] = {}
    for part in chunked(OrgVersion.objects.all(), "org_id", unit_ids):
        for pk, *row in part.values_list("pk", *VERSION_COLUMNS):
            have[tuple(row)] = pk
    gone = [pk for row, pk in have.items() if row not in want]
    for i in range(0, len(gone), CHUNK):
        OrgVersion.objects.filter(pk__in=gone[i:i + CHUNK]).delete()
    bulk_insert(OrgVersion, ["org", "valid_from", "valid_to", "name", "level", "org_type", "parent", "root", "path",
                             "depth"], sorted((r for r in want if r not in have), key=lambda r: (r[0], r[1])))
    for part in chunked(RootMerge.objects.all(), "merged_id", unit_ids):
        part.delete()
    RootMerge.objects.bulk_create([RootMerge(merged_id=ids[a], into_id=ids[b], date=d)
                                   for a, b, d in result.merges if a in replayed])
    refresh_org_scopes(result, ids, replayed)


def replay_person(rules: RuleBook, person: tuple[int, str], *, new: Iterable[R.MemberEvent] = (),
                  expel: Iterable[R.Expulsion] = (), without_event: int | None = None) -> R.ReplayResult:
    """One person's stored events and expulsions (plus `new` and `expel`, less the event
    `without_event`) replayed against the units they name and those units depend on: the same
    spells and problems as against every unit of the register, at a cost that follows the
    person's history. Takes the locks of the roots of those units (`lock_units`)."""
    pid, code = person
    persons, only = {pid: code}, {pid}
    events = [e for e in load_member_events(None, persons, only) if e.seq != (0, without_event)] + list(new)
    units = Units()
    org_events = lock_units(lambda seeds: needed_org_events(seeds, units), N.cells_named(events), exclusive=False,
                            guess=units.roots)
    return R.Replay(org_events, events, load_expulsions(persons, only) + list(expel),
                    load_context(rules, persons, only)).run()


def write_person(result: R.ReplayResult, person: tuple[int, str]) -> None:
    """Store one person's spells and the derived scope of their records, as `result` has them."""
    pid, code = person
    write_person_projection(result, Units().map(codes_of(result)), {code: pid}, only={pid})


def replay_units(rules: RuleBook, ev: R.OrgEvent, *, voided: bool = False) -> Replayed:
    """A unit event `ev` (new, or just voided) replayed with only what it can change: the
    units below the ones it moves or ends (`narrow.below`, every unit for a void, which can
    take away what others named), the persons in them from its date, and the units all of
    these depend on. Holds the locks of their roots exclusively."""
    touched = {ev.code} if voided else N.touched_units(ev.kind, ev.code)
    found: dict = {}
    known = Units()

    def read(_seeds: set[str]) -> list[R.OrgEvent]:
        units = below(touched, known)
        persons = persons_in(units, ev.date, known)
        members = load_member_events(None, persons, persons)
        found.update(persons=persons, members=members)
        return needed_org_events(N.named(ev) | units | N.cells_named(members), known)

    # A code it creates is locked too: two clerks creating one code, in two provinces or as a
    # new root, meet there.
    org_events = lock_units(read, N.named(ev), exclusive=True, guess=lambda seeds: known.roots(seeds) | N.created([ev]))
    persons = found["persons"]
    result = R.Replay(org_events + ([] if voided else [ev]), found["members"], load_expulsions(persons, persons),
                      load_context(rules, persons, persons)).run()
    return Replayed(result, {c for e in org_events for c in N.named(e)} | N.named(ev), persons, known)


@dataclass
class Replayed:
    """What `replay_units` replayed: its result, the units it covered, the persons (id -> code)
    and the units' ids it looked up."""

    result: R.ReplayResult
    units: set[str]
    persons: dict[int, str]
    known: Units  # the ids it looked up (a unit it creates is looked up when written)

    def write(self) -> None:
        """Store the versions of the units and the spells of the persons it covered."""
        ids = self.known.map(codes_of(self.result, self.units))
        write_units(self.result, ids, self.units)
        write_person_projection(self.result, ids, {code: pid for pid, code in self.persons.items()},
                                only=set(self.persons))
