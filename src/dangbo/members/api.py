"""API of persons and candidates' files (issue 20): create a person, read and correct their
details, open a candidate's file. Bodies are named by the exchange format's columns (`nguoi`,
`quan_chung`), as every API body is; the same services and the same write rule as the pages."""

from __future__ import annotations

from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field

from dangbo.accounts.scope import (
    check_person_edit,
    reach,
    reaches_now_and_then,
    subject_reached,
    visible_person,
    writable_version,
)
from dangbo.api import COMMON, Created, Day, Problem, Refusal, VoidIn, refusal
from dangbo.domain.problems import Conflict, DomainError

from . import services
from .models import Person
from .selectors import event_for_writer

router = Router(tags=["Người và quần chúng ưu tú"])

# nguoi columns -> Person fields (exchange-format.md)
COLUMNS = {"ho_ten": "full_name", "ngay_sinh": "birth_date", "gioi_tinh": "sex", "so_cccd": "citizen_id",
           "dan_toc": "ethnicity", "ton_giao": "religion", "que_quan": "hometown", "chuc_vu": "position",
           "trinh_do_chuyen_mon": "qualification", "trinh_do_llct": "theory_level"}
READ_ONLY = {403: Problem}
NOT_WRITER = {"loi": "Vai trò của bạn chỉ được xem."}
NOT_FOUND = {"loi": "Không có người này trong phạm vi của bạn."}


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


class PersonIn(Schema):
    ma: Code
    ho_ten: Name
    ngay_sinh: Day
    gioi_tinh: Sex
    so_cccd: CitizenId = ""
    dan_toc: Text100 = ""
    ton_giao: Text100 = ""
    que_quan: Text300 = ""
    chuc_vu: Text300 = ""
    trinh_do_chuyen_mon: Text200 = ""
    trinh_do_llct: Text200 = ""


class PersonPatch(Schema):
    """Only the columns given change; `phien_ban` (the version read) guards against
    overwriting someone else's change made meanwhile."""

    ho_ten: Name | None = None
    ngay_sinh: Day | None = None
    gioi_tinh: Sex | None = None
    so_cccd: CitizenId | None = None
    dan_toc: Text100 | None = None
    ton_giao: Text100 | None = None
    que_quan: Text300 | None = None
    chuc_vu: Text300 | None = None
    trinh_do_chuyen_mon: Text200 | None = None
    trinh_do_llct: Text200 | None = None
    phien_ban: int | None = Field(None, ge=1, le=2**31 - 1)


class PersonOut(Schema):
    ma: str
    ho_ten: str
    ngay_sinh: Day
    gioi_tinh: str
    so_cccd: str | None
    dan_toc: str
    ton_giao: str
    que_quan: str
    chuc_vu: str
    trinh_do_chuyen_mon: str
    trinh_do_llct: str
    phien_ban: int


class CandidateIn(Schema):
    ma_nguoi: Code
    ma_to_chuc: Code
    ngay_mo_ho_so: Day
    ghi_chu: Note = ""


def _out(p: Person) -> dict:
    return {"ma": p.code, **{col: getattr(p, field) for col, field in COLUMNS.items()}, "phien_ban": p.version}


WRITE = {201: Created, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Refusal, 422: Refusal | Problem}


@router.post("/persons", response=WRITE, summary="Tạo một người (chưa thuộc đơn vị nào)")
def post_person(request, data: PersonIn):
    if not reach(request.user, timezone.localdate()).can_write:
        return Status(403, NOT_WRITER)
    details = {COLUMNS[k]: v.strip() for k, v in data.dict().items() if k in COLUMNS and k not in ("ngay_sinh", "gioi_tinh", "so_cccd")}
    try:
        person = services.create_person(user=request.user, code=data.ma.strip(), birth_date=data.ngay_sinh, sex=data.gioi_tinh,
                                        citizen_id=data.so_cccd.strip() or None, **details)
    except Conflict as exc:  # the code or the citizen id is already another person's
        return Status(409, {"loi": exc.messages, "chan_boi_quy_dinh": False})
    except DomainError as exc:
        return refusal(exc)
    return Status(201, {"id": person.pk})


@router.get("/persons/{code}", response={200: PersonOut, 404: Problem, **COMMON}, summary="Thông tin của một người")
def get_person(request, code: str):
    try:
        return Status(200, _out(visible_person(request.user, code, timezone.localdate())))
    except Http404:
        return Status(404, NOT_FOUND)


@router.patch("/persons/{code}", response={200: PersonOut, **WRITE}, summary="Sửa thông tin của một người")
def patch_person(request, code: str, data: PersonPatch):
    if not reach(request.user, timezone.localdate()).can_write:
        return Status(403, NOT_WRITER)
    person = Person.objects.filter(code=code).first()
    try:
        if person is None:
            raise Http404
        check_person_edit(request.user, person, timezone.localdate())
    except Http404:
        return Status(404, NOT_FOUND)
    given = data.dict(exclude_unset=True)
    # null leaves a column as it is (an empty text clears it); only the citizen id is cleared by null
    changes = {COLUMNS[k]: (v.strip() if isinstance(v, str) else v) for k, v in given.items()
               if k in COLUMNS and (v is not None or k == "so_cccd")}
    if "citizen_id" in changes:
        changes["citizen_id"] = changes["citizen_id"] or None
    try:
        person = services.update_person(user=request.user, person=person, expected_version=given.get("phien_ban"), **changes)
    except Conflict as exc:
        return Status(409, {"loi": exc.messages, "chan_boi_quy_dinh": False})
    except DomainError as exc:
        return refusal(exc)
    return Status(200, _out(person))


@router.post("/candidates", response=WRITE, summary="Mở hồ sơ quần chúng ưu tú cho một người")
def post_candidate(request, data: CandidateIn):
    today = timezone.localdate()
    if not reach(request.user, today).can_write:
        return Status(403, NOT_WRITER)
    person = Person.objects.filter(code=data.ma_nguoi).first()
    try:
        if person is None or not reaches_now_and_then(request.user, person, data.ngay_mo_ho_so, arriving=True):
            raise Http404
        cell = writable_version(request.user, data.ma_to_chuc, data.ngay_mo_ho_so).org
    except Http404:
        return Status(404, {"loi": "Không có người hoặc chi bộ này trong phạm vi của bạn."})
    except PermissionDenied:
        return Status(403, NOT_WRITER)
    try:
        candidate = services.open_candidate_file(user=request.user, person=person, cell=cell, opened=data.ngay_mo_ho_so,
                                                 note=data.ghi_chu.strip())
    except DomainError as exc:
        return refusal(exc)
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


EVENT_FIELDS = {"loai": "kind", "ngay": "date", "trang_thai": "status", "ngay_ket_nap": "admission_date",
                "ngay_le_ket_nap": "ceremony_date", "ngay_quyet_dinh": "decision_date", "so_the": "card_no",
                "so_nam": "badge_years", "som": "early", "so_quyet_dinh": "decision_no", "ghi_chu": "note"}
NO_EVENT = {"loi": "Không có biến động này trong phạm vi ghi của bạn."}
CLEARABLE = frozenset({"ngay_ket_nap", "ngay_le_ket_nap", "ngay_quyet_dinh", "so_nam"})


def _event_for_writer(request, event_id: int):
    """(the event, None) when the user may void or correct it; (None, the answer) otherwise,
    as training.api._class_for_writer does for a class."""
    if not reach(request.user, timezone.localdate()).can_write:
        return None, Status(403, NOT_WRITER)
    try:
        return event_for_writer(request.user, event_id), None
    except Http404:
        return None, Status(404, NO_EVENT)


@router.post("/member-events/{event_id}/void", response=WRITE, summary="Hủy một biến động đảng viên ghi nhầm (có lý do)")
def void_member_event(request, event_id: int, data: VoidIn):
    event, refused = _event_for_writer(request, event_id)
    if refused:
        return refused
    try:
        services.void_member_event(user=request.user, event=event, reason=data.ly_do.strip())
    except DomainError as exc:
        return refusal(exc)
    return Status(201, {"id": event.pk})


@router.post("/member-events/{event_id}/correct", response=WRITE, summary="Sửa một biến động đảng viên (bản sửa thay bản cũ)")
def correct_member_event(request, event_id: int, data: CorrectIn):
    event, refused = _event_for_writer(request, event_id)
    if refused:
        return refused
    given = data.dict(exclude_unset=True)
    # null clears a column that may be empty (a date, a badge milestone); for one that may not
    # (the kind, the date, a text, the flag) it leaves the event's value
    changes = {EVENT_FIELDS[k]: v for k, v in given.items() if k in EVENT_FIELDS and (v is not None or k in CLEARABLE)}
    day = changes.get("date", event.date)
    try:
        cell_code = given.get("ma_to_chuc", event.cell.code if event.cell else None)
        changes["cell"] = writable_version(request.user, cell_code, day).org if cell_code else None
        if not subject_reached(request.user, event.person, day):
            raise Http404
    except Http404:
        return Status(404, {"loi": "Không có người hoặc chi bộ này trong phạm vi ghi của bạn."})
    except PermissionDenied:
        return Status(403, NOT_WRITER)
    try:
        new = services.correct_member_event(user=request.user, event=event, reason=data.ly_do.strip(),
                                            override_reason=data.ly_do_vuot, **changes)
    except DomainError as exc:
        return refusal(exc)
    return Status(201, {"id": new.pk})
