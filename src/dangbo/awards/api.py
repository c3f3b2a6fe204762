"""API of awards: those in reach, recording or proposing one, and a proposal's answer."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema, Status

from dangbo.accounts.access import check_subject, require_writer, writable_version
from dangbo.accounts.choices import WRITERS
from dangbo.core.api import COMMON, WRITE, Day, Limit, Offset, not_found

from . import selectors, services

router = Router(tags=["Khen thưởng"])


class AwardOut(Schema):
    id: int
    ngay: Day
    hinh_thuc: str
    doi_tuong: str
    ma_doi_tuong: str
    trang_thai: str
    so_quyet_dinh: str
    noi_dung: str


class AwardIn(Schema):
    ngay: Day
    hinh_thuc: str
    doi_tuong: str
    ma_doi_tuong: str
    trang_thai: str = "quyet_dinh"
    ma_co_quan: str = ""
    noi_dung: str = ""
    so_quyet_dinh: str = ""
    ly_do_vuot: str | None = None


class DecisionIn(Schema):
    duoc_khen: bool
    ngay: Day | None = None
    so_quyet_dinh: str = ""
    ly_do: str = ""


@router.get("/awards", response={200: list[AwardOut], **COMMON}, summary="Khen thưởng và đề nghị khen thưởng trong phạm vi")
def list_awards(request, limit: int = Limit, offset: int = Offset):
    rows = selectors.awards_in_reach(request.user, timezone.localdate()).select_related("subject_org", "subject_person")
    return [{"id": a.pk, "ngay": a.date, "hinh_thuc": a.form, "doi_tuong": a.subject_kind,
             "ma_doi_tuong": (a.subject_org or a.subject_person).code, "trang_thai": a.status or "quyet_dinh",
             "so_quyet_dinh": a.decision_no, "noi_dung": a.content} for a in rows.order_by("-date", "-id")[offset:offset + limit]]


@router.post("/awards", response=WRITE, summary="Ghi khen thưởng hoặc đề nghị cấp trên khen thưởng")
def post_award(request, data: AwardIn):
    require_writer(request.user, data.ngay)
    with not_found("Không có đối tượng hoặc đơn vị này trong phạm vi của bạn."):
        # any kind but a collective is looked up as a person: an unknown kind finds nobody (404)
        kind = data.doi_tuong if data.doi_tuong == "tap_the" else "ca_nhan"
        check_subject(request.user, kind, data.ma_doi_tuong, data.ngay)
        by = writable_version(request.user, data.ma_co_quan, data.ngay).org if data.ma_co_quan else None
    award = services.record_award(user=request.user, date=data.ngay, form=data.hinh_thuc, subject_kind=data.doi_tuong,
                                  subject=data.ma_doi_tuong, status=data.trang_thai, granted_by=by, content=data.noi_dung,
                                  decision_no=data.so_quyet_dinh, override_reason=data.ly_do_vuot)
    return Status(201, {"id": award.pk})


@router.post("/awards/{award_id}/decision", response=WRITE, summary="Kết quả của một đề nghị khen thưởng")
def post_decision(request, award_id: int, data: DecisionIn):
    today = timezone.localdate()
    require_writer(request.user, today)
    proposal = None
    if 0 < award_id < 2**63:  # an id the database can hold (a larger one would overflow the query)
        proposal = selectors.awards_in_reach(request.user, today, WRITERS).filter(pk=award_id, status="de_nghi").first()
    if proposal is None:
        raise Http404("Không có đề nghị khen thưởng này trong phạm vi của bạn.")
    award = services.decide_proposal(user=request.user, proposal=proposal, granted=data.duoc_khen, date=data.ngay,
                                     decision_no=data.so_quyet_dinh, reason=data.ly_do)
    return Status(201, {"id": award.pk})
