"""Training classes and enrolments."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Recorded
from dangbo.members.models import Person
from dangbo.orgs.models import Org

from .choices import CLASS_KIND_CHOICES, RESULT_CHOICES


class TrainingClass(Recorded):
    """A class of one kind organized by a unit."""

    code = models.CharField(_("mã lớp"), max_length=40)
    name = models.CharField(_("tên lớp"), max_length=300)
    kind = models.CharField(_("loại lớp"), max_length=20, choices=CLASS_KIND_CHOICES)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"), null=True, blank=True)
    org = models.ForeignKey(Org, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("lớp học")
        verbose_name_plural = _("lớp học")
        # one current record per code: a corrected copy keeps the code, the voided one stays
        constraints = [models.UniqueConstraint(fields=["code"], condition=models.Q(voided_at__isnull=True), name="class_code_current")]


class Enrolment(Recorded):
    """A person in a class, with the result and the certificate date."""

    training_class = models.ForeignKey(TrainingClass, verbose_name=_("lớp"), on_delete=models.PROTECT, related_name="enrolments",
                                       db_index=False)  # the partial index below
    person = models.ForeignKey(Person, verbose_name=_("học viên"), on_delete=models.PROTECT, related_name="enrolments")
    result = models.CharField(_("kết quả"), max_length=20, choices=RESULT_CHOICES, blank=True, default="")
    certificate_date = models.DateField(_("ngày cấp chứng chỉ"), null=True, blank=True)

    class Meta:
        verbose_name = _("học viên")
        verbose_name_plural = _("học viên")
        # A class's current learners; the term report counts them per class from the index alone.
        indexes = [models.Index(fields=["training_class"], condition=models.Q(voided_at__isnull=True), name="enrolment_class")]

    @property
    def completed(self) -> bool:
        return self.result in ("", "hoan_thanh")
