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
    org = models.ForeignKey(Org, verbose_name=_("tổ chức"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                            db_index=False)  # the (org, year) constraint below is the index
    person = models.ForeignKey(Person, verbose_name=_("đảng viên"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="ratings", db_index=False)  # likewise (person, year)
    level = models.CharField(_("xếp loại"), max_length=20, choices=RATING_CHOICES)
    score = models.PositiveSmallIntegerField(_("điểm"), null=True, blank=True)
    note = models.TextField(_("ghi chú (lý do không xếp loại)"), blank=True, default="", db_default="")
    # Derived from the register on 31 December of `year`, rewritten with the spells and the
    # unit versions: the root of the subject (the member's cell, or the unit) then, and the
    # quota group — a member's TCCSĐ, or for a unit that is a TCCSĐ then, its root (empty for
    # a unit that is not a TCCSĐ). Empty when the subject was no member / no unit then.
    scope_root = models.ForeignKey(Org, verbose_name=_("đảng bộ cấp trên ngày 31/12"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+", db_index=False)
    scope_group = models.ForeignKey(Org, verbose_name=_("nhóm tính tỷ lệ xuất sắc"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+", db_index=False)

    class Meta:
        verbose_name = _("xếp loại chất lượng")
        verbose_name_plural = _("xếp loại chất lượng")
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], condition=Q(voided_at__isnull=True, org__isnull=False), name="rating_org_year"),
            models.UniqueConstraint(fields=["person", "year"], condition=Q(voided_at__isnull=True, person__isnull=False), name="rating_person_year"),
        ]
        indexes = [
            # The term report and the quota count a year's ratings per root in one index-only scan.
            models.Index(fields=["scope_root", "year", "subject_kind", "level", "scope_group"],
                         condition=Q(voided_at__isnull=True), name="rating_scope"),
            models.Index(fields=["scope_group", "year"], condition=Q(voided_at__isnull=True), name="rating_group"),
        ]


class ClosedYear(models.Model):
    """A root's board closed the ratings of a year: later changes need an override."""

    root = models.ForeignKey(Org, verbose_name=_("đảng bộ cấp trên"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    closed_at = models.DateTimeField(_("thời điểm khóa"), auto_now_add=True)

    class Meta:
        verbose_name = _("năm đã khóa đánh giá")
        verbose_name_plural = _("năm đã khóa đánh giá")
        constraints = [models.UniqueConstraint(fields=["root", "year"], name="closed_year_unique")]
