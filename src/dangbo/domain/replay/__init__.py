"""Replay of organization and member events: the tree and the register on every date.

One engine serves the single-event services and the bulk importer: it takes events (stored
ones and new ones alike, identified by a `Ref`), applies them date by date in the order of
domain.md — unit events that create or change units; member events; expulsions by
discipline; unit events that end units; each group in input order — checks the hard
invariants at the end of every date and the regulatory rules on each event, and returns
the effective-dated versions of every unit and the membership spells of every person.

Read in this order: `events` (what goes in), `result` (what comes out), `engine` (the day's
loop), `tree` and `membership` (one handler per event code, the come-back table as data),
`rules` (the regulatory checks as pure functions), `units` (the units as member events see
them, for replaying groups of persons apart), `state` (the working state).
"""

from .engine import MemberReplay, Replay, group_of
from .events import (
    GROUP_CREATE,
    GROUP_END,
    GROUP_EXPEL,
    GROUP_MEMBER,
    Context,
    Expulsion,
    Group,
    MemberEvent,
    OrgEvent,
)
from .result import Occupancy, OrgVersion, ReplayResult, Spell, merge_occupancy, same_spell
from .state import Phase
from .units import UnitEffect, UnitFact, UnitView

__all__ = [
    "GROUP_CREATE", "GROUP_END", "GROUP_EXPEL", "GROUP_MEMBER", "Context", "Expulsion", "Group", "MemberEvent",
    "MemberReplay", "Occupancy", "OrgEvent", "OrgVersion", "Phase", "Replay", "ReplayResult", "Spell", "UnitEffect",
    "UnitFact", "UnitView", "group_of", "merge_occupancy", "same_spell",
]
