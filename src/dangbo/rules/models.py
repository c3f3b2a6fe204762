"""Versioned rule values, the public holiday table and the overrides of blocking rules."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RuleVersion(models.Model):
    """A rule value in force from `valid_from` until the next version of the same code."""

    code = models.CharField(_("mã quy định"), max_length=60)
    name = models.CharField(_("tên"), max_length=200)
    value = models.JSONField(_("giá trị"), null=True)
    valid_from = models.DateField(_("áp dụng từ ngày"))
    source = models.CharField(_("văn bản căn cứ"), max_length=200)
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"), default=timezone.now)

    class Meta:
        verbose_name = _("phiên bản quy định")
        verbose_name_plural = _("các quy định")
        constraints = [models.UniqueConstraint(fields=["code", "valid_from"], name="rule_version_unique")]
        ordering = ["code", "valid_from"]

    def __str__(self) -> str:
        return f"{self.code} từ {self.valid_from}: {self.value}"


class Holiday(models.Model):
    """A public holiday (not a working day); Vietnamese holidays are preloaded by `init`."""

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên ngày nghỉ"), max_length=120)

    class Meta:
        verbose_name = _("ngày nghỉ lễ")
        verbose_name_plural = _("ngày nghỉ lễ")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class Override(models.Model):
    """A blocking regulatory rule set aside for one record, with the written reason."""

    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người quyết định"), null=True,
                             blank=True, on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(_("quy định"), max_length=60)
    object_type = models.CharField(_("loại bản ghi"), max_length=60)
    object_id = models.BigIntegerField(_("mã bản ghi"))
    message = models.TextField(_("nội dung vi phạm"))
    reason = models.TextField(_("lý do cho phép"))

    class Meta:
        verbose_name = _("cho phép vượt quy định")
        verbose_name_plural = _("các lần cho phép vượt quy định")
        indexes = [models.Index(fields=["object_type", "object_id"])]
