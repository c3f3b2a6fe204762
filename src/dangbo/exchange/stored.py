"""What the import reads of the register as stored: the classes, terms, closed years and
meetings its rows may name, the stored persons and ratings of a group, its quota counts, its
attendance. A first load asks almost nothing (nothing is stored yet)."""

from __future__ import annotations

from django.db.models import Count, Q

from dangbo import projections
from dangbo.assessment.models import ClosedYear, Rating
from dangbo.domain import records as REC
from dangbo.domain import replay as R
from dangbo.domain.counting_root import rating_scope
from dangbo.meetings.models import Attendance, Meeting
from dangbo.members.models import Person
from dangbo.terms.models import Term
from dangbo.training.models import TrainingClass

from . import checks
from .routing import PERSON_KEY
from .state import ImportState


class StoredReads(ImportState):
    """The importer's reads of the register as stored, over its state (`importer.Importer` is one)."""

    def _layout_index(self, sheet: str, code: str) -> int | None:
        raise NotImplementedError

    def _world_setup(self) -> None:
        classes = TrainingClass.objects.current()
        if self.narrow:  # the classes its rows name (by their codes, among the file's texts)
            classes = classes.filter(code__in=sorted(self.named))
        self.class_info = {c: (k, s, e) for c, k, s, e in classes.values_list("code", "kind", "start", "end")}
        self.writer_class_codes = set(self.class_info)
        terms = Term.objects.current()
        if self.narrow:  # the terms of the units it replays, and those its rows name
            terms = terms.filter(Q(org_id__in=sorted(self.oid.values())) | Q(code__in=sorted(self.named)))
        rows = list(terms.values_list("code", "org_id", "start", "end"))
        codes = self._unit_codes(o for _, o, _, _ in rows)
        self.terms = {c: (codes[o], s, e) for c, o, s, e in rows}
        codes = self._unit_codes(self.oid.values())
        self.closed_years = {(codes[r], y) for r, y in ClosedYear.objects.values_list("root_id", "year") if r in codes}
        self.meetings = {}
        self.world_classes = {}
        self.meeting_ids = {}
        self.stored_meetings = Meeting.objects.exists()
        self.stored_unit_ratings = Rating.objects.filter(org__isnull=False, voided_at__isnull=True).exists()  # by its partial index

    def _unit_codes(self, ids) -> dict[int, str]:
        """id -> code of the units `ids` (of every unit read so far, for a full import)."""
        if not self.narrow:
            return {i: c for c, i in self.oid.items()}
        ids = list(ids)
        self.units.codes(ids)
        return {i: self.units.code[i] for i in ids if i in self.units.code}

    def _world(self, result: R.ReplayResult, persons: set[str], disciplines=None) -> REC.World:
        world = REC.World(result, self.rules, persons, disciplines=disciplines or {})
        world.classes = self.world_classes
        world.meetings = self.meetings
        world.terms = self.terms
        world.closed_years = self.closed_years
        return world

    def _known_meetings(self, world: REC.World, codes: set[str]) -> None:
        """Stored meetings among `codes`, added to the checks' and the writer's."""
        codes = {c for c in codes if c not in world.meetings}
        if not codes or not self.stored_meetings:
            return
        found = [row for part in projections.chunked(Meeting.objects.current(), "code", sorted(codes))
                 for row in part.values_list("code", "id", "cell_id", "date")]
        org = self._unit_codes(cell for _, _, cell, _ in found)
        for code, id_, cell, day in found:
            world.meetings[code] = (org[cell], day)
            self.meeting_ids[code] = id_

    def _stored_quota(self) -> None:
        """Every stored rating of the groups, as the register has them now: a later group's
        rows re-count those of its persons whose history the file changes."""
        if not self.counts.get("danh_gia") or not Rating.objects.exists():
            return
        for kind, year, group, level, n in (Rating.objects.current().filter(level__in=("tot", "xuat_sac"), scope_group__isnull=False)
                                            .values_list("subject_kind", "year", "scope_group__code", "level")
                                            .annotate(n=Count("id")).order_by()):
            self.quota.add(kind, year, group, level, n)

    def _stored_unit_ratings(self, items) -> set[tuple]:
        """The stored ratings of the units the file rates (a second rating of a year is
        refused), and the units whose group the file's unit events change, re-counted."""
        taken: set[tuple] = set()
        if not self.stored_unit_ratings:
            # Asked before the persons' ratings went in: on a first load this table now holds
            # millions of rows and, in a bulk load, none of its indexes.
            return taken
        codes = set()
        at = self._layout_index("danh_gia", "ma")
        if at is not None:
            codes = {c if c.__class__ is str else str(c) for *_, cells in items if (c := cells[at]) is not None}
        moved = self.below if self.narrow else projections.subtree_codes(self.tree, self.touched) if self.touched else set()
        ids = [self.oid[c] for c in codes | moved if c in self.oid]
        org = self._unit_codes(ids)
        for year, level, unit, group in projections.rows_of(Rating.objects.current().filter(subject_kind="to_chuc"), "org_id", ids,
                                                         "year", "level", "org_id", "scope_group__code"):
            code = org[unit]
            taken.add((year, "to_chuc", code))
            if code in moved:
                self.quota.add("to_chuc", year, group, level, -1)
                self.quota.add("to_chuc", year, rating_scope(self.tree, "to_chuc", code, year)[1], level)
        return taken

    def _stored_of_group(self, rows: dict[str, checks.Rows], new: dict, parts: list[int], named: set[str]) -> dict[int, tuple]:
        """The stored persons the group's rows name, and those a unit event of the file
        touches: id -> (code, birth date, sex)."""
        if not self.stored_persons:
            return {}
        named = set(named)
        for sheet, (column, kind_column, kind) in PERSON_KEY.items():
            for _, _, v in rows.get(sheet, []):
                code = v.get(column)
                if code and (kind_column is None or v.get(kind_column) == kind):
                    named.add(code)
        named -= set(new)
        out: dict[int, tuple] = {}
        for part in projections.chunked(Person.objects.all(), "code", sorted(named)):
            out.update((i, (c, b, s)) for i, c, b, s in part.values_list("id", "code", "birth_date", "sex"))
        extra = [i for p in parts for i in self.affected.get(p, {}) if i not in out]
        for part in projections.chunked(Person.objects.all(), "id", extra):
            out.update((i, (c, b, s)) for i, c, b, s in part.values_list("id", "code", "birth_date", "sex"))
        return out

    def _stored_member_ratings(self, stored: dict[int, tuple], result: R.ReplayResult) -> set[tuple]:
        """The group's stored persons' ratings: taken years, and re-counted in the quota by
        their group in the new replay."""
        taken: set[tuple] = set()
        for year, level, pid, group in projections.rows_of(Rating.objects.current().filter(subject_kind="dang_vien"),
                                                        "person_id", list(stored), "year", "level", "person_id",
                                                        "scope_group__code"):
            code = stored[pid][0]
            taken.add((year, "dang_vien", code))
            self.quota.add("dang_vien", year, group, level, -1)
            self.quota.add("dang_vien", year, rating_scope(result, "dang_vien", code, year)[1], level)
        return taken

    def _stored_attendance(self, stored: dict[int, tuple], rows: checks.Rows) -> set[tuple[str, str]]:
        meetings = {v["ma_sinh_hoat"] for _, _, v in rows if v.get("ma_sinh_hoat")}
        if not stored or not meetings:
            return set()
        ids = [self.meeting_ids[m] for m in meetings if m in self.meeting_ids]
        seen = set()
        for meeting, person in projections.rows_of(Attendance.objects.current(), "meeting_id", ids, "meeting__code", "person_id"):
            if person in stored:
                seen.add((meeting, stored[person][0]))
        return seen
