"""Cell meetings (sinh hoạt chi bộ) and attendance."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Recorded
from dangbo.members.models import Person
from dangbo.orgs.models import Org

from .choices import ATTENDANCE_CHOICES, KIND_CHOICES


class Meeting(Recorded):
    """A regular or thematic meeting of a cell."""

    code = models.CharField(_("mã buổi sinh hoạt"), max_length=40, unique=True)
    cell = models.ForeignKey(Org, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=10, choices=KIND_CHOICES)
    topic = models.TextField(_("nội dung"), blank=True, default="")
    minutes = models.TextField(_("biên bản"), blank=True, default="", db_default="")

    class Meta:
        verbose_name = _("buổi sinh hoạt chi bộ")
        verbose_name_plural = _("sinh hoạt chi bộ")


class Attendance(Recorded):
    """One member's attendance at one meeting."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("buổi sinh hoạt"), on_delete=models.PROTECT, related_name="attendance")
    person = models.ForeignKey(Person, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("tình trạng"), max_length=20, choices=ATTENDANCE_CHOICES)

    class Meta:
        verbose_name = _("dự sinh hoạt")
        verbose_name_plural = _("dự sinh hoạt")
