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
    # unit versions (`domain.counting_root.rating_scope`): the root whose term report counts the
    # rating — the root of the member's cell then, or of a unit that was a TCCSĐ then — and
    # the quota group: the member's TCCSĐ, or that unit's root. Both empty when the rating is
    # counted by no root (no member then; a unit that was not a TCCSĐ).
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



class ClosedYear(models.Model):
    """A root's board closed the ratings of a year: later changes need an override."""

    root = models.ForeignKey(Org, verbose_name=_("đảng bộ cấp trên"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    closed_at = models.DateTimeField(_("thời điểm khóa"), auto_now_add=True)

    class Meta:
        verbose_name = _("năm đã khóa đánh giá")
        verbose_name_plural = _("năm đã khóa đánh giá")
        constraints = [models.UniqueConstraint(fields=["root", "year"], name="closed_year_unique")]


class RatingTally(models.Model):
    """How many current ratings each root's report counts, per year, subject kind and level
    (`Rating.scope_root`): kept by the database's own triggers on every write to the ratings
    (migration `members/0007_report_tallies`), so the term report reads a few thousand rows instead of every rating of
    the country, and no write path can forget it."""

    scope_root = models.ForeignKey(Org, verbose_name=_("đảng bộ cấp trên"), on_delete=models.CASCADE, related_name="+",
                                   db_constraint=False)
    year = models.PositiveSmallIntegerField(_("năm"))
    subject_kind = models.CharField(_("đối tượng"), max_length=10, choices=SUBJECT_CHOICES)
    level = models.CharField(_("xếp loại"), max_length=20, choices=RATING_CHOICES)
    n = models.BigIntegerField(_("số xếp loại"))

    class Meta:
        verbose_name = _("số xếp loại theo đảng bộ")
        verbose_name_plural = _("số xếp loại theo đảng bộ")
        constraints = [models.UniqueConstraint(fields=["scope_root", "year", "subject_kind", "level"], name="rating_tally_key")]
