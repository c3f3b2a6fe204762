"""API of the units: the tree on a date, one unit, a unit event and its void."""

from __future__ import annotations

from ninja import Query, Router, Schema, Status

from dangbo.accounts.access import (
    check_org_event,
    require_writer,
    restrict_versions,
    visible_version,
)
from dangbo.core.api import COMMON, WRITE, Day, Offset, Problem, VoidIn, day_or_today, not_found

from . import services
from .models import OrgVersion
from .selectors import event_for_writer

router = Router(tags=["Tổ chức đảng"])


class Unit(Schema):
    ma: str
    ten: str
    cap: str
    loai_hinh: str
    ma_cap_tren: str | None
    tu_ngay: Day


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


def _unit(v: OrgVersion) -> dict:
    return {"ma": v.org.code, "ten": v.name, "cap": v.level, "loai_hinh": v.org_type,
            "ma_cap_tren": v.parent.code if v.parent else None, "tu_ngay": v.valid_from}


@router.get("/units", response={200: list[Unit], **COMMON}, summary="Các đơn vị trong phạm vi, vào một ngày")
def list_units(request, ngay: Day | None = None, limit: int = Query(50, ge=1, le=1000), offset: int = Offset):
    qs = restrict_versions(OrgVersion.objects.select_related("org", "parent"), request.user, day_or_today(ngay)).order_by("path")
    return [_unit(v) for v in qs[offset:offset + limit]]


@router.get("/units/{code}", response={200: Unit, 404: Problem, **COMMON}, summary="Một đơn vị vào một ngày")
def get_unit(request, code: str, ngay: Day | None = None):
    with not_found("Không có đơn vị này trong phạm vi của bạn."):
        return _unit(visible_version(request.user, code, day_or_today(ngay)))


@router.post("/org-events", response=WRITE, summary="Ghi một biến động tổ chức")
def post_org_event(request, data: OrgEventIn):
    require_writer(request.user, data.ngay)
    with not_found("Không có đơn vị này trong phạm vi của bạn."):
        check_org_event(request.user, kind=data.loai, code=data.ma, parent=data.ma_cap_tren, target=data.ma_dich, day=data.ngay)
    event = services.record_org_event(user=request.user, kind=data.loai, org=data.ma, date=data.ngay, name=data.ten,
                                      level=data.cap, org_type=data.loai_hinh, parent=data.ma_cap_tren,
                                      target=data.ma_dich, decision_no=data.so_quyet_dinh, note=data.ghi_chu)
    return Status(201, {"id": event.pk})


@router.post("/org-events/{event_id}/void", response=WRITE, summary="Hủy một biến động tổ chức ghi nhầm (có lý do)")
def void_org_event(request, event_id: int, data: VoidIn):
    with not_found("Không có biến động này trong phạm vi ghi của bạn."):
        event = event_for_writer(request.user, event_id)
    services.void_org_event(user=request.user, event=event, reason=data.ly_do.strip())
    return Status(201, {"id": event.pk})
