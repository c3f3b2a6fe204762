"""API of the study of resolutions: a unit's report of a campaign, and the reports in reach."""

from __future__ import annotations

from django.utils import timezone
from ninja import Router, Schema, Status

from dangbo.accounts.access import reach, require_writer, writable_version
from dangbo.core.api import COMMON, WRITE, Day, Limit, Offset, not_found
from dangbo.orgs.models import OrgVersion

from . import services
from .models import StudyReport

router = Router(tags=["Học tập nghị quyết"])


class StudyIn(Schema):
    ma_dot: str
    ten_dot: str = ""
    ngay: Day
    ma_to_chuc: str
    dv_tong: int
    dv_tham_gia: int
    cnvc_tong: int
    cnvc_tham_gia: int


class StudyOut(StudyIn):
    pass


@router.get("/study", response={200: list[StudyOut], **COMMON}, summary="Kết quả học tập nghị quyết của các đơn vị trong phạm vi")
def list_study(request, ma_dot: str = "", limit: int = Limit, offset: int = Offset):
    units = OrgVersion.objects.filter(reach(request.user, timezone.localdate()).org_q()).values("org_id")
    rows = StudyReport.objects.current().filter(org_id__in=units).select_related("org").order_by("-date", "id")
    if ma_dot:
        rows = rows.filter(campaign_code=ma_dot)
    return [{"ma_dot": r.campaign_code, "ten_dot": r.campaign_name, "ngay": r.date, "ma_to_chuc": r.org.code,
             "dv_tong": r.members_total, "dv_tham_gia": r.members_reached, "cnvc_tong": r.workers_total,
             "cnvc_tham_gia": r.workers_reached} for r in rows[offset:offset + limit]]


@router.post("/study", response=WRITE,
             summary="Ghi kết quả học tập nghị quyết của một đơn vị")
def post_study(request, data: StudyIn):
    require_writer(request.user, data.ngay)
    with not_found("Không có đơn vị này trong phạm vi của bạn."):
        org = writable_version(request.user, data.ma_to_chuc, data.ngay).org
    report = services.record_study(user=request.user, campaign_code=data.ma_dot, campaign_name=data.ten_dot, date=data.ngay,
                                   org=org, members_total=data.dv_tong, members_reached=data.dv_tham_gia,
                                   workers_total=data.cnvc_tong, workers_reached=data.cnvc_tham_gia)
    return Status(201, {"id": report.pk})
