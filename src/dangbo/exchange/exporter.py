"""Export of the whole database in the exchange format (current records only).

Rows are streamed from the database; a workbook is written in openpyxl's write-only mode.
Export → import into an empty database → export gives the same rows.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Generator, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db.models import Case, IntegerField, Value, When

from dangbo.assessment.models import Rating
from dangbo.awards.models import Award
from dangbo.core.spreadsheets import csv_text, text_cells, xlsx_text
from dangbo.domain import codes as C
from dangbo.domain import member_file as MF
from dangbo.inspection.models import Discipline, Inspection
from dangbo.meetings.models import Attendance, Meeting
from dangbo.members.models import Candidate, FamilyMember, MemberEvent, Person, Photo, WorkHistory
from dangbo.orgs.models import OrgEvent
from dangbo.study.models import StudyReport
from dangbo.terms.models import Target, Term
from dangbo.training.models import Enrolment, TrainingClass

from .photos import FOLDER
from .schema import PERSON_COLUMNS, SHEET_BY_NAME, SHEETS
from .xlsx import write_only_workbook

XLSX_MAX_ROWS = 1_048_575
CHUNK = 5000


class ExportTooLarge(Exception):
    """A sheet has more rows than Excel allows."""


def _flag(v):
    return None if v is None else (1 if v else 0)


def _number(v: Decimal | None):
    if v is None:
        return None
    text = format(v.normalize(), "f")
    return text


def sheet_rows() -> Iterator[tuple[str, Generator[tuple, None, None]]]:
    """(sheet name, rows) for every sheet, rows in the order the importer must read them."""
    fields = [MF.BY_COLUMN[c].field for c in PERSON_COLUMNS]
    yield "nguoi", (
        (p.code, *(getattr(p, f) for f in fields))
        for p in Person.objects.order_by("id").iterator(chunk_size=CHUNK))
    end_group = Case(When(kind__in=C.ORG_END, then=Value(1)), default=Value(0), output_field=IntegerField())
    yield "bien_dong_to_chuc", (
        (e.date, e.kind, e.org.code, e.name, e.level, e.org_type, e.parent.code if e.parent else None,
         e.target.code if e.target else None, e.decision_no, e.note)
        for e in OrgEvent.objects.current().select_related("org", "parent", "target")
        .annotate(g=end_group).order_by("date", "g", "id").iterator(chunk_size=CHUNK))
    yield "bien_dong_dang_vien", (
        (e.date, e.kind, e.person.code, e.cell.code if e.cell else None, e.status, e.admission_date,
         e.ceremony_date, e.official_date, e.badge_received, e.decision_date, 1 if e.early else None,
         e.card_no, e.badge_years, e.decision_no, e.note, e.introducer_1, e.introducer_2)
        for e in MemberEvent.objects.current().select_related("person", "cell").order_by("date", "id")
        .iterator(chunk_size=CHUNK))
    yield "lop_hoc", ((c.code, c.name, c.kind, c.start, c.end, c.org.code)
                      for c in TrainingClass.objects.current().select_related("org").order_by("id").iterator(chunk_size=CHUNK))
    yield "hoc_vien", ((e.training_class.code, e.person.code, e.result, e.certificate_date)
                       for e in Enrolment.objects.current().select_related("training_class", "person").order_by("id").iterator(chunk_size=CHUNK))
    yield "hoc_tap_nghi_quyet", ((r.campaign_code, r.campaign_name, r.date, r.org.code, r.members_total, r.members_reached,
                                  r.workers_total, r.workers_reached)
                                 for r in StudyReport.objects.current().select_related("org").order_by("id").iterator(chunk_size=CHUNK))
    yield "danh_gia", ((r.year, r.subject_kind, (r.org or r.person).code, r.level, r.score)
                       for r in Rating.objects.current().select_related("org", "person").order_by("id").iterator(chunk_size=CHUNK))
    yield "kiem_tra_giam_sat", ((i.date, i.form, i.actor.code, i.body, i.subject_kind, (i.subject_org or i.subject_person).code,
                                 i.content, i.conclusion)
                                for i in Inspection.objects.current().select_related("actor", "subject_org", "subject_person")
                                .order_by("id").iterator(chunk_size=CHUNK))
    yield "ky_luat", ((d.date, d.subject_kind, (d.subject_org or d.subject_person).code, d.form, d.decided_by.code,
                       d.decision_no, d.note)
                      for d in Discipline.objects.current().select_related("subject_org", "subject_person", "decided_by")
                      .order_by("date", "id").iterator(chunk_size=CHUNK))
    yield "khen_thuong", ((a.date, a.form, a.subject_kind, (a.subject_org or a.subject_person).code, a.status,
                           a.granted_by.code if a.granted_by else None, a.content, a.decision_no)
                          for a in Award.objects.current().select_related("subject_org", "subject_person", "granted_by")
                          .order_by("id").iterator(chunk_size=CHUNK))
    yield "sinh_hoat", ((m.code, m.cell.code, m.date, m.kind, m.topic)
                        for m in Meeting.objects.current().select_related("cell").order_by("id").iterator(chunk_size=CHUNK))
    yield "du_sinh_hoat", ((a.meeting.code, a.person.code, a.status)
                           for a in Attendance.objects.current().select_related("meeting", "person").order_by("id").iterator(chunk_size=CHUNK))
    yield "quan_chung", ((c.person.code, c.cell.code, c.file_opened, c.note)
                         for c in Candidate.objects.current().select_related("person", "cell").order_by("id").iterator(chunk_size=CHUNK))
    yield "qua_trinh_cong_tac", ((w.person.code, _month(w.from_month), _month(w.to_month), w.content)
                                 for w in WorkHistory.objects.current().select_related("person")
                                 .order_by("person_id", "from_month", "id").iterator(chunk_size=CHUNK))
    yield "gia_dinh", ((f.person.code, f.relation, f.full_name, f.birth_year, f.content)
                       for f in FamilyMember.objects.current().select_related("person").order_by("person_id", "id")
                       .iterator(chunk_size=CHUNK))
    yield "nhiem_ky", ((t.code, t.org.code, t.start, t.end)
                       for t in Term.objects.current().select_related("org").order_by("id").iterator(chunk_size=CHUNK))
    yield "chi_tieu", ((t.term.code, t.number, t.text, t.metric, t.comparator, _number(t.threshold), _flag(t.met))
                       for t in Target.objects.current().select_related("term").order_by("id").iterator(chunk_size=CHUNK))


def _month(d: dt.date | None) -> str | None:
    """A month as the sheets write it: MM/YYYY."""
    return None if d is None else f"{d:%m/%Y}"


def _empty_to_none(row: tuple) -> list:
    return [None if v == "" else v for v in row]


def _csv_value(v) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def export_database(path: str | Path) -> dict[str, int]:
    """Write every sheet: a workbook when `path` ends in .xlsx, else a folder of CSV files."""
    path = Path(path)
    counts: dict[str, int] = {}
    headers = {s.name: s.codes for s in SHEETS}
    if path.suffix.lower() == ".xlsx":
        tmp = path.with_name(path.name + ".tmp")
        with write_only_workbook() as wb:
            _write_sheets(wb, headers, counts)
            wb.save(tmp)
        tmp.replace(path)
        return counts
    path.mkdir(parents=True, exist_ok=True)
    for name, rows in sheet_rows():
        n = 0
        texts = _text_columns(name)
        with open(path / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(headers[name])
            for row in rows:
                values = [_csv_value(v) for v in row]
                for i in texts:  # never a formula in a spreadsheet that opens the file
                    values[i] = csv_text(values[i])
                writer.writerow(values)
                n += 1
        counts[name] = n
    if n_photos := _write_photos(path / FOLDER):
        counts[FOLDER] = n_photos
    return counts


def _write_photos(folder: Path) -> int:
    """Each person's latest photo as anh/<ma>.jpg; the number written."""
    n, seen = 0, set()
    for code, image in (Photo.objects.order_by("person_id", "-uploaded_at", "-id").values_list("person__code", "image")
                        .iterator(chunk_size=100)):
        if code in seen:
            continue
        seen.add(code)
        folder.mkdir(exist_ok=True)
        (folder / f"{code}.jpg").write_bytes(bytes(image))
        n += 1
    return n


def _text_columns(name: str) -> list[int]:
    """Positions of the free-text columns of a sheet (names, notes): the ones a clerk, or an
    attacker, types anything into."""
    return [i for i, c in enumerate(SHEET_BY_NAME[name].columns) if c.kind == "text"]


def _write_sheets(wb: Any, headers: dict[str, Any], counts: dict[str, int]) -> None:
    """Stream every sheet into the write-only workbook `wb`, counting its rows in `counts`."""
    from openpyxl.cell import WriteOnlyCell

    for name, rows in sheet_rows():
        ws = wb.create_sheet(name)
        ws.append(headers[name])
        texts = _text_columns(name)
        n = 0
        try:
            for row in rows:
                n += 1
                if n > XLSX_MAX_ROWS:
                    raise ExportTooLarge(f"Sheet {name} có hơn {XLSX_MAX_ROWS:,} dòng, vượt giới hạn của Excel: hãy xuất ra thư mục CSV.".replace(",", "."))
                cells = []
                values = _empty_to_none(row)
                for i in texts:
                    if values[i] is not None:
                        values[i] = xlsx_text(values[i])
                for v in values:
                    if isinstance(v, dt.date):
                        cell = WriteOnlyCell(ws, value=v)
                        cell.number_format = "yyyy-mm-dd"
                        cells.append(cell)
                    else:
                        cells.append(v)
                ws.append(text_cells(ws, cells))
        finally:
            rows.close()  # closes the server-side cursor now, inside this transaction
        counts[name] = n

