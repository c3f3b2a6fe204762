"""Study of resolutions: one unit's report of a campaign (members and CNVC-LĐ reached)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from dangbo.audit.services import record_audit
from dangbo.core.services import (
    check_lengths,
    judge,
    link,
    recorder,
    refuse,
    refuse_future,
    supersede,
    void,
)
from dangbo.domain import records as REC
from dangbo.domain.problems import FORM_REF
from dangbo.orgs.models import Org
from dangbo.projections.world import stored_world

from .models import StudyReport


@transaction.atomic
def record_study(*, user, campaign_code: str, campaign_name: str = "", date: dt.date, org: Org, members_total: int,
                 members_reached: int, workers_total: int, workers_reached: int) -> StudyReport:
    """A unit's figures for one campaign. A second report of the same campaign by the same
    unit replaces the first (which stays in the history, superseded)."""
    campaign_code = campaign_code.strip()
    if not campaign_code:
        refuse("Cần mã đợt học tập.", "ma_dot", code="required_missing")
    refuse_future(ngay=date)
    check_lengths(StudyReport, campaign_code=campaign_code, campaign_name=campaign_name, members_total=members_total,
                  members_reached=members_reached, workers_total=workers_total, workers_reached=workers_reached)
    judge(REC.check_study(stored_world(), FORM_REF, day=date, org=org.code, dv_tong=members_total,
                          dv_tham_gia=members_reached, cnvc_tong=workers_total, cnvc_tham_gia=workers_reached))
    old = StudyReport.objects.current().select_for_update().filter(campaign_code=campaign_code, org=org).first()
    report = StudyReport.objects.create(
        campaign_code=campaign_code, campaign_name=campaign_name.strip() or (old.campaign_name if old else ""), date=date,
        org=org, members_total=members_total, members_reached=members_reached, workers_total=workers_total,
        workers_reached=workers_reached, recorded_by=recorder(user))
    figures = lambda r: {"ngay": r.date.isoformat(), "dv_tong": r.members_total, "dv_tham_gia": r.members_reached,  # noqa: E731
                         "cnvc_tong": r.workers_total, "cnvc_tham_gia": r.workers_reached}
    if old is not None:
        supersede(old, report, user=user, reason="Đơn vị báo cáo lại đợt học tập")
    record_audit(user=user, action="study.record", object_type="study", object_id=f"{campaign_code}/{org.code}",
                 before=figures(old) if old else None, after=figures(report))
    return report


@transaction.atomic
def void_study_report(*, user, report: StudyReport, reason: str) -> StudyReport:
    """A unit's report of a campaign entered by mistake is voided: the campaign counts the
    unit as not reported (an earlier report it superseded does not come back)."""
    report = StudyReport.objects.select_for_update(of=("self",)).select_related("org").get(pk=report.pk)
    void(report, user=user, reason=reason)
    record_audit(user=user, action="study.void", object_type="study", object_id=f"{report.campaign_code}/{report.org.code}",
                 before={"ngay": report.date.isoformat(), "dv_tong": report.members_total,
                         "dv_tham_gia": report.members_reached, "cnvc_tong": report.workers_total,
                         "cnvc_tham_gia": report.workers_reached}, reason=report.void_reason)
    return report


@transaction.atomic
def correct_study_report(*, user, report: StudyReport, reason: str, date: dt.date, members_total: int,
                         members_reached: int, workers_total: int, workers_reached: int) -> StudyReport:
    """Corrected figures of the same unit and campaign supersede the report."""
    old = void_study_report(user=user, report=report, reason=reason)
    new = record_study(user=user, campaign_code=old.campaign_code, campaign_name=old.campaign_name, date=date, org=old.org,
                       members_total=members_total, members_reached=members_reached, workers_total=workers_total,
                       workers_reached=workers_reached)
    link(old, new)
    return new
