"""What a single write has to replay, so that it costs the same in a bloc and in the nation.

A unit's versions depend on its own events and on the units its events name (its parents,
the unit it merges into), and theirs on the units they name, up to the roots: the *closure*
of a few units under "named by an event of". A replay of the events of that closure alone
gives those units exactly the versions a replay of every unit gives them, because no event
outside it can change one of them (an event changes its own unit, the unit it names, and
the subtree under its unit; the subtree is reached from below through the names). Persons
replayed against that closure (their own cells as seeds) get the same spells and problems
as against the whole tree.

`needed_org_events` computes the closure; the caller says how to read the events of a set
of units (a query per step on the database, a lookup in tests) and which units seed it.
`below` gives what a unit event can reach downwards: every unit that ever named one of its
units as parent or as the unit it merged into, transitively — its subtree at any time,
including a stay of part of a day that no stored version shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .events import MemberEvent, OrgEvent


def named(ev: OrgEvent) -> set[str]:
    """The units a unit event reads or changes besides its own subtree."""
    return {c for c in (ev.code, ev.parent, ev.target) if c}


def cells_named(events: Iterable[MemberEvent]) -> set[str]:
    """The cells a person's events put them in (the seeds of a member's replay)."""
    return {e.cell for e in events if e.cell}


def needed_org_events(seeds: Iterable[str], events_of: Callable[[set[str]], Iterable[OrgEvent]],
                      limit: int = 64) -> list[OrgEvent]:
    """Every event of the units of `seeds` and of the units they name, transitively.
    `events_of(codes)` gives every event of those units; a step reads only units not read
    before, and the depth of the tree bounds the steps (`limit` guards a malformed chain)."""
    known: set[str] = set()
    frontier = {c for c in seeds if c}
    out: dict[tuple, OrgEvent] = {}
    for _ in range(limit):
        if not frontier:
            break
        known |= frontier
        found: set[str] = set()
        for ev in events_of(frontier):
            out[ev.seq] = ev
            found |= named(ev)
        frontier = found - known
    return list(out.values())


def below(units: Iterable[str], events_naming: Callable[[set[str]], Iterable[OrgEvent]],
          limit: int = 64) -> set[str]:
    """`units` and every unit whose events name one of them as parent or merger target,
    transitively. `events_naming(codes)` gives the events whose parent or target is among
    `codes`."""
    out = {c for c in units if c}
    frontier = set(out)
    for _ in range(limit):
        if not frontier:
            break
        found = {ev.code for ev in events_naming(frontier)}
        frontier = found - out
        out |= frontier
    return out


# Unit events that change no one's membership (a new name or type), or that create a unit
# with no members yet.
KEEP_MEMBERS = frozenset({"doi_ten", "doi_loai_hinh", "khoi_tao", "thanh_lap"})


def touched_units(kind: str, code: str) -> set[str]:
    """The units whose members a unit event can move, take out or re-judge: the unit itself
    (with its subtree), except for a new name or type and a new unit (one that comes back by
    `tiep_nhan` may have had members). A merger's target only receives the members of the
    unit that ends, who are in its subtree."""
    return set() if kind in KEEP_MEMBERS else {code}


CREATING = frozenset({"khoi_tao", "thanh_lap", "tiep_nhan"})


def roots_of(events: Iterable[OrgEvent]) -> set[str]:
    """The roots among the units of `events`: those created with no parent (a root is never
    moved under another unit)."""
    return {e.code for e in events if e.kind in CREATING and not e.parent}


def created(events: Iterable[OrgEvent]) -> set[str]:
    """The codes `events` create (or take over): two writes creating one code must meet, in
    whichever roots they are."""
    return {e.code for e in events if e.kind in CREATING}
