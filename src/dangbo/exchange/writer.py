"""Writing checked rows in bulk (COPY on PostgreSQL), sheet by sheet, with the derived
scope each record carries (`domain.counting_root`) computed from the replay that checked it.

`Rows` are (row index, row number, parsed values); `pid` and `oid` map person and unit
codes to ids (every code a checked row names is in them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from dangbo.assessment.models import Rating
from dangbo.audit.services import record_audit
from dangbo.awards.models import Award
from dangbo.core.bulk import bulk_insert, reserve_ids
from dangbo.domain import member_file as MF
from dangbo.domain import replay as R
from dangbo.domain.counting_root import event_root
from dangbo.domain.text import fold, name_keys, sort_key
from dangbo.inspection.models import Discipline, Inspection
from dangbo.meetings.models import Attendance, Meeting
from dangbo.members.file import dated_changes
from dangbo.members.models import (
    Candidate,
    DetailChange,
    FamilyMember,
    MemberEvent,
    MemberSpell,
    NameKey,
    Person,
    WorkHistory,
)
from dangbo.members.name_keys import rewrite_name_keys
from dangbo.orgs.models import Org, OrgEvent
from dangbo.projections import SPELL_FIELDS
from dangbo.study.models import StudyReport
from dangbo.terms.models import Target, Term
from dangbo.training.models import Enrolment, TrainingClass

from .checks import Rows

PERSON_FIELDS = {d.column: d.field for d in MF.ALL}
# Written for a new person besides its code and the names derived from its name.
_DETAILS = [d for d in MF.ALL if d.column not in ("ho_ten", "ngay_sinh", "gioi_tinh", "so_cccd")]
BASE_FIELDS = ["recorded_at", "recorded_by", "batch", "voided_at", "voided_by", "void_reason", "superseded_by"]


def _json(value):
    return value.isoformat() if isinstance(value, dt.date) else value


class Writer:
    """The rows of one import, written under its batch."""

    def __init__(self, *, batch, user, oid: dict[str, int], insert=bulk_insert):
        self.insert = insert  # bulk_insert, or a CopyPayload in a worker process
        self.batch = batch
        self.user = user
        self.oid: dict[Any, int] = oid  # unit code -> id (.get of a blank column's None is None)
        user_id = getattr(user, "pk", None)
        self.base = (timezone.now(), user_id, batch.id, None, None, "", None)
        self.class_ids: dict[str, int] = {}
        self.meeting_ids: dict[str, int] = {}
        self.term_ids: dict[str, int] = {}
        self.updated_persons = 0

    def _root(self, code: str | None) -> int | None:
        return self.oid[code] if code is not None else None

    # ---- units --------------------------------------------------------------------------
    def orgs(self, codes: list[str]) -> None:
        new = [c for c in dict.fromkeys(codes) if c not in self.oid]
        ids = reserve_ids(Org, len(new))
        bulk_insert(Org, ["id", "code", "settings"], ((i, c, {}) for c, i in zip(new, ids, strict=True)))
        self.oid.update(zip(new, ids, strict=True))

    def org_events(self, rows: Rows) -> None:
        oid, base = self.oid, self.base
        bulk_insert(OrgEvent, ["date", "kind", "org", "name", "level", "org_type", "parent", "target", "decision_no", "note",
                               *BASE_FIELDS],
                    ((v["ngay"], v["loai"], oid[v["ma"]], v.get("ten", ""), v.get("cap", ""), v.get("loai_hinh", ""),
                      oid.get(v.get("ma_cap_tren")), oid.get(v.get("ma_dich")), v.get("so_quyet_dinh", ""),
                      v.get("ghi_chu", ""), *base) for _, _, v in rows))

    def classes(self, rows: Rows) -> None:
        ids = reserve_ids(TrainingClass, len(rows))
        bulk_insert(TrainingClass, ["id", "code", "name", "kind", "start", "end", "org", *BASE_FIELDS],
                    ((i, v["ma"], v["ten"], v["loai"], v["tu_ngay"], v.get("den_ngay"), self.oid[v["ma_to_chuc"]], *self.base)
                     for (_, _, v), i in zip(rows, ids, strict=True)))
        self.class_ids.update((v["ma"], i) for (_, _, v), i in zip(rows, ids, strict=True))

    def study(self, rows: Rows) -> None:
        bulk_insert(StudyReport, ["campaign_code", "campaign_name", "date", "org", "members_total", "members_reached",
                                  "workers_total", "workers_reached", *BASE_FIELDS],
                    ((v["ma_dot"], v.get("ten_dot", ""), v["ngay"], self.oid[v["ma_to_chuc"]], v["dv_tong"], v["dv_tham_gia"],
                      v["cnvc_tong"], v["cnvc_tham_gia"], *self.base) for _, _, v in rows))

    def meetings(self, rows: Rows) -> None:
        ids = reserve_ids(Meeting, len(rows))
        bulk_insert(Meeting, ["id", "code", "cell", "date", "kind", "topic", *BASE_FIELDS],
                    ((i, v["ma"], self.oid[v["ma_to_chuc"]], v["ngay"], v["loai"], v.get("noi_dung", ""), *self.base)
                     for (_, _, v), i in zip(rows, ids, strict=True)))
        self.meeting_ids.update((v["ma"], i) for (_, _, v), i in zip(rows, ids, strict=True))

    def terms(self, rows: Rows) -> None:
        ids = reserve_ids(Term, len(rows))
        bulk_insert(Term, ["id", "code", "org", "start", "end", *BASE_FIELDS],
                    ((i, v["ma"], self.oid[v["ma_to_chuc"]], v["tu_ngay"], v["den_ngay"], *self.base)
                     for (_, _, v), i in zip(rows, ids, strict=True)))
        self.term_ids.update((v["ma"], i) for (_, _, v), i in zip(rows, ids, strict=True))

    def targets(self, rows: Rows) -> None:
        bulk_insert(Target, ["term", "number", "text", "metric", "comparator", "threshold", "met", *BASE_FIELDS],
                    ((self.term_ids[v["ma_nhiem_ky"]], v["stt"], v["noi_dung"], v.get("chi_so", ""), v.get("so_sanh", ""),
                      v.get("gia_tri"), v.get("dat"), *self.base) for _, _, v in rows))

    # ---- persons ------------------------------------------------------------------------
    def persons(self, new: list[tuple[str, dict]], pid: dict[str, int], ids: Sequence[int] | None = None) -> None:
        """New persons, with `ids` reserved beforehand (or now)."""
        ids = reserve_ids(Person, len(new)) if ids is None else ids
        fields = ["id", "code", "full_name", "search_name", "sort_name", "birth_date", "sex", "citizen_id",
                  *(d.field for d in _DETAILS)]
        blank = [None if d.kind == "date" else "" for d in _DETAILS]

        folded = [fold(v["ho_ten"]) for _, v in new]

        def rows():
            for (code, v), id_, name in zip(new, ids, folded, strict=True):
                pid[code] = id_
                yield (id_, code, v["ho_ten"], name, sort_key(v["ho_ten"]), v["ngay_sinh"], v["gioi_tinh"], v.get("so_cccd"),
                       *(v.get(d.column, b) for d, b in zip(_DETAILS, blank, strict=True)))
        self.insert(Person, fields, rows())
        self.insert(NameKey, ["person", "position", "key"],
                    ((id_, i, k) for id_, name in zip(ids, folded, strict=True) for i, k in enumerate(name_keys(name))))

    def person_updates(self, updates: list[tuple[str, dict]]) -> None:
        """A row for a stored person changes the details it gives (an empty cell keeps the
        stored value), audited, and raises the person's version. A change of a detail kept by
        date takes effect on the day of the import (member-file.md: the yearly supplement)."""
        today, changes = timezone.localdate(), []
        for code, v in updates:
            person = Person.objects.get(code=code)
            olds, news = {}, {}
            for col, attr in PERSON_FIELDS.items():
                if col in v and getattr(person, attr) != v[col]:
                    olds[attr], news[attr] = getattr(person, attr), v[col]
                    setattr(person, attr, v[col])
            changes += dated_changes(person, olds, news, today, self.base[0], getattr(self.user, "pk", None))
            before, after = ({f: _json(x) for f, x in values.items()} for values in (olds, news))
            if after:
                person.search_name, person.sort_name = fold(person.full_name), sort_key(person.full_name)
                person.version += 1  # an edit form opened before this import will see a conflict
                person.save()
                if "full_name" in after:
                    rewrite_name_keys(person)
                if "sex" in after:
                    MemberSpell.objects.filter(person=person).update(sex=person.sex)
                self.updated_persons += 1
                record_audit(user=self.user, action="person.update", object_type="person", object_id=code,
                             before=before, after=after, reason=f"Nhập từ tệp (lần nhập #{self.batch.id})", source="import")
        DetailChange.objects.bulk_create(changes)

    def member_events(self, rows: Rows, pid: dict[str, int], register: R.ReplayResult) -> None:
        oid, base = self.oid, self.base
        self.insert(MemberEvent, ["date", "kind", "person", "cell", "status", "admission_date", "ceremony_date",
                                  "official_date", "badge_received", "decision_date", "early", "card_no", "badge_years",
                                  "decision_no", "note", "introducer_1", "introducer_2", "scope_root", *BASE_FIELDS],
                    ((v["ngay"], v["loai"], pid[v["ma_nguoi"]], oid.get(v.get("ma_to_chuc")), v.get("trang_thai", ""),
                      v.get("ngay_ket_nap"), v.get("ngay_le_ket_nap"), v.get("ngay_chinh_thuc"), v.get("huy_hieu_da_nhan"),
                      v.get("ngay_quyet_dinh"), bool(v.get("som")), v.get("so_the", ""), v.get("so_nam"),
                      v.get("so_quyet_dinh", ""), v.get("ghi_chu", ""),
                      *((v.get("nguoi_gioi_thieu_1", ""), v.get("nguoi_gioi_thieu_2", "")) if v["loai"] == "ket_nap" else ("", "")),
                      self._root(event_root(register, v["loai"], v["ma_nguoi"], v["ngay"])), *base)
                     for _, _, v in rows))

    def spells(self, register: R.ReplayResult, pid: dict[str, int], sexes: dict[str, str]) -> None:
        oid = self.oid
        self.insert(MemberSpell, SPELL_FIELDS,
                    ((pid[code], s.valid_from, s.valid_to, oid[s.cell], s.status, s.exempt, s.party_age_from, s.ceremony_date,
                      s.official_date, s.card_no or "", s.badge_years, sexes.get(code, ""))
                     for code, spells in register.spells.items() for s in spells))

    def enrolments(self, rows: Rows, pid: dict[str, int]) -> None:
        self.insert(Enrolment, ["training_class", "person", "result", "certificate_date", *BASE_FIELDS],
                    ((self.class_ids[v["ma_lop"]], pid[v["ma_nguoi"]], v.get("ket_qua", ""), v.get("ngay_cap_chung_chi"),
                      *self.base) for _, _, v in rows))

    # ---- records of units or persons ----------------------------------------------------
    def ratings(self, rows: list[tuple], pid: dict[str, int]) -> None:
        """`rows` as `checks.ratings` returns them, with each rating's root and group."""
        oid = self.oid
        self.insert(Rating, ["year", "subject_kind", "org", "person", "level", "score", "scope_root", "scope_group",
                             *BASE_FIELDS],
                    ((v["nam"], v["doi_tuong"], oid[v["ma"]] if v["doi_tuong"] == "to_chuc" else None,
                      pid[v["ma"]] if v["doi_tuong"] == "dang_vien" else None, v["xep_loai"], v.get("diem"),
                      self._root(root), self._root(group), *self.base)
                     for _, _, v, root, group in rows))

    def inspections(self, rows: Rows, pid: dict[str, int]) -> None:
        oid = self.oid
        self.insert(Inspection, ["date", "form", "actor", "body", "subject_kind", "subject_org", "subject_person",
                                 "content", "conclusion", *BASE_FIELDS],
                    ((v["ngay"], v["hinh_thuc"], oid[v["ma_chu_the"]], v["co_quan"], v["doi_tuong"],
                      oid[v["ma_doi_tuong"]] if v["doi_tuong"] == "to_chuc" else None,
                      pid[v["ma_doi_tuong"]] if v["doi_tuong"] == "dang_vien" else None,
                      v.get("noi_dung", ""), v.get("ket_luan", ""), *self.base) for _, _, v in rows))

    def disciplines(self, rows: Rows, pid: dict[str, int]) -> None:
        oid = self.oid
        self.insert(Discipline, ["date", "subject_kind", "subject_org", "subject_person", "form", "decided_by",
                                 "decision_no", "note", *BASE_FIELDS],
                    ((v["ngay"], v["doi_tuong"], oid[v["ma_doi_tuong"]] if v["doi_tuong"] == "to_chuc" else None,
                      pid[v["ma_doi_tuong"]] if v["doi_tuong"] == "dang_vien" else None, v["hinh_thuc"],
                      oid[v["ma_co_quan"]], v.get("so_quyet_dinh", ""), v.get("ghi_chu", ""), *self.base)
                     for _, _, v in rows))

    def awards(self, rows: Rows, pid: dict[str, int]) -> None:
        oid = self.oid
        self.insert(Award, ["date", "form", "subject_kind", "subject_org", "subject_person", "status", "granted_by",
                            "content", "decision_no", *BASE_FIELDS],
                    ((v["ngay"], v["hinh_thuc"], v["doi_tuong"], oid[v["ma_doi_tuong"]] if v["doi_tuong"] == "tap_the" else None,
                      pid[v["ma_doi_tuong"]] if v["doi_tuong"] == "ca_nhan" else None, v.get("trang_thai", ""),
                      oid.get(v.get("ma_co_quan")), v.get("noi_dung", ""), v.get("so_quyet_dinh", ""), *self.base)
                     for _, _, v in rows))

    def attendance(self, rows: Rows, pid: dict[str, int]) -> None:
        self.insert(Attendance, ["meeting", "person", "status", *BASE_FIELDS],
                    ((self.meeting_ids[v["ma_sinh_hoat"]], pid[v["ma_nguoi"]], v["trang_thai"], *self.base)
                     for _, _, v in rows))

    def work_history(self, rows: Rows, pid: dict[str, int]) -> None:
        self.insert(WorkHistory, ["person", "from_month", "to_month", "content", *BASE_FIELDS],
                    ((pid[v["ma_nguoi"]], v["tu_thang"], v.get("den_thang"), v["noi_dung"], *self.base) for _, _, v in rows))

    def family(self, rows: Rows, pid: dict[str, int]) -> None:
        self.insert(FamilyMember, ["person", "relation", "full_name", "birth_year", "content", *BASE_FIELDS],
                    ((pid[v["ma_nguoi"]], v["quan_he"], v["ho_ten"], v.get("nam_sinh"), v.get("noi_dung", ""), *self.base)
                     for _, _, v in rows))

    def candidates(self, rows: Rows, pid: dict[str, int]) -> None:
        self.insert(Candidate, ["person", "cell", "file_opened", "note", "documents", *BASE_FIELDS],
                    ((pid[v["ma_nguoi"]], self.oid[v["ma_to_chuc"]], v["ngay_mo_ho_so"], v.get("ghi_chu", ""), [], *self.base)
                     for _, _, v in rows))
