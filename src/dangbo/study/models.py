"""Study of resolutions: one row per campaign and reporting unit."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Recorded
from dangbo.orgs.models import Org


class StudyReport(Recorded):
    """Members and CNVC-LĐ expected and reached by one campaign in one unit."""

    campaign_code = models.CharField(_("mã đợt"), max_length=40, db_index=True)
    campaign_name = models.CharField(_("tên đợt"), max_length=300, blank=True, default="")
    date = models.DateField(_("ngày"))
    org = models.ForeignKey(Org, verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT, related_name="+")
    members_total = models.PositiveIntegerField(_("đảng viên phải học"))
    members_reached = models.PositiveIntegerField(_("đảng viên tham gia"))
    workers_total = models.PositiveIntegerField(_("CNVC-LĐ phải học"))
    workers_reached = models.PositiveIntegerField(_("CNVC-LĐ tham gia"))

    class Meta:
        verbose_name = _("học tập nghị quyết")
        verbose_name_plural = _("học tập nghị quyết")
