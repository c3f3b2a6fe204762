"""The units as member events see them, recorded by a replay of the unit events alone, so
that groups of persons can be replayed against them without replaying the units again."""

from __future__ import annotations

import bisect
import datetime as dt
from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..problems import Ref
from .events import Group

if TYPE_CHECKING:
    from .state import UnitState

AFTER_END = Group.AFTER_END
@dataclass(frozen=True, slots=True)
class UnitFact:
    """What a member event reads of a unit: whether it exists and is a cell, and its parent
    (for the root, walked up as the replay does)."""

    code: str
    alive: bool
    is_cell: bool
    parent: str | None


@dataclass(frozen=True, slots=True)
class UnitEffect:
    """What a unit event does to the members of its units, at its place in the day's order:
    "merge" moves the members of `codes[0]` to `codes[1]`; "dissolve" ends `codes[0]`,
    members or not (they are the occupancy); "hand_over" ends every unit of `codes` with its
    members; "not_cell" is the end-of-day check that `codes[0]`, changed by `ref`'s event and
    no longer a cell, holds no members."""

    date: dt.date
    group: int
    seq: tuple
    ref: Ref
    kind: str
    codes: tuple[str, ...]


MEMBER_PHASE, END_OF_DAY = 0, 1


class UnitView:
    """The units as member events saw them, recorded by a replay of the unit events alone
    (`Replay(..., record_units=True)`): for each unit, its facts from the point of each day
    they changed (member events of a day see the units after that day's creating and changing
    events and before its ending ones), and the unit events' effects on members. A
    `MemberReplay` of any group of persons against it gives what a replay of the units with
    those persons gives, without replaying the units again."""

    __slots__ = ("keys", "facts", "effects", "ever_cell")

    def __init__(self) -> None:
        # Per unit, the points its facts changed as ints (day's ordinal × 2 + phase) in an
        # array: the importer's worker processes share this view with their parent, and a
        # bisect over an array writes no reference count into the shared pages (a list of
        # (day, phase) tuples did, and so copied them into every worker).
        self.keys: dict[str, array] = {}
        self.facts: dict[str, list[UnitFact]] = {}
        self.effects: list[UnitEffect] = []
        self.ever_cell: set[str] = set()  # units members could ever have joined

    def record(self, org: UnitState, day: dt.date, phase: int) -> None:
        fact = UnitFact(org.code, org.alive, org.is_cell, org.parent)
        if org.is_cell:
            self.ever_cell.add(org.code)
        facts = self.facts.get(org.code)
        point = _point(day, phase)
        if facts is None:
            self.keys[org.code], self.facts[org.code] = array("i", (point,)), [fact]
        elif facts[-1] != fact:
            self.keys[org.code].append(point)
            facts.append(fact)

    def at(self, code: str, day: dt.date) -> UnitFact | None:
        """The unit as the member events of `day` see it, or None before it existed."""
        keys = self.keys.get(code)
        if keys is None:
            return None
        i = bisect.bisect_right(keys, _point(day, MEMBER_PHASE)) - 1
        return self.facts[code][i] if i >= 0 else None


def _point(day: dt.date, phase: int) -> int:
    """A point of a unit's changes in `UnitView.keys`: (day, phase) in day order, as an int."""
    return day.toordinal() * 2 + phase


