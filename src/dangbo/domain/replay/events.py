"""What the engine reads: the events (by codes, not database ids), the day's groups in the
order of domain.md, and the context the regulatory rules need besides the events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum

from ..problems import Ref
from ..rulebook import RuleBook


class Group(IntEnum):
    """The order of a day's events (domain.md): unit events that create or change units;
    member events; expulsions by discipline; unit events that end units. Each group keeps
    its input order."""

    CREATE = 0
    MEMBER = 1
    EXPEL = 2
    END = 3
    AFTER_END = 4  # the end-of-day checks, after every event of the day


GROUP_CREATE, GROUP_MEMBER, GROUP_EXPEL, GROUP_END = Group.CREATE, Group.MEMBER, Group.EXPEL, Group.END


@dataclass(slots=True)
class OrgEvent:
    """An organization event as the engine sees it (codes, not database ids)."""

    seq: tuple
    date: dt.date
    kind: str
    code: str
    ref: Ref
    name: str | None = None
    level: str | None = None
    org_type: str | None = None
    parent: str | None = None
    target: str | None = None
    new: bool = True


@dataclass(slots=True)
class MemberEvent:
    """A member event as the engine sees it."""

    seq: tuple
    date: dt.date
    kind: str
    person: str
    ref: Ref
    cell: str | None = None
    status: str | None = None
    admission_date: dt.date | None = None
    ceremony_date: dt.date | None = None
    official_date: dt.date | None = None
    badge_received: int | None = None
    decision_date: dt.date | None = None
    early: bool = False
    card_no: str | None = None
    years: int | None = None
    new: bool = True


@dataclass(slots=True)
class Expulsion:
    """A `ky_luat` row with `khai_tru` of a member: ends the membership on its date."""

    seq: tuple
    date: dt.date
    person: str
    ref: Ref
    new: bool = True


@dataclass
class Context:
    """What the regulatory rules need besides the events themselves."""

    rules: RuleBook
    birth_dates: dict[str, dt.date] = field(default_factory=dict)
    # person -> [(class kind, certificate date or None, completed)]
    certificates: dict[str, list[tuple[str, dt.date | None, bool]]] = field(default_factory=dict)
    # person -> sorted dates on which an admission file was opened
    files_opened: dict[str, list[dt.date]] = field(default_factory=dict)
    # person -> [(date, discipline form)]
    disciplines: dict[str, list[tuple[dt.date, str]]] = field(default_factory=dict)


