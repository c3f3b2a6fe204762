"""Yearly quality assessment of units and members, and the closing of a year."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Recorded
from dangbo.members.models import Person
from dangbo.orgs.models import Org

from .choices import RATING_CHOICES, SUBJECT_CHOICES


class Rating(Recorded):
    """One subject's rating for one year (at most one current rating per subject and year)."""

    year = models.PositiveSmallIntegerField(_("năm"))
    subject_kind = models.CharField(_("đối tượng"), max_length=10, choices=SUBJECT_CHOICES)
    org = models.ForeignKey(Org, verbose_name=_("tổ chức"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, verbose_name=_("đảng viên"), null=True, blank=True, on_delete=models.PROTECT, related_name="ratings")
    level = models.CharField(_("xếp loại"), max_length=20, choices=RATING_CHOICES)
    score = models.PositiveSmallIntegerField(_("điểm"), null=True, blank=True)
    note = models.TextField(_("ghi chú (lý do không xếp loại)"), blank=True, default="", db_default="")

    class Meta:
        verbose_name = _("xếp loại chất lượng")
        verbose_name_plural = _("xếp loại chất lượng")
        constraints = [
            models.UniqueConstraint(fields=["year", "org"], condition=Q(voided_at__isnull=True, org__isnull=False), name="rating_org_year"),
            models.UniqueConstraint(fields=["year", "person"], condition=Q(voided_at__isnull=True, person__isnull=False), name="rating_person_year"),
        ]
        indexes = [models.Index(fields=["year", "subject_kind"])]


class ClosedYear(models.Model):
    """A root's board closed the ratings of a year: later changes need an override."""

    root = models.ForeignKey(Org, verbose_name=_("đảng bộ cấp trên"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    closed_at = models.DateTimeField(_("thời điểm khóa"), auto_now_add=True)

    class Meta:
        verbose_name = _("năm đã khóa đánh giá")
        verbose_name_plural = _("năm đã khóa đánh giá")
        constraints = [models.UniqueConstraint(fields=["root", "year"], name="closed_year_unique")]
