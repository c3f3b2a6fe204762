"""The engine's working state of a unit and of a person while it replays."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..problems import Problem
from .result import Occupancy, OrgVersion, Spell
from .units import UnitFact, UnitView


class Phase(StrEnum):
    """Where a person stands in the member lifecycle (domain.md)."""

    NONE = "none"  # never a member in the register
    MEMBER = "member"
    LEFT_TRANSFER = "left_transfer"  # transferred out or handed over with their unit
    LEFT_STRUCK = "left_struck"  # struck off or expelled
    DEAD = "dead"


@dataclass(slots=True)
class UnitState:
    code: str
    name: str
    is_cell: bool
    level: str
    org_type: str | None
    parent: str | None
    alive: bool = True
    ended_by: str | None = None
    declared_level: str | None = None
    version: OrgVersion | None = None


@dataclass(slots=True)
class PersonState:
    code: str
    phase: Phase = Phase.NONE
    cell: str | None = None
    status: str | None = None
    exempt: bool = False
    first_admission: dt.date | None = None
    gap_months: int = 0
    ceremony: dt.date | None = None
    official: dt.date | None = None
    card: str | None = None
    badge: int | None = None
    left_on: dt.date | None = None
    left_by: str | None = None
    readmissions: int = 0
    spell: Spell | None = None




class ReplayState:
    """What the tree's and the membership's moves share while a replay runs (`engine.Replay`
    sets it up): the units and persons as they stand, the projections emitted so far, and the
    problems found."""

    ctx: Any
    view: UnitView | None
    orgs: dict[str, UnitState]
    children: dict[str, set[str]]
    people: dict[str, PersonState]
    cell_members: dict[str, set[str]]
    versions: dict[str, list[OrgVersion]]
    spells: dict[str, list[Spell]]
    merges: list[tuple[str, str, dt.date]]
    problems: list[Problem]
    occupancy: list[Occupancy]
    today: dt.date
    dirty_orgs: dict[str, object]
    moved_orgs: set[str]
    dirty_people: set[str]
    dissolved_full: set[str]  # dissolved with members today: said once

    def error(self, ev, code: str, column: str | None, value, message: str) -> None:
        """A hard error of `ev`, under its stable `code` (what tests and the API compare)."""
        self.problems.append(Problem(ev.ref, column, value, message, code=code))

    def breaches(self, ev, found: list[Problem]) -> None:
        # Regulatory breaches are judged for new input only: stored records were accepted
        # (or overridden) when they were written.
        if ev.new:
            self.problems.extend(found)

    def _unit(self, code: str) -> UnitState | UnitFact | None:
        """The unit as the current event sees it (a member replay reads it from its view)."""
        return self.orgs.get(code)

    def _root_of(self, code: str) -> str | None:
        seen = set()
        org = self._unit(code)
        while org is not None and org.parent:
            if org.code in seen:
                return None
            seen.add(org.code)
            org = self._unit(org.parent)
        return org.code if org else None

    def _is_cell_now(self, ev, code: str | None, column: str, day: dt.date) -> bool:
        org = self._unit(code) if code else None
        if org is None or not org.alive:
            self.error(ev, "cell_missing", column, code, f"Chi bộ {code} không tồn tại vào ngày {day:%d/%m/%Y}.")
            return False
        if not org.is_cell:
            self.error(ev, "not_a_cell", column, code, f"{code} không phải là chi bộ: đảng viên chỉ sinh hoạt ở chi bộ cơ sở hoặc chi bộ trực thuộc.")
            return False
        return True

    def _move(self, p: PersonState, cell: str) -> None:
        if p.cell:
            self.cell_members[p.cell].discard(p.code)
        p.cell = cell
        self.cell_members[cell].add(p.code)
        self.dirty_people.add(p.code)

    def _leave(self, p: PersonState, day: dt.date, phase: Phase, how: str) -> None:
        if p.cell:
            self.cell_members[p.cell].discard(p.code)
        p.phase, p.cell, p.left_on, p.left_by = phase, None, day, how
        p.exempt = False
        self.dirty_people.add(p.code)
