"""API of inspections and disciplines: only for the inspection roles (403 for anyone else)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Router, Schema, Status

from dangbo.accounts.access import INSPECTORS, check_subject, inspection_reach, visible_version
from dangbo.core.api import COMMON, WRITE, Day, Limit, Offset, Problem, not_found

from . import services
from .models import Inspection
from .selectors import records_in_reach

router = Router(tags=["Kiểm tra, giám sát, kỷ luật (mật)"])
NOT_INSPECTOR = "Hồ sơ kiểm tra, giám sát, kỷ luật chỉ dành cho cán bộ kiểm tra."


def _inspector_reach(user, day):
    """The inspection reach, or a 403 that says these records are the inspectors' alone."""
    try:
        return inspection_reach(user, day)
    except PermissionDenied:
        raise PermissionDenied(NOT_INSPECTOR) from None


class InspectionOut(Schema):
    id: int
    ngay: Day
    hinh_thuc: str
    ma_chu_the: str
    co_quan: str
    doi_tuong: str
    ma_doi_tuong: str
    noi_dung: str
    ket_luan: str


class InspectionIn(Schema):
    ngay: Day
    hinh_thuc: str
    ma_chu_the: str
    co_quan: str
    doi_tuong: str
    ma_doi_tuong: str
    noi_dung: str = ""
    ket_luan: str = ""


class DisciplineIn(Schema):
    ngay: Day
    doi_tuong: str
    ma_doi_tuong: str
    hinh_thuc: str
    ma_co_quan: str
    so_quyet_dinh: str = ""
    ghi_chu: str = ""
    ly_do_vuot: str | None = None


@router.get("/inspections", response={200: list[InspectionOut], 403: Problem, **COMMON}, summary="Các cuộc kiểm tra, giám sát trong phạm vi")
def list_inspections(request, limit: int = Limit, offset: int = Offset):
    today = timezone.localdate()
    r = _inspector_reach(request.user, today)
    rows = records_in_reach(Inspection, r, request.user, today, "actor").select_related("actor", "subject_org", "subject_person")
    return [{"id": i.pk, "ngay": i.date, "hinh_thuc": i.form, "ma_chu_the": i.actor.code, "co_quan": i.body,
             "doi_tuong": i.subject_kind, "ma_doi_tuong": (i.subject_org or i.subject_person).code,
             "noi_dung": i.content, "ket_luan": i.conclusion}
            for i in rows.order_by("-date", "-id")[offset:offset + limit]]


@router.post("/inspections", response=WRITE, summary="Ghi một cuộc kiểm tra, giám sát")
def post_inspection(request, data: InspectionIn):
    _inspector_reach(request.user, data.ngay)
    with not_found("Không có đơn vị hoặc đối tượng này trong phạm vi của bạn."):
        actor = visible_version(request.user, data.ma_chu_the, data.ngay, INSPECTORS).org
        check_subject(request.user, data.doi_tuong, data.ma_doi_tuong, data.ngay, INSPECTORS)
    rec = services.record_inspection(user=request.user, date=data.ngay, form=data.hinh_thuc, actor=actor, body=data.co_quan,
                                     subject_kind=data.doi_tuong, subject=data.ma_doi_tuong, content=data.noi_dung,
                                     conclusion=data.ket_luan)
    return Status(201, {"id": rec.pk})


@router.post("/disciplines", response=WRITE, summary="Ghi một quyết định kỷ luật")
def post_discipline(request, data: DisciplineIn):
    _inspector_reach(request.user, data.ngay)
    with not_found("Không có cơ quan hoặc đối tượng này trong phạm vi của bạn."):
        body = visible_version(request.user, data.ma_co_quan, data.ngay, INSPECTORS).org
        check_subject(request.user, data.doi_tuong, data.ma_doi_tuong, data.ngay, INSPECTORS)
    rec = services.record_discipline(user=request.user, date=data.ngay, subject_kind=data.doi_tuong, subject=data.ma_doi_tuong,
                                     form=data.hinh_thuc, decided_by=body, decision_no=data.so_quyet_dinh, note=data.ghi_chu,
                                     override_reason=data.ly_do_vuot)
    return Status(201, {"id": rec.pk})
