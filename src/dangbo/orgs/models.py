"""Organizations: identity, the events that shape them, and their effective-dated versions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Recorded

from .choices import LEVEL_CHOICES, ORG_EVENT_CHOICES, ORG_TYPE_CHOICES


class Org(models.Model):
    """A party organization's identity: its code never changes and is never reused."""

    code = models.CharField(_("mã tổ chức"), max_length=40, unique=True)
    settings = models.JSONField(_("thiết lập văn bản"), default=dict, blank=True)

    class Meta:
        verbose_name = _("tổ chức đảng")
        verbose_name_plural = _("tổ chức đảng")

    def __str__(self) -> str:
        return self.code


class OrgEvent(Recorded):
    """An organization event (domain.md): the source of truth for the tree's history."""

    date = models.DateField(_("ngày hiệu lực"), db_index=True)
    kind = models.CharField(_("loại biến động"), max_length=20, choices=ORG_EVENT_CHOICES)
    org = models.ForeignKey(Org, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="events")
    name = models.CharField(_("tên"), max_length=300, blank=True, default="")
    level = models.CharField(_("cấp"), max_length=20, choices=LEVEL_CHOICES, blank=True, default="")
    org_type = models.CharField(_("loại hình"), max_length=20, choices=ORG_TYPE_CHOICES, blank=True, default="")
    parent = models.ForeignKey(Org, verbose_name=_("tổ chức cấp trên"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey(Org, verbose_name=_("tổ chức nhận sáp nhập"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    decision_no = models.CharField(_("số quyết định"), max_length=100, blank=True, default="")
    note = models.TextField(_("ghi chú"), blank=True, default="")

    class Meta:
        verbose_name = _("biến động tổ chức")
        verbose_name_plural = _("biến động tổ chức")
        indexes = [models.Index(fields=["org", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.kind} {self.org_id}"


class OrgVersion(models.Model):
    """A unit as it stood from `valid_from` to `valid_to` (exclusive; empty: still so).

    Derived from the events by the replay engine; rebuilt, never edited by hand. `path` is
    the chain of ids from the root, "/1/7/42/", so a subtree on a date is a prefix match.
    """

    org = models.ForeignKey(Org, verbose_name=_("tổ chức"), on_delete=models.CASCADE, related_name="versions")
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến trước ngày"), null=True, blank=True)
    name = models.CharField(_("tên"), max_length=300)
    level = models.CharField(_("cấp"), max_length=20, choices=LEVEL_CHOICES)
    org_type = models.CharField(_("loại hình"), max_length=20, choices=ORG_TYPE_CHOICES, blank=True, default="")
    parent = models.ForeignKey(Org, verbose_name=_("tổ chức cấp trên"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="+")
    root = models.ForeignKey(Org, verbose_name=_("đảng bộ cấp trên"), on_delete=models.CASCADE, related_name="+")
    path = models.CharField(_("đường dẫn"), max_length=400)
    depth = models.PositiveSmallIntegerField(_("độ sâu"))

    class Meta:
        verbose_name = _("phiên bản tổ chức")
        verbose_name_plural = _("phiên bản tổ chức")
        indexes = [
            models.Index(fields=["root", "valid_from"]),
            models.Index(fields=["org", "valid_from"]),
            models.Index(fields=["path"], name="orgversion_path", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["parent", "valid_from"]),
        ]


class RootMerge(models.Model):
    """A root that merged into another root on a date: the lineage a report follows."""

    merged = models.ForeignKey(Org, verbose_name=_("đảng bộ được hợp nhất"), on_delete=models.CASCADE, related_name="+")
    into = models.ForeignKey(Org, verbose_name=_("đảng bộ mới"), on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("ngày"))

    class Meta:
        verbose_name = _("hợp nhất đảng bộ")
        verbose_name_plural = _("hợp nhất đảng bộ")
