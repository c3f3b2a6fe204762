"""The stored register seen through the record checks' eyes (`domain.records.World`).

The importer hands the checks a whole replay; a service that writes one class, one rating
or one discipline needs only a few units and members on a few days, so this answers the
same two questions (`org_on`, `spell_on`) from the stored projections, one query each,
remembered. `load_subtree` fetches a whole subtree on a day in two queries when a check
will ask about many of its members (the rating grid, the quota).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dangbo.core.temporal import on
from dangbo.domain import records as REC
from dangbo.domain import replay as R
from dangbo.members.models import MemberSpell, Person
from dangbo.orgs.models import Org, OrgVersion
from dangbo.rules.selectors import rulebook


@dataclass(frozen=True, slots=True)
class StoredSpell:
    """What the record checks read of a membership: its cell and status."""

    person: str
    cell: str
    status: str
    exempt: bool


class StoredRegister:
    """Units and members on any day, read from OrgVersion and MemberSpell."""

    def __init__(self):
        self._orgs: dict[tuple[str, dt.date], R.OrgVersion | None] = {}
        self._spells: dict[tuple[str, dt.date], StoredSpell | None] = {}
        self._codes: dict[int, str] = {}

    def _code_of(self, ids: list[int]) -> None:
        missing = [i for i in ids if i not in self._codes]
        if missing:
            self._codes.update(Org.objects.filter(id__in=missing).values_list("id", "code"))

    def _as_domain(self, rows: list[OrgVersion], day: dt.date) -> None:
        ids = {int(x) for v in rows for x in v.path.strip("/").split("/")}
        self._code_of(list(ids))
        for v in rows:
            path = tuple(self._codes[int(x)] for x in v.path.strip("/").split("/"))
            code = path[-1]
            self._orgs[(code, day)] = R.OrgVersion(code, v.valid_from, v.valid_to, v.name, v.level, v.org_type or None,
                                                   path[-2] if len(path) > 1 else None, path)

    def org_on(self, code: str, day: dt.date) -> R.OrgVersion | None:
        if (code, day) not in self._orgs:
            self._orgs[(code, day)] = None
            self._as_domain(list(OrgVersion.objects.filter(on(day), org__code=code)), day)
        return self._orgs[(code, day)]

    def spell_on(self, person: str, day: dt.date) -> StoredSpell | None:
        if (person, day) not in self._spells:
            s = MemberSpell.objects.filter(on(day), person__code=person).values_list("cell__code", "status", "exempt").first()
            self._spells[(person, day)] = StoredSpell(person, *s) if s else None
            if s:
                self.org_on(s[0], day)
        return self._spells[(person, day)]

    def load_subtree(self, path: str, day: dt.date) -> None:
        """Remember every unit under `path` (an OrgVersion path) and every member of its cells on `day`."""
        rows = list(OrgVersion.objects.filter(on(day), path__startswith=path))
        self._as_domain(rows, day)
        spells = MemberSpell.objects.filter(on(day), cell_id__in=[v.org_id for v in rows]).values_list(
            "person__code", "cell_id", "status", "exempt")
        for code, cell_id, status, exempt in spells:
            self._spells[(code, day)] = StoredSpell(code, self._codes[cell_id], status, exempt)


class StoredPersons:
    """`code in StoredPersons()`: is there a person with this code (asked once per code)."""

    def __init__(self):
        self._seen: dict[str, bool] = {}

    def __contains__(self, code) -> bool:
        if code not in self._seen:
            self._seen[code] = Person.objects.filter(code=code).exists()
        return self._seen[code]


def stored_world(**extra) -> REC.World:
    """A `World` over the stored register, for the single-record services."""
    from dangbo.assessment.models import ClosedYear

    world = REC.World(StoredRegister(), rulebook(), StoredPersons(), **extra)  # type: ignore[arg-type]
    world.closed_years = {(c, y) for c, y in ClosedYear.objects.values_list("root__code", "year")}
    return world
