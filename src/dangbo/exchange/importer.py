"""Import of an exchange-format workbook: check everything in memory, then write in bulk.

All or nothing: every problem of the workbook is collected (sheet, row, column, value,
Vietnamese reason); if any is a hard error nothing of the workbook is written, the refusal
is logged and an annotated copy can be written. Rows that only break a regulatory rule are
applied and listed as warnings, the import file recorded as the override's reason.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from dangbo import register
from dangbo.assessment.models import ClosedYear, Rating
from dangbo.audit.services import record_audit
from dangbo.awards.models import Award
from dangbo.core import faults
from dangbo.core.bulk import bulk_insert, reserve_ids
from dangbo.core.locks import lock_register
from dangbo.domain import records as REC
from dangbo.domain import replay as R
from dangbo.domain.problems import Problem
from dangbo.domain.text import fold
from dangbo.inspection.models import Discipline, Inspection
from dangbo.meetings.models import Attendance, Meeting
from dangbo.members.models import Candidate, MemberEvent, Person
from dangbo.orgs.models import Org, OrgEvent
from dangbo.rules.models import Override
from dangbo.rules.selectors import rulebook
from dangbo.study.models import StudyReport
from dangbo.terms.models import Target, Term
from dangbo.training.models import Enrolment, TrainingClass

from .cells import parse_row
from .models import ImportBatch
from .reader import RawWorkbook, read_workbook
from .schema import SHEETS

PERSON_FIELDS = {
    "ho_ten": "full_name", "ngay_sinh": "birth_date", "gioi_tinh": "sex", "so_cccd": "citizen_id",
    "dan_toc": "ethnicity", "ton_giao": "religion", "que_quan": "hometown", "chuc_vu": "position",
    "trinh_do_chuyen_mon": "qualification", "trinh_do_llct": "theory_level",
}


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


Rows = list[tuple[int, dict]]


class Importer:
    """Checks one workbook against the database and, when asked, writes it."""

    def __init__(self, raw: RawWorkbook, *, user=None, progress=None):
        self.raw = raw
        self.user = user
        self.step = progress or (lambda message: None)
        self.problems: list[Problem] = list(raw.problems)
        self.rows: dict[str, Rows] = {}
        for sheet in SHEETS:
            raw_sheet = raw.sheets.get(sheet.name)
            parsed: Rows = []
            if raw_sheet is not None:
                for number, record in raw_sheet.rows:
                    parsed.append((number, parse_row(sheet, number, record, self.problems)))
                raw_sheet.rows = []  # the raw cells are not needed again: free them early
            self.rows[sheet.name] = parsed

    # ---- checking --------------------------------------------------------------------
    def check(self) -> None:
        self.rules = rulebook()
        self.org_ids = {code: id_ for id_, code in register.org_codes().items()}
        self.db_persons = {}
        for id_, code, cccd, birth in Person.objects.values_list("id", "code", "citizen_id", "birth_date").iterator(chunk_size=20000):
            self.db_persons[code] = (id_, cccd, birth)
        self.step("Kiểm tra người")
        self._check_persons()
        self._build_events()
        self.step(f"Dựng lại quá trình: {sum(map(len, (self.org_events, self.member_events)))} biến động mới "
                  "cùng mọi biến động đã có")
        self._replay()
        self.step("Kiểm tra lớp học, xếp loại, kiểm tra, kỷ luật, khen thưởng, sinh hoạt, nhiệm kỳ")
        self._check_records()

    def _err(self, sheet: str, number: int, column: str | None, value, message: str) -> None:
        self.problems.append(Problem((sheet, number), column, value, message))

    def _check_persons(self) -> None:
        self.new_persons: dict[str, tuple[int, dict]] = {}
        self.person_updates: dict[str, tuple[int, dict]] = {}
        known_cccd = {cccd: code for code, (_, cccd, _) in self.db_persons.items() if cccd}
        for number, v in self.rows["nguoi"]:
            code = v.get("ma")
            if not code:
                continue
            if code in self.new_persons or code in self.person_updates:
                self._err("nguoi", number, "ma", code, f"Mã người {code} xuất hiện hai lần trong tệp.")
                continue
            cccd = v.get("so_cccd")
            if cccd and known_cccd.get(cccd, code) != code:
                self._err("nguoi", number, "so_cccd", cccd, f"Số CCCD đã thuộc về người mang mã {known_cccd[cccd]} (một người hai mã).")
                continue
            if cccd:
                known_cccd[cccd] = code
            birth = v.get("ngay_sinh")
            if birth and birth > dt.date.today():
                self._err("nguoi", number, "ngay_sinh", birth, "Ngày sinh ở tương lai.")
            target = self.person_updates if code in self.db_persons else self.new_persons
            target[code] = (number, v)
        self.person_set = set(self.db_persons) | set(self.new_persons)

    def _known_person(self, sheet: str, number: int, column: str, code: str | None) -> bool:
        if code and code not in self.person_set:
            self._err(sheet, number, column, code, f"Không có người mang mã {code} (thêm vào sheet nguoi).")
            return False
        return bool(code)

    def _build_events(self) -> None:
        self.org_events: list[R.OrgEvent] = []
        for i, (number, v) in enumerate(self.rows["bien_dong_to_chuc"]):
            if not v.get("ngay") or not v.get("loai") or not v.get("ma"):
                continue
            self.org_events.append(R.OrgEvent(
                (1, i), v["ngay"], v["loai"], v["ma"], ("bien_dong_to_chuc", number), v.get("ten"),
                v.get("cap"), v.get("loai_hinh"), v.get("ma_cap_tren"), v.get("ma_dich")))
        self.member_events: list[R.MemberEvent] = []
        for i, (number, v) in enumerate(self.rows["bien_dong_dang_vien"]):
            if not v.get("ngay") or not v.get("loai") or not self._known_person("bien_dong_dang_vien", number, "ma_nguoi", v.get("ma_nguoi")):
                continue
            self.member_events.append(R.MemberEvent(
                (1, i), v["ngay"], v["loai"], v["ma_nguoi"], ("bien_dong_dang_vien", number),
                v.get("ma_to_chuc"), v.get("trang_thai"), v.get("ngay_ket_nap"), v.get("ngay_le_ket_nap"),
                v.get("ngay_chinh_thuc"), v.get("huy_hieu_da_nhan"), v.get("ngay_quyet_dinh"),
                bool(v.get("som")), v.get("so_the"), v.get("so_nam")))
        self.expulsions: list[R.Expulsion] = []
        for i, (number, v) in enumerate(self.rows["ky_luat"]):
            if v.get("doi_tuong") == "dang_vien" and v.get("hinh_thuc") == "khai_tru" and v.get("ngay") \
                    and self._known_person("ky_luat", number, "ma_doi_tuong", v.get("ma_doi_tuong")):
                self.expulsions.append(R.Expulsion((1, i), v["ngay"], v["ma_doi_tuong"], ("ky_luat", number)))

    def _new_context(self) -> R.Context:
        ctx = R.Context(self.rules)
        for code, (_, v) in self.new_persons.items():
            if v.get("ngay_sinh"):
                ctx.birth_dates[code] = v["ngay_sinh"]
        for code, (_, v) in self.person_updates.items():
            if v.get("ngay_sinh"):
                ctx.birth_dates[code] = v["ngay_sinh"]
        classes = {c: (k, s, e) for c, k, s, e in TrainingClass.objects.current().values_list("code", "kind", "start", "end")}
        for _, v in self.rows["lop_hoc"]:
            if v.get("ma") and v.get("loai") and v.get("tu_ngay"):
                classes.setdefault(v["ma"], (v["loai"], v["tu_ngay"], v.get("den_ngay")))
        self.class_info = classes
        for _, v in self.rows["hoc_vien"]:
            info = classes.get(v.get("ma_lop"))
            if info and v.get("ma_nguoi"):
                kind, start, end = info
                ctx.certificates.setdefault(v["ma_nguoi"], []).append(
                    (kind, v.get("ngay_cap_chung_chi") or end or start, v.get("ket_qua") != "khong_hoan_thanh"))
        for _, v in self.rows["quan_chung"]:
            if v.get("ma_nguoi") and v.get("ngay_mo_ho_so"):
                ctx.files_opened.setdefault(v["ma_nguoi"], []).append(v["ngay_mo_ho_so"])
        for _, v in self.rows["ky_luat"]:
            if v.get("doi_tuong") == "dang_vien" and v.get("ma_doi_tuong") and v.get("ngay") and v.get("hinh_thuc"):
                ctx.disciplines.setdefault(v["ma_doi_tuong"], []).append((v["ngay"], v["hinh_thuc"]))
        return ctx

    def _replay(self) -> None:
        persons = register.person_codes()
        ctx = register.merge_context(register.load_context(self.rules, persons), self._new_context())
        self.disciplines = ctx.disciplines
        self.result = register.replay_all(self.rules, self.org_events, self.member_events, self.expulsions, ctx)
        self.problems.extend(self.result.problems)

    def _check_records(self) -> None:
        world = REC.World(self.result, self.rules, self.person_set, disciplines=self.disciplines)
        world.classes = {c: info[1] for c, info in self.class_info.items()}
        world.meetings = {c: (self._org_code(cell), d) for c, cell, d in Meeting.objects.current().values_list("code", "cell_id", "date")}
        world.terms = {c: (self._org_code(o), s, e) for c, o, s, e in Term.objects.current().values_list("code", "org_id", "start", "end")}
        world.closed_years = {(self._org_code(r), y) for r, y in ClosedYear.objects.values_list("root_id", "year")}
        add = self.problems.extend
        db_class_codes = set(TrainingClass.objects.values_list("code", flat=True))
        seen: set[str] = set()
        for number, v in self.rows["lop_hoc"]:
            if not all(v.get(k) for k in ("ma", "tu_ngay", "ma_to_chuc")):
                continue
            if v["ma"] in db_class_codes or v["ma"] in seen:
                self._err("lop_hoc", number, "ma", v["ma"], f"Mã lớp {v['ma']} đã có.")
            seen.add(v["ma"])
            add(REC.check_class(world, ("lop_hoc", number), start=v["tu_ngay"], end=v.get("den_ngay"), org=v["ma_to_chuc"]))
        for number, v in self.rows["hoc_vien"]:
            if v.get("ma_lop") and v.get("ma_nguoi"):
                add(REC.check_enrolment(world, ("hoc_vien", number), class_code=v["ma_lop"], person=v["ma_nguoi"]))
        for number, v in self.rows["hoc_tap_nghi_quyet"]:
            if all(v.get(k) is not None for k in ("ngay", "ma_to_chuc", "dv_tong", "dv_tham_gia", "cnvc_tong", "cnvc_tham_gia")):
                add(REC.check_study(world, ("hoc_tap_nghi_quyet", number), day=v["ngay"], org=v["ma_to_chuc"],
                                    dv_tong=v["dv_tong"], dv_tham_gia=v["dv_tham_gia"], cnvc_tong=v["cnvc_tong"],
                                    cnvc_tham_gia=v["cnvc_tham_gia"]))
        self._check_ratings(world)
        for number, v in self.rows["kiem_tra_giam_sat"]:
            if all(v.get(k) for k in ("ngay", "ma_chu_the", "co_quan", "doi_tuong", "ma_doi_tuong")):
                add(REC.check_inspection(world, ("kiem_tra_giam_sat", number), day=v["ngay"], actor=v["ma_chu_the"],
                                         body=v["co_quan"], subject_kind=v["doi_tuong"], subject=v["ma_doi_tuong"]))
        for number, v in self.rows["ky_luat"]:
            if all(v.get(k) for k in ("ngay", "doi_tuong", "ma_doi_tuong", "hinh_thuc", "ma_co_quan")):
                add(REC.check_discipline(world, ("ky_luat", number), day=v["ngay"], subject_kind=v["doi_tuong"],
                                         subject=v["ma_doi_tuong"], form=v["hinh_thuc"], decided_by=v["ma_co_quan"]))
        for number, v in self.rows["khen_thuong"]:
            if all(v.get(k) for k in ("ngay", "doi_tuong", "ma_doi_tuong")):
                add(REC.check_award(world, ("khen_thuong", number), day=v["ngay"], subject_kind=v["doi_tuong"],
                                    subject=v["ma_doi_tuong"], granted_by=v.get("ma_co_quan")))
        db_meetings = set(world.meetings)
        for number, v in self.rows["sinh_hoat"]:
            if not all(v.get(k) for k in ("ma", "ma_to_chuc", "ngay")):
                continue
            if v["ma"] in world.meetings:
                self._err("sinh_hoat", number, "ma", v["ma"], f"Mã buổi sinh hoạt {v['ma']} đã có.")
                continue
            add(REC.check_meeting(world, ("sinh_hoat", number), day=v["ngay"], cell=v["ma_to_chuc"]))
            world.meetings[v["ma"]] = (v["ma_to_chuc"], v["ngay"])
        seen_att = set(Attendance.objects.current().filter(meeting__code__in=list(db_meetings)).values_list("meeting__code", "person__code")) if db_meetings else set()
        for number, v in self.rows["du_sinh_hoat"]:
            if v.get("ma_sinh_hoat") and v.get("ma_nguoi"):
                key = (v["ma_sinh_hoat"], v["ma_nguoi"])
                if key in seen_att:
                    self._err("du_sinh_hoat", number, "ma_nguoi", v["ma_nguoi"], "Đã ghi dự sinh hoạt của người này ở buổi này.")
                seen_att.add(key)
                add(REC.check_attendance(world, ("du_sinh_hoat", number), meeting=v["ma_sinh_hoat"], person=v["ma_nguoi"]))
        for number, v in self.rows["quan_chung"]:
            if all(v.get(k) for k in ("ma_nguoi", "ma_to_chuc", "ngay_mo_ho_so")):
                add(REC.check_candidate(world, ("quan_chung", number), person=v["ma_nguoi"], cell=v["ma_to_chuc"], opened=v["ngay_mo_ho_so"]))
        for number, v in self.rows["nhiem_ky"]:
            if not all(v.get(k) for k in ("ma", "ma_to_chuc", "tu_ngay", "den_ngay")):
                continue
            if v["ma"] in world.terms:
                self._err("nhiem_ky", number, "ma", v["ma"], f"Mã nhiệm kỳ {v['ma']} đã có.")
                continue
            add(REC.check_term(world, ("nhiem_ky", number), org=v["ma_to_chuc"], start=v["tu_ngay"], end=v["den_ngay"]))
            world.terms[v["ma"]] = (v["ma_to_chuc"], v["tu_ngay"], v["den_ngay"])
        numbers = set(Target.objects.current().values_list("term__code", "number"))
        for number, v in self.rows["chi_tieu"]:
            if not (v.get("ma_nhiem_ky") and v.get("stt") is not None):
                continue
            if (v["ma_nhiem_ky"], v["stt"]) in numbers:
                self._err("chi_tieu", number, "stt", v["stt"], f"Nhiệm kỳ {v['ma_nhiem_ky']} đã có chỉ tiêu số {v['stt']}.")
            numbers.add((v["ma_nhiem_ky"], v["stt"]))
            add(REC.check_target(world, ("chi_tieu", number), term=v["ma_nhiem_ky"], metric=v.get("chi_so"),
                                 comparator=v.get("so_sanh"), threshold=v.get("gia_tri"), met=v.get("dat")))

    def _org_code(self, org_id: int) -> str:
        if not hasattr(self, "_codes_by_id"):
            self._codes_by_id = {v: k for k, v in self.org_ids.items()}
        return self._codes_by_id[org_id]

    def _check_ratings(self, world: REC.World) -> None:
        existing = []
        taken = set()
        for year, kind, org, person, level in Rating.objects.current().values_list("year", "subject_kind", "org__code", "person__code", "level"):
            code = org or person
            taken.add((year, kind, code))
            existing.append((("db:danh_gia", 0), year, kind, code, level, False))
        new = []
        for number, v in self.rows["danh_gia"]:
            if not all(v.get(k) is not None for k in ("nam", "doi_tuong", "ma", "xep_loai")):
                continue
            key = (v["nam"], v["doi_tuong"], v["ma"])
            if key in taken:
                self._err("danh_gia", number, "ma", v["ma"], f"{v['ma']} đã có xếp loại năm {v['nam']} (mỗi năm một xếp loại).")
                continue
            taken.add(key)
            self.problems.extend(REC.check_rating(world, ("danh_gia", number), year=v["nam"], subject_kind=v["doi_tuong"],
                                                  code=v["ma"], level=v["xep_loai"], score=v.get("diem")))
            new.append((("danh_gia", number), v["nam"], v["doi_tuong"], v["ma"], v["xep_loai"], True))
        if new:
            self.problems.extend(REC.quota_breaches(world, existing + new))

    # ---- results ---------------------------------------------------------------------
    @property
    def errors(self) -> list[Problem]:
        return sorted((p for p in self.problems if p.is_error), key=_problem_order)

    @property
    def warnings(self) -> list[Problem]:
        return sorted((p for p in self.problems if not p.is_error), key=_problem_order)

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.rows.items() if rows}

    # ---- writing ---------------------------------------------------------------------
    def write(self, filename: str) -> ImportBatch:
        """Write every row (call only when there are no errors), inside one transaction."""
        now = timezone.now()
        user_id = getattr(self.user, "pk", None)
        batch = ImportBatch.objects.create(user=self.user if user_id else None, filename=filename,
                                           content_hash=self.raw.content_hash, status=ImportBatch.APPLIED,
                                           summary={"counts": self.counts()},
                                           problems=[_problem_json(p) for p in self.warnings])
        base = (now, user_id, batch.id, None, None, "", None)
        base_fields = ["recorded_at", "recorded_by", "batch", "voided_at", "voided_by", "void_reason", "superseded_by"]
        self.step(f"Ghi người: {len(self.rows['nguoi'])} dòng")
        pid = self._write_persons(batch)
        faults.hit("import.after_persons")
        oid = self._write_orgs()
        self.step("Ghi biến động tổ chức và đảng viên")
        self._write_events(base, base_fields, pid, oid)
        self.step("Ghi các bản ghi khác")
        self._write_records(base, base_fields, pid, oid)
        self.step("Ghi phiên bản tổ chức và quá trình sinh hoạt")
        register.write_org_projection(self.result, oid)
        register.write_spells(self.result, oid, pid)
        reason = f"Nhập từ tệp {filename} (lần nhập #{batch.id})"
        Override.objects.bulk_create([
            Override(user_id=user_id, rule=p.rule, object_type=f"import:{p.ref[0]}", object_id=p.ref[1],
                     message=p.message, reason=reason) for p in self.warnings], batch_size=2000)
        record_audit(user=self.user, action="import.apply", object_type="import_batch", object_id=batch.id,
                     after={"file": filename, "counts": self.counts(), "warnings": len(self.warnings)}, source="import")
        faults.hit("import.before_commit")
        self.step("Xác nhận giao dịch")
        return batch

    def _write_persons(self, batch: ImportBatch) -> dict[str, int]:
        pid = {code: id_ for code, (id_, _, _) in self.db_persons.items()}
        new = list(self.new_persons.items())
        ids = reserve_ids(Person, len(new))
        fields = ["id", "code", "full_name", "search_name", "birth_date", "sex", "citizen_id", "ethnicity",
                  "religion", "hometown", "position", "qualification", "theory_level"]

        def rows():
            for (code, (_, v)), id_ in zip(new, ids, strict=True):
                pid[code] = id_
                yield (id_, code, v["ho_ten"], fold(v["ho_ten"]), v["ngay_sinh"], v["gioi_tinh"], v.get("so_cccd"),
                       v.get("dan_toc", ""), v.get("ton_giao", ""), v.get("que_quan", ""), v.get("chuc_vu", ""),
                       v.get("trinh_do_chuyen_mon", ""), v.get("trinh_do_llct", ""))
        bulk_insert(Person, fields, rows())
        self.updated_persons = 0
        for code, (_, v) in self.person_updates.items():
            person = Person.objects.get(code=code)
            before, after = {}, {}
            for col, attr in PERSON_FIELDS.items():
                if col not in v:
                    continue  # an empty cell leaves the stored value as it is: nothing is lost
                old, new_value = getattr(person, attr), v[col]
                if old != new_value:
                    before[attr], after[attr] = _json(old), _json(new_value)
                    setattr(person, attr, new_value)
            if after:
                person.search_name = fold(person.full_name)
                person.version += 1  # an edit form opened before this import will see a conflict
                person.save()
                self.updated_persons += 1
                record_audit(user=self.user, action="person.update", object_type="person", object_id=code,
                             before=before, after=after, reason=f"Nhập từ tệp (lần nhập #{batch.id})", source="import")
        return pid

    def _write_orgs(self) -> dict[str, int]:
        oid = dict(self.org_ids)
        new = [c for c in dict.fromkeys(e.code for e in self.org_events) if c not in oid]
        ids = reserve_ids(Org, len(new))
        bulk_insert(Org, ["id", "code", "settings"], ((i, c, {}) for c, i in zip(new, ids, strict=True)))
        oid.update(zip(new, ids, strict=True))
        return oid

    def _write_events(self, base, base_fields, pid, oid) -> None:
        rows_org = self.rows["bien_dong_to_chuc"]
        bulk_insert(OrgEvent, ["date", "kind", "org", "name", "level", "org_type", "parent", "target", "decision_no", "note", *base_fields],
                    ((v["ngay"], v["loai"], oid[v["ma"]], v.get("ten", ""), v.get("cap", ""), v.get("loai_hinh", ""),
                      oid.get(v.get("ma_cap_tren")), oid.get(v.get("ma_dich")), v.get("so_quyet_dinh", ""),
                      v.get("ghi_chu", ""), *base) for _, v in rows_org))
        bulk_insert(MemberEvent, ["date", "kind", "person", "cell", "status", "admission_date", "ceremony_date",
                                  "official_date", "badge_received", "decision_date", "early", "card_no", "badge_years",
                                  "decision_no", "note", *base_fields],
                    ((v["ngay"], v["loai"], pid[v["ma_nguoi"]], oid.get(v.get("ma_to_chuc")), v.get("trang_thai", ""),
                      v.get("ngay_ket_nap"), v.get("ngay_le_ket_nap"), v.get("ngay_chinh_thuc"), v.get("huy_hieu_da_nhan"),
                      v.get("ngay_quyet_dinh"), bool(v.get("som")), v.get("so_the", ""), v.get("so_nam"),
                      v.get("so_quyet_dinh", ""), v.get("ghi_chu", ""), *base)
                     for _, v in self.rows["bien_dong_dang_vien"]))

    def _write_records(self, base, base_fields, pid, oid) -> None:
        rows = self.rows
        class_ids = dict(TrainingClass.objects.values_list("code", "id"))
        new_classes = rows["lop_hoc"]
        ids = reserve_ids(TrainingClass, len(new_classes))
        bulk_insert(TrainingClass, ["id", "code", "name", "kind", "start", "end", "org", *base_fields],
                    ((i, v["ma"], v["ten"], v["loai"], v["tu_ngay"], v.get("den_ngay"), oid[v["ma_to_chuc"]], *base)
                     for (_, v), i in zip(new_classes, ids, strict=True)))
        class_ids.update((v["ma"], i) for (_, v), i in zip(new_classes, ids, strict=True))
        bulk_insert(Enrolment, ["training_class", "person", "result", "certificate_date", *base_fields],
                    ((class_ids[v["ma_lop"]], pid[v["ma_nguoi"]], v.get("ket_qua", ""), v.get("ngay_cap_chung_chi"), *base)
                     for _, v in rows["hoc_vien"]))
        bulk_insert(StudyReport, ["campaign_code", "campaign_name", "date", "org", "members_total", "members_reached",
                                  "workers_total", "workers_reached", *base_fields],
                    ((v["ma_dot"], v.get("ten_dot", ""), v["ngay"], oid[v["ma_to_chuc"]], v["dv_tong"], v["dv_tham_gia"],
                      v["cnvc_tong"], v["cnvc_tham_gia"], *base) for _, v in rows["hoc_tap_nghi_quyet"]))
        bulk_insert(Rating, ["year", "subject_kind", "org", "person", "level", "score", *base_fields],
                    ((v["nam"], v["doi_tuong"], oid[v["ma"]] if v["doi_tuong"] == "to_chuc" else None,
                      pid[v["ma"]] if v["doi_tuong"] == "dang_vien" else None, v["xep_loai"], v.get("diem"), *base)
                     for _, v in rows["danh_gia"]))
        bulk_insert(Inspection, ["date", "form", "actor", "body", "subject_kind", "subject_org", "subject_person",
                                 "content", "conclusion", *base_fields],
                    ((v["ngay"], v["hinh_thuc"], oid[v["ma_chu_the"]], v["co_quan"], v["doi_tuong"],
                      oid[v["ma_doi_tuong"]] if v["doi_tuong"] == "to_chuc" else None,
                      pid[v["ma_doi_tuong"]] if v["doi_tuong"] == "dang_vien" else None,
                      v.get("noi_dung", ""), v.get("ket_luan", ""), *base) for _, v in rows["kiem_tra_giam_sat"]))
        bulk_insert(Discipline, ["date", "subject_kind", "subject_org", "subject_person", "form", "decided_by",
                                 "decision_no", "note", *base_fields],
                    ((v["ngay"], v["doi_tuong"], oid[v["ma_doi_tuong"]] if v["doi_tuong"] == "to_chuc" else None,
                      pid[v["ma_doi_tuong"]] if v["doi_tuong"] == "dang_vien" else None, v["hinh_thuc"],
                      oid[v["ma_co_quan"]], v.get("so_quyet_dinh", ""), v.get("ghi_chu", ""), *base)
                     for _, v in rows["ky_luat"]))
        bulk_insert(Award, ["date", "form", "subject_kind", "subject_org", "subject_person", "status", "granted_by",
                            "content", "decision_no", *base_fields],
                    ((v["ngay"], v["hinh_thuc"], v["doi_tuong"], oid[v["ma_doi_tuong"]] if v["doi_tuong"] == "tap_the" else None,
                      pid[v["ma_doi_tuong"]] if v["doi_tuong"] == "ca_nhan" else None, v.get("trang_thai", ""),
                      oid.get(v.get("ma_co_quan")), v.get("noi_dung", ""), v.get("so_quyet_dinh", ""), *base)
                     for _, v in rows["khen_thuong"]))
        meeting_ids = dict(Meeting.objects.values_list("code", "id"))
        ids = reserve_ids(Meeting, len(rows["sinh_hoat"]))
        bulk_insert(Meeting, ["id", "code", "cell", "date", "kind", "topic", *base_fields],
                    ((i, v["ma"], oid[v["ma_to_chuc"]], v["ngay"], v["loai"], v.get("noi_dung", ""), *base)
                     for (_, v), i in zip(rows["sinh_hoat"], ids, strict=True)))
        meeting_ids.update((v["ma"], i) for (_, v), i in zip(rows["sinh_hoat"], ids, strict=True))
        bulk_insert(Attendance, ["meeting", "person", "status", *base_fields],
                    ((meeting_ids[v["ma_sinh_hoat"]], pid[v["ma_nguoi"]], v["trang_thai"], *base) for _, v in rows["du_sinh_hoat"]))
        bulk_insert(Candidate, ["person", "cell", "file_opened", "note", "documents", *base_fields],
                    ((pid[v["ma_nguoi"]], oid[v["ma_to_chuc"]], v["ngay_mo_ho_so"], v.get("ghi_chu", ""), [], *base)
                     for _, v in rows["quan_chung"]))
        term_ids = dict(Term.objects.values_list("code", "id"))
        ids = reserve_ids(Term, len(rows["nhiem_ky"]))
        bulk_insert(Term, ["id", "code", "org", "start", "end", *base_fields],
                    ((i, v["ma"], oid[v["ma_to_chuc"]], v["tu_ngay"], v["den_ngay"], *base)
                     for (_, v), i in zip(rows["nhiem_ky"], ids, strict=True)))
        term_ids.update((v["ma"], i) for (_, v), i in zip(rows["nhiem_ky"], ids, strict=True))
        bulk_insert(Target, ["term", "number", "text", "metric", "comparator", "threshold", "met", *base_fields],
                    ((term_ids[v["ma_nhiem_ky"]], v["stt"], v["noi_dung"], v.get("chi_so", ""), v.get("so_sanh", ""),
                      v.get("gia_tri"), v.get("dat"), *base) for _, v in rows["chi_tieu"]))


def _json(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def _problem_json(p: Problem) -> dict:
    return {"sheet": p.ref[0], "row": p.ref[1], "column": p.column, "value": _json(p.value) if p.value is not None else None,
            "message": p.message, "rule": p.rule}


def _problem_order(p: Problem):
    order = {s.name: i for i, s in enumerate(SHEETS)}
    return (order.get(p.ref[0], 99), p.ref[0], p.ref[1], p.column or "")


def import_workbook(path: str | Path, *, user=None, dry_run: bool = False, annotated: str | Path | None = None,
                    progress=None) -> ImportResult:
    """Import a workbook or CSV folder: all or nothing (see the module docstring).
    `progress(message)`, when given, is told each stage as it begins."""
    started = time.monotonic()
    path = Path(path)
    step = progress or (lambda message: None)
    step(f"Đọc {path.name}")
    raw = read_workbook(path)
    if not raw.problems and ImportBatch.objects.filter(content_hash=raw.content_hash, status=ImportBatch.APPLIED).exists():
        return ImportResult("duplicate", seconds=time.monotonic() - started)
    step(f"Đọc xong {sum(len(sh.rows) for sh in raw.sheets.values())} dòng; phân tích từng dòng")
    importer = Importer(raw, user=user, progress=step)
    with transaction.atomic():
        # Checking inside the transaction, under the register's exclusive lock (on SQLite the
        # write lock of BEGIN IMMEDIATE): nothing changes between the check and the write.
        lock_register(exclusive=True)
        importer.check()
        errors, warnings = importer.errors, importer.warnings
        if errors:
            result = ImportResult("refused", errors, warnings, importer.counts())
        elif dry_run:
            result = ImportResult("checked", [], warnings, importer.counts())
        else:
            batch = importer.write(path.name)
            result = ImportResult("applied", [], warnings, importer.counts(), batch.id, importer.updated_persons)
    if result.status == "refused":
        batch = ImportBatch.objects.create(
            user=user if getattr(user, "pk", None) else None, filename=path.name, content_hash=raw.content_hash,
            status=ImportBatch.REFUSED, summary={"counts": result.counts, "errors": len(errors)},
            problems=[_problem_json(p) for p in errors[:1000]])
        record_audit(user=user, action="import.refuse", object_type="import_batch", object_id=batch.id,
                     after={"file": path.name, "errors": len(errors)}, source="import")
        result.batch_id = batch.id
        if annotated is not None:
            from .annotate import write_annotated

            write_annotated(path, errors + warnings, annotated)
    result.seconds = time.monotonic() - started
    return result
