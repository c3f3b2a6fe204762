"""Reading the study of resolutions: campaigns with their totals, and the proposed member count."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Sum

from dangbo.core.temporal import on
from dangbo.members.models import MemberSpell
from dangbo.orgs.models import Org, OrgVersion

from .models import StudyReport


def members_expected(org: Org, day: dt.date) -> int:
    """How many members the unit had on `day` (its whole subtree): what a report proposes as
    the number who should study, so nobody counts them by hand."""
    version = OrgVersion.objects.filter(on(day), org=org).first()
    if version is None:
        return 0
    cells = OrgVersion.objects.filter(on(day), path__startswith=version.path).values("org_id")
    return MemberSpell.objects.filter(on(day), cell_id__in=cells).count()


def campaigns(reports):
    """Per campaign: the units reporting and the sums (from a queryset of current reports)."""
    return (reports.values("campaign_code").annotate(
        name=Max("campaign_name"), last=Max("date"), units=Count("id"), dv_tong=Sum("members_total"),
        dv=Sum("members_reached"), cnvc_tong=Sum("workers_total"), cnvc=Sum("workers_reached")).order_by("-last"))


def reports_of(campaign_code: str, reports):
    return reports.filter(campaign_code=campaign_code).select_related("org").order_by("org__code")


__all__ = ["members_expected", "campaigns", "reports_of", "StudyReport"]
