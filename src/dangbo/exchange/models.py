"""Imports of exchange-format workbooks: applied and refused, each kept on record."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One import attempt: the file, its content hash, the outcome and the summary."""

    APPLIED, REFUSED = "applied", "refused"
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(_("tệp"), max_length=500)
    content_hash = models.CharField(_("mã băm nội dung"), max_length=64, db_index=True)
    status = models.CharField(_("kết quả"), max_length=10, choices=[(APPLIED, _("Đã nhập")), (REFUSED, _("Bị từ chối"))])
    summary = models.JSONField(_("tóm tắt"), default=dict)
    problems = models.JSONField(_("lỗi và cảnh báo"), default=list)

    class Meta:
        verbose_name = _("lần nhập dữ liệu")
        verbose_name_plural = _("các lần nhập dữ liệu")
        constraints = [models.UniqueConstraint(fields=["content_hash"], condition=Q(status="applied"), name="import_once")]
