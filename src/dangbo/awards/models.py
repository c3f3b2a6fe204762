"""Awards granted and award proposals to higher bodies."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Recorded
from dangbo.members.models import Person
from dangbo.orgs.models import Org

from .choices import FORM_CHOICES, STATUS_CHOICES, SUBJECT_CHOICES


class Award(Recorded):
    """An award (or a proposal for one) to a collective or an individual."""

    date = models.DateField(_("ngày"), db_index=True)
    form = models.CharField(_("hình thức"), max_length=24, choices=FORM_CHOICES)
    subject_kind = models.CharField(_("đối tượng"), max_length=10, choices=SUBJECT_CHOICES)
    subject_org = models.ForeignKey(Org, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    subject_person = models.ForeignKey(Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT, related_name="awards")
    status = models.CharField(_("trạng thái"), max_length=12, choices=STATUS_CHOICES, blank=True, default="")
    granted_by = models.ForeignKey(Org, verbose_name=_("đơn vị khen / đề nghị"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    content = models.TextField(_("nội dung"), blank=True, default="")
    decision_no = models.CharField(_("số quyết định"), max_length=100, blank=True, default="")

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
