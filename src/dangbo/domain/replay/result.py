"""What the engine produces: the versions of every unit, the spells of every person, the
lineage of roots and the problems found."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..problems import Problem, Ref

if TYPE_CHECKING:
    from .units import UnitView


@dataclass(slots=True)
class OrgVersion:
    """A unit as it was from `valid_from` (inclusive) to `valid_to` (exclusive, None: still)."""

    code: str
    valid_from: dt.date
    valid_to: dt.date | None
    name: str
    level: str
    org_type: str | None
    parent: str | None
    path: tuple[str, ...]


@dataclass(slots=True)
class Spell:
    """A person's membership as it was from `valid_from` to `valid_to` (exclusive)."""

    person: str
    valid_from: dt.date
    valid_to: dt.date | None
    cell: str
    status: str
    exempt: bool
    party_age_from: dt.date
    ceremony_date: dt.date | None
    official_date: dt.date | None
    card_no: str | None
    badge_years: int | None


@dataclass(frozen=True, slots=True)
class Occupancy:
    """A unit event that needed its unit empty of members and found some: dissolved with
    members left ("dissolve"), or no longer a cell at the end of the day with members left
    ("not_cell"). Kept apart from other problems because it is the one check of a unit that
    depends on members: replays of disjoint groups of persons against the same unit events
    each see some of the members, and their occupancies merge into the one problem a replay
    of everyone would report (`merge_occupancy`)."""

    ref: Ref
    code: str
    day: dt.date
    kind: str  # dissolve | not_cell
    members: frozenset[str]

    def problem(self) -> Problem:
        members = sorted(self.members)
        listed = ", ".join(members[:5])
        if self.kind == "dissolve":
            message = f"Không giải thể được: chi bộ còn {len(members)} đảng viên ({listed})."
        else:
            message = (f"Cuối ngày {self.day:%d/%m/%Y}, {self.code} không còn là chi bộ nhưng còn {len(members)} "
                       f"đảng viên chưa chuyển ({listed}).")
        return Problem(self.ref, "ma", self.code, message,
                       code="dissolve_with_members" if self.kind == "dissolve" else "members_left_in_former_cell")


def merge_occupancy(parts) -> list[Occupancy]:
    """One occupancy per unit event and check, with the members every part found."""
    merged: dict[tuple, set[str]] = {}
    for o in parts:
        merged.setdefault((o.ref, o.code, o.day, o.kind), set()).update(o.members)
    return [Occupancy(ref, code, day, kind, frozenset(m)) for (ref, code, day, kind), m in merged.items()]


@dataclass
class ReplayResult:
    """Everything the replay found: versions, spells, lineage and problems.

    `problems` includes the problems of `occupancy` (kept separately too, for merging)."""

    versions: dict[str, list[OrgVersion]]
    spells: dict[str, list[Spell]]
    merges: list[tuple[str, str, dt.date]]  # (root that ended, root it merged into, date)
    problems: list[Problem]
    occupancy: list[Occupancy] = field(default_factory=list)
    units_view: UnitView | None = None  # recorded for member replays (record_units=True)
    _org_keys: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _spell_keys: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @staticmethod
    def _on(rows: list, keys: dict, key: str, day: dt.date):
        """The row of `rows` (sorted, not overlapping) in force at the end of `day`."""
        if len(rows) <= 8:  # most units and persons have a few versions: scan from the latest
            for r in reversed(rows):
                if r.valid_from <= day:
                    return r if r.valid_to is None or r.valid_to > day else None
            return None
        found = keys.get(key)
        if found is None or len(found) != len(rows):
            found = keys[key] = [r.valid_from for r in rows]
        i = bisect.bisect_right(found, day) - 1
        if i < 0:
            return None
        r = rows[i]
        return r if r.valid_to is None or r.valid_to > day else None

    def org_on(self, code: str, day: dt.date) -> OrgVersion | None:
        """The unit's version at the end of `day`, or None when it did not exist then."""
        versions = self.versions.get(code)
        return self._on(versions, self._org_keys, code, day) if versions else None

    def units_on(self, day: dt.date) -> list[OrgVersion]:
        """Every unit's version at the end of `day`."""
        out = []
        for code in self.versions:
            v = self.org_on(code, day)
            if v is not None:
                out.append(v)
        return out

    def members_on(self, day: dt.date) -> list[Spell]:
        """Every membership spell in force at the end of `day`."""
        out = []
        for person in self.spells:
            s = self.spell_on(person, day)
            if s is not None:
                out.append(s)
        return out

    def spell_on(self, person: str, day: dt.date) -> Spell | None:
        """The person's membership at the end of `day`, or None when not a member then."""
        spells = self.spells.get(person)
        return self._on(spells, self._spell_keys, person, day) if spells else None


def same_spell(a: Spell, b: Spell) -> bool:
    return (a.cell, a.status, a.exempt, a.party_age_from, a.ceremony_date, a.official_date,
            a.card_no, a.badge_years) == (b.cell, b.status, b.exempt, b.party_age_from,
                                          b.ceremony_date, b.official_date, b.card_no, b.badge_years)
