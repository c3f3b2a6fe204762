"""The audit log: every write, export of personal data and sign-in, kept for good."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnly(models.QuerySet):
    """The log's rows are never changed or removed through the application."""

    def update(self, **kwargs):
        raise PermissionError("Nhật ký hệ thống không sửa được.")

    def delete(self):
        raise PermissionError("Nhật ký hệ thống không xóa được.")


class AuditEntry(models.Model):
    """One audited action, written in the same transaction as the change it describes."""

    objects = AppendOnly.as_manager()

    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), null=True,
                             blank=True, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("nguồn"), max_length=40, default="", blank=True)
    address = models.CharField(_("địa chỉ"), max_length=64, default="", blank=True)
    action = models.CharField(_("hành động"), max_length=60, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=60, default="", blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=60, default="", blank=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    reason = models.TextField(_("lý do"), default="", blank=True)

    class Meta:
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký hệ thống")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update"):
            raise PermissionError("Nhật ký hệ thống không sửa được.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Nhật ký hệ thống không xóa được.")
