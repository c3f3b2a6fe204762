"""Import of an exchange-format workbook: all or nothing, at any size, in bounded memory.

Every problem of the workbook is collected (sheet, row, column, value, Vietnamese reason);
if any is a hard error nothing of the workbook is written, the refusal is logged and an
annotated copy can be written. Rows that only break a regulatory rule are applied and listed
as warnings, the import file recorded as the override's reason.

How a national register (tens of millions of rows) goes through in bounded memory:

1. **Read.** The sheets stream by in the exchange format's order. The `nguoi` sheet's own
   rules are checked on the way (`persons.PersonCheck`). Every other row is set aside, as
   read, in the partition of the person it is about (`spill.Spill`), or with the units.
2. **Units.** The unit events are replayed (with the stored ones) and the rows about units
   checked against that tree, once.
3. **Persons, a group of partitions at a time.** A group's persons are replayed — their
   stored events and the file's, against every unit event, by the one replay engine — and
   their rows checked against that replay. A person's history depends on the units and on
   nobody else's history; the one check of a unit that depends on its members (emptied
   before it ends) is merged over the groups (`replay.Occupancy`). The excellent-rating
   quota is counted per group of the quota as the rows go by (`checks.QuotaTally`).
4. **Written as checked**, inside the one transaction, in bulk (COPY): as soon as a problem
   is found nothing more is written, and at the end a refused import is rolled back, so
   the database is as it was. Into an empty table, the first large load rebuilds the
   table's indexes at the end rather than row by row (`core.bulk.BulkLoad`).

A small workbook is one group held in memory: the same path, the same rules.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import time
from collections import defaultdict
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from dangbo import projections
from dangbo.assessment.models import Rating
from dangbo.audit.services import record_audit
from dangbo.core import faults
from dangbo.core.locks import lock_register, lock_units
from dangbo.domain import codes as C
from dangbo.domain import records as REC
from dangbo.domain import replay as R
from dangbo.domain.problems import Problem
from dangbo.domain.replay import narrow as N
from dangbo.meetings.models import Attendance
from dangbo.members.models import MemberEvent, MemberSpell, NameKey, Person, Photo
from dangbo.members.selectors import official_during, official_spells
from dangbo.orgs.models import Org, OrgEvent, OrgVersion
from dangbo.projections import narrow
from dangbo.rules.models import Override
from dangbo.rules.selectors import rulebook
from dangbo.terms.models import Target, Term
from dangbo.training.models import Enrolment, TrainingClass

from . import checks, photos
from .cells import RowParser
from .limits import FileRefused, Limits
from .models import ImportBatch
from .parallel import Parallel
from .persons import PersonCheck
from .photos import photo_files
from .reach import reach_problems
from .reader import WorkbookStream
from .routing import (
    CHUNK,
    NGUOI,
    OTHER,
    PARTS,
    RATINGS,
    RATINGS_SHEET,
    SHEET_INDEX,
    SHEET_NAMES,
    UNIT_SHEETS,
    UNITS,
    route_rows,
)
from .spill import partition_of
from .state import quiet
from .stored import StoredReads
from .writer import Writer

# Tables a first load may fill in bulk (core.bulk.BulkLoad), with the sheet that fills each.
BULK_TABLES = (("nguoi", Person), ("nguoi", NameKey), ("bien_dong_dang_vien", MemberEvent), ("bien_dong_dang_vien", MemberSpell),
               ("danh_gia", Rating), ("hoc_vien", Enrolment), ("du_sinh_hoat", Attendance))

# Tables with unit rows, analyzed after a load as large (see Importer._analyze).
ANALYZED = (("bien_dong_to_chuc", OrgEvent), ("bien_dong_to_chuc", OrgVersion), ("bien_dong_to_chuc", Org),
            ("lop_hoc", TrainingClass))
ANALYZE_ROWS = 5_000

GC_ROWS = 50_000  # rows checked between two collections of the cyclic garbage collector


@dataclass
class ImportResult:
    """The outcome: applied, refused or already imported, with every problem and the counts."""

    status: str  # applied | refused | duplicate | checked (dry run, no errors)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    batch_id: int | None = None
    updated_persons: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status in ("applied", "duplicate", "checked")


class _Stop(Exception):
    """Ends the import's transaction without committing (a refusal, a dry run, a duplicate)."""


def _problem_json(p: Problem) -> dict:
    value = p.value.isoformat() if isinstance(p.value, dt.date) else p.value
    return {"sheet": p.ref[0], "row": p.ref[1], "column": p.column, "value": value, "message": p.message, "rule": p.rule}


def _problem_order(p: Problem):
    return (SHEET_INDEX.get(p.ref[0], 99), p.ref[0], p.ref[1], p.column or "")


class Importer(Parallel, StoredReads):
    """One import of one file, a pipeline of named stages over its `ImportState`: `read()`,
    then `run()` inside a transaction holding the register's lock runs `STAGES` in order."""

    def __init__(self, path: Path, *, user=None, write: bool = True, progress=None, group_rows: int | None = None,
                 limits: Limits | None = None):
        super().__init__(path=path, user=user, write=write, step=progress or quiet, limits=limits)
        if group_rows:
            self.group_rows = group_rows

    # ---- 1. reading -----------------------------------------------------------------------
    def read(self) -> None:
        self.stored_persons = Person.objects.exists()
        self.stream = WorkbookStream(self.path, self.limits)
        self.photos = photo_files(self.path)
        check = PersonCheck(self.problems, self._accept_person, stored=self.stored_persons)
        # Large sheets read by forked processes meanwhile: the ratings, and the persons of a
        # first load (whose check then needs no database, and whose memory leaves with them;
        # not when photos come with the file: their names are checked against those persons).
        aparts = {name: a for name in ([RATINGS_SHEET] + ([] if self.stored_persons or self.photos else ["nguoi"]))
                  if (a := self._read_apart(name)) is not None}
        for layout, rows in self.stream.sheets(skip=set(aparts)):
            size = self.stream.size(layout)
            if size and size > 5e6:
                self.step(f"Đọc sheet {layout.sheet.name} ({size / 1e6:.0f} MB)")
            if layout.sheet.name == "nguoi":
                n = 0
                parser = RowParser(layout.sheet, layout.codes)
                for n, (number, cells) in enumerate(rows, start=1):
                    check.add(n - 1, number, parser.parse(number, cells, self.problems))
                check.flush()
            else:
                n = route_rows(layout, rows, self.spill)
            self._read(layout, n)
        self.new_persons, self.updated = check.new, check.updates
        del check
        for name, (process, receive) in aparts.items():
            self._join_apart(name, process, receive)
        self.problems.extend(self.stream.problems)

    def _read(self, layout, n: int) -> None:
        name = layout.sheet.name
        self.parsers[name] = RowParser(layout.sheet, layout.codes)
        self.layouts[name] = layout
        if n:
            self.counts[name] = n
            self.step(f"Đã đọc {name}: {n:,} dòng".replace(",", "."))

    def _accept_person(self, i: int, number: int, v: dict, update: bool) -> None:
        self.spill.add(partition_of(v["ma"], PARTS), (0, i, number, v, update), NGUOI)
        if v["ma"] in self.photos:
            self.photo_persons.add(v["ma"])

    @property
    def content_hash(self) -> str:
        stream = self.stream
        if stream is None:  # a file that could not even be opened: its bytes (bounded by the upload limit)
            return hashlib.sha256(self.path.read_bytes() if self.path.is_file() else b"").hexdigest()
        return stream.content_hash

    @property
    def layout_ok(self) -> bool:
        return not self.stream.problems

    # ---- the import as a whole ----------------------------------------------------------
    def run(self) -> None:
        for stage in self.STAGES:
            stage(self)

    def _prepare(self) -> None:
        """The rules in force and the units' ids, as the register holds them: every unit's,
        or for a narrow import those of the units the file names (the rest as they are
        replayed)."""
        self.rules = rulebook()
        if self.narrow:
            self.units, self.named = narrow.Units(), self._named_codes()
            self.units.ids(self.named)
            self.oid = dict(self.units.id)
        else:
            self.oid = {code: id_ for id_, code in projections.org_codes().items()}

    def _named_codes(self) -> set[str]:
        """Every text of the file's cells and every person's code: among them, the code of
        every unit and stored person a row names, in whichever column."""
        out: set[str] = set()
        for part in range(PARTS + 1):
            for lane in (OTHER, RATINGS):
                for *_, cells in self.spill.items(part, lane):
                    out.update(c if c.__class__ is str else str(c) for c in cells if c is not None)
            out.update(item[3]["ma"] for item in self.spill.items(part, NGUOI))
        return out

    def _all_persons(self) -> None:
        """Every group of persons: replayed against the units' replay, checked, written."""
        groups = self._groups(self.group_rows)
        workers = self._workers(len(groups))
        if workers > 1:
            # Each worker holds a group: groups as many times smaller, for the same memory.
            self._persons_in_parallel(self._groups(self.group_rows // workers), workers)
        else:
            since = 0  # rows checked since the last collection
            for k, parts in enumerate(groups, start=1):
                self._progress(k, len(groups))
                self._persons(parts)
                since += sum(self.spill.count(p) for p in parts)
                # The collector is off during an import (see import_workbook): collect once a
                # group's worth of rows has gone by, not after every small group (a full
                # collection walks the whole heap: 0.2 s in a test process, per group).
                if since >= GC_ROWS:
                    gc.collect()
                    since = 0

    def _unit_ratings(self) -> None:
        """The units' ratings last: a national file rates millions of units, and the set of
        (unit, year) they fill is not held while worker processes share this one's memory."""
        self.step("Kiểm tra xếp loại tổ chức")
        taken = self._stored_unit_ratings(self.spill.items(UNITS, RATINGS))
        assert self.unit_world is not None
        self._ratings(self.unit_world, self.spill.items(UNITS, RATINGS), taken, {})

    def _verdict(self) -> None:
        """What only the whole file shows: units ended with members left, the quota's breaches,
        the introducers of its admissions (anyone of the register, in any group)."""
        self.problems.extend(o.problem() for o in R.merge_occupancy(self.occupancy))
        self.problems.extend(self.quota.breaches())
        if self.photos:
            stored_codes = set(Person.objects.filter(code__in=sorted(set(self.photos) - self.photo_persons))
                               .values_list("code", flat=True))
            self.photo_images = photos.checked(self.photos, self.photo_persons | stored_codes, self.problems)
        if self.introductions:
            asked = {t for *_, pair in self.introductions for t in pair if t and t not in self.officials}
            stored = official_spells(sorted(asked))

            def official(code: str, day: dt.date) -> bool | None:
                spells = self.officials.get(code, stored.get(code))
                return None if spells is None else official_during(spells, day)
            for ref, kind, day, person, pair in self.introductions:
                self.problems.extend(REC.check_introducers(ref, kind=kind, day=day, person=person, introducers=pair,
                                                           official=official))

    def _introductions(self, rows: checks.Rows, result: R.ReplayResult, known: set[str]) -> None:
        """Set aside the group's admissions that name introducers, and the official spells of
        the group's persons (an introducer may be in any group): only for a file that names
        introducers at all."""
        layout = self.layouts.get("bien_dong_dang_vien")
        if layout is None or not ({"nguoi_gioi_thieu_1", "nguoi_gioi_thieu_2"} & set(layout.codes)):
            return
        for _, number, v in rows:
            pair = (v.get("nguoi_gioi_thieu_1", ""), v.get("nguoi_gioi_thieu_2", ""))
            if any(pair) and v.get("ngay") and v.get("loai") and v.get("ma_nguoi"):
                self.introductions.append((("bien_dong_dang_vien", number), v["loai"], v["ngay"], v["ma_nguoi"], pair))
        for code in known:
            self.officials[code] = [(s.valid_from, s.valid_to) for s in result.spells.get(code, ())
                                    if s.status == C.MemberStatus.CHINH_THUC]

    def _end(self) -> None:
        if self._writing:
            self._finish()

    def _progress(self, k: int, n: int) -> None:
        self.step(f"Nhóm người {k}/{n} ({100 * (k - 1) // max(1, n)}%): dựng lại quá trình, kiểm tra"
                  + (", ghi" if self._writing else ""))

    @property
    def _writing(self) -> bool:
        """Write while no hard error has been found (and not a dry run)."""
        return self.write and not any(p.is_error for p in self.problems)

    def _start_writing(self) -> None:
        if self.writer is not None or not self._writing:
            return
        batch = ImportBatch.objects.create(user=self.user if getattr(self.user, "pk", None) else None,
                                           filename=self.path.name, content_hash=self.content_hash,
                                           status=ImportBatch.APPLIED, summary={"counts": self.counts})
        self.writer = Writer(batch=batch, user=self.user, oid=self.oid)
        self.writer.meeting_ids = self.meeting_ids
        classes, terms = TrainingClass.objects.current(), Term.objects.current()
        if self.narrow:  # those its rows can name
            classes, terms = classes.filter(code__in=sorted(self.named)), terms.filter(code__in=sorted(self.named))
        self.writer.class_ids.update(classes.values_list("code", "id"))
        self.writer.term_ids.update(terms.values_list("code", "id"))
        threshold = settings.DANGBO_BULK_LOAD_ROWS
        for sheet, model in BULK_TABLES:
            if self.counts.get(sheet, 0) >= threshold:
                self.bulk.prepare(model)

    def _parsed(self, sheet: str, items) -> checks.Rows:
        if not items:
            return []
        parser = self.parsers[sheet]
        return [(i, number, parser.parse(number, cells, self.problems)) for _, i, number, cells in items]

    # ---- 2. the units ----------------------------------------------------------------------
    def _units(self) -> None:
        by_sheet: dict[str, list] = defaultdict(list)
        for item in self.spill.items(UNITS, OTHER):
            by_sheet[SHEET_NAMES[item[0]]].append(item)
        self.step(f"Dựng lại cây tổ chức: {len(by_sheet['bien_dong_to_chuc']):,} biến động mới".replace(",", "."))
        org_rows = self._parsed("bien_dong_to_chuc", by_sheet.pop("bien_dong_to_chuc", []))
        new = [R.OrgEvent((1, i), v["ngay"], v["loai"], v["ma"], ("bien_dong_to_chuc", number), v.get("ten"),
                          v.get("cap"), v.get("loai_hinh"), v.get("ma_cap_tren"), v.get("ma_dich"))
               for i, number, v in org_rows if v.get("ngay") and v.get("loai") and v.get("ma")]
        self.touched = set().union(*(N.touched_units(e.kind, e.code) for e in new))
        self.affected = defaultdict(dict)  # partition -> stored persons a unit event touches
        if self.narrow:
            stored, affected = self._narrow_units(new)
        else:
            stored = projections.load_org_events({i: c for c, i in self.oid.items()})
            affected = projections.affected_persons(self.touched) if self.touched and self.stored_persons else {}
        for id_, code in affected.items():
            self.affected[partition_of(code, PARTS)][id_] = code
        self.org_events = stored + new
        # Recorded as the member events see the units: each group of persons is then replayed
        # against this one replay instead of applying every unit event again.
        tree = R.Replay(self.org_events, [], [], R.Context(self.rules), record_units=True).run()
        self.tree = tree
        self.problems.extend(tree.problems)
        self._world_setup()
        world = self._world(tree, set())
        self.groups = checks.GroupIndex(tree.versions)  # numbered before the workers fork: alike in all
        self.quota = checks.QuotaTally(self.rules, self.groups, spool=self.spill.folder)
        self._stored_quota()
        rows = {name: self._parsed(name, items) for name, items in by_sheet.items()}
        out = self.problems
        checks.classes(world, rows.get("lop_hoc", []), set(self.writer_class_codes), set(), out)
        for _, _, v in rows.get("lop_hoc", []):
            if v.get("ma") and v.get("loai") and v.get("tu_ngay"):
                self.class_info.setdefault(v["ma"], (v["loai"], v["tu_ngay"], v.get("den_ngay")))
        world.classes = {c: info[1] for c, info in self.class_info.items()}
        self.world_classes = world.classes
        checks.study(world, rows.get("hoc_tap_nghi_quyet", []), out)
        checks.inspections(world, rows.get("kiem_tra_giam_sat", []), out)
        checks.disciplines(world, rows.get("ky_luat", []), out)
        checks.awards(world, rows.get("khen_thuong", []), out)
        known = {m for m in (v.get("ma") for _, _, v in rows.get("sinh_hoat", [])) if m}
        self._known_meetings(world, known)
        checks.meetings(world, rows.get("sinh_hoat", []), out)
        self.meetings = world.meetings
        checks.attendance(world, rows.get("du_sinh_hoat", []), set(), out)  # rows naming no person
        checks.candidates(world, rows.get("quan_chung", []), out)
        checks.terms(world, rows.get("nhiem_ky", []), out)
        self.terms = world.terms
        checks.targets(world, rows.get("chi_tieu", []), set(Target.objects.current().values_list("term__code", "number")), out)
        self._start_writing()
        if self.writer is not None:
            w = self.writer
            self.step("Ghi tổ chức, biến động tổ chức và các bản ghi của tổ chức")
            w.orgs([e.code for e in self.org_events if e.new])
            w.org_events(org_rows)
            w.classes(rows.get("lop_hoc", []))
            w.study(rows.get("hoc_tap_nghi_quyet", []))
            w.inspections(rows.get("kiem_tra_giam_sat", []), {})
            w.disciplines(rows.get("ky_luat", []), {})
            w.awards(rows.get("khen_thuong", []), {})
            w.meetings(rows.get("sinh_hoat", []))
            w.terms(rows.get("nhiem_ky", []))
            w.targets(rows.get("chi_tieu", []))
        self.unit_world = world  # the units' ratings are checked after the persons (see run)
        self.org_events = []  # replayed and written: the groups of persons read the tree's view

    def _narrow_units(self, new: list[R.OrgEvent]) -> tuple[list[R.OrgEvent], dict[int, str]]:
        """The stored unit events a narrow import replays, and the stored persons its unit
        events touch: the closure (domain/replay/narrow.py) of the units the file names, of
        the units ever under those its unit events move or end, and of the cells of the
        stored persons it names or touches. Read under the locks of their roots (exclusive:
        the import writes them), so writes elsewhere in the land go on."""
        units, found, codes = self.units, {}, self.named
        since = min((e.date for e in new), default=None)

        def cells_of(persons) -> set[str]:
            return {c for _, c in projections.rows_of(MemberEvent.objects.current().exclude(cell=None), "person_id",
                                                      sorted(persons), "id", "cell__code")}

        named = dict(projections.rows_of(Person.objects.all(), "code", sorted(codes), "id", "code"))

        named_by_new = {c for e in new for c in N.named(e)}

        def read(_seeds: set[str]) -> list[R.OrgEvent]:
            self.below = narrow.below(self.touched, units) if self.touched else set()
            affected = narrow.persons_in(self.below, since, units) if self.below and since else {}
            found["affected"] = affected
            seeds = set(units.id) | self.below | cells_of(set(named) | set(affected)) | named_by_new
            return narrow.needed_org_events(seeds, units)

        # The roots of the units named and of the named persons' cells are locked before the
        # closure is read (it is then read once); a root reached otherwise is locked after.
        guess = set(units.id) | cells_of(named) | named_by_new
        stored = lock_units(read, guess, exclusive=True, guess=lambda seeds: units.roots(seeds) | N.created(new))
        self.replayed = {c for e in stored + new for c in N.named(e)}
        self.oid.update((c, units.id[c]) for c in self.replayed if c in units.id)
        return stored, found["affected"]

    # ---- 3. the persons, a group of partitions at a time ----------------------------------
    def _groups(self, group_rows: int) -> list[list[int]]:
        groups: list[list[int]] = []
        current: list[int] = []
        size = 0
        for part in range(PARTS):
            rows = self.spill.count(part, NGUOI) + self.spill.count(part, OTHER) + len(self.affected.get(part, ()))
            if not rows and self.spill.count(part, RATINGS):
                rows = 1  # ratings of persons the file does not list: still checked, in some group
            if not rows:
                continue
            if current and size + rows > group_rows:
                groups.append(current)
                current, size = [], 0
            current.append(part)
            size += rows
        if current:
            groups.append(current)
        return groups

    def _persons(self, parts: list[int], ids: list[int] | None = None) -> None:
        """Replay, check and (while writing) write one group's persons; `ids`: the ids of its
        new persons, reserved beforehand (a worker process has no connection)."""
        new: dict = {}
        updates: dict = {}
        by_sheet: dict[str, list] = defaultdict(list)
        for part in parts:
            for _, i, number, v, update in self.spill.items(part, NGUOI):
                (updates if update else new)[v["ma"]] = (i, number, v)
            for item in self.spill.items(part, OTHER):
                by_sheet[SHEET_NAMES[item[0]]].append(item)
        rows = {}
        for name in list(by_sheet):  # parsed a sheet at a time, each sheet's cells freed as it goes
            rows[name] = self._parsed(name, sorted(by_sheet.pop(name), key=lambda t: t[1]))
        ratings = self._rating_codes(parts)
        stored = self._stored_of_group(rows, new, parts, ratings)  # id -> (code, birth date, sex)
        known = set(new) | {code for code, _, _ in stored.values()}
        pid = {code: id_ for id_, (code, _, _) in stored.items()}

        ctx = R.Context(self.rules)
        for code, (_, _, v) in (new | updates).items():
            if v.get("ngay_sinh"):
                ctx.birth_dates[code] = v["ngay_sinh"]
        for _, _, v in rows.get("hoc_vien", []):
            info = self.class_info.get(v.get("ma_lop") or "")
            if info and v.get("ma_nguoi"):
                kind, start, end = info
                ctx.certificates.setdefault(v["ma_nguoi"], []).append(
                    (kind, v.get("ngay_cap_chung_chi") or end or start, v.get("ket_qua") != "khong_hoan_thanh"))
        for _, _, v in rows.get("quan_chung", []):
            if v.get("ma_nguoi") and v.get("ngay_mo_ho_so"):
                ctx.files_opened.setdefault(v["ma_nguoi"], []).append(v["ngay_mo_ho_so"])
        for _, _, v in rows.get("ky_luat", []):
            if v.get("ma_doi_tuong") and v.get("ngay") and v.get("hinh_thuc"):
                ctx.disciplines.setdefault(v["ma_doi_tuong"], []).append((v["ngay"], v["hinh_thuc"]))
        events, expulsions = self._events(rows, known)
        if stored:
            codes = {id_: code for id_, (code, _, _) in stored.items()}
            projections.load_context(self.rules, codes, list(codes), ctx)
            cells = None if self.narrow else {i: c for c, i in self.oid.items()}  # a few: joined
            events += projections.load_member_events(cells, codes, list(codes))
            expulsions += projections.load_expulsions(codes, list(codes))
        result = R.MemberReplay(self.tree, events, expulsions, ctx).run()  # its unit versions are the tree's
        del events, expulsions  # the replay's result holds what the checks need
        self.problems.extend(p for p in result.problems if p.ref[0] not in UNIT_SHEETS)
        self.occupancy.extend(result.occupancy)
        self._introductions(rows.get("bien_dong_dang_vien", []), result, known)
        self._start_writing()
        w = self.writer if self._writing else None
        if w is not None:
            w.persons([(code, v) for code, (_, _, v) in sorted(new.items(), key=lambda kv: kv[1][0])], pid, ids)
            if ids is None:
                faults.hit("import.after_persons")
            w.person_updates([(code, v) for code, (_, _, v) in sorted(updates.items(), key=lambda kv: kv[1][0])])
            if stored:
                only = set(stored)
                for part in projections.chunked(MemberSpell.objects.all(), "person_id", sorted(only)):
                    part.delete()
                projections.refresh_member_scopes(result, self.oid, pid, only)
            sexes = {code: sex for code, _, sex in stored.values()}
            sexes.update((code, v.get("gioi_tinh", "")) for code, (_, _, v) in new.items())
            sexes.update((code, v["gioi_tinh"]) for code, (_, _, v) in updates.items() if v.get("gioi_tinh"))
            w.spells(result, pid, sexes)
            w.member_events(rows.pop("bien_dong_dang_vien", []), pid, result)
        del new, updates

        # Each sheet checked against the replay, written while nothing is wrong, then let go.
        world = self._world(result, known, ctx.disciplines)
        out = self.problems
        attendance = rows.get("du_sinh_hoat", [])
        self._known_meetings(world, {v["ma_sinh_hoat"] for _, _, v in attendance if v.get("ma_sinh_hoat")})
        seen = self._stored_attendance(stored, attendance)
        for sheet, check, write in (
                ("hoc_vien", checks.enrolments, "enrolments"), ("kiem_tra_giam_sat", checks.inspections, "inspections"),
                ("ky_luat", checks.disciplines, "disciplines"), ("khen_thuong", checks.awards, "awards"),
                ("du_sinh_hoat", lambda wd, r, o: checks.attendance(wd, r, seen, o), "attendance"),
                ("quan_chung", checks.candidates, "candidates"), ("qua_trinh_cong_tac", checks.work_history, "work_history"),
                ("gia_dinh", checks.family, "family")):
            sheet_rows = rows.pop(sheet, [])
            check(world, sheet_rows, out)
            if self.writer is not None and self._writing:
                getattr(self.writer, write)(sheet_rows, pid)
        del attendance, sheet_rows
        taken = self._stored_member_ratings(stored, result)
        self._ratings(world, (item for p in parts for item in self.spill.items(p, RATINGS)), taken, pid)

    def _ratings(self, world: REC.World, items, taken: set[tuple], pid: dict[str, int]) -> None:
        """Check (and, while writing, write) rating rows a chunk at a time: the largest sheet
        is never held whole, yet goes in by one COPY (one statement, so the tally's triggers
        run once per group, not once per chunk)."""
        def checked():
            chunk: list = []
            for item in items:
                chunk.append(item)
                if len(chunk) >= CHUNK:
                    yield from self._rating_chunk(world, chunk, taken)
                    chunk = []
            yield from self._rating_chunk(world, chunk, taken)

        if self.writer is not None and self._writing:
            self.writer.ratings(checked(), pid)
        else:
            for _ in checked():
                pass

    def _rating_chunk(self, world: REC.World, items: list, taken: set[tuple]) -> list:
        keep = checks.ratings(world, self._parsed("danh_gia", items), taken, self.quota, self.problems)
        return keep if self._writing else []  # a problem found: nothing more is written

    def _rating_codes(self, parts: list[int]) -> set[str]:
        """The persons the group's rating rows name (as read: routed by the same cell)."""
        at = self._layout_index("danh_gia", "ma")
        if not self.stored_persons or at is None:
            return set()
        return {c if c.__class__ is str else str(c) for p in parts for *_, cells in self.spill.items(p, RATINGS)
                if (c := cells[at]) is not None}

    def _layout_index(self, sheet: str, code: str) -> int | None:
        return self.layouts[sheet].index(code) if sheet in self.layouts else None

    def _events(self, rows: dict[str, checks.Rows], known: set[str]) -> tuple[list, list]:
        def person(sheet: str, number: int, column: str, code: str | None) -> bool:
            if code and code not in known:
                self.problems.append(Problem((sheet, number), column, code, f"Không có người mang mã {code} (thêm vào sheet nguoi).",
                                             code="unknown_person"))
                return False
            return bool(code)

        events = []
        for i, number, v in rows.get("bien_dong_dang_vien", []):
            if not v.get("ngay") or not v.get("loai") or not person("bien_dong_dang_vien", number, "ma_nguoi", v.get("ma_nguoi")):
                continue
            events.append(R.MemberEvent(
                (1, i), v["ngay"], v["loai"], v["ma_nguoi"], ("bien_dong_dang_vien", number),
                v.get("ma_to_chuc"), v.get("trang_thai"), v.get("ngay_ket_nap"), v.get("ngay_le_ket_nap"),
                v.get("ngay_chinh_thuc"), v.get("huy_hieu_da_nhan"), v.get("ngay_quyet_dinh"),
                bool(v.get("som")), v.get("so_the"), v.get("so_nam")))
        expulsions = []
        for i, number, v in rows.get("ky_luat", []):
            if v.get("doi_tuong") == "dang_vien" and v.get("hinh_thuc") == "khai_tru" and v.get("ngay") \
                    and person("ky_luat", number, "ma_doi_tuong", v.get("ma_doi_tuong")):
                expulsions.append(R.Expulsion((1, i), v["ngay"], v["ma_doi_tuong"], ("ky_luat", number)))
        return events, expulsions

    # ---- 4. the end -------------------------------------------------------------------------
    def _finish(self) -> None:
        self._start_writing()  # an import of units only, or of nothing but persons' updates
        w = self.writer
        assert w is not None
        self.step("Ghi phiên bản tổ chức")
        if not self.narrow:
            units = projections.subtree_codes(self.tree, self.touched) if self.touched else set()
            projections.write_org_projection(self.tree, self.oid, units)
        elif self.counts.get("bien_dong_to_chuc"):
            narrow.write_units(self.tree, self.units.map(narrow.codes_of(self.tree, self.replayed)), self.replayed)
        if self.photo_images:
            ids = dict(Person.objects.filter(code__in=sorted(self.photo_images)).values_list("code", "id"))
            Photo.objects.bulk_create(Photo(person_id=ids[c], image=image, uploaded_at=w.base[0], uploaded_by_id=w.base[1])
                                      for c, image in self.photo_images.items())
        warnings = self.warnings
        reason = f"Nhập từ tệp {self.path.name} (lần nhập #{w.batch.id})"
        Override.objects.bulk_create([
            Override(user_id=getattr(self.user, "pk", None), rule=p.breached_rule, object_type=f"import:{p.ref[0]}",
                     object_id=p.ref[1], message=p.message, reason=reason) for p in warnings], batch_size=2000)
        w.batch.problems = [_problem_json(p) for p in warnings]
        w.batch.save(update_fields=["problems"])
        bulk = {table for table, _, _ in self.bulk.saved}  # analyzed as they are restored
        if self.bulk.saved:
            self.step("Dựng lại chỉ mục và ràng buộc của các bảng vừa nạp")
            self.bulk.restore()
        self._analyze(bulk)
        record_audit(user=self.user, action="import.apply", object_type="import_batch", object_id=w.batch.id,
                     after={"file": self.path.name, "counts": self.counts, "warnings": len(warnings)}, source="import")
        faults.hit("import.before_commit")
        self.step("Xác nhận giao dịch")

    def _analyze(self, bulk: set[str]) -> None:
        """Fresh planner statistics for the tables this import filled with many rows (the
        bulk-loaded ones have theirs already): the single writes that follow read them by
        index, and statistics of a near-empty table would plan a scan of all of it instead.
        A monthly workbook fills none of them this much; autovacuum sees to the rest."""
        if connection.vendor != "postgresql":
            return
        tables = {model._meta.db_table for sheet, model in BULK_TABLES + ANALYZED
                  if self.counts.get(sheet, 0) >= ANALYZE_ROWS} - bulk
        with connection.cursor() as cur:
            for table in sorted(tables):
                cur.execute(f'ANALYZE "{table}"')

    @property
    def errors(self) -> list[Problem]:
        return sorted((p for p in self.problems if p.is_error), key=_problem_order)

    @property
    def warnings(self) -> list[Problem]:
        return sorted((p for p in self.problems if not p.is_error), key=_problem_order)

    def close(self) -> None:
        if self.quota is not None:  # none when the file could not be read
            self.quota.close()
        self.spill.close()

    # The stages `run()` takes in order, after `read()`.
    STAGES = (_prepare, _units, _all_persons, _unit_ratings, _verdict, _end)


def import_workbook(path: str | Path, *, user=None, dry_run: bool = False, annotated: str | Path | None = None,
                    progress=None, group_rows: int | None = None, limits: Limits | None = None) -> ImportResult:
    """Import a workbook or CSV folder: all or nothing (see the module docstring).
    `progress(message)`, when given, is told each stage as it begins; `group_rows` bounds
    the rows checked at a time (the setting DANGBO_IMPORT_GROUP_ROWS by default); `limits`
    bound an upload's rows and cells (the web wizard's; none on the command line).

    A dry run takes no lock and writes nothing: it reads the register as it is, so the
    clerks' own writes go on meanwhile (the import confirmed later checks everything again
    under the lock). A file refused as a whole (unreadable, or over a limit) is a refusal
    with one problem saying why."""
    started = time.monotonic()
    path = Path(path)
    step = progress or quiet
    step(f"Đọc {path.name}")
    importer = Importer(path, user=user, write=not dry_run, progress=step, group_rows=group_rows, limits=limits)
    result: ImportResult | None = None
    readable = True
    # Millions of short-lived rows, none in a reference cycle: the cyclic collector would
    # rescan the ones alive again and again (a third of the time). It runs between groups.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with (nullcontext() if dry_run else transaction.atomic()):
            # Inside the transaction, under the register's exclusive lock (on SQLite the write
            # lock of BEGIN IMMEDIATE): nothing changes between the check and the write.
            importer.read()
            importer.narrow = importer.stored_persons and sum(importer.counts.values()) <= settings.DANGBO_IMPORT_NARROW_ROWS
            if not dry_run and not importer.narrow:
                lock_register(exclusive=True)  # a narrow import locks the roots it replays (_narrow_units)
            if importer.layout_ok and ImportBatch.objects.filter(content_hash=importer.content_hash,
                                                                 status=ImportBatch.APPLIED).exists():
                result = ImportResult("duplicate")
                raise _Stop
            importer.run()
            if user is not None:  # the pages' and the API's write rule, row by row (exchange/reach.py)
                importer.problems.extend(reach_problems(path, user, limits))
            errors, warnings = importer.errors, importer.warnings
            counts = dict(importer.counts)
            if errors:
                result = ImportResult("refused", errors, warnings, counts)
                raise _Stop
            if dry_run:
                result = ImportResult("checked", [], warnings, counts)
                raise _Stop
            w = importer.writer
            assert w is not None
            result = ImportResult("applied", [], warnings, counts, w.batch.id, w.updated_persons)
    except _Stop:
        pass
    except FileRefused as exc:
        result, readable = ImportResult("refused", [exc.problem], [], dict(importer.counts)), False
    finally:
        importer.close()
        if collecting:
            gc.enable()
    assert result is not None
    if result.status == "refused":
        batch = ImportBatch.objects.create(
            user=user if getattr(user, "pk", None) else None, filename=path.name, content_hash=importer.content_hash,
            status=ImportBatch.REFUSED, summary={"counts": result.counts, "errors": len(result.errors)},
            problems=[_problem_json(p) for p in result.errors[:1000]])
        record_audit(user=user, action="import.refuse", object_type="import_batch", object_id=batch.id,
                     after={"file": path.name, "errors": len(result.errors)}, source="import")
        result.batch_id = batch.id
        if annotated is not None and readable:
            from .annotate import write_annotated

            write_annotated(path, result.errors + result.warnings, annotated)
    result.seconds = time.monotonic() - started
    return result
