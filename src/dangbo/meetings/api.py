"""API of cell meetings: a cell's meetings, and recording one with its attendance."""

from __future__ import annotations

from ninja import Router, Schema, Status

from dangbo.accounts.access import visible_version, writable_version
from dangbo.core.api import COMMON, WRITE, Day, Problem, not_found

from . import services
from .models import Meeting

router = Router(tags=["Sinh hoạt chi bộ"])


class MeetingOut(Schema):
    ma: str
    ngay: Day
    loai: str
    noi_dung: str
    du_sinh_hoat: dict[str, str]


class MeetingIn(Schema):
    ma_to_chuc: str
    ngay: Day
    loai: str
    noi_dung: str = ""
    du_sinh_hoat: dict[str, str]


@router.get("/units/{code}/meetings", response={200: list[MeetingOut], 404: Problem, **COMMON}, summary="Các buổi sinh hoạt của một chi bộ")
def list_meetings(request, code: str, tu: Day, den: Day):
    with not_found("Không có chi bộ này trong phạm vi của bạn."):
        version = visible_version(request.user, code, den)
    rows = Meeting.objects.current().filter(cell_id=version.org_id, date__gte=tu, date__lte=den).prefetch_related(
        "attendance__person").order_by("date", "id")[:500]
    return [{"ma": m.code, "ngay": m.date, "loai": m.kind, "noi_dung": m.topic,
             "du_sinh_hoat": {a.person.code: a.status for a in m.attendance.all() if a.voided_at is None}} for m in rows]


@router.post("/meetings", response=WRITE,
             summary="Ghi một buổi sinh hoạt chi bộ và sự có mặt của từng đảng viên")
def post_meeting(request, data: MeetingIn):
    with not_found("Không có chi bộ này trong phạm vi của bạn."):
        cell = writable_version(request.user, data.ma_to_chuc, data.ngay).org
    meeting = services.record_meeting(user=request.user, cell=cell, date=data.ngay, kind=data.loai, topic=data.noi_dung,
                                      attendance=data.du_sinh_hoat)
    return Status(201, {"id": meeting.pk})
