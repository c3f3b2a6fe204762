"""The REST API (django-ninja): reads of units, members, events and metrics, and every
lifecycle action, through the same scope and services as the pages. Bearer tokens."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer
from pydantic import BeforeValidator, Field, WithJsonSchema

from dangbo.accounts.scope import (
    check_member_event,
    check_org_event,
    reach,
    restrict_versions,
    visible_cells,
    visible_spell,
    visible_version,
)
from dangbo.accounts.services import user_for_token
from dangbo.core.temporal import on
from dangbo.domain.dates import DATE_RANGE_TEXT, in_range
from dangbo.domain.problems import DomainError, RuleBlocked
from dangbo.members import services as member_services
from dangbo.members.models import MemberSpell, Person
from dangbo.members.selectors import searched
from dangbo.orgs import services as org_services
from dangbo.orgs.models import OrgVersion
from dangbo.reports.services import ReportRequestError, build_report, make_request

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value):
    """Only a written date (NNNN-TT-NN) within the register's range is a date: pydantic would
    read a bare number as a timestamp, and a year 0001 cannot have its day before computed."""
    if isinstance(value, str) and ISO_DAY.fullmatch(value):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("phải là ngày có thật, dạng NNNN-TT-NN") from None
    if isinstance(value, dt.date):
        if not in_range(value):
            raise ValueError(f"phải là ngày {DATE_RANGE_TEXT}")
        return value
    raise ValueError("phải là ngày dạng NNNN-TT-NN")


# The document says which dates are accepted: years 1850 to 2100 (domain.dates.EARLIEST, LATEST).
DAY_PATTERN = r"^(18[5-9][0-9]|19[0-9][0-9]|20[0-9][0-9]|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
Day = Annotated[dt.date, BeforeValidator(_iso_day),
                WithJsonSchema({"type": "string", "format": "date", "pattern": DAY_PATTERN,
                                "description": f"Ngày dạng NNNN-TT-NN, {DATE_RANGE_TEXT}"})]


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(title="dangbo API", version="1", auth=TokenAuth(), urls_namespace="api",
               description="Tổ chức đảng, đảng viên, biến động và chỉ số báo cáo. Xác thực: Authorization: Bearer <khóa>.")


class Unit(Schema):
    ma: str
    ten: str
    cap: str
    loai_hinh: str
    ma_cap_tren: str | None
    tu_ngay: Day


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


class OrgEventIn(Schema):
    loai: str
    ngay: Day
    ma: str
    ten: str = ""
    cap: str = ""
    loai_hinh: str = ""
    ma_cap_tren: str = ""
    ma_dich: str = ""
    so_quyet_dinh: str = ""
    ghi_chu: str = ""


class VoidIn(Schema):
    """Voiding a record: the written reason, kept with it (no invisible control character)."""

    ly_do: Annotated[str, Field(min_length=1, max_length=2000,
                                pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*\S[^\x00-\x08\x0b\x0c\x0e-\x1f]*$")]


class Refusal(Schema):
    loi: list[str]
    chan_boi_quy_dinh: bool


class Created(Schema):
    id: int


class Problem(Schema):
    loi: str | list[str]


# Every operation may answer 401 (no or bad token) and 422 (a parameter that does not parse).
COMMON = {401: Problem, 422: Problem}
Limit = Query(50, ge=1, le=500, description="Số dòng tối đa")
Offset = Query(0, ge=0, le=100_000_000, description="Bỏ qua bao nhiêu dòng")


def _day(ngay: dt.date | None) -> dt.date:
    return ngay or timezone.localdate()


def _unit(v: OrgVersion) -> dict:
    return {"ma": v.org.code, "ten": v.name, "cap": v.level, "loai_hinh": v.org_type,
            "ma_cap_tren": v.parent.code if v.parent else None, "tu_ngay": v.valid_from}


@api.get("/units", response={200: list[Unit], **COMMON}, summary="Các đơn vị trong phạm vi, vào một ngày")
def list_units(request, ngay: Day | None = None, limit: int = Query(50, ge=1, le=1000), offset: int = Offset):
    day = _day(ngay)
    qs = restrict_versions(OrgVersion.objects.select_related("org", "parent"), request.user, day).order_by("path")
    return [_unit(v) for v in qs[offset:offset + limit]]


@api.get("/units/{code}", response={200: Unit, 404: Problem, **COMMON}, summary="Một đơn vị vào một ngày")
def get_unit(request, code: str, ngay: Day | None = None):
    try:
        return Status(200, _unit(visible_version(request.user, code, _day(ngay))))
    except Http404:
        return Status(404, {"loi": "Không có đơn vị này trong phạm vi của bạn."})


@api.get("/members", response={200: list[Member], **COMMON}, summary="Đảng viên trong phạm vi, vào một ngày")
def list_members(request, ngay: Day | None = None, q: str = "", don_vi: str = "", limit: int = Limit, offset: int = Offset):
    day = _day(ngay)
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


@api.get("/members/{code}/events", response={200: list[Event], 404: Problem, **COMMON}, summary="Quá trình của một đảng viên")
def member_events(request, code: str):
    person = Person.objects.filter(code=code).first()
    try:
        if person is None:
            raise Http404
        visible_spell(request.user, person, timezone.localdate())
    except Http404:
        return Status(404, {"loi": "Không có đảng viên này trong phạm vi của bạn."})
    return Status(200, [{"ngay": e.date, "loai": e.kind, "ma_to_chuc": e.cell.code if e.cell_id else None,
                         "so_quyet_dinh": e.decision_no, "da_huy": e.voided_at is not None}
                        for e in person.events.select_related("cell").order_by("date", "id")])


@api.get("/metrics", response={200: dict, 400: Problem, 404: Problem, **COMMON}, summary="Các chỉ số của báo cáo (term-report.md)")
def metrics(request, goc: str, nhiem_ky: str | None = None, tu: Day | None = None, den: Day | None = None,
            ngay_so_lieu: Day | None = None):
    r = reach(request.user, timezone.localdate())
    try:
        visible_version(request.user, goc, timezone.localdate())
    except Http404:
        return Status(404, {"loi": "Không có đảng bộ này trong phạm vi của bạn."})
    if not r.whole_root:
        return Status(404, {"loi": "Báo cáo chỉ dành cho phạm vi toàn đảng bộ."})
    try:
        req = make_request(roots=[goc], term=nhiem_ky, start=None if nhiem_ky else tu, end=None if nhiem_ky else den, as_of=ngay_so_lieu)
    except ReportRequestError as exc:
        return Status(400, {"loi": str(exc)})
    return Status(200, build_report(req, series=False).as_json())


def refusal(exc: DomainError):
    """A refused write: 422 with every problem, and whether an override reason would let it through."""
    return Status(422, {"loi": exc.messages, "chan_boi_quy_dinh": isinstance(exc, RuleBlocked)})


@api.post("/member-events", response={201: Created, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Refusal | Problem}, summary="Ghi một biến động đảng viên")
def post_member_event(request, data: MemberEventIn):
    if not reach(request.user, data.ngay).can_write:
        return Status(403, {"loi": "Vai trò của bạn chỉ được xem."})
    person = Person.objects.filter(code=data.ma_nguoi).first()
    try:
        if person is None:
            raise Http404
        cell = check_member_event(request.user, person=person, cell_code=data.ma_to_chuc, day=data.ngay, kind=data.loai)
    except Http404:
        return Status(404, {"loi": "Không có người hoặc chi bộ này trong phạm vi của bạn."})
    try:
        event = member_services.record_member_event(
            user=request.user, kind=data.loai, person=person, date=data.ngay, cell=cell, status=data.trang_thai,
            admission_date=data.ngay_ket_nap, ceremony_date=data.ngay_le_ket_nap, decision_date=data.ngay_quyet_dinh,
            card_no=data.so_the, badge_years=data.so_nam, early=data.som, decision_no=data.so_quyet_dinh,
            note=data.ghi_chu, override_reason=data.ly_do_vuot)
    except DomainError as exc:
        return refusal(exc)
    return Status(201, {"id": event.pk})


@api.post("/org-events", response={201: Created, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Refusal | Problem}, summary="Ghi một biến động tổ chức")
def post_org_event(request, data: OrgEventIn):
    if not reach(request.user, data.ngay).can_write:
        return Status(403, {"loi": "Vai trò của bạn chỉ được xem."})
    try:
        check_org_event(request.user, kind=data.loai, code=data.ma, parent=data.ma_cap_tren, target=data.ma_dich, day=data.ngay)
    except Http404:
        return Status(404, {"loi": "Không có đơn vị này trong phạm vi của bạn."})
    try:
        event = org_services.record_org_event(user=request.user, kind=data.loai, org=data.ma, date=data.ngay, name=data.ten,
                                              level=data.cap, org_type=data.loai_hinh, parent=data.ma_cap_tren,
                                              target=data.ma_dich, decision_no=data.so_quyet_dinh, note=data.ghi_chu)
    except DomainError as exc:
        return refusal(exc)
    return Status(201, {"id": event.pk})


@api.exception_handler(HttpError)
def http_error(request, exc):
    # django-ninja's own HttpErrors carry English text; the one a caller can cause is an unreadable body.
    message = "Nội dung yêu cầu không đọc được: cần JSON hợp lệ, mã hóa UTF-8." if exc.status_code == 400 else str(exc)
    return api.create_response(request, {"loi": message}, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"loi": "Cần khóa truy cập hợp lệ: Authorization: Bearer <khóa>."}, status=401)


PLACES = {"query": "tham số", "path": "đường dẫn", "body": "nội dung", "header": "tiêu đề"}
REASONS = {
    "missing": "bắt buộc phải có", "int_parsing": "phải là số nguyên", "int_type": "phải là số nguyên",
    "date_from_datetime_parsing": "phải là ngày dạng NNNN-TT-NN", "date_parsing": "phải là ngày dạng NNNN-TT-NN",
    "date_type": "phải là ngày dạng NNNN-TT-NN", "string_type": "phải là chuỗi ký tự", "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false", "json_invalid": "không phải JSON hợp lệ", "model_attributes_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON", "greater_than_equal": "phải từ {ge} trở lên", "less_than_equal": "phải không quá {le}",
    "greater_than": "phải lớn hơn {gt}", "value_error": "{error}", "less_than": "phải nhỏ hơn {lt}", "int_from_float": "phải là số nguyên",
    "string_too_short": "không được để trống", "string_too_long": "dài quá {max_length} ký tự",
    "string_pattern_mismatch": "có ký tự không hợp lệ (ký tự điều khiển vô hình, khoảng trắng ở đầu hoặc cuối) hoặc sai dạng",
    "literal_error": "phải là một trong: {expected}",
}


def validation_message(error: dict) -> str:
    """One pydantic error as a Vietnamese sentence naming where it is."""
    loc = [str(x) for x in error.get("loc", ())]
    place = PLACES.get(loc[0], loc[0]) if loc else "yêu cầu"
    if loc[:2] == ["body", "data"]:  # every body is the parameter `data`: name the column alone
        loc = loc[:1] + loc[2:]
    field = ".".join(loc[1:]) or "(toàn bộ)"
    reason = REASONS.get(error.get("type", ""), "không hợp lệ")
    ctx = {k: (v.replace(" or ", " hoặc ") if isinstance(v, str) else v) for k, v in error.get("ctx", {}).items()}
    try:
        reason = reason.format(**ctx)
    except (KeyError, IndexError):
        pass
    return f"{place.capitalize()} {field}: {reason}."


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return api.create_response(request, {"loi": [validation_message(e) for e in exc.errors]}, status=422)


def _add_work_area_routers() -> None:
    """The work areas publish their own routers (imported last: they use the names above)."""
    from dangbo.assessment.api import router as ratings
    from dangbo.awards.api import router as awards
    from dangbo.corrections.api import router as corrections
    from dangbo.inspection.api import router as inspections
    from dangbo.meetings.api import router as meetings
    from dangbo.members.api import router as persons
    from dangbo.orgs.api import router as units
    from dangbo.study.api import router as study
    from dangbo.terms.api import router as terms
    from dangbo.training.api import router as training

    for router in (persons, units, training, study, ratings, inspections, awards, meetings, terms, corrections):
        api.add_router("/", router)


_add_work_area_routers()
