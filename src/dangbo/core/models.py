"""The record base every stored fact shares: when and by whom it was recorded, and voiding.

Nothing is deleted: a wrong record is voided (with who, when and why) or superseded by a
correcting record. `recorded_at`/`voided_at` give the second time axis, so the data can be
read as it stood at any past moment (bitemporal).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RecordQuerySet(models.QuerySet):
    def current(self):
        """Records not voided."""
        return self.filter(voided_at__isnull=True)

    def as_recorded(self, moment):
        """Records as the database knew them at `moment` (recorded by then, not yet voided)."""
        return self.filter(Q(recorded_at__lte=moment) & (Q(voided_at__isnull=True) | Q(voided_at__gt=moment)))

    def known_at(self, moment=None):
        """`current()` when `moment` is None, else `as_recorded(moment)`."""
        return self.current() if moment is None else self.as_recorded(moment)


class Recorded(models.Model):
    """Abstract base: recording time, recorder, source import, voiding and superseding."""

    # No index on these columns: no query looks rows up by who recorded them, by batch or by
    # replacement, and "recorded by moment T" matches nearly every row. Each index would cost
    # every insert of a national import (tens of millions of rows) for nothing. Nor a database
    # constraint on the who/which-batch/replacement pointers: users, import batches and records
    # are never deleted (PROTECT), so it could never fire, and it costs a trigger per row.
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False,
    )
    batch = models.ForeignKey(
        "exchange.ImportBatch", verbose_name=_("lần nhập"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False,
    )
    voided_at = models.DateTimeField(_("thời điểm hủy"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người hủy"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False,
    )
    void_reason = models.TextField(_("lý do hủy"), blank=True, default="")
    superseded_by = models.ForeignKey(
        "self", verbose_name=_("được thay bằng"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False,
    )

    objects = RecordQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None
