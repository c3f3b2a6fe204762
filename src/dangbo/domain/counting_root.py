"""Which root's register counts a record (term-report.md, "Scope"): one definition.

The term report, the excellent-rating quota and the derived columns stored beside the
records (`scope_root`, `scope_group`) all ask these questions, of any register view that
answers `org_on(code, day)` and `spell_on(person, day)` — a replay, or the stored
projections.
"""

from __future__ import annotations

import datetime as dt

from . import codes as C
from .dates import ONE_DAY

# Events that take their subject out of scope: judged at the end of the day before.
OUT_EVENTS = frozenset({"chuyen_di", "chuyen_giao", "sap_nhap", "giai_the", "tu_tran", "xoa_ten", "khai_tru"})


def judged_day(kind: str, day: dt.date) -> dt.date:
    """The day on which an event's subject must be in scope for the event to count."""
    return day - ONE_DAY if kind in OUT_EVENTS else day


def member_root(register, person: str, day: dt.date) -> str | None:
    """The root of the person's cell at the end of `day` (None: not a member, or the cell's
    chain did not reach a root that day)."""
    spell = register.spell_on(person, day)
    if spell is None:
        return None
    cell = register.org_on(spell.cell, day)
    return cell.path[0] if cell is not None else None


def org_root(register, code: str, day: dt.date) -> str | None:
    """The root of the unit at the end of `day` (None when it did not exist then)."""
    unit = register.org_on(code, day)
    return unit.path[0] if unit is not None else None


def event_root(register, kind: str, person: str, day: dt.date) -> str | None:
    """The root whose register counts a member event of `kind` on `day`."""
    return member_root(register, person, judged_day(kind, day))


def unit_scope(unit) -> tuple[str | None, str | None]:
    """(counting root, quota group) of a unit's rating, given the unit's version on 31
    December: only a TCCSĐ's rating counts (term-report.md) and has a quota, its root's."""
    return (unit.path[0], unit.path[0]) if unit.level in C.TCCSD_LEVELS else (None, None)


def cell_scope(cell) -> tuple[str, str | None]:
    """(counting root, quota group) of a member's rating, given their cell's version on 31
    December: the cell's root, and its TCCSĐ."""
    return cell.path[0], (cell.path[1] if len(cell.path) > 1 else None)


def rating_scope(register, subject_kind: str, code: str, year: int) -> tuple[str | None, str | None]:
    """(the root whose report counts a rating, its quota group), both on 31 December of
    `year`; (None, None) when no root counts it."""
    day = dt.date(year, 12, 31)
    if subject_kind == "to_chuc":
        unit = register.org_on(code, day)
        return unit_scope(unit) if unit is not None else (None, None)
    spell = register.spell_on(code, day)
    cell = register.org_on(spell.cell, day) if spell is not None else None
    return cell_scope(cell) if cell is not None else (None, None)
