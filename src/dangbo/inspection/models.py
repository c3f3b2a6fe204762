"""Inspections, supervisions and discipline (confidential records)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Recorded
from dangbo.members.models import Person
from dangbo.orgs.models import Org

from .choices import BODY_CHOICES, DISCIPLINE_CHOICES, FORM_CHOICES, SUBJECT_CHOICES


class Inspection(Recorded):
    """One inspection or supervision (a lượt) of a unit or a member by a unit's body."""

    date = models.DateField(_("ngày"), db_index=True)
    form = models.CharField(_("hình thức"), max_length=10, choices=FORM_CHOICES)
    actor = models.ForeignKey(Org, verbose_name=_("chủ thể"), on_delete=models.PROTECT, related_name="+")
    body = models.CharField(_("cơ quan"), max_length=10, choices=BODY_CHOICES)
    subject_kind = models.CharField(_("đối tượng"), max_length=10, choices=SUBJECT_CHOICES)
    subject_org = models.ForeignKey(Org, verbose_name=_("tổ chức được kiểm tra"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    subject_person = models.ForeignKey(Person, verbose_name=_("đảng viên được kiểm tra"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    content = models.TextField(_("nội dung"), blank=True, default="")
    conclusion = models.TextField(_("kết luận"), blank=True, default="")

    class Meta:
        verbose_name = _("kiểm tra, giám sát")
        verbose_name_plural = _("kiểm tra, giám sát")


class Discipline(Recorded):
    """A discipline of a unit or a member; `khai_tru` of a member ends the membership."""

    date = models.DateField(_("ngày"), db_index=True)
    subject_kind = models.CharField(_("đối tượng"), max_length=10, choices=SUBJECT_CHOICES)
    subject_org = models.ForeignKey(Org, verbose_name=_("tổ chức bị kỷ luật"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    subject_person = models.ForeignKey(Person, verbose_name=_("đảng viên bị kỷ luật"), null=True, blank=True, on_delete=models.PROTECT, related_name="disciplines")
    form = models.CharField(_("hình thức"), max_length=12, choices=DISCIPLINE_CHOICES)
    decided_by = models.ForeignKey(Org, verbose_name=_("cơ quan quyết định"), on_delete=models.PROTECT, related_name="+")
    decision_no = models.CharField(_("số quyết định"), max_length=100, blank=True, default="")
    note = models.TextField(_("ghi chú"), blank=True, default="")

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
