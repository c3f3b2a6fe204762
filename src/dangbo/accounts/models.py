"""Grants: a role on a unit and (optionally) everything below it, for a period."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.orgs.models import Org

from .choices import ROLE_CHOICES


class Grant(models.Model):
    """(user, role, unit, include sub-units, valid from, valid to): what a user may see and do."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.PROTECT, related_name="grants")
    role = models.CharField(_("vai trò"), max_length=20, choices=ROLE_CHOICES)
    org = models.ForeignKey(Org, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                            help_text=_("Để trống với quản trị hệ thống: toàn bộ dữ liệu."))
    include_subunits = models.BooleanField(_("gồm các đơn vị trực thuộc"), default=True)
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.org or 'toàn hệ thống'}"


class ApiToken(models.Model):
    """A bearer token for the REST API; only its SHA-256 is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(_("tên"), max_length=100)
    key_hash = models.CharField(_("mã băm"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa truy cập API")
        verbose_name_plural = _("khóa truy cập API")
