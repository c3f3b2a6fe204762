"""Congress terms and their targets."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Recorded
from dangbo.orgs.models import Org


class Term(Recorded):
    """A congress term of a root (nhiệm kỳ)."""

    code = models.CharField(_("mã nhiệm kỳ"), max_length=40)
    org = models.ForeignKey(Org, verbose_name=_("đảng bộ"), on_delete=models.PROTECT, related_name="+")
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        # one current record per code: a corrected copy keeps the code, the voided one stays
        constraints = [models.UniqueConstraint(fields=["code"], condition=models.Q(voided_at__isnull=True), name="term_code_current")]


class Target(Recorded):
    """A target of the term's resolution, linked to a metric or judged by hand."""

    term = models.ForeignKey(Term, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="targets")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    text = models.TextField(_("nội dung chỉ tiêu"))
    metric = models.CharField(_("chỉ số"), max_length=80, blank=True, default="")
    comparator = models.CharField(_("so sánh"), max_length=2, blank=True, default="")
    threshold = models.DecimalField(_("ngưỡng"), max_digits=14, decimal_places=4, null=True, blank=True)
    met = models.BooleanField(_("đạt (đánh giá thủ công)"), null=True, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
