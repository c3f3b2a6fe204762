"""API of the term report: every metric of term-report.md for a whole root."""

from __future__ import annotations

from django.utils import timezone
from ninja import Router

from dangbo.accounts.access import reach, visible_version
from dangbo.core.api import COMMON, BadRequest, Day, Problem, not_found, require

from .services import ReportRequestError, build_report, make_request

router = Router(tags=["Báo cáo"])


@router.get("/metrics", response={200: dict, 400: Problem, 404: Problem, **COMMON}, summary="Các chỉ số của báo cáo (term-report.md)")
def metrics(request, goc: str, nhiem_ky: str | None = None, tu: Day | None = None, den: Day | None = None,
            ngay_so_lieu: Day | None = None):
    today = timezone.localdate()
    with not_found("Không có đảng bộ này trong phạm vi của bạn."):
        visible_version(request.user, goc, today)
    require(reach(request.user, today).whole_root, "Báo cáo chỉ dành cho phạm vi toàn đảng bộ.")
    try:
        req = make_request(roots=[goc], term=nhiem_ky, start=None if nhiem_ky else tu, end=None if nhiem_ky else den,
                           as_of=ngay_so_lieu)
    except ReportRequestError as exc:
        raise BadRequest(str(exc)) from None
    return build_report(req, series=False).as_json()
