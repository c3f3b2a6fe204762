"""Persons (members and non-members), member events, membership spells and candidates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Recorded
from dangbo.orgs.models import Org

from .choices import MEMBER_EVENT_CHOICES, SEX_CHOICES, STATUS_CHOICES


class Person(models.Model):
    """A person known to the bloc: a member, a candidate, or a non-member in a class."""

    code = models.CharField(_("mã người"), max_length=40, unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    search_name = models.CharField(_("tên không dấu"), max_length=200, db_index=True)
    # Lists order people the Vietnamese way, by tên then họ đệm (domain.text.sort_key).
    sort_name = models.CharField(_("khóa sắp xếp theo tên"), max_length=640, default="", db_index=True)
    birth_date = models.DateField(_("ngày sinh"))
    sex = models.CharField(_("giới tính"), max_length=3, choices=SEX_CHOICES)
    citizen_id = models.CharField(_("số CCCD"), max_length=12, null=True, blank=True, unique=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=100, blank=True, default="")
    religion = models.CharField(_("tôn giáo"), max_length=100, blank=True, default="")
    hometown = models.CharField(_("quê quán"), max_length=300, blank=True, default="")
    position = models.CharField(_("chức vụ"), max_length=300, blank=True, default="")
    qualification = models.CharField(_("trình độ chuyên môn"), max_length=200, blank=True, default="")
    theory_level = models.CharField(_("trình độ lý luận chính trị"), max_length=200, blank=True, default="")
    # The rest of the member's file (member-file.md; domain.member_file lists every detail).
    # Coded details hold the code; text kept from before they were coded is shown "chưa rõ".
    birth_name = models.CharField(_("họ tên khai sinh"), max_length=200, blank=True, default="")
    other_names = models.CharField(_("tên gọi khác"), max_length=200, blank=True, default="")
    birth_place = models.CharField(_("nơi sinh"), max_length=300, blank=True, default="")
    permanent_address = models.CharField(_("nơi thường trú"), max_length=300, blank=True, default="")
    temporary_address = models.CharField(_("nơi tạm trú"), max_length=300, blank=True, default="")
    family_background = models.CharField(_("thành phần gia đình"), max_length=200, blank=True, default="")
    occupation = models.CharField(_("nghề nghiệp"), max_length=300, blank=True, default="")
    general_education = models.CharField(_("giáo dục phổ thông"), max_length=20, blank=True, default="")
    field_of_study = models.CharField(_("chuyên ngành"), max_length=200, blank=True, default="")
    academic_title = models.CharField(_("học hàm"), max_length=20, blank=True, default="")
    foreign_language = models.CharField(_("ngoại ngữ"), max_length=200, blank=True, default="")
    it_skill = models.CharField(_("tin học"), max_length=200, blank=True, default="")
    ethnic_language = models.CharField(_("tiếng dân tộc thiểu số"), max_length=200, blank=True, default="")
    youth_union_date = models.DateField(_("ngày vào Đoàn"), null=True, blank=True)
    enlistment_date = models.DateField(_("ngày nhập ngũ"), null=True, blank=True)
    discharge_date = models.DateField(_("ngày xuất ngũ"), null=True, blank=True)
    file_no = models.CharField(_("số lý lịch"), max_length=40, blank=True, default="")
    # Raised by every change: an edit made on an older version is refused as a conflict.
    version = models.PositiveIntegerField(_("phiên bản"), default=1, db_default=1)

    class Meta:
        verbose_name = _("người")
        verbose_name_plural = _("người")

    def __str__(self) -> str:
        return f"{self.full_name} ({self.code})"


class DetailChange(models.Model):
    """A change of one of a person's details that took effect on a date (a degree obtained, a
    new post): kept so that the yearly supplement (Phiếu bổ sung hồ sơ đảng viên) lists a
    year's changes and a statistic on a past date reads the details as they stood. The
    person's own field holds the latest value. Never edited: a mistaken change is corrected
    by a later one."""

    person = models.ForeignKey(Person, verbose_name=_("người"), on_delete=models.PROTECT, related_name="detail_changes",
                               db_index=False)  # (person, column, date) below
    column = models.CharField(_("thông tin (cột nguoi)"), max_length=40)
    date = models.DateField(_("có hiệu lực từ ngày"))
    before = models.CharField(_("trước"), max_length=300, blank=True, default="")
    after = models.CharField(_("sau"), max_length=300, blank=True, default="")
    recorded_at = models.DateTimeField(_("ghi lúc"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("thay đổi thông tin đảng viên")
        verbose_name_plural = _("thay đổi thông tin đảng viên")
        indexes = [models.Index(fields=["person", "column", "date"], name="detailchange_person"),
                   # A statistic on a past date finds the changes made after it.
                   models.Index(fields=["date"], name="detailchange_date")]


class NameKey(models.Model):
    """The folded name of a person from one of its words on ("van an" of "nguyen van an"):
    a search for what the words of a name begin with is one range of an ordered index (in
    byte order on PostgreSQL, whatever the database's collation), read in order and stopped
    at a page, however many of the national register's names match. Derived from the name:
    rewritten with it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_keys", verbose_name=_("người"),
                               db_index=False)  # (person, position) below serves a person's keys
    position = models.PositiveSmallIntegerField(_("từ thứ"))
    key = models.CharField(_("tên từ từ này"), max_length=200)

    class Meta:
        verbose_name = _("khóa tìm tên")
        verbose_name_plural = _("khóa tìm tên")
        indexes = [models.Index(fields=["key", "person"], name="namekey_key_person"),
                   # A match is a person's first: whether an earlier word matched too is asked
                   # of this index, not of the key range.
                   models.Index(fields=["person", "position"], name="namekey_person_position")]


class MemberEvent(Recorded):
    """A member event (domain.md), with its own columns of the exchange format."""

    date = models.DateField(_("ngày hiệu lực"))
    kind = models.CharField(_("loại biến động"), max_length=20, choices=MEMBER_EVENT_CHOICES)
    person = models.ForeignKey(Person, verbose_name=_("người"), on_delete=models.PROTECT, related_name="events",
                               db_index=False)  # (person, date) below serves every lookup by person
    cell = models.ForeignKey(Org, verbose_name=_("chi bộ"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             db_index=False)
    status = models.CharField(_("trạng thái"), max_length=12, choices=STATUS_CHOICES, blank=True, default="")
    admission_date = models.DateField(_("ngày kết nạp"), null=True, blank=True)
    ceremony_date = models.DateField(_("ngày lễ kết nạp"), null=True, blank=True)
    official_date = models.DateField(_("ngày chính thức"), null=True, blank=True)
    badge_received = models.PositiveSmallIntegerField(_("huy hiệu đã nhận (năm)"), null=True, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    early = models.BooleanField(_("trao sớm"), default=False)
    card_no = models.CharField(_("số thẻ"), max_length=8, blank=True, default="")
    badge_years = models.PositiveSmallIntegerField(_("mốc huy hiệu (năm)"), null=True, blank=True)
    decision_no = models.CharField(_("số quyết định"), max_length=100, blank=True, default="")
    note = models.TextField(_("ghi chú"), blank=True, default="")
    # The two official members who introduced an admission (member-file.md): a person code of
    # the register, or the name of someone outside it.
    introducer_1 = models.CharField(_("người giới thiệu thứ nhất"), max_length=200, blank=True, default="")
    introducer_2 = models.CharField(_("người giới thiệu thứ hai"), max_length=200, blank=True, default="")
    # Derived, like the spells (rewritten with them, never typed): the root whose register
    # counts this event — the root of the member's cell at the end of the judged day (the
    # event's day, or the day before for an event that takes the member out), empty when the
    # person was no member then. The term report counts events by it without a join.
    scope_root = models.ForeignKey(Org, verbose_name=_("đảng bộ cấp trên tính biến động"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+", db_index=False)

    class Meta:
        verbose_name = _("biến động đảng viên")
        verbose_name_plural = _("biến động đảng viên")
        indexes = [
            models.Index(fields=["person", "date"]),
            # A unit event finds who was in its cells for part of a day by the events naming them.
            models.Index(fields=["cell", "date"], name="memberevent_cell"),
            # Expulsions are judged with the discipline rows, by date.
            models.Index(fields=["date"], condition=models.Q(kind="khai_tru"), name="memberevent_expulsion"),
            # The term report reads the events of a period's partial months (the rest from the tally).
            models.Index(fields=["date", "kind", "scope_root"], condition=models.Q(voided_at__isnull=True),
                         name="memberevent_scope"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.kind} {self.person_id}"


class MemberEventTally(models.Model):
    """How many current member events each root's report counts, per month and kind
    (`MemberEvent.scope_root`), kept by the database's own triggers (migration 0007): the
    term report adds whole months from here and reads the events of the period's first and
    last partial months only."""

    scope_root = models.ForeignKey(Org, verbose_name=_("đảng bộ cấp trên"), on_delete=models.CASCADE, related_name="+",
                                   db_constraint=False)
    month = models.DateField(_("tháng (ngày đầu tháng)"))
    kind = models.CharField(_("loại biến động"), max_length=20, choices=MEMBER_EVENT_CHOICES)
    n = models.BigIntegerField(_("số biến động"))

    class Meta:
        verbose_name = _("số biến động theo tháng")
        verbose_name_plural = _("số biến động theo tháng")
        constraints = [models.UniqueConstraint(fields=["scope_root", "month", "kind"], name="memberevent_tally_key")]


class MemberSpell(models.Model):
    """A person's membership as it stood from `valid_from` to `valid_to` (exclusive).

    Derived from the events (and the unit events that carry members along) by the replay
    engine; rebuilt, never edited by hand.
    """

    person = models.ForeignKey(Person, verbose_name=_("người"), on_delete=models.CASCADE, related_name="spells",
                               db_index=False)  # (person, valid_from) below
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến trước ngày"), null=True, blank=True)
    cell = models.ForeignKey(Org, verbose_name=_("chi bộ"), on_delete=models.CASCADE, related_name="+",
                             db_index=False)  # (cell, valid_from) below
    status = models.CharField(_("trạng thái"), max_length=12, choices=STATUS_CHOICES)
    exempt = models.BooleanField(_("miễn sinh hoạt"), default=False)
    party_age_from = models.DateField(_("tuổi đảng tính từ"))
    ceremony_date = models.DateField(_("ngày lễ kết nạp"), null=True, blank=True)
    official_date = models.DateField(_("ngày chính thức"), null=True, blank=True)
    card_no = models.CharField(_("số thẻ"), max_length=8, blank=True, default="")
    badge_years = models.PositiveSmallIntegerField(_("huy hiệu đã nhận (năm)"), null=True, blank=True)
    # The person's sex, copied here so that the register on a date counts women without
    # joining every person (kept equal to Person.sex by every write of either).
    sex = models.CharField(_("giới tính"), max_length=3, choices=SEX_CHOICES, default="", db_default="")

    class Meta:
        verbose_name = _("quá trình sinh hoạt")
        verbose_name_plural = _("quá trình sinh hoạt")
        indexes = [
            # Covering on PostgreSQL: a subtree's register on a day (a province's term report)
            # is read cell by cell from the index alone, not from every open spell in the land.
            models.Index(fields=["cell", "valid_from"], include=["valid_to", "status", "sex", "exempt"],
                         name="memberspell_cell_day"),
            models.Index(fields=["person", "valid_from"]),
        ]


class WorkHistory(Recorded):
    """A line of the work history of the member's file (sheet `qua_trinh_cong_tac`): from a
    month to a month (empty: to now), the work, post and unit."""

    person = models.ForeignKey(Person, verbose_name=_("người"), on_delete=models.PROTECT, related_name="work_history")
    from_month = models.DateField(_("từ tháng"))  # the month's first day
    to_month = models.DateField(_("đến tháng"), null=True, blank=True)
    content = models.CharField(_("công việc, chức vụ, đơn vị"), max_length=500)

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")


class FamilyMember(Recorded):
    """A relative in the member's file (sheet `gia_dinh`): sensitive personal data."""

    person = models.ForeignKey(Person, verbose_name=_("người"), on_delete=models.PROTECT, related_name="family")
    relation = models.CharField(_("quan hệ"), max_length=40)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    content = models.CharField(_("quê quán, nơi ở, nghề nghiệp, thái độ chính trị"), max_length=1000, blank=True, default="")

    class Meta:
        verbose_name = _("quan hệ gia đình")
        verbose_name_plural = _("quan hệ gia đình")


class Photo(models.Model):
    """The member's 3×4 photo, kept with the person (a JPEG, at most 600 px high), printed on
    the papers. The latest is the file's; earlier ones are kept, never overwritten."""

    person = models.ForeignKey(Person, verbose_name=_("người"), on_delete=models.PROTECT, related_name="photos")
    image = models.BinaryField(_("ảnh (JPEG)"))
    uploaded_at = models.DateTimeField(_("tải lên lúc"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")


class IntroductionLetter(models.Model):
    """A letter of introduction for a transferred member (Giấy giới thiệu sinh hoạt đảng),
    numbered in its issuing committee's register of introductions (Sổ giới thiệu sinh hoạt
    đảng, 10-SHĐ): the next number of the year when first printed, the same when printed
    again. A letter is never renumbered nor deleted; a voided transfer's letter stays."""

    event = models.OneToOneField(MemberEvent, verbose_name=_("biến động chuyển sinh hoạt"), on_delete=models.PROTECT,
                                 related_name="introduction")
    issuer = models.ForeignKey(Org, verbose_name=_("cấp ủy giới thiệu"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    issued_on = models.DateField(_("ngày giới thiệu"))
    destination = models.CharField(_("nơi đến"), max_length=300, blank=True, default="")
    recorded_at = models.DateTimeField(_("ghi lúc"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("giấy giới thiệu sinh hoạt đảng")
        verbose_name_plural = _("sổ giới thiệu sinh hoạt đảng")
        constraints = [models.UniqueConstraint(fields=["issuer", "year", "number"], name="introduction_number")]


class Candidate(Recorded):
    """A candidate (quần chúng ưu tú) followed by a cell, with the date the file was opened."""

    person = models.ForeignKey(Person, verbose_name=_("người"), on_delete=models.PROTECT, related_name="candidacies")
    cell = models.ForeignKey(Org, verbose_name=_("chi bộ theo dõi"), on_delete=models.PROTECT, related_name="+")
    file_opened = models.DateField(_("ngày mở hồ sơ"))
    note = models.TextField(_("ghi chú"), blank=True, default="")
    documents = models.JSONField(_("giấy tờ đã có"), default=list, blank=True)

    class Meta:
        verbose_name = _("quần chúng ưu tú")
        verbose_name_plural = _("quần chúng ưu tú")
