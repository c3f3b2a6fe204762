"""Replay of organization and member events: the tree and the register on every date.

One engine serves the single-event services and the bulk importer: it takes events (stored
ones and new ones alike, identified by a `Ref`), applies them date by date in the order of
domain.md — unit events that create or change units; member events; expulsions by
discipline; unit events that end units; each group in input order — checks the hard
invariants at the end of every date and the regulatory rules on each event, and returns
the effective-dated versions of every unit and the membership spells of every person.
"""

from __future__ import annotations

import bisect
import datetime as dt
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from . import codes as C
from .dates import add_months, full_years, months_between
from .problems import Problem, Ref
from .rulebook import RuleBook

GROUP_CREATE, GROUP_MEMBER, GROUP_EXPEL, GROUP_END = 0, 1, 2, 3


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


@dataclass(slots=True)
class _Org:
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
class _Person:
    code: str
    phase: str = "none"  # none | member | left_transfer | left_struck | dead
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
        return Problem(self.ref, "ma", self.code, message)


def merge_occupancy(parts) -> list[Occupancy]:
    """One occupancy per unit event and check, with the members every part found."""
    merged: dict[tuple, set[str]] = {}
    for o in parts:
        merged.setdefault((o.ref, o.code, o.day, o.kind), set()).update(o.members)
    return [Occupancy(ref, code, day, kind, frozenset(m)) for (ref, code, day, kind), m in merged.items()]


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


AFTER_END = GROUP_END + 1  # the end-of-day checks, after every event of the day
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

    def record(self, org: _Org, day: dt.date, phase: int) -> None:
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


def _group(kind: str) -> int:
    return GROUP_END if kind in C.ORG_END else GROUP_CREATE


class Replay:
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
        self.orgs: dict[str, _Org] = {}
        self.children: dict[str, set[str]] = defaultdict(set)
        self.people: dict[str, _Person] = {}
        self.cell_members: dict[str, set[str]] = defaultdict(set)
        self.versions: dict[str, list[OrgVersion]] = defaultdict(list)
        self.spells: dict[str, list[Spell]] = defaultdict(list)
        self.merges: list[tuple[str, str, dt.date]] = []
        self.problems: list[Problem] = []
        self.occupancy: list[Occupancy] = []
        items: list[tuple] = []
        e: Any
        for e in org_events:
            items.append((e.date, _group(e.kind), e.seq, e))
        for e in member_events:
            items.append((e.date, GROUP_MEMBER, e.seq, e))
        for e in expulsions:
            items.append((e.date, GROUP_EXPEL, e.seq, e))
        for e in unit_effects:  # a member replay's, each at its unit event's place
            items.append((e.date, e.group, e.seq, e))
        items.sort(key=lambda t: (t[0], t[1], t[2]))
        self.items = items

    # ---- reporting -------------------------------------------------------------------
    def error(self, ev, column: str | None, value, message: str) -> None:
        self.problems.append(Problem(ev.ref, column, value, message))

    def breach(self, ev, rule: str, column: str | None, value, message: str) -> None:
        # Regulatory breaches are judged for new input only: stored records were accepted
        # (or overridden) when they were written.
        if ev.new:
            self.problems.append(Problem(ev.ref, column, value, message, rule))

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
                if not seen_by_members and _group(ev.kind) == GROUP_END:
                    self._record_units(day, MEMBER_PHASE)
                    seen_by_members = True
                getattr(self, "_org_" + ev.kind)(ev, day)
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

    def _effect(self, ev: OrgEvent, kind: str, *codes: str, group: int = GROUP_END) -> None:
        if self.view is not None:
            self.view.effects.append(UnitEffect(ev.date, group, ev.seq, ev.ref, kind, codes))

    def _unit_effect(self, ef: UnitEffect) -> None:
        raise TypeError("unit effects are replayed by MemberReplay")

    # ---- organization events -----------------------------------------------------------
    def _alive(self, ev: OrgEvent, code: str | None, column: str, day: dt.date) -> _Org | None:
        org = self.orgs.get(code) if code else None
        if org is None or not org.alive:
            self.error(ev, column, code, f"Tổ chức {code} không tồn tại vào ngày {day:%d/%m/%Y}.")
            return None
        return org

    def _touch(self, org: _Org, ev: OrgEvent, moved: bool = False) -> None:
        self.dirty_orgs.setdefault(org.code, ev)
        if moved:
            self.moved_orgs.add(org.code)

    def _new_org(self, ev: OrgEvent, day: dt.date, returning: _Org | None) -> None:
        level = ev.level or (returning.level if returning else None)
        name = ev.name or (returning.name if returning else None)
        if not name:
            self.error(ev, "ten", None, "Thiếu tên tổ chức.")
        if not level:
            self.error(ev, "cap", None, "Thiếu cấp của tổ chức.")
            return
        if level == C.ROOT and ev.parent:
            self.error(ev, "ma_cap_tren", ev.parent, "Đảng bộ cấp trên trực tiếp cơ sở không có tổ chức cấp trên trong hệ thống.")
            return
        if level != C.ROOT and not ev.parent:
            self.error(ev, "ma_cap_tren", None, "Thiếu mã tổ chức cấp trên.")
            return
        org = returning or _Org(ev.code, name or ev.code, level in C.CELL_LEVELS, level, ev.org_type, ev.parent)
        org.name, org.is_cell, org.level = name or org.name, level in C.CELL_LEVELS, level
        org.org_type = ev.org_type or org.org_type
        org.parent, org.alive, org.ended_by = ev.parent, True, None
        org.declared_level = level
        self.orgs[ev.code] = org
        if ev.parent:
            self.children[ev.parent].add(ev.code)
        self._touch(org, ev, moved=True)

    def _org_khoi_tao(self, ev: OrgEvent, day: dt.date) -> None:
        if ev.code in self.orgs:
            self.error(ev, "ma", ev.code, f"Mã tổ chức {ev.code} đã có trong hệ thống.")
            return
        self._new_org(ev, day, None)

    _org_thanh_lap = _org_khoi_tao

    def _org_tiep_nhan(self, ev: OrgEvent, day: dt.date) -> None:
        old = self.orgs.get(ev.code)
        if old is not None and (old.alive or old.ended_by != "chuyen_giao"):
            why = "đang tồn tại" if old.alive else "đã kết thúc (không phải do chuyển giao)"
            self.error(ev, "ma", ev.code, f"Không thể tiếp nhận tổ chức {ev.code}: mã này {why}.")
            return
        if old is not None and old.parent:
            self.children[old.parent].discard(old.code)
        self._new_org(ev, day, old)

    def _org_doi_ten(self, ev: OrgEvent, day: dt.date) -> None:
        org = self._alive(ev, ev.code, "ma", day)
        if org is None:
            return
        if not ev.name:
            self.error(ev, "ten", None, "Đổi tên cần tên mới.")
            return
        org.name = ev.name
        self._touch(org, ev)

    def _org_nang_cap(self, ev: OrgEvent, day: dt.date) -> None:
        org = self._alive(ev, ev.code, "ma", day)
        if org is None:
            return
        target = C.UPGRADE.get(org.level)
        if not org.is_cell or target is None:
            self.error(ev, "ma", ev.code, "Chỉ nâng cấp được chi bộ cơ sở (thành đảng bộ cơ sở) hoặc chi bộ trực thuộc đảng bộ cơ sở (thành đảng bộ bộ phận).")
            return
        if not ev.level:
            self.error(ev, "cap", None, f"Nâng cấp cần cấp mới ({target}).")
            return
        if ev.level != target:
            self.error(ev, "cap", ev.level, f"Tổ chức cấp {org.level} chỉ nâng cấp thành {target}.")
            return
        org.is_cell, org.level = False, target
        org.declared_level = target
        self._touch(org, ev, moved=True)

    def _org_chuyen_cap_tren(self, ev: OrgEvent, day: dt.date) -> None:
        org = self._alive(ev, ev.code, "ma", day)
        if org is None:
            return
        if not ev.parent:
            self.error(ev, "ma_cap_tren", None, "Điều chuyển cần mã tổ chức cấp trên mới.")
            return
        if org.level == C.ROOT:
            self.error(ev, "ma", ev.code, "Không điều chuyển đảng bộ cấp trên trực tiếp cơ sở.")
            return
        if ev.parent == org.parent:
            self.error(ev, "ma_cap_tren", ev.parent, "Tổ chức đã trực thuộc cấp trên này.")
            return
        if ev.parent in self._subtree(org.code):
            self.error(ev, "ma_cap_tren", ev.parent, "Không điều chuyển một tổ chức về dưới chính nó hoặc đơn vị trực thuộc nó.")
            return
        if org.parent:
            self.children[org.parent].discard(org.code)
        org.parent = ev.parent
        self.children[ev.parent].add(org.code)
        if ev.org_type:
            org.org_type = ev.org_type
        org.declared_level = ev.level
        self._touch(org, ev, moved=True)

    def _org_doi_loai_hinh(self, ev: OrgEvent, day: dt.date) -> None:
        org = self._alive(ev, ev.code, "ma", day)
        if org is None:
            return
        if not ev.org_type:
            self.error(ev, "loai_hinh", None, "Đổi loại hình cần loại hình mới.")
            return
        org.org_type = ev.org_type
        self._touch(org, ev)

    def _subtree(self, code: str) -> list[str]:
        out, seen, stack = [], set(), [code]
        while stack:
            c = stack.pop()
            if c in seen:
                continue
            seen.add(c)
            out.append(c)
            stack.extend(self.children.get(c, ()))
        return out

    def _end(self, org: _Org, how: str) -> None:
        org.alive, org.ended_by = False, how
        if org.parent:
            self.children[org.parent].discard(org.code)

    def _org_sap_nhap(self, ev: OrgEvent, day: dt.date) -> None:
        org = self._alive(ev, ev.code, "ma", day)
        if org is None:
            return
        if not ev.target:
            self.error(ev, "ma_dich", None, "Sáp nhập cần mã tổ chức nhận (ma_dich).")
            return
        target = self._alive(ev, ev.target, "ma_dich", day)
        if target is None:
            return
        if target.code == org.code or target.code in self._subtree(org.code):
            self.error(ev, "ma_dich", ev.target, "Không sáp nhập một tổ chức vào chính nó hoặc vào đơn vị trực thuộc nó.")
            return
        same_kind = (org.is_cell == target.is_cell) and ((org.level == C.ROOT) == (target.level == C.ROOT))
        if not same_kind:
            self.error(ev, "ma_dich", ev.target, "Chỉ sáp nhập chi bộ vào chi bộ, đảng bộ vào đảng bộ, đảng bộ cấp trên vào đảng bộ cấp trên.")
            return
        for child in list(self.children.get(org.code, ())):
            c = self.orgs[child]
            c.parent = target.code
            self.children[target.code].add(child)
            self._touch(c, ev, moved=True)
        self.children[org.code] = set()
        self._effect(ev, "merge", org.code, target.code)
        for person in list(self.cell_members.get(org.code, ())):
            self._move(self.people[person], target.code)
        self._end(org, "sap_nhap")
        if org.level == C.ROOT:
            self.merges.append((org.code, target.code, day))
        self._touch(org, ev)
        self._touch(target, ev)

    def _org_giai_the(self, ev: OrgEvent, day: dt.date) -> None:
        org = self._alive(ev, ev.code, "ma", day)
        if org is None:
            return
        kids = sorted(self.children.get(org.code, ()))
        if kids:
            self.error(ev, "ma", ev.code, f"Không giải thể được: tổ chức còn đơn vị trực thuộc ({', '.join(kids[:5])}).")
            return
        self._effect(ev, "dissolve", org.code)
        members = self.cell_members.get(org.code)
        if members:
            # Refused, but the unit still ends in this replay: what happens to the tree must not
            # depend on which persons a replay holds (see Occupancy).
            self.occupancy.append(Occupancy(ev.ref, org.code, day, "dissolve", frozenset(members)))
            self.dissolved_full.add(org.code)
        self._end(org, "giai_the")
        self._touch(org, ev)

    def _org_chuyen_giao(self, ev: OrgEvent, day: dt.date) -> None:
        org = self._alive(ev, ev.code, "ma", day)
        if org is None:
            return
        if org.level == C.ROOT:
            self.error(ev, "ma", ev.code, "Không chuyển giao đảng bộ cấp trên trực tiếp cơ sở.")
            return
        subtree = self._subtree(org.code)
        self._effect(ev, "hand_over", *subtree)
        for code in subtree:
            unit = self.orgs[code]
            for person in list(self.cell_members.get(code, ())):
                p = self.people[person]
                self._leave(p, day, "left_transfer", "chuyen_giao")
            unit.alive, unit.ended_by = False, "chuyen_giao"
            self._touch(unit, ev)
        if org.parent:
            self.children[org.parent].discard(org.code)
        for code in self._subtree(org.code):
            self.children[code] = set()

    # ---- helpers on the tree -------------------------------------------------------------
    def _unit(self, code: str) -> _Org | UnitFact | None:
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
            self.error(ev, column, code, f"Chi bộ {code} không tồn tại vào ngày {day:%d/%m/%Y}.")
            return False
        if not org.is_cell:
            self.error(ev, column, code, f"{code} không phải là chi bộ: đảng viên chỉ sinh hoạt ở chi bộ cơ sở hoặc chi bộ trực thuộc.")
            return False
        return True

    # ---- members -----------------------------------------------------------------------
    def _person(self, code: str) -> _Person:
        p = self.people.get(code)
        if p is None:
            p = self.people[code] = _Person(code)
        return p

    def _move(self, p: _Person, cell: str) -> None:
        if p.cell:
            self.cell_members[p.cell].discard(p.code)
        p.cell = cell
        self.cell_members[cell].add(p.code)
        self.dirty_people.add(p.code)

    def _leave(self, p: _Person, day: dt.date, phase: str, how: str) -> None:
        if p.cell:
            self.cell_members[p.cell].discard(p.code)
        p.phase, p.cell, p.left_on, p.left_by = phase, None, day, how
        p.exempt = False
        self.dirty_people.add(p.code)

    def _join(self, p: _Person, ev: MemberEvent, status: str) -> None:
        p.phase, p.status, p.exempt = "member", status, False
        self._move(p, ev.cell)  # type: ignore[arg-type]

    def _member(self, ev: MemberEvent, day: dt.date) -> None:
        p = self._person(ev.person)
        handler = getattr(self, "_m_" + ev.kind)
        handler(ev, p, day)

    def _need_member(self, ev: MemberEvent, p: _Person) -> bool:
        if p.phase != "member":
            self.error(ev, "ma_nguoi", ev.person, f"{ev.person} không phải là đảng viên vào ngày {ev.date:%d/%m/%Y}.")
            return False
        return True

    def _m_khoi_tao(self, ev: MemberEvent, p: _Person, day: dt.date) -> None:
        if p.phase != "none":
            self.error(ev, "ma_nguoi", ev.person, f"{ev.person} đã có quá trình sinh hoạt đảng trong hệ thống; số dư đầu kỳ chỉ dùng cho người chưa có.")
            return
        self._arrive(ev, p, day)

    def _m_chuyen_den(self, ev: MemberEvent, p: _Person, day: dt.date) -> None:
        if p.phase not in ("none", "left_transfer"):
            why = {
                "member": "đang là đảng viên",
                "left_struck": "đã bị xóa tên hoặc khai trừ (chỉ có thể kết nạp lại)",
                "dead": "đã từ trần",
            }[p.phase]
            self.error(ev, "loai", ev.kind, f"Không thể chuyển đến: {ev.person} {why}.")
            return
        self._arrive(ev, p, day)

    def _arrive(self, ev: MemberEvent, p: _Person, day: dt.date) -> None:
        ok = True
        if not ev.status:
            self.error(ev, "trang_thai", None, "Thiếu trạng thái (du_bi / chinh_thuc).")
            ok = False
        if not ev.admission_date:
            self.error(ev, "ngay_ket_nap", None, "Thiếu ngày kết nạp (ngày bắt đầu tuổi đảng).")
            ok = False
        elif ev.admission_date > day:
            self.error(ev, "ngay_ket_nap", ev.admission_date, "Ngày kết nạp sau ngày của sự kiện.")
            ok = False
        if ev.status == "du_bi" and not ev.ceremony_date:
            self.error(ev, "ngay_le_ket_nap", None, "Đảng viên dự bị cần ngày lễ kết nạp.")
            ok = False
        if not self._is_cell_now(ev, ev.cell, "ma_to_chuc", day) or not ok:
            return
        if p.phase == "none" or p.first_admission is None:
            p.first_admission = ev.admission_date
        p.ceremony = ev.ceremony_date
        p.official = ev.official_date
        if ev.card_no:
            p.card = ev.card_no
        if ev.badge_received:
            p.badge = ev.badge_received
        self._join(p, ev, ev.status)  # type: ignore[arg-type]

    def _m_ket_nap(self, ev: MemberEvent, p: _Person, day: dt.date) -> None:
        if p.phase not in ("none", "left_struck"):
            why = {
                "member": "đang là đảng viên",
                "left_transfer": "đã chuyển đi (chỉ có thể chuyển đến)",
                "dead": "đã từ trần",
            }[p.phase]
            self.error(ev, "loai", ev.kind, f"Không thể kết nạp: {ev.person} {why}.")
            return
        if not self._is_cell_now(ev, ev.cell, "ma_to_chuc", day):
            return
        decided = ev.decision_date or day
        self._check_admission(ev, p, decided)
        if p.phase == "left_struck" and p.first_admission is not None:
            p.gap_months += months_between(p.left_on, decided)  # type: ignore[arg-type]
            p.readmissions += 1
        else:
            p.first_admission = decided
        p.ceremony, p.official, p.card = day, None, None
        self._join(p, ev, "du_bi")

    def _check_admission(self, ev: MemberEvent, p: _Person, decided: dt.date) -> None:
        rules = self.rules
        birth = self.ctx.birth_dates.get(ev.person)
        if birth is not None:
            age = full_years(birth, decided)
            lo, hi = rules.value("admission_age_min", decided), rules.value("admission_age_max", decided)
            if (lo is not None and age < lo) or (hi is not None and age > hi):
                bounds = f"{lo}–{hi}" if hi is not None else f"từ {lo}"
                self.breach(ev, "admission_age", "ngay_quyet_dinh", decided,
                            f"Tuổi khi kết nạp là {age}, ngoài khoảng {bounds} tuổi.")
        months = rules.value("awareness_certificate_months", decided)
        if months is not None:
            certs = [d for kind, d, done in self.ctx.certificates.get(ev.person, ())
                     if kind == "nhan_thuc" and done and d is not None and d <= decided]
            if not certs or add_months(max(certs), months) < decided:
                self.breach(ev, "awareness_certificate", "ma_nguoi", ev.person,
                            f"Chưa có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng còn hiệu lực ({months} tháng) tại ngày quyết định kết nạp.")
        opened = [d for d in self.ctx.files_opened.get(ev.person, ()) if d <= decided]
        limit = rules.value("admission_file_months", decided)
        if opened and limit is not None and add_months(max(opened), limit) < decided:
            self.breach(ev, "admission_file_expired", "ngay_quyet_dinh", decided,
                        f"Hồ sơ kết nạp mở ngày {max(opened):%d/%m/%Y} đã quá {limit} tháng chưa được xem xét.")
        if p.phase == "left_struck":
            gap = rules.value("readmission_gap_months", decided)
            times = rules.value("readmission_max_times", decided)
            if gap is not None and add_months(p.left_on, gap) > decided:  # type: ignore[arg-type]
                self.breach(ev, "readmission_gap", "ngay_quyet_dinh", decided,
                            f"Kết nạp lại khi chưa đủ {gap} tháng kể từ ngày ra khỏi Đảng ({p.left_on:%d/%m/%Y}).")
            if times is not None and p.readmissions >= times:
                self.breach(ev, "readmission_times", "ma_nguoi", ev.person,
                            f"Đã được kết nạp lại {p.readmissions} lần; chỉ được kết nạp lại {times} lần.")

    def _m_chuyen_chinh_thuc(self, ev: MemberEvent, p: _Person, day: dt.date) -> None:
        if not self._need_member(ev, p):
            return
        if p.status != "du_bi":
            self.error(ev, "loai", ev.kind, f"{ev.person} không phải đảng viên dự bị: chỉ công nhận chính thức cho đảng viên dự bị.")
            return
        months = self.rules.value("probation_months", day)
        if p.ceremony and add_months(p.ceremony, months) > day:
            self.breach(ev, "official_too_early", "ngay", day,
                        f"Ngày chính thức sớm hơn {months} tháng kể từ lễ kết nạp ({p.ceremony:%d/%m/%Y}).")
        if p.ceremony:
            done = [d for kind, d, ok in self.ctx.certificates.get(ev.person, ())
                    if kind == "dang_vien_moi" and ok and d is not None and p.ceremony <= d <= day]
            if not done:
                self.breach(ev, "new_member_class", "ma_nguoi", ev.person,
                            "Chưa hoàn thành lớp bồi dưỡng lý luận chính trị cho đảng viên mới trong thời gian dự bị.")
        p.status, p.official = "chinh_thuc", day
        self.dirty_people.add(p.code)

    def _m_phat_the(self, ev: MemberEvent, p: _Person, day: dt.date) -> None:
        if not self._need_member(ev, p):
            return
        if p.status != "chinh_thuc":
            self.error(ev, "loai", ev.kind, f"{ev.person} chưa là đảng viên chính thức: chỉ phát thẻ cho đảng viên chính thức.")
            return
        if not ev.card_no:
            self.error(ev, "so_the", None, "Thiếu số thẻ đảng viên.")
            return
        p.card = ev.card_no
        self.dirty_people.add(p.code)

    def _m_huy_hieu(self, ev: MemberEvent, p: _Person, day: dt.date) -> None:
        if not self._need_member(ev, p):
            return
        milestones = self.rules.value("badge_milestones", day) or C.BADGE_MILESTONES
        if ev.years is None or ev.years not in milestones:
            self.error(ev, "so_nam", ev.years, f"Mốc Huy hiệu phải là một trong {', '.join(map(str, milestones))} năm.")
            return
        if p.badge is not None and p.badge >= ev.years:
            self.breach(ev, "badge_order", "so_nam", ev.years, f"Đã nhận Huy hiệu {p.badge} năm.")
        age = self.party_age(p, day)
        need = ev.years * 12
        if age < need:
            early = self.rules.value("badge_early_months_low" if ev.years < 70 else "badge_early_months_high", day)
            if not ev.early:
                self.breach(ev, "badge_party_age", "so_nam", ev.years,
                            f"Tuổi đảng {age // 12} năm {age % 12} tháng chưa đủ {ev.years} năm (trao sớm cần đánh dấu 'som').")
            elif need - age > early:
                self.breach(ev, "badge_party_age", "so_nam", ev.years,
                            f"Trao sớm quá {early} tháng so với mốc {ev.years} năm.")
        delays = self.rules.value("badge_delay_months", day) or {}
        for when, form in self.ctx.disciplines.get(ev.person, ()):
            months = delays.get(form)
            if months and when <= day < add_months(when, months):
                self.breach(ev, "badge_discipline_delay", "ngay", day,
                            f"Kỷ luật {form} ngày {when:%d/%m/%Y}: chưa hết {months} tháng hoãn xét Huy hiệu.")
        p.badge = ev.years
        self.dirty_people.add(p.code)

    def _m_chuyen_noi_bo(self, ev: MemberEvent, p: _Person, day: dt.date) -> None:
        if not self._need_member(ev, p) or not self._is_cell_now(ev, ev.cell, "ma_to_chuc", day):
            return
        if ev.cell == p.cell:
            self.error(ev, "ma_to_chuc", ev.cell, "Đảng viên đã sinh hoạt ở chi bộ này.")
            return
        if self._root_of(ev.cell) != self._root_of(p.cell):  # type: ignore[arg-type]
            self.error(ev, "ma_to_chuc", ev.cell, "Chuyển sinh hoạt nội bộ chỉ giữa các chi bộ cùng một đảng bộ cấp trên; dùng chuyển đi / chuyển đến.")
            return
        self._move(p, ev.cell)  # type: ignore[arg-type]

    def _m_chuyen_di(self, ev: MemberEvent, p: _Person, day: dt.date) -> None:
        if self._need_member(ev, p):
            self._leave(p, day, "left_transfer", "chuyen_di")

    def _m_mien_sinh_hoat(self, ev: MemberEvent, p: _Person, day: dt.date) -> None:
        if not self._need_member(ev, p):
            return
        if p.exempt:
            self.error(ev, "loai", ev.kind, f"{ev.person} đang được miễn sinh hoạt.")
            return
        p.exempt = True
        self.dirty_people.add(p.code)

    def _m_tro_lai_sinh_hoat(self, ev: MemberEvent, p: _Person, day: dt.date) -> None:
        if not self._need_member(ev, p):
            return
        if not p.exempt:
            self.error(ev, "loai", ev.kind, f"{ev.person} không đang được miễn sinh hoạt.")
            return
        p.exempt = False
        self.dirty_people.add(p.code)

    def _m_tu_tran(self, ev: MemberEvent, p: _Person, day: dt.date) -> None:
        if self._need_member(ev, p):
            self._leave(p, day, "dead", "tu_tran")

    def _m_xoa_ten(self, ev: MemberEvent, p: _Person, day: dt.date) -> None:
        if self._need_member(ev, p):
            self._leave(p, day, "left_struck", "xoa_ten")

    def _m_khai_tru(self, ev: MemberEvent, p: _Person, day: dt.date) -> None:
        if self._need_member(ev, p):
            self._leave(p, day, "left_struck", "khai_tru")

    def _expel(self, ev: Expulsion, day: dt.date) -> None:
        p = self._person(ev.person)
        if p.phase == "left_struck" and p.left_on == day and p.left_by == "khai_tru":
            return  # the same expulsion, also written as a member event
        if p.phase != "member":
            self.error(ev, "ma_doi_tuong", ev.person, f"{ev.person} không phải là đảng viên vào ngày {day:%d/%m/%Y}: không khai trừ được.")
            return
        self._leave(p, day, "left_struck", "khai_tru")

    def party_age(self, p: _Person, day: dt.date) -> int:
        """Completed months of party age on `day` (domain.md: gaps outside the party removed)."""
        if p.first_admission is None:
            return 0
        return months_between(add_months(p.first_admission, p.gap_months), day)

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
                    self._effect(ev, "not_cell", code, group=AFTER_END)
                if members and code not in self.dissolved_full:
                    self.occupancy.append(Occupancy(ev.ref, code, day, "not_cell", frozenset(members)))
        for code in ordered:  # parents first: a child's path extends its parent's new version
            self._emit_version(self.orgs[code], day)
        if self.view is not None:
            self._record_units(day, END_OF_DAY)
        for code in self.dirty_people:
            self._emit_spell(self.people[code], day)

    def _settle_org(self, org: _Org, day: dt.date) -> None:
        ev = self.dirty_orgs.get(org.code)
        if not org.alive:
            org.declared_level = None
            return
        if org.parent is None:
            derived = C.ROOT if not org.is_cell else None
        else:
            parent = self.orgs.get(org.parent)
            if parent is None or not parent.alive:
                if ev is not None:
                    self.error(ev, "ma_cap_tren", org.parent, f"Tổ chức cấp trên {org.parent} không tồn tại vào ngày {day:%d/%m/%Y}.")
                org.declared_level = None
                return
            if self._root_of(org.code) is None:
                if ev is not None:
                    self.error(ev, "ma_cap_tren", org.parent, "Điều chuyển tạo vòng lặp trong cây tổ chức.")
                return
            derived = C.child_level(parent.level, org.is_cell)
        declared = org.declared_level
        org.declared_level = None
        if derived is None:
            if ev is not None:
                self.error(ev, "cap", org.level, f"{org.code} ({'chi bộ' if org.is_cell else 'đảng bộ'}) không thể trực thuộc {org.parent}.")
            return
        if declared is not None and declared != derived and ev is not None:
            self.error(ev, "cap", declared, f"Cấp {declared} không khớp với cấp trên {org.parent}: đơn vị này phải là {derived}.")
            return
        org.level = derived
        if derived in C.TCCSD_LEVELS and not org.org_type and ev is not None:
            self.error(ev, "loai_hinh", None, f"Tổ chức cơ sở đảng {org.code} phải có loại hình.")

    def _path(self, org: _Org) -> tuple[str, ...]:
        parent = self.orgs.get(org.parent) if org.parent else None
        if parent is not None and parent.alive and parent.version is not None:
            # The parent's version is current: emitted earlier today if its chain changed
            # (versions are emitted parents first), else unchanged since.
            return parent.version.path + (org.code,)
        chain = [org.code]
        cur = org
        while cur.parent and cur.parent in self.orgs and len(chain) < 64:
            cur = self.orgs[cur.parent]
            chain.append(cur.code)
        return tuple(reversed(chain))

    def _emit_version(self, org: _Org, day: dt.date) -> None:
        # Called at most once per unit and day, so a version never starts and ends the same day.
        old = org.version
        new = None
        if org.alive:
            new = OrgVersion(org.code, day, None, org.name, org.level, org.org_type, org.parent, self._path(org))
            if old is not None and (old.name, old.level, old.org_type, old.parent, old.path) == (
                    new.name, new.level, new.org_type, new.parent, new.path):
                return
        if old is not None:
            old.valid_to = day
        org.version = new
        if new is not None:
            self.versions[org.code].append(new)

    def _emit_spell(self, p: _Person, day: dt.date) -> None:
        old = p.spell
        new = None
        if p.phase == "member":
            new = Spell(p.code, day, None, p.cell, p.status, p.exempt,  # type: ignore[arg-type]
                        add_months(p.first_admission, p.gap_months),  # type: ignore[arg-type]
                        p.ceremony, p.official, p.card, p.badge)
            if old is not None and _same_spell(old, new):
                return
        if old is not None:
            old.valid_to = day
        p.spell = new
        if new is not None:
            self.spells[p.code].append(new)


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
                    self._leave(self.people[person], ef.date, "left_transfer", "chuyen_giao")
        else:  # not_cell
            code = ef.codes[0]
            members = self.cell_members.get(code)
            if members and code not in self.dissolved_full:
                self.occupancy.append(Occupancy(ef.ref, code, ef.date, "not_cell", frozenset(members)))

    def _end_of_day(self, day: dt.date) -> None:
        for code in self.dirty_people:
            self._emit_spell(self.people[code], day)


def _same_spell(a: Spell, b: Spell) -> bool:
    return (a.cell, a.status, a.exempt, a.party_age_from, a.ceremony_date, a.official_date,
            a.card_no, a.badge_years) == (b.cell, b.status, b.exempt, b.party_age_from,
                                          b.ceremony_date, b.official_date, b.card_no, b.badge_years)
