"""The kept tally of the basic statistics of the whole register (`stats.tally`): every
member's steps summed by key and day, so that the statistics of every root on any day read
a few thousand rows instead of every member (member-file.md; issue 23's `dangbo stats --all`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TallyStep(models.Model):
    """How many members start (n > 0) or stop (n < 0) counting under `key` on `day`, over the
    whole register: the count on a day is the sum of a key's steps up to it."""

    key = models.CharField(_("chỉ số"), max_length=40)
    day = models.DateField(_("ngày"))
    n = models.IntegerField(_("số"))

    class Meta:
        verbose_name = _("bước của bảng đếm thống kê")
        verbose_name_plural = _("bảng đếm thống kê")
        constraints = [models.UniqueConstraint(fields=["key", "day"], name="stats_tallystep_key_day")]


class Contribution(models.Model):
    """One person's steps as the tally holds them (packed), so that a later change of the
    person takes off exactly what was added."""

    person_id = models.BigIntegerField(_("người"), primary_key=True)
    steps = models.BinaryField(_("các bước"))

    class Meta:
        verbose_name = _("phần đếm của một người")
        verbose_name_plural = _("phần đếm của từng người")


class Pending(models.Model):
    """A person whose spells or counted details changed since the tally last read them: put
    here by triggers on the spells, the persons and the dated changes, whatever wrote them
    (a service, an import, a migration), and taken by the next refresh."""

    person_id = models.BigIntegerField(_("người"))

    class Meta:
        verbose_name = _("người chờ đếm lại")
        verbose_name_plural = _("người chờ đếm lại")


class TallyState(models.Model):
    """One row: whether the tally holds every person (a first load in bulk sets the triggers
    aside and clears it), and for which keys (a new code rebuilds it)."""

    built = models.BooleanField(_("đã dựng"), default=False)
    keys = models.CharField(_("dấu của các chỉ số"), max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("trạng thái bảng đếm thống kê")
        verbose_name_plural = _("trạng thái bảng đếm thống kê")
