"""The engine: events applied date by date in domain.md's order of the day's groups, the
hard invariants checked at the end of every date and the regulatory rules on each event
(`rules.py`), the unit events handled by `tree.Tree` and the member events by
`membership.Membership`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from .. import codes as C
from ..problems import Problem
from .events import Context, Expulsion, Group, MemberEvent, OrgEvent
from .membership import Membership
from .result import Occupancy, OrgVersion, ReplayResult, Spell
from .state import PersonState, Phase, UnitState
from .tree import ORG_HANDLERS, Tree
from .units import END_OF_DAY, MEMBER_PHASE, UnitEffect, UnitFact, UnitView


def group_of(kind: str) -> Group:
    """A unit event's group: those that end units come after the day's member events."""
    return Group.END if kind in C.ORG_END else Group.CREATE


class Replay(Tree, Membership):
    """Applies events date by date; call `run()` once."""

    def __init__(
        self,
        org_events: list[OrgEvent],
        member_events: list[MemberEvent],
        expulsions: list[Expulsion],
        context: Context,
        record_units: bool = False,
        unit_effects: list[UnitEffect] = (),  # type: ignore[assignment]
    ):
        self.ctx = context
        self.view = UnitView() if record_units else None
        self.rules = context.rules
        self.orgs: dict[str, UnitState] = {}
        self.children: dict[str, set[str]] = defaultdict(set)
        self.people: dict[str, PersonState] = {}
        self.cell_members: dict[str, set[str]] = defaultdict(set)
        self.versions: dict[str, list[OrgVersion]] = defaultdict(list)
        self.spells: dict[str, list[Spell]] = defaultdict(list)
        self.merges: list[tuple[str, str, dt.date]] = []
        self.problems: list[Problem] = []
        self.occupancy: list[Occupancy] = []
        items: list[tuple] = []
        e: Any
        for e in org_events:
            items.append((e.date, group_of(e.kind), e.seq, e))
        for e in member_events:
            items.append((e.date, Group.MEMBER, e.seq, e))
        for e in expulsions:
            items.append((e.date, Group.EXPEL, e.seq, e))
        for e in unit_effects:  # a member replay's, each at its unit event's place
            items.append((e.date, e.group, e.seq, e))
        items.sort(key=lambda t: (t[0], t[1], t[2]))
        self.items = items

    # ---- main loop ---------------------------------------------------------------------
    def run(self) -> ReplayResult:
        i, n = 0, len(self.items)
        while i < n:
            day = self.items[i][0]
            j = i
            while j < n and self.items[j][0] == day:
                j += 1
            self._apply_day(day, [t[3] for t in self.items[i:j]])
            i = j
        problems = self.problems + [o.problem() for o in self.occupancy]
        return ReplayResult(dict(self.versions), dict(self.spells), self.merges, problems, self.occupancy, self.view)

    def _apply_day(self, day: dt.date, events: list) -> None:
        self.today = day
        self.dirty_orgs: dict[str, object] = {}
        self.moved_orgs: set[str] = set()
        self.dirty_people: set[str] = set()
        self.dissolved_full: set[str] = set()  # dissolved with members today: said once
        seen_by_members = self.view is None
        for ev in events:
            if isinstance(ev, OrgEvent):
                if not seen_by_members and group_of(ev.kind) == Group.END:
                    self._record_units(day, MEMBER_PHASE)
                    seen_by_members = True
                ORG_HANDLERS[ev.kind](self, ev, day)
            elif isinstance(ev, MemberEvent):
                self._member(ev, day)
            elif isinstance(ev, Expulsion):
                self._expel(ev, day)
            else:
                self._unit_effect(ev)
        if not seen_by_members:
            self._record_units(day, MEMBER_PHASE)
        self._end_of_day(day)

    # ---- recording the units for member replays ------------------------------------------
    def _record_units(self, day: dt.date, phase: int) -> None:
        for code in self.dirty_orgs:
            self.view.record(self.orgs[code], day, phase)  # type: ignore[union-attr]

    def _unit_effect(self, ef: UnitEffect) -> None:
        raise TypeError("unit effects are replayed by MemberReplay")

    # ---- end of day ----------------------------------------------------------------------
    def _end_of_day(self, day: dt.date) -> None:
        affected: set[str] = set()
        for code in self.dirty_orgs:
            if code in self.moved_orgs:
                affected.update(self._subtree(code))
            else:
                affected.add(code)
        # Parents first, so that a child's level follows its parent's level of the same day.
        def depth(code: str) -> int:
            d, org, seen = 0, self.orgs[code], set()
            while org.parent and org.parent in self.orgs and org.code not in seen:
                seen.add(org.code)
                org = self.orgs[org.parent]
                d += 1
            return d

        ordered = sorted(affected, key=depth)
        for code in ordered:
            self._settle_org(self.orgs[code], day)
        for code in ordered:
            org = self.orgs[code]
            members = self.cell_members.get(code)
            ev = self.dirty_orgs.get(code)
            if (not org.alive or not org.is_cell) and isinstance(ev, OrgEvent):
                if self.view is not None and code in self.view.ever_cell:
                    self._effect(ev, "not_cell", code, group=Group.AFTER_END)
                if members and code not in self.dissolved_full:
                    self.occupancy.append(Occupancy(ev.ref, code, day, "not_cell", frozenset(members)))
        for code in ordered:  # parents first: a child's path extends its parent's new version
            self._emit_version(self.orgs[code], day)
        if self.view is not None:
            self._record_units(day, END_OF_DAY)
        for code in self.dirty_people:
            self._emit_spell(self.people[code], day)


class MemberReplay(Replay):
    """Member events and expulsions replayed against a unit replay already run with
    `record_units=True`: the same spells, member problems and occupancy as `Replay` of those
    units with these persons, while the units' own events are not applied again (their
    versions, lineage and problems are the unit replay's). The importer checks its groups of
    persons this way against its one replay of the tree."""

    def __init__(self, units: ReplayResult, member_events: list[MemberEvent], expulsions: list[Expulsion], context: Context):
        if units.units_view is None:
            raise ValueError("the unit replay did not record its units (record_units=True)")
        super().__init__([], member_events, expulsions, context, unit_effects=units.units_view.effects)
        self.units = units
        self.unit_view = units.units_view

    def run(self) -> ReplayResult:
        result = super().run()
        result.versions, result._org_keys, result.merges = self.units.versions, self.units._org_keys, self.units.merges
        return result

    def _unit(self, code: str) -> UnitFact | None:
        return self.unit_view.at(code, self.today)

    def _unit_effect(self, ef: UnitEffect) -> None:
        if ef.kind == "merge":
            source, target = ef.codes
            for person in list(self.cell_members.get(source, ())):
                self._move(self.people[person], target)
        elif ef.kind == "dissolve":
            members = self.cell_members.get(ef.codes[0])
            if members:
                self.occupancy.append(Occupancy(ef.ref, ef.codes[0], ef.date, "dissolve", frozenset(members)))
                self.dissolved_full.add(ef.codes[0])
        elif ef.kind == "hand_over":
            for code in ef.codes:
                for person in list(self.cell_members.get(code, ())):
                    self._leave(self.people[person], ef.date, Phase.LEFT_TRANSFER, "chuyen_giao")
        else:  # not_cell
            code = ef.codes[0]
            members = self.cell_members.get(code)
            if members and code not in self.dissolved_full:
                self.occupancy.append(Occupancy(ef.ref, code, ef.date, "not_cell", frozenset(members)))

    def _end_of_day(self, day: dt.date) -> None:
        for code in self.dirty_people:
            self._emit_spell(self.people[code], day)
