"""API of members and persons (issue 20): the register on a date, a member's events, a member
event and its corrections, a person's details, a candidate's file. Bodies are named by the
exchange format's columns (`nguoi`, `bien_dong_dang_vien`, `quan_chung`), as every API body
is; the same services and the same write rule as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import Http404
from django.utils import timezone
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field, create_model

from dangbo.accounts.access import (
    check_member_event,
    check_person_edit,
    reaches_now_and_then,
    require_writer,
    sees_sensitive,
    subject_reached,
    visible_cells,
    visible_person,
    visible_spell,
    visible_version,
    writable_version,
)
from dangbo.core.api import (
    COMMON,
    Day,
    Limit,
    Offset,
    Problem,
    Refusal,
    VoidIn,
    day_or_today,
    not_found,
    require,
)
from dangbo.core.api import WRITE as CREATED
from dangbo.core.temporal import on
from dangbo.domain import member_file as MF
from dangbo.domain.dates import parse_month
from dangbo.domain.problems import FORM_REF, DomainError
from dangbo.domain.problems import Problem as ProblemRow
from dangbo.orgs.models import OrgVersion

from . import services
from .models import MemberSpell, Person
from .selectors import event_for_writer, searched

router = Router(tags=["Người và quần chúng ưu tú"])

# nguoi columns -> Person fields (exchange-format.md, member-file.md)
COLUMNS = {d.column: d.field for d in MF.ALL}
NOT_FOUND = "Không có người này trong phạm vi của bạn."
NO_EVENT = "Không có biến động này trong phạm vi ghi của bạn."

# The document says what is accepted: no invisible control character in any text (a workbook
# or Word document could not hold it), a name with something written in it.
TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
Code = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[^\s\x00-\x1f]([^\x00-\x1f]*[^\s\x00-\x1f])?$")]
Name = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f]*[^\s\x00-\x1f][^\x00-\x1f]*$")]
Sex = Literal["nam", "nu"]
CitizenId = Annotated[str, Field(pattern=r"^([0-9]{12})?$")]
Text100 = Annotated[str, Field(max_length=100, pattern=TEXT)]
Text200 = Annotated[str, Field(max_length=200, pattern=TEXT)]
Text300 = Annotated[str, Field(max_length=300, pattern=TEXT)]
Note = Annotated[str, Field(max_length=2000, pattern=TEXT)]


def _typed(d: MF.Detail):
    """The body's type of one `nguoi` column: coded details take the code or its label (the
    service reads either and refuses what names neither)."""
    if d.kind == "date":
        return Day
    if d.kind == "sex":
        return Sex
    if d.kind == "cccd":
        return CitizenId
    if d.column == "ho_ten":
        return Name
    return Annotated[str, Field(max_length=d.length, pattern=TEXT)]


def _schema(name: str, doc: str, fields: dict) -> type[Schema]:
    model = create_model(name, __base__=Schema, **fields)
    model.__doc__ = doc
    return model


_REQUIRED = ("ho_ten", "ngay_sinh", "gioi_tinh")
# Built from the list of details (domain.member_file), so the type checker sees them as Any.
PersonIn: Any
PersonPatch: Any
PersonOut: Any
PersonIn = _schema("PersonIn", "A new person: the `nguoi` columns (member-file.md).", {
    "ma": (Code, ...),
    **{d.column: (_typed(d), ... if d.column in _REQUIRED else None if d.kind == "date" else "") for d in MF.ALL},
})
PersonPatch = _schema("PersonPatch", "Only the columns given change; `phien_ban` (the version read) guards against "
                      "overwriting someone else's change made meanwhile; `ngay_thay_doi`, the day a change took effect "
                      "(kept by date for the yearly supplement), empty for a correction.", {
    **{d.column: (_typed(d) | None, None) for d in MF.ALL},
    "ngay_thay_doi": (Day | None, None),
    "phien_ban": (int | None, Field(None, ge=1, le=2**31 - 1)),
})
PersonOut = _schema("PersonOut", "A person's details; the sensitive ones (Decree 13/2023/NĐ-CP: dân tộc, tôn giáo, "
                    "thành phần gia đình) are null for a role that may not read them.", {
    "ma": (str, ...),
    **{d.column: (str | None if d.sensitive or d.kind == "cccd" else dt.date | None if d.kind == "date" else str, ...)
       for d in MF.ALL},
    "phien_ban": (int, ...),
})


class CandidateIn(Schema):
    ma_nguoi: Code
    ma_to_chuc: Code
    ngay_mo_ho_so: Day
    ghi_chu: Note = ""


def _out(p: Person, sensitive: bool) -> dict:
    return {"ma": p.code, **{d.column: getattr(p, d.field) if sensitive or not d.sensitive else None for d in MF.ALL},
            "phien_ban": p.version}


WRITE = {**CREATED, 409: Refusal}


class Member(Schema):
    ma: str
    ho_ten: str
    ngay_sinh: dt.date
    gioi_tinh: str
    ma_chi_bo: str
    trang_thai: str
    mien_sinh_hoat: bool


class Event(Schema):
    ngay: Day
    loai: str
    ma_to_chuc: str | None
    so_quyet_dinh: str
    da_huy: bool


class MemberEventIn(Schema):
    loai: str
    ngay: Day
    ma_nguoi: str
    ma_to_chuc: str | None = None
    trang_thai: str = ""
    ngay_ket_nap: Day | None = None
    ngay_le_ket_nap: Day | None = None
    ngay_quyet_dinh: Day | None = None
    so_the: str = ""
    so_nam: int | None = None
    som: bool = False
    so_quyet_dinh: str = ""
    ghi_chu: str = ""
    ly_do_vuot: str | None = None
    nguoi_gioi_thieu_1: Annotated[str, Field(max_length=200, pattern=TEXT)] = ""
    nguoi_gioi_thieu_2: Annotated[str, Field(max_length=200, pattern=TEXT)] = ""


def _person(code: str) -> Person:
    """The person with this code (404 when none; `not_found` says what to the caller)."""
    person = Person.objects.filter(code=code).first()
    if person is None:
        raise Http404
    return person


@router.get("/members", response={200: list[Member], **COMMON}, summary="Đảng viên trong phạm vi, vào một ngày")
def list_members(request, ngay: Day | None = None, q: str = "", don_vi: str = "", limit: int = Limit, offset: int = Offset):
    day = day_or_today(ngay)
    spells = MemberSpell.objects.filter(on(day), cell_id__in=visible_cells(request.user, day))
    if don_vi:
        try:
            unit = visible_version(request.user, don_vi, day)
        except Http404:
            return []
        spells = spells.filter(cell_id__in=OrgVersion.objects.filter(on(day), path__startswith=unit.path).values("org_id"))
    spells = searched(spells, q) if q.strip() else spells.order_by("person__sort_name", "person_id")
    rows = spells.select_related("person", "cell")[offset:offset + limit]
    return [{"ma": s.person.code, "ho_ten": s.person.full_name, "ngay_sinh": s.person.birth_date, "gioi_tinh": s.person.sex,
             "ma_chi_bo": s.cell.code, "trang_thai": s.status, "mien_sinh_hoat": s.exempt} for s in rows]


@router.get("/members/{code}/events", response={200: list[Event], 404: Problem, **COMMON}, summary="Quá trình của một đảng viên")
def member_events(request, code: str):
    with not_found("Không có đảng viên này trong phạm vi của bạn."):
        person = _person(code)
        visible_spell(request.user, person, timezone.localdate())
    return [{"ngay": e.date, "loai": e.kind, "ma_to_chuc": e.cell.code if e.cell_id else None,
             "so_quyet_dinh": e.decision_no, "da_huy": e.voided_at is not None}
            for e in person.events.select_related("cell").order_by("date", "id")]


@router.post("/member-events", response=CREATED, summary="Ghi một biến động đảng viên")
def post_member_event(request, data: MemberEventIn):
    require_writer(request.user, data.ngay)
    with not_found("Không có người hoặc chi bộ này trong phạm vi của bạn."):
        person = _person(data.ma_nguoi)
        cell = check_member_event(request.user, person=person, cell_code=data.ma_to_chuc, day=data.ngay, kind=data.loai)
    event = services.record_member_event(
        user=request.user, kind=data.loai, person=person, date=data.ngay, cell=cell, status=data.trang_thai,
        admission_date=data.ngay_ket_nap, ceremony_date=data.ngay_le_ket_nap, decision_date=data.ngay_quyet_dinh,
        card_no=data.so_the, badge_years=data.so_nam, early=data.som, decision_no=data.so_quyet_dinh,
        note=data.ghi_chu, override_reason=data.ly_do_vuot, introducer_1=data.nguoi_gioi_thieu_1,
        introducer_2=data.nguoi_gioi_thieu_2)
    return Status(201, {"id": event.pk})


@router.post("/persons", response=WRITE, summary="Tạo một người (chưa thuộc đơn vị nào)")
def post_person(request, data: PersonIn):
    require_writer(request.user, timezone.localdate())
    details = {COLUMNS[k]: v.strip() if isinstance(v, str) else v for k, v in data.dict().items()
               if k in COLUMNS and k not in ("ngay_sinh", "gioi_tinh", "so_cccd")}
    # a code or citizen id already another person's is a Conflict: 409
    person = services.create_person(user=request.user, code=data.ma.strip(), birth_date=data.ngay_sinh, sex=data.gioi_tinh,
                                    citizen_id=data.so_cccd.strip() or None, **details)
    return Status(201, {"id": person.pk})


@router.get("/persons/{code}", response={200: PersonOut, 404: Problem, **COMMON}, summary="Thông tin của một người")
def get_person(request, code: str):
    with not_found(NOT_FOUND):
        person = visible_person(request.user, code, timezone.localdate())
    return _out(person, sees_sensitive(request.user, person, timezone.localdate()))


@router.patch("/persons/{code}", response={200: PersonOut, **WRITE}, summary="Sửa thông tin của một người")
def patch_person(request, code: str, data: PersonPatch):
    require_writer(request.user, timezone.localdate())
    with not_found(NOT_FOUND):
        person = _person(code)
        check_person_edit(request.user, person, timezone.localdate())
    given = data.dict(exclude_unset=True)
    # null leaves a column as it is (an empty text clears it); only the citizen id is cleared by null
    changes = {COLUMNS[k]: (v.strip() if isinstance(v, str) else v) for k, v in given.items()
               if k in COLUMNS and (v is not None or k == "so_cccd")}
    if "citizen_id" in changes:
        changes["citizen_id"] = changes["citizen_id"] or None
    person = services.update_person(user=request.user, person=person, expected_version=given.get("phien_ban"),
                                    changed_on=given.get("ngay_thay_doi"), **changes)
    return Status(200, _out(person, True))


@router.post("/candidates", response=WRITE, summary="Mở hồ sơ quần chúng ưu tú cho một người")
def post_candidate(request, data: CandidateIn):
    require_writer(request.user, timezone.localdate())
    with not_found("Không có người hoặc chi bộ này trong phạm vi của bạn."):
        person = _person(data.ma_nguoi)
        require(reaches_now_and_then(request.user, person, data.ngay_mo_ho_so, arriving=True))
        cell = writable_version(request.user, data.ma_to_chuc, data.ngay_mo_ho_so).org
    candidate = services.open_candidate_file(user=request.user, person=person, cell=cell, opened=data.ngay_mo_ho_so,
                                             note=data.ghi_chu.strip())
    return Status(201, {"id": candidate.pk})


# ---- corrections: void a member event, or supersede it by a corrected copy -------------------
class CorrectIn(VoidIn):
    """The corrected copy: the columns given replace the event's, the others are kept."""

    loai: str | None = None
    ngay: Day | None = None
    ma_to_chuc: str | None = None
    trang_thai: str | None = None
    ngay_ket_nap: Day | None = None
    ngay_le_ket_nap: Day | None = None
    ngay_quyet_dinh: Day | None = None
    so_the: str | None = None
    so_nam: int | None = Field(None, ge=0, le=200)
    som: bool | None = None
    so_quyet_dinh: Text200 | None = None
    ghi_chu: Note | None = None
    ly_do_vuot: Note | None = None
    nguoi_gioi_thieu_1: Text200 | None = None
    nguoi_gioi_thieu_2: Text200 | None = None


EVENT_FIELDS = {"loai": "kind", "ngay": "date", "trang_thai": "status", "ngay_ket_nap": "admission_date",
                "ngay_le_ket_nap": "ceremony_date", "ngay_quyet_dinh": "decision_date", "so_the": "card_no",
                "so_nam": "badge_years", "som": "early", "so_quyet_dinh": "decision_no", "ghi_chu": "note",
                "nguoi_gioi_thieu_1": "introducer_1", "nguoi_gioi_thieu_2": "introducer_2"}
CLEARABLE = frozenset({"ngay_ket_nap", "ngay_le_ket_nap", "ngay_quyet_dinh", "so_nam"})


def _event_for_writer(request, event_id: int):
    """The member event the user may void or correct (403 for a read-only role, 404 outside)."""
    require_writer(request.user, timezone.localdate())
    with not_found(NO_EVENT):
        return event_for_writer(request.user, event_id)


@router.post("/member-events/{event_id}/void", response=WRITE, summary="Hủy một biến động đảng viên ghi nhầm (có lý do)")
def void_member_event(request, event_id: int, data: VoidIn):
    event = _event_for_writer(request, event_id)
    services.void_member_event(user=request.user, event=event, reason=data.ly_do.strip())
    return Status(201, {"id": event.pk})


@router.post("/member-events/{event_id}/correct", response=WRITE, summary="Sửa một biến động đảng viên (bản sửa thay bản cũ)")
def correct_member_event(request, event_id: int, data: CorrectIn):
    event = _event_for_writer(request, event_id)
    given = data.dict(exclude_unset=True)
    # null clears a column that may be empty (a date, a badge milestone); for one that may not
    # (the kind, the date, a text, the flag) it leaves the event's value
    changes = {EVENT_FIELDS[k]: v for k, v in given.items() if k in EVENT_FIELDS and (v is not None or k in CLEARABLE)}
    day = changes.get("date", event.date)
    with not_found("Không có người hoặc chi bộ này trong phạm vi ghi của bạn."):
        cell_code = given.get("ma_to_chuc", event.cell.code if event.cell else None)
        changes["cell"] = writable_version(request.user, cell_code, day).org if cell_code else None
        require(subject_reached(request.user, event.person, day))
    new = services.correct_member_event(user=request.user, event=event, reason=data.ly_do.strip(),
                                        override_reason=data.ly_do_vuot, **changes)
    return Status(201, {"id": new.pk})


# ---- the member's file: work history, family, photo (member-file.md) ----------------------
Month = Annotated[str, Field(pattern=r"^\s*\d{1,2}/\d{4}\s*$", description="mm/yyyy")]


class WorkHistoryIn(Schema):
    tu_thang: Month
    den_thang: Month | None = None
    noi_dung: Annotated[str, Field(min_length=1, max_length=500, pattern=TEXT)]


class FamilyIn(Schema):
    quan_he: Annotated[str, Field(min_length=1, max_length=40, pattern=TEXT)]
    ho_ten: Name
    nam_sinh: int | None = Field(None, ge=1850, le=2100)
    noi_dung: Annotated[str, Field(max_length=1000, pattern=TEXT)] = ""


class WorkHistoryOut(Schema):
    id: int
    tu_thang: str
    den_thang: str | None
    noi_dung: str


class FamilyOut(Schema):
    id: int
    quan_he: str
    ho_ten: str
    nam_sinh: int | None
    noi_dung: str


class FileOut(Schema):
    """The lines of the file; `gia_dinh` is null for a role that may not read it (sensitive)."""

    qua_trinh_cong_tac: list[WorkHistoryOut]
    gia_dinh: list[FamilyOut] | None
    co_anh: bool


def _writable_person(request, code: str) -> Person:
    require_writer(request.user, timezone.localdate())
    with not_found(NOT_FOUND):
        person = _person(code)
        check_person_edit(request.user, person, timezone.localdate())
    return person


@router.get("/persons/{code}/file", response={200: FileOut, 404: Problem, **COMMON},
            summary="Quá trình công tác, gia đình và ảnh trong hồ sơ một người")
def person_file(request, code: str):
    today = timezone.localdate()
    with not_found(NOT_FOUND):
        person = visible_person(request.user, code, today)
    family = (person.family.current().order_by("id") if sees_sensitive(request.user, person, today) else None)
    return {"qua_trinh_cong_tac": [{"id": w.pk, "tu_thang": f"{w.from_month:%m/%Y}",
                                    "den_thang": f"{w.to_month:%m/%Y}" if w.to_month else None, "noi_dung": w.content}
                                   for w in person.work_history.current().order_by("from_month", "id")],
            "gia_dinh": None if family is None else [{"id": f.pk, "quan_he": f.relation, "ho_ten": f.full_name,
                                                      "nam_sinh": f.birth_year, "noi_dung": f.content} for f in family],
            "co_anh": person.photos.exists()}


@router.post("/persons/{code}/work-history", response=WRITE, summary="Thêm một dòng quá trình công tác")
def post_work_history(request, code: str, data: WorkHistoryIn):
    person = _writable_person(request, code)
    try:
        start = parse_month(data.tu_thang)
        end = parse_month(data.den_thang) if data.den_thang else None
    except ValueError:
        raise DomainError([ProblemRow(FORM_REF, "tu_thang", data.tu_thang, "Tháng ghi mm/yyyy, ví dụ 09/2015.",
                                      code="unreadable_value")]) from None
    row = services.add_work_history(user=request.user, person=person, start=start, end=end, content=data.noi_dung)
    return Status(201, {"id": row.pk})


@router.post("/persons/{code}/family", response=WRITE, summary="Thêm một người trong quan hệ gia đình")
def post_family(request, code: str, data: FamilyIn):
    person = _writable_person(request, code)
    if not sees_sensitive(request.user, person, timezone.localdate()):
        raise Http404
    row = services.add_family_member(user=request.user, person=person, relation=data.quan_he, full_name=data.ho_ten,
                                     birth_year=data.nam_sinh, content=data.noi_dung)
    return Status(201, {"id": row.pk})


@router.post("/persons/{code}/photo", response=WRITE, summary="Tải ảnh 3×4 của một người (JPEG hoặc PNG)")
def post_photo(request, code: str, anh: UploadedFile = File(...)):  # noqa: B008 (ninja's way)
    person = _writable_person(request, code)
    photo = services.set_photo(user=request.user, person=person, data=anh.read())
    return Status(201, {"id": photo.pk})
